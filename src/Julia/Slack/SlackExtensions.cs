using Julia.Infrastructure.Telemetry;
using Julia.Handoffs;
using Julia.Jobs;
using Julia.Notifications;
using Julia.Shifts;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.Options;

namespace Julia.Slack;

internal static class SlackExtensions
{
    /// <summary>Handoff, reservation and reminder notices through the outbox; without SLACK_WEBHOOK_URL they are only logged.</summary>
    public static void AddSlack(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section);
        builder.Services.AddSingleton(sp => new CircuitCallTimeout("slack",
            TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<SlackOptions>>().Value.TimeoutSeconds)));
        builder.Services.AddHttpClient<SlackClient>((sp, http) =>
                http.Timeout = Timeout.InfiniteTimeSpan)
            .AddPeerResilience(sp => sp.GetRequiredService<IOptions<SlackOptions>>().Value.TimeoutSeconds);
        builder.Services.AddOperationMeter<SlackMeter>();
        builder.Services.AddSingleton<SlackNotices>();
        builder.Services.AddSingleton<IHandoffEffect>(sp => sp.GetRequiredService<SlackNotices>());
        builder.Services.AddSingleton<IReservationEffect>(sp => sp.GetRequiredService<SlackNotices>());
        builder.Services.AddSingleton<Julia.Doctors.IOptOutEffect>(sp => sp.GetRequiredService<SlackNotices>());
        builder.Services.AddSingleton<Julia.Privacy.IErasureEffect>(sp => sp.GetRequiredService<SlackNotices>());
        builder.Services.AddSingleton<INotificationChannel, SlackChannel>();
        builder.Services.AddSingleton<IJob, HandoffReminderJob>();
    }
}
