using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "SIGTERM mid-burst": a graceful stop (a deploy, `docker stop`) loses nothing, leaves nothing
/// in doubt, and the next process answers at once — without waiting out a lease the stopped one left behind.
/// </summary>
[LongRunning(1)]
public sealed class GracefulStopTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ASigtermMidBurstLosesNothingAndTheNextProcessAnswersWithoutWaitingALease()
    {
        await using var rig = await FaultRig.StartAsync();
        // Claude takes a while, so the stop finds turns at the agent (holding their conversation's lock) and replies queued.
        rig.Anthropic.Override = _ => new Answer(200, TextReply(DefaultReply), Delay: TimeSpan.FromMilliseconds(Random.Shared.Next(500, 2500)));
        var first = await rig.StartJuliaAsync("julia-1");
        var messages = new DoctorMessages(series: 71, count: 30);

        var burst = messages.PostEachAsync(() => first.Http, messages.All, parallel: 3, gap: TimeSpan.FromMilliseconds(100));
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.Sends.Count()), n => n >= 6));
        var stopping = DateTime.UtcNow;
        var exitCode = await first.TerminateAsync(TimeSpan.FromSeconds(40));
        var stopSeconds = (DateTime.UtcNow - stopping).TotalSeconds;
        await burst;
        var atStop = await StateAsync(rig);

        var second = await rig.StartJuliaAsync("julia-2");
        var restarted = DateTime.UtcNow;
        await messages.RedeliverUntilAcceptedAsync(second.Http);

        Assert.All(messages.AllStatuses, s => Assert.True(s is 200 or 503 or 0, $"webhook answered {s}\n{rig.Logs()}"));
        Assert.Equal(0, exitCode);
        // Nothing in doubt: a graceful stop finishes the sends it started (docs/decisions.md#queue, "Graceful shutdown").
        Assert.True(atStop.Started == 0, $"after the stop: {atStop}\n{rig.Logs()}");
        // The next process answers within seconds, not after the 120 s lock:conversa lease of the stopped one.
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 30);
        var answeredAfter = (DateTime.UtcNow - restarted).TotalSeconds;
        Assert.Equal(0, second.CountLines("held elsewhere"));
        output.WriteLine($"observed: exit {exitCode} {stopSeconds:0.0} s after SIGTERM; at the stop {messages.Accepted.Count} accepted so far, {atStop}; " +
                         $"after the restart {messages.All.Count} accepted, {rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors, all answered {answeredAfter:0} s after the restart");
    }

    internal sealed record QueueState(long Unprocessed, long Pending, long Claimed, long Started, long Sent)
    {
        public override string ToString() => $"{Unprocessed} inbound unprocessed, queue {Pending} pendente / {Claimed} claimed / {Started} send started / {Sent} enviada";
    }

    internal static async Task<QueueState> StateAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.QuerySingleAsync<QueueState>("""
            SELECT (SELECT count(*) FROM interacoes WHERE direcao = 'entrada' AND processado_em IS NULL) AS unprocessed,
                   count(*) FILTER (WHERE status = 'pendente') AS pending, count(*) FILTER (WHERE status = 'processando' AND envio_iniciado_em IS NULL) AS claimed,
                   count(*) FILTER (WHERE status = 'processando' AND envio_iniciado_em IS NOT NULL) AS started, count(*) FILTER (WHERE status = 'enviada') AS sent
            FROM fila_mensagens
            """);
    }
}
