using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Alerts;
using Julia.IntegrationTests.Alerts;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.Jobs;
using Julia.Maintenance;
using Julia.Metrics;
using Julia.WhatsApp;
using SaoPaulo = Julia.Infrastructure.Time.SaoPaulo;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// §9's alert windows on the database, at their first and last minute: the 60-minute handoff rate, the 24-hour quality
/// mean (and a mean one hair below 5), the 30-minute `sem_respostas`, and the 60-minute cooldown; Slack's Horário is the
/// alert's São Paulo time and the colour its severity's.
/// </summary>
public sealed class AlertsConformanceTests(AlertsFixture f) : IClassFixture<AlertsFixture>
{
    Task<List<string>> AlertsAsync() => f.QueryAsync<string>("SELECT tipo FROM alertas_enviados ORDER BY created_at");

    [Fact]
    public async Task TheHandoffRateCountsTheLast60MinutesAndTheCooldownIs60Minutes()
    {
        await f.ResetAsync();
        await f.ConversationsAsync("55119977710", conversations: 5, handoffs: 2);
        await f.ExecuteAsync("UPDATE conversations SET created_at = now() - interval '59 minutes'; UPDATE handoffs SET created_at = now() - interval '59 minutes'");
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains(AlertTypes.TaxaHandoffAlta, await AlertsAsync());

        // Sent 59 min ago: still in the cooldown; 61 min ago: out of it.
        await f.ExecuteAsync("UPDATE alertas_enviados SET created_at = now() - interval '59 minutes'");
        Assert.Contains("em cooldown: taxa_handoff_alta", await AlertsFixture.RunAsync(f.Client));
        await f.ExecuteAsync("UPDATE alertas_enviados SET created_at = now() - interval '61 minutes'");
        Assert.Contains("enviados: taxa_handoff_alta", await AlertsFixture.RunAsync(f.Client));

        // An hour and a minute old, the same conversations and handoffs are out of the window.
        await f.ExecuteAsync("DELETE FROM alertas_enviados; UPDATE conversations SET created_at = now() - interval '61 minutes'; UPDATE handoffs SET created_at = now() - interval '61 minutes'");
        await AlertsFixture.RunAsync(f.Client);
        Assert.DoesNotContain(AlertTypes.TaxaHandoffAlta, await AlertsAsync());
    }

    /// <summary>
    /// The quality mean of the last 24 h: an evaluation of 24 h + 1 min ago does not count, one of 23 h 59 min does; a
    /// mean of 4.995 (199 evaluations of 5, one of 4) is below 5 and fires — it was rounded to 5.00 first and did not.
    /// The Slack notice is red (error) and its Horário is the alert's São Paulo HH:MM.
    /// </summary>
    [Fact]
    public async Task TheQualityMeanCountsTheLast24HoursAndAMeanAHairBelowFiveFires()
    {
        await f.ResetAsync();
        await f.ConversationsAsync("55119977720", conversations: 1, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador, created_at)
            SELECT id, 5, 5, 5, 5, 5, 'gestor', now() - interval '1 hour' FROM conversations;
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador, created_at)
            SELECT id, 1, 1, 1, 1, 1, 'gestor', now() - interval '24 hours 1 minute' FROM conversations;
            """);
        await AlertsFixture.RunAsync(f.Client);
        Assert.DoesNotContain(AlertTypes.ScoreQualidadeBaixo, await AlertsAsync());

        await f.ExecuteAsync("UPDATE avaliacoes_qualidade SET created_at = now() - interval '23 hours 59 minutes' WHERE score_geral = 1");
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains(AlertTypes.ScoreQualidadeBaixo, await AlertsAsync());

        await f.ExecuteAsync("""
            DELETE FROM alertas_enviados; DELETE FROM avaliacoes_qualidade;
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador)
            SELECT c.id, s, s, s, s, s, 'gestor' FROM conversations c, (SELECT CASE WHEN g = 1 THEN 4 ELSE 5 END AS s FROM generate_series(1, 200) g) x;
            """);
        Assert.Equal(4.995m, await f.ScalarAsync<decimal>("SELECT avg(score_geral) FROM avaliacoes_qualidade"));
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains(AlertTypes.ScoreQualidadeBaixo, await AlertsAsync());

        var createdAt = await f.ScalarAsync<DateTime>("SELECT created_at FROM alertas_enviados WHERE tipo = 'score_qualidade_baixo'");
        var message = await Eventually.MatchesAsync(() => Task.FromResult(f.Slack.Received.LastOrDefault(m =>
            m["text"]?.GetValue<string>() == "⚠️ Alerta: score_qualidade_baixo" && m.ToJsonString().Contains("(200 avalia", StringComparison.Ordinal))), m => m is not null);
        var attachment = message!["attachments"]![0]!;
        Assert.Equal("#F44336", attachment["color"]!.GetValue<string>());
        var fields = attachment["blocks"]![1]!["fields"]!.AsArray().Select(x => x!["text"]!.GetValue<string>()).ToList();
        Assert.Equal("*Horário:*\n" + SaoPaulo.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(createdAt, DateTimeKind.Utc))).ToString("HH:mm"), fields[2]);
        Assert.DoesNotContain("5,0/10", fields[0]); // the mean it reports is below the limit it names
    }

    /// <summary>
    /// `sem_respostas` looks at the last 30 min: a doctor's message of 29 min ago unanswered pages (critical, purple),
    /// even though Júlia answered someone 31 min ago; one of 31 min ago does not.
    /// </summary>
    [Fact]
    public async Task NoRepliesLooksAtTheLast30Minutes()
    {
        await f.ResetAsync();
        await f.ConversationsAsync("55119977730", conversations: 1, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em)
            SELECT c.medico_id, c.id, 'entrada', 'texto', 'medico', 'whatsapp', 'tem plantão?', now() - interval '31 minutes', NULL FROM conversations c
            """);
        await AlertsFixture.RunAsync(f.Client);
        Assert.DoesNotContain(AlertTypes.SemRespostas, await AlertsAsync());

        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at)
            SELECT c.medico_id, c.id, 'saida', 'texto', 'julia', 'whatsapp', 'oi!', now() - interval '31 minutes' FROM conversations c;
            UPDATE interacoes SET created_at = now() - interval '29 minutes' WHERE direcao = 'entrada';
            """);
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains(AlertTypes.SemRespostas, await AlertsAsync());
        var message = await Eventually.MatchesAsync(() => Task.FromResult(f.Slack.Received.LastOrDefault(m =>
            m["text"]?.GetValue<string>() == "⚠️ Alerta: sem_respostas")), m => m is not null);
        Assert.Equal("#9C27B0", message!["attachments"]![0]!["color"]!.GetValue<string>());
    }
}
