using Microsoft.Extensions.Options;

namespace Julia.Queue;

/// <summary>Rows stuck in `processando` past FILA_PROCESSANDO_TIMEOUT_SEGUNDOS are recovered per docs/decisions.md#queue (job `fila-recuperacao`).</summary>
internal sealed partial class QueueRecovery(DispatchStore store, IOptions<QueueOptions> options, ILogger<QueueRecovery> logger)
{

    public async Task<(int Returned, int Unknown)> RunOnceAsync(CancellationToken ct)
    {
        var (returned, unknown) = await store.RecoverStuckAsync(TimeSpan.FromSeconds(options.Value.ProcessingTimeoutSeconds), ct);
        if (returned > 0) LogReturned(returned);
        if (unknown > 0) LogUnknown(unknown);
        return (returned, unknown);
    }

    [LoggerMessage(EventId = 3020, Level = LogLevel.Information, Message = "Queue recovery: {Count} stuck messages never started went back to pendente")]
    private partial void LogReturned(int count);

    [LoggerMessage(EventId = 3021, Level = LogLevel.Error, Message = "Queue recovery: {Count} messages whose send started without confirmation set to erro (resultado_desconhecido), not resent")]
    private partial void LogUnknown(int count);
}
