using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Reliability;

/// <summary>docs/reliability.md, "kill -9": a process killed mid-burst leaves durable rows; the next one answers each accepted message once.</summary>
[LongRunning(1)]
public sealed class ProcessKillTests(ITestOutputHelper output)
{
    [Fact]
    public async Task AfterAKillMidBurstEveryAcceptedMessageIsAnsweredExactlyOnce()
    {
        await using var rig = await FaultRig.StartAsync();
        // Claims caught by the kill come back after this lease instead of the default 5 min (docs/decisions.md#queue).
        rig.Settings["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "10";
        // A conversation lock the kill left behind expires after 15 s instead of 120 s (SPEC §3.8), and the sweep takes a
        // message left unanswered after 10 s instead of 120 s: the same takeover, two minutes sooner (docs/reliability.md).
        rig.Settings["Conversations__LockLeaseSeconds"] = "15";
        rig.Settings["Conversations__SweepAgeSeconds"] = "10";
        rig.Settings["Conversations__SweepIntervalSeconds"] = "5";
        // Claude takes a while, so the kill finds turns at the agent, replies queued and replies being sent.
        rig.Anthropic.Override = _ => new Answer(200, TextReply(DefaultReply), Delay: TimeSpan.FromMilliseconds(Random.Shared.Next(200, 1500)));
        var first = await rig.StartJuliaAsync("julia-1");
        var messages = new DoctorMessages(series: 11, count: 50);

        var burst = messages.PostEachAsync(() => first.Http, messages.All, parallel: 2, gap: TimeSpan.FromMilliseconds(250));
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.Sends.Count()), n => n >= 8));
        first.Kill();
        await burst;
        var atKill = await StateAsync(rig, messages);
        var cutByKill = await SendsInFlightAsync(rig);

        var second = await rig.StartJuliaAsync("julia-2");
        var restarted = DateTime.UtcNow;
        var redelivered = messages.Accepted.Take(5).ToList(); // Evolution may resend what it saw no answer for
        foreach (var m in redelivered) await messages.PostAsync(second.Http, m);
        await messages.RedeliverUntilAcceptedAsync(second.Http);

        Assert.All(messages.AllStatuses, s => Assert.True(s is 200 or 0, $"webhook answered {s}\n{rig.Logs()}"));
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 300, cutByKill: cutByKill);
        output.WriteLine($"observed at the kill: {atKill}, a send in flight to {cutByKill.Count} doctors; after restart {messages.All.Count} accepted ({redelivered.Count} redelivered as duplicates), " +
                         $"{rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors, the last {(DateTime.UtcNow - restarted).TotalSeconds:0} s after the restart");
    }

    /// <summary>
    /// The doctors whose reply the killed process had started to send (the durable mark, no outcome): whether the request
    /// left before the kill only Evolution knows, so the reply may be missing, never doubled (docs/reliability.md).
    /// </summary>
    static async Task<IReadOnlySet<string>> SendsInFlightAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return (await c.QueryAsync<string>("""
            SELECT m.telefone FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE f.status = 'processando' AND f.envio_iniciado_em IS NOT NULL
            """)).ToHashSet();
    }

    static async Task<string> StateAsync(FaultRig rig, DoctorMessages messages)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        var q = await c.QuerySingleAsync<(long Unprocessed, long Pending, long Claimed, long Started, long Sent)>("""
            SELECT (SELECT count(*) FROM interacoes WHERE direcao = 'entrada' AND processado_em IS NULL),
                   count(*) FILTER (WHERE status = 'pendente'), count(*) FILTER (WHERE status = 'processando' AND envio_iniciado_em IS NULL),
                   count(*) FILTER (WHERE status = 'processando' AND envio_iniciado_em IS NOT NULL), count(*) FILTER (WHERE status = 'enviada')
            FROM fila_mensagens
            """);
        return $"{messages.Accepted.Count} accepted, {messages.AllStatuses.Count(s => s == 0)} refused (connection), {q.Unprocessed} inbound unprocessed, " +
               $"queue {q.Pending} pendente / {q.Claimed} claimed / {q.Started} send started / {q.Sent} enviada, {rig.Evolution.Sends.Count()} sends at Evolution";
    }
}
