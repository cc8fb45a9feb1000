using Julia.Campaigns;
using Julia.Infrastructure.Hosting;
using Julia.Queue;

namespace Julia.Conversations;

internal static class ConversationsExtensions
{
    public static void AddConversations(this IHostApplicationBuilder builder, HostRoleInfo role)
    {
        builder.Services.AddOptions<ConversationsOptions>().BindConfiguration(ConversationsOptions.Section);
        builder.Services.AddSingleton<InboundStore>();
        builder.Services.AddSingleton<InboundIntake>();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<ConversationLock>();
        builder.Services.AddSingleton<TurnSignals>();
        builder.Services.AddSingleton<ConversationContext>();
        builder.Services.AddSingleton<TurnOutcomes>();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddSingleton<QueueStore>();
        builder.Services.AddSingleton<CampaignSendStore>();
        if (role.RunsApi)
        {
            builder.Services.AddSingleton<TurnRunner>();
            builder.Services.AddHostedService(sp => sp.GetRequiredService<TurnRunner>());
        }
    }
}
