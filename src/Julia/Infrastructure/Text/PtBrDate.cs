using System.Globalization;

namespace Julia.Infrastructure.Text;

/// <summary>Dates in pt-BR: a shift's day as staff notes and the agent's context write it ("sex 12/06"), and a moment as a doctor reads it.</summary>
internal static class PtBrDate
{
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    public static string DayAndDate(DateOnly date) =>
        $"{PtBr.DateTimeFormat.GetAbbreviatedDayName(date.DayOfWeek)} {date.ToString("dd'/'MM", CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A moment as a message to a doctor says it: "sexta-feira 12/12 às 14:00" (the shift's day as <c>Shift.DayText</c> writes
    /// it, then the time); <paramref name="local"/> is already on the wall clock meant (docs/decisions.md#agent).
    /// </summary>
    public static string DayDateAndTime(DateTimeOffset local) =>
        $"{PtBr.DateTimeFormat.GetDayName(local.DayOfWeek)} {local.ToString("dd'/'MM", CultureInfo.InvariantCulture)} às {local.ToString("HH':'mm", CultureInfo.InvariantCulture)}";
}
