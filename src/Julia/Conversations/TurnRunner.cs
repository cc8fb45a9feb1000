using Julia.Infrastructure.Hosting;
using Microsoft.Extensions.Options;

namespace Julia.Conversations;

/// <summary>
/// Runs turns in the background (api role): woken by <see cref="TurnSignals"/>, a burst is debounced into one turn,
/// one run per doctor at a time in this process, up to MAX_WORKERS doctors in parallel. Event-driven: a turn starts
/// the moment it is due and a slot is free (no timer tick), and waiting doctors start in arrival order — the one whose
/// oldest message came first goes first (docs/decisions.md#turn-scheduling). A sweeper re-queues inbound rows no turn
/// consumed — at start-up all of them (crash recovery), then every minute those older than 2 min.
/// </summary>
internal sealed partial class TurnRunner(
    TurnSignals signals, TurnProcessor processor, ConversationStore conversations, IOptions<ConversationsOptions> options,
    IOptions<WorkersOptions> workers, ConversationsMeter meter, TimeProvider time, ILogger<TurnRunner> logger) : BackgroundService
{
    sealed class Entry
    {
        public DateTimeOffset FirstSignal, DueAt;
        public DateTimeOffset? BusySince;
        public bool Running, Again, BusyWarned;
        public int Failures;
    }

    readonly Lock gate = new();
    readonly Dictionary<Guid, Entry> entries = [];
    /// <summary>Entries waiting to start, by (due, arrival). Stale items (entry rescheduled, running or gone) are skipped.</summary>
    readonly PriorityQueue<(Guid MedicoId, DateTimeOffset DueAt), (DateTimeOffset DueAt, DateTimeOffset FirstSignal)> waiting = new();
    readonly SemaphoreSlim wake = new(0, 1);
    /// <summary>Runs started and not yet ended, waited for at shutdown (under the gate).</summary>
    readonly HashSet<Task> inFlight = [];
    int free;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        lock (gate) free = workers.Value.MaxWorkers;
        var reader = ReadSignalsAsync(ct);
        var sweeper = SweepLoopAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var next = StartDueRuns(ct);
                if (next is { } wait) await wake.WaitAsync(wait, ct); // due times come from TimeProvider; the wait is wall-clock
                else await wake.WaitAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await Task.WhenAll(reader, sweeper);
        // The stopped turns end before Redis and the database are disposed with the host: each lets its conversation's
        // lock go, so the next process answers at once instead of after the lock:conversa lease (a turn still running
        // when the host disposed Redis left its lock for 120 s).
        Task[] running;
        lock (gate) running = [.. inFlight];
        await Task.WhenAll(running);
    }

    void Wake()
    {
        try { if (wake.CurrentCount == 0) wake.Release(); }
        catch (SemaphoreFullException) { } // already awake
    }

    async Task ReadSignalsAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var signal in signals.Reader.ReadAllAsync(ct))
                Schedule(signal.MedicoId, atOnce: Text.ArrivalRules.RunsAtOnce(signal.Words));
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
            Due(medicoId, entry, at);
        }
        Wake();
    }

    /// <param name="unlessKnown">
    /// The sweeper's call: a doctor this process already has an entry for (running, or waiting for its debounce or for
    /// the opening of business hours) is left as he is — the sweeper is for messages no entry covers (a crash, a lost
    /// signal, another process), and pulling a turn deferred to the morning forward re-ran it every minute all night.
    /// </param>
    /// <returns>Whether the doctor was scheduled.</returns>
    /// <param name="atOnce">
    /// The message asks to stop or for a handoff: its turn runs at once, not after the burst (docs/decisions.md#inbound).
    /// </param>
    bool Schedule(Guid medicoId, bool unlessKnown = false, bool atOnce = false)
    {
        var now = time.GetUtcNow();
        var o = options.Value;
        lock (gate)
        {
            if (entries.TryGetValue(medicoId, out var known) && unlessKnown) return false;
            if (known is not { } entry)
                entries[medicoId] = entry = new Entry { FirstSignal = now };
            if (entry.Running) { entry.Again = true; return true; }
            var byDebounce = now + o.Debounce;
            var byMax = entry.FirstSignal + o.DebounceMax;
            Due(medicoId, entry, atOnce ? now : byDebounce < byMax ? byDebounce : byMax);
        }
        Wake();
        return true;
    }

    /// <summary>Under the gate: the entry waits until <paramref name="at"/>.</summary>
    void Due(Guid medicoId, Entry entry, DateTimeOffset at)
    {
        entry.DueAt = at;
        waiting.Enqueue((medicoId, at), (at, entry.FirstSignal));
    }

    /// <summary>Starts every due turn a free slot allows, oldest arrival first; returns how long until the next one is due.</summary>
    TimeSpan? StartDueRuns(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            while (waiting.TryPeek(out var item, out _))
            {
                if (!entries.TryGetValue(item.MedicoId, out var entry) || entry.Running || entry.DueAt != item.DueAt)
                {
                    waiting.Dequeue(); // stale
                    continue;
                }
                if (entry.DueAt > now) return entry.DueAt - now;
                if (free == 0) return null; // a finishing run wakes the loop
                waiting.Dequeue();
                free--;
                entry.Running = true;
                entry.Again = false;
                var run = RunAsync(item.MedicoId, ct);
                inFlight.Add(run);
                _ = run.ContinueWith(ended => { lock (gate) inFlight.Remove(ended); }, TaskScheduler.Default);
            }
            return null;
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
            meter.Error("processar_mensagem");
            LogTurnFailed(ex, medicoId);
            result = await GiveUpIfItFailsAlwaysAsync(medicoId, ex, ct);
        }
        Complete(medicoId, result);
    }

    /// <summary>
    /// A turn that failed twice in a row with an error no part's return would fix (a bug, text a step cannot handle) is
    /// given up on: the doctor gets the holding message and a person takes the conversation (handoff `erro_sistema`),
    /// and his messages are marked processed. Before, such a turn was retried for good — a stack trace every few
    /// seconds and the doctor never answered again (docs/reliability.md, "A turn that fails the same way"). An outage
    /// (database, Redis, network) is waited out instead: nothing is lost once it ends.
    /// </summary>
    async Task<TurnResult?> GiveUpIfItFailsAlwaysAsync(Guid medicoId, Exception ex, CancellationToken ct)
    {
        if (ct.IsCancellationRequested || Infrastructure.Resilience.TransientErrors.Is(ex)) return null; // stopping: no verdict
        lock (gate)
            if (!entries.TryGetValue(medicoId, out var entry) || entry.Failures < 1) return null; // the first time: one more try
        try
        {
            var result = await processor.GiveUpAsync(medicoId, $"falha interna repetida ({ex.GetType().Name})", ct);
            LogGaveUp(medicoId, ex.GetType().Name);
            return result;
        }
        catch (Exception again) when (again is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            LogGiveUpFailed(again, medicoId);
            return null;
        }
    }

    void Complete(Guid medicoId, TurnResult? result)
    {
        var now = time.GetUtcNow();
        lock (gate)
        {
            free++;
            if (entries.TryGetValue(medicoId, out var entry)) Reschedule(medicoId, entry, result, now);
        }
        Wake();
    }

    /// <summary>Under the gate: what happens to a doctor's entry after a run.</summary>
    void Reschedule(Guid medicoId, Entry entry, TurnResult? result, DateTimeOffset now)
    {
        entry.Running = false;
        switch (result)
        {
            case TurnResult.Done when !entry.Again:
                entries.Remove(medicoId);
                return;
            case TurnResult.Done or TurnResult.Superseded:
                entry.FirstSignal = now;
                Due(medicoId, entry, now);
                break;
            case TurnResult.NotYet notYet:
                Due(medicoId, entry, entry.Again ? now : notYet.DueAt);
                break;
            case TurnResult.Busy busy:
                entry.BusySince ??= now;
                if (!entry.BusyWarned && now - entry.BusySince.Value >= TimeSpan.FromSeconds(options.Value.LockWaitWarningSeconds))
                {
                    entry.BusyWarned = true;   // once per wait: a lock nobody releases must not flood the log
                    LogLockWait(medicoId, (int)(now - entry.BusySince.Value).TotalSeconds, ConversationLock.Key(busy.ConversaId));
                }
                Due(medicoId, entry, now + TimeSpan.FromSeconds(1));
                entry.Again = false;
                return;
            default: // failed: back off; after five failures leave it to the sweeper
                if (++entry.Failures >= 5) { entries.Remove(medicoId); return; }
                Due(medicoId, entry, now + TimeSpan.FromSeconds(5 * entry.Failures));
                break;
        }
        entry.Again = false;
        entry.BusySince = null;
        entry.BusyWarned = false;
    }

    readonly TaskCompletionSource firstSweep = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the start-up sweep has looked for messages left unprocessed (whether or not it found any, or failed).</summary>
    internal Task FirstSweepDone => firstSweep.Task;

    async Task SweepLoopAsync(CancellationToken ct)
    {
        var age = TimeSpan.Zero; // first sweep at start-up takes everything left by a crash or restart
        // The database down: the first failed sweep in full, then a line a minute, not a stack trace every sweep.
        var streak = new Infrastructure.Logging.FailureStreak("Sweep of unprocessed inbound messages",
            $"next sweep in {options.Value.SweepIntervalSeconds} s (the messages stay stored, unanswered until then)", time, logger);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var doctors = await conversations.DoctorsWithPendingInboundAsync(age, ct);
                streak.Succeed();
                var swept = doctors.Count(medicoId => Schedule(medicoId, unlessKnown: true));
                if (swept > 0) LogSwept(swept);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { return; }
            catch (Exception ex) { streak.Fail(ex); }
            firstSweep.TrySetResult();
            age = TimeSpan.FromSeconds(options.Value.SweepAgeSeconds);
            try { await Task.Delay(TimeSpan.FromSeconds(options.Value.SweepIntervalSeconds), time, ct); }
            catch (OperationCanceledException) { return; }
        }
    }

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Turn for medico {MedicoId} failed; retrying")]
    private partial void LogTurnFailed(Exception ex, Guid medicoId);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Error,
        Message = "Turn for medico {MedicoId} failed twice with {Error}: handed to a person (handoff erro_sistema), his messages marked processed")]
    private partial void LogGaveUp(Guid medicoId, string error);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Error, Message = "Turn for medico {MedicoId}: handing it to a person after repeated failures failed too; retrying")]
    private partial void LogGiveUpFailed(Exception ex, Guid medicoId);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Warning,
        Message = "Turn for medico {MedicoId} waiting {Seconds} s: {LockKey} is held elsewhere (another process's turn, or a lock left behind); retrying every second")]
    private partial void LogLockWait(Guid medicoId, int seconds, string lockKey);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Sweeper re-queued {Count} doctors with unprocessed inbound messages")]
    private partial void LogSwept(int count);
}
