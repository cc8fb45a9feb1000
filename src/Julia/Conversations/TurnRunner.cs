using Julia.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Julia.Conversations;

/// <summary>
/// Runs turns in the background (api role): woken by <see cref="TurnSignals"/>, a burst is debounced into one turn,
/// one run per doctor at a time in this process, up to MAX_WORKERS doctors in parallel. A sweeper re-queues
/// inbound rows no turn consumed — at start-up all of them (crash recovery), then every minute those older than 2 min.
/// </summary>
internal sealed partial class TurnRunner(
    TurnSignals signals, TurnProcessor processor, ConversationStore conversations, IOptions<ConversationsOptions> options,
    IOptions<WorkersOptions> workers, TimeProvider time, ILogger<TurnRunner> logger) : BackgroundService
{
    sealed class Entry
    {
        public DateTimeOffset FirstSignal, DueAt;
        public bool Running, Again;
        public int Failures;
    }

    readonly Lock gate = new();
    readonly Dictionary<Guid, Entry> entries = [];
    SemaphoreSlim? slots;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        slots = new SemaphoreSlim(workers.Value.MaxWorkers);
        var reader = ReadSignalsAsync(ct);
        var sweeper = SweepLoopAsync(ct);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) StartDueRuns(ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await Task.WhenAll(reader, sweeper);
    }

    async Task ReadSignalsAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var medicoId in signals.Reader.ReadAllAsync(ct)) Schedule(medicoId);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    /// <summary>Runs this doctor's pending turn at <paramref name="at"/> (the opening sweep staggers the night's messages).</summary>
    public void ScheduleAt(Guid medicoId, DateTimeOffset at)
    {
        lock (gate)
        {
            if (!entries.TryGetValue(medicoId, out var entry))
                entries[medicoId] = entry = new Entry { FirstSignal = at };
            if (entry.Running) { entry.Again = true; return; }
            entry.DueAt = at;
        }
    }

    void Schedule(Guid medicoId)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        lock (gate)
        {
            if (!entries.TryGetValue(medicoId, out var entry))
                entries[medicoId] = entry = new Entry { FirstSignal = now };
            if (entry.Running) { entry.Again = true; return; }
            var byDebounce = now + o.Debounce;
            var byMax = entry.FirstSignal + o.DebounceMax;
            entry.DueAt = byDebounce < byMax ? byDebounce : byMax;
        }
    }

    void StartDueRuns(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            foreach (var (medicoId, entry) in entries)
            {
                if (entry.Running || entry.DueAt > now) continue;
                if (!slots!.Wait(0)) return;
                entry.Running = true;
                entry.Again = false;
                _ = RunAsync(medicoId, ct);
            }
        }
    }

    async Task RunAsync(Guid medicoId, CancellationToken ct)
    {
        TurnResult? result = null;
        try
        {
            result = await processor.ProcessAsync(medicoId, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        catch (Exception ex)
        {
            LogTurnFailed(ex, medicoId);
        }
        finally
        {
            slots!.Release();
        }
        Complete(medicoId, result);
    }

    void Complete(Guid medicoId, TurnResult? result)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            if (!entries.TryGetValue(medicoId, out var entry)) return;
            entry.Running = false;
            switch (result)
            {
                case TurnResult.Done when !entry.Again:
                    entries.Remove(medicoId);
                    return;
                case TurnResult.Done or TurnResult.Superseded:
                    entry.FirstSignal = now;
                    entry.DueAt = now;
                    break;
                case TurnResult.NotYet notYet:
                    entry.DueAt = entry.Again ? now : notYet.DueAt;
                    break;
                case TurnResult.Busy:
                    entry.DueAt = now + TimeSpan.FromSeconds(1);
                    break;
                default: // failed: back off; after five failures leave it to the sweeper
                    if (++entry.Failures >= 5) { entries.Remove(medicoId); return; }
                    entry.DueAt = now + TimeSpan.FromSeconds(5 * entry.Failures);
                    break;
            }
            entry.Again = false;
        }
    }

    async Task SweepLoopAsync(CancellationToken ct)
    {
        var age = TimeSpan.Zero; // first sweep at start-up takes everything left by a crash or restart
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var doctors = await conversations.DoctorsWithPendingInboundAsync(age, ct);
                foreach (var medicoId in doctors) Schedule(medicoId);
                if (doctors.Count > 0) LogSwept(doctors.Count);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex) { LogSweepFailed(ex); }
            age = TimeSpan.FromSeconds(options.Value.SweepAgeSeconds);
            try { await Task.Delay(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Turn for medico {MedicoId} failed; retrying")]
    private partial void LogTurnFailed(Exception ex, Guid medicoId);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Sweeper re-queued {Count} doctors with unprocessed inbound messages")]
    private partial void LogSwept(int count);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Error, Message = "Sweep of unprocessed inbound messages failed")]
    private partial void LogSweepFailed(Exception ex);
}
