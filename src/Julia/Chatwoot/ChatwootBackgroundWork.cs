using System.Collections.Concurrent;

namespace Julia.Chatwoot;

/// <summary>
/// Work the Chatwoot feature starts off a request's path (the look-up after an unanswered contact create), tied to the
/// host's lifetime: it gets the host's stop as its token, and the stop waits for it to end (docs/decisions.md#lgpd,
/// "A contact create with no answer"). A bare Task.Run outlived the host's logging and could fault unobserved.
/// </summary>
internal sealed class ChatwootBackgroundWork : IHostedService
{
    // Never disposed: it has no timer or linked token to release, and a host whose start failed stops its hosted services
    // after disposing its singletons (a disposed source made StopAsync throw ObjectDisposedException there).
    readonly CancellationTokenSource stopping = new();
    readonly ConcurrentDictionary<long, Task> running = new();
    long next;

    /// <summary>Runs <paramref name="work"/> (which handles its own failures); false, nothing started, once the host is stopping.</summary>
    public bool TryStart(Func<CancellationToken, Task> work)
    {
        if (stopping.IsCancellationRequested) return false;
        var id = Interlocked.Increment(ref next);
        var task = Task.Run(() => work(stopping.Token), CancellationToken.None);
        running[id] = task;
        _ = task.ContinueWith(_ => running.TryRemove(id, out var _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return true;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        try { await Task.WhenAll(running.Values).WaitAsync(cancellationToken); }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested) { } // the host's stop timeout: it goes on without them
    }
}
