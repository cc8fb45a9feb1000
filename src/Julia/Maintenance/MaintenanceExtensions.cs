using Julia.Jobs;

namespace Julia.Maintenance;

internal static class MaintenanceExtensions
{
    /// <summary>Retention: the runner and its daily job. Each table's owner registers its own <see cref="IRetentionTarget"/>.</summary>
    public static void AddMaintenance(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section);
        builder.Services.AddSingleton<RetentionRunner>();
        builder.Services.AddSingleton<IJob, RetentionJob>();
    }
}
