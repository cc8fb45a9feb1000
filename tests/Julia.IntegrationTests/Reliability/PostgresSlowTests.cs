using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "tables locked" and "redelivery storm": Postgres up but not answering for some tables, and
/// Evolution's re-sends hitting two api processes at once while Postgres restarts.
/// </summary>
[LongRunning(1)]
public sealed class PostgresSlowTests(ITestOutputHelper output)
{
    static readonly TimeSpan LockedFor = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Another session holds `fila_mensagens` and `conversations` in SHARE mode for 20 s — what a `CREATE INDEX` without
    /// `CONCURRENTLY` takes for as long as it builds: reads go on, every write to those tables waits.
    /// </summary>
    [Fact]
    public async Task TablesLockedByAnIndexBuildFor20SecondsStillAcceptEveryWebhookAndLoseNothing()
    {
        await using var rig = await FaultRig.StartAsync();
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string> { ["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "15" });
        var messages = new DoctorMessages(series: 74, count: 30);
        await messages.PostEachAsync(() => julia.Http, messages.All.Take(10));

        var slowest = TimeSpan.Zero;
        await using (var locker = await rig.Db.OpenConnectionAsync())
        await using (var tx = await locker.BeginTransactionAsync())
        {
            await locker.ExecuteAsync("LOCK TABLE fila_mensagens, conversations IN SHARE MODE", transaction: tx);
            var lockedAt = DateTime.UtcNow;
            await Parallel.ForEachAsync(messages.All.Skip(10).Take(10), new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (m, _) =>
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                await messages.PostAsync(julia.Http, m);
                lock (messages) if (clock.Elapsed > slowest) slowest = clock.Elapsed;
            });
            var left = LockedFor - (DateTime.UtcNow - lockedAt);
            if (left > TimeSpan.Zero) await Task.Delay(left);
            await tx.RollbackAsync();
        }
        var released = DateTime.UtcNow;
        await messages.PostEachAsync(() => julia.Http, messages.All.Skip(20));
        var statusesWhileLocked = messages.AllStatuses.ToList();
        await messages.RedeliverUntilAcceptedAsync(julia.Http);

        // Intake writes `interacoes` only: a lock on the queue or the conversations holds back turns and sends, never the
        // doctor's message (docs/decisions.md#inbound, "Intake needs only its own tables"). Before, each webhook waited
        // out the 10 s statement limit and answered 503.
        Assert.True(statusesWhileLocked.All(s => s == 200), $"webhooks answered [{Summary(statusesWhileLocked)}] with the tables locked, expected 200 each\n{rig.Logs()}");
        Assert.True(slowest < TimeSpan.FromSeconds(3), $"a webhook took {slowest.TotalSeconds:0.0} s while the tables were locked\n{rig.Logs()}");
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 120);
        output.WriteLine($"observed: while locked the slowest webhook {slowest.TotalSeconds:0.0} s; statuses {Summary(statusesWhileLocked)} before redelivery; " +
                         $"{rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors, all answered {(DateTime.UtcNow - released).TotalSeconds:0} s after the lock was released");
    }

    /// <summary>The same 30 message ids posted 10 times each, at once, across two api processes, while Postgres restarts.</summary>
    [Fact]
    public async Task ARedeliveryStormAcrossTwoProcessesDuringAPostgresRestartStoresAndAnswersEachMessageOnce()
    {
        var postgres = await PrivatePostgresServer.StartAsync();
        await using var rig = await FaultRig.StartAsync(postgres: postgres);
        rig.Settings["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "15";
        var a = await rig.StartJuliaAsync("julia-a");
        var b = await rig.StartJuliaAsync("julia-b");
        var apis = new[] { a, b };
        var messages = new DoctorMessages(series: 75, count: 30);

        var storm = Parallel.ForEachAsync(Enumerable.Range(0, 10).SelectMany(round => messages.All.Select((m, i) => (m, n: round * 30 + i))),
            new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, _) =>
            {
                await Task.Delay(40);
                await messages.PostAsync(apis[p.n % 2].Http, p.m);
            });
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(messages.AllStatuses.Count), n => n >= 60));
        await postgres.StopAsync();
        await Task.Delay(TimeSpan.FromSeconds(5));
        await postgres.StartAgainAsync();
        await storm;
        var stormStatuses = messages.AllStatuses.ToList();
        await messages.RedeliverUntilAcceptedAsync(b.Http);

        Assert.All(messages.AllStatuses, s => Assert.True(s is 200 or 503, $"webhook answered {s}, expected 200 or 503\n{rig.Logs()}"));
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 120);
        output.WriteLine($"observed: {stormStatuses.Count} deliveries of {messages.All.Count} ids ({Summary(stormStatuses)}); " +
                         $"{rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors, each once");
    }

    static string Summary(IEnumerable<int> statuses) => string.Join(", ", statuses.GroupBy(s => s).OrderBy(g => g.Key).Select(g => $"{g.Key} x{g.Count()}"));
}
