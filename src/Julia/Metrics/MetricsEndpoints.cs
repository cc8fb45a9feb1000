using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Julia.Metrics;

internal static class MetricsEndpoints
{
    public static void MapMetrics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/metricas").WithTags("Métricas").RequireAdminToken();
        group.MapGet("/performance", GetPerformance);
        group.MapGet("/health", GetHealth);
        // Prometheus/Grafana: the same meters in the exposition format, behind the same admin token.
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, configureBranchedPipeline: b => b.UseAdminToken(), optionsName: null)
            .OnlyGetAndHead();
    }

    static async Task<Ok<Dictionary<string, object?>>> GetPerformance(MetricsReporter reporter, CancellationToken ct) =>
        TypedResults.Ok((await reporter.BuildAsync(ct)).Performance());

    /// <summary>`{status: healthy|degraded, problemas[], metricas}` — the problem rules of docs/decisions.md#metrics.</summary>
    static async Task<Ok<Dictionary<string, object?>>> GetHealth(MetricsReporter reporter, CancellationToken ct)
    {
        var report = await reporter.BuildAsync(ct);
        var problems = report.Problems();
        return TypedResults.Ok(new Dictionary<string, object?>
        {
            ["status"] = problems.Count == 0 ? "healthy" : "degraded",
            ["problemas"] = problems,
            ["metricas"] = report.Performance(),
        });
    }
}
