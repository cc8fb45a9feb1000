using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Postgres failover" (the fourth drill): the server replaced under the same address by another
/// cluster with the data restored (`pg_dump`/`pg_restore`: another system identifier, other OIDs), Júlia never
/// restarted. Webhooks 503 while no server has the data (Evolution retries), the pools move to the new server by
/// themselves, and every accepted message is answered once.
/// </summary>
[LongRunning(1)]
public sealed class PostgresFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AFailoverToARestoredServerUnderTheSameAddressLosesNothingAcceptedAndNeedsNoRestart()
    {
        var postgres = await PrivatePostgresServer.StartAsync();
        await using var rig = await FaultRig.StartAsync(postgres: postgres);
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string> { ["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "15" });
        var messages = new DoctorMessages(series: 88, count: 30);

        var traffic = messages.PostEachAsync(() => julia.Http, messages.All, parallel: 2, gap: TimeSpan.FromMilliseconds(600));
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(messages.Accepted.Count), n => n >= 8));
        var acceptedBefore = messages.Accepted.Count;
        var gone = await postgres.FailOverToARestoredCopyAsync();
        var back = DateTime.UtcNow;
        await traffic;
        await messages.RedeliverUntilAcceptedAsync(julia.Http);
        var ready = await rig.WithLogsAsync(() => Readiness.WaitForAsync(julia, "ready"));

        output.WriteLine($"observed: {acceptedBefore} accepted before the failover; the address without the data for {gone.TotalSeconds:0.0} s; " +
                         $"{string.Join(", ", messages.AllStatuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}"))} (redeliveries included); after: {ready}");
        Assert.All(messages.AllStatuses, s => Assert.True(s is 200 or 503, $"webhook answered {s}, expected 200 or 503\n{rig.Logs()}"));
        Assert.False(julia.HasExited);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 90);
        output.WriteLine($"observed: {rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors, the last {(DateTime.UtcNow - back).TotalSeconds:0} s after the new server had the data");
    }
}
