using System.Collections.Concurrent;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Time;

namespace Julia.Jobs;

/// <summary>
/// The worker's clock for scheduled jobs (checked every 30 s, São Paulo time). Each due job runs on its own: a long one
/// (`qualidade` calling the model 50 times, a large `retencao`) holds up no other — stuck-send recovery every minute and
/// the alerts kept waiting behind them (an audit, 2026-12-03). A job still running is not started again.
/// </summary>
internal sealed class JobScheduler(JobRunner runner, IConfiguration configuration, TimeProvider time, ILogger<JobScheduler> logger) : BackgroundService
{
    readonly ConcurrentDictionary<string, DateTimeOffset> lastRun = new();
    readonly ConcurrentDictionary<string, DateTimeOffset> retryAt = new();
    readonly ConcurrentDictionary<string, Task> running = new();
    int ticksLookedAt;

    /// <summary>
    /// Ticks whose jobs have all been started (or skipped as still running). With <see cref="EndedBut"/>, what a test on a
    /// fake clock waits for before its next tick: a tick that comes while a job's check of the last one is still pending
    /// skips that job, which real ticks 30 s apart never meet.
    /// </summary>
    internal int TicksLookedAt => Volatile.Read(ref ticksLookedAt);

    /// <summary>Whether every job's check (or run) started by a tick has ended, but those of the jobs named.</summary>
    internal bool EndedBut(params string[] jobs) => running.All(r => r.Value.IsCompleted || jobs.Contains(r.Key));

    /// <summary>
    /// One per job: the database down fails every job at each of its runs, and each says so once in full, then once a
    /// minute at most, then that it works again — a job failing for a reason of its own is not hidden by another's.
    /// </summary>
    readonly ConcurrentDictionary<string, FailureStreak> streaks = new();

    /// <summary>A daily job whose run failed is tried again this long after, the same day (not every 30 s tick).</summary>
    public static readonly TimeSpan DailyRetry = TimeSpan.FromMinutes(15);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        // Internal setting `Jobs:Scheduler=false`: tests run jobs through POST /jobs/{nome} only, never by the clock.
        if (string.Equals(configuration["Jobs:Scheduler"], "false", StringComparison.OrdinalIgnoreCase)) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        do
        {
            // One instant per tick for every job: a job checked after a slow one must not look "not yet due" at the
            // next tick (an "every minute" job ran every 90 s, an outside pass).
            var tick = time.GetUtcNow();
            foreach (var job in runner.Jobs.Values)
            {
                if (running.TryGetValue(job.Name, out var previous) && !previous.IsCompleted) continue;
                running[job.Name] = RunOnItsOwnAsync(job, tick, ct);
            }
            Interlocked.Increment(ref ticksLookedAt);
        } while (await NextAsync(timer, ct));
        await Task.WhenAll(running.Values); // shutdown: the jobs see the cancellation and end
    }

    async Task RunOnItsOwnAsync(IJob job, DateTimeOffset tick, CancellationToken ct)
    {
        await Task.Yield();
        var streak = streaks.GetOrAdd(job.Name, name => new FailureStreak($"Job {name}", Next(job.Schedule), time, logger));
        try
        {
            if (await RunIfDueAsync(job, tick, ct)) streak.Succeed();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception ex) { streak.Fail(ex); }
    }

    /// <summary>A tick a little early (the timer's jitter) still counts as the interval's end.</summary>
    static readonly TimeSpan Slack = TimeSpan.FromSeconds(2);

    /// <summary>Runs the job if it is due; whether it ran (a run that throws did not).</summary>
    async Task<bool> RunIfDueAsync(IJob job, DateTimeOffset now, CancellationToken ct)
    {
        var s = job.Schedule;
        if (s.BusinessHoursOnly && !runner.InHours(now)) return false;
        if (s.Every is { } every)
        {
            if (lastRun.TryGetValue(job.Name, out var last) && now - last < every - Slack) return false;
            lastRun[job.Name] = now;
            await runner.RunAsync(job.Name, claimDay: false, ct);
            return true;
        }
        else if (s.DailyAt is { } at && TimeOnly.FromDateTime(SaoPaulo.ToLocal(now).DateTime) >= at)
        {
            var today = SaoPaulo.ToLocal(now).Date;
            if (lastRun.TryGetValue(job.Name, out var last) && SaoPaulo.ToLocal(last).Date == today) return false;
            if (retryAt.TryGetValue(job.Name, out var retry) && now < retry) return false;
            lastRun[job.Name] = now;
            try
            {
                var (outcome, _) = await runner.RunAsync(job.Name, claimDay: true, ct);
                if (outcome == JobRunOutcome.Busy)
                {
                    // Another process (or a POST /jobs/{nome}) holds the job: not the day's run yet — it may fail and give
                    // the day back, or die. Looked at again at the next tick (then "already ran today", or run here;
                    // docs/decisions.md#jobs).
                    lastRun.TryRemove(job.Name, out _);
                    return false;
                }
                retryAt.TryRemove(job.Name, out _);
                return true;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The runner gave the day back: again in 15 min, today (the ERROR line is the caller's).
                lastRun.TryRemove(job.Name, out _);
                retryAt[job.Name] = now + DailyRetry;
                throw;
            }
        }
        return false;
    }

    static async Task<bool> NextAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); } catch (OperationCanceledException) { return false; }
    }

    /// <summary>When a failed job runs again, as its ERROR and WARNING lines say it.</summary>
    static string Next(JobSchedule s) =>
        s.Every is { } every ? $"it runs again at its next interval ({every.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} min)"
        : $"it runs again in {DailyRetry.TotalMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture)} min, today";
}
