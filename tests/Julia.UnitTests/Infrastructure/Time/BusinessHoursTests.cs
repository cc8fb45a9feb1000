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

/// <summary>What the reminder tool tells the model when a time is closed (an outside pass, 2026-12-02): the configured hours, the nearest valid minute.</summary>
public sealed class BusinessHoursWordsTests
{
    static DateTimeOffset Sp(string local) => new(DateTime.Parse(local), TimeSpan.FromHours(-3));

    static BusinessHours Hours(string start = "08:00", string end = "20:00", string days = "1-5", string holidays = "") =>
        new(Options.Create(new BusinessHoursOptions { Start = start, End = end, Weekdays = days, Holidays = holidays }));

    [Fact]
    public void TheHoursAreDescribedAsConfigured()
    {
        Assert.Equal("seg a sex, 8h às 20h", Hours().Describe());
        Assert.Equal("seg a sáb, 9h às 18h30, exceto feriados", Hours("09:00", "18:30", "1-6", "2026-12-25").Describe());
        Assert.Equal("todos os dias, o dia todo", Hours("00:00", "00:00", "1-7").Describe());
        Assert.Equal("seg, qua, sex, 8h às 20h", Hours(days: "1,3,5").Describe());
    }

    [Theory]
    [InlineData("2026-12-04 20:00:00", "2026-12-04 19:59:00")] // Friday night: Friday's last minute, not Monday
    [InlineData("2026-12-05 10:00:00", "2026-12-04 19:59:00")] // Saturday
    [InlineData("2026-12-03 07:00:00", "2026-12-02 19:59:00")] // before Thursday's opening: Wednesday's last minute
    public void TheLastOpenMinuteBeforeAClosedTime(string closed, string last) =>
        Assert.Equal(Sp(last), Hours().LastOpenMinuteBefore(Sp(closed)));

    /// <summary>
    /// The time the reminder tool proposes is one it would accept: within 30 days. Asked at Friday 10:00 for Sunday 31/01
    /// 09:00 (29 days 23 h ahead), Monday 08:00 is nearer than Friday 19:59 but past the 30 days — proposing it, the doctor
    /// said yes and the tool then refused it ("Só consigo agendar até 30 dias à frente").
    /// </summary>
    [Theory]
    [InlineData("2027-01-01 10:00:00", "2027-01-31 09:00:00", "2027-01-29 19:59:00")] // Monday 01/02 08:00 is past the 30 days
    [InlineData("2027-01-01 10:00:00", "2027-01-30 21:00:00", "2027-01-29 19:59:00")]
    [InlineData("2026-12-04 19:56:00", "2026-12-04 20:00:00", "2026-12-07 08:00:00")] // 19:59 is less than 5 min ahead
    [InlineData("2026-12-04 10:00:00", "2026-12-04 20:00:00", "2026-12-04 19:59:00")] // Friday 20:00 → Friday 19:59
    [InlineData("2026-12-04 10:00:00", "2026-12-06 20:00:00", "2026-12-07 08:00:00")] // Sunday night → Monday
    public void TheNearestValidTimeIsOneTheToolAccepts(string now, string closed, string nearest) =>
        Assert.Equal(Sp(nearest), Hours().NearestOpenMinute(Sp(closed), Sp(now) + TimeSpan.FromMinutes(5), Sp(now) + TimeSpan.FromDays(30)));

    [Fact]
    public void NoValidTimeInTheRangeIsNull() =>
        // Christmas to New Year closed: nothing open between the earliest and the latest allowed.
        Assert.Null(Hours(holidays: "2026-12-28,2026-12-29,2026-12-30,2026-12-31").NearestOpenMinute(
            Sp("2026-12-29 10:00:00"), Sp("2026-12-26 10:00:00"), Sp("2026-12-31 23:00:00")));
}

public sealed class IsoTimeTests
{
    [Theory]
    [InlineData("2026-12-03T10:00", "2026-12-03T13:00:00Z")]        // no offset: São Paulo
    [InlineData("2026-12-03 10:00:00", "2026-12-03T13:00:00Z")]
    [InlineData("2026-12-03T10:00:00Z", "2026-12-03T10:00:00Z")]
    [InlineData("2026-12-03T10:00:00-03:00", "2026-12-03T13:00:00Z")]
    [InlineData("2026-12-03T10:00:00+0100", "2026-12-03T09:00:00Z")]
    // An hour-only offset is ISO 8601 too: it was taken for "no offset", .NET then converted it to the server's zone
    // and that wall time was read as São Paulo's — three hours late on a UTC container.
    [InlineData("2026-12-03T10:00-03", "2026-12-03T13:00:00Z")]
    [InlineData("2026-12-03T10:00:00+01", "2026-12-03T09:00:00Z")]
    [InlineData("2026-12-03T22:30:00.000-03:00", "2026-12-04T01:30:00Z")]
    public void IsoTimesAreReadWithTheirOffsetOrOnTheSaoPauloClock(string text, string utc)
    {
        Assert.True(SaoPaulo.TryParseIso(text, out var at));
        Assert.Equal(DateTimeOffset.Parse(utc), at);
    }

    [Theory]
    [InlineData("12/03/2026 10:00")]   // .NET reads it as 3 December; a Brazilian means 12 March
    [InlineData("03/12 10:00")]
    [InlineData("amanhã 10:00")]
    [InlineData("2026-12-03")]
    [InlineData("")]
    public void AnythingButIsoIsRefusedNotGuessed(string text) => Assert.False(SaoPaulo.TryParseIso(text, out _));
}
