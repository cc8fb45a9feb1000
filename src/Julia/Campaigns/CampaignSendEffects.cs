using Dapper;
using Julia.Conversations;
using Julia.Doctors;
using Julia.Queue;
using Npgsql;

namespace Julia.Campaigns;

/// <summary>
/// What a campaign send means (docs/decisions.md#proactive): once it went out, its envios_campanha row is `enviado`
/// (with `enviado_em` and the conversation the message opened or continued),
/// the doctor's open conversation carries the campaign (Conversations' SQL) and the doctor counts as contacted
/// (Doctors' SQL; his cached views dropped after the commit); when it ends unsent, the envios_campanha row follows its
/// queue row (bloqueado / cancelado / erro).
/// </summary>
internal sealed class CampaignSendEffect(DoctorDirectory doctors) : ISendEffect
{
    const string Openings = $"""
        (SELECT s.medico_id, (s.metadata->>'campanha_id')::bigint AS campanha_id,
                COALESCE((s.metadata->>'primeiro_contato')::boolean, false) AS first_contact, (s.metadata->>'envio_id')::uuid AS envio_id,
                s.answer_basis
         FROM {SendOutcomeSql.Sent} s WHERE s.tipo = 'campanha')
        """;

    static readonly string Sent = string.Join(";\n",
        ConversationStore.OpenedByCampaignSql(Openings),
        DoctorStore.ContactedSql(Openings),
        // After the opening's conversation exists: the send row points at it (envios_campanha.conversa_id, SET NULL by retention).
        $"""
        UPDATE envios_campanha s SET status = 'enviado', enviado_em = now(), motivo = NULL,
               conversa_id = COALESCE({ConversationStore.OpenConversationFor("s.medico_id")}, s.conversa_id)
        WHERE s.id IN (SELECT envio_id FROM {Openings} o)
        """);

    const string Ended = $"""
        UPDATE envios_campanha SET status = CASE {SendOutcomeSql.EndedStatus} WHEN 'bloqueada' THEN 'bloqueado' WHEN 'cancelada' THEN 'cancelado' ELSE 'erro' END,
               motivo = {SendOutcomeSql.EndedReason}
        WHERE fila_mensagem_id = {SendOutcomeSql.EndedId} AND status = 'enfileirado'
        """;

    public string? SentSql(IReadOnlyList<SentMessage> batch) => batch.Any(s => s.Message.Kind == QueueKinds.Campaign) ? Sent : null;

    public string? EndedSql(EndedMessage ended) => ended.Message.Kind == QueueKinds.Campaign ? Ended : null;

    /// <summary>The contacted doctors' funnel stage changed: their cached views go (docs/decisions.md#cache).</summary>
    public Task AfterSentAsync(IReadOnlyList<SentMessage> batch) =>
        doctors.InvalidateAsync([.. batch.Where(s => s.Message.Kind == QueueKinds.Campaign).Select(s => s.Message.MedicoId).Distinct()], CancellationToken.None);
}

/// <summary>
/// An opted-out doctor's pending campaign sends are cancelled, in the opt-out's transaction; one whose message is already
/// going out is not (the opt-out cannot stop it) and follows its send.
/// </summary>
internal sealed class CampaignOptOutEffect : IOptOutEffect
{
    static readonly string CancelSql = $"""
        UPDATE envios_campanha SET status = 'cancelado', motivo = 'opt_out'
        WHERE medico_id = @medicoId
          AND (status = 'pendente' OR (status = 'enfileirado' AND NOT {QueueStore.GoingOutSql("envios_campanha.fila_mensagem_id")}))
        """;

    public Task OnOptOutAsync(NpgsqlTransaction tx, Guid medicoId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(CancelSql, new { medicoId }, tx, cancellationToken: ct));
}
