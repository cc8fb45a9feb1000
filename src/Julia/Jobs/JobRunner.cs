using Dapper;
using Julia.Infrastructure.Time;
using Npgsql;

namespace Julia.Jobs;

internal enum JobRunOutcome { Ran, Busy, AlreadyRanToday, Unknown }

/// <summary>
/// Runs jobs under a Postgres advisory lock (`job:{name}`), so two workers never run the same job at once; daily jobs
/// also claim their São Paulo day in `execucoes_job`, so they run once a day whatever the number of workers — a run
/// that failed gives its day back, and one whose process died mid-run is taken over, so the day's run is tried again
/// (docs/decisions.md#jobs).
/// </summary>
internal sealed partial class JobRunner(IEnumerable<IJob> jobs, NpgsqlDataSource db, BusinessHours hours, TimeProvider time, ILogger<JobRunner> logger)
{
    public IReadOnlyDictionary<string, IJob> Jobs { get; } = jobs.ToDictionary(j => j.Name, StringComparer.OrdinalIgnoreCase);

    public async Task<(JobRunOutcome Outcome, string? Result)> RunAsync(string name, bool claimDay, CancellationToken ct)
    {
        if (!Jobs.TryGetValue(name, out var job)) return (JobRunOutcome.Unknown, null);
        await using var connection = await db.OpenConnectionAsync(ct);
        var key = $"job:{job.Name}";
        if (!await connection.ExecuteScalarAsync<bool>("SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", new { key }))
            return (JobRunOutcome.Busy, null);
        try
        {
            var day = DateOnly.FromDateTime(SaoPaulo.ToLocal(time.GetUtcNow()).DateTime);
            if (claimDay)
            {
                // A claim that never ended (its process was killed mid-run) is taken over: this process holds the job's
                // advisory lock, so no run of it is in progress anywhere (migration 0011).
                var claimed = await connection.ExecuteAsync("""
                    INSERT INTO execucoes_job (nome, dia) VALUES (@name, @day)
                    ON CONFLICT (nome, dia) DO UPDATE SET iniciado_em = now() WHERE execucoes_job.concluido_em IS NULL
                    """, new { name = job.Name, day });
                if (claimed == 0) return (JobRunOutcome.AlreadyRanToday, "já executado hoje");
            }
            string result;
            try
            {
                result = await job.RunAsync(ct);
            }
            catch when (claimDay)
            {
                // A failed daily run (a database blip in `retencao`, Slack down for the report) is not the day's run.
                await using var again = await db.OpenConnectionAsync(CancellationToken.None);
                await again.ExecuteAsync("DELETE FROM execucoes_job WHERE nome = @name AND dia = @day", new { name = job.Name, day });
                throw;
            }
            if (claimDay)
                await connection.ExecuteAsync(
                    "UPDATE execucoes_job SET concluido_em = now(), resultado = left(@result, 500) WHERE nome = @name AND dia = @day",
                    new { name = job.Name, day, result });
            LogRan(job.Name, result);
            return (JobRunOutcome.Ran, result);
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(hashtextextended(@key, 0))", new { key });
        }
    }

    public bool InHours(DateTimeOffset now) => hours.IsOpen(now);

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information, Message = "Job {Job}: {Result}")]
    private partial void LogRan(string job, string result);
}
