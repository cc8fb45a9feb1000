using System.Net;
using System.Net.Http.Headers;
using Julia.IntegrationTests.Conversations;

namespace Julia.IntegrationTests.Jobs;

public sealed class JobsFixture : PipelineFixture
{
    public const string Token = "admin-token-FAKE";
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token };
}

/// <summary>POST /jobs/{nome}: bearer ADMIN_API_TOKEN, and what the follow-up, pause-expiry and pressure jobs do.</summary>
public sealed class JobsTests(JobsFixture f) : IClassFixture<JobsFixture>
{
    async Task<HttpResponseMessage> RunJobAsync(string name, string? token = JobsFixture.Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/jobs/{name}");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await f.Client.SendAsync(request);
    }

    [Fact]
    public async Task JobsNeedTheAdminTokenAndUnknownJobsAre404()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await RunJobAsync("pausas", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await RunJobAsync("pausas", token: "errado")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RunJobAsync("nao-existe")).StatusCode);
        var ok = await RunJobAsync("fila-recuperacao");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Contains("resultado", await ok.Content.ReadAsStringAsync());
    }

    /// <summary>
    /// A job another process is running (its advisory lock `job:{nome}` held) is a 409 "já está rodando" by hand, and the
    /// refused call does not take the day: once the other run ends, the day's run still happens (docs/decisions.md#jobs).
    /// </summary>
    [Fact]
    public async Task AJobRunningElsewhereIs409AndTheRefusedCallTakesNoDay()
    {
        await f.ExecuteAsync("DELETE FROM execucoes_job WHERE nome = 'pressao'");
        await using (var other = await f.Db.OpenConnectionAsync())
        {
            await using (var lockCommand = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('job:pressao', 0))", other))
                await lockCommand.ExecuteScalarAsync();

            var busy = await RunJobAsync("pressao");

            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Contains("O job pressao já está rodando", await busy.Content.ReadAsStringAsync());
            Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM execucoes_job WHERE nome = 'pressao'"));
            // The other run ends (a pooled connection keeps its session's advisory locks: released by hand).
            await using var unlock = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock_all()", other);
            await unlock.ExecuteNonQueryAsync();
        }

        var ran = await RunJobAsync("pressao");
        Assert.Equal(HttpStatusCode.OK, ran.StatusCode);
        Assert.Equal(1L, await f.ScalarAsync<long>("SELECT count(*) FROM execucoes_job WHERE nome = 'pressao' AND concluido_em IS NOT NULL"));
        await f.ExecuteAsync("DELETE FROM execucoes_job WHERE nome = 'pressao'");
    }

    /// <summary>Every job GET /jobs lists runs by POST /jobs/{nome} (200, or 409 for a daily one already run): none is a 500.</summary>
    [Fact]
    public async Task EveryListedJobRunsByHand()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/jobs");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", JobsFixture.Token);
        var listed = System.Text.Json.Nodes.JsonNode.Parse(await (await f.Client.SendAsync(request)).Content.ReadAsStringAsync())!.AsArray()
            .Select(j => j!["nome"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["abertura", "alertas", "campanhas", "encerramento", "fila-recuperacao", "followups", "handoffs-lembrete", "pausas",
            "pressao", "qualidade", "relatorio-diario", "reservas-expiracao", "retencao"], listed);
        // The days this test claims are given back: the class's other tests run `pausas` and `pressao` themselves.
        var claimedBefore = await f.QueryAsync<string>("SELECT nome FROM execucoes_job");
        try
        {
            foreach (var nome in listed)
            {
                var response = await RunJobAsync(nome);
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, $"{nome}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
        finally
        {
            await f.ExecuteAsync("DELETE FROM execucoes_job WHERE NOT (nome = ANY(@claimedBefore))", new { claimedBefore = claimedBefore.ToArray() });
        }
        var unknown = await RunJobAsync("limpeza");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("retencao", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task FollowUpsGoOnlyToSilentEligibleConversationsOncePerStep()
    {
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, primeiro_nome, titulo, opted_out, origem)
                       VALUES ('5511999995001', 'Lia', 'Dra.', false, 'import'), ('5511999995002', 'Rui', 'Dr.', false, 'import'),
                              ('5511999995003', 'Ana', 'Dra.', true, 'import'), ('5511999995004', 'Ivo', 'Dr.', false, 'import')
                       RETURNING id, telefone)
            INSERT INTO conversations (medico_id, stage, controlled_by, last_outbound_at, last_inbound_at)
            SELECT id, 'msg_enviada', CASE WHEN telefone = '5511999995004' THEN 'human' ELSE 'ai' END, now() - interval '49 hours',
                   CASE WHEN telefone = '5511999995002' THEN now() - interval '1 hour' END
            FROM m
            """);

        var first = await RunJobAsync("followups");
        var second = await RunJobAsync("followups");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var followups = await f.QueryAsync<(string Telefone, string Step, string Conteudo)>("""
            SELECT m.telefone, f.metadata->>'tipo_followup', f.conteudo FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE f.tipo = 'followup' AND m.telefone LIKE '55119999950%'
            """);
        var only = Assert.Single(followups);
        Assert.Equal(("5511999995001", "fu1"), (only.Telefone, only.Step));
        Assert.StartsWith("Oi Dra. Lia", only.Conteudo);
    }

    /// <summary>
    /// SPEC §7 "no inbound since our last message": a message the turn has not attached to the conversation yet (its
    /// last_inbound_at does not know it) is an answer too — no follow-up is queued over it (a SPEC audit, 2026-12-03).
    /// </summary>
    [Fact]
    public async Task AnAnswerNoTurnHasAttachedYetStopsTheFollowUp()
    {
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, primeiro_nome, origem) VALUES ('5511999995301', 'Lia', 'import') RETURNING id),
                 c AS (INSERT INTO conversations (medico_id, stage, controlled_by, last_outbound_at)
                       SELECT id, 'msg_enviada', 'ai', now() - interval '49 hours' FROM m RETURNING medico_id)
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id)
            SELECT medico_id, 'entrada', 'texto', 'medico', 'whatsapp', 'oi, vi sim', 'FU-ANSWER-5301' FROM c
            """);

        Assert.Equal(HttpStatusCode.OK, (await RunJobAsync("followups")).StatusCode);

        Assert.Equal(0, await f.ScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = '5511999995301' AND f.tipo = 'followup'"));
    }

    /// <summary>
    /// SPEC §6: a send whose outcome is unknown is never retried — "a possible duplicate to a doctor is worse than a loss".
    /// A follow-up that ended so counts as sent: the step moves on and the job does not queue it again; one that ended
    /// in another `erro` is not queued again every 15 min either (a SPEC audit, 2026-12-03: both were re-queued).
    /// </summary>
    [Fact]
    public async Task AFollowUpThatEndedInErrorIsNotQueuedAgain()
    {
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, primeiro_nome, origem, pressure_score)
                       VALUES ('5511999995302', 'Rui', 'import', 10), ('5511999995303', 'Ivo', 'import', 10) RETURNING id, telefone),
                 c AS (INSERT INTO conversations (medico_id, stage, controlled_by, last_outbound_at)
                       SELECT id, 'msg_enviada', 'ai', now() - interval '49 hours' FROM m RETURNING id, medico_id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, outcome_reason_code, processando_desde, envio_iniciado_em, metadata)
            SELECT c.medico_id, c.id, 'followup', 'Passando só pra saber',
                   CASE WHEN m.telefone = '5511999995302' THEN 'processando' ELSE 'erro' END,
                   CASE WHEN m.telefone = '5511999995303' THEN 'tentativas_esgotadas' END,
                   CASE WHEN m.telefone = '5511999995302' THEN now() - interval '1 hour' END,
                   CASE WHEN m.telefone = '5511999995302' THEN now() - interval '1 hour' END,
                   '{"tipo_followup": "fu1"}'
            FROM c JOIN m ON m.id = c.medico_id
            """);

        // The send that started and never came back: recovery ends it `erro` resultado_desconhecido.
        Assert.Equal(HttpStatusCode.OK, (await RunJobAsync("fila-recuperacao")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await RunJobAsync("followups")).StatusCode);

        var rows = await f.QueryAsync<(string Telefone, string Status, string Reason)>("""
            SELECT m.telefone, f.status, f.outcome_reason_code FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE m.telefone IN ('5511999995302', '5511999995303') ORDER BY m.telefone
            """);
        Assert.Equal([("5511999995302", "erro", "resultado_desconhecido"), ("5511999995303", "erro", "tentativas_esgotadas")], rows);
        var unknown = (await f.QueryAsync<(string Stage, bool Recent, int Pressure)>("""
            SELECT c.stage, c.last_outbound_at > now() - interval '5 minutes', m.pressure_score
            FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = '5511999995302'
            """)).Single();
        Assert.Equal(("followup_1_enviado", true, 25), unknown);
    }

    /// <summary>
    /// SPEC §7: FU2 "mentions one real open matching shift" — the one the agent's search would offer him: not at a hospital
    /// he blocked, not below his minimum pay (a SPEC audit, 2026-12-02: it took the specialty's first open shift).
    /// </summary>
    [Fact]
    public async Task TheSecondFollowUpNamesAShiftThatMatchesTheDoctor()
    {
        await f.ExecuteAsync("""
            INSERT INTO especialidades (nome) VALUES ('fu2_teste') ON CONFLICT (nome) DO NOTHING;
            INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Evitado', 'Santo André'), ('Hospital Barato', 'Santo André'),
                                                        ('Hospital Certo', 'Santo André') ON CONFLICT (nome, cidade) DO NOTHING;
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, (SELECT id FROM especialidades WHERE nome = 'fu2_teste'), current_date + d, '07:00', '19:00', v, 'aberta'
            FROM (VALUES ('Hospital Evitado', 3, 3000), ('Hospital Barato', 4, 1200), ('Hospital Certo', 5, 2500)) AS x (nome, d, v)
            JOIN hospitais h ON h.nome = x.nome AND h.cidade = 'Santo André';
            WITH m AS (INSERT INTO medicos (telefone, primeiro_nome, titulo, origem, especialidade_id, preferencias_detectadas)
                       VALUES ('5511999995211', 'Lia', 'Dra.', 'import', (SELECT id FROM especialidades WHERE nome = 'fu2_teste'),
                               '{"hospitais_bloqueados": ["Hospital Evitado"], "valor_minimo": 2000}')
                       RETURNING id)
            INSERT INTO conversations (medico_id, stage, controlled_by, last_outbound_at)
            SELECT id, 'followup_1_enviado', 'ai', now() - interval '6 days' FROM m
            """);

        Assert.Equal(HttpStatusCode.OK, (await RunJobAsync("followups")).StatusCode);

        var (step, text, named) = (await f.QueryAsync<(string Step, string Conteudo, string? Vaga)>("""
            SELECT f.metadata->>'tipo_followup', f.conteudo, f.metadata->>'vaga_id' FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE f.tipo = 'followup' AND m.telefone = '5511999995211'
            """)).Single();
        Assert.Equal("fu2", step);
        Assert.Contains("Hospital Certo", text);
        // The row says which shift its text names, so its send can check that shift is still open.
        Assert.Equal(await f.ScalarAsync<Guid>("""
            SELECT v.id FROM vagas v JOIN hospitais h ON h.id = v.hospital_id WHERE h.nome = 'Hospital Certo' AND h.cidade = 'Santo André'
            """), Guid.Parse(named!));
        // These shifts have no period: their hours, never an empty part ("sexta-feira 12/12, , R$ 2.500").
        Assert.Contains("07:00–19:00, R$ 2.500.", text);
        Assert.DoesNotContain(", ,", text);
    }

    /// <summary>
    /// FU2's shift ranked as the agent ranks his context (docs/decisions.md#agent, "Preferred shifts first"): he said "só
    /// noturno" (`turnos`), so the night three days out is named before the earlier day shift — which the agent would have
    /// listed after it, marked. Before, the follow-up took the earliest shift whatever his preferences.
    /// </summary>
    [Fact]
    public async Task TheSecondFollowUpNamesAShiftOfHisPreferredPeriodFirst()
    {
        await f.ExecuteAsync("""
            INSERT INTO especialidades (nome) VALUES ('fu2_turno') ON CONFLICT (nome) DO NOTHING;
            INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Diurno', 'Santo André'), ('Hospital Noturno', 'Santo André')
            ON CONFLICT (nome, cidade) DO NOTHING;
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, (SELECT id FROM especialidades WHERE nome = 'fu2_turno'), current_date + d, i::time, e::time, 2000, 'aberta'
            FROM (VALUES ('Hospital Diurno', 2, '07:00', '19:00'), ('Hospital Noturno', 5, '19:00', '07:00')) AS x (nome, d, i, e)
            JOIN hospitais h ON h.nome = x.nome AND h.cidade = 'Santo André';
            WITH m AS (INSERT INTO medicos (telefone, primeiro_nome, titulo, origem, especialidade_id, preferencias_detectadas)
                       VALUES ('5511999995212', 'Rui', 'Dr.', 'import', (SELECT id FROM especialidades WHERE nome = 'fu2_turno'),
                               '{"turnos": ["noturno"]}')
                       RETURNING id)
            INSERT INTO conversations (medico_id, stage, controlled_by, last_outbound_at)
            SELECT id, 'followup_1_enviado', 'ai', now() - interval '6 days' FROM m
            """);

        Assert.Equal(HttpStatusCode.OK, (await RunJobAsync("followups")).StatusCode);

        var (step, text) = (await f.QueryAsync<(string Step, string Conteudo)>("""
            SELECT f.metadata->>'tipo_followup', f.conteudo FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id
            WHERE f.tipo = 'followup' AND m.telefone = '5511999995212'
            """)).Single();
        Assert.Equal("fu2", step);
        Assert.Contains("Hospital Noturno", text);
    }

    [Fact]
    public async Task PauseExpiryReactivatesAndPressureDecays()
    {
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, pressure_score, origem) VALUES ('5511999995101', 50, 'import') RETURNING id)
            INSERT INTO conversations (medico_id, status, stage, pausado_ate) SELECT id, 'paused', 'nao_respondeu', now() - interval '1 minute' FROM m
            """);

        await RunJobAsync("pausas");
        await RunJobAsync("pressao");

        var conversation = await f.QueryAsync<(string Status, string Stage)>(
            "SELECT c.status, c.stage FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = '5511999995101'");
        Assert.Equal([("active", "recontato")], conversation);
        Assert.Equal(45, await f.ScalarAsync<int>("SELECT pressure_score FROM medicos WHERE telefone = '5511999995101'"));

        // A once-a-day job runs once a day, by the clock or by hand: a second call is refused and changes nothing.
        var again = await RunJobAsync("pressao");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("já rodou hoje", await again.Content.ReadAsStringAsync());
        Assert.Equal(45, await f.ScalarAsync<int>("SELECT pressure_score FROM medicos WHERE telefone = '5511999995101'"));
    }

    [Fact]
    public async Task IdleConversationsCloseAfterSevenDays()
    {
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, origem)
                       VALUES ('5511999995201', 'import'), ('5511999995202', 'import'), ('5511999995203', 'import'), ('5511999995204', 'import'),
                              ('5511999995205', 'import'), ('5511999995206', 'import')
                       RETURNING id, telefone),
            c AS (
            INSERT INTO conversations (medico_id, stage, controlled_by, last_message_at, last_inbound_at, updated_at)
            SELECT id,
                   CASE WHEN telefone IN ('5511999995202', '5511999995206') THEN 'recontato' ELSE 'respondeu' END,
                   CASE WHEN telefone IN ('5511999995203', '5511999995205') THEN 'human' ELSE 'ai' END,
                   CASE WHEN telefone IN ('5511999995204', '5511999995205') THEN now() - interval '2 days'
                        WHEN telefone = '5511999995206' THEN now() - interval '60 days' ELSE now() - interval '8 days' END,
                   CASE WHEN telefone IN ('5511999995202', '5511999995206') THEN NULL ELSE now() - interval '9 days' END,
                   CASE telefone WHEN '5511999995206' THEN now() - interval '1 day' ELSE now() - interval '8 days' END
            FROM m RETURNING id, medico_id, controlled_by)
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo) SELECT id, medico_id, 'pedido_humano', 'pediu uma pessoa' FROM c WHERE controlled_by = 'human'
            """);

        var run = await RunJobAsync("encerramento");

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        var statuses = (await f.QueryAsync<(string Telefone, string Status)>("""
            SELECT m.telefone, c.status FROM conversations c JOIN medicos m ON m.id = c.medico_id
            WHERE m.telefone LIKE '55119999952%' ORDER BY m.telefone
            """)).ToDictionary(x => x.Telefone, x => x.Status);
        Assert.Equal("completed", statuses["5511999995201"]);   // answered once, idle 8 days
        Assert.Equal("abandoned", statuses["5511999995202"]);   // re-contact nobody answered
        Assert.Equal("completed", statuses["5511999995203"]);   // a person controlled it, and nobody wrote for 8 days
        Assert.Equal("active", statuses["5511999995204"]);      // idle only 2 days
        Assert.Equal("active", statuses["5511999995205"]);      // a person controls it, 2 days ago
        // Re-contact reactivated yesterday (the pause ended), its last message 60 days old: 7 days count from the reactivation.
        Assert.Equal("active", statuses["5511999995206"]);
        // The forgotten handoff went back to Júlia (his next message is answered), resolved by the job; the recent one stays.
        var handoffs = (await f.QueryAsync<(string Telefone, string Status, string? Por, string Controle)>("""
            SELECT m.telefone, h.status, h.resolvido_por, c.controlled_by FROM handoffs h JOIN conversations c ON c.id = h.conversa_id
            JOIN medicos m ON m.id = h.medico_id WHERE m.telefone IN ('5511999995203', '5511999995205') ORDER BY m.telefone
            """)).ToList();
        Assert.Equal([("5511999995203", "resolvido", "encerramento automático", "ai"), ("5511999995205", "pendente", null, "human")], handoffs);
        // Each count agrees with its noun (it said "1 conversas encerradas (completed), 1 abandonadas, 1 … devolvidas").
        var summary = System.Text.Json.JsonDocument.Parse(await run.Content.ReadAsStringAsync()).RootElement.GetProperty("resultado").GetString();
        Assert.Contains("1 conversa encerrada (completed), 1 abandonada, 1 com a equipe sem atividade devolvida à Júlia e encerrada", summary);
        Assert.DoesNotContain("1 conversas", summary);
    }

    [Fact]
    public async Task TheOpeningSweepSaysHowManyDoctorsWaited()
    {
        var run = await RunJobAsync("abertura");

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        // "0 médicos", "1 médico", "2 médicos": how many depends on what the class's other tests left waiting.
        Assert.Matches(@"\b(1 médico|\d+ médicos) com mensagens aguardando", await run.Content.ReadAsStringAsync());
    }
}
