using Julia.Handoffs;
using Julia.Jobs;

namespace Julia.Slack;

/// <summary>
/// `handoffs-lembrete` — every 5 min inside business hours: a handoff still `pendente` after 30 min gets one Slack
/// reminder (its outbox key makes a second impossible, whatever the number of workers).
/// </summary>
internal sealed class HandoffReminderJob(HandoffStore handoffs, SlackNotices notices) : IJob
{
    public static readonly TimeSpan After = TimeSpan.FromMinutes(30);

    public string Name => "handoffs-lembrete";
    public JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(5), BusinessHoursOnly: true);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var reminded = 0;
        foreach (var handoff in await handoffs.PendingOlderThanAsync(After, ct))
            if (await notices.EnqueueReminderAsync(handoff, ct)) reminded++;
        return $"{Infrastructure.Text.PtBrCount.Of(reminded, "lembrete", "lembretes")} de handoff pendente";
    }
}
