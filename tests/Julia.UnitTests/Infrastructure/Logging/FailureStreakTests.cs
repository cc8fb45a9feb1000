using Julia.Infrastructure.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Julia.UnitTests.Infrastructure.Logging;

/// <summary>
/// A loop failing every second during a ten-minute database outage logged an ERROR with a stack trace each time (an outside
/// pass, 2026-12-02): now the first failure in full, then one summary a minute, and the count once it works again.
/// </summary>
public sealed class FailureStreakTests
{
    [Fact]
    public void TheFirstFailureInFullThenOneLineAMinuteAndTheCountOnRecovery()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
        var streak = new FailureStreak(time);
        var reports = new List<FailureStreak.Report>();

        for (var second = 0; second < 600; second++)
        {
            reports.Add(streak.Fail());
            time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(FailureStreak.Report.First, reports[0]);
        Assert.Equal(1, reports.Count(r => r == FailureStreak.Report.First));
        Assert.Equal(9, reports.Count(r => r == FailureStreak.Report.Still)); // minutes 1 … 9
        Assert.Equal(600, streak.Succeed());
        Assert.Equal(0, streak.Succeed());
        Assert.Equal(FailureStreak.Report.First, streak.Fail()); // a new streak starts in full again
    }
}
