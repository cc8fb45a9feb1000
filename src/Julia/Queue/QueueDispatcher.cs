using System.Collections.Concurrent;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;

namespace Julia.Queue;

/// <summary>Which kinds a dispatcher sends and how many at once (SPEC §6: replies in the api role, proactive in the worker).</summary>
internal sealed record DispatchLane(string Name, string[] Kinds, bool Parallel)
{
    public static readonly DispatchLane Replies = new("respostas", [QueueKinds.Resposta, QueueKinds.Sistema], Parallel: true);
    public static readonly DispatchLane Proactive = new("proativas", [QueueKinds.Lembrete, QueueKinds.Followup, QueueKinds.Campanha], Parallel: false);
}

/// <summary>
/// Claims due rows one at a time with SKIP LOCKED and sends them: up to MAX_WORKERS conversations in parallel for
/// replies (chunks of one lote strictly in order), one at a time for proactive kinds. Pauses without burning attempts
/// while WhatsApp is not connected; on shutdown, claims whose send had not started go back to `pendente`.
/// </summary>
internal sealed partial class QueueDispatcher(
    DispatchLane lane, DispatchStore store, MessageSender sender, WhatsAppConnection connection, QueueSignals signals,
    IOptions<QueueOptions> options, IOptions<Infrastructure.Hosting.WorkersOptions> workers, TimeProvider time, ILogger<QueueDispatcher> logger)
    : BackgroundService
{
    readonly ConcurrentDictionary<Guid, Guid> inFlight = new(); // fila id → conversa id
    bool paused;

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var loops = lane.Parallel ? workers.Value.MaxWorkers : 1;
        await Task.WhenAll(Enumerable.Range(0, loops).Select(_ => LoopAsync(ct)));
    }

    async Task LoopAsync(CancellationToken ct)
    {
        var poll = TimeSpan.FromMilliseconds(options.Value.PollMilliseconds);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (!await DispatchOneAsync(ct)) await signals.WaitAsync(poll, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested) { break; }
            catch (Exception ex)
            {
                LogDispatchFailed(ex, lane.Name);
                try { await Task.Delay(TimeSpan.FromSeconds(1), time, ct); } catch (OperationCanceledException) { break; }
            }
        }
    }

    async Task<bool> DispatchOneAsync(CancellationToken ct)
    {
        if (!connection.CanSend)
        {
            if (!paused) { paused = true; LogPaused(lane.Name, connection.State); }
            return false;
        }
        if (paused) { paused = false; LogResumed(lane.Name); }

        if (await store.ClaimAsync(lane.Kinds, [.. inFlight.Values.Distinct()], ct) is not var (claimed, state)) return false;
        inFlight[claimed.Id] = claimed.ConversaId ?? Guid.Empty;
        try
        {
            // The send itself is not cancelled by shutdown: once started it completes and is recorded.
            await sender.SendAsync(claimed, state, CancellationToken.None);
        }
        catch
        {
            // Not started → back to pendente now; started → left for recovery, which never resends blindly.
            await store.ReleaseUnstartedAsync([claimed.Id]);
            throw;
        }
        finally
        {
            inFlight.TryRemove(claimed.Id, out _);
        }
        return true;
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        if (!inFlight.IsEmpty) await store.ReleaseUnstartedAsync([.. inFlight.Keys]);
    }

    [LoggerMessage(EventId = 3010, Level = LogLevel.Error, Message = "Dispatch loop {Lane} failed; continuing")]
    private partial void LogDispatchFailed(Exception ex, string lane);

    [LoggerMessage(EventId = 3011, Level = LogLevel.Warning, Message = "WhatsApp not connected (state {State}): {Lane} dispatch paused, nothing is lost")]
    private partial void LogPaused(string lane, string state);

    [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "WhatsApp connected: {Lane} dispatch resumed")]
    private partial void LogResumed(string lane);
}
