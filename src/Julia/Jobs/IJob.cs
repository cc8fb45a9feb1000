namespace Julia.Jobs;

/// <summary>When a job runs: every interval, or once a day at a São Paulo time.</summary>
internal sealed record JobSchedule(TimeSpan? Every = null, TimeOnly? DailyAt = null, bool BusinessHoursOnly = false);

/// <summary>A scheduled job of docs/decisions.md#jobs: idempotent, run by one process at a time, also callable as POST /jobs/{name}.</summary>
internal interface IJob
{
    string Name { get; }
    JobSchedule Schedule { get; }

    /// <summary>Does the work and says what it did, in a few words (logged and returned by POST /jobs/{name}).</summary>
    Task<string> RunAsync(CancellationToken ct);
}
