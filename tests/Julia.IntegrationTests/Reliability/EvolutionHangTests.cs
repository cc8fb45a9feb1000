using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Evolution hanging": a gateway that accepts requests and never answers. The connection-state
/// poll times out, the `evolution` circuit opens on the timed-out sends, and the call that tries it half-open is a read
/// receipt, which times out too; the process must stay up, and once Evolution answers again every reply goes out, once.
/// </summary>
[LongRunning(3)]
public sealed class EvolutionHangTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SendsResumeAfterEvolutionHungEvenWhenAReadReceiptWasTheCircuitsTrialCall()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Settings["Evolution__TimeoutSeconds"] = "2";
        rig.Anthropic.Override = _ => new Answer(200, TextReply(DefaultReply), Delay: TimeSpan.FromSeconds(3));
        var julia = await rig.StartJuliaAsync("julia");
        var messages = new DoctorMessages(series: 42, count: 4);
        var first = messages.All.Take(3).ToList();

        await messages.PostEachAsync(() => julia.Http, first);
        // Their turns got through the read receipt; Claude answers 3 s later, into a hung Evolution.
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(ReadReceipts(rig)), n => n == first.Count));
        rig.Evolution.Hung = true;
        // The three replies time out (one attempt each, next try in 2 min) and open the circuit (3 failures, 30 s).
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => FailedAttemptsAsync(rig), n => n == first.Count, 60, pollMilliseconds: 500));
        await Task.Delay(TimeSpan.FromSeconds(35));
        // With no send due for 2 min, the next Evolution call — this doctor's read receipt — is the half-open trial.
        await messages.PostAsync(julia.Http, messages.All[3]);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.HungRequests.Count(p => p.Contains("markMessageAsRead"))),
            n => n >= 1, 30, pollMilliseconds: 250));
        await Task.Delay(TimeSpan.FromSeconds(5));
        rig.Evolution.Hung = false;
        var answered = DateTime.UtcNow;

        Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 300);
        Assert.False(julia.HasExited, $"the process stopped while Evolution hung\n{rig.Logs()}");
        output.WriteLine($"observed: {rig.Evolution.HungRequests.Count} requests left unanswered while hung " +
                         $"({string.Join(", ", rig.Evolution.HungRequests.GroupBy(p => p.Split('/')[^2]).Select(g => $"{g.Key} x{g.Count()}"))}); " +
                         $"{messages.All.Count} doctors answered once, the last {(DateTime.UtcNow - answered).TotalSeconds:0} s after Evolution answered again");
    }

    static int ReadReceipts(FaultRig rig) => rig.Evolution.Calls.Count(c => c.Path.Contains("markMessageAsRead", StringComparison.Ordinal));

    static async Task<long> FailedAttemptsAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("SELECT COALESCE(sum(tentativas), 0) FROM fila_mensagens");
    }
}
