using Dapper;
using Npgsql;

namespace Julia.Metrics;

/// <summary>
/// Staff notices of one channel (`slack`, `chatwoot`) still undelivered after <see cref="MinFailedAttempts"/> failed attempts
/// or more: a read-only look at the outbox (`notificacoes`, owned by Notifications) for `/admin/metricas/health`
/// (docs/decisions.md#notices-failing). The peer's breaker may stay closed through such an outage — its failures are
/// counted per process, and the outbox's backoff spreads them over api and worker — so "closed" does not say "the peer is fine".
/// </summary>
internal sealed record FailingNotices(string Canal, long Avisos, long IdadeS, string? UltimoErro)
{
    /// <summary>Three failures in a row of one notice take at least 45 s (15 s·2^n backoff): an outage, not a blip.</summary>
    public const int MinFailedAttempts = 3;

    public static async Task<List<FailingNotices>> ReadAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<FailingNotices>(new CommandDefinition("""
            SELECT canal, count(*) AS avisos, floor(extract(epoch FROM now() - min(created_at)))::bigint AS idades,
                   (array_agg(erro ORDER BY created_at DESC))[1] AS ultimoerro
            FROM notificacoes WHERE status IN ('pendente', 'processando') AND tentativas >= @min
            GROUP BY canal ORDER BY canal
            """, new { min = MinFailedAttempts }, cancellationToken: ct))).ToList();
    }
}
