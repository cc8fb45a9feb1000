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

    bool IsWorkingDay(DateOnly day) => days.Contains(day.DayOfWeek) && !holidays.Contains(day);
}
