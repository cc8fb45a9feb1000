using Julia.Infrastructure.Hosting;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;

namespace Julia.Queue;

internal static class QueueExtensions
{
    public static void AddQueue(this IHostApplicationBuilder builder, HostRoleInfo role)
    {
        builder.Services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section);
        builder.Services.AddSingleton<QueueSignals>();
        builder.Services.AddSingleton<DispatchStore>();
        builder.Services.AddSingleton<SendLimiter>();
        builder.Services.AddSingleton<MessageSender>();
        builder.Services.AddSingleton<QueueRecovery>();
        if (role.RunsApi) builder.Services.AddHostedService(sp => Dispatcher(sp, DispatchLane.Replies));
        if (role.RunsWorker)
        {
            builder.Services.AddHostedService(sp => Dispatcher(sp, DispatchLane.Proactive));
            builder.Services.AddHostedService(sp => sp.GetRequiredService<QueueRecovery>());
        }
    }

    static QueueDispatcher Dispatcher(IServiceProvider sp, DispatchLane lane) => new(
        lane, sp.GetRequiredService<DispatchStore>(), sp.GetRequiredService<MessageSender>(), sp.GetRequiredService<WhatsAppConnection>(),
        sp.GetRequiredService<QueueSignals>(), sp.GetRequiredService<IOptions<QueueOptions>>(), sp.GetRequiredService<IOptions<WorkersOptions>>(),
        sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<QueueDispatcher>>());
}
