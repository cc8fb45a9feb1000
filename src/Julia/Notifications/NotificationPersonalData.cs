using System.Text.Json.Nodes;
using Julia.Privacy;
using Npgsql;

namespace Julia.Notifications;

/// <summary>
/// Notifications' part of a data-subject request (docs/decisions.md#lgpd): the staff notices about the doctor — of his
/// handoffs, conversations and reservations (payload.reserva_id: an expiry notice may name no conversation), and the
/// Chatwoot copies of his messages (payload.medico_id) — are deleted, delivered or
/// not: a notice is an event, not a count the dashboard shows, and an undelivered one would name an erased doctor.
/// Except the erasure's own notices (payload <see cref="ErasureNoticeKey"/>, written by an erasure effect in the
/// erasure's transaction): they name no one — rendered from the anonymised rows — and are what staff must act on,
/// so the erasure's second pass keeps them.
/// </summary>
internal sealed class NotificationPersonalData : IPersonalDataOwner
{
    const string OfDoctor = """
        SELECT n.* FROM notificacoes n
        WHERE n.payload ->> 'medico_id' = @medicoId::text
           OR n.conversa_id IN (SELECT id FROM conversations WHERE medico_id = @medicoId)
           OR n.handoff_id IN (SELECT id FROM handoffs WHERE medico_id = @medicoId)
           OR n.payload ->> 'reserva_id' IN (SELECT id::text FROM reservas_vaga WHERE medico_id = @medicoId)
        """;

    /// <summary>Marks, in its payload, a notice an erasure wrote about itself (<c>Privacy.IErasureEffect</c>).</summary>
    public const string ErasureNoticeKey = "titular_apagado";

    public int Order => 10;

    public Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct) =>
        PersonalDataSql.AddSectionAsync(c, tables, "notificacoes", OfDoctor + " ORDER BY n.created_at", subject.Id, ct);

    public Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct) =>
        PersonalDataSql.CountAsync(tx, counts, "notificacoes", $"DELETE FROM notificacoes WHERE id IN (SELECT id FROM ({OfDoctor}) d WHERE NOT (d.payload ? '{ErasureNoticeKey}'))", subject.Id, ct);
}
