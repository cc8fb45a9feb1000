namespace Julia.Queue;

/// <summary>
/// Wakes the reply dispatcher's loops as soon as a reply or system message is queued (otherwise they poll every
/// second). Only the reply lane waits here: a proactive loop taking the wake-up would leave a reply to the poll.
/// </summary>
internal sealed class QueueSignals
{
    readonly SemaphoreSlim wake = new(0, int.MaxValue);

    public void Wake() { if (wake.CurrentCount < 64) wake.Release(); }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => wake.WaitAsync(timeout, ct);
}
