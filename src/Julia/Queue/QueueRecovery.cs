using Microsoft.Extensions.Options;

namespace Julia.Queue;

/// <summary>Every minute: rows stuck in `processando` past FILA_PROCESSANDO_TIMEOUT_SEGUNDOS are recovered per SPEC §6.</summary>
internal sealed partial class QueueRecovery(DispatchStore store, IOptions<QueueOptions> options, TimeProvider time, ILogger<QueueRecovery> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(60), time);
        do
        {
            try { await RunOnceAsync(ct); }
            catch (Exception ex) when (ex is not OperationCanceledException) { LogFailed(ex); }
        } while (await WaitAsync(timer, ct));
    }

    public async Task<(int Returned, int Unknown)> RunOnceAsync(CancellationToken ct)
    {
        var (returned, unknown) = await store.RecoverStuckAsync(TimeSpan.FromSeconds(options.Value.ProcessingTimeoutSeconds), ct);
        if (returned > 0) LogReturned(returned);
        if (unknown > 0) LogUnknown(unknown);
        return (returned, unknown);
    }

    static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try { return await timer.WaitForNextTickAsync(ct); }
        catch (OperationCanceledException) { return false; }
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Queue recovery: {Count} stuck messages never started went back to pendente")]
    private partial void LogReturned(int count);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "Queue recovery: {Count} messages whose send started without confirmation set to erro (resultado_desconhecido), not resent")]
    private partial void LogUnknown(int count);

    [LoggerMessage(EventId = 3022, Level = LogLevel.Error, Message = "Queue recovery failed")]
    private partial void LogFailed(Exception ex);
}
