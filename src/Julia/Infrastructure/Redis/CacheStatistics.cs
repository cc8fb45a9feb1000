using System.Collections.Concurrent;

namespace Julia.Infrastructure.Redis;

/// <summary>Hits and misses per key family (`medico`, `vagas`, `contexto`) — the runbook's "cache hit rate".</summary>
internal sealed class CacheStatistics
{
    sealed class Counter { public long Hits; public long Misses; }

    readonly ConcurrentDictionary<string, Counter> families = new(StringComparer.Ordinal);

    public void Hit(string family) => Interlocked.Increment(ref families.GetOrAdd(family, _ => new Counter()).Hits);
    public void Miss(string family) => Interlocked.Increment(ref families.GetOrAdd(family, _ => new Counter()).Misses);

    public IReadOnlyDictionary<string, CacheFamilyStats> Snapshot() =>
        families.ToDictionary(p => p.Key, p => new CacheFamilyStats(Interlocked.Read(ref p.Value.Hits), Interlocked.Read(ref p.Value.Misses)));
}

internal sealed record CacheFamilyStats(long Hits, long Misses)
{
    public double? HitRate => Hits + Misses == 0 ? null : Math.Round((double)Hits / (Hits + Misses), 4);
}
