using Julia.IntegrationTests.Conversations;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// Everything an opt-out writes, as the inbound flow lists it: the doctor's three opt-out columns and funnel stage, every
/// pending message of every kind cancelled (`opt_out`) but the one confirmation, his campaign sends cancelled, the
/// conversation `completed` with its time; and the next proactive message for him is blocked at its send.
/// </summary>
public sealed class OptOutConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task AnOptOutWritesEachColumnCancelsEveryPendingMessageAndCampaignSendAndCompletesTheConversation()
    {
        const string phone = "5511988860001";
        const string words = "Não quero mais receber mensagens de vocês";
        await PostAsync(f.Client, Text(phone, "oi"));
        await f.WaitProcessedAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        await f.ExecuteAsync("""
            WITH c AS (INSERT INTO campanhas (nome, tipo, mensagem_template, status) VALUES ('Conformidade', 'oferta_plantao', 'Oi {nome}', 'ativa') RETURNING id),
                 f AS (INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, agendar_para, metadata)
                       SELECT @medico, 'campanha', 'oferta', 3, now() + interval '1 day', jsonb_build_object('campanha_id', c.id) FROM c RETURNING id)
            INSERT INTO envios_campanha (campanha_id, medico_id, status, fila_mensagem_id) SELECT c.id, @medico, 'enfileirado', f.id FROM c, f;
            WITH c AS (INSERT INTO campanhas (nome, tipo, mensagem_template, status) VALUES ('Conformidade 2', 'reativacao', 'Oi {nome}', 'ativa') RETURNING id)
            INSERT INTO envios_campanha (campanha_id, medico_id, status) SELECT c.id, @medico, 'pendente' FROM c;
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, agendar_para)
            VALUES (@medico, 'followup', 'passando pra saber', 4, now() + interval '1 day'),
                   (@medico, 'lembrete_solicitado', 'como combinado', 7, now() + interval '1 day');
            """, new { medico });

        await PostAsync(f.Client, Text(phone, words));
        await f.WaitProcessedAsync(phone);

        var doctor = (await f.QueryAsync<(bool OptedOut, bool HasAt, string? Reason, string Stage)>(
            "SELECT opted_out, opted_out_at IS NOT NULL, opted_out_reason, stage_jornada FROM medicos WHERE id = @medico", new { medico })).Single();
        Assert.Equal((true, true, words, "opt_out"), doctor);
        var queue = await f.QueueAsync(phone);
        Assert.All(queue.Where(q => q.Tipo is "campanha" or "followup" or "lembrete_solicitado"), q => Assert.Equal(("cancelada", "opt_out"), (q.Status, q.Reason)));
        var confirmation = Assert.Single(queue, q => q.TipoSistema == "confirmacao_opt_out");
        Assert.Equal(("sistema", 10), (confirmation.Tipo, confirmation.Prioridade));
        // Nothing of his waits any more — but the confirmation itself, which may be going out right now.
        Assert.DoesNotContain(queue, q => q.TipoSistema != "confirmacao_opt_out" && q.Status is "pendente" or "processando");
        var sends = await f.QueryAsync<(string Status, string? Motivo)>("SELECT status, motivo FROM envios_campanha WHERE medico_id = @medico", new { medico });
        Assert.Equal([("cancelado", "opt_out"), ("cancelado", "opt_out")], sends);
        var conversation = (await f.QueryAsync<(string Status, bool HasCompletedAt)>(
            "SELECT status, completed_at IS NOT NULL FROM conversations WHERE medico_id = @medico", new { medico })).Single();
        Assert.Equal(("completed", true), conversation);

        // A proactive message queued for him afterwards is blocked at its send, not sent.
        await f.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade) VALUES (@medico, 'followup', 'e agora?', 4)", new { medico });
        var blocked = await TestHost.Eventually.MatchesAsync(() => f.QueryAsync<(string Status, string? Reason)>(
            "SELECT status, outcome_reason_code FROM fila_mensagens WHERE medico_id = @medico AND conteudo = 'e agora?'", new { medico }),
            r => r.Single().Status != "pendente" && r.Single().Status != "processando");
        Assert.Equal("bloqueada", blocked.Single().Status);
    }
}
