using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Anthropic failing": 429, 529 and timeouts take the fallback path (docs/decisions.md#agent) — one
/// holding message, the turn retried — and once Claude answers again every doctor gets one real reply.
/// </summary>
[LongRunning(2)]
public sealed class AnthropicFaultTests(ITestOutputHelper output)
{
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RateLimitsOverloadAndTimeoutsFallBackThenEveryoneGetsOneReply()
    {
        await using var rig = await FaultRig.StartAsync();
        var failures = 0;
        rig.Anthropic.Override = _ => (Interlocked.Increment(ref failures) % 3) switch
        {
            1 => RateLimited(retryAfterSeconds: 1),
            2 => Overloaded(),
            _ => new Answer(200, TextReply("tarde demais"), Delay: TimeSpan.FromSeconds(20)), // beyond the call timeout below
        };
        // A shorter per-call timeout than the default 30 s keeps the timed-out calls quick; the SDK's two retries stay on.
        // The `claude` breaker waits 15 s instead of 60 s before its trial call, and a turn the agent could not answer is
        // retried after 10, 20, 40 s instead of 30, 60, 120 s: turns still meet the open circuit and wait, minutes sooner.
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string>
        {
            ["Agent__CallTimeout"] = "00:00:03", ["Circuits__OpenSeconds__claude"] = "15", ["Conversations__RetryBaseSeconds"] = "10",
        });
        var messages = new DoctorMessages(series: 51, count: 12);

        await messages.PostEachAsync(() => julia.Http, messages.All);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Answers.CountAsync(rig, messages.All), t => t.Holding == messages.All.Count, 60, pollMilliseconds: 500));
        await Task.Delay(Outage);
        rig.Anthropic.Override = null;
        var failedCalls = Volatile.Read(ref failures);

        Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 300, holdingAllowed: true);
        var holding = rig.Evolution.SendsByPhone().Values.Count(texts => texts.Contains(Julia.Conversations.TurnOutcomes.HoldingMessage));
        Assert.Equal(messages.All.Count, holding);
        Assert.DoesNotContain(rig.Evolution.Sends, s => s.Body!["text"]!.GetValue<string>() is var t && (t.Contains("tarde demais") || t.Contains("error")));
        await using var db = await rig.Db.OpenConnectionAsync();
        Assert.Equal(0, await db.ExecuteScalarAsync<long>("SELECT count(*) FROM handoffs"));
        output.WriteLine($"observed: {failedCalls} failed requests at the fake (429 / 529 / timeout in turn, SDK retries included), " +
                         $"{julia.CountLines("Agent call failed")} turns whose call failed, {julia.CountLines("circuito claude aberto")} turns that met the open " +
                         $"circuit (no call); each of {messages.All.Count} doctors got 1 holding message and 1 reply, no handoff");
    }
}
