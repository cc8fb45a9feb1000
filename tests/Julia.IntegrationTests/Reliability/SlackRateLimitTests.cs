using Dapper;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Slack answering 429 during a wave of handoffs": Slack's incoming webhooks take about one post a
/// second and answer 429 with `Retry-After` past that. The process waits as asked before calling Slack again — the other
/// notices wait without spending an attempt — and each notice is delivered once.
/// </summary>
[LongRunning(1)]
public sealed class SlackRateLimitTests(ITestOutputHelper output)
{
    const int RetryAfterSeconds = 4;

    [Fact]
    public async Task ASlack429WithRetryAfterHoldsTheWholeChannelAndEveryNoticeIsDeliveredOnce()
    {
        await using var rig = await FaultRig.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        var limitedUntil = DateTime.MinValue;
        var refused = 0;
        var refusedLock = new object();
        slack.ScriptOnly = body => HumanLoopFixture.SlackTextContains(body, "Handoff necessário");
        // The first handoff notice is refused with Retry-After 4 s, and so is every call Slack gets before those 4 s pass.
        slack.Respond = call =>
        {
            lock (refusedLock)
            {
                var now = DateTime.UtcNow;
                if (call == 1) limitedUntil = now.AddSeconds(RetryAfterSeconds);
                if (now >= limitedUntil) return (200, "ok", null);
                refused++;
                return (429, "rate_limited", (int)Math.Ceiling((limitedUntil - now).TotalSeconds));
            }
        };
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string> { ["SLACK_WEBHOOK_URL"] = slack.WebhookUrl });
        var messages = new DoctorMessages(series: 85, count: 6, text: _ => "quero falar com uma pessoa da equipe, por favor");

        await messages.PostEachAsync(() => julia.Http, messages.All, parallel: 6);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 60);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => SentAsync(rig), n => n == 6, 60, pollMilliseconds: 250));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show itself here

        var delivered = slack.Received.Count(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário")) - refused;
        await using var c = await rig.Db.OpenConnectionAsync();
        var attempts = (await c.QueryAsync<int>("SELECT tentativas FROM notificacoes WHERE canal = 'slack' AND handoff_id IS NOT NULL ORDER BY tentativas")).ToList();
        var failed = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE status = 'falhou'");
        output.WriteLine($"observed: {refused} Slack calls answered 429 (Retry-After {RetryAfterSeconds} s), {delivered} handoff notices delivered for 6 handoffs; " +
                         $"tentativas [{string.Join(", ", attempts)}]; {failed} falhou");

        // Only the call that met the limit: the others waited for Retry-After instead of each meeting it too.
        Assert.True(refused == 1, $"Slack answered 429 to {refused} calls: the process kept posting inside Retry-After\n{rig.Logs()}");
        Assert.Equal(6, delivered);
        Assert.Equal(0, failed);
        Assert.Equal(1, attempts.Sum());
    }

    static async Task<long> SentAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE canal = 'slack' AND handoff_id IS NOT NULL AND status = 'enviada'");
    }
}
