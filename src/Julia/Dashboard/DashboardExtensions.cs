using Julia.Infrastructure.Configuration;
using Julia.Jobs;
using Microsoft.Extensions.Options;

namespace Julia.Dashboard;

internal static class DashboardExtensions
{
    /// <summary>GET /metricas/resumo and /metricas/funil (read-only SQL over the owners' tables), LLM_PRECOS and the `relatorio-diario` job.</summary>
    public static void AddDashboard(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<DashboardOptions>().BindConfiguration(DashboardOptions.Section);
        builder.Services.AddSingleton(sp => ModelPrices.Read(sp.GetRequiredService<IOptions<DashboardOptions>>().Value.Prices));
        builder.Services.AddSingleton<DashboardStore>();
        builder.Services.AddSingleton<FunnelStore>();
        builder.Services.AddSingleton<IJob, DailyReportJob>();
    }
}
