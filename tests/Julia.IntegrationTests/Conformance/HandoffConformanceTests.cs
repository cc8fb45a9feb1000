using System.Text.Json;
using Julia.IntegrationTests.Conversations;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// What a handoff writes, as the handoff section lists it, through a doctor's own words on the real host: the row
/// (`pendente`, type, `ai` → `human`, metadata with the last message cut to 200 characters), the conversation under
/// human control with the reason, one `sistema` transition message, the AI-generated messages still pending cancelled —
/// and a second trigger opens nothing more and sends nothing more. The first matching type wins: a request for a person
/// that also names a lawyer is `pedido_humano`.
/// </summary>
public sealed class HandoffConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task AHandoffWritesItsRowControlAndOneTransitionAndASecondTriggerAddsNothing()
    {
        const string phone = "5511988870001";
        await PostAsync(f.Client, Text(phone, "oi, tudo bem?"));
        await f.WaitProcessedAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        var conversa = await f.ScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medico", new { medico });
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para)
            VALUES (@medico, @conversa, 'followup', 'passando pra saber', 4, now() + interval '1 day'),
                   (@medico, @conversa, 'lembrete_solicitado', 'como combinado', 7, now() + interval '1 day')
            """, new { medico, conversa });
        var request = "Quero falar com uma pessoa da equipe, por favor. " + string.Concat(Enumerable.Repeat("Tenho uma dúvida longa sobre o pagamento. ", 8));

        await PostAsync(f.Client, Text(phone, request));
        await f.WaitProcessedAsync(phone);

        var row = (await f.QueryAsync<(string Status, string Type, string From, string To, string? Motivo, string Metadata)>("""
            SELECT status, trigger_type, from_controller, to_controller, motivo, metadata::text FROM handoffs WHERE conversa_id = @conversa
            """, new { conversa })).Single();
        Assert.Equal(("pendente", "pedido_humano", "ai", "human"), (row.Status, row.Type, row.From, row.To));
        // The reason staff read in Slack and Chatwoot, in words (docs/decisions.md#staff-texts): not "gatilho pedido_humano …".
        Assert.Equal("pedido de uma pessoa na mensagem do médico", row.Motivo);
        var metadata = JsonDocument.Parse(row.Metadata).RootElement;
        var last = metadata.GetProperty("ultima_mensagem").GetString()!;
        Assert.InRange(last.Length, 1, 200);
        Assert.StartsWith("Quero falar com uma pessoa", last);
        Assert.True(metadata.TryGetProperty("total_interacoes", out _));
        Assert.True(metadata.TryGetProperty("duracao_conversa_minutos", out _));
        Assert.True(metadata.TryGetProperty("mensagem_gatilho", out _));
        var control = (await f.QueryAsync<(string ControlledBy, string? Reason)>(
            "SELECT controlled_by, escalation_reason FROM conversations WHERE id = @conversa", new { conversa })).Single();
        Assert.Equal(("human", row.Motivo), control);
        Assert.False(string.IsNullOrWhiteSpace(control.Reason));
        var queue = await f.QueueAsync(phone);
        Assert.All(queue.Where(q => q.Tipo is "followup" or "lembrete_solicitado"), q => Assert.Equal("cancelada", q.Status));
        var transition = Assert.Single(queue, q => q.Tipo == "sistema");
        Assert.Equal(10, transition.Prioridade);
        Assert.DoesNotContain(queue, q => q.Tipo == "resposta" && q.Status != "cancelada" && q.Conteudo.Contains("pagamento"));

        await PostAsync(f.Client, Text(phone, "Alô? Quero falar com um atendente humano agora"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
        Assert.Single(await f.QueueAsync(phone), q => q.Tipo == "sistema");
    }

    [Fact]
    public async Task ARequestForAPersonThatAlsoNamesALawyerIsPedidoHumano()
    {
        const string phone = "5511988870002";

        await PostAsync(f.Client, Text(phone, "Quero falar com uma pessoa da equipe, meu advogado vai ver o contrato"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal("pedido_humano", await f.ScalarAsync<string>("""
            SELECT h.trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone
            """, new { phone }));
    }
}
