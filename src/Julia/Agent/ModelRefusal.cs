using System.Globalization;
using Julia.Infrastructure.Redis;
using StackExchange.Redis;

namespace Julia.Agent;

/// <summary>
/// The model provider refusing Júlia's key or account (401, 402, 403, the spend limit): shared through Redis
/// `agente:recusa` (hash `motivo`, `em` = epoch ms of the last refusal; 24 h) so `/admin/metricas/health` says it at once,
/// whichever process was refused, until an answer (or the start-up check) shows the key works again
/// (docs/decisions.md#model-refused). A refused key is no transient fault: before, health read `healthy` until the
/// `claude` breaker opened.
/// </summary>
internal sealed class ModelRefusal(RedisGate redis, TimeProvider time)
{
    public const string Key = "agente:recusa";
    static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    /// <summary>Set once this process recorded a refusal: only then does an answer spend a Redis call to clear it.</summary>
    volatile bool recorded;

    public async Task RecordAsync(string reason)
    {
        recorded = true;
        await redis.TryAsync(async db =>
        {
            await db.HashSetAsync(Key, [new("motivo", reason), new("em", time.GetUtcNow().ToUnixTimeMilliseconds())]);
            await db.KeyExpireAsync(Key, Lifetime);
        });
    }

    /// <summary>The model answered: the key works. <paramref name="always"/> for the start-up check (another process may have written it).</summary>
    public async Task ClearAsync(bool always = false)
    {
        if (!always && !recorded) return;
        if (await redis.TryAsync(db => db.KeyDeleteAsync(Key))) recorded = false;
    }

    /// <summary>The last refusal, or null (none, or Redis down).</summary>
    public Task<(string Reason, DateTimeOffset At)?> CurrentAsync() => redis.TryAsync<(string, DateTimeOffset)?>(async db =>
    {
        var fields = await db.HashGetAsync(Key, ["motivo", "em"]);
        return fields[0].HasValue && long.TryParse((string?)fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            ? ((string)fields[0]!, DateTimeOffset.FromUnixTimeMilliseconds(at))
            : null;
    }, null);
}
