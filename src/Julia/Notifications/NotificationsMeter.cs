using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.Notifications;

/// <summary>
/// Meter `Julia.Notifications`: an error `aviso_{canal}` (`aviso_slack`) for each notice given up as `falhou` — alerts
/// and handoff notices travel through Slack, so a dead webhook would otherwise lose every later alert without a trace
/// (docs/decisions.md#metrics).
/// </summary>
internal sealed class NotificationsMeter(IMeterFactory meters) : OperationMeter(meters, "Notifications")
{
    public static string GaveUp(string channel) => $"aviso_{channel}";

    protected override IEnumerable<string> ErrorOperations => [GaveUp(Slack.SlackNotices.Channel), GaveUp(Chatwoot.ChatwootNotes.Channel)];
}
