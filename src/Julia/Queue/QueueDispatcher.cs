using Julia.Infrastructure.Logging;
using System.Collections.Concurrent;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;

namespace Julia.Queue;

/// <summary>Which kinds a dispatcher sends and how many at once (docs/decisions.md#queue: replies in the api role, proactive in the worker).</summary>
internal sealed record DispatchLane(string Name, string[] Kinds, bool Parallel, bool WokenBySignals)
{
    public static readonly DispatchLane Replies = new("respostas", [QueueKinds.Reply, QueueKinds.SystemMessage], Parallel: true, WokenBySignals: true);
    public static readonly DispatchLane Proactive = new("proativas", [QueueKinds.Reminder, QueueKinds.FollowUp, QueueKinds.Campaign], Parallel: false, WokenBySignals: false);
}

/// <summary>
/// Claims due rows one at a time with SKIP LOCKED and sends them: up to MAX_WORKERS conversations in parallel for
/// replies (chunks of one lote strictly in order), one at a time for proactive kinds. Pauses without burning attempts
/// while WhatsApp is not connected; on shutdown, claims whose send had not started go back to `pendente`.
/// </summary>
internal sealed partial class QueueDispatcher(
    DispatchLane lane, DispatchStore store, MessageSender sender, WhatsAppConnection connection, QueueSignals signals, QueueMeter timings,
    IOptions<QueueOptions> options, IOptions<Infrastructure.Hosting.WorkersOptions> workers, Infrastructure.Resilience.CircuitBreakers breakers,
    TimeProvider time, ILogger<QueueDispatcher> logger,
    ReplyHandOff? handOff = null)
    : BackgroundService
{
    readonly FailureStreak streak = new($"Dispatch loop {lane.Name}", "continuing", time, logger);

    /// <summary>A flapping connection pauses and resumes the lane again and again: 10 lines a minute, then one with the state it settled in.</summary>
    readonly LogBudget pauseLines = new(time, lines: 10, window: TimeSpan.FromMinutes(1));

    /// <summary>
    /// Rows one reply loop claims at once: three database round trips per batch instead of per message (BENCHMARKS.md).
    /// HTTP sends stay sequential per loop, so at most MAX_WORKERS go out at the same time.
    /// </summary>
    const int BatchSize = 16;

    readonly ConcurrentDictionary<Guid, Guid> inFlight = new(); // fila id → conversa id
    readonly ConcurrentDictionary<Task, byte> handedOff = new();
    bool paused, stopping;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var loops = lane.Parallel ? workers.Value.MaxWorkers : 1;
        handOff?.Attach(this);
        try
        {
            await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => LoopAsync(ct)));
        }
        finally
        {
            handOff?.Detach(this);
        }
    }

    /// <summary>
    /// A chunk a turn queued already claimed and marked (<see cref="ReplyHandOff"/>): sent like a claimed batch of one,
    /// from the caller's thread up to the HTTP call. The task never faults; afterwards, with <paramref name="moreChunks"/>,
    /// a loop is woken for the lote's later chunks, which wait for this one. Null while the lane is stopping: not taken.
    /// </summary>
    public Task? SendHandedOffAsync(ClaimedMessage message, SendState state, bool moreChunks)
    {
        if (Volatile.Read(ref stopping)) return null;
        var sending = SendHandedOffCoreAsync(message, state, moreChunks);
        if (!sending.IsCompleted)
        {
            handedOff.TryAdd(sending, 0);
            _ = sending.ContinueWith(t => handedOff.TryRemove(t, out _), TaskScheduler.Default);
        }
        return sending;
    }

    async Task SendHandedOffCoreAsync(ClaimedMessage message, SendState state, bool moreChunks)
    {
        try
        {
            await SendClaimedAsync([(message, state)]);
        }
        catch (Exception ex)
        {
            LogDispatchFailed(ex, lane.Name);
        }
        if (moreChunks) signals.Wake();
    }

    async Task LoopAsync(CancellationToken ct)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        while (!ct.IsCancellationRequested)
        {
            var attempt = streak.Attempt(); // MAX_WORKERS loops share the streak: a claim begun before a failure ends nothing
            try
            {
                var full = await DispatchOneAsync(ct);
                streak.Succeed(attempt);
                // The `database` breaker shows and alerts a database outage (/health/circuits, `circuito_aberto`): this
                // loop reads the database every second or sooner, in every process (docs/decisions.md#agent).
                breakers.Database.RecordSuccess();
                if (full) continue;
                if (lane.WokenBySignals) await signals.WaitAsync(poll, ct);
                else await Task.Delay(poll, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                if (Infrastructure.Database.DatabaseErrors.IsUnavailable(ex)) breakers.Database.RecordFailure();
                streak.Fail(ex);
                try { await Task.Delay(TimeSpan.FromSeconds(1), time, ct); } catch (OperationCanceledException) { break; }
            }
        }
    }

    /// <summary>Claims and sends one batch; true when the batch was full (more may be due at once).</summary>
    async Task<bool> DispatchOneAsync(CancellationToken ct)
    {
        if (!connection.CanSend)
        {
            if (!paused)
            {
                paused = true;
                if (pauseLines.TryTake(LogPauseSettled)) LogPaused(lane.Name, LogText.Untrusted(connection.State));
            }
            return false;
        }
        if (paused)
        {
            paused = false;
            if (pauseLines.TryTake(LogPauseSettled)) LogResumed(lane.Name);
        }

        var started = time.GetTimestamp();
        var size = lane.Parallel ? BatchSize : 1;
        // With HUMANIZAR on, a row with no typing time of its own gets its text's (MessageSender.ShowTypingAsync), so none is
        // marked at the claim: the mark must come after the typing, where a cancel can still take the row.
        var batch = await store.ClaimAsync(lane.Kinds, [.. inFlight.Values.Distinct()], size, markFirst: lane.WokenBySignals && !options.Value.Humanize, ct);
        timings.Time("db:fila_claim", time.GetElapsedTime(started));
        if (batch.Count == 0) return false;
        await SendClaimedAsync(batch);
        // A short batch drained what was due: wait for the next wake-up instead of one more empty claim.
        return batch.Count == size;
    }

    /// <summary>Sends claimed rows; whatever was not sent goes back as it should, then the exception is rethrown.</summary>
    async Task SendClaimedAsync(IReadOnlyList<(ClaimedMessage Message, SendState State)> batch)
    {
        foreach (var (m, _) in batch) inFlight[m.Id] = m.ConversaId ?? Guid.Empty;
        var attempted = new HashSet<Guid>();
        try
        {
            // Sends are not cancelled by shutdown: once started they complete and are recorded.
            await SendBatchAsync(batch, attempted, CancellationToken.None);
        }
        catch
        {
            // Never reached → back to pendente now, even with the claim's mark; reached and not started → back to
            // pendente; started → left for recovery, which never resends blindly.
            await store.ReleaseUnsentAsync([.. batch.Select(b => b.Message.Id).Where(id => !attempted.Contains(id))]);
            await store.ReleaseUnstartedAsync([.. attempted]);
            throw;
        }
        finally
        {
            foreach (var (m, _) in batch) inFlight.TryRemove(m.Id, out _);
        }
    }

    /// <summary>
    /// Checks each claimed message, then for each one to send in claim order: its send-started mark (one durable commit;
    /// the reply lane's claim already made it for the first row) and its sendText; the successes are recorded in one
    /// round trip at the end.
    /// </summary>
    async Task SendBatchAsync(IReadOnlyList<(ClaimedMessage Message, SendState State)> batch, HashSet<Guid> attempted, CancellationToken ct)
    {
        var ready = new List<(ClaimedMessage Message, string Address)>();
        foreach (var (m, state) in batch)
            if (await sender.PrepareAsync(m, state, ct) is { } prepared) ready.Add(prepared);
        if (ready.Count == 0) return;

        await sender.ShowTypingAsync(ready, ct);
        var sent = new List<SentMessage>();
        foreach (var (m, address) in ready)
        {
            // Each row's send-started mark is durable right before its own sendText: a crash leaves only the send in
            // flight unknown, and the rest of the batch goes back to pendente (docs/reliability.md).
            attempted.Add(m.Id);
            if (!m.SendStarted)
            {
                var mark = time.GetTimestamp();
                var marked = await store.MarkSendStartedAsync(m, ct);
                timings.Time("db:fila_inicio_envio", time.GetElapsedTime(mark));
                if (marked != SendMark.Marked)
                {
                    if (marked == SendMark.Answered) await sender.AnsweredBeforeSendAsync(m, ct);
                    // Still `processando`, so not cancelled: this process stalled past the claim's lease and another
                    // claim holds the row now (docs/decisions.md#claim-fencing). Only on this rare path: one more read.
                    else if (m.ClaimedAtUtc is not null && (await store.StillClaimedAsync([m.Id], ct)).Count == 1) LogClaimLost(m.Kind, m.Id);
                    else sender.LogCancelledAfterClaim(m);
                    await sender.NotSentAsync(m);
                    continue;
                }
            }
            var result = await sender.DeliverAsync(m, address, ct);
            if (result.Succeeded)
            {
                sender.Sent(m);
                sent.Add(new SentMessage(m, result.ProviderMessageId, address));
            }
            else await sender.RecordFailureAsync(m, address, batch.First(b => b.Message.Id == m.Id).State.Telefone, result, ct);
        }
        if (sent.Count == 0) return;
        var recording = time.GetTimestamp();
        await RecordSentAsync(sent, ct);
        timings.Time("db:fila_enviada", time.GetElapsedTime(recording));
        foreach (var s in sent)
        {
            sender.LogBatchSent(s.Message, s.Address);
            timings.MessageSent(s.Message.Kind);
        }
    }

    /// <summary>
    /// The sent record, tried again after a database error: the messages are on WhatsApp, and one failed round trip (a
    /// pooled connection the server closed, a failover) would otherwise leave them to recovery, which ends them `erro`
    /// resultado_desconhecido minutes later, with Júlia's outbound rows missing from the doctor's history. A retry
    /// records only the rows still `processando`, so an attempt that committed but lost its answer is not recorded twice
    /// (docs/decisions.md#queue).
    /// </summary>
    async Task RecordSentAsync(IReadOnlyList<SentMessage> sent, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (attempt > 1)
                {
                    var unrecorded = await store.StillClaimedAsync([.. sent.Select(s => s.Message.Id)], ct);
                    sent = [.. sent.Where(s => unrecorded.Contains(s.Message.Id))];
                    if (sent.Count == 0) return;
                }
                await store.MarkSentAsync(sent, ct);
                return;
            }
            catch (Exception ex) when (attempt < SentRecordAttempts && ex is Npgsql.NpgsqlException or TimeoutException)
            {
                LogSentRecordRetried(sent.Count, attempt, SentRecordAttempts, ex.GetType().Name);
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt * attempt), time, CancellationToken.None);
            }
        }
    }

    const int SentRecordAttempts = 3;

    public override async Task StopAsync(CancellationToken ct)
    {
        Volatile.Write(ref stopping, true);
        await base.StopAsync(ct);
        await Task.WhenAll(handedOff.Keys); // started sends complete and are recorded, like the loops' own
        if (!inFlight.IsEmpty) await store.ReleaseUnstartedAsync([.. inFlight.Keys]);
    }

    [LoggerMessage(EventId = 3006, Level = LogLevel.Warning, Message = "enviar: recording {Count} sent messages failed (attempt {Attempt} of {Attempts}: {Error}); trying again")]
    private partial void LogSentRecordRetried(int count, int attempt, int attempts, string error);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Warning, Message = "enviar: {Kind} {Id} not sent by this process: its claim ran past FILA_PROCESSANDO_TIMEOUT_SEGUNDOS (the process stalled) and another claim holds it now (pega perdida)")]
    private partial void LogClaimLost(string kind, Guid id);

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Dispatch loop {Lane} failed; continuing")]
    private partial void LogDispatchFailed(Exception ex, string lane);

    void LogPauseSettled(int left)
    {
        if (Volatile.Read(ref paused)) LogPausedAfterChanges(lane.Name, LogText.Untrusted(connection.State), left);
        else LogResumedAfterChanges(lane.Name, left);
    }

    [LoggerMessage(EventId = 3015, Level = LogLevel.Warning, Message = "WhatsApp not connected (state {State}): {Lane} dispatch paused, nothing is lost ({Left} more pauses and resumes since the last such line)")]
    private partial void LogPausedAfterChanges(string lane, string state, int left);

    [LoggerMessage(EventId = 3016, Level = LogLevel.Information, Message = "WhatsApp connected: {Lane} dispatch resumed ({Left} more pauses and resumes since the last such line)")]
    private partial void LogResumedAfterChanges(string lane, int left);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "WhatsApp not connected (state {State}): {Lane} dispatch paused, nothing is lost")]
    private partial void LogPaused(string lane, string state);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "WhatsApp connected: {Lane} dispatch resumed")]
    private partial void LogResumed(string lane);
}
