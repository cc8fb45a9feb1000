using Julia.Infrastructure.Logging;

namespace Julia.UnitTests.Infrastructure.Logging;

public sealed class LogThrottleTests
{
    [Fact]
    public void OneLinePerIntervalWhateverTheRateOfCalls()
    {
        var throttle = new LogThrottle(TimeSpan.FromMinutes(1));
        var start = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

        var logged = Enumerable.Range(0, 600).Count(second => throttle.ShouldLog(start.AddSeconds(second * 0.5)));

        Assert.Equal(5, logged); // 0:00, 1:00, 2:00, 3:00, 4:00 of five minutes
        Assert.False(throttle.ShouldLog(start.AddSeconds(299.5)));
        Assert.True(throttle.ShouldLog(start.AddMinutes(5)));
    }

    [Fact]
    public void TheLineWrittenSaysHowManyWereLeftOut()
    {
        var throttle = new LogThrottle(TimeSpan.FromMinutes(1));
        var start = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

        Assert.True(throttle.ShouldLog(start, out var first));
        Assert.Equal(0, first);
        for (var i = 1; i <= 199; i++) Assert.False(throttle.ShouldLog(start.AddSeconds(i * 0.05), out _));
        Assert.True(throttle.ShouldLog(start.AddMinutes(1), out var next));
        Assert.Equal(199, next);
    }
}
