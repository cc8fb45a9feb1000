using Julia.Infrastructure.Configuration;

namespace Julia.UnitTests.Infrastructure.Configuration;

public sealed class WeekdaysTests
{
    [Fact]
    public void RangeOneToFiveIsMondayToFriday()
    {
        Assert.True(Weekdays.TryParse("1-5", out var days));
        Assert.Equal([DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], days.OrderBy(d => d));
    }

    [Fact]
    public void SevenIsSundayAndListsWork()
    {
        Assert.True(Weekdays.TryParse("6,7", out var days));
        Assert.Equal([DayOfWeek.Sunday, DayOfWeek.Saturday], days.OrderBy(d => d));
        Assert.True(Weekdays.TryParse("1-7", out var all));
        Assert.Equal(7, all.Count);
    }

    [Theory]
    [InlineData("0-5")]
    [InlineData("1-8")]
    [InlineData("seg-sex")]
    [InlineData("")]
    public void InvalidDaysAreRefused(string text) => Assert.False(Weekdays.TryParse(text, out _));
}
