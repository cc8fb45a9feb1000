using Julia.Infrastructure.Redis;
using Julia.WhatsApp;
using Npgsql;

namespace Julia.Infrastructure.Health;

/// <summary>
/// `GET /health/ready` (SPEC §9): database `SELECT 1`, Redis `PING`, WhatsApp connection state. `ready` when all
/// answer well, `degraded` when Redis or WhatsApp do not (Júlia still works from Postgres / keeps the queue), 503 when
/// the database fails.
/// </summary>
internal static class ReadinessEndpoint
{
    public static void MapReadiness(this IEndpointRouteBuilder app) => app.MapGet("/health/ready", CheckAsync).WithTags("Health");

    static async Task<IResult> CheckAsync(NpgsqlDataSource db, RedisGate redis, IWhatsAppChannel channel, WhatsAppConnection connection, CancellationToken ct)
    {
        string database;
        try
        {
            await using var cmd = db.CreateCommand("SELECT 1");
            await cmd.ExecuteScalarAsync(ct);
            database = "ok";
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException) { database = "erro"; }
        var redisState = await redis.TryAsync(async r => { await r.PingAsync(); return "ok"; }, "indisponivel");
        var whatsapp = channel.IsSandbox ? "sandbox" : await channel.ConnectionStateAsync(ct) ?? connection.State;
        var status = database != "ok" ? "unavailable" : redisState == "ok" && whatsapp is "open" or "sandbox" ? "ready" : "degraded";
        var body = new { status, database, redis = redisState, whatsapp };
        return database == "ok" ? TypedResults.Ok(body) : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
