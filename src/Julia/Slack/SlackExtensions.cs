using Julia.Handoffs;
using Julia.Jobs;
using Julia.Notifications;
using Julia.Shifts;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;

namespace Julia.Slack;

internal static class SlackExtensions
{
    /// <summary>Handoff, reservation and reminder notices through the outbox; without SLACK_WEBHOOK_URL they are only logged.</summary>
    public static void AddSlack(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section);
        builder.Services.AddHttpClient<SlackClient>((sp, http) =>
                http.Timeout = Timeout.InfiniteTimeSpan)
            // The outbox owns retries: a retried POST could post the notice twice.
            .AddStandardResilienceHandler()
            .Configure((o, sp) =>
            {
                var timeout = TimeSpan.FromSeconds(Math.Max(1, sp.GetRequiredService<IOptions<SlackOptions>>().Value.TimeoutSeconds));
                o.Retry.ShouldHandle = _ => ValueTask.FromResult(false); // the outbox retries, with backoff
                o.AttemptTimeout.Timeout = timeout;
                o.TotalRequestTimeout.Timeout = timeout * 2;
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, timeout.TotalSeconds * 2 + 1));
            });
        builder.Services.AddSingleton<SlackNotices>();
        builder.Services.AddSingleton<IHandoffEffect>(sp => sp.GetRequiredService<SlackNotices>());
        builder.Services.AddSingleton<IReservationEffect>(sp => sp.GetRequiredService<SlackNotices>());
        builder.Services.AddSingleton<INotificationChannel, SlackChannel>();
        builder.Services.AddSingleton<IJob, HandoffReminderJob>();
    }
}
