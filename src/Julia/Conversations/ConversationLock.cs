using Julia.Infrastructure.Redis;
using Microsoft.Extensions.Options;
using Npgsql;
using StackExchange.Redis;

namespace Julia.Conversations;

/// <summary>
/// One turn per conversation at a time, across processes: Redis `lock:conversa:{id}` (SET NX, 120 s, released only
/// by its owner; `Conversations:LockLeaseSeconds`), or a Postgres session advisory lock when Redis is down.
/// A turn that lets the lock go leaves in `processado:conversa:{id}` the highest inbound id it read (kept one lease),
/// read back in the same round trip as the next SET NX: a turn whose first row is above it knows no turn that let the
/// lock go answered its rows, and skips the database's check (docs/decisions.md#inbound, "Rows read before the lock").
/// </summary>
internal sealed class ConversationLock(RedisGate redis, NpgsqlDataSource db, IOptions<ConversationsOptions> options)
{
    readonly TimeSpan lease = TimeSpan.FromSeconds(options.Value.LockLeaseSeconds);

    // KEYS: the lock, the highest id read; ARGV: the token, the turn's last inbound id, the marker's life (ms). The lock
    // goes only if it holds this turn's token; the marker only grows (a stray value counts as 0).
    const string ReleaseScript = """
        local ours = redis.call('get', KEYS[1]) == ARGV[1]
        if ours then redis.call('del', KEYS[1]) end
        local seen = tonumber(redis.call('get', KEYS[2]) or '0') or 0
        if tonumber(ARGV[2]) > seen then
          redis.call('set', KEYS[2], ARGV[2], 'PX', ARGV[3])
        else
          redis.call('pexpire', KEYS[2], ARGV[3])
        end
        if ours then return 1 else return 0 end
        """;

    public static string Key(Guid conversaId) => $"lock:conversa:{conversaId}";

    /// <summary>The highest inbound id read by a turn of this conversation that let its lock go (one lease's time).</summary>
    public static string AnsweredKey(Guid conversaId) => $"processado:conversa:{conversaId}";

    /// <summary>
    /// The held lock for a turn that read the inbound rows <paramref name="firstId"/> to <paramref name="lastId"/>, or
    /// null when another process is running this conversation.
    /// </summary>
    public async Task<Hold?> TryAcquireAsync(Guid conversaId, long firstId, long lastId, CancellationToken ct)
    {
        var key = Key(conversaId);
        var token = Guid.NewGuid().ToString("N");
        var release = new RedisRelease(redis, key, AnsweredKey(conversaId), token, lastId, (long)lease.TotalMilliseconds);
        var viaRedis = await redis.TryAsync<(bool Set, RedisValue Answered)?>(async db =>
        {
            // One round trip: Redis runs a connection's commands in the order sent, so the GET sees every release that
            // happened before this SET NX succeeded.
            var set = db.StringSetAsync(key, token, lease, When.NotExists);
            var answered = db.StringGetAsync(AnsweredKey(conversaId));
            await Task.WhenAll(set, answered);
            return (set.Result, answered.Result);
        }, null);
        if (viaRedis is { Set: true } held)
            return new Hold(release, MayBeAnswered(held.Answered, firstId));
        if (viaRedis is { Set: false }) return null;
        return await TryAdvisoryAsync(key, release, ct);
    }

    /// <summary>Nothing left there (no turn let the lock go within a lease): none answered these rows. A stray value: ask.</summary>
    static bool MayBeAnswered(RedisValue answered, long firstId) =>
        !answered.IsNull && (!answered.TryParse(out long seen) || seen >= firstId);

    /// <param name="release">
    /// The release with the token the Redis attempt sent: a SET that timed out may still have been applied (Redis slow,
    /// not down), and the key would then keep the doctor's next turns out for the whole lease; the hold lets it go with
    /// its own lock.
    /// </param>
    async Task<Hold?> TryAdvisoryAsync(string key, RedisRelease release, CancellationToken ct)
    {
        var connection = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", connection);
        cmd.Parameters.AddWithValue("key", key);
        if ((bool)(await cmd.ExecuteScalarAsync(ct))!) return new Hold(new AdvisoryRelease(connection, key, release), mayBeAnswered: true);
        await connection.DisposeAsync();
        return null;
    }

    /// <summary>A held conversation lock; disposing it lets the lock go.</summary>
    /// <param name="mayBeAnswered">
    /// A turn that let the lock go may have answered rows this turn read before it held it (always so under the advisory
    /// lock, where Redis told nothing): the turn asks the database before calling the model.
    /// </param>
    public sealed class Hold(IAsyncDisposable release, bool mayBeAnswered) : IAsyncDisposable
    {
        public bool MayBeAnswered { get; } = mayBeAnswered;
        public ValueTask DisposeAsync() => release.DisposeAsync();
    }

    sealed class RedisRelease(RedisGate redis, string key, string answeredKey, string token, long lastId, long lifeMs) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() =>
            await redis.TryAsync(db => db.ScriptEvaluateAsync(ReleaseScript, [key, answeredKey], [token, lastId, lifeMs]));
    }

    sealed class AdvisoryRelease(NpgsqlConnection connection, string key, RedisRelease redisAttempt) : IAsyncDisposable
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
                // Deletes the key only if it holds this turn's token, and leaves the highest id read (Redis down:
                // answered at once, nothing done).
                await redisAttempt.DisposeAsync();
            }
        }
    }
}
