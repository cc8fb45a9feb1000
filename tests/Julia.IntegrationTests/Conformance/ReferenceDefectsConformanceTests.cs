using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Agent;
using Julia.Agent.Tools;
using Julia.Conversations;
using Julia.Doctors;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Time;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.Jobs;
using Julia.Metrics;
using Julia.Queue;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// Júlia sending through the real Evolution client to a fake Evolution, open every hour of every day and with no random
/// spacing, so what a test queues is due at once and only the rule under test holds it.
/// </summary>
public sealed class ReferenceDefectsFixture : GatewayPipelineFixture
{
    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: 1))
    {
        ["HUMANIZAR"] = "false", ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00",
        ["INTERVALO_MAX_SEGUNDOS"] = "0", ["INTERVALO_ENTRE_ENVIOS_SEGUNDOS"] = "0",
    };

    public IDatabase Keys => App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(Redis.Database);

    /// <summary>The numbers Evolution was asked to send to (the `number` field, JID suffix dropped), in order.</summary>
    public IEnumerable<string> SentNumbers => Evolution.Sends.Select(c => c.Body?["number"]?.GetValue<string>()?.Split('@')[0] ?? "");

    /// <summary>Waits until a queue row of the doctor has left `pendente`/`processando`; its status, attempts and reason.</summary>
    public async Task<(string Status, int Tentativas, string? Reason)> SettledAsync(Guid medico, string conteudo) =>
        (await Eventually.MatchesAsync(() => QueryAsync<(string Status, int Tentativas, string? Reason)>(
            "SELECT status, tentativas, outcome_reason_code FROM fila_mensagens WHERE medico_id = @medico AND conteudo = @conteudo",
            new { medico, conteudo }), r => r.Count == 1 && (r[0].Status is not ("pendente" or "processando") || r[0].Reason is not null))).Single();
}

/// <summary>
/// The twenty known defects of the reference system Júlia replaces (numbered D1–D20 as the behaviour contract lists
/// them), each shown gone on the real host — real Postgres, Redis and HTTP, fake Evolution on loopback. A test here adds the edge
/// the defect names; where an existing test already proves exactly the row, it is named instead:
/// <list type="bullet">
/// <item>D2 (select-then-update claim; stuck rows): Queue/TwoDispatchersTests (two processes never send one row twice,
/// `FOR UPDATE SKIP LOCKED`) and OutboundQueueConformanceTests.AStuckClaimIsRecoveredOnlyPastTheLease.</item>
/// <item>D5–D7 (the agent's context, history and honesty): Conformance/AgentConformanceTests.</item>
/// <item>D8 (no dedupe; 200 on errors; volatile work): InboundConformanceTests.TheSameMessageIdTwiceIsOneRowAndADuplicate,
/// Conversations/RecoveryTests (503 with the database down; unprocessed rows resumed after a restart),
/// Reliability/ProcessKillTests; the concurrent edge is <see cref="Improvement_AtomicDedupe_TheSameMessageDeliveredFiveTimesAtOnceIsOneRow"/>.</item>
/// <item>D10 (Chatwoot mapping, double mirroring, `resolved` and agent replies): Chatwoot/HumanLoopTests,
/// Chatwoot/AppMirroringTests, Chatwoot/GenuinePayloadTests.</item>
/// <item>D14 (follow-ups never fired, step counter, cadence): CampaignsFollowUpsConformanceTests.EachFollowUpStepIsDueExactlyAtItsIntervalAndOnlyBelowPressure70,
/// Queue/ProactiveSendTests.TheLastFollowUpPausesTheConversationAndRaisesPressure.</item>
/// <item>D15's quality half (statuses, columns): Quality/QualityJobTests; the closing half is <see cref="D15_IdleConversationsCloseCompletedOrAbandonedAfterSevenDays"/>.</item>
/// <item>D18 (alert cooldown, `alertas_enviados`, sample minimum; silence on LLM failure): Alerts/AlertsJobTests,
/// Conversations/FallbackRetryTests, Agent/PatientFallbackTests.</item>
/// <item>D19's auth and suggestions-only halves: Host/AdminBadInputTests (every admin/jobs/campaign route behind
/// ADMIN_API_TOKEN), Conversations/WebhookTests and Chatwoot/SignedWebhookTests (webhook tokens), Quality/QualityJobTests
/// (prompt suggestions are rows, never files).</item>
/// <item>Improvements — debounce and superseded replies: Conversations/TurnSchedulingTests, Conversations/ReplyHandOffTests;
/// one agent run per conversation: RedisKeysConformanceTests.TheTurnLockLivesAtMost120SecondsAndIsReleasedByItsOwner,
/// Reliability/ScaleOutTests; takeover from a Chatwoot reply: Chatwoot/HumanLoopTests; honest AI disclosure:
/// AgentConformanceTests; re-check before every send: <see cref="D3_AReplyIsRecordedNotCountedAndProactiveKindsAreReCheckedAtTheirSend"/>.</item>
/// </list>
/// D4 and D11 (the São Paulo clock) are <see cref="ReferenceDefectsClockTests"/>.
/// </summary>
public sealed class ReferenceDefectsConformanceTests(ReferenceDefectsFixture f) : IClassFixture<ReferenceDefectsFixture>
{
    static string NewId() => "CONFD" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    /// <summary>
    /// D1: the reference's worker never applied the limiter (a tuple tested for truth, the doctor's id passed as the
    /// phone) and a deferral spent a retry. A follow-up over the hour's cap goes back to `pendente` for the next hour with
    /// no attempt spent and is not sent; once the cap allows, it goes, counted once, and the per-number key is the phone.
    /// </summary>
    [Fact]
    public async Task D1_AProactiveSendOverTheHourCapWaitsWithoutSpendingAnAttemptAndTheLimiterIsKeyedByThePhone()
    {
        const string phone = "5511988890101";
        var (medico, conversa) = await f.DoctorAsync(phone);
        // This hour's cap used up (and the next one's, should the clock hour turn during the test).
        var hours = new[] { 0, 30 }.Select(s => SendLimiter.Keys(SaoPaulo.ToLocal(DateTimeOffset.UtcNow.AddSeconds(s)), phone)).ToList();
        foreach (var k in hours)
        {
            await f.Keys.StringSetAsync(k[0], 20, TimeSpan.FromHours(2));
            await f.Keys.StringSetAsync(k[1], 20, TimeSpan.FromHours(25));
        }

        await f.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade) VALUES (@medico, @conversa, 'followup', 'd1', 4)",
            new { medico, conversa });

        Assert.Equal(("pendente", 0, LimitHold.Limit), await f.SettledAsync(medico, "d1"));
        Assert.True(await f.ScalarAsync<bool>("SELECT agendar_para > now() FROM fila_mensagens WHERE medico_id = @medico", new { medico }));
        Assert.DoesNotContain(phone, f.SentNumbers);

        foreach (var k in hours) await f.Keys.StringSetAsync(k[0], 0, TimeSpan.FromHours(2));
        await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE medico_id = @medico", new { medico });

        var sent = await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, int Tentativas)>(
            "SELECT status, tentativas FROM fila_mensagens WHERE medico_id = @medico", new { medico }), r => r[0].Status is not ("pendente" or "processando"));
        Assert.Equal(("enviada", 0), sent[0]);
        Assert.Single(f.SentNumbers, n => n == phone);
        Assert.True(await f.Keys.KeyExistsAsync($"rate:ultimo:{phone}"));
        Assert.False(await f.Keys.KeyExistsAsync($"rate:ultimo:{medico}"));
    }

    /// <summary>
    /// D3: the reference's queue skipped the opt-out, human-control and hours checks, wrote no `interacoes` row for what
    /// it sent, and counted replies as proactive sends. A reply goes out recorded as an outbound row and not counted; a
    /// reminder (exempt from the caps, not from the checks) is blocked at its send when a person took the conversation,
    /// and when the doctor opted out.
    /// </summary>
    [Fact]
    public async Task D3_AReplyIsRecordedNotCountedAndProactiveKindsAreReCheckedAtTheirSend()
    {
        const string phone = "5511988890301";
        var hourKey = SendLimiter.Keys(SaoPaulo.ToLocal(DateTimeOffset.UtcNow), phone)[0];
        var countedBefore = (long?)await f.Keys.StringGetAsync(hourKey) ?? 0;

        await PostAsync(f.Client, Text(phone, "oi, tem plantão de clínica essa semana?"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        var outbound = await f.QueryAsync<(string Autor, string Origem, string? ProviderId)>("""
            SELECT i.autor_tipo, i.origem, i.provider_message_id FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = @phone AND i.direcao = 'saida'
            """, new { phone });
        var row = Assert.Single(outbound);
        Assert.Equal(("julia", "fila:resposta"), (row.Autor, row.Origem));
        Assert.False(string.IsNullOrEmpty(row.ProviderId));
        Assert.Equal(countedBefore, (long?)await f.Keys.StringGetAsync(hourKey) ?? 0);

        var medico = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        await f.ExecuteAsync("""
            UPDATE conversations SET controlled_by = 'human' WHERE medico_id = @medico;
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade)
            SELECT @medico, id, 'lembrete_solicitado', 'd3 humano', 7 FROM conversations WHERE medico_id = @medico;
            """, new { medico });
        Assert.Equal(("bloqueada", "controle_humano"), Pick(await f.SettledAsync(medico, "d3 humano")));

        await f.ExecuteAsync("""
            UPDATE conversations SET controlled_by = 'ai' WHERE medico_id = @medico;
            UPDATE medicos SET opted_out = true, opted_out_at = now() WHERE id = @medico;
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade)
            SELECT @medico, id, 'lembrete_solicitado', 'd3 opt-out', 7 FROM conversations WHERE medico_id = @medico;
            """, new { medico });
        Assert.Equal("bloqueada", (await f.SettledAsync(medico, "d3 opt-out")).Status);
        Assert.Single(f.SentNumbers, n => n == phone);
    }

    static (string, string?) Pick((string Status, int Tentativas, string? Reason) r) => (r.Status, r.Reason);

    /// <summary>
    /// D9: the reference stored media twice and ran media replies and handoff triggers before looking at who controls the
    /// conversation. With a person in control, an image whose caption asks for a person and an audio are each stored once,
    /// marked processed, and nothing automated follows: no message queued, no handoff opened.
    /// </summary>
    [Fact]
    public async Task D9_WhileAPersonControlsTheConversationMediaIsStoredOnceAndNothingAutomatedFollows()
    {
        const string phone = "5511988890901";
        var (medico, conversa) = await f.DoctorAsync(phone);
        await f.ExecuteAsync("UPDATE conversations SET controlled_by = 'human' WHERE id = @conversa", new { conversa });
        var bodies = new[] { Fixture("webhook-messages-upsert-image-caption.json"), Fixture("webhook-messages-upsert-audio.json") };
        bodies[0]["data"]!["message"]!["imageMessage"]!["caption"] = "quero falar com uma pessoa, segue o comprovante";
        foreach (var body in bodies)
        {
            var key = body["data"]!["key"]!.AsObject();
            key["remoteJid"] = phone + "@s.whatsapp.net";
            key.Remove("remoteJidAlt");
            key["id"] = NewId();
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, body)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, body)).StatusCode); // a redelivery
        }
        await f.WaitProcessedAsync(phone);

        var stored = await f.QueryAsync<(string Tipo, bool HasMedia)>(
            "SELECT tipo, midia IS NOT NULL FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' ORDER BY tipo", new { medico });
        Assert.Equal([("audio", true), ("imagem", true)], stored);
        Assert.Empty(await f.QueueAsync(phone));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM handoffs WHERE medico_id = @medico", new { medico }));
        Assert.Equal("human", await f.ScalarAsync<string>("SELECT controlled_by FROM conversations WHERE id = @conversa", new { conversa }));
    }

    /// <summary>
    /// D12: the reference's opt-out wrote one column while segmentation excluded on another, so opted-out doctors were
    /// still targeted. A doctor who opts out in his own words is out of every segment — because of the opt-out: clearing
    /// it brings him back.
    /// </summary>
    [Fact]
    public async Task D12_ADoctorWhoOptedOutInHisOwnWordsIsLeftOutOfEverySegmentByOptedOut()
    {
        const string phone = "5511988891201";
        await f.ExecuteAsync("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, tags)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Saiu', 'import', '["conformidade-d12"]'),
                   ('5511988891202', '5511988891202@s.whatsapp.net', 'Ficou', 'import', '["conformidade-d12"]')
            """, new { phone });

        await PostAsync(f.Client, Text(phone, "por favor me tira dessa lista, não quero mais receber"));
        await f.WaitProcessedAsync(phone);
        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        // His words are a week old now: only the opt-out can keep him out.
        await f.ExecuteAsync("""
            UPDATE interacoes i SET created_at = now() - interval '10 days' FROM medicos m WHERE m.id = i.medico_id AND m.telefone = @phone;
            UPDATE conversations c SET last_inbound_at = now() - interval '10 days', last_message_at = now() - interval '10 days',
                   created_at = now() - interval '10 days' FROM medicos m WHERE m.id = c.medico_id AND m.telefone = @phone;
            """, new { phone });

        Assert.Equal(["Ficou"], await PreviewNamesAsync(new { tags = new[] { "conformidade-d12" } }));
        await f.ExecuteAsync("UPDATE medicos SET opted_out = false, stage_jornada = 'respondeu' WHERE telefone = @phone", new { phone });
        Assert.Equal(["Ficou", "Saiu"], await PreviewNamesAsync(new { tags = new[] { "conformidade-d12" } }));
    }

    async Task<List<string>> PreviewNamesAsync(object filtros)
    {
        var response = await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var preview = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. preview.GetProperty("amostra").EnumerateArray().Select(s => s.GetProperty("nome").GetString()!.Split(' ')[0]).Order()];
    }

    /// <summary>
    /// D13: the reference crashed on a placeholder mismatch, used only the first value of a filter, and enqueued a whole
    /// campaign at once. An unknown placeholder is a 400 at creation; every value of a list filter counts (OR); starting
    /// creates one send per doctor and queues nothing until the feeder drips it.
    /// </summary>
    [Fact]
    public async Task D13_AnUnknownPlaceholderIs400EveryFilterValueCountsAndStartingQueuesNothing()
    {
        var bad = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Conformidade D13", tipo = "oferta_plantao", mensagem_template = "Oi {nome}, plantão de {especialiade}?",
            filtros = new { tags = new[] { "conformidade-d13" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("especialiade", await bad.Content.ReadAsStringAsync());

        await f.ExecuteAsync("""
            INSERT INTO especialidades (nome) VALUES ('conformidade_d13_a'), ('conformidade_d13_b');
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, tags, especialidade_id)
            SELECT t, t || '@s.whatsapp.net', n, 'import', '["conformidade-d13"]', (SELECT id FROM especialidades WHERE nome = e)
            FROM (VALUES ('5511988891301', 'Primeira', 'conformidade_d13_a'), ('5511988891302', 'Segunda', 'conformidade_d13_b'),
                         ('5511988891303', 'Nenhuma', NULL)) AS v (t, n, e);
            """);
        var filtros = new { tags = new[] { "conformidade-d13" }, especialidades = new[] { "conformidade_d13_a", "conformidade_d13_b" } };
        Assert.Equal(["Primeira", "Segunda"], await PreviewNamesAsync(filtros));

        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Conformidade D13", tipo = "oferta_plantao", mensagem_template = "Oi {nome}, tenho plantão de {especialidade}!", filtros,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.True((await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).IsSuccessStatusCode);
        Assert.True((await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode != HttpStatusCode.InternalServerError);

        var sends = await f.QueryAsync<(string Nome, string Status)>("""
            SELECT m.primeiro_nome, e.status FROM envios_campanha e JOIN medicos m ON m.id = e.medico_id WHERE e.campanha_id = @id ORDER BY 1
            """, new { id });
        Assert.Equal([("Primeira", "pendente"), ("Segunda", "pendente")], sends);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE metadata->>'campanha_id' = @id", new { id = id.ToString() }));
    }

    /// <summary>
    /// D15 (closing): the reference never closed a conversation. Seven days idle after the doctor replied → `completed`
    /// with its time; seven days idle in `recontato` with nobody writing → `abandoned`; a day short of that stays open.
    /// </summary>
    [Fact]
    public async Task D15_IdleConversationsCloseCompletedOrAbandonedAfterSevenDays()
    {
        var cases = new (string Phone, string Stage, string Idle, bool Replied, string Expected)[]
        {
            ("5511988891501", "respondeu", "7 days 1 hour", true, "completed"),
            ("5511988891502", "respondeu", "6 days 23 hours", true, "active"),
            ("5511988891503", "recontato", "7 days 1 hour", false, "abandoned"),
            ("5511988891504", "recontato", "6 days 23 hours", false, "active"),
        };
        foreach (var c in cases)
            await f.ExecuteAsync("""
                WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES (@Phone, @Phone || '@s.whatsapp.net', 'Idle', 'import') RETURNING id)
                INSERT INTO conversations (medico_id, stage, last_message_at, last_inbound_at, created_at, updated_at)
                SELECT id, @Stage, now() - CAST(@Idle AS interval), CASE WHEN @Replied THEN now() - CAST(@Idle AS interval) END,
                       now() - interval '30 days', now() - CAST(@Idle AS interval) FROM m
                """, new { c.Phone, c.Stage, c.Idle, c.Replied });

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/encerramento", null)).StatusCode);

        var closed = await f.QueryAsync<(string Phone, string Status, bool HasCompletedAt)>("""
            SELECT m.telefone, c.status, c.completed_at IS NOT NULL FROM conversations c JOIN medicos m ON m.id = c.medico_id
            WHERE m.telefone LIKE '55119888915%' ORDER BY 1
            """);
        Assert.Equal(cases.Select(c => (c.Phone, c.Expected, c.Expected != "active")), closed);
    }

    /// <summary>
    /// D16: the reference's metrics collector was never fed, lived in one process's memory and never measured the cache.
    /// One doctor's message shows in the shared samples (Redis `metricas:*`) as the webhook's and the turn's timings, and
    /// the doctor cache's lookups are counted with a hit rate.
    /// </summary>
    [Fact]
    public async Task D16_OneMessageFeedsTheSharedTimingsAndTheCacheHitRate()
    {
        const string phone = "5511988891601";
        await PostAsync(f.Client, Text(phone, "oi"));
        await f.WaitProcessedAsync(phone);
        await f.App.Services.GetRequiredService<SharedMetrics>().FlushAsync();

        var report = JsonNode.Parse(await (await f.Client.GetAsync("/admin/metricas/performance")).Content.ReadAsStringAsync())!;
        Assert.True(report["tempos"]!["webhook_evolution"]!["total"]!.GetValue<int>() >= 1);
        Assert.True(report["tempos"]!["processar_mensagem"]!["total"]!.GetValue<int>() >= 1);
        var medico = report["cache"]!["medico"]!;
        Assert.True(medico["hits"]!.GetValue<long>() + medico["misses"]!.GetValue<long>() >= 1);
        Assert.NotNull(medico["hit_rate"]);
        var server = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetServers()[0];
        Assert.NotEmpty(server.Keys(f.Redis.Database, "metricas:*").Take(1));
    }

    /// <summary>
    /// D17: the reference's dashboard counted a `direcao` column it never wrote. Every row has it (a row without is
    /// refused), and one exchange moves the summary's received and sent counts by exactly its own messages.
    /// </summary>
    [Fact]
    public async Task D17_EveryInteractionHasADirectionAndTheSummaryCountsByIt()
    {
        const string phone = "5511988891701";
        var (medico, _) = await f.DoctorAsync(phone);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => f.ExecuteAsync(
            "INSERT INTO interacoes (medico_id, conteudo, autor_tipo) VALUES (@medico, 'sem direção', 'medico')", new { medico }));
        await f.WaitSendsRecordedAsync(phone);
        var before = await SummaryAsync();

        await PostAsync(f.Client, Text(phone, "oi, tudo bem?"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        var after = await SummaryAsync();
        var sent = await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'saida'", new { medico });
        Assert.True(sent >= 1);
        Assert.Equal((before.Received + 1, before.Sent + sent), after);
    }

    async Task<(long Received, long Sent)> SummaryAsync()
    {
        var body = JsonNode.Parse(await (await f.Client.GetAsync("/metricas/resumo?dias=1")).Content.ReadAsStringAsync())!;
        return (body["mensagens_recebidas"]!.GetValue<long>(), body["mensagens_enviadas"]!.GetValue<long>());
    }

    /// <summary>
    /// D19 (Redis): the reference invalidated with `KEYS` (blocking Redis) and its limiter failed open on a Redis error.
    /// Invalidating a specialty's shifts deletes them with `SCAN` (the server's `keys` command count does not move); a
    /// Redis error that is not an outage — a counter of the wrong type — holds the proactive send (fail closed).
    /// </summary>
    [Fact]
    public async Task D19_InvalidationScansNeverKeysAndTheLimiterFailsClosedOnARedisError()
    {
        // The server's command counts, read on a connection of the test's own (INFO needs admin mode).
        Julia.Infrastructure.Configuration.ConnectionStrings.TryRedis(f.Redis.Url, out var admin, out _);
        admin.AllowAdmin = true;
        await using var mux = await ConnectionMultiplexer.ConnectAsync(admin);
        var server = mux.GetServers()[0];
        var especialidade = Guid.NewGuid();
        await f.Keys.StringSetAsync($"vagas:especialidade:{especialidade}:limite:5", "[]", TimeSpan.FromMinutes(1));
        var (keysBefore, scansBefore) = await CommandCallsAsync(server);

        await f.App.Services.GetRequiredService<ShiftCatalog>().InvalidateSpecialtyAsync(especialidade);

        var (keysAfter, scansAfter) = await CommandCallsAsync(server);
        Assert.False(await f.Keys.KeyExistsAsync($"vagas:especialidade:{especialidade}:limite:5"));
        Assert.Equal(keysBefore, keysAfter);
        Assert.True(scansAfter > scansBefore);

        var at = new DateTimeOffset(2026, 10, 14, 10, 30, 0, TimeSpan.FromHours(-3));
        var wrongType = $"rate:dia:{at:yyyyMMdd}";
        await f.Keys.KeyDeleteAsync(wrongType);
        await f.Keys.StringSetAsync($"rate:hora:{at:yyyyMMddHH}", 0, TimeSpan.FromMinutes(5));
        await f.Keys.HashSetAsync(wrongType, "x", "1");
        await f.Keys.KeyExpireAsync(wrongType, TimeSpan.FromMinutes(5));
        var message = new ClaimedMessage(Guid.NewGuid(), Guid.NewGuid(), null, "followup", "x", 0, 3, DateTime.UtcNow, null, 0, false, false, null, null);
        try
        {
            var hold = await f.App.Services.GetRequiredService<SendLimiter>().TryReserveAsync(message, "5511988891901", at, default);

            Assert.NotNull(hold);
            Assert.True(hold!.Value.RetryAt > at);
        }
        finally
        {
            await f.Keys.KeyDeleteAsync(wrongType);
        }
    }

    static async Task<(long Keys, long Scans)> CommandCallsAsync(IServer server)
    {
        var stats = (await server.InfoAsync("commandstats")).SelectMany(g => g).ToDictionary(p => p.Key, p => p.Value);
        static long Calls(Dictionary<string, string> s, string name) =>
            s.TryGetValue("cmdstat_" + name, out var v) ? long.Parse(v.Split(',')[0].Split('=')[1], System.Globalization.CultureInfo.InvariantCulture) : 0;
        return (Calls(stats, "keys"), Calls(stats, "scan"));
    }

    /// <summary>
    /// D20 (phones): the reference's phone was neither unique nor normalised. A mobile written without the 9th digit and
    /// the same mobile with it are one doctor, stored in the 13-digit form, and the reply goes to the address WhatsApp
    /// used; a 12-digit landline stays as it is; a doctor stored in the old 12-digit form is found by his message and
    /// his number rewritten to the canonical form, not created twice.
    /// </summary>
    [Fact]
    public async Task D20_AMobileWithAndWithoutTheNinthDigitIsOneDoctorAndALandlineStaysAsItIs()
    {
        var legacy = await f.ScalarAsync<Guid>(
            "INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES ('551187659031', '551187659031@s.whatsapp.net', 'Antigo', 'import') RETURNING id");
        await PostAsync(f.Client, Text("5511987659031", "oi, voltei"));
        await f.WaitProcessedAsync("5511987659031");
        Assert.Equal([(legacy, "5511987659031")], await f.QueryAsync<(Guid, string)>("SELECT id, telefone FROM medicos WHERE telefone LIKE '5511%87659031'"));

        await PostAsync(f.Client, Text("551187659021", "oi, sou eu"));
        // Stored in the 13-digit form from his first message on (not only once the 9th-digit form writes too).
        Assert.Equal(["5511987659021"], await f.QueryAsync<string>("SELECT telefone FROM medicos WHERE whatsapp_jid = '551187659021@s.whatsapp.net'"));
        await f.WaitProcessedAsync("5511987659021");
        await f.WaitSendsRecordedAsync("5511987659021");
        await PostAsync(f.Client, Text("5511987659021", "oi de novo"));
        await PostAsync(f.Client, Text("551133659021", "aqui é do consultório"));
        await f.WaitProcessedAsync("5511987659021");
        await f.WaitProcessedAsync("551133659021");

        Assert.Equal(["551133659021", "5511987659021"], await f.QueryAsync<string>(
            "SELECT telefone FROM medicos WHERE telefone LIKE '5511%659021' OR telefone LIKE '5511%87659021' ORDER BY telefone"));
        Assert.Equal(2, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5511987659021' AND i.direcao = 'entrada'
            """));
        await f.WaitSendsRecordedAsync("5511987659021");
        Assert.Contains("551187659021", f.SentNumbers);
    }

    /// <summary>
    /// D20 (`@lid`): the reference had no LID handling. A LID with the phone beside it stores the pair on the phone's
    /// doctor; a LID alone is a doctor of his own with no phone, answered at the LID.
    /// </summary>
    [Fact]
    public async Task D20_ALidWithItsPhoneIsStoredOnThePhonesDoctorAndALidAloneIsAnsweredAtTheLid()
    {
        var paired = Text("5511988892001", "boa tarde");
        paired["data"]!["key"]!["remoteJid"] = "100000000092001@lid";
        paired["data"]!["key"]!["remoteJidAlt"] = "5511988892001@s.whatsapp.net";
        var alone = Text("5511988892002", "boa tarde, tem plantão?");
        alone["data"]!["key"]!["remoteJid"] = "100000000092002@lid";

        await PostAsync(f.Client, paired);
        await PostAsync(f.Client, alone);
        await f.WaitProcessedAsync("5511988892001");
        var lidOnly = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE whatsapp_lid LIKE '100000000092002%'");
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @lidOnly AND direcao = 'entrada' AND processado_em IS NULL", new { lidOnly }), n => n == 0);

        Assert.StartsWith("100000000092001", await f.ScalarAsync<string>("SELECT whatsapp_lid FROM medicos WHERE telefone = '5511988892001'"));
        Assert.Null(await f.ScalarAsync<string?>("SELECT telefone FROM medicos WHERE id = @lidOnly", new { lidOnly }));
        await f.WaitSendsRecordedAsync(lidOnly);
        Assert.Contains("100000000092002", f.SentNumbers);
    }

    /// <summary>
    /// D20 (clash): the reference refused a second shift only with the same date and the same period id. A night shift
    /// 19:00–07:00 clashes with the next day's 06:00–12:00 (another date, another period); the next day's 07:00–13:00
    /// starts as the night ends and is held.
    /// </summary>
    [Fact]
    public async Task D20_AShiftClashesByItsHoursAcrossDatesAndPeriodsNotByThePeriodId()
    {
        var (medico, conversa) = await f.DoctorAsync("5511988892003");
        var shifts = await f.QueryAsync<Guid>("""
            WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital D20', 'Santo André') RETURNING id),
                 e AS (INSERT INTO especialidades (nome) VALUES ('conformidade_d20') RETURNING id),
                 p AS (INSERT INTO periodos (nome, "index", hora_inicio, hora_fim)
                       VALUES ('noturno_d20', 1, '19:00', '07:00'), ('manha_d20', 2, '06:00', '12:00'), ('dia_d20', 3, '07:00', '13:00')
                       RETURNING id, nome, hora_inicio, hora_fim)
            INSERT INTO vagas (hospital_id, especialidade_id, periodo_id, data, hora_inicio, hora_fim, valor)
            SELECT h.id, e.id, p.id, (now() AT TIME ZONE 'America/Sao_Paulo')::date + CASE WHEN p.nome = 'noturno_d20' THEN 5 ELSE 6 END,
                   p.hora_inicio, p.hora_fim, 1800
            FROM h, e, p ORDER BY p.nome = 'noturno_d20' DESC, p.nome = 'manha_d20' DESC RETURNING id
            """);
        var store = f.App.Services.GetRequiredService<ShiftStore>();
        async Task<string> ReserveAsync(Guid shift) =>
            (await store.ReserveAsync(new ReservationRequest(shift, medico, conversa, "sim, pode reservar"), default)).Outcome;

        var night = await f.ScalarAsync<Guid>("SELECT v.id FROM vagas v JOIN periodos p ON p.id = v.periodo_id WHERE p.nome = 'noturno_d20'");
        var morning = await f.ScalarAsync<Guid>("SELECT v.id FROM vagas v JOIN periodos p ON p.id = v.periodo_id WHERE p.nome = 'manha_d20'");
        var day = await f.ScalarAsync<Guid>("SELECT v.id FROM vagas v JOIN periodos p ON p.id = v.periodo_id WHERE p.nome = 'dia_d20'");
        Assert.Equal(3, shifts.Count);

        Assert.True((await store.ReserveAsync(new ReservationRequest(night, medico, conversa, "sim"), default)).Succeeded);
        Assert.Equal("conflito", await ReserveAsync(morning));
        Assert.True((await store.ReserveAsync(new ReservationRequest(day, medico, conversa, "sim"), default)).Succeeded);
    }

    /// <summary>
    /// Improvement (atomic dedupe): one message delivered five times at once — Evolution's retries racing — is one row,
    /// one `received` and four `duplicate`, and one turn.
    /// </summary>
    [Fact]
    public async Task Improvement_AtomicDedupe_TheSameMessageDeliveredFiveTimesAtOnceIsOneRow()
    {
        const string phone = "5511988892101";
        var id = NewId();
        var turnsBefore = f.Agent.Turns.Count(t => t.Parts.Any(p => p.Contains("d-dedupe")));

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(async _ =>
        {
            var response = await PostAsync(f.Client, Text(phone, "oi d-dedupe", id));
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>();
        }));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        Assert.Equal(["duplicate", "duplicate", "duplicate", "duplicate", "received"], answers.Order());
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = @id", new { id }));
        Assert.Equal(turnsBefore + 1, f.Agent.Turns.Count(t => t.Parts.Any(p => p.Contains("d-dedupe"))));
    }

    /// <summary>
    /// Improvement (masked phones): a doctor's whole exchange — webhook, turn, queue, send — never writes his full
    /// number (or his JID) in a log line at INFO or above.
    /// </summary>
    [Fact]
    public async Task Improvement_MaskedPhones_AWholeExchangeNeverLogsTheFullNumberAtInfo()
    {
        const string phone = "5511988892201";
        await PostAsync(f.Client, Text(phone, "oi, quero saber dos plantões"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        Assert.Contains(f.App.Logs.Lines, l => l.Message.Contains("enviar"));
        Assert.DoesNotContain(f.App.Logs.Lines, l => l.Level >= LogLevel.Information && l.Message.Contains(phone));
    }
}

/// <summary>
/// Júlia on the shipped hours (Mon–Fri 08:00 ≤ t &lt; 20:00 São Paulo), deferring out-of-hours turns
/// (RESPONDER_FORA_HORARIO=false), with the host's clock in the test's hands (<see cref="JourneyClock"/>) on a Wednesday
/// at least a week ahead — São Paulo is UTC−3 there, so a clock read as UTC is three hours off and fails these tests.
/// </summary>
public sealed class ReferenceDefectsClockFixture : GatewayPipelineFixture
{
    public JourneyClock Clock { get; } = new();

    public DateOnly Wednesday { get; } = Enumerable.Range(7, 7).Select(d => DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3)).AddDays(d))
        .First(d => d.DayOfWeek == DayOfWeek.Wednesday);

    public static DateTimeOffset SaoPaulo(DateOnly day, string time) =>
        new(day.ToDateTime(TimeOnly.Parse(time, System.Globalization.CultureInfo.InvariantCulture)), TimeSpan.FromHours(-3));

    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: 1))
    {
        ["HUMANIZAR"] = "false", ["RESPONDER_FORA_HORARIO"] = "false", ["INTERVALO_MAX_SEGUNDOS"] = "0", ["INTERVALO_ENTRE_ENVIOS_SEGUNDOS"] = "0",
        ["DIAS_UTEIS"] = "1-5", ["HORARIO_INICIO"] = "08:00", ["HORARIO_FIM"] = "20:00",
    };

    protected override void AddServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

/// <summary>D4 and D11: business hours on the São Paulo clock, the end exclusive, in every place that decides them.</summary>
public sealed class ReferenceDefectsClockTests(ReferenceDefectsClockFixture f) : IClassFixture<ReferenceDefectsClockFixture>
{
    DateTimeOffset At(string time, int days = 0) => ReferenceDefectsClockFixture.SaoPaulo(f.Wednesday.AddDays(days), time);

    async Task<JsonElement> RateLimitAsync() =>
        JsonDocument.Parse(await (await f.Client.GetAsync("/health/rate-limit")).Content.ReadAsStringAsync()).RootElement;

    /// <summary>
    /// D4: the reference read the server's clock (UTC in a container: three hours off) and took 20:00 as open in one
    /// place and closed in another. At 19:59:30 São Paulo (22:59 UTC) a follow-up goes out, a doctor is answered and the
    /// rate-limit report says open; at 20:00:00 a follow-up waits for Thursday's opening with no attempt spent, a
    /// doctor's message waits unanswered, and the report says closed. The scheduler's hours (follow-ups, sweeps) agree
    /// at 19:59:59 / 20:00:00 and 07:59:59 / 08:00:00, and a reminder asked for "19:59" is São Paulo's 19:59 (22:59 UTC)
    /// while "20:00" is refused.
    /// </summary>
    [Fact]
    public async Task D4_TwentyOClockSaoPauloIsClosedInEveryPlaceThatDecidesHoursAndNineteenFiftyNineIsOpen()
    {
        var runner = f.App.Services.GetRequiredService<JobRunner>();
        Assert.Equal([true, false, false, true], new[] { At("19:59:59"), At("20:00:00"), At("07:59:59", 1), At("08:00:00", 1) }.Select(runner.InHours));

        // 19:59:30: open.
        f.Clock.Set(At("19:59:30"));
        var (open, openConversa) = await f.DoctorAsync("5511988894001");
        await f.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade) VALUES (@open, @openConversa, 'followup', 'd4 aberto', 4)",
            new { open, openConversa });
        await PostAsync(f.Client, Text("5511988894002", "oi, ainda dá tempo?"));
        await f.WaitProcessedAsync("5511988894002");
        Assert.True((await RateLimitAsync()).GetProperty("horario_permitido").GetBoolean());
        Assert.Contains(await f.QueueAsync("5511988894002"), q => q.Tipo == "resposta");
        await Eventually.MatchesAsync(() => f.ScalarAsync<string>("SELECT status FROM fila_mensagens WHERE medico_id = @open", new { open }), s => s == "enviada");

        // 20:00:00: closed.
        f.Clock.Set(At("20:00:00"));
        var (closed, closedConversa) = await f.DoctorAsync("5511988894003");
        await f.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade) VALUES (@closed, @closedConversa, 'followup', 'd4 fechado', 4)",
            new { closed, closedConversa });
        var deferred = f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"));
        await PostAsync(f.Client, Text("5511988894004", "oi, ainda dá tempo?"));

        var held = await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, int Tentativas, string? Reason, DateTime AgendarPara)>(
            "SELECT status, tentativas, outcome_reason_code, agendar_para FROM fila_mensagens WHERE medico_id = @closed", new { closed }),
            r => r[0].Reason is not null);
        Assert.Equal(("pendente", 0, "fora_do_horario"), (held[0].Status, held[0].Tentativas, held[0].Reason));
        Assert.InRange(new DateTimeOffset(DateTime.SpecifyKind(held[0].AgendarPara, DateTimeKind.Utc)), At("08:00", 1), At("08:15", 1));
        await Eventually.MatchesAsync(() => Task.FromResult(f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"))), n => n > deferred);
        Assert.Empty(await f.QueueAsync("5511988894004"));
        Assert.False((await RateLimitAsync()).GetProperty("horario_permitido").GetBoolean());

        // A reminder is read on the São Paulo clock and must fall inside the hours (asked at 20:00 for Thursday).
        var tools = f.App.Services.GetRequiredService<ConversationTools>();
        var turn = new AgentTurn(new DoctorRecord(closed, "5511988894003", "5511988894003@s.whatsapp.net", null, "Ana", null, false, false, "respondeu"),
            null, closedConversa, 2, ["me lembra amanhã"], []);
        var thursday = f.Wednesday.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var refused = await tools.ScheduleReminderAsync(new ToolSession(turn, []),
            new ToolArguments(new Dictionary<string, object?> { ["data_hora"] = thursday + "T20:00", ["contexto"] = "plantão" }), default);
        Assert.Contains("Fora do horário comercial", refused);
        var accepted = await tools.ScheduleReminderAsync(new ToolSession(turn, []),
            new ToolArguments(new Dictionary<string, object?> { ["data_hora"] = thursday + "T19:59", ["contexto"] = "plantão" }), default);
        Assert.StartsWith("Lembrete agendado", accepted);
        var reminder = await f.ScalarAsync<DateTime>(
            "SELECT agendar_para FROM fila_mensagens WHERE medico_id = @closed AND tipo = 'lembrete_solicitado'", new { closed });
        Assert.Equal(At("19:59", 1).UtcDateTime, DateTime.SpecifyKind(reminder, DateTimeKind.Utc));
    }

    /// <summary>
    /// D11: the reference generated out-of-hours replies at once, with the context of that moment, into a table absent
    /// from the schema, and sent them later unchecked. Messages written at night leave nothing queued and wait
    /// unprocessed; after the opening (at the conversation's own offset within its first 15 minutes) they are answered
    /// in one turn built then — both messages, and what staff wrote in the night in its history — as a `resposta` on the
    /// queue, which re-checks it at its send.
    /// </summary>
    [Fact]
    public async Task D11_NightMessagesWaitUnprocessedAndAreAnsweredAtTheOpeningWithTheContextOfThen()
    {
        const string phone = "5511988894101";
        f.Clock.Set(At("21:30"));
        await PostAsync(f.Client, Text(phone, "boa noite, tem plantão sexta?"));
        await PostAsync(f.Client, Text(phone, "pode ser noturno"));
        var medico = await Eventually.MatchesAsync(() => f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone }), id => id != Guid.Empty);
        var processor = f.App.Services.GetRequiredService<TurnProcessor>();
        // The turn as the runner tries it (Busy while the runner's own try holds the conversation's lock).
        Task<TurnResult> TryTurnAsync() => Eventually.MatchesAsync(() => processor.ProcessAsync(medico, default), r => r is not TurnResult.Busy);
        Assert.IsType<TurnResult.NotYet>(await TryTurnAsync());

        Assert.Equal(2, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL", new { medico }));
        Assert.Empty(await f.QueueAsync(phone));
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo)
            SELECT medico_id, id, 'saida', 'texto', 'humano', 'chatwoot', 'Dr., a sexta noturna é no Hospital Central' FROM conversations WHERE medico_id = @medico
            """, new { medico });

        // The opening answers the night over its first 15 minutes, each conversation at its own offset.
        var conversa = await f.ScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medico", new { medico });
        var answerAt = At("08:00", 1) + TurnProcessor.OpeningStagger(conversa);
        Assert.InRange(answerAt, At("08:00", 1), At("08:15", 1));
        f.Clock.Set(answerAt.AddSeconds(-2));
        Assert.IsType<TurnResult.NotYet>(await TryTurnAsync());
        Assert.Empty(await f.QueueAsync(phone));
        f.Clock.Set(answerAt);
        Assert.IsType<TurnResult.Done>(await TryTurnAsync());
        await f.WaitProcessedAsync(phone);

        var turn = f.Agent.Turns.Last(t => t.Doctor.Id == medico);
        Assert.Equal(["boa noite, tem plantão sexta?", "pode ser noturno"], turn.Parts);
        Assert.Contains(turn.History, h => h.Content.Contains("Hospital Central"));
        Assert.Contains(await f.QueueAsync(phone), q => q.Tipo == "resposta");
    }
}
