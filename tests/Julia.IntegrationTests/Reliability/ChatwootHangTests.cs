using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Chatwoot hanging during handoffs and the staff-reply mirror": Chatwoot accepts every request
/// and never answers. The doctor's side — transition messages, a recruiter's reply sent through the queue — never waits
/// for it, and the notices for Chatwoot wait in the outbox without being given up.
/// </summary>
[LongRunning(1)]
public sealed class ChatwootHangTests(ITestOutputHelper output)
{
    const string ChatwootToken = "chatwoot-token-FAKE";
    const string StaffText = "Oi, aqui é a Paula da equipe: já vi seu pedido.";

    [Fact]
    public async Task WhileChatwootHangsHandoffsAndAStaffReplyReachTheDoctorsAndNoNoticeIsGivenUp()
    {
        await using var rig = await FaultRig.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        await using var chatwoot = await FakeChatwoot.StartAsync();
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string>
        {
            ["CHATWOOT_URL"] = chatwoot.Url, ["CHATWOOT_API_TOKEN"] = "tok-api", ["CHATWOOT_ACCOUNT_ID"] = FakeChatwoot.AccountId.ToString(),
            ["CHATWOOT_INBOX_ID"] = HumanLoopFixture.Inbox.ToString(), ["CHATWOOT_WEBHOOK_TOKEN"] = ChatwootToken, ["CHATWOOT_ESPELHAMENTO"] = "app",
            ["SLACK_WEBHOOK_URL"] = slack.WebhookUrl, ["Chatwoot__TimeoutSeconds"] = "2",
        });
        // The recruiter's doctor: his conversation exists in Chatwoot (Júlia created it, mirroring his first message).
        var staffDoctor = new DoctorMessages(series: 82, count: 1);
        await staffDoctor.PostEachAsync(() => julia.Http, staffDoctor.All);
        await Answers.AssertEachAnsweredOnceAsync(rig, staffDoctor.All, seconds: 60);
        var phone = staffDoctor.All[0].Phone;
        var chatwootId = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => ChatwootConversationOfAsync(rig, phone), id => id is not null, 30));

        chatwoot.Hung = true;
        var hungAt = Stopwatch.StartNew();
        var askers = new DoctorMessages(series: 83, count: 3, text: _ => "quero falar com uma pessoa da equipe, por favor");
        await askers.PostEachAsync(() => julia.Http, askers.All);
        await Answers.AssertEachAnsweredOnceAsync(rig, [.. staffDoctor.All, .. askers.All], seconds: 30);
        var transitionsAt = hungAt.Elapsed.TotalSeconds;

        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId!.Value, phone);
        reply["content"] = StaffText;
        reply["id"] = 790_001;
        var clock = Stopwatch.StartNew();
        using (var response = await julia.Http.PostAsync($"/chatwoot/webhook?token={ChatwootToken}", new StringContent(reply.ToJsonString(), Encoding.UTF8, "application/json")))
            Assert.Equal(200, (int)response.StatusCode);
        var webhookSeconds = clock.Elapsed.TotalSeconds;
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.SendsByPhone()[phone]), t => t.Contains(StaffText), 20));
        var staffReplyAt = clock.Elapsed.TotalSeconds;

        // Slack is another channel: its handoff notices do not wait for Chatwoot's. The staff's reply opened a 4th
        // handoff (an implicit takeover), whose notice may come first (a full run saw 4 before the test looked).
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(SlackHandoffNotices(slack)), n => n >= 3, 30));
        var slackAt = hungAt.Elapsed.TotalSeconds;
        var circuit = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => ChatwootCircuitAsync(julia), s => s == "open", 40, pollMilliseconds: 250));
        var openAt = hungAt.Elapsed.TotalSeconds;
        var ready = await Readiness.ReadAsync(julia);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show itself here

        await using var c = await rig.Db.OpenConnectionAsync();
        var outbox = await c.QuerySingleAsync<(long Pending, long Sent, long Failed, int MaxAttempts)>("""
            SELECT count(*) FILTER (WHERE status IN ('pendente', 'processando')), count(*) FILTER (WHERE status = 'enviada'),
                   count(*) FILTER (WHERE status = 'falhou'), COALESCE(max(tentativas), 0)
            FROM notificacoes WHERE canal = 'chatwoot' AND created_at > now() - make_interval(secs => @since)
            """, new { since = hungAt.Elapsed.TotalSeconds + 1 });
        var staffSends = rig.Evolution.SendsByPhone()[phone].Count(t => t == StaffText);
        var handoffs = await c.ExecuteScalarAsync<long>("SELECT count(*) FROM handoffs WHERE status IN ('pendente', 'em_atendimento')");
        output.WriteLine($"observed: 3 transition messages {transitionsAt:0.0} s into the hang; staff webhook 200 in {webhookSeconds:0.00} s, the doctor had the staff text " +
                         $"{staffReplyAt:0.0} s after it ({staffSends}x); 3 Slack handoff notices by {slackAt:0.0} s; chatwoot circuit {circuit} at {openAt:0.0} s; " +
                         $"{ready}; Chatwoot outbox {outbox.Pending} pendente, {outbox.Sent} enviada, {outbox.Failed} falhou, highest tentativas {outbox.MaxAttempts}; " +
                         $"{chatwoot.Requests.Count} requests reached Chatwoot; process up: {!julia.HasExited}");

        Assert.False(julia.HasExited);
        Assert.True(webhookSeconds < 2, $"the staff reply's webhook took {webhookSeconds:0.0} s with Chatwoot hanging\n{rig.Logs()}");
        Assert.Equal(1, staffSends);
        Assert.Equal(4, handoffs); // 3 asked, and the staff's reply took the 4th conversation over
        Assert.InRange(SlackHandoffNotices(slack), 3, 4); // one per handoff at most, never twice
        Assert.Equal(0, outbox.Failed);
        Assert.Equal(0, outbox.Sent);
        Assert.True(outbox.Pending > 0);
        Assert.Equal("ready", ready.Status);
    }

    static int SlackHandoffNotices(FakeSlack slack) => slack.Received.Count(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário"));

    static async Task<long?> ChatwootConversationOfAsync(FaultRig rig, string phone)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long?>("""
            SELECT c.chatwoot_conversation_id::bigint FROM conversations c JOIN medicos m ON m.id = c.medico_id
            WHERE m.telefone = @phone AND c.chatwoot_conversation_id IS NOT NULL
            """, new { phone });
    }

    static async Task<string?> ChatwootCircuitAsync(JuliaServer julia) =>
        JsonNode.Parse(await julia.Http.GetStringAsync("/health/circuits"))?["chatwoot"]?["estado"]?.GetValue<string>();
}
