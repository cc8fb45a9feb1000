using Julia.Infrastructure.Redis;
using Npgsql;
using StackExchange.Redis;

namespace Julia.Privacy;

/// <summary>
/// The Redis keys the owners name for a doctor (medico:*, contexto:medico:*, rate:ultimo:*, lock/debounce of his
/// conversations): read for the export, deleted around an erasure. Keys are named exactly, never searched (no KEYS).
/// </summary>
internal sealed class SubjectCache(IEnumerable<IPersonalDataOwner> owners, RedisGate redis)
{
    public async Task<IReadOnlyList<string>> KeysAsync(NpgsqlConnection c, DataSubject subject, CancellationToken ct)
    {
        var keys = new List<string>();
        foreach (var owner in owners) keys.AddRange(await owner.CacheKeysAsync(c, subject, ct));
        return [.. keys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
    }

    /// <summary>Each existing key with its value (JSON text as stored; other types by their type name).</summary>
    public Task<Dictionary<string, string>> ReadAsync(IReadOnlyList<string> keys) =>
        redis.TryAsync(async db =>
        {
            var found = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var type = await db.KeyTypeAsync(key);
                if (type == RedisType.None) continue;
                found[key] = type == RedisType.String ? (string?)await db.StringGetAsync(key) ?? "" : $"({type.ToString().ToLowerInvariant()})";
            }
            return found;
        }, new Dictionary<string, string>());

    /// <summary>False when Redis did not answer: the keys then expire by their TTL (CACHE_TTL at most for medico:*).</summary>
    public Task<bool> RemoveAsync(IReadOnlyList<string> keys) =>
        keys.Count == 0 ? Task.FromResult(true) : redis.TryAsync(db => db.KeyDeleteAsync([.. keys.Select(k => (RedisKey)k)]));
}
