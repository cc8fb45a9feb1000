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

// Campaigns, follow-ups and reminders; metrics, quality and alerts; maintenance — each rule at the edge the
// specification names, on the real host with its own Postgres and Redis. The rules other tests already prove at their
// edge are not tested again here; where they are:
//
// Campaigns / follow-ups / reminders
// - lifecycle rascunho → agendada/ativa → concluida, pausar, cancelar cancels pending rows: CampaignTests
//   (ASegmentIsStartedOnceFedWithinItsDailyCapAndReported, PausingHoldsWhatTheCampaignQueued…, ACancelRacingAStart…,
//   AStuckCampaignSendRecoveredAsUnknown…CampaignFinishes)
// - placeholders validated at creation (unknown → 400), specialties by name folded or id: CampaignTests.TemplatesAndSpecialtiesAreValidatedAtCreation,
//   CampaignTemplateTests (unit)
// - segment exclusions (pressure ≤ 70 kept, inbound of the last 7 days out): CampaignsFollowUpsConformanceTests;
//   human control, pending row, re-check at feeding: CampaignTests.TheFeederLeavesOutWhoChangedSince…, ADoctorAPersonDealtWith…
// - max_por_dia, first-contact cap: CampaignTests.ASegmentIsStarted…, PastTheDaysFirstContacts…
// - on send: stage msg_enviada, campanha_id, primeiro_contato_em: ProactiveSendTests, CampaignTests.ACampaignOpeningReactivates…
// - FU1 48 h / FU2 5 d / FU3 15 d, pressure < 70, prioridade 4, tipo_followup, one pending step: CampaignsFollowUpsConformanceTests
// - FU3 → nao_respondeu, paused, +60 days, doctor nao_respondeu: ProactiveSendTests; FU2 names a matching shift:
//   JobsTests.TheSecondFollowUpNamesAShiftThatMatchesTheDoctor; business hours at 20:00:00: ReferenceDefectsClockTests.D4_…
// - reminders (agendar_lembrete only, one pending, cancelled by opt-out, blocked under human control): AgentConformanceTests,
//   OptOutConformanceTests, OutboundQueueConformanceTests
// Metrics / quality / alerts
// - p95 null ≤ 20 samples, last 100, 1 000 kept: MetricsConformanceTests; endpoints and token: MetricsEndpointsTests,
//   /metricas/resumo windows and rates: MetricsSummaryTests
// - performance, tempo_resposta_alto, taxa_erro_alta, fila_congestionada, cache_hit_baixo thresholds met vs one over:
//   AlertRulesTests (unit, the pure table); circuito_aberto / whatsapp_desconectado at any time and at once: ImmediateAlertsTests,
//   AlertsJobTests.OutsideBusinessHoursOnlyTheAnyTimeAlertsGoOut; severity rise breaks the cooldown: AlertsJobTests
// - quality: up to 50 completed, score_geral = round(mean) computed by the system, one retry then WARNING: QualityJobTests, QualityScores
// - daily report at 08:00 for the previous São Paulo day: DailyReportTests
// Maintenance
// - counts logged, `julia limpeza` and its dry run: RetentionTests; the runbook's statements on demo data: RunbookSqlTests

/// <summary>
/// §10 retention at its edges: 90 days + 1 s goes and 90 days − 1 min stays, the 1 001st row in a second batch of the
/// default 1 000, a conversation kept while it is still used or a person holds it, and the customer's manual SQL run as
/// written, in its order, over a conversation every other table points to.
/// </summary>
public sealed class MaintenanceConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    Task<IReadOnlyList<RetentionCount>> RetentionAsync(IProgress<(IRetentionTarget Target, long Done, long Total)>? progress = null) =>
        f.App.Services.GetRequiredService<RetentionRunner>().RunAsync(dryRun: false, progress, CancellationToken.None);

    Task<Guid> DoctorAsync(string phone) => f.ScalarAsync<Guid>(
        "INSERT INTO medicos (telefone, primeiro_nome, origem) VALUES (@phone, 'Retida', 'import') RETURNING id", new { phone });

    [Fact]
    public async Task InteractionsGoInBatchesOfAThousandAndThe1001stRowInASecondOne()
    {
        var medico = await DoctorAsync("5511988850001");
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em)
            SELECT @medico, 'entrada', 'texto', 'medico', 'whatsapp', 'velha ' || g, now() - interval '90 days 1 second', now() - interval '90 days'
            FROM generate_series(1, 1001) g;
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em)
            VALUES (@medico, 'entrada', 'texto', 'medico', 'whatsapp', 'quase', now() - interval '89 days 23 hours 59 minutes', now());
            """, new { medico });
        var batches = new List<long>();

        var counts = await RetentionAsync(new Progress(p => { if (p.Target.Name.StartsWith("interacoes", StringComparison.Ordinal)) batches.Add(p.Done); }));

        Assert.Equal([0L, 1_000L, 1_001L, 1_001L], batches); // the start, two batches of at most 1 000, the empty one that ends it
        Assert.Equal(1_001, counts.Single(c => c.Name == "interacoes (> 90 dias)").Deleted);
        Assert.Equal(["quase"], await f.QueryAsync<string>("SELECT conteudo FROM interacoes WHERE medico_id = @medico", new { medico }));
    }

    /// <summary>
    /// A conversation goes when it was created and last used more than 90 days ago with no open handoff (its handoffs and
    /// evaluations with it; rows elsewhere keep a NULL conversa_id); 90 days + 1 s with a `pendente` or `em_atendimento`
    /// handoff stays, as does one created long ago but used within the window, and one 1 min short of 90 days.
    /// </summary>
    [Fact]
    public async Task AConversationOlderThan90DaysGoesUnlessStillUsedOrHeldByAPerson()
    {
        var medico = await DoctorAsync("5511988850002");
        var cases = new (string Nome, string Created, string LastMessage, string? Handoff, bool Kept)[]
        {
            ("velha", "90 days 1 second", "90 days 1 second", null, false),
            ("velha-handoff-resolvido", "90 days 1 second", "90 days 1 second", "resolvido", false),
            ("velha-handoff-pendente", "90 days 1 second", "90 days 1 second", "pendente", true),
            ("velha-handoff-em-atendimento", "90 days 1 second", "90 days 1 second", "em_atendimento", true),
            ("velha-usada-ontem", "200 days", "1 day", null, true),
            ("quase", "89 days 23 hours 59 minutes", "89 days 23 hours 59 minutes", null, true),
        };
        var ids = new Dictionary<string, Guid>();
        foreach (var c in cases)
        {
            // Closed conversations (one open per doctor): the rule does not look at the status.
            ids[c.Nome] = await f.ScalarAsync<Guid>("""
                INSERT INTO conversations (medico_id, status, escalation_reason, created_at, last_message_at)
                VALUES (@medico, 'completed', @Nome, now() - CAST(@Created AS interval), now() - CAST(@LastMessage AS interval)) RETURNING id
                """, new { medico, c.Nome, c.Created, c.LastMessage });
            if (c.Handoff is not null)
                await f.ExecuteAsync("INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, status) VALUES (@id, @medico, 'manual', 'teste', @Handoff)",
                    new { id = ids[c.Nome], medico, c.Handoff });
        }
        await f.ExecuteAsync("""
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador) VALUES (@id, 7, 7, 7, 7, 7, 'auto');
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, created_at) VALUES (@medico, @id, 'sistema', 'x', 'cancelada', now());
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at)
            VALUES (@medico, @id, 'saida', 'texto', 'julia', 'whatsapp', 'recente', now() - interval '1 day');
            """, new { id = ids["velha"], medico });

        await RetentionAsync();

        var left = (await f.QueryAsync<string>("SELECT escalation_reason FROM conversations WHERE medico_id = @medico", new { medico })).Order();
        Assert.Equal(cases.Where(c => c.Kept).Select(c => c.Nome).Order(), left);
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM avaliacoes_qualidade WHERE conversa_id = @id", new { id = ids["velha"] }));
        Assert.Equal(["em_atendimento", "pendente"], (await f.QueryAsync<string>("SELECT status FROM handoffs WHERE medico_id = @medico", new { medico })).Order());
        Assert.Equal(2L, await f.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM interacoes WHERE medico_id = @medico AND conteudo = 'recente' AND conversa_id IS NULL)
                 + (SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND conteudo = 'x' AND conversa_id IS NULL)
            """, new { medico }));
    }

    /// <summary>
    /// Queue rows: `enviada` 30 days + 1 s after enviada_em go (a day short stays), a `pendente` row never does;
    /// `cancelada`/`bloqueada`/`erro` and `alertas_enviados` go at 90 days + 1 s and stay 1 min short of it.
    /// </summary>
    [Fact]
    public async Task SentQueueRowsGoAfter30DaysEndedOnesAndAlertsAfter90()
    {
        var medico = await DoctorAsync("5511988850003");
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, enviada_em, created_at, agendar_para) VALUES
                (@medico, 'resposta', 'enviada-30d+1s', 'enviada', now() - interval '30 days 1 second', now() - interval '31 days', now() - interval '31 days'),
                (@medico, 'resposta', 'enviada-29d23h59m', 'enviada', now() - interval '29 days 23 hours 59 minutes', now() - interval '31 days', now() - interval '31 days'),
                (@medico, 'campanha', 'pendente-200d', 'pendente', NULL, now() - interval '200 days', now() + interval '10 days'),
                (@medico, 'resposta', 'cancelada-90d+1s', 'cancelada', NULL, now() - interval '90 days 1 second', now() - interval '90 days 1 second'),
                (@medico, 'followup', 'bloqueada-90d+1s', 'bloqueada', NULL, now() - interval '90 days 1 second', now() - interval '90 days 1 second'),
                (@medico, 'resposta', 'erro-90d+1s', 'erro', NULL, now() - interval '90 days 1 second', now() - interval '90 days 1 second'),
                (@medico, 'resposta', 'erro-89d23h59m', 'erro', NULL, now() - interval '89 days 23 hours 59 minutes', now() - interval '90 days');
            INSERT INTO alertas_enviados (tipo, severidade, mensagem, created_at) VALUES
                ('conformidade_velho', 'info', 'x', now() - interval '90 days 1 second'), ('conformidade_quase', 'info', 'x', now() - interval '89 days 23 hours 59 minutes');
            """, new { medico });

        await RetentionAsync();

        Assert.Equal(["enviada-29d23h59m", "erro-89d23h59m", "pendente-200d"],
            (await f.QueryAsync<string>("SELECT conteudo FROM fila_mensagens WHERE medico_id = @medico", new { medico })).Order(StringComparer.Ordinal));
        Assert.Equal(["conformidade_quase"], await f.QueryAsync<string>("SELECT tipo FROM alertas_enviados WHERE tipo LIKE 'conformidade%'"));
    }

    /// <summary>
    /// The customer's three cleanup statements, verbatim from the runbook and in its order (conversations first), succeed
    /// over a 91-day-old conversation that every other table points to — an open handoff, an evaluation, a shift
    /// hold, a campaign send, queue rows and yesterday's messages: the foreign keys cascade or let go.
    /// </summary>
    [Fact]
    public async Task TheRunbooksManualCleanupSucceedsAsWrittenInItsOrder()
    {
        var statements = File.ReadAllLines(Path.Combine(Repository.Root, "tests", "fixtures", "customer-runbook.md"))
            .Where(l => l.StartsWith("DELETE FROM", StringComparison.Ordinal)).ToList();
        Assert.Equal(["conversations", "interacoes", "fila_mensagens"], statements.Select(s => s.Split(' ')[2]));

        var medico = await DoctorAsync("5511988850004");
        var conversa = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, controlled_by, created_at, last_message_at)
            VALUES (@medico, 'active', 'human', now() - interval '91 days', now() - interval '1 day') RETURNING id
            """, new { medico });
        await f.ExecuteAsync("""
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, status) VALUES (@conversa, @medico, 'pedido_humano', 'teste', 'pendente');
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador) VALUES (@conversa, 6, 6, 6, 6, 6, 'gestor');
            WITH e AS (INSERT INTO especialidades (nome) VALUES ('conformidade-limpeza') RETURNING id),
                 h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Limpeza', 'Santo André') RETURNING id),
                 v AS (INSERT INTO vagas (hospital_id, especialidade_id, data, status, medico_id) SELECT h.id, e.id, current_date + 3, 'reservada', @medico FROM e, h RETURNING id)
            INSERT INTO reservas_vaga (vaga_id, medico_id, conversa_id) SELECT id, @medico, @conversa FROM v;
            WITH k AS (INSERT INTO campanhas (nome, tipo, mensagem_template, status) VALUES ('Limpeza', 'reativacao', 'Oi', 'concluida') RETURNING id)
            INSERT INTO envios_campanha (campanha_id, medico_id, conversa_id, status) SELECT id, @medico, @conversa, 'enviado' FROM k;
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, enviada_em, created_at) VALUES
                (@medico, @conversa, 'resposta', 'antiga', 'enviada', now() - interval '40 days', now() - interval '40 days'),
                (@medico, @conversa, 'resposta', 'recente', 'enviada', now() - interval '1 day', now() - interval '1 day');
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em) VALUES
                (@medico, @conversa, 'entrada', 'texto', 'medico', 'whatsapp', 'antiga', now() - interval '91 days', now() - interval '91 days'),
                (@medico, @conversa, 'entrada', 'texto', 'medico', 'whatsapp', 'ontem', now() - interval '1 day', now() - interval '1 day');
            """, new { medico, conversa });

        foreach (var sql in statements) await f.ExecuteAsync(sql);

        Assert.Equal(0L, await f.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM conversations WHERE id = @conversa) + (SELECT count(*) FROM handoffs WHERE conversa_id = @conversa)
                 + (SELECT count(*) FROM avaliacoes_qualidade WHERE conversa_id = @conversa)
            """, new { conversa }));
        Assert.Equal(["ontem"], await f.QueryAsync<string>("SELECT conteudo FROM interacoes WHERE medico_id = @medico AND conversa_id IS NULL", new { medico }));
        Assert.Equal(["recente"], await f.QueryAsync<string>("SELECT conteudo FROM fila_mensagens WHERE medico_id = @medico AND conversa_id IS NULL", new { medico }));
        Assert.Equal(2L, await f.ScalarAsync<long>("""
            SELECT (SELECT count(*) FROM reservas_vaga WHERE medico_id = @medico AND conversa_id IS NULL)
                 + (SELECT count(*) FROM envios_campanha WHERE medico_id = @medico AND conversa_id IS NULL)
            """, new { medico }));
    }

    /// <summary>§11's schedule (São Paulo) of the jobs of §7, §9 and §10, as GET /jobs reports it.</summary>
    [Theory]
    [InlineData("retencao", null, "03:00", false)]
    [InlineData("qualidade", null, "02:00", false)]
    [InlineData("alertas", 900.0, null, false)]
    [InlineData("followups", 900.0, null, true)]
    [InlineData("campanhas", 60.0, null, true)]
    [InlineData("pausas", null, "06:00", false)]
    [InlineData("pressao", null, "00:30", false)]
    [InlineData("encerramento", null, "01:00", false)]
    [InlineData("relatorio-diario", null, "08:00", false)]
    public async Task EachJobRunsOnItsSchedule(string nome, double? everySeconds, string? dailyAt, bool businessHoursOnly)
    {
        var jobs = JsonNode.Parse(await f.Client.GetStringAsync("/jobs"))!.AsArray();
        var job = jobs.Single(j => j!["nome"]!.GetValue<string>() == nome)!;

        Assert.Equal((everySeconds, dailyAt, businessHoursOnly),
            (job["intervalo_s"]?.GetValue<double>(), job["diario_as"]?.GetValue<string>(), job["so_horario_comercial"]!.GetValue<bool>()));
    }

    sealed class Progress(Action<(IRetentionTarget Target, long Done, long Total)> report) : IProgress<(IRetentionTarget Target, long Done, long Total)>
    {
        public void Report((IRetentionTarget Target, long Done, long Total) value) => report(value);
    }
}

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
        // Consumed by a turn whose reply failed (`erro`): awaiting a reply, and no turn runner takes it up meanwhile — left
        // unprocessed, the host's sweeper once answered it between the two runs (the fallback's handoff: not awaiting).
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em)
            SELECT c.medico_id, c.id, 'entrada', 'texto', 'medico', 'whatsapp', 'tem plantão?', now() - interval '31 minutes', now() - interval '31 minutes' FROM conversations c;
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, outcome_reason_code, created_at)
            SELECT c.medico_id, c.id, 'resposta', 'oi!', 'erro', 'tentativas_esgotadas', now() - interval '31 minutes' FROM conversations c;
            """);
        var first = await AlertsFixture.RunAsync(f.Client);
        Assert.DoesNotContain(AlertTypes.SemRespostas, await AlertsAsync());

        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at)
            SELECT c.medico_id, c.id, 'saida', 'texto', 'julia', 'whatsapp', 'oi!', now() - interval '31 minutes' FROM conversations c;
            UPDATE interacoes SET created_at = now() - interval '29 minutes' WHERE direcao = 'entrada';
            UPDATE fila_mensagens SET created_at = now() - interval '29 minutes';
            """);
        var second = await AlertsFixture.RunAsync(f.Client);
        Assert.True((await AlertsAsync()).Contains(AlertTypes.SemRespostas), $"the job said: {first} / then: {second}");
        var message = await Eventually.MatchesAsync(() => Task.FromResult(f.Slack.Received.LastOrDefault(m =>
            m["text"]?.GetValue<string>() == "⚠️ Alerta: sem_respostas")), m => m is not null);
        Assert.Equal("#9C27B0", message!["attachments"]![0]!["color"]!.GetValue<string>());
    }
}

/// <summary>
/// `/admin/metricas/health` problems at their thresholds: a mean of exactly 2 000 ms is "lento", not "crítico", 2 001
/// is "crítico", exactly 1 000 is nothing (a model call: 10 000 "lento", 5 000 nothing); 10 errors of one operation in
/// the hour are not a problem, 11 are.
/// </summary>
public sealed class MetricsHealthConformanceTests(AppFixture f) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HealthProblemsStartJustAboveEachThreshold()
    {
        var meter = f.Factory.Services.GetRequiredService<WhatsAppMeter>();
        foreach (var (op, ms) in new[] { ("webhook_evolution", 2_000), ("evolution_enviar", 2_001), ("chatwoot_api", 1_000), ("llm_chamada", 10_000), ("processar_mensagem", 5_000) })
            for (var i = 0; i < 10; i++) meter.Time(op, TimeSpan.FromMilliseconds(ms));
        for (var i = 0; i < 10; i++) meter.Error("slack_enviar");
        for (var i = 0; i < 11; i++) meter.Error("cache_get");
        await f.Factory.Services.GetRequiredService<SharedMetrics>().FlushAsync();

        var health = JsonNode.Parse(await f.Factory.CreateClient().GetStringAsync("/admin/metricas/health"))!;
        var problems = health["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();

        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        Assert.Contains(problems, p => p.StartsWith("webhook_evolution lento:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("evolution_enviar crítico:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("llm_chamada lento:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("cache_get: 11 erros na última hora", StringComparison.Ordinal));
        Assert.DoesNotContain(problems, p => p.StartsWith("chatwoot_api", StringComparison.Ordinal) || p.StartsWith("processar_mensagem", StringComparison.Ordinal)
            || p.StartsWith("slack_enviar", StringComparison.Ordinal) || p.StartsWith("webhook_evolution crítico", StringComparison.Ordinal));
    }
}

/// <summary>
/// §7 at its edges on the database: a scheduled campaign starts at its minute and not a minute before; the global daily
/// cap leaves exactly its remainder to the feeder (as `campanha`, prioridade 3); the report counts an answer within 7
/// days of the send and not one 7 days and a minute after; follow-ups skip blocked or removed doctors and conversations
/// not active with Júlia; the pause ends at pausado_ate; pressure decays 5 a day without a proactive contact, never
/// below 0.
/// </summary>
public sealed class CampaignsCadenceConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    Task RunJobAsync(string nome) => f.App.Services.GetServices<IJob>().Single(j => j.Name == nome).RunAsync(CancellationToken.None);

    Task<Guid> DoctorAsync(string phone, string tag, int pressure = 0) => f.ScalarAsync<Guid>("""
        INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, tags, pressure_score)
        VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'import', jsonb_build_array(@tag), @pressure) RETURNING id
        """, new { phone, tag, pressure });

    [Fact]
    public async Task AScheduledCampaignStartsAtItsMinuteAndNotBefore()
    {
        var ids = await f.QueryAsync<long>("""
            INSERT INTO campanhas (nome, tipo, mensagem_template, filtros, status, agendar_para) VALUES
                ('Agendada agora', 'reativacao', 'Oi', '{"tags": ["ninguem-tem-esta"]}', 'agendada', now() - interval '1 second'),
                ('Agendada daqui a 1 min', 'reativacao', 'Oi', '{"tags": ["ninguem-tem-esta"]}', 'agendada', now() + interval '1 minute')
            RETURNING id
            """);

        await RunJobAsync("campanhas");

        var started = await f.QueryAsync<(long Id, string Status, bool Started)>(
            "SELECT id, status, iniciada_em IS NOT NULL FROM campanhas WHERE id = ANY(@ids) ORDER BY id", new { ids = ids.ToArray() });
        Assert.True(started[0].Started && started[0].Status is "ativa" or "concluida", started[0].ToString());
        Assert.Equal((ids[1], "agendada", false), started[1]);
    }

    [Fact]
    public async Task TheFeederFillsOnlyWhatIsLeftOfTheGlobalDailyCap()
    {
        var filler = await DoctorAsync("5511988860000", "conformidade-enchimento");
        var today = await f.ScalarAsync<int>("""
            WITH d AS (SELECT date_trunc('day', now() AT TIME ZONE 'America/Sao_Paulo') AT TIME ZONE 'America/Sao_Paulo' AS sp_midnight)
            SELECT count(*) FROM fila_mensagens, d WHERE tipo IN ('campanha', 'followup') AND status NOT IN ('cancelada', 'bloqueada')
              AND (status IN ('pendente', 'processando') OR GREATEST(created_at, enviada_em) >= sp_midnight)
            """);
        // MAX_MSGS_POR_DIA = 100: 98 proactive messages went out today, two places are left.
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, enviada_em, created_at)
            SELECT @filler, 'followup', 'x', 'enviada', now(), now() FROM generate_series(1, @n)
            """, new { filler, n = 98 - today });
        for (var i = 1; i <= 4; i++) await DoctorAsync($"551198886000{i}", "conformidade-teto");
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Teto global", tipo = "oferta_plantao", mensagem_template = "Oi {nome}, tenho plantões", filtros = new { tags = new[] { "conformidade-teto" } }, max_por_dia = 50,
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);

        await RunJobAsync("campanhas");
        await RunJobAsync("campanhas");

        Assert.Equal([3, 3], await f.QueryAsync<int>("SELECT prioridade FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @id", new { id = id.ToString() }));
        Assert.Equal(2L, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @id AND status = 'pendente'", new { id }));
    }

    [Fact]
    public async Task TheReportCountsAnswersWithinSevenDaysOfTheSendAndTheDeliveryRate()
    {
        var id = await f.ScalarAsync<long>("INSERT INTO campanhas (nome, tipo, mensagem_template, status) VALUES ('Relatório', 'oferta_plantao', 'Oi', 'ativa') RETURNING id");
        var doctors = new List<Guid>();
        for (var i = 1; i <= 5; i++) doctors.Add(await DoctorAsync($"551198887000{i}", "conformidade-relatorio"));
        await f.ExecuteAsync("""
            INSERT INTO envios_campanha (campanha_id, medico_id, status, enviado_em)
            SELECT @id, d, CASE WHEN n = 5 THEN 'erro' ELSE 'enviado' END, CASE WHEN n = 5 THEN NULL ELSE now() - interval '10 days' END
            FROM unnest(@doctors) WITH ORDINALITY AS x (d, n);
            -- 1: answered 6 days 23 hours after the send; 2: 7 days and a minute after; 3: opted out after it; 4: silent.
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em) VALUES
                (@d1, 'entrada', 'texto', 'medico', 'whatsapp', 'oi', now() - interval '3 days 1 hour', now() - interval '3 days 1 hour'),
                (@d2, 'entrada', 'texto', 'medico', 'whatsapp', 'oi', now() - interval '2 days 23 hours 59 minutes', now() - interval '2 days 23 hours 59 minutes');
            UPDATE medicos SET opted_out = true, opted_out_at = now() - interval '9 days' WHERE id = @d3;
            """, new { id, doctors = doctors.ToArray(), d1 = doctors[0], d2 = doctors[1], d3 = doctors[2] });

        var report = JsonNode.Parse(await f.Client.GetStringAsync($"/campanhas/{id}/relatorio"))!;

        Assert.Equal((5L, 0.8, 1L, 1L), (report["total"]!.GetValue<long>(), report["taxa_entrega"]!.GetValue<double>(),
            report["responderam_7d"]!.GetValue<long>(), report["opt_outs"]!.GetValue<long>()));
        Assert.Equal(4L, report["por_status"]!["enviado"]!.GetValue<long>());
    }

    /// <summary>
    /// Follow-up eligibility beyond silence and pressure: a blocked or removed doctor, a paused, a completed or a
    /// human-controlled conversation get no step; the one eligible conversation beside them gets FU1.
    /// </summary>
    [Fact]
    public async Task FollowUpsSkipBlockedOrRemovedDoctorsAndConversationsNotActiveWithJulia()
    {
        var cases = new (string Phone, bool Bloqueado, bool Removido, string Status, string Controle, bool Due)[]
        {
            ("5511988890001", false, false, "active", "ai", true),
            ("5511988890002", true, false, "active", "ai", false),
            ("5511988890003", false, true, "active", "ai", false),
            ("5511988890004", false, false, "paused", "ai", false),
            ("5511988890005", false, false, "completed", "ai", false),
            ("5511988890006", false, false, "active", "human", false),
        };
        foreach (var c in cases)
            await f.ExecuteAsync("""
                WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, bloqueado, deleted_at)
                           VALUES (@Phone, @Phone || '@s.whatsapp.net', 'Lia', 'import', @Bloqueado, CASE WHEN @Removido THEN now() END) RETURNING id)
                INSERT INTO conversations (medico_id, status, stage, controlled_by, last_outbound_at)
                SELECT id, @Status, 'msg_enviada', @Controle, now() - interval '49 hours' FROM m
                """, new { c.Phone, c.Bloqueado, c.Removido, c.Status, c.Controle });

        await RunJobAsync("followups");

        Assert.Equal(cases.Where(c => c.Due).Select(c => c.Phone), await f.QueryAsync<string>("""
            SELECT m.telefone FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE f.tipo = 'followup' AND m.telefone LIKE '55119888900%' ORDER BY m.telefone
            """));
    }

    [Fact]
    public async Task APauseEndsAtPausadoAteAndPressureDecaysFiveADayWithoutContact()
    {
        var ended = await DoctorAsync("5511988880001", "conformidade-pausa", pressure: 50);
        var running = await DoctorAsync("5511988880002", "conformidade-pausa", pressure: 3);
        var contacted = await DoctorAsync("5511988880003", "conformidade-pausa", pressure: 50);
        var contactedBefore = await DoctorAsync("5511988880004", "conformidade-pausa", pressure: 50);
        await f.ExecuteAsync("""
            INSERT INTO conversations (medico_id, status, stage, pausado_ate) VALUES
                (@ended, 'paused', 'nao_respondeu', now() - interval '1 second'), (@running, 'paused', 'nao_respondeu', now() + interval '1 minute');
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, enviada_em, created_at) VALUES
                (@contacted, 'followup', 'x', 'enviada', now() - interval '23 hours 59 minutes', now() - interval '1 day'),
                (@contactedBefore, 'campanha', 'x', 'enviada', now() - interval '24 hours 1 minute', now() - interval '2 days');
            """, new { ended, running, contacted, contactedBefore });

        await RunJobAsync("pausas");
        await RunJobAsync("pressao");

        Assert.Equal([("active", "recontato"), ("paused", "nao_respondeu")], await f.QueryAsync<(string, string)>(
            "SELECT status, stage FROM conversations WHERE medico_id = ANY(@ids) ORDER BY medico_id = @ended DESC", new { ids = new[] { ended, running }, ended }));
        Assert.Equal([45, 0, 50, 45], await f.QueryAsync<int>("""
            SELECT pressure_score FROM medicos WHERE id = ANY(@ids) ORDER BY telefone
            """, new { ids = new[] { ended, running, contacted, contactedBefore } }));
    }
}
