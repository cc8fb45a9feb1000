using Julia.Jobs;

namespace Julia.Queue;

/// <summary>`fila-recuperacao` — every minute: stuck `processando` rows (docs/decisions.md#queue).</summary>
internal sealed class QueueRecoveryJob(QueueRecovery recovery) : IJob
{
    public string Name => "fila-recuperacao";
    public JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(1));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var (returned, unknown) = await recovery.RunOnceAsync(ct);
        return $"{Infrastructure.Text.PtBrCount.Of(returned, "mensagem de volta a pendente", "mensagens de volta a pendente")}, " +
               $"{Infrastructure.Text.PtBrCount.Of(unknown, "em erro", "em erro")} (resultado_desconhecido)";
    }
}
