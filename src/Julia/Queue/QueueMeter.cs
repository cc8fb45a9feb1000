using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.Queue;

/// <summary>Meter `Julia.Queue`: `evolution_enviar`, `db:fila_*` and the messages sent, by kind (docs/decisions.md#metrics).</summary>
internal sealed class QueueMeter : OperationMeter
{
    public const string Sent = "julia.mensagens.enviadas";
    readonly Counter<long> sent;

    public QueueMeter(IMeterFactory meters) : base(meters, "Queue") =>
        sent = Meter.CreateCounter<long>(Sent, "{mensagem}", "Mensagens entregues à Evolution API (tag tipo)");

    public void MessageSent(string kind) => sent.Add(1, new KeyValuePair<string, object?>("tipo", kind));

    protected override IEnumerable<string> ErrorOperations => ["evolution_enviar"];

    protected override void RecordOwnZeroes()
    {
        foreach (var kind in QueueKinds.All) sent.Add(0, new KeyValuePair<string, object?>("tipo", kind));
    }
}
