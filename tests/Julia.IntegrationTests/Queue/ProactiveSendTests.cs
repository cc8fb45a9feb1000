using System.Net.Http.Json;
using System.Text.Json;
using Julia.DemoData;
using Julia.Doctors;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Queue;

/// <summary>Business hours all day, every day, and no random spacing: proactive sends go out as soon as they are due.</summary>
public sealed class AlwaysOpenFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new()
    {
        ["HUMANIZAR"] = "false", ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00",
        ["INTERVALO_MAX_SEGUNDOS"] = "0",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoDataSeeder(Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
    }
}

/// <summary>What a sent follow-up or campaign message changes (docs/decisions.md#queue, #proactive).</summary>
public sealed class ProactiveSendTests(AlwaysOpenFixture f) : IClassFixture<AlwaysOpenFixture>
{
    [Fact]
    public async Task TheLastFollowUpPausesTheConversationAndRaisesPressure()
    {
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, pressure_score, origem) VALUES ('5511999997001', '5511999997001@s.whatsapp.net', 10, 'import') RETURNING id),
                 c AS (INSERT INTO conversations (medico_id, stage, last_outbound_at) SELECT id, 'followup_2_enviado', now() - interval '16 days' FROM m RETURNING id, medico_id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            SELECT medico_id, id, 'followup', 'último', 4, '{"tipo_followup":"fu3"}' FROM c
            """);

        await Eventually.MatchesAsync(() => f.ScalarAsync<string>(
            "SELECT f.status FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = '5511999997001'"), s => s == "enviada");

        var conversation = (await f.QueryAsync<(string Status, string Stage, bool Paused)>("""
            SELECT c.status, c.stage, c.pausado_ate > now() + interval '59 days' FROM conversations c JOIN medicos m ON m.id = c.medico_id
            WHERE m.telefone = '5511999997001'
            """)).Single();
        Assert.Equal(("paused", "nao_respondeu", true), conversation);
        Assert.Equal((25, "nao_respondeu"), (await f.QueryAsync<(int, string)>(
            "SELECT pressure_score, stage_jornada FROM medicos WHERE telefone = '5511999997001'")).Single());
    }

    /// <summary>
    /// The last follow-up (`nao_respondeu`) and a campaign's opening (`msg_enviada`) move the doctor's funnel when they go
    /// out: his cached views (medico:id:*, medico:telefone:*, contexto:medico:*, whose profile shows the stage to the agent)
    /// are dropped with that change, as after every other change to him — not left showing the old stage until their TTL.
    /// </summary>
    [Fact]
    public async Task AProactiveSendThatMovesTheDoctorsFunnelDropsHisCachedViews()
    {
        string[] phones = ["5511999997071", "5511999997072"];
        var ids = (await f.QueryAsync<(string Telefone, Guid Id)>("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, origem) SELECT t, t || '@s.whatsapp.net', 'import' FROM unnest(@phones) t
                       RETURNING id, telefone),
                 c AS (INSERT INTO conversations (medico_id, stage, last_outbound_at)
                       SELECT id, 'followup_2_enviado', now() - interval '16 days' FROM m WHERE telefone = @fu)
            SELECT telefone, id FROM m
            """, new { phones, fu = phones[0] })).ToDictionary(x => x.Telefone, x => x.Id);
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        var keys = new List<string>();
        foreach (var (phone, id) in ids)
        {
            await f.App.Services.GetRequiredService<DoctorDirectory>().FindByIdAsync(id, default);
            Assert.NotNull(await f.App.Services.GetRequiredService<DoctorContext>().StartProfileRead(id)(default));
            keys.AddRange([$"medico:id:{id}", $"medico:telefone:{phone}", $"contexto:medico:{id}"]);
        }
        foreach (var key in keys) Assert.True(await redis.KeyExistsAsync(key), key);

        await f.ExecuteAsync("""
            WITH k AS (INSERT INTO campanhas (nome, tipo, mensagem_template, status) VALUES ('cache_envio', 'primeiro_contato', 'Oi!', 'ativa') RETURNING id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            SELECT @fuDoctor, (SELECT id FROM conversations WHERE medico_id = @fuDoctor), 'followup', 'último', 4, '{"tipo_followup":"fu3"}'
            UNION ALL
            SELECT @campaignDoctor, NULL, 'campanha', 'Oi! Sou a Júlia, assistente virtual da equipe.', 3, jsonb_build_object('campanha_id', k.id) FROM k
            """, new { fuDoctor = ids[phones[0]], campaignDoctor = ids[phones[1]] });

        await Eventually.MatchesAsync(() => f.QueryAsync<string>(
            "SELECT f.status FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = ANY(@phones)", new { phones }),
            s => s.Count == 2 && s.All(x => x == "enviada"));
        Assert.Equal(["nao_respondeu", "msg_enviada"], await f.QueryAsync<string>(
            "SELECT stage_jornada FROM medicos WHERE telefone = ANY(@phones) ORDER BY telefone", new { phones }));
        await Eventually.MatchesAsync(async () =>
        {
            var left = new List<string>();
            foreach (var key in keys) if (await redis.KeyExistsAsync(key)) left.Add(key);
            return left;
        }, left => left.Count == 0, seconds: 10);
    }

    /// <summary>
    /// An answer written after the message a follow-up follows up cancels it at its send, even when it came in before the
    /// follow-up was queued and no turn had attached it yet (a SPEC audit, 2026-12-03: the check compared it with the
    /// queue row's creation, and the follow-up went out after the doctor's answer).
    /// </summary>
    [Fact]
    public async Task AFollowUpQueuedOverAnAnswerNotYetAttachedIsCancelledAtItsSend()
    {
        await f.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES ('5511999997051', '5511999997051@s.whatsapp.net', 'import') RETURNING id),
                 c AS (INSERT INTO conversations (medico_id, stage, last_outbound_at) SELECT id, 'msg_enviada', now() - interval '49 hours' FROM m RETURNING id, medico_id),
                 i AS (INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, created_at, processado_em)
                       SELECT medico_id, 'entrada', 'texto', 'medico', 'whatsapp', 'vi sim, obrigado', 'FU-LATE-7051', now() - interval '1 minute', now() FROM c)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            SELECT medico_id, id, 'followup', 'Passando só pra saber', 4,
                   jsonb_build_object('tipo_followup', 'fu1', 'ultima_saida', now() - interval '49 hours') FROM c
            """);

        var ended = await Eventually.MatchesAsync(() => f.QueryAsync<(string Status, string? Reason)>(
            "SELECT f.status, f.outcome_reason_code FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone = '5511999997051'"),
            r => r.Count == 1 && r[0].Status != "pendente" && r[0].Status != "processando");
        Assert.Equal(("cancelada", "respondeu"), ended[0]);
    }

    /// <summary>
    /// A second follow-up names the shift that matched when it was queued; held by the queue (overnight, a weekend), that
    /// shift may be taken by someone else or have started by its send. It then goes out naming another open shift that
    /// matches him, or as the plain nudge — never the shift that is gone (an audit, 2026-12-04: the queued text went out as it was).
    /// </summary>
    [Fact]
    public async Task ASecondFollowUpWhoseShiftIsGoneByItsSendNamesAnotherOpenShiftOrNone()
    {
        await f.ExecuteAsync("""
            INSERT INTO especialidades (nome) VALUES ('fu2_envio_a'), ('fu2_envio_b');
            INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Tomado', 'Mauá'), ('Hospital Livre', 'Mauá'), ('Hospital Começado', 'Mauá');
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, (SELECT id FROM especialidades WHERE nome = x.esp), current_date + x.d, '07:00', '19:00', 2500, x.status
            FROM (VALUES ('Hospital Tomado', 'fu2_envio_a', 3, 'reservada'), ('Hospital Livre', 'fu2_envio_a', 6, 'aberta'),
                         ('Hospital Começado', 'fu2_envio_b', -1, 'aberta')) AS x (nome, esp, d, status)
            JOIN hospitais h ON h.nome = x.nome AND h.cidade = 'Mauá';
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, titulo, origem, especialidade_id)
                       SELECT x.tel, x.tel || '@s.whatsapp.net', 'Lia', 'Dra.', 'import', (SELECT id FROM especialidades WHERE nome = x.esp)
                       FROM (VALUES ('5511999997061', 'fu2_envio_a', 'Hospital Tomado'), ('5511999997062', 'fu2_envio_b', 'Hospital Começado'),
                                    ('5511999997063', 'fu2_envio_a', 'Hospital Livre')) AS x (tel, esp, hospital)
                       RETURNING id, telefone),
                 c AS (INSERT INTO conversations (medico_id, stage, last_outbound_at)
                       SELECT id, 'followup_1_enviado', now() - interval '6 days' FROM m RETURNING id, medico_id)
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, metadata)
            SELECT c.medico_id, c.id, 'followup', 'Oi Dra. Lia! Surgiu um plantão que pode te interessar: ' || x.hospital || ' (Mauá). Quer que eu te conte mais?', 4,
                   jsonb_build_object('tipo_followup', 'fu2', 'ultima_saida', now() - interval '6 days', 'vaga_id', v.id)
            FROM c JOIN m ON m.id = c.medico_id
            JOIN (VALUES ('5511999997061', 'Hospital Tomado'), ('5511999997062', 'Hospital Começado'), ('5511999997063', 'Hospital Livre')) AS x (tel, hospital)
              ON x.tel = m.telefone
            JOIN vagas v ON v.hospital_id = (SELECT id FROM hospitais WHERE nome = x.hospital AND cidade = 'Mauá')
            """);

        var sent = (await Eventually.MatchesAsync(() => f.QueryAsync<(string Telefone, string Status, string Conteudo, string? Vaga, string? Anterior, string? Gravado, string? Oferecidas)>("""
                SELECT m.telefone, f.status, f.conteudo, f.metadata->>'vaga_id', f.metadata->'texto_refeito'->>'vaga_anterior',
                       (SELECT i.conteudo FROM interacoes i WHERE i.medico_id = m.id AND i.direcao = 'saida' AND i.origem = 'fila:followup'),
                       (SELECT i.llm->>'vagas_oferecidas' FROM interacoes i WHERE i.medico_id = m.id AND i.direcao = 'saida' AND i.origem = 'fila:followup')
                FROM fila_mensagens f JOIN medicos m ON m.id = f.medico_id WHERE m.telefone LIKE '551199999706_' ORDER BY m.telefone
                """), rows => rows.Count == 3 && rows.All(r => r.Status == "enviada")))
            .ToDictionary(r => r.Telefone);
        var shiftOf = (await f.QueryAsync<(string Hospital, Guid Id)>(
            "SELECT h.nome, v.id FROM vagas v JOIN hospitais h ON h.id = v.hospital_id WHERE h.cidade = 'Mauá' AND h.nome IN ('Hospital Tomado', 'Hospital Livre')")).ToDictionary(x => x.Hospital, x => x.Id);

        // Taken by someone else: the other open shift of his specialty instead, recorded as what he got.
        var taken = sent["5511999997061"];
        Assert.Contains("Hospital Livre (Mauá)", taken.Conteudo);
        Assert.DoesNotContain("Hospital Tomado", taken.Conteudo);
        Assert.StartsWith("Oi Dra. Lia! Surgiu um plantão", taken.Conteudo);
        Assert.Equal(taken.Conteudo, taken.Gravado);
        Assert.Equal((shiftOf["Hospital Livre"].ToString(), shiftOf["Hospital Tomado"].ToString()), (taken.Vaga, taken.Anterior));
        // The shift it named, as it went out, is recorded as offered: his "quero" in a later turn can reserve it.
        Assert.Equal($"[\"{shiftOf["Hospital Livre"]}\"]", taken.Oferecidas);
        // With the terms the rebuilt text told of that shift, not of the gone one: his "quero" is checked against them.
        var terms = (await f.QueryAsync<(string? Livre, bool Tomado)>(
            "SELECT i.llm->'termos_oferecidos'->>@livre, COALESCE(i.llm->'termos_oferecidos' ? @tomado, false) FROM interacoes i " +
            "JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5511999997061' AND i.direcao = 'saida' AND i.origem = 'fila:followup'",
            new { livre = shiftOf["Hospital Livre"].ToString(), tomado = shiftOf["Hospital Tomado"].ToString() })).Single();
        Assert.StartsWith("Hospital Livre (Mauá) | ", terms.Livre);
        Assert.EndsWith("R$ 2.500", terms.Livre);
        Assert.False(terms.Tomado);
        // Started, and no other open shift of his specialty: the plain nudge.
        var started = sent["5511999997062"];
        Assert.Equal("Oi Dra. Lia! Sigo com plantões na sua especialidade por aqui, se quiser é só me chamar", started.Conteudo);
        Assert.Equal(started.Conteudo, started.Gravado);
        Assert.Null(started.Vaga);
        Assert.Null(started.Oferecidas);
        // Still open: sent as it was queued.
        var open = sent["5511999997063"];
        Assert.Equal("Oi Dra. Lia! Surgiu um plantão que pode te interessar: Hospital Livre (Mauá). Quer que eu te conte mais?", open.Conteudo);
        Assert.Null(open.Anterior);
        Assert.Equal($"[\"{shiftOf["Hospital Livre"]}\"]", open.Oferecidas);
    }

    [Fact]
    public async Task ASentCampaignMessageOpensTheConversationAndCountsAsFirstContact()
    {
        var filtros = new { especialidades = new[] { "anestesiologia" }, stages = new[] { "novo" } }; // demo: Dr. Marcelo Tanaka, never contacted
        var created = await f.Client.PostAsJsonAsync("/campanhas", new { nome = "Anestesia", tipo = "primeiro_contato", mensagem_template = "{saudacao_especialidade}", filtros, max_por_dia = 1 });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        await f.Client.PostAsync($"/campanhas/{id}/iniciar", null);

        await f.Client.PostAsync("/jobs/campanhas", null);
        var sent = await Eventually.MatchesAsync(() => f.QueryAsync<(Guid Medico, string Status)>(
            "SELECT medico_id, status FROM envios_campanha WHERE campanha_id = @id AND status <> 'pendente'", new { id }), r => r.Count == 1 && r[0].Status == "enviado");

        var medico = sent[0].Medico;
        var doctor = (await f.QueryAsync<(string Stage, bool Contacted, int Pressure)>(
            "SELECT stage_jornada, primeiro_contato_em IS NOT NULL, pressure_score FROM medicos WHERE id = @medico", new { medico })).Single();
        Assert.Equal("msg_enviada", doctor.Stage);
        Assert.True(doctor.Contacted);
        Assert.Equal(25, doctor.Pressure); // +25 for a first contact
        Assert.Equal(("msg_enviada", id), (await f.QueryAsync<(string, long)>(
            "SELECT stage, campanha_id FROM conversations WHERE medico_id = @medico AND status = 'active'", new { medico })).Single());
        Assert.Equal(1, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'saida' AND origem = 'fila:campanha' AND conversa_id IS NOT NULL", new { medico }));
        // The send row points at the conversation its message opened (the FK the retention SQL sets to NULL): it was left
        // empty, so "which conversation did this send start?" had no answer outside the demo data.
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(*) FROM envios_campanha s JOIN conversations c ON c.id = s.conversa_id
            WHERE s.campanha_id = @id AND s.medico_id = @medico AND s.enviado_em IS NOT NULL AND c.campanha_id = @id
            """, new { id, medico }));
    }
}
