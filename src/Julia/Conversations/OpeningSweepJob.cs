using Julia.Jobs;

namespace Julia.Conversations;

/// <summary>
/// `abertura` — 08:00 on business days: doctors whose messages waited for business hours (RESPONDER_FORA_HORARIO=false)
/// are answered, staggered over 0–15 min so Júlia does not answer the whole night at once (docs/decisions.md#inbound).
/// Turns run in the api role: in a worker-only process the job reports the count and the api's sweeper resumes them.
/// </summary>
internal sealed class OpeningSweepJob(ConversationStore conversations, IServiceProvider services, TimeProvider time) : IJob
{
    public string Name => "abertura";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(8, 0), BusinessHoursOnly: true);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var waiting = await conversations.DoctorsWithPendingInboundAsync(TimeSpan.Zero, ct);
        if (services.GetService<TurnRunner>() is not { } runner)
            return $"{waiting.Count} médicos com mensagens aguardando; o sweeper do papel api as retoma";
        var now = time.GetUtcNow();
        foreach (var medicoId in waiting) runner.ScheduleAt(medicoId, now + TimeSpan.FromSeconds(Random.Shared.Next(0, 900)));
        return $"{waiting.Count} médicos com mensagens aguardando: respostas escalonadas em até 15 min";
    }
}
