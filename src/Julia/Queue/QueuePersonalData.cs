using System.Text.Json.Nodes;
using Dapper;
using Julia.Privacy;
using Npgsql;

namespace Julia.Queue;

/// <summary>
/// Queue's part of a data-subject request (docs/decisions.md#lgpd): fila_mensagens rows stay for the send counts, with
/// their text, error text and reminder context emptied; sends not yet going out are cancelled (`titular_apagado`) — also
/// one a dispatcher claimed and has not started to send (the limiter, a number check, "digitando…"), which read the
/// doctor before the erasure and would otherwise still reach him, as an opt-out cancels it. Redis: the last-send time
/// per address (rate:ultimo:{telefone}), removed with the erasure and swept at start and after Redis comes back
/// (<see cref="ErasedCacheSweeper"/>): its name is his phone.
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

    /// <summary>
    /// `rate:ultimo:{número}` names a phone, and an erasure whose Redis was down, in a process restarted before it came
    /// back, left it for up to its hour (docs/decisions.md#lgpd, "Redis down during an erasure"). Deleting one of a
    /// number no live doctor has costs nothing: nothing is sent to it (the erasure cancelled his sends).
    /// </summary>
    public IReadOnlyList<string> SweptCachePatterns => [LastSendFamily];

    const string LastSendFamily = "rate:ultimo:*";

    /// <summary>
    /// Of `rate:ultimo:{número}` keys, those whose number is on no doctor who is not erased — as <see cref="SendLimiter.NumberOf"/>
    /// keys a send: his phone, else his LID's or JID's digits. Index look-ups for the phone and the LID; only the rows
    /// without a phone are read for the JID. Keys of another shape are not judged.
    /// </summary>
    public async Task<IReadOnlyList<string>> OrphanCacheKeysAsync(NpgsqlConnection c, IReadOnlyList<string> keys, CancellationToken ct)
    {
        var prefix = LastSendFamily[..^1];
        var numbers = keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal) && k.Length > prefix.Length)
            .Select(k => (Key: k, Number: k[prefix.Length..])).ToList();
        if (numbers.Count == 0) return [];
        var all = numbers.Select(k => k.Number).Distinct().ToArray();
        var live = (await c.QueryAsync<string>(new CommandDefinition("""
            SELECT telefone FROM medicos WHERE telefone = ANY(@all) AND apagado_em IS NULL
            UNION SELECT split_part(whatsapp_lid, '@', 1) FROM medicos WHERE whatsapp_lid = ANY(@lids) AND apagado_em IS NULL
            UNION SELECT split_part(whatsapp_jid, '@', 1) FROM medicos
                  WHERE telefone IS NULL AND apagado_em IS NULL AND split_part(whatsapp_jid, '@', 1) = ANY(@all)
            """, new { all, lids = all.Select(n => n + "@lid").ToArray() }, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);
        return [.. numbers.Where(k => !live.Contains(k.Number)).Select(k => k.Key)];
    }
}
