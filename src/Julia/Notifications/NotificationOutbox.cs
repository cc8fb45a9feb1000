using System.Text.Json;
using Dapper;
using Npgsql;

namespace Julia.Notifications;

/// <summary>
/// SQL on notificacoes, the outbox of staff notices. Enqueue takes the caller's transaction, so a notice exists exactly
/// when the event that caused it committed; the dispatcher claims due rows with SKIP LOCKED under a lease.
/// </summary>
internal sealed class NotificationOutbox(NpgsqlDataSource db)
{
    const string Columns = """
        id AS Id, canal AS Channel, tipo AS Kind, chave AS Key, handoff_id AS HandoffId, conversa_id AS ConversationId,
        payload::text AS PayloadJson, tentativas AS Attempts, created_at AS CreatedAtUtc, processando_desde AS ClaimedAtUtc
        """;

    /// <summary>Whether a notice with this key is in the outbox (delivered, waiting or given up).</summary>
    public async Task<bool> ExistsAsync(string key, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM notificacoes WHERE chave = @key)", new { key }, cancellationToken: ct));
    }

    /// <summary>Adds the notice unless one with its key exists (the same event twice is one notice). True when added.</summary>
    public async Task<bool> EnqueueAsync(NpgsqlTransaction tx, NewNotification n, CancellationToken ct)
    {
        var added = await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO notificacoes (canal, tipo, chave, handoff_id, conversa_id, payload)
            VALUES (@Channel, @Kind, @Key, @HandoffId, @ConversationId, @payload::jsonb)
            ON CONFLICT (chave) DO NOTHING
            """, new { n.Channel, n.Kind, n.Key, n.HandoffId, n.ConversationId, payload = JsonSerializer.Serialize(n.Payload ?? new { }) },
            tx, cancellationToken: ct));
        return added > 0;
    }

    /// <summary>
    /// A statement (or CTE body) that adds notices from another feature's relation with columns canal, tipo, chave,
    /// conversa_id and payload (jsonb), for notices that must be written in that feature's own round trip.
    /// </summary>
    public static string InsertFromSql(string rows) => $"""
        INSERT INTO notificacoes (canal, tipo, chave, conversa_id, payload)
        SELECT r.canal, r.tipo, r.chave, r.conversa_id, r.payload FROM {rows} r
        ON CONFLICT (chave) DO NOTHING
        """;

    /// <summary>The keys of a channel's notices of these kinds still in the outbox (delivered, waiting or given up).</summary>
    public async Task<IReadOnlyList<(string Kind, string Key)>> KeysAsync(string channel, string[] kinds, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<(string, string)>(new CommandDefinition(
            "SELECT tipo, chave FROM notificacoes WHERE canal = @channel AND tipo = ANY(@kinds)", new { channel, kinds }, cancellationToken: ct))];
    }

    /// <summary>Without a transaction of the caller (jobs): one statement.</summary>
    public async Task<bool> EnqueueAsync(NewNotification n, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var added = await EnqueueAsync(tx, n, ct);
        await tx.CommitAsync(ct);
        return added;
    }

    /// <summary>
    /// Due notices, oldest first; a lease that ended with its process (crash) is taken over after <paramref name="lease"/>.
    /// A notice about the same handoff (`handoff_id`) or the same reservation (`payload.reserva_id`) as an older one of its
    /// channel still waiting (pending or in delivery) waits for it: after an outage the retries fall due in any order, and
    /// "Handoff resolvido" must not reach the staff before "Handoff necessário" (docs/decisions.md#handoff, outbox).
    /// </summary>
    public async Task<IReadOnlyList<Notification>> ClaimAsync(int size, TimeSpan lease, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<Notification>(new CommandDefinition($"""
            UPDATE notificacoes SET status = 'processando', processando_desde = now()
            WHERE id IN (
                SELECT id FROM notificacoes n
                WHERE ((status = 'pendente' AND proxima_tentativa_em <= now())
                       OR (status = 'processando' AND processando_desde < now() - @lease))
                  -- Two tests, not one OR: the handoff's on its index (notificacoes_handoff_id_idx); the reservation's only for
                  -- a notice that names one, over the few rows still waiting (the partial indexes of those statuses).
                  AND NOT EXISTS (
                      SELECT 1 FROM notificacoes e
                      WHERE e.handoff_id = n.handoff_id AND e.id < n.id AND e.canal = n.canal AND e.status IN ('pendente', 'processando'))
                  AND NOT (n.payload ? 'reserva_id' AND EXISTS (
                      SELECT 1 FROM notificacoes e
                      WHERE e.status IN ('pendente', 'processando') AND e.id < n.id AND e.canal = n.canal
                        AND e.payload->>'reserva_id' = n.payload->>'reserva_id'))
                ORDER BY id
                FOR UPDATE SKIP LOCKED
                LIMIT @size)
            RETURNING {Columns}
            """, new { size, lease }, cancellationToken: ct))];
    }

    /// <summary>
    /// This process's claim of <paramref name="n"/> starts its lease again, before a delivery late in a batch (a slow peer
    /// can make a batch outlast the lease). Null when the claim is no longer this process's: another took the row over.
    /// </summary>
    public async Task<Notification?> RenewAsync(Notification n, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            UPDATE notificacoes SET processando_desde = clock_timestamp()
            WHERE id = @id AND status = 'processando' AND processando_desde = @claimed
            RETURNING processando_desde
            """, new { id = n.Id, claimed = n.ClaimedAtUtc }, cancellationToken: ct)) is { } renewed ? n with { ClaimedAtUtc = renewed } : null;
    }

    // Every outcome applies only under the claim it was delivered under: a notice another process took over after this
    // one's lease ran out is that process's to record (docs/decisions.md#handoff, outbox).
    const string StillClaimed = "id = @id AND status = 'processando' AND processando_desde IS NOT DISTINCT FROM @claimed";

    /// <summary>False when the claim was no longer this process's (the row is another's now).</summary>
    public async Task<bool> MarkSentAsync(Notification n, CancellationToken ct) => await ExecuteAsync($"""
        UPDATE notificacoes SET status = 'enviada', enviada_em = now(), processando_desde = NULL, erro = NULL WHERE {StillClaimed}
        """, new { id = n.Id, claimed = n.ClaimedAtUtc }, ct) > 0;

    /// <summary>Back to pending until <paramref name="until"/>; counted as an attempt unless it only waited (open circuit).</summary>
    public async Task<bool> RetryAsync(Notification n, DateTimeOffset until, string error, bool countsAsAttempt, CancellationToken ct) => await ExecuteAsync($"""
        UPDATE notificacoes SET status = 'pendente', processando_desde = NULL, proxima_tentativa_em = @until, erro = @error,
               tentativas = tentativas + CASE WHEN @countsAsAttempt THEN 1 ELSE 0 END
        WHERE {StillClaimed}
        """, new { id = n.Id, claimed = n.ClaimedAtUtc, until = until.UtcDateTime, error = Trim(error), countsAsAttempt }, ct) > 0;

    public async Task<bool> FailAsync(Notification n, string error, CancellationToken ct) => await ExecuteAsync($"""
        UPDATE notificacoes SET status = 'falhou', processando_desde = NULL, erro = @error, tentativas = tentativas + 1 WHERE {StillClaimed}
        """, new { id = n.Id, claimed = n.ClaimedAtUtc, error = Trim(error) }, ct) > 0;

    /// <summary>Graceful shutdown: claims not delivered go back at once.</summary>
    public Task ReleaseAsync(long[] ids) => ExecuteAsync(
        "UPDATE notificacoes SET status = 'pendente', processando_desde = NULL WHERE id = ANY(@ids) AND status = 'processando'", new { ids }, CancellationToken.None);

    /// <summary>
    /// Whether a notice of this channel and kind that names no conversation, only the doctor (`payload.medico_id`), is
    /// older than <paramref name="id"/> and not yet delivered nor given up.
    /// </summary>
    public async Task<bool> HasEarlierUndeliveredOfDoctorAsync(string channel, string kind, Guid medicoId, long id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM notificacoes
                           WHERE status IN ('pendente', 'processando') AND canal = @channel AND tipo = @kind AND conversa_id IS NULL
                             AND id < @id AND payload->>'medico_id' = @medico)
            """, new { channel, kind, medico = medicoId.ToString(), id }, cancellationToken: ct));
    }

    static string Trim(string error) => Julia.Infrastructure.Text.TextPrefix.Of(error, 500);

    async Task<int> ExecuteAsync(string sql, object args, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }
}
