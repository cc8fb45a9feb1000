using Julia.Infrastructure.Telemetry;
using Julia.Infrastructure.Hosting;
using Julia.Jobs;
using Julia.Maintenance;
using Julia.Privacy;
using Julia.Queue;
using Julia.Shifts;
using Julia.WhatsApp;

namespace Julia.Conversations;

internal static class ConversationsExtensions
{
    public static void AddConversations(this IHostApplicationBuilder builder, HostRoleInfo role)
    {
        builder.Services.AddOptions<ConversationsOptions>().BindConfiguration(ConversationsOptions.Section)
            .Configure<Microsoft.Extensions.Options.IOptions<AppOptions>>((o, app) => o.Humanize = app.Value.Humanize);
        builder.Services.AddOperationMeter<ConversationsMeter>();
        builder.Services.AddSingleton<InboundStore>();
        builder.Services.AddSingleton<InboundIntake>();
        builder.Services.AddSingleton<IInboundMessageSink>(sp => sp.GetRequiredService<InboundIntake>());
        builder.Services.AddSingleton<TurnDataSource>();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<BotQuestionLog>();
        builder.Services.AddSingleton<ConversationLock>();
        builder.Services.AddSingleton<TurnSignals>();
        builder.Services.AddSingleton<ConversationControl>();
        builder.Services.AddSingleton<TurnOutcomes>();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddSingleton<DetectionFeedback>();
        builder.Services.AddSingleton<ISendEffect, ConversationSendEffect>();
        builder.Services.AddSingleton<IReservationEffect, ConversationReservationEffect>();
        builder.Services.AddSingleton<IJob, PauseExpiryJob>();
        builder.Services.AddSingleton<IJob, IdleCloseJob>();
        builder.Services.AddSingleton<IJob, OpeningSweepJob>();
        builder.Services.AddSingleton<IRetentionTarget, InteractionRetention>();
        builder.Services.AddSingleton<IRetentionTarget, ConversationRetention>();
        builder.Services.AddSingleton<IPersonalDataOwner, ConversationPersonalData>();
        if (role.RunsApi)
        {
            builder.Services.AddSingleton<TurnRunner>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnRunner>());
        }
    }
}
