using Julia.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Julia.Conversations;

/// <summary>
/// One turn per conversation at a time, across processes: Redis `lock:conversa:{id}` (SET NX, 120 s, released only
/// by its owner; `Conversations:LockLeaseSeconds`), or a Postgres session advisory lock when Redis is down.
/// (docs/decisions.md#inbound, "Rows read before the lock": what a turn checks once it holds either.)
/// </summary>
internal sealed class ConversationLock(RedisGate redis, NpgsqlDataSource db, IOptions<ConversationsOptions> options)
{
    readonly TimeSpan lease = TimeSpan.FromSeconds(options.Value.LockLeaseSeconds);
    const string ReleaseScript = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    public static string Key(Guid conversaId) => $"lock:conversa:{conversaId}";

    /// <summary>The held lock, or null when another process is running this conversation.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(Guid conversaId, CancellationToken ct)
    {
        var key = Key(conversaId);
        var token = Guid.NewGuid().ToString("N");
        var viaRedis = await redis.TryAsync<bool?>(async db => await db.StringSetAsync(key, token, lease, When.NotExists), null);
        if (viaRedis is true) return new RedisHold(redis, key, token);
        if (viaRedis is false) return null;
        return await TryAdvisoryAsync(key, token, ct);
    }

    /// <param name="token">
    /// The token the Redis attempt sent: a SET that timed out may still have been applied (Redis slow, not down), and
    /// the key would then keep the doctor's next turns out for the whole lease; the hold lets it go with its own lock.
    /// </param>
    async Task<IAsyncDisposable?> TryAdvisoryAsync(string key, string token, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", connection);
        cmd.Parameters.AddWithValue("key", key);
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return new AdvisoryHold(connection, key, new RedisHold(redis, key, token));
        await connection.DisposeAsync();
        return null;
    }

    sealed class RedisHold(RedisGate redis, string key, string token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await redis.TryAsync(db => db.ScriptEvaluateAsync(ReleaseScript, [key], [token]));
    }

    sealed class AdvisoryHold(NpgsqlConnection connection, string key, RedisHold redisAttempt) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try
            {
                await using var cmd = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 0))", connection);
                cmd.Parameters.AddWithValue("key", key);
                await cmd.ExecuteScalarAsync();
            }
            finally
            {
                await connection.DisposeAsync();
                // Deletes the key only if it holds this turn's token (Redis down: answered at once, nothing done).
                await redisAttempt.DisposeAsync();
            }
        }
    }
}
