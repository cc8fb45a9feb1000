using Julia.Infrastructure.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Julia.UnitTests.Infrastructure.Logging;

/// <summary>
/// A loop failing every second during a ten-minute database outage logged an ERROR with a stack trace each time (an outside
/// pass, 2026-12-02): now the first failure in full, then a summary a minute for the first 5 minutes, every 5 minutes to
/// the hour and every 15 after (a one-hour outage wrote ~400 WARNING lines across the loops, 2026-12-05), and one line
/// once it works again — with the count and how long it lasted, even after a single failure (its ERROR had no end before).
/// </summary>
public sealed class FailureStreakTests
{
    [Fact]
    public void TheFirstFailureInFullThenSummariesAndTheCountOnRecovery()
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
        Assert.Equal(5, still.Count); // minutes 1 … 5; the next would be at 10
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

    /// <summary>
    /// A loop failing every second through a three-hour outage: a line at minutes 1–5, then every 5 minutes to the hour,
    /// then every 15 — each with the count and the time so far, so the operator who opens the log late still reads how
    /// long it has lasted.
    /// </summary>
    [Fact]
    public void ALongOutageIsSummarisedLessAndLessOften()
    {
        var start = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
        var time = new FakeTimeProvider(start);
        var log = new ListLogger();
        var streak = new FailureStreak("Dispatch loop respostas", "continuing", time, log);

        var at = new List<TimeSpan>();
        for (var second = 0; second <= 3 * 3600; second++)
        {
            var before = log.All.Count;
            streak.Fail(new TimeoutException());
            if (log.All.Count > before && log.All[^1].Level == LogLevel.Warning) at.Add(time.GetUtcNow() - start);
            time.Advance(TimeSpan.FromSeconds(1));
        }

        int[] minutes = [1, 2, 3, 4, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55, 60, 75, 90, 105, 120, 135, 150, 165, 180];
        Assert.Equal(minutes.Select(m => TimeSpan.FromMinutes(m)), at);
        var still = log.All.Where(l => l.Level == LogLevel.Warning).Select(l => l.Message).ToList();
        Assert.Equal("Dispatch loop respostas still failing (601 times in a row for 10 min 0 s, TimeoutException); continuing", still[5]);
        Assert.Equal("Dispatch loop respostas still failing (10801 times in a row for 3 h 0 min, TimeoutException); continuing", still[^1]);
        Assert.Single(log.All, l => l.Level == LogLevel.Error);
    }

    /// <summary>
    /// A job failing at its own pace (every 7 minutes here) is summarised at its failures, never closer than the rule allows
    /// and never more than one of its intervals later.
    /// </summary>
    [Fact]
    public void ASlowLoopIsSummarisedAtItsOwnFailuresWithinTheRule()
    {
        var start = DateTimeOffset.Parse("2026-12-02T10:00:00Z");
        var time = new FakeTimeProvider(start);
        var log = new ListLogger();
        var streak = new FailureStreak("Job lembretes", "it runs again at its next interval (7 min)", time, log);
        var every = TimeSpan.FromMinutes(7);

        var at = new List<TimeSpan> { TimeSpan.Zero };
        for (var t = TimeSpan.Zero; t <= TimeSpan.FromHours(4); t += every)
        {
            var before = log.All.Count;
            streak.Fail(new InvalidOperationException());
            if (t > TimeSpan.Zero && log.All.Count > before) at.Add(t);
            time.Advance(every);
        }

        Assert.True(at.Count > 10, string.Join(", ", at));
        for (var i = 1; i < at.Count; i++)
        {
            var gap = FailureStreak.Gap(at[i - 1]);
            Assert.InRange(at[i] - at[i - 1], gap, gap + every);
        }
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(4 * 60 + 59, 1)]
    [InlineData(5 * 60, 5)]
    [InlineData(59 * 60 + 59, 5)]
    [InlineData(3600, 15)]
    [InlineData(24 * 3600, 15)]
    public void TheGapGrowsWithTheOutage(int secondsInto, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), FailureStreak.Gap(TimeSpan.FromSeconds(secondsInto)));

    [Theory]
    [InlineData(0, "0 s")]
    [InlineData(59, "59 s")]
    [InlineData(60, "1 min 0 s")]
    [InlineData(3599, "59 min 59 s")]
    [InlineData(3600 * 2 + 180 + 5, "2 h 3 min")]
    public void AnOutageLengthReadsAsAnOperatorSaysIt(int seconds, string expected) =>
        Assert.Equal(expected, FailureStreak.Duration(TimeSpan.FromSeconds(seconds)));
}
