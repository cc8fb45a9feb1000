using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Evolution hanging": a gateway that accepts requests and never answers. The connection-state
/// poll times out, the `evolution` circuit opens on the timed-out sends, and the call that tries it half-open is a read
/// receipt, which times out too; the process must stay up. A send that timed out may have reached the doctor, so it ends
/// `erro` `resultado_desconhecido` and is never sent again (a duplicate is worse than a loss, docs/decisions.md#queue);
/// every reply that had not left yet goes out, once, when Evolution answers again.
/// </summary>
[LongRunning(1)]
public sealed class EvolutionHangTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SendsResumeAfterEvolutionHungEvenWhenAReadReceiptWasTheCircuitsTrialCallAndTimedOutSendsAreNotRepeated()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Settings["Evolution__TimeoutSeconds"] = "2";
        // The `evolution` breaker waits 10 s instead of 30 s before its trial call (docs/reliability.md#settings).
        rig.Settings["Circuits__OpenSeconds__evolution"] = "10";
        rig.Anthropic.Override = _ => new Answer(200, TextReply(DefaultReply), Delay: TimeSpan.FromSeconds(3));
        var julia = await rig.StartJuliaAsync("julia");
        var messages = new DoctorMessages(series: 42, count: 4);
        var first = messages.All.Take(3).ToList();

        await messages.PostEachAsync(() => julia.Http, first);
        // Their turns got through the read receipt; Claude answers 3 s later, into a hung Evolution.
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(ReadReceipts(rig)), n => n == first.Count));
        rig.Evolution.Hung = true;
        // The three replies time out — each ends resultado_desconhecido, not retried — and open the circuit (3 failures, 10 s here).
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => UnknownSendsAsync(rig), n => n == first.Count, 60, pollMilliseconds: 500));
        await Task.Delay(TimeSpan.FromSeconds(12));
        // With no send due for 2 min, the next Evolution call — this doctor's read receipt — is the half-open trial.
        await messages.PostAsync(julia.Http, messages.All[3]);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.HungRequests.Count(p => p.Contains("markMessageAsRead"))),
            n => n >= 1, 30, pollMilliseconds: 250));
        await Task.Delay(TimeSpan.FromSeconds(5));
        rig.Evolution.Hung = false;
        var answered = DateTime.UtcNow;

        Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
        var last = messages.All[3];
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Answers.CountAsync(rig, messages.All),
            t => rig.Evolution.SendsByPhone().ContainsKey(last.Phone) && t.Unprocessed == 0 && t.Open == 0, 300, pollMilliseconds: 500));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show itself here
        var sends = rig.Evolution.SendsByPhone();
        Assert.Single(sends[last.Phone]);
        Assert.Equal(first.Count, await UnknownSendsAsync(rig));
        Assert.All(first, m => Assert.False(sends.ContainsKey(m.Phone), $"{m.Phone}: a send that timed out was sent again"));
        Assert.False(julia.HasExited, $"the process stopped while Evolution hung\n{rig.Logs()}");
        output.WriteLine($"observed: {rig.Evolution.HungRequests.Count} requests left unanswered while hung " +
                         $"({string.Join(", ", rig.Evolution.HungRequests.GroupBy(p => p.Split('/')[^2]).Select(g => $"{g.Key} x{g.Count()}"))}); " +
                         $"{first.Count} timed-out sends not repeated, the 4th doctor answered once {(DateTime.UtcNow - answered).TotalSeconds:0} s after Evolution answered again");
    }

    static int ReadReceipts(FaultRig rig) => rig.Evolution.Calls.Count(c => c.Path.Contains("markMessageAsRead", StringComparison.Ordinal));

    static async Task<long> UnknownSendsAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens WHERE status = 'erro' AND outcome_reason_code = 'resultado_desconhecido' AND tentativas = 0");
    }
}
