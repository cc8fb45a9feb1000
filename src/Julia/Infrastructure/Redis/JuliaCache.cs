using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Julia.Infrastructure.Redis;

/// <summary>
/// Read-through JSON cache on Redis. The family is the key's first segment (`medico:telefone:…` → `medico`).
/// Redis down → the factory runs every time and the answer is still right (counted as a miss).
/// Writes are not waited for (<see cref="CommandFlags.FireAndForget"/>): a lost write only costs a later miss, and Redis
/// runs one connection's commands in order, so this process's next read of the key sees it (docs/decisions.md#cache).
/// </summary>
internal sealed class JuliaCache(RedisGate redis, CacheMeter meter, IOptions<CacheOptions> options)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public TimeSpan DefaultTtl => TimeSpan.FromSeconds(options.Value.TtlSeconds);

    /// <summary>
    /// Sends the read of <paramref name="key"/> now, for a later <see cref="GetOrCreateAsync{T}"/>: commands sent one
    /// after another share a round trip, and Redis runs them in the order sent (docs/decisions.md#cache).
    /// </summary>
    public Task<RedisValue> PeekAsync(string key) => redis.TryAsync(db => db.StringGetAsync(key), RedisValue.Null);

    /// <param name="peeked">The key's read sent earlier by <see cref="PeekAsync"/>; null reads it now.</param>
    public async Task<T?> GetOrCreateAsync<T>(string key, TimeSpan ttl, Func<CancellationToken, Task<T?>> factory, CancellationToken ct,
        Task<RedisValue>? peeked = null)
        where T : class
    {
        if (await GetAsync<T>(key, peeked) is { } cached) return cached;
        var value = await factory(ct);
        if (value is not null) await SetAsync(key, value, ttl);
        return value;
    }

    /// <summary>The cached value, or null on a miss (counted like <see cref="GetOrCreateAsync{T}"/>'s); the caller fills it.</summary>
    public async Task<T?> GetAsync<T>(string key, Task<RedisValue>? peeked = null)
        where T : class
    {
        var family = FamilyOf(key);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var cached = await (peeked ?? PeekAsync(key));
        meter.Time("cache_get", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (cached.HasValue)
        {
            meter.Hit(family);
            return JsonSerializer.Deserialize<T>((string)cached!, Json);
        }
        meter.Miss(family);
        return null;
    }

    public Task SetAsync<T>(string key, T value, TimeSpan ttl) =>
        redis.TryAsync(db => db.StringSetAsync(key, JsonSerializer.Serialize(value, Json), ttl, flags: CommandFlags.FireAndForget));

    public Task RemoveAsync(params string[] keys) =>
        redis.TryAsync(db => db.KeyDeleteAsync(keys.Select(k => (RedisKey)k).ToArray()));

    /// <summary>Deletes every key matching the pattern with SCAN (never KEYS), on each primary.</summary>
    public Task RemoveByPatternAsync(string pattern) =>
        redis.TryAsync(async db =>
        {
            foreach (var server in redis.Multiplexer.GetServers().Where(s => s.IsConnected && !s.IsReplica))
            {
                var batch = new List<RedisKey>(250);
                await foreach (var key in server.KeysAsync(db.Database, pattern, pageSize: 250))
                {
                    batch.Add(key);
                    if (batch.Count == 250) { await db.KeyDeleteAsync([.. batch]); batch.Clear(); }
                }
                if (batch.Count > 0) await db.KeyDeleteAsync([.. batch]);
            }
        });

    static string FamilyOf(string key)
    {
        var colon = key.IndexOf(':');
        return colon > 0 ? key[..colon] : key;
    }
}
