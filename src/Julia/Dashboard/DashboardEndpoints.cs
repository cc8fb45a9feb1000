using System.Globalization;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Configuration;

namespace Julia.Dashboard;

/// <summary>`GET /metricas/resumo?dias=N` and `GET /metricas/funil?dias=N` (bearer ADMIN_API_TOKEN): what /static/dashboard.html draws.</summary>
internal static class DashboardEndpoints
{
    public const int DefaultDays = 7, MaxDays = 90;

    public static void MapDashboard(this IEndpointRouteBuilder app)
    {
        var metricas = app.MapGroup("/metricas").WithTags("Métricas").RequireAdminToken();
        metricas.MapGet("/resumo", SummaryAsync);
        metricas.MapGet("/funil", FunnelEndpoint.GetAsync);
    }

    /// <summary>The last <c>dias</c> São Paulo days up to now, today included (1–90, default 7).</summary>
    static async Task<IResult> SummaryAsync(string? dias, DashboardStore store, ModelPrices prices, TimeProvider time, CancellationToken ct)
    {
        if (!TryDays(dias, DefaultDays, out var days, out var problem)) return problem;
        var data = await store.ReadAsync(SaoPauloDays.EndingNow(days, time.GetUtcNow()), ct);
        return TypedResults.Ok(MetricsSummary.Build(data, prices));
    }

    /// <summary>`dias` as a whole number 1–<see cref="MaxDays"/> (absent: <paramref name="fallback"/>); otherwise a pt-BR 400, never a clamp.</summary>
    internal static bool TryDays(string? dias, int fallback, out int days, out IResult problem)
    {
        days = fallback;
        problem = null!;
        if (dias is null || (int.TryParse(dias, NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 1 and <= MaxDays))
            return true;
        // Worded as every other query error ("Requisição inválida", the parameter in the detail); the value is echoed
        // only when it is a number, as `limite`'s is.
        var sent = long.TryParse(dias, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? string.Create(CultureInfo.InvariantCulture, $"; recebido: {n}") : "";
        problem = Infrastructure.Http.QueryProblems.Invalid("dias", $"precisa ser um número inteiro de 1 a {MaxDays} (padrão {fallback}{sent})");
        return false;
    }
}
