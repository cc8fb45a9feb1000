using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Julia.Alerts;
using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Alerts;

public sealed class AlertsFixture : SlackPipelineFixture
{
    public const string Token = "alertas-token-FAKE";

    /// <summary>Business hours all day, every day: the business-hours rule is tested on its own host.</summary>
    public Dictionary<string, string?> Common => new()
    {
        ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token, ["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl,
        ["Notifications:PollMilliseconds"] = "50", ["Notifications:BaseBackoffSeconds"] = "1", ["Notifications:MaxBackoffSeconds"] = "1",
        ["Alerts:DisconnectGraceSeconds"] = "1",
        // The tests plant unanswered inbound rows for the alert rules: the turn runner's sweeper must not answer them.
        ["Conversations:SweepIntervalSeconds"] = "3600",
    };

    protected override Dictionary<string, string?> Settings => new(Common)
    {
        ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00",
    };

    public static async Task<string> RunAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/alertas");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Doctors with one conversation each, created now; the first <paramref name="handoffs"/> of them handed off.</summary>
    public Task ConversationsAsync(string prefix, int conversations, int handoffs) => ExecuteAsync("""
        WITH m AS (INSERT INTO medicos (telefone, primeiro_nome, opted_out, origem)
                   SELECT @prefix || lpad(g::text, 3, '0'), 'Teste', false, 'import' FROM generate_series(1, @conversations) g RETURNING id, telefone),
             c AS (INSERT INTO conversations (medico_id) SELECT id FROM m RETURNING id, medico_id)
        INSERT INTO handoffs (conversa_id, medico_id, trigger_type)
        SELECT c.id, c.medico_id, 'pedido_humano' FROM c JOIN m ON m.id = c.medico_id
        WHERE right(m.telefone, 3)::int <= @handoffs
        """, new { prefix, conversations, handoffs });

    /// <summary>
    /// Starts over. The host may still be recording a send when a test resets (its queue just drained): the cascade from
    /// `medicos` then deadlocked with it once (40P01 in a fresh-clone CI run) — PostgreSQL aborts one side, so the reset is
    /// tried again.
    /// </summary>
    public async Task ResetAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync("DELETE FROM alertas_enviados; DELETE FROM notificacoes; DELETE FROM medicos;");
                return;
            }
            catch (Npgsql.PostgresException ex) when (ex.SqlState == Npgsql.PostgresErrorCodes.DeadlockDetected && attempt < 3) { }
        }
    }

    /// <summary>
    /// In every conversation, a doctor's message of 5 min ago that a turn consumed and whose reply failed (`erro`): he
    /// awaits a reply, and no turn runner of any host would take it up and answer meanwhile.
    /// </summary>
    public Task FailedReplyAsync() => ExecuteAsync("""
        INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, conteudo, created_at, processado_em)
        SELECT c.medico_id, c.id, 'entrada', 'medico', 'oi', now() - interval '5 minutes', now() - interval '4 minutes' FROM conversations c;
        INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, outcome_reason_code, created_at)
        SELECT c.medico_id, c.id, 'resposta', 'oi!', 'erro', 'tentativas_esgotadas', now() - interval '4 minutes' FROM conversations c;
        """);
}

/// <summary>The `alertas` job end to end: thresholds from the database, cooldown, two processes, Slack's message.</summary>
[Collection("alertas")]
public sealed class AlertsJobTests(AlertsFixture f) : IClassFixture<AlertsFixture>
{
    Task<List<(string Tipo, string Severidade)>> AlertsAsync() =>
        f.QueryAsync<(string, string)>("SELECT tipo, severidade FROM alertas_enviados ORDER BY created_at");

    [Fact]
    public async Task HandoffRateFiresAboveTwentyPercentThenHoldsItsCooldownAndSlackGetsOneMessage()
    {
        await f.ResetAsync();
        await f.ConversationsAsync("55119977010", conversations: 5, handoffs: 1); // exactly 20 %: not above
        await AlertsFixture.RunAsync(f.Client);
        Assert.DoesNotContain(await AlertsAsync(), a => a.Tipo == AlertTypes.TaxaHandoffAlta);

        await f.ExecuteAsync("""
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type)
            SELECT c.id, c.medico_id, 'pedido_humano' FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = '55119977010002'
            """);
        var summary = await AlertsFixture.RunAsync(f.Client);
        Assert.Contains("taxa_handoff_alta", summary);
        Assert.Contains((AlertTypes.TaxaHandoffAlta, "warning"), await AlertsAsync());

        var message = await Eventually.MatchesAsync(() => Task.FromResult(f.Slack.Received.FirstOrDefault(m =>
            m["text"]?.GetValue<string>() == "⚠️ Alerta: taxa_handoff_alta")), m => m is not null);
        var attachment = message!["attachments"]![0]!;
        Assert.Equal("#FF9800", attachment["color"]!.GetValue<string>());
        var fields = attachment["blocks"]![1]!["fields"]!.AsArray().Select(x => x!["text"]!.GetValue<string>()).ToList();
        Assert.StartsWith("*Descrição:*\nTaxa de handoff de 40", fields[0]);
        Assert.Equal("*Severidade:*\nAtenção (warning)", fields[1]);
        Assert.Matches(@"^\*Horário:\*\n\d\d:\d\d$", fields[2]);
        // What to do and where the runbook goes on, from the payload the alert put in the outbox.
        Assert.Equal("*O que fazer:*\n" + AlertGuide.For(AlertTypes.TaxaHandoffAlta), fields[3]);

        // Inside the cooldown the same condition sends nothing more.
        Assert.Contains("em cooldown: taxa_handoff_alta", await AlertsFixture.RunAsync(f.Client));
        Assert.Single(await AlertsAsync(), a => a.Tipo == AlertTypes.TaxaHandoffAlta);
        await Task.Delay(300);
        Assert.Single(f.Slack.Received, m => m["text"]?.GetValue<string>() == "⚠️ Alerta: taxa_handoff_alta");
    }

    [Fact]
    public async Task TwoProcessesRecordingTheSameAlertAtOnceSendItOnce()
    {
        await f.ResetAsync();
        await using var second = new JuliaAppFactory(f.Database, f.Redis, f.Common);
        var stores = new[] { f.App.Services.GetRequiredService<AlertStore>(), second.Services.GetRequiredService<AlertStore>() };
        var alert = new AlertCandidate(AlertTypes.FilaCongestionada, AlertTypes.Warning, "teste", 1);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => stores[i % 2].TryRecordAsync(alert, TimeSpan.FromMinutes(60), default)));

        Assert.Equal(1, results.Count(r => r));
        Assert.Single(await AlertsAsync());
        Assert.Equal(1L, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE tipo = 'alerta'"));
    }

    [Fact]
    public async Task ARisingSeverityBreaksTheCooldownAndALowerOneDoesNot()
    {
        await f.ResetAsync();
        var store = f.App.Services.GetRequiredService<AlertStore>();
        var hour = TimeSpan.FromMinutes(60);
        Assert.True(await store.TryRecordAsync(new("teste_severidade", AlertTypes.Warning, "a", null), hour, default));
        Assert.False(await store.TryRecordAsync(new("teste_severidade", AlertTypes.Warning, "b", null), hour, default));
        Assert.True(await store.TryRecordAsync(new("teste_severidade", AlertTypes.Critical, "c", null), hour, default));
        Assert.False(await store.TryRecordAsync(new("teste_severidade", AlertTypes.Error, "d", null), hour, default));
        // A cooldown of zero minutes lets every evaluation through.
        Assert.True(await store.TryRecordAsync(new("teste_severidade", AlertTypes.Warning, "e", null), TimeSpan.Zero, default));
        Assert.Equal(3, (await AlertsAsync()).Count);
    }

    [Fact]
    public async Task NoRepliesWhileDoctorsWaitIsCritical()
    {
        await f.ResetAsync();
        await f.ConversationsAsync("55119977020", conversations: 1, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, conteudo, created_at)
            SELECT c.medico_id, c.id, 'entrada', 'medico', 'oi', now() - interval '5 minutes' FROM conversations c
            """);
        var facts = await AlertFacts.ReadAsync(f.Db, default);
        Assert.Equal((0L, 1L), (facts.RespostasJuliaUltimos30m, facts.MensagensAguardandoResposta));
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains((AlertTypes.SemRespostas, "critical"), await AlertsAsync());

        // Proactive sends going out are not answers: the alert still fires (an audit, 2026-12-03: they kept it quiet).
        await f.ResetAsync();
        await f.ConversationsAsync("55119977025", conversations: 1, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, created_at)
            SELECT c.medico_id, c.id, d, a, o, 'x', now() - interval '5 minutes' FROM conversations c,
                   (VALUES ('entrada', 'medico', 'whatsapp'), ('saida', 'julia', 'fila:campanha'), ('saida', 'julia', 'fila:followup')) v(d, a, o)
            """);
        Assert.Equal(0L, (await AlertFacts.ReadAsync(f.Db, default)).RespostasJuliaUltimos30m);
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains((AlertTypes.SemRespostas, "critical"), await AlertsAsync());

        // A reply that ended in `erro` (Evolution refusing every send) left the doctor as unanswered (an operator walk, 2026-12-03).
        await f.ResetAsync();
        await f.ConversationsAsync("55119977027", conversations: 1, handoffs: 0);
        await f.FailedReplyAsync();
        Assert.Equal(1L, (await AlertFacts.ReadAsync(f.Db, default)).MensagensAguardandoResposta);
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains((AlertTypes.SemRespostas, "critical"), await AlertsAsync());

        await f.ResetAsync();
        await f.ConversationsAsync("55119977030", conversations: 1, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, conteudo, created_at)
            SELECT c.medico_id, c.id, d, a, 'x', now() - interval '5 minutes' FROM conversations c,
                   (VALUES ('entrada', 'medico'), ('saida', 'julia')) v(d, a)
            """);
        await AlertsFixture.RunAsync(f.Client);
        Assert.DoesNotContain(await AlertsAsync(), a => a.Tipo == AlertTypes.SemRespostas);

        // A sticker skipped on purpose awaits nothing: no critical alert on a quiet afternoon (an audit, 2026-12-02).
        await f.ResetAsync();
        await f.ConversationsAsync("55119977035", conversations: 1, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, conteudo, created_at, processado_em)
            SELECT c.medico_id, c.id, 'entrada', 'sticker', 'medico', '[sticker]', now() - interval '5 minutes', now() - interval '5 minutes'
            FROM conversations c
            """);
        Assert.Equal(0L, (await AlertFacts.ReadAsync(f.Db, default)).MensagensAguardandoResposta);

        // A message no turn took yet — not even into a conversation (the turns are not running) — awaits one.
        await f.ResetAsync();
        await f.ConversationsAsync("55119977036", conversations: 1, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, autor_tipo, conteudo, created_at)
            SELECT c.medico_id, 'entrada', 'medico', 'tem plantão?', now() - interval '5 minutes' FROM conversations c
            """);
        Assert.Equal(1L, (await AlertFacts.ReadAsync(f.Db, default)).MensagensAguardandoResposta);
        // Written before the opening, while its stagger runs (RESPONDER_FORA_HORARIO=false): waiting on purpose.
        Assert.Equal(0L, (await AlertFacts.ReadAsync(f.Db, default, deferredBefore: DateTimeOffset.UtcNow.AddMinutes(-1))).MensagensAguardandoResposta);
    }

    [Fact]
    public async Task LowQualityScoreOfTheLastDayIsAnError()
    {
        await f.ResetAsync();
        await f.ConversationsAsync("55119977040", conversations: 2, handoffs: 0);
        await f.ExecuteAsync("""
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador)
            SELECT id, 5, 5, 5, 5, 5, 'gestor' FROM conversations
            """);
        await AlertsFixture.RunAsync(f.Client);
        Assert.DoesNotContain(await AlertsAsync(), a => a.Tipo == AlertTypes.ScoreQualidadeBaixo); // mean 5: not below 5
        await f.ExecuteAsync("UPDATE avaliacoes_qualidade SET score_geral = 4 WHERE conversa_id = (SELECT min(conversa_id::text)::uuid FROM avaliacoes_qualidade)");
        await AlertsFixture.RunAsync(f.Client);
        Assert.Contains((AlertTypes.ScoreQualidadeBaixo, "error"), await AlertsAsync());
    }

    [Fact]
    public async Task OutsideBusinessHoursOnlyTheAnyTimeAlertsGoOut()
    {
        await f.ResetAsync();
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-3));
        var (start, end) = local.Hour < 12 ? ("20:00", "21:00") : ("02:00", "03:00");
        await using var closed = new JuliaAppFactory(f.Database, f.Redis, new Dictionary<string, string?>(f.Common)
        {
            ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = start, ["HORARIO_FIM"] = end,
        });
        await f.ConversationsAsync("55119977050", conversations: 5, handoffs: 5);
        var claude = closed.Services.GetRequiredService<CircuitBreakers>().Claude;
        for (var i = 0; i < 3; i++) claude.RecordFailure();
        await closed.Services.GetRequiredService<SharedMetrics>().FlushAsync();

        var summary = await AlertsFixture.RunAsync(closed.CreateClient());

        var alerts = await AlertsAsync();
        Assert.Contains((AlertTypes.CircuitoAberto, "critical"), alerts);
        Assert.DoesNotContain(alerts, a => a.Tipo == AlertTypes.TaxaHandoffAlta);
        Assert.Contains("fora do horário: taxa_handoff_alta", summary);
    }

    /// <summary>
    /// When Júlia answers at night (RESPONDER_FORA_HORARIO=true, the default), a dead reply path at night pages at night:
    /// `sem_respostas` goes out outside business hours too; when she defers the night's messages, it waits like the rest
    /// (an operator walk, 2026-12-03: nothing paged until 08:00 while doctors went unanswered).
    /// </summary>
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task NoRepliesAtNightPagesAtNightWhenJuliaAnswersAtNight(string answersAtNight, bool pages)
    {
        await f.ResetAsync();
        var local = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(-3));
        var (start, end) = local.Hour < 12 ? ("20:00", "21:00") : ("02:00", "03:00");
        await using var closed = new JuliaAppFactory(f.Database, f.Redis, new Dictionary<string, string?>(f.Common)
        {
            ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = start, ["HORARIO_FIM"] = end, ["RESPONDER_FORA_HORARIO"] = answersAtNight,
        });
        await f.ConversationsAsync(answersAtNight == "true" ? "55119977060" : "55119977065", conversations: 1, handoffs: 0);
        await f.FailedReplyAsync();

        var summary = await AlertsFixture.RunAsync(closed.CreateClient());

        // Failed once in a full run (pages false: the summary lacked "fora do horário: sem_respostas") and never alone: the
        // messages say what the job saw, for the next time.
        var alerts = await AlertsAsync();
        var facts = await AlertFacts.ReadAsync(f.Db, default);
        Assert.True(pages == alerts.Contains((AlertTypes.SemRespostas, "critical")), $"alerts [{string.Join(", ", alerts)}]; summary: {summary}; facts now: {facts}");
        Assert.True(!pages == summary.Contains("fora do horário: sem_respostas"), $"summary: {summary}; alerts [{string.Join(", ", alerts)}]; facts now: {facts}");
    }
}
