using Julia.Infrastructure.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Julia.UnitTests.Infrastructure.Logging;

/// <summary>
/// A loop failing every second during a ten-minute database outage logged an ERROR with a stack trace each time (an outside
/// pass, 2026-12-02): now the first failure in full, then one summary a minute, and one line once it works again — with
/// the count and how long it lasted, even after a single failure (its ERROR had no end before, 2026-12-05).
/// </summary>
public sealed class FailureStreakTests
{
    [Fact]
    public void TheFirstFailureInFullThenOneLineAMinuteAndTheCountOnRecovery()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
        var log = new ListLogger();
        var streak = new FailureStreak("Sweep of things", "next sweep in 1 s", time, log);

        for (var second = 0; second < 600; second++)
        {
            streak.Fail(new TimeoutException("the database did not answer"));
            time.Advance(TimeSpan.FromSeconds(1));
        }
        streak.Succeed();
        streak.Succeed();

        var first = Assert.Single(log.All, l => l.Level == LogLevel.Error);
        Assert.Equal("Sweep of things failed; next sweep in 1 s", first.Message);
        Assert.IsType<TimeoutException>(first.Exception);
        Assert.Equal(log.All[0], first);
        var still = log.All.Where(l => l.Level == LogLevel.Warning).ToList();
        Assert.Equal(9, still.Count); // minutes 1 … 9
        Assert.All(still, l => Assert.Null(l.Exception));
        Assert.Equal("Sweep of things still failing (61 times in a row for 1 min 0 s, TimeoutException); next sweep in 1 s", still[0].Message);
        var recovered = Assert.Single(log.All, l => l.Level == LogLevel.Information);
        Assert.Equal("Sweep of things working again after 600 failures in 10 min 0 s", recovered.Message);
        Assert.Equal(log.All[^1], recovered);
        Assert.Equal(3, log.All.Select(l => l.EventId).Distinct().Count());

        log.All.Clear();
        streak.Fail(new InvalidOperationException());
        Assert.Equal(LogLevel.Error, Assert.Single(log.All).Level); // a new streak starts in full again
    }

    [Fact]
    public void OneFailureAloneStillSaysWhenItIsOver()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
        var log = new ListLogger();
        var streak = new FailureStreak("Job x", "it runs again at its next interval (1 min)", time, log);

        streak.Fail(new TimeoutException());
        time.Advance(TimeSpan.FromSeconds(30));
        streak.Succeed();

        Assert.Equal([LogLevel.Error, LogLevel.Information], log.All.Select(l => l.Level));
        Assert.Equal("Job x working again after 1 failures in 30 s", log.All[1].Message);
    }

    /// <summary>
    /// The reply dispatcher's loops share one streak: a loop whose claim began before another loop's failure finished
    /// fine, ended the streak a second old ("working again after 1 failures") and the next failure logged a second ERROR.
    /// </summary>
    [Fact]
    public void AnAttemptBegunBeforeTheFailureDoesNotEndTheStreak()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T10:00:00Z"));
        var log = new ListLogger();
        var streak = new FailureStreak("Dispatch loop respostas", "continuing", time, log);

        var early = streak.Attempt();           // loop B claims before the database goes
        streak.Fail(new TimeoutException());    // loop A fails
        streak.Succeed(early);                  // loop B's claim ends well: no proof of anything
        streak.Fail(new TimeoutException());    // loop C fails: still the same outage
        Assert.Equal([LogLevel.Error], log.All.Select(l => l.Level));

        time.Advance(TimeSpan.FromSeconds(5));
        streak.Succeed(streak.Attempt());       // an attempt begun after the failures: the outage is over
        Assert.Equal([LogLevel.Error, LogLevel.Information], log.All.Select(l => l.Level));
        Assert.Equal("Dispatch loop respostas working again after 2 failures in 5 s", log.All[1].Message);
    }

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(59, "59 s")]
    [InlineData(60, "1 min 0 s")]
    [InlineData(3599, "59 min 59 s")]
    [InlineData(3600 * 2 + 180 + 5, "2 h 3 min")]
    public void AnOutageLengthReadsAsAnOperatorSaysIt(int seconds, string expected) =>
        Assert.Equal(expected, FailureStreak.Duration(TimeSpan.FromSeconds(seconds)));
}
