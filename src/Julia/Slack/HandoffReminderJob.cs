using Julia.Handoffs;
using Julia.Jobs;
using Microsoft.Extensions.Options;

namespace Julia.Slack;

/// <summary>
/// `handoffs-lembrete` — every 5 min inside business hours: a handoff still `pendente` after HANDOFF_LEMBRETE_MINUTOS
/// (30) gets one Slack reminder (its outbox key makes a second impossible, whatever the number of workers;
/// docs/decisions.md#handoff).
/// </summary>
internal sealed class HandoffReminderJob(HandoffStore handoffs, SlackNotices notices, IOptions<SlackOptions> options, TimeProvider time) : IJob
{
    public string Name => "handoffs-lembrete";
    public JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(5), BusinessHoursOnly: true);

    /// <summary>How long a handoff waits `pendente` before its reminder.</summary>
    public TimeSpan After => TimeSpan.FromMinutes(options.Value.HandoffReminderMinutes);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var reminded = 0;
        // "Older than" the setting: a handoff exactly that old waits for the next run (docs/decisions.md#handoff).
        foreach (var handoff in await handoffs.PendingCreatedBeforeAsync(time.GetUtcNow() - After, ct))
            if (await notices.EnqueueReminderAsync(handoff, ct)) reminded++;
        return $"{Infrastructure.Text.PtBrCount.Of(reminded, "lembrete", "lembretes")} de handoff pendente";
    }
}
