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

/// <summary>`database`: SELECT 1.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        try
        {
            await using var cmd = db.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(ct);
            return ReadinessChecks.Result(HealthStatus.Healthy, "ok");
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return ReadinessChecks.Result(HealthStatus.Unhealthy, "erro");
        }
    }
}

/// <summary>
/// `redis`: PING; down is degraded, never unavailable (Redis only accelerates): `indisponivel`, or
/// `login_recusado: WRONGPASS` (or NOAUTH) when the server refused REDIS_URL's user/password.
/// </summary>
internal sealed class RedisHealthCheck(RedisGate redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct) =>
        await redis.TryAsync(async r => { await r.PingAsync(); return true; }, false)
            ? ReadinessChecks.Result(HealthStatus.Healthy, "ok")
            : ReadinessChecks.Result(HealthStatus.Degraded, redis.AuthenticationFailure is { } code ? $"login_recusado: {code}" : "indisponivel");
}
