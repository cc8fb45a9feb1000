using Julia.FollowUps;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Hosting;

namespace Julia.Jobs;

internal static class JobsExtensions
{
    public static void AddJobs(this IHostApplicationBuilder builder, HostRoleInfo role)
    {
        builder.Services.AddSingleton<AdminAuthFilter>();
        builder.Services.AddSingleton<IJob, QueueRecoveryJob>();
        builder.Services.AddSingleton<IJob, FollowUpJob>();
        builder.Services.AddSingleton<IJob, PauseExpiryJob>();
        builder.Services.AddSingleton<IJob, PressureDecayJob>();
        builder.Services.AddSingleton<JobRunner>();
        if (role.RunsWorker) builder.Services.AddHostedService<JobScheduler>();
    }
}
