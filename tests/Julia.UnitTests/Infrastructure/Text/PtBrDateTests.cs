using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Infrastructure.Text;

/// <summary>A moment as a doctor reads it: weekday, day/month and time, on the wall clock given (docs/decisions.md#agent).</summary>
public sealed class PtBrDateTests
{
    [Theory]
    [InlineData(2026, 12, 11, 14, 0, "sexta-feira 11/12 às 14:00")]
    [InlineData(2026, 12, 14, 8, 5, "segunda-feira 14/12 às 08:05")]
    [InlineData(2027, 1, 2, 19, 59, "sábado 02/01 às 19:59")]
    public void AMomentIsWeekdayDateAndTime(int year, int month, int day, int hour, int minute, string expected) =>
        Assert.Equal(expected, PtBrDate.DayDateAndTime(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(-3))));
}
