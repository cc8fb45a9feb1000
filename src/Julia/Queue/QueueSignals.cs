namespace Julia.Queue;

/// <summary>Wakes the reply dispatcher as soon as something is queued (otherwise it polls every second).</summary>
internal sealed class QueueSignals
{
    readonly SemaphoreSlim wake = new(0, int.MaxValue);

    public void Wake() { if (wake.CurrentCount < 64) wake.Release(); }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => wake.WaitAsync(timeout, ct);
}
