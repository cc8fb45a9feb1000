using Julia.Infrastructure.Time;
using Microsoft.Extensions.Options;

namespace Julia.UnitTests.Infrastructure.Time;

public sealed class BusinessHoursTests
{
    static readonly BusinessHours Hours = new(Options.Create(new BusinessHoursOptions { Holidays = "2026-12-25" }));

    static DateTimeOffset Sp(string local) => new(DateTime.Parse(local), TimeSpan.FromHours(-3));

    [Theory]
    [InlineData("2026-11-25 08:00:00", true)]   // Wednesday opening
    [InlineData("2026-11-25 07:59:59", false)]
    [InlineData("2026-11-25 19:59:59", true)]
    [InlineData("2026-11-25 20:00:00", false)]  // end is exclusive
    [InlineData("2026-11-28 10:00:00", false)]  // Saturday
    [InlineData("2026-12-25 10:00:00", false)]  // FERIADOS
    public void OpenOnlyOnWeekdaysFromEightToBeforeEight(string local, bool open) => Assert.Equal(open, Hours.IsOpen(Sp(local)));

    [Fact]
    public void FridayNightOpensOnMondayMorning() =>
        Assert.Equal(Sp("2026-11-30 08:00:00"), Hours.NextOpening(Sp("2026-11-27 20:00:00")));

    [Fact]
    public void EarlyMorningOpensTheSameDay() =>
        Assert.Equal(Sp("2026-11-25 08:00:00"), Hours.NextOpening(Sp("2026-11-25 06:30:00")));

    [Fact]
    public void UtcInstantsAreJudgedOnTheSaoPauloClock() =>
        Assert.False(Hours.IsOpen(DateTimeOffset.Parse("2026-11-25T23:30:00Z"))); // 20:30 in São Paulo

    [Theory]
    [InlineData("2026-11-28 23:59:59")]
    [InlineData("2026-11-29 00:00:00")]
    public void EqualStartAndEndWithAllDaysMeansAlwaysOpen(string local) =>
        Assert.True(new BusinessHours(Options.Create(new BusinessHoursOptions { Start = "00:00", End = "00:00", Weekdays = "1-7" })).IsOpen(Sp(local)));

    [Theory]
    [InlineData("2026-11-25 09:40:00", "2026-11-25 08:00:00")]
    [InlineData("2026-11-25 06:00:00", "2026-11-25 08:00:00")] // not open yet: today's opening is still ahead
    [InlineData("2026-11-25 23:30:00", "2026-11-25 08:00:00")] // 02:30 UTC the next day, still the 25th in São Paulo
    public void TheOpeningOfADayIsOnTheSaoPauloClock(string local, string opening) =>
        Assert.Equal(Sp(opening), Hours.OpeningOf(Sp(local)));
}
