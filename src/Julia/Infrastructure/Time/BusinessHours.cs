using System.Globalization;
using Julia.Infrastructure.Configuration;
using Microsoft.Extensions.Options;

namespace Julia.Infrastructure.Time;

internal sealed class BusinessHoursOptions
{
    public const string Section = "BusinessHours";
    public string TimeZone { get; set; } = "America/Sao_Paulo";
    public string Start { get; set; } = "08:00";
    public string End { get; set; } = "20:00";
    public string Weekdays { get; set; } = "1-5";
    public string Holidays { get; set; } = "";
}

/// <summary>
/// Horário comercial, one definition everywhere (docs/decisions.md#configuration): weekday in DIAS_UTEIS and HORARIO_INICIO ≤ t &lt; HORARIO_FIM
/// on the São Paulo clock, minus FERIADOS. The end is exclusive: 19:59:59 is open, 20:00:00 is closed. Equal start and
/// end mean the whole day.
/// </summary>
internal sealed class BusinessHours
{
    readonly TimeZoneInfo zone;
    readonly TimeOnly start, end;
    readonly IReadOnlySet<DayOfWeek> days;
    readonly HashSet<DateOnly> holidays;

    public BusinessHours(IOptions<BusinessHoursOptions> options)
    {
        var o = options.Value;
        zone = TimeZoneInfo.FindSystemTimeZoneById(o.TimeZone);
        start = TimeOnly.ParseExact(o.Start.PadLeft(5, '0'), "HH:mm", CultureInfo.InvariantCulture);
        end = TimeOnly.ParseExact(o.End.PadLeft(5, '0'), "HH:mm", CultureInfo.InvariantCulture);
        Configuration.Weekdays.TryParse(o.Weekdays, out days);
        holidays = o.Holidays.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToHashSet();
    }

    public TimeZoneInfo Zone => zone;

    public bool IsOpen(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        // HORARIO_INICIO = HORARIO_FIM means the whole day.
        return IsWorkingDay(DateOnly.FromDateTime(local.DateTime)) && (start == end || (time >= start && time < end));
    }

    /// <summary>The next instant the business opens (now, when open).</summary>
    public DateTimeOffset NextOpening(DateTimeOffset instant)
    {
        if (IsOpen(instant)) return instant;
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) >= start) day = day.AddDays(1);
        for (var i = 0; i < 370; i++, day = day.AddDays(1))
        {
            if (!IsWorkingDay(day)) continue;
            var opening = day.ToDateTime(start);
            return new DateTimeOffset(opening, zone.GetUtcOffset(opening));
        }
        throw new InvalidOperationException("DIAS_UTEIS/FERIADOS leave no working day");
    }

    /// <summary>When the business opened (or opens) on the local day of <paramref name="instant"/>, working day or not.</summary>
    public DateTimeOffset OpeningOf(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var opening = DateOnly.FromDateTime(local.DateTime).ToDateTime(start == end ? TimeOnly.MinValue : start);
        return new DateTimeOffset(opening, zone.GetUtcOffset(opening));
    }

    /// <summary>
    /// The last minute open before <paramref name="instant"/> (a closed instant; within a year), or null: with the next
    /// opening, the two candidates for "the nearest valid time" (Friday 20:00 is nearer Friday 19:59 than Monday 08:00).
    /// </summary>
    public DateTimeOffset? LastOpenMinuteBefore(DateTimeOffset instant)
    {
        if (start == end) return null; // all day: a closed instant is a closed day; its eve's last minute is 23:59
        var local = TimeZoneInfo.ConvertTime(instant, zone);
        var day = DateOnly.FromDateTime(local.DateTime);
        if (TimeOnly.FromDateTime(local.DateTime) < end) day = day.AddDays(-1);
        for (var i = 0; i < 370; i++, day = day.AddDays(-1))
        {
            if (!IsWorkingDay(day)) continue;
            var last = day.ToDateTime(end).AddMinutes(-1);
            return new DateTimeOffset(last, zone.GetUtcOffset(last));
        }
        return null;
    }

    /// <summary>
    /// The open minute nearest a closed <paramref name="instant"/> among those in [<paramref name="earliest"/>,
    /// <paramref name="latest"/>]: the last open minute before it or the next opening, whichever is nearer and allowed
    /// (Friday 20:00 → Friday 19:59, not Monday 08:00). Null when neither is allowed. A time proposed to the doctor is
    /// one the reminder tool accepts (docs/decisions.md#proactive).
    /// </summary>
    public DateTimeOffset? NearestOpenMinute(DateTimeOffset instant, DateTimeOffset earliest, DateTimeOffset latest)
    {
        var next = NextOpening(instant);
        DateTimeOffset? after = next >= earliest && next <= latest ? next : null;
        DateTimeOffset? before = LastOpenMinuteBefore(instant) is { } b && b >= earliest && b <= latest ? b : null;
        return (before, after) switch
        {
            ({ } x, { } y) => instant - x < y - instant ? x : y,
            _ => before ?? after,
        };
    }

    /// <summary>The hours as a person reads them: "seg a sex, 8h às 20h, exceto feriados".</summary>
    public string Describe()
    {
        string[] names = ["dom", "seg", "ter", "qua", "qui", "sex", "sáb"];
        var ordered = Enumerable.Range(1, 7).Select(i => (DayOfWeek)(i % 7)).Where(days.Contains).ToList();
        var contiguous = ordered.Count > 1 && ordered.Select(d => ((int)d + 6) % 7).Zip(ordered.Skip(1).Select(d => ((int)d + 6) % 7)).All(p => p.Second == p.First + 1);
        var dayText = ordered.Count == 7 ? "todos os dias"
            : contiguous ? $"{names[(int)ordered[0]]} a {names[(int)ordered[^1]]}"
            : string.Join(", ", ordered.Select(d => names[(int)d]));
        var hours = start == end ? "o dia todo" : $"{Hour(start)} às {Hour(end)}";
        return $"{dayText}, {hours}{(holidays.Count > 0 ? ", exceto feriados" : "")}";
    }

    static string Hour(TimeOnly t) => t.Minute == 0 ? $"{t.Hour}h" : $"{t.Hour}h{t.Minute:00}";

    bool IsWorkingDay(DateOnly day) => days.Contains(day.DayOfWeek) && !holidays.Contains(day);
}
