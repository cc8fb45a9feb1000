using Julia.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Julia.Privacy;

/// <summary>
/// The restart half of "Redis down during an erasure" (docs/decisions.md#lgpd): <see cref="CacheRemovalRetry"/> keeps an
/// erased doctor's key names in memory only, so a process restarted during the outage forgot them. At start, and each
/// time Redis answers again after it stopped answering, this sweeps the owners' families whose names hold a doctor
/// (`medico:*`, `contexto:medico:*`, `rate:ultimo:*`) with SCAN (never KEYS) and deletes the keys about a doctor who is
/// erased or absent. Nothing is
/// written down: what is deleted is found from the database as it is now (an erased row has no phone).
/// Cost: one pass over the keyspace in pages of <see cref="PageSize"/> keys, one indexed query per page and family —
/// the cached doctors are those of the last `CACHE_TTL` and the `rate:ultimo:*` numbers those sent to in the last hour,
/// not the 100k in the table.
/// </summary>
internal sealed partial class ErasedCacheSweeper(IEnumerable<IPersonalDataOwner> owners, RedisGate redis, NpgsqlDataSource db,
    IOptions<PrivacyOptions> options, ILogger<ErasedCacheSweeper> logger) : BackgroundService
{
    internal const int PageSize = 1_000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // the first Redis connection is made off the host's start
        var every = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CacheRetryMilliseconds));
        var owed = true; // at start: a process before this one may have left keys it could not delete
        var warned = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!redis.Multiplexer.IsConnected) owed = true;
            else if (owed)
            {
                try
                {
                    if (await SweepAsync(stoppingToken) is { } removed)
                    {
                        (owed, warned) = (false, false);
                        if (removed > 0) LogSwept(removed);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { return; }
                catch (Exception ex)
                {
                    // The database (or anything else): tried again at the next tick, said once.
                    if (!warned) LogSweepFailed(ex.GetType().Name);
                    warned = true;
                }
            }
            try { await Task.Delay(every, stoppingToken); }
            catch (OperationCanceledException) { return; }
        }
    }

    /// <summary>The keys deleted, or null when Redis stopped answering during the pass (the pass is owed again).</summary>
    internal async Task<int?> SweepAsync(CancellationToken ct)
    {
        var removed = 0;
        foreach (var owner in owners)
            foreach (var pattern in owner.SweptCachePatterns)
            {
                long cursor = 0;
                do
                {
                    var page = await redis.TryAsync<(long Next, string[] Keys)?>(async d =>
                    {
                        var reply = (RedisResult[])(await d.ExecuteAsync("SCAN", cursor.ToString(), "MATCH", pattern, "COUNT", PageSize))!;
                        return ((long)reply[0], ((RedisResult[])reply[1]!).Select(k => (string)k!).ToArray());
                    }, null);
                    if (page is not { } p) return null;
                    cursor = p.Next;
                    if (p.Keys.Length == 0) continue;
                    IReadOnlyList<string> orphans;
                    await using (var c = await db.OpenConnectionAsync(ct))
                        orphans = await owner.OrphanCacheKeysAsync(c, p.Keys, ct);
                    if (orphans.Count == 0) continue;
                    if (!await redis.TryAsync(d => d.KeyDeleteAsync([.. orphans.Select(k => (RedisKey)k)]))) return null;
                    removed += orphans.Count;
                } while (cursor != 0);
            }
        return removed;
    }

    [LoggerMessage(EventId = 9711, Level = LogLevel.Information, Message = "LGPD: varredura do Redis: {Chaves} chaves de médicos apagados removidas")]
    private partial void LogSwept(int chaves);

    [LoggerMessage(EventId = 9712, Level = LogLevel.Warning, Message = "LGPD: varredura do Redis adiada ({Erro}); tentada de novo a cada poucos segundos")]
    private partial void LogSweepFailed(string erro);
}
