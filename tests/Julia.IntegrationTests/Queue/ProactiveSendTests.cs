using System.Net.Http.Json;
using System.Text.Json;
using Julia.DemoData;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
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
