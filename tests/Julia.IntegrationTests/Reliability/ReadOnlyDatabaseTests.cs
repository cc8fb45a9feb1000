using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "database read-only" (fifth drill): what Supabase does when the disk fills — the database's
/// default becomes `default_transaction_read_only = on` and the sessions are ended, so every write fails with SQLSTATE
/// 25006 while reads (and `SELECT 1`) still work. Webhooks answer 503 (Evolution re-sends), `/health/ready` says so,
/// turns and sends caught mid-way wait, and once the database is writable again every message is answered once.
/// </summary>
[LongRunning(1)]
public sealed class ReadOnlyDatabaseTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ADatabaseTurnedReadOnlyAnswers503ReportsItAndEveryMessageIsAnsweredOnceAfter()
    {
        await using var rig = await FaultRig.StartAsync();
        // Claude takes 3 s, so the first doctors' turns are running when the database turns read-only.
        rig.Anthropic.Override = _ => FakeAnthropic.Text(FakeModelServer.DefaultReply) with { Delay = TimeSpan.FromSeconds(3) };
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string>
        {
            ["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "15",
            ["Conversations__SweepIntervalSeconds"] = "3", ["Conversations__SweepAgeSeconds"] = "3",
        });
        var messages = new DoctorMessages(series: 91, count: 10);
        var before = messages.All.Take(4).ToList();
        var during = messages.All.Skip(4).ToList();

        await messages.PostEachAsync(() => julia.Http, before);
        await SetReadOnlyAsync(rig, true);
        await messages.PostEachAsync(() => julia.Http, during, parallel: 1);
        var duringStatuses = during.SelectMany(messages.Statuses).ToList();
        var whileReadOnly = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Readiness.ReadAsync(julia), s => s.Code != 200, pollMilliseconds: 250));
        await Task.Delay(TimeSpan.FromSeconds(8)); // turns, the sweeper and the dispatcher meet the read-only database
        var sentWhileReadOnly = rig.Evolution.Sends.Count();
        await SetReadOnlyAsync(rig, false);
        await messages.RedeliverUntilAcceptedAsync(julia.Http);
        var after = await Readiness.WaitForAsync(julia, "ready");

        output.WriteLine($"observed: before [{string.Join(' ', before.SelectMany(messages.Statuses))}], while read-only " +
                         $"[{string.Join(' ', duringStatuses)}]; /health/ready {whileReadOnly}; {sentWhileReadOnly} sends by the end of the read-only spell; after {after}");
        Assert.All(before.SelectMany(messages.Statuses), s => Assert.Equal(200, s));
        Assert.True(duringStatuses.All(s => s == 503), $"webhooks answered [{string.Join(' ', duringStatuses)}] while read-only, expected 503 each\n{rig.Logs()}");
        Assert.Equal((503, "unavailable", "somente_leitura"), (whileReadOnly.Code, whileReadOnly.Status, whileReadOnly.Database));
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All);
        Assert.False(julia.HasExited);
        Assert.Equal("ready", after.Status);
        output.WriteLine($"{rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors");
    }

    /// <summary>Supabase's switch (and its undoing): the database's default, then every other session of it ended so the new default applies.</summary>
    static async Task SetReadOnlyAsync(FaultRig rig, bool on)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        var name = await c.ExecuteScalarAsync<string>("SELECT current_database()");
        await c.ExecuteAsync("SET default_transaction_read_only = off");
        await c.ExecuteAsync(on ? $"ALTER DATABASE \"{name}\" SET default_transaction_read_only = on" : $"ALTER DATABASE \"{name}\" RESET default_transaction_read_only");
        await c.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()");
    }
}
