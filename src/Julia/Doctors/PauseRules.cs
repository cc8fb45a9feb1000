using System.Globalization;
using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;

namespace Julia.Doctors;

/// <summary>Why a pause was not recorded; each caller words it for its reader (the model, a recruiter, an operator).</summary>
internal enum PauseRefusal { OptedOut, NoReason, Unreadable, NotAhead, TooFar }

/// <summary>
/// The rules of a contact pause, one for every writer — `pausar_contato`, the `/pausar` note and
/// POST /admin/medicos/{id}/pausar (docs/decisions.md#contact-pause): the day is the first one (São Paulo) on which he
/// may be contacted again; it must be after today and at most <see cref="MaxMonths"/> months ahead, with a reason, and
/// he must not have opted out. Refused, never clamped: whoever asked is told what was stored, so it must be what they said.
/// </summary>
internal static partial class PauseRules
{
    public const int MaxMonths = 12, MaxReasonChars = 200;

    public static DateOnly Today(DateTimeOffset now) => DateOnly.FromDateTime(SaoPaulo.ToLocal(now).DateTime);

    public static DateOnly Latest(DateOnly today) => today.AddMonths(MaxMonths);

    /// <summary>
    /// The first refusal, null when the pause can be recorded. The date before the reason: a note `/pausar licença`
    /// (the date forgotten) must be told about the date, not asked for a reason it has.
    /// </summary>
    public static PauseRefusal? Check(bool optedOut, string? reason, DateOnly? day, DateOnly today) =>
        optedOut ? PauseRefusal.OptedOut
        : day is not { } d ? PauseRefusal.Unreadable
        : d <= today ? PauseRefusal.NotAhead
        : d > Latest(today) ? PauseRefusal.TooFar
        : string.IsNullOrWhiteSpace(reason) ? PauseRefusal.NoReason
        : null;

    /// <summary>The reason as stored: trimmed, at most <see cref="MaxReasonChars"/> characters.</summary>
    public static string Reason(string reason) => TextPrefix.Of(reason.Trim(), MaxReasonChars);

    /// <summary>00:00 in São Paulo of <paramref name="day"/>: what `contato_pausado_ate` holds.</summary>
    public static DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, SaoPaulo.Zone.GetUtcOffset(local));
    }

    /// <summary>The São Paulo day of a stored `contato_pausado_ate` (UTC): the day given when it was recorded.</summary>
    public static DateOnly DayOf(DateTime storedUtc) =>
        DateOnly.FromDateTime(SaoPaulo.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(storedUtc, DateTimeKind.Utc))).DateTime);

    /// <summary>"2027-03-01" (or an ISO date-time, whose day is taken), as the tool and the admin API take it; null otherwise.</summary>
    public static DateOnly? ParseIso(string? text) =>
        text?.Trim() is { Length: >= 10 } t && DateOnly.TryParseExact(t[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            && (t.Length == 10 || t[10] is 'T' or ' ')
            ? d : null;

    /// <summary>
    /// A date as a recruiter types it: `15/03/2027`, `15/3/27`, `15/03` (the next 15/03 from today), `15-03-2027`,
    /// `15.03.2027` or `2027-03-15`; null when it is none of these or no such day exists (31/02).
    /// </summary>
    public static DateOnly? ParseTyped(string? word, DateOnly today)
    {
        if (word is null) return null;
        if (ParseIso(word) is { } iso && word.Trim().Length == 10) return iso;
        var m = DayMonth().Match(word.Trim());
        if (!m.Success) return null;
        var day = int.Parse(m.Groups["d"].Value, CultureInfo.InvariantCulture);
        var month = int.Parse(m.Groups["m"].Value, CultureInfo.InvariantCulture);
        if (m.Groups["y"].Success)
        {
            var year = int.Parse(m.Groups["y"].Value, CultureInfo.InvariantCulture);
            return Date(year < 100 ? 2000 + year : year, month, day);
        }
        // No year: the next such day — "15/03" typed in December is next March, never a date already gone; today's own
        // date stays today (and is refused as not ahead), never a pause of a whole year.
        return Date(today.Year, month, day) is { } thisYear && thisYear >= today ? thisYear : Date(today.Year + 1, month, day);
    }

    static DateOnly? Date(int year, int month, int day) =>
        month is >= 1 and <= 12 && year is >= 1 and <= 9999 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

    [GeneratedRegex(@"^(?<d>\d{1,2})[/.-](?<m>\d{1,2})(?:[/.-](?<y>\d{4}|\d{2}))?$")]
    private static partial Regex DayMonth();
}
