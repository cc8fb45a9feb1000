using System.Text.Json;
using Julia.Infrastructure.Hosting;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Resilience;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Julia.Infrastructure.Health;

internal static class HealthEndpoints
{
    public static void AddHealth(this IHostApplicationBuilder builder) =>
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [ReadinessChecks.Tag])
            .AddCheck<RedisHealthCheck>("redis", tags: [ReadinessChecks.Tag]);

    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("", GetLiveness);
        group.MapGet("/circuits", GetCircuits);
        group.MapHealthChecks("/ready", new HealthCheckOptions
        {
            Predicate = r => r.Tags.Contains(ReadinessChecks.Tag),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
            ResponseWriter = WriteReadinessAsync,
        }).OnlyGetAndHead();
    }

    /// <summary>Liveness only: answers from memory, never calls a dependency.</summary>
    static Ok<LivenessResponse> GetLiveness(TimeProvider time) =>
        TypedResults.Ok(new LivenessResponse("healthy", time.GetUtcNow(), "julia-api", JuliaVersion.Value));

    /// <summary>
    /// `{status: ready|degraded|unavailable, database, redis, whatsapp, …}`: one field per contributed check, written with
    /// the API's own JSON options, so a state reads as the runbook prints it (`"close (401: sessão encerrada …)"`, which
    /// `grep sessão` finds) and not as `sess\u00E3o` (docs/runbook.md, "1. Alta taxa de erros").
    /// </summary>
    static Task WriteReadinessAsync(HttpContext http, HealthReport report)
    {
        var body = new Dictionary<string, object?>
        {
            ["status"] = report.Status switch { HealthStatus.Healthy => "ready", HealthStatus.Degraded => "degraded", _ => "unavailable" },
        };
        foreach (var (name, entry) in report.Entries)
            body[name] = entry.Data.TryGetValue(ReadinessChecks.StateKey, out var state) ? state : entry.Status.ToString().ToLowerInvariant();
        http.Response.ContentType = "application/json; charset=utf-8";
        var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, json));
    }

    static Ok<Dictionary<string, object?>> GetCircuits(CircuitBreakers breakers) => TypedResults.Ok(CircuitStates(breakers));

    /// <summary>Each breaker's state, failure count, last failure/success, and its numbers (also in /admin/metricas/performance).</summary>
    public static Dictionary<string, object?> CircuitStates(CircuitBreakers breakers) =>
        breakers.All.ToDictionary(b => b.Name, b => (object?)new Dictionary<string, object?>
        {
            ["estado"] = b.State.ToString().ToLowerInvariant(), ["falhas_consecutivas"] = b.ConsecutiveFailures,
            ["ultima_falha"] = b.LastFailureAt, ["ultimo_sucesso"] = b.LastSuccessAt, ["tentar_em"] = b.RetryAt,
            // Its numbers, so an operator reads what a state means without the docs (docs/decisions.md#agent, "Circuit breakers").
            ["limite_falhas"] = b.FailuresToOpen, ["espera_segundos"] = (int)b.OpenFor.TotalSeconds,
            // How long one call may take before it fails (docs/decisions.md#agent, "Circuit breakers"; 0 = no limit).
            ["timeout_segundos"] = b.CallTimeout is { } t ? (int)t.TotalSeconds : null,
        });

    internal sealed record LivenessResponse(string Status, DateTimeOffset Timestamp, string Service, string Version);
}
