using Julia.Infrastructure.Telemetry;
using Julia.Conversations;
using Julia.Handoffs;
using Julia.Notifications;
using Julia.Privacy;
using Julia.Queue;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

internal static class ChatwootExtensions
{
    /// <summary>
    /// Chatwoot with CHATWOOT_URL and CHATWOOT_API_TOKEN: handoff notes through the outbox, the webhook, `app` mirroring.
    /// Without them the webhook still answers, and the simulator's staff pane stands in for Chatwoot.
    /// </summary>
    public static void AddChatwoot(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ChatwootOptions>().BindConfiguration(ChatwootOptions.Section);
        builder.Services.AddSingleton(sp => new CircuitCallTimeout("chatwoot",
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<ChatwootOptions>>().Value.TimeoutSeconds)));
        builder.Services.AddHttpClient<ChatwootClient>((sp, http) =>
            {
                var o = sp.GetRequiredService<IOptions<ChatwootOptions>>().Value;
                if (!o.Enabled) return;
                http.BaseAddress = new Uri(o.BaseUrl!.TrimEnd('/') + "/");
                http.DefaultRequestHeaders.Add("api_access_token", o.ApiToken);
                http.Timeout = Timeout.InfiniteTimeSpan;
            })
            .AddPeerResilience(sp => sp.GetRequiredService<IOptions<ChatwootOptions>>().Value.TimeoutSeconds);
        builder.Services.AddOperationMeter<ChatwootMeter>();
        builder.Services.AddSingleton<ChatwootIdentity>();
        builder.Services.AddHostedService<ChatwootStartup>();
        builder.Services.AddSingleton<ChatwootBackgroundWork>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChatwootBackgroundWork>());
        builder.Services.AddSingleton<ChatwootMapping>();
        builder.Services.AddSingleton<ChatwootNotes>();
        builder.Services.AddSingleton<IHandoffEffect>(sp => sp.GetRequiredService<ChatwootNotes>());
        builder.Services.AddSingleton<IConversationOptOutEffect>(sp => sp.GetRequiredService<ChatwootNotes>());
        builder.Services.AddSingleton<INotificationChannel>(sp => sp.GetRequiredService<ChatwootNotes>());
        builder.Services.AddSingleton<ChatwootMirror>();
        builder.Services.AddSingleton<ISendEffect>(sp => sp.GetRequiredService<ChatwootMirror>());
        builder.Services.AddSingleton<IInboundEffect>(sp => sp.GetRequiredService<ChatwootMirror>());
        builder.Services.AddSingleton<ILidPhoneLookup, ChatwootLidPhoneLookup>();
        builder.Services.AddSingleton<ChatwootCommands>();
        builder.Services.AddSingleton<ChatwootReserveCommand>();
        builder.Services.AddSingleton<ChatwootPauseCommand>();
        builder.Services.AddSingleton<ChatwootEventHandler>();
        builder.Services.AddSingleton<ChatwootWebhookEndpoints.Handler>();
        builder.Services.AddSingleton<IExternalErasure, ChatwootContactErasure>();
    }

    public static void MapChatwoot(this IEndpointRouteBuilder app)
    {
        app.MapChatwootWebhook();
        if (!app.ServiceProvider.GetRequiredService<IOptions<ChatwootOptions>>().Value.Enabled) app.MapStaffSandbox();
    }
}
