using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// The operator at 3 a.m.: with Postgres down, the turn runner's sweep and every scheduled job logged an ERROR with a
/// stack trace at each tick (an audit, 2026-12-05). Now each background loop logs its first failure in full, then one
/// `still failing` line a minute, and `working again after N failures in …` once the database is back
/// (docs/decisions.md#configuration). The whole host runs on a fake clock moved by the test, on a Postgres it stops.
/// </summary>
[LongRunning(1)]
public sealed class LoopLogsDuringOutageTests
{
    const int FailureStreakFirst = 170, FailureStreakStill = 171, FailureStreakRecovered = 172;

    /// <summary>The loops of a host running both roles that read the database on their own, as their lines name them.</summary>
    static readonly string[] Loops =
    [
        "Dispatch loop respostas", "Dispatch loop proativas", "Notification dispatch loop",
        "Sweep of unprocessed inbound messages", "Job fila-recuperacao",
    ];

    static readonly string[] LoopCategories = ["Julia.Queue.QueueDispatcher", "Julia.Notifications.NotificationDispatcher",
        "Julia.Conversations.TurnRunner", "Julia.Jobs.JobScheduler"];

    [Fact]
    public async Task EachLoopLogsOneErrorThenAWarningAMinuteAndOneLineWhenTheDatabaseIsBack()
    {
        await using var postgres = await PrivatePostgresServer.StartAsync();
        using var redis = TestRedis.Lease();
        // Monday 10:00 in São Paulo: business hours, so the jobs kept to them run too.
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T13:00:00Z"));
        await using var app = new JuliaAppFactory(postgres.Url, redis.Url, new Dictionary<string, string?>
        {
            ["Jobs:Scheduler"] = "true",
            ["Conversations:SweepIntervalSeconds"] = "10",
        }, s => s.AddSingleton<TimeProvider>(clock));
        _ = app.Server;
        var logs = app.Logs;
        // Up and working: the every-minute job has run once on the live database.
        await logs.AssertLoggedAsync(l => l.Message.StartsWith("Job fila-recuperacao:", StringComparison.Ordinal), "of the first job run", seconds: 30);
        await AdvanceAsync(clock, TimeSpan.FromSeconds(15));

        // Counted from before the stop: under load the loops fail while `pg_ctl stop` is still ending the sessions.
        var before = logs.Lines.Count;
        await postgres.StopAsync();
        await AdvanceAsync(clock, TimeSpan.FromMinutes(3) + TimeSpan.FromSeconds(30));
        var down = logs.Lines.Skip(before).ToList();

        var report = string.Join("\n", down.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.EventId} {Cut(l.Message)}"));
        foreach (var loop in Loops)
        {
            Assert.True(Of(down, loop, FailureStreakFirst).Count == 1, $"{loop}: expected one ERROR line for the outage\n{report}");
            var still = Of(down, loop, FailureStreakStill);
            // At most one a minute: the dispatchers fail every second (200 times here), a job at each of its runs.
            Assert.True(still.Count is >= 1 and <= 4, $"{loop}: {still.Count} `still failing` lines in 3.5 minutes, expected one a minute at most\n{report}");
            Assert.All(still, l => Assert.Equal(LogLevel.Warning, l.Level));
            Assert.All(still, l => Assert.Matches(@"still failing \(\d+ times in a row for \d+ min \d+ s, \w+\)", l.Message));
        }
        // Nothing else at ERROR from these loops: no stack trace per tick.
        var errors = down.Where(l => l.Level >= LogLevel.Error && LoopCategories.Contains(l.Category)).ToList();
        Assert.True(errors.All(l => l.EventId == FailureStreakFirst),
            $"ERROR lines other than a streak's first:\n{string.Join("\n", errors.Where(l => l.EventId != FailureStreakFirst).Select(l => Cut(l.Message)))}");

        await postgres.StartAgainAsync();
        var back = logs.Lines.Count;
        for (var i = 0; i < 240 && !Loops.All(loop => Of(logs.Lines.Skip(back).ToList(), loop, FailureStreakRecovered).Count > 0); i++)
            await AdvanceAsync(clock, TimeSpan.FromSeconds(1));
        var after = logs.Lines.Skip(back).ToList();
        foreach (var loop in Loops)
        {
            var recovered = Of(after, loop, FailureStreakRecovered);
            Assert.True(recovered.Count == 1, $"{loop}: {recovered.Count} `working again` lines\n{string.Join("\n", after.Select(l => Cut(l.Message)))}");
            Assert.Equal(LogLevel.Information, recovered[0].Level);
            Assert.Matches(@"working again after \d+ failures in \d+ min \d+ s$", recovered[0].Message);
        }
    }

    static List<CapturedLogs.Line> Of(IEnumerable<CapturedLogs.Line> lines, string loop, int eventId) =>
        lines.Where(l => l.EventId == eventId && l.Message.StartsWith(loop + " ", StringComparison.Ordinal)).ToList();

    /// <summary>Moves the host's clock a second at a time, giving its loops the wall-clock time to run each second's work.</summary>
    static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan by)
    {
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromSeconds(1))
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(30);
        }
    }

    static string Cut(string s) => s.Length > 300 ? s[..300] + "…" : s;
}
