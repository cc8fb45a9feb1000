using Julia.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Privacy;

/// <summary>
/// An erasure while a dispatcher holds one of the doctor's proactive messages (docs/decisions.md#lgpd, SPEC §6 re-checks):
/// a claim read the doctor before the erasure, so only the row itself can stop the send.
/// </summary>
public sealed class ErasureDuringAClaimTests(PrivacyFixture f) : IClassFixture<PrivacyFixture>
{
    /// <summary>
    /// A campaign opening and a follow-up claimed and not yet started (the limiter, a number check, "digitando…") end
    /// `cancelada` (`titular_apagado`) and their send-started mark finds nothing, so neither reaches him — as after an
    /// opt-out. Before, only `pendente` rows were cancelled: a claimed one went out after the erasure. A message whose
    /// send started cannot be stopped: it stays the dispatcher's, and its campaign send row follows it (`enfileirado`,
    /// then `enviado` or the send's end) instead of saying `cancelado` for a message he got.
    /// </summary>
    [Fact]
    public async Task AProactiveMessageClaimedButNotStartedIsCancelledByTheErasureAndOneGoingOutIsLeftToItsSend()
    {
        var medico = await f.ScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, sobrenome, origem)
            VALUES ('5511988896001', '5511988896001@s.whatsapp.net', 'Eulália', 'Cambuí', 'import') RETURNING id
            """);
        var campanha = await f.ScalarAsync<long>(
            "INSERT INTO campanhas (nome, tipo, mensagem_template, status) VALUES ('Apagamento durante envio', 'oferta_plantao', 'Oi {nome}', 'ativa') RETURNING id");
        // (claimed, not started) campaign, (claimed, not started) follow-up, (going out) campaign of a second campaign day.
        var rows = await f.QueryAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, status, processando_desde, envio_iniciado_em, metadata)
            VALUES (@medico, 'campanha', 'Oi Eulália, tenho plantões.', 3, 'processando', now(), NULL, jsonb_build_object('campanha_id', @campanha::text)),
                   (@medico, 'followup', 'Oi Eulália, passando por aqui.', 4, 'processando', now(), NULL, '{"tipo_followup":"fu1"}'::jsonb),
                   (@medico, 'campanha', 'Oi Eulália, tenho plantões.', 3, 'processando', now(), now(), jsonb_build_object('campanha_id', @campanha::text))
            RETURNING id
            """, new { medico, campanha });
        var (claimed, followUp, going) = (rows[0], rows[1], rows[2]);
        var other = await f.ScalarAsync<long>(
            "INSERT INTO campanhas (nome, tipo, mensagem_template, status) VALUES ('Apagamento durante envio 2', 'oferta_plantao', 'Oi {nome}', 'ativa') RETURNING id");
        await f.ExecuteAsync("""
            INSERT INTO envios_campanha (campanha_id, medico_id, status, fila_mensagem_id)
            VALUES (@campanha, @medico, 'enfileirado', @claimed), (@other, @medico, 'enfileirado', @going)
            """, new { campanha, other, medico, claimed, going });

        await f.EraseAsync(medico);

        var after = (await f.QueryAsync<(Guid Id, string Status, string? Reason, bool Held)>("""
            SELECT id, status, outcome_reason_code, processando_desde IS NOT NULL FROM fila_mensagens WHERE medico_id = @medico
            """, new { medico })).ToDictionary(r => r.Id);
        Assert.Equal(("cancelada", "titular_apagado", false), (after[claimed].Status, after[claimed].Reason, after[claimed].Held));
        Assert.Equal(("cancelada", "titular_apagado", false), (after[followUp].Status, after[followUp].Reason, after[followUp].Held));
        Assert.Equal(("processando", null), (after[going].Status, after[going].Reason));
        // The dispatcher holding the claimed ones: its send-started mark finds nothing, so it never calls the gateway.
        var store = f.App.Services.GetRequiredService<DispatchStore>();
        Assert.False(await store.MarkSendStartedAsync(claimed, default));
        Assert.False(await store.MarkSendStartedAsync(followUp, default));

        var sends = (await f.QueryAsync<(Guid Row, string Status, string? Motivo)>(
            "SELECT fila_mensagem_id, status, motivo FROM envios_campanha WHERE medico_id = @medico", new { medico })).ToDictionary(s => s.Row);
        Assert.Equal(("cancelado", "titular_apagado"), (sends[claimed].Status, sends[claimed].Motivo));
        Assert.Equal(("enfileirado", null), (sends[going].Status, sends[going].Motivo));
    }
}
