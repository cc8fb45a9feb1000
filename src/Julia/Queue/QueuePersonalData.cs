using System.Text.Json.Nodes;
using Julia.Privacy;
using Npgsql;

namespace Julia.Queue;

/// <summary>
/// Queue's part of a data-subject request (docs/decisions.md#lgpd): fila_mensagens rows stay for the send counts, with
/// their text, error text and reminder context emptied; sends not yet going out are cancelled (`titular_apagado`) — also
/// one a dispatcher claimed and has not started to send (the limiter, a number check, "digitando…"), which read the
/// doctor before the erasure and would otherwise still reach him, as an opt-out cancels it. Redis: the last-send time
/// per address (rate:ultimo:{telefone}).
/// </summary>
internal sealed class QueuePersonalData : IPersonalDataOwner
{
    public const string ErasedReason = "titular_apagado";

    public int Order => 40;

    public Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct) =>
        PersonalDataSql.AddSectionAsync(c, tables, "fila_mensagens",
            "SELECT * FROM fila_mensagens WHERE medico_id = @medicoId ORDER BY created_at", subject.Id, ct);

    public Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct) =>
        PersonalDataSql.CountAsync(tx, counts, "fila_mensagens", $"""
            UPDATE fila_mensagens SET conteudo = '', erro = NULL, metadata = metadata - 'contexto',
                   status = CASE WHEN {QueueStore.NotGoingOut} THEN 'cancelada' ELSE status END,
                   outcome_reason_code = CASE WHEN {QueueStore.NotGoingOut} THEN '{ErasedReason}' ELSE outcome_reason_code END,
                   processando_desde = CASE WHEN {QueueStore.NotGoingOut} THEN NULL ELSE processando_desde END
            WHERE medico_id = @medicoId AND (conteudo <> '' OR erro IS NOT NULL OR metadata ? 'contexto' OR {QueueStore.NotGoingOut})
            """, subject.Id, ct);

    public Task<IReadOnlyList<string>> CacheKeysAsync(NpgsqlConnection c, DataSubject subject, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([.. new[] { subject.Telefone, subject.WhatsappJid, subject.WhatsappLid }
            .OfType<string>().Select(SendLimiter.LastSendKey).Distinct()]);
}
