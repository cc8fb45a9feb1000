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
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || OffsetEnd().IsMatch(text);
        if (hasOffset)
            return DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out at);
        if (!DateTime.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var local)) return false;
        at = new DateTimeOffset(local, Zone.GetUtcOffset(local));
        return true;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")]
    private static partial System.Text.RegularExpressions.Regex IsoStart();

    [System.Text.RegularExpressions.GeneratedRegex(@"[+-]\d{2}:?\d{2}$")]
    private static partial System.Text.RegularExpressions.Regex OffsetEnd();
}
