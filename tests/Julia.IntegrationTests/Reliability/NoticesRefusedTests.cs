using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Dapper;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Slack and Chatwoot refusing for good": the Slack webhook removed (404 `no_service`) and the
/// Chatwoot token revoked (401) while doctors ask for a person. A refusal is not an outage: waiting does not cure it, so
/// each notice ends `falhou` at its first answer (no retry storm, no breaker opened), health says which channel and what to
/// check, and once the operator has fixed the setting the runbook's requeue delivers every notice once.
/// </summary>
[LongRunning(1)]
public sealed class NoticesRefusedTests(ITestOutputHelper output)
{
    const string AdminToken = "admin-token-notices-FAKE";

    [Fact]
    public async Task ASlackWebhookRemovedAndAChatwootTokenRevokedFailEachNoticeOnceSaySoInHealthAndTheRunbooksRequeueDeliversThem()
    {
        await using var rig = await FaultRig.StartAsync();
        await using var slack = await FakeSlack.StartAsync();
        await using var chatwoot = await FakeChatwoot.StartAsync();
        var messages = new DoctorMessages(series: 94, count: 3, text: _ => "quero falar com uma pessoa da equipe, por favor");
        HandoffNoticeFaultTests.InChatwoot(chatwoot, messages, firstContact: 194_001, conversationOffset: 190_000);
        var settings = HandoffNoticeFaultTests.NoticeSettings(slack, chatwoot);
        settings["ADMIN_API_TOKEN"] = AdminToken;
        var julia = await rig.StartJuliaAsync("julia", extra: settings);
        // Its read of Chatwoot's profile answered (not only sent): a read still in flight when the peer changes below is
        // tried again later, and its calls were counted with the notices' (a CI run: 7 calls with the old token, not 6).
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(julia.CountLines("Chatwoot answers at")), n => n > 0));

        // The token rotated in Chatwoot (ours is now refused with 401) and the Slack app removed from the workspace.
        chatwoot.RequiredToken = "tok-rotated";
        slack.Respond = _ => (404, "no_service", null);
        await messages.PostEachAsync(() => julia.Http, messages.All);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 60);

        var failed = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => HandoffNoticeFaultTests.NoticesAsync(rig), n => n.Failed == 6, 60, pollMilliseconds: 500));
        // Every other notice settled too (the copies of the messages to Chatwoot are given up the same way, a moment later).
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(async () =>
        {
            await using var c = await rig.Db.OpenConnectionAsync();
            return await c.ExecuteScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE status IN ('pendente', 'processando')");
        }, n => n == 0, 30, pollMilliseconds: 500));
        var chatwootCalls = chatwoot.Requests.Count(r => r.Token == "tok-api");
        var slackHandoffCalls = SlackHandoffNotices(slack);
        await Task.Delay(TimeSpan.FromSeconds(5)); // a retry would show itself here
        var late = chatwoot.Requests.Where(r => r.Token == "tok-api").Skip(chatwootCalls).Select(r => r.Path).ToList();
        Assert.True(late.Count == 0, $"Chatwoot calls with the revoked token after every notice was given up: {string.Join(", ", late)}\n{rig.Logs()}");
        Assert.Equal(3, SlackHandoffNotices(slack));
        Assert.Equal(slackHandoffCalls, SlackHandoffNotices(slack));
        string givenUp;
        await using (var c = await rig.Db.OpenConnectionAsync())
        {
            var rows = (await c.QueryAsync<(string Canal, int Tentativas, string Erro)>(
                "SELECT canal, tentativas, erro FROM notificacoes WHERE handoff_id IS NOT NULL ORDER BY canal")).ToList();
            Assert.All(rows, r => Assert.Equal(1, r.Tentativas)); // given up at the first answer: waiting would not cure it
            Assert.All(rows.Where(r => r.Canal == "chatwoot"), r => Assert.Contains("HTTP 401", r.Erro, StringComparison.Ordinal));
            Assert.All(rows.Where(r => r.Canal == "slack"), r => Assert.Contains("no_service", r.Erro, StringComparison.Ordinal));
            Assert.Equal(3, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM handoffs WHERE status = 'pendente'"));
            givenUp = string.Join(", ", await c.QueryAsync<string>(
                "SELECT canal || '/' || tipo || ' ' || count(*) FROM notificacoes WHERE status = 'falhou' GROUP BY canal, tipo ORDER BY 1"));
        }
        // Not an outage: neither breaker opened (an open circuit would say "wait", and the notices would wait for nothing).
        var circuits = JsonNode.Parse(await julia.Http.GetStringAsync("/health/circuits"))!;
        Assert.Equal("closed", circuits["chatwoot"]?["estado"]?.GetValue<string>());
        Assert.Equal("closed", circuits["slack"]?["estado"]?.GetValue<string>());
        var problems = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => HealthProblemsAsync(julia),
            p => p.Any(x => x.Contains("do Chatwoot abandonad")) && p.Any(x => x.Contains("do Slack abandonad")), 30, pollMilliseconds: 500));
        Assert.Contains(problems, p => p.Contains("do Chatwoot abandonad") && p.Contains("CHATWOOT_API_TOKEN"));
        Assert.Contains(problems, p => p.Contains("do Slack abandonad") && p.Contains("SLACK_WEBHOOK_URL"));
        Assert.DoesNotContain(problems, p => p.StartsWith("aviso_chatwoot:", StringComparison.Ordinal));

        // The operator fixes both settings (here: the peers accept again) and runs the runbook's requeue for each channel.
        chatwoot.RequiredToken = null;
        slack.Respond = null;
        await using (var c = await rig.Db.OpenConnectionAsync())
            foreach (var canal in new[] { "slack", "chatwoot" })
                await c.ExecuteAsync($"""
                    UPDATE notificacoes SET status = 'pendente', tentativas = 0, proxima_tentativa_em = now()
                    WHERE status = 'falhou' AND canal = '{canal}';
                    """);
        var after = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => HandoffNoticeFaultTests.NoticesAsync(rig), n => n.Sent == 6, 60, pollMilliseconds: 500));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a late duplicate would show itself here
        var notes = chatwoot.Messages.Count(m => m.Body["private"]?.GetValue<bool>() == true);
        Assert.True(notes == 3, $"Chatwoot got {notes} private notes for 3 handoffs\n{rig.Logs()}");
        Assert.Equal(6, SlackHandoffNotices(slack)); // the 3 refused calls and the 3 deliveries, none twice
        Assert.False(julia.HasExited);
        output.WriteLine($"observed: 3 transition messages; with Slack 404 no_service and Chatwoot 401 every handoff notice ended falhou at " +
                         $"its first attempt ({failed}; every notice given up: {givenUp}); {chatwootCalls} Chatwoot calls with the revoked token and none after; both breakers closed; " +
                         $"health: {string.Join(" | ", problems.Where(p => p.Contains("abandonad")).Select(p => p[..Math.Min(90, p.Length)]))}; " +
                         $"after the fix and the runbook's requeue: {after}, {notes} Chatwoot notes");
    }

    static int SlackHandoffNotices(FakeSlack slack) => slack.Received.Count(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário"));

    static async Task<List<string>> HealthProblemsAsync(JuliaServer julia)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/metricas/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await julia.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return [.. body["problemas"]!.AsArray().Select(p => p!.GetValue<string>())];
    }
}
