using Julia.Infrastructure.Telemetry;
namespace Julia.Notifications;

internal static class NotificationsExtensions
{
    /// <summary>The outbox and its dispatcher, in every role (claims keep processes from sending a notice twice).</summary>
    public static void AddNotifications(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        builder.Services.AddSingleton<NotificationOutbox>();
        builder.Services.AddSingleton<Maintenance.IRetentionTarget, NotificationRetention>();
        builder.Services.AddOperationMeter<NotificationsMeter>();
        builder.Services.AddSingleton<NotificationDispatcher>();
        builder.Services.AddSingleton<Privacy.IPersonalDataOwner, NotificationPersonalData>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
    }
}
