namespace Julia.Infrastructure.Time;

/// <summary>The business clock: America/Sao_Paulo (TIMEZONE), for anything a person sees or a rule depends on.</summary>
internal static partial class SaoPaulo
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    public static DateTimeOffset ToLocal(DateTimeOffset instant, TimeZoneInfo? zone = null) => TimeZoneInfo.ConvertTime(instant, zone ?? Zone);

    /// <summary>
    /// An ISO 8601 date and time (`AAAA-MM-DDTHH:MM[:SS]`, `T` or a space), with its offset or `Z` when it has one, else
    /// on the São Paulo clock. Anything else — "12/03/2026 10:00", which .NET reads month first — is refused, never guessed.
    /// </summary>
    public static bool TryParseIso(string? text, out DateTimeOffset at)
    {
        at = default;
        if (string.IsNullOrWhiteSpace(text) || !IsoStart().IsMatch(text = text.Trim())) return false;
        // Whether it has an offset is what the parser found, not a pattern of ours: "10:00-03" (an hour-only offset) was
        // taken for a time without one, converted by .NET to the server's zone, and that wall time read as São Paulo's.
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (!DateTime.TryParse(text, invariant, System.Globalization.DateTimeStyles.RoundtripKind, out var parsed)) return false;
        if (parsed.Kind != DateTimeKind.Unspecified)
            return DateTimeOffset.TryParse(text, invariant, System.Globalization.DateTimeStyles.None, out at);
        at = new DateTimeOffset(parsed, Zone.GetUtcOffset(parsed));
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial System.Text.RegularExpressions.Regex IsoStart();
}
