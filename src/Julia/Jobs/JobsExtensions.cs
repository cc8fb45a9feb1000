using Julia.Infrastructure.Hosting;

namespace Julia.Jobs;

internal static class JobsExtensions
{
    /// <summary>The runner and, in the worker role, the clock. Each feature registers its own <see cref="IJob"/>s.</summary>
    public static void AddJobs(this IHostApplicationBuilder builder, HostRoleInfo role)
    {
        builder.Services.AddSingleton<JobRunner>();
        if (role.RunsWorker) builder.Services.AddHostedService<JobScheduler>();
    }
}
