using System.Net;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Queue;

/// <summary>
/// <see cref="AlwaysOpenGatewayFixture"/> with a send that may be held at the gateway for a few seconds (the test writes
/// the doctor's answer meanwhile) without timing out.
/// </summary>
public sealed class OpenGatewayFixture : AlwaysOpenGatewayFixture
{
    protected override int EvolutionTimeoutSeconds => 10;
}

/// <summary>A campaign's opening and the doctor's answer, in either order (docs/decisions.md#proactive).</summary>
public sealed class CampaignAnswerRaceTests(OpenGatewayFixture f) : IClassFixture<OpenGatewayFixture>
{
    /// <summary>
    /// A doctor's first answer that lands while a campaign's opening is at the gateway (past the send's re-checks) is an
    /// answer whichever commits first: the opening's effects leave his stage as the answer made it, and the `followups`
    /// job, 48 h later, does not nudge him (a cross-feature review, 2026-12-05: the opening moved him back to
    /// `msg_enviada` and FU1 followed).
    /// </summary>
    [Fact]
    public async Task ACampaignOpeningThatLandsAfterTheDoctorAnsweredLeavesHimAnsweredAndGetsNoFollowUp()
    {
        var medico = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, origem) VALUES ('5511999997061', '5511999997061@s.whatsapp.net', 'import') RETURNING id
            """);
        var sentBefore = f.Evolution.Sends.Count();
        f.Evolution.DelayNextSend(TimeSpan.FromSeconds(3));
        var row = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, metadata)
            VALUES (@medico, 'campanha', 'Oi! Sou a Júlia, tenho plantões.', 3, '{"primeiro_contato": true}') RETURNING id
            """, new { medico });
        await Eventually.MatchesAsync(() => Task.FromResult(f.Evolution.Sends.Count()), n => n > sentBefore); // at the gateway

        // Meanwhile he wrote and his turn ran: his conversation and funnel say he answered.
        await f.ExecuteAsync("""
            WITH c AS (INSERT INTO conversations (medico_id, stage, last_inbound_at, last_message_at, message_count)
                       VALUES (@medico, 'respondeu', now(), now(), 1) RETURNING id)
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, processado_em)
            SELECT @medico, id, 'entrada', 'texto', 'medico', 'whatsapp', 'oi, quais plantões?', 'CAMP-RACE-7061', now() FROM c;
            UPDATE medicos SET stage_jornada = 'respondeu' WHERE id = @medico;
            """, new { medico });

        await Eventually.MatchesAsync(() => f.ScalarAsync<string>("SELECT status FROM fila_mensagens WHERE id = @row", new { row }), s => s == "enviada");
        Assert.Equal(("respondeu", "respondeu"), (await f.QueryAsync<(string, string)>("""
            SELECT c.stage, m.stage_jornada FROM conversations c JOIN medicos m ON m.id = c.medico_id
            WHERE c.medico_id = @medico AND c.status = 'active'
            """, new { medico })).Single());

        // Two days later, with nothing more from either side: no FU1 for a doctor who answered.
        await f.ExecuteAsync("""
            UPDATE conversations SET last_outbound_at = last_outbound_at - interval '49 hours', last_inbound_at = last_inbound_at - interval '49 hours',
                   last_message_at = last_message_at - interval '49 hours' WHERE medico_id = @medico;
            UPDATE interacoes SET created_at = created_at - interval '49 hours' WHERE medico_id = @medico;
            """, new { medico });
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/followups", null)).StatusCode);
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'followup'", new { medico }));
    }}
