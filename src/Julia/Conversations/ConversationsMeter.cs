using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.Conversations;

/// <summary>Meter `Julia.Conversations`: `processar_mensagem` and the doctors' messages accepted (docs/decisions.md#metrics).</summary>
internal sealed class ConversationsMeter : OperationMeter
{
    public const string Received = "julia.mensagens.recebidas";
    readonly Counter<long> received;

    public ConversationsMeter(IMeterFactory meters) : base(meters, "Conversations") =>
        received = Meter.CreateCounter<long>(Received, "{mensagem}", "Mensagens de médicos aceitas (gravadas, sem duplicatas)");

    public void MessageReceived() => received.Add(1);

    protected override IEnumerable<string> ErrorOperations => ["processar_mensagem"];

    protected override void RecordOwnZeroes() => received.Add(0);
}
