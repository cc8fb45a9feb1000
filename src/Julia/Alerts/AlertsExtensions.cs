using Julia.Jobs;
using Julia.Maintenance;

namespace Julia.Alerts;

internal static class AlertsExtensions
{
    public static void AddAlerts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertsOptions>().BindConfiguration(AlertsOptions.Section);
        builder.Services.AddSingleton<AlertRules>();
        builder.Services.AddSingleton<AlertStore>();
        builder.Services.AddSingleton<IJob, AlertsJob>();
        builder.Services.AddHostedService<ImmediateAlerts>();
        builder.Services.AddSingleton<IRetentionTarget, AlertRetention>();
    }
}
