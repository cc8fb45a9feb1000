using Julia.Infrastructure.Redis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Julia.Infrastructure.Health;

/// <summary>
/// Health checks behind `GET /health/ready` (tag <see cref="Tag"/>). Each dependency's owner contributes one check named
/// as the field it fills; its `estado` data is that field's value. Unhealthy (database) → 503, degraded → 200
/// `degraded` (Júlia still works from Postgres / keeps the queue).
/// </summary>
internal static class ReadinessChecks
{
    public const string Tag = "ready", StateKey = "estado";

    public static HealthCheckResult Result(HealthStatus status, string state) =>
        new(status, state, data: new Dictionary<string, object> { [StateKey] = state });
}

/// <summary>
/// `database`: one query that also says whether the session can write. A read-only database (Supabase's answer to a full
/// disk, `default_transaction_read_only = on`; a standby after a failover) answers `SELECT 1` while every webhook gets 503
/// (SQLSTATE 25006): `somente_leitura`, unavailable (docs/reliability.md, "database read-only").
/// </summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public const string ReadOnly = "somente_leitura";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        try
        {
            await using var cmd = db.CreateCommand("SELECT current_setting('transaction_read_only') = 'on'");
            return await cmd.ExecuteScalarAsync(ct) is true
                ? ReadinessChecks.Result(HealthStatus.Unhealthy, ReadOnly)
                : ReadinessChecks.Result(HealthStatus.Healthy, "ok");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return ReadinessChecks.Result(HealthStatus.Unhealthy, "erro");
        }
    }
}

/// <summary>
/// `redis`: PING; down is degraded, never unavailable (Redis only accelerates): `indisponivel`, or
/// `login_recusado: WRONGPASS` (or NOAUTH) when the server refused REDIS_URL's user/password, or `sem_memoria` when it
/// answers PING but refuses writes (OOM at `maxmemory` under `noeviction`, <see cref="RedisGate.WritesRefused"/>).
/// </summary>
internal sealed class RedisHealthCheck(RedisGate redis) : IHealthCheck
{
    public const string OutOfMemory = "sem_memoria";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        await redis.TryAsync(async r => { await r.PingAsync(); return true; }, false)
            ? redis.WritesRefused ? ReadinessChecks.Result(HealthStatus.Degraded, OutOfMemory) : ReadinessChecks.Result(HealthStatus.Healthy, "ok")
            : ReadinessChecks.Result(HealthStatus.Degraded, redis.AuthenticationFailure is { } code ? $"login_recusado: {code}" : "indisponivel");
}
