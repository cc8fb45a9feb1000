using System.Globalization;

namespace Julia.Infrastructure.Text;

/// <summary>A shift's day as staff notes and the agent's context write it: "sex 12/06" (pt-BR weekday, day/month).</summary>
internal static class PtBrDate
{
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    public static string DayAndDate(DateOnly date) =>
        $"{PtBr.DateTimeFormat.GetAbbreviatedDayName(date.DayOfWeek)} {date.ToString("dd'/'MM", CultureInfo.InvariantCulture)}";
}
