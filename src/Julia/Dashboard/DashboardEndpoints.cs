using System.Globalization;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Configuration;

namespace Julia.Dashboard;

/// <summary>`GET /metricas/resumo?dias=N` (bearer ADMIN_API_TOKEN): what /static/dashboard.html draws.</summary>
internal static class DashboardEndpoints
{
    public const int DefaultDays = 7, MaxDays = 90;

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/metricas").WithTags("Métricas").RequireAdminToken().MapGet("/resumo", SummaryAsync);
    }

    /// <summary>The last <c>dias</c> São Paulo days up to now, today included (1–90, default 7).</summary>
    static async Task<IResult> SummaryAsync(string? dias, DashboardStore store, ModelPrices prices, TimeProvider time, CancellationToken ct)
    {
        var days = DefaultDays;
        if (dias is not null && (!int.TryParse(dias, NumberStyles.None, CultureInfo.InvariantCulture, out days) || days is < 1 or > MaxDays))
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "dias inválido",
                detail: $"dias precisa ser um número inteiro entre 1 e {MaxDays} (padrão {DefaultDays})");
        var data = await store.ReadAsync(SaoPauloDays.EndingNow(days, time.GetUtcNow()), ct);
        return TypedResults.Ok(MetricsSummary.Build(data, prices));
    }
}
