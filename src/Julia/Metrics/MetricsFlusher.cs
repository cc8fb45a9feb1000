namespace Julia.Metrics;

/// <summary>Every second, moves this process's new samples and counts into Redis in one batch; once more at shutdown.</summary>
internal sealed class MetricsFlusher(SharedMetrics shared, TimeProvider time) : BackgroundService
{
    static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(ct)) await shared.FlushAsync();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
    }

    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await shared.FlushAsync();
    }
}
