using Microsoft.AspNetCore.Http.HttpResults;
using Julia.Infrastructure.Hosting;

namespace Julia.Infrastructure.Health;

internal static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/health").WithTags("Health");
        group.MapGet("", GetLiveness);
    }

    /// <summary>Liveness only (SPEC §9): answers from memory, never calls a dependency.</summary>
    static Ok<LivenessResponse> GetLiveness(TimeProvider time) =>
        TypedResults.Ok(new LivenessResponse("healthy", time.GetUtcNow(), "julia-api", JuliaVersion.Value));

    internal sealed record LivenessResponse(string Status, DateTimeOffset Timestamp, string Service, string Version);
}
