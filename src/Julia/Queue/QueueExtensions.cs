using Julia.Infrastructure.Telemetry;
using Julia.Infrastructure.Hosting;
using Julia.Jobs;
using Julia.Maintenance;
using Julia.Privacy;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;

namespace Julia.Queue;

internal static class QueueExtensions
{
    public static void AddQueue(this IHostApplicationBuilder builder, HostRoleInfo role)
    {
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section)
            .Configure<IOptions<AppOptions>>((o, app) => o.Humanize = app.Value.Humanize);
        builder.Services.AddOperationMeter<QueueMeter>();
        builder.Services.AddSingleton<QueueSignals>();
        builder.Services.AddSingleton<QueueStore>();
        builder.Services.AddSingleton<DispatchDataSource>();
        builder.Services.AddSingleton<DispatchStore>();
        builder.Services.AddSingleton<SendLimiter>();
        builder.Services.AddSingleton<MessageSender>();
        builder.Services.AddSingleton<ReplyHandOff>();
        builder.Services.AddSingleton<QueueRecovery>();
        builder.Services.AddSingleton<IJob, QueueRecoveryJob>();
        builder.Services.AddSingleton<IRetentionTarget, SentQueueRetention>();
        builder.Services.AddSingleton<IRetentionTarget, EndedQueueRetention>();
        builder.Services.AddSingleton<IPersonalDataOwner, QueuePersonalData>();
        // Two lanes of one type: AddHostedService would keep only the first (TryAddEnumerable), so register them directly.
        if (role.RunsApi) builder.Services.AddSingleton<IHostedService>(sp => Dispatcher(sp, DispatchLane.Replies));
        if (role.RunsWorker) builder.Services.AddSingleton<IHostedService>(sp => Dispatcher(sp, DispatchLane.Proactive));
    }

    static QueueDispatcher Dispatcher(IServiceProvider sp, DispatchLane lane) => new(
        lane, sp.GetRequiredService<DispatchStore>(), sp.GetRequiredService<MessageSender>(), sp.GetRequiredService<WhatsAppConnection>(),
        sp.GetRequiredService<QueueSignals>(), sp.GetRequiredService<QueueMeter>(), sp.GetRequiredService<IOptions<QueueOptions>>(), sp.GetRequiredService<IOptions<WorkersOptions>>(),
        sp.GetRequiredService<Infrastructure.Resilience.CircuitBreakers>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueueDispatcher>>(),
        lane == DispatchLane.Replies ? sp.GetRequiredService<ReplyHandOff>() : null);
}
