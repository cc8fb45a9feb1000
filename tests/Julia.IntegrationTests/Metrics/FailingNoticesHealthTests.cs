using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Metrics;

/// <summary>
/// During a Chatwoot (or Slack) outage health says the notices wait (docs/decisions.md#notices-failing). The peer's
/// breaker counts failures in a row per process, and the outbox spreads one outage over api and worker and over its
/// backoff: through a long outage with little traffic the `chatwoot` breaker stayed `closed`, health read `healthy`, and
/// the handoff notes waited where nobody looked (an operator drill, 2026-12-06).
/// </summary>
public sealed class FailingNoticesHealthTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    async Task<List<string>> ProblemsAsync() =>
        JsonNode.Parse(await f.Client.GetStringAsync("/admin/metricas/health"))!["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();

    /// <summary>Chatwoot down during a handoff: once the note has failed 3 times health says so, and when it is delivered the problem goes.</summary>
    [Fact]
    public async Task ChatwootDownIsAHealthProblemOnceANoteFailedThreeTimesUntilItIsDelivered()
    {
        const string phone = "5511988880901";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        Assert.DoesNotContain(await ProblemsAsync(), p => p.StartsWith("avisos do Chatwoot", StringComparison.Ordinal));
        f.Chatwoot.Down = true;
        try
        {
            await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa, por favor"));
            await f.WaitProcessedAsync(phone);
            await Eventually.MatchesAsync(() => f.ScalarAsync<int>(
                "SELECT tentativas FROM notificacoes WHERE conversa_id = @conversa AND canal = 'chatwoot'", new { conversa }), n => n >= 3);

            var problem = Assert.Single(await ProblemsAsync(), p => p.StartsWith("avisos do Chatwoot sem entrega: ", StringComparison.Ordinal));
            Assert.Matches(@"^avisos do Chatwoot sem entrega: 1 aviso falhou 3 vezes ou mais, o mais antigo criado há \d+ min \(último erro: .+\) — o circuito chatwoot pode seguir fechado", problem);
            Assert.EndsWith("veja notificacoes (runbook: 4. Handoff não notificado)", problem);
        }
        finally { f.Chatwoot.Down = false; }

        await Eventually.MatchesAsync(() => f.ScalarAsync<string>(
            "SELECT status FROM notificacoes WHERE conversa_id = @conversa AND canal = 'chatwoot'", new { conversa }), s => s == "enviada");
        Assert.DoesNotContain(await ProblemsAsync(), p => p.StartsWith("avisos do Chatwoot", StringComparison.Ordinal));
    }

    /// <summary>The threshold: 2 failed attempts are a blip, 3 an outage; the count, the oldest's age and the last error are said.</summary>
    [Fact]
    public async Task TheThirdFailedAttemptMakesTheProblemAndItSaysHowManyHowOldAndWhy()
    {
        await f.ExecuteAsync("""
            INSERT INTO notificacoes (canal, tipo, chave, payload, status, tentativas, proxima_tentativa_em, erro, created_at)
            VALUES ('slack', 'teste_drill', 'slack:teste_drill:1', '{}', 'pendente', 2, now() + interval '1 hour', 'HTTP 503', now() - interval '14 minutes'),
                   ('slack', 'teste_drill', 'slack:teste_drill:2', '{}', 'pendente', 3, now() + interval '1 hour', 'HTTP 502', now() - interval '3 minutes')
            """);
        try
        {
            Assert.Equal(
                "avisos do Slack sem entrega: 1 aviso falhou 3 vezes ou mais, o mais antigo criado há 3 min (último erro: HTTP 502) — o circuito slack pode " +
                "seguir fechado (as falhas se dividem entre api e worker e as esperas entre tentativas); veja notificacoes (runbook: 4. Handoff não notificado)",
                Assert.Single(await ProblemsAsync(), p => p.StartsWith("avisos do Slack", StringComparison.Ordinal)));

            await f.ExecuteAsync("UPDATE notificacoes SET tentativas = 3 WHERE chave = 'slack:teste_drill:1'");
            Assert.StartsWith("avisos do Slack sem entrega: 2 avisos falharam 3 vezes ou mais, o mais antigo criado há 14 min (último erro: HTTP 502)",
                Assert.Single(await ProblemsAsync(), p => p.StartsWith("avisos do Slack", StringComparison.Ordinal)));

            await f.ExecuteAsync("UPDATE notificacoes SET status = 'enviada', enviada_em = now() WHERE tipo = 'teste_drill'");
            Assert.DoesNotContain(await ProblemsAsync(), p => p.StartsWith("avisos do Slack", StringComparison.Ordinal));
        }
        finally { await f.ExecuteAsync("DELETE FROM notificacoes WHERE tipo = 'teste_drill'"); }
    }
}
