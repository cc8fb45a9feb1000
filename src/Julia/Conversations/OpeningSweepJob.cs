using Julia.Infrastructure.Time;
using Julia.Jobs;

namespace Julia.Conversations;

/// <summary>
/// `abertura` — 08:00 on business days: doctors whose messages waited for business hours (RESPONDER_FORA_HORARIO=false)
/// are answered, staggered over 0–15 min so Júlia does not answer the whole night at once (docs/decisions.md#inbound).
/// Turns run in the api role: in a worker-only process the job reports the count and the api's sweeper resumes them.
/// Only messages that arrived before today's opening waited for it: when the job runs late (a process started at 09:40
/// catches up the 08:00 run), a message of 09:39 is live and its turn is already running — staggering it would make the
/// doctor wait up to 15 min for nothing.
/// </summary>
internal sealed class OpeningSweepJob(ConversationStore conversations, IServiceProvider services, TimeProvider time, BusinessHours hours) : IJob
{
    public string Name => "abertura";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(8, 0), BusinessHoursOnly: true);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var waiting = await conversations.DoctorsWithPendingInboundAsync(WaitedSince(now, hours.OpeningOf(now)), ct);
        if (services.GetService<TurnRunner>() is not { } runner)
            return $"{Infrastructure.Text.PtBrCount.Of(waiting.Count, "médico", "médicos")} com mensagens aguardando; o sweeper do papel api as retoma";
        foreach (var medicoId in waiting) runner.ScheduleAt(medicoId, now + TimeSpan.FromSeconds(Random.Shared.Next(0, 900)));
        return $"{Infrastructure.Text.PtBrCount.Of(waiting.Count, "médico", "médicos")} com mensagens aguardando: respostas escalonadas em até 15 min";
    }

    /// <summary>How old a pending message must be to have arrived before <paramref name="opening"/>.</summary>
    internal static TimeSpan WaitedSince(DateTimeOffset now, DateTimeOffset opening) => now > opening ? now - opening : TimeSpan.Zero;
}
