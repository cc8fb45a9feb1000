using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Julia.Privacy;

/// <summary>
/// The Redis keys of an erased doctor that Redis did not take when the erasure ran (Redis down): deleted as soon as
/// Redis answers again, not left to their TTL — after an outage shorter than `CACHE_TTL` his cached views (name, phone)
/// would otherwise be served again until they expire (docs/decisions.md#lgpd, "Redis down during an erasure"). Kept in
/// this process's memory only: the key names hold his phone, and writing them down would keep what the erasure removed.
/// A restart in between is covered by <see cref="ErasedCacheSweeper"/>, which finds them again from the database.
/// </summary>
internal sealed partial class CacheRemovalRetry(SubjectCache cache, IOptions<PrivacyOptions> options, TimeProvider time,
    ILogger<CacheRemovalRetry> logger) : BackgroundService
{
    /// <summary>Past this no key of his outlives its own TTL (the longest is CACHE_TTL, 5 min by default): nothing to delete.</summary>
    static readonly TimeSpan GiveUpAfter = TimeSpan.FromHours(1);

    readonly ConcurrentQueue<(Guid MedicoId, IReadOnlyList<string> Keys, DateTimeOffset Since)> pending = new();
    readonly SemaphoreSlim wake = new(0);

    public int Pending => pending.Count;

    public void Add(Guid medicoId, IReadOnlyList<string> keys)
    {
        if (keys.Count == 0) return;
        pending.Enqueue((medicoId, keys, time.GetUtcNow()));
        wake.Release();
    }

    /// <summary>The keys still waiting for one doctor, out of the queue: the CLI, whose process ends, waits for them itself.</summary>
    public IReadOnlyList<string> Take(Guid medicoId)
    {
        var taken = new List<string>();
        var count = pending.Count;
        for (var i = 0; i < count && pending.TryDequeue(out var item); i++)
            if (item.MedicoId == medicoId) taken.AddRange(item.Keys);
            else pending.Enqueue(item);
        return taken;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromMilliseconds(Math.Max(50, options.Value.CacheRetryMilliseconds));
        while (!stoppingToken.IsCancellationRequested)
        {
            try { await wake.WaitAsync(every, stoppingToken); }
            catch (OperationCanceledException) { return; }
            var count = pending.Count;
            for (var i = 0; i < count && pending.TryDequeue(out var item); i++)
            {
                if (await cache.RemoveAsync(item.Keys)) LogCleared(item.MedicoId, item.Keys.Count);
                else if (time.GetUtcNow() - item.Since > GiveUpAfter) LogExpired(item.MedicoId);
                else pending.Enqueue(item);
            }
        }
    }

    [LoggerMessage(EventId = 9709, Level = LogLevel.Information, Message = "LGPD: Redis voltou: {Chaves} chaves do médico apagado {MedicoId} removidas")]
    private partial void LogCleared(Guid medicoId, int chaves);

    [LoggerMessage(EventId = 9710, Level = LogLevel.Warning, Message = "LGPD: Redis não voltou em 1 h; as chaves do médico apagado {MedicoId} já expiraram pelo TTL")]
    private partial void LogExpired(Guid medicoId);
}
