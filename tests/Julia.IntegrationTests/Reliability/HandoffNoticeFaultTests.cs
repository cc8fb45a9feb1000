using Dapper;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Slack and Chatwoot down during handoffs" and "kill -9 during a handoff": the doctor's side of a
/// handoff never waits for the staff's tools, and each staff notice, kept in the durable outbox, arrives once they answer.
/// </summary>
[LongRunning(2)]
public sealed class HandoffNoticeFaultTests(ITestOutputHelper output)
{
    const string AsksForAPerson = "quero falar com uma pessoa da equipe, por favor";

    [Fact]
    public async Task HandoffsWhileSlackAndChatwootAreDownAreEachNotifiedOnceAfterTheyReturn()
    {
        await using var rig = await FaultRig.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        await using var chatwoot = await FakeChatwoot.StartAsync();
        var messages = new DoctorMessages(series: 76, count: 6, text: _ => AsksForAPerson);
        InChatwoot(chatwoot, messages, firstContact: 176_001, conversationOffset: 170_000);
        var julia = await rig.StartJuliaAsync("julia", extra: NoticeSettings(slack, chatwoot));
        // Its read of Chatwoot's profile answered (not only sent): a read still in flight when the peer changes below is
        // tried again later, and its calls were counted with the notices' (a CI run: 7 calls with the old token, not 6).
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(julia.CountLines("Chatwoot answers at")), n => n > 0));

        await slack.GoDownAsync();
        chatwoot.Down = true;
        var downAt = DateTime.UtcNow;
        await messages.PostEachAsync(() => julia.Http, messages.All);
        // The doctor's side does not wait for the staff's tools: one transition message each, while both are down.
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 60);
        var transitionsAfter = (DateTime.UtcNow - downAt).TotalSeconds;
        await using (var c = await rig.Db.OpenConnectionAsync())
        {
            Assert.Equal(6, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM handoffs WHERE status = 'pendente'"));
            Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE status IN ('enviada', 'falhou') AND handoff_id IS NOT NULL"));
        }
        var remaining = TimeSpan.FromSeconds(30) - (DateTime.UtcNow - downAt);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining);
        var whileDown = await NoticesAsync(rig);

        await slack.ComeBackAsync();
        chatwoot.Down = false;
        var back = DateTime.UtcNow;
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => NoticesAsync(rig), n => n.Sent == 12, 90, pollMilliseconds: 500));
        var deliveredAfter = (DateTime.UtcNow - back).TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3)); // a late duplicate would show itself here

        var slackHandoffs = slack.Received.Count(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário"));
        var notes = chatwoot.Messages.Count(m => m.Body["private"]?.GetValue<bool>() == true);
        Assert.True(slackHandoffs == 6, $"Slack got {slackHandoffs} handoff notices for 6 handoffs\n{rig.Logs()}");
        Assert.True(notes == 6, $"Chatwoot got {notes} private notes for 6 handoffs\n{rig.Logs()}");
        var after = await NoticesAsync(rig);
        Assert.Equal(0, after.Failed);
        output.WriteLine($"observed: 6 transition messages {transitionsAfter:0} s after the doctors wrote, with Slack and Chatwoot down; while down {whileDown}; " +
                         $"after they returned every notice delivered {deliveredAfter:0} s later ({slackHandoffs} Slack handoff notices, {notes} Chatwoot notes), {after}");
    }

    [Fact]
    public async Task AKillWhileAHandoffsSlackNoticeIsInFlightLosesNeitherTheHandoffNorItsNotice()
    {
        await using var rig = await FaultRig.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        // The first Slack call hangs past the kill; the notice's claim is taken over after the lease (120 s, 15 s here).
        slack.ScriptOnly = body => HumanLoopFixture.SlackTextContains(body, "Handoff necessário"); // the start-up job's report goes through
        slack.DelayOf = call => call == 1 ? TimeSpan.FromSeconds(60) : TimeSpan.Zero;
        var settings = new Dictionary<string, string>
        {
            ["SLACK_WEBHOOK_URL"] = slack.WebhookUrl, ["Notifications__LeaseSeconds"] = "15", ["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "10",
        };
        var first = await rig.StartJuliaAsync("julia-1", extra: settings);
        var messages = new DoctorMessages(series: 77, count: 1, text: _ => AsksForAPerson);

        await messages.PostEachAsync(() => first.Http, messages.All);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(HandoffNotices(slack)), n => n >= 1));
        first.Kill();
        var killedAt = DateTime.UtcNow;
        var second = await rig.StartJuliaAsync("julia-2", extra: settings);
        var restarted = DateTime.UtcNow;

        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 60);
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => NoticesAsync(rig), n => n.Sent == 1, 90, pollMilliseconds: 500));
        var deliveredAfter = (DateTime.UtcNow - restarted).TotalSeconds;
        await using var c = await rig.Db.OpenConnectionAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM handoffs"));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM conversations WHERE controlled_by = 'human'"));
        var received = HandoffNotices(slack);
        // At least once: the call cut by the kill may have reached Slack (it did reach the fake), so two is allowed, never none.
        Assert.InRange(received, 1, 2);
        output.WriteLine($"observed: the doctor got 1 transition message; 1 handoff row; its Slack notice, in flight at the kill, delivered " +
                         $"{(DateTime.UtcNow - killedAt).TotalSeconds:0} s after the kill ({deliveredAfter:0} s after the restart); Slack received it {received} times, the first cut by the kill");
    }

    /// <summary>Each doctor a Chatwoot contact in the inbox with one conversation (id = contact id − <paramref name="conversationOffset"/>).</summary>
    internal static void InChatwoot(FakeChatwoot chatwoot, DoctorMessages messages, long firstContact, long conversationOffset)
    {
        var contact = firstContact;
        foreach (var m in messages.All)
        {
            chatwoot.AddContact(contact, "Dra. Teste", "+" + m.Phone, HumanLoopFixture.Inbox);
            chatwoot.AddConversation(contact, contact - conversationOffset, HumanLoopFixture.Inbox, 1_765_387_400);
            contact++;
        }
    }

    static int HandoffNotices(FakeSlack slack) => slack.Received.Count(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário"));

    internal static Dictionary<string, string> NoticeSettings(FakeSlack slack, FakeChatwoot chatwoot) => new()
    {
        ["CHATWOOT_URL"] = chatwoot.Url, ["CHATWOOT_API_TOKEN"] = "tok-api", ["CHATWOOT_ACCOUNT_ID"] = FakeChatwoot.AccountId.ToString(),
        ["CHATWOOT_INBOX_ID"] = HumanLoopFixture.Inbox.ToString(), ["CHATWOOT_WEBHOOK_TOKEN"] = "chatwoot-token-FAKE",
        ["SLACK_WEBHOOK_URL"] = slack.WebhookUrl, ["Chatwoot__TimeoutSeconds"] = "2", ["Slack__TimeoutSeconds"] = "1",
        // The breakers' wait before their trial call, 120 s in production (SPEC §5), is 20 s here: the same sequence of
        // refusals, trial and delivery, three minutes shorter.
        ["Circuits__OpenSeconds__slack"] = "20", ["Circuits__OpenSeconds__chatwoot"] = "20",
    };

    internal sealed record Notices(long Pending, long Sent, long Failed, int MaxAttempts)
    {
        public override string ToString() => $"outbox {Pending} pendente/processando, {Sent} enviada, {Failed} falhou, highest tentativas {MaxAttempts}";
    }

    internal static async Task<Notices> NoticesAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.QuerySingleAsync<Notices>("""
            SELECT count(*) FILTER (WHERE status IN ('pendente', 'processando')) AS pending, count(*) FILTER (WHERE status = 'enviada') AS sent,
                   count(*) FILTER (WHERE status = 'falhou') AS failed, COALESCE(max(tentativas), 0) AS maxattempts
            FROM notificacoes WHERE handoff_id IS NOT NULL
            """);
    }
}
