using Julia.Infrastructure.Time;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Julia.Queue;

internal static class QueueEndpoints
{
    public static void MapQueueHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/rate-limit", GetRateLimit).WithTags("Health");
    }

    /// <summary>docs/decisions.md#health-and-metrics: msgs_hora, limite_hora, msgs_dia, limite_dia, horario_permitido, hora_atual (São Paulo), proximo_envio, redis (`indisponivel`: counts null, no proactive send goes), pausado and motivo (a limit at 0).</summary>
    static async Task<Ok<Dictionary<string, object?>>> GetRateLimit(SendLimiter limiter, BusinessHours hours)
    {
        var u = await limiter.UsageAsync(hours);
        return TypedResults.Ok(u.ToJson());
    }
}
