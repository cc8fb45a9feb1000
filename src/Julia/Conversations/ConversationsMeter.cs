using System.Diagnostics.Metrics;
using Julia.Conversations.Text;
using Julia.Infrastructure.Telemetry;

namespace Julia.Conversations;

/// <summary>
/// Meter `Julia.Conversations`: `processar_mensagem`, the doctors' messages accepted, and the opt-outs and person requests
/// the rules missed and the agent caught (`julia.deteccao.perdida{tipo,familia}`, <see cref="DetectionFeedback"/>;
/// docs/decisions.md#metrics).
/// </summary>
internal sealed class ConversationsMeter : OperationMeter
{
    public const string Received = "julia.mensagens.recebidas";
    public const string DetectionMissed = "julia.deteccao.perdida";
    public const string KindTag = "tipo", FamilyTag = "familia";
    public const string OptOutKind = "opt_out", PersonRequestKind = "pedido_humano";

    readonly Counter<long> received, missed;

    public ConversationsMeter(IMeterFactory meters) : base(meters, "Conversations")
    {
        received = Meter.CreateCounter<long>(Received, "{mensagem}", "Mensagens de médicos aceitas (gravadas, sem duplicatas)");
        missed = Meter.CreateCounter<long>(DetectionMissed, "{mensagem}", "Opt-outs e pedidos de pessoa que as regras deixaram passar e o agente pegou (tags tipo, familia)");
    }

    public void MessageReceived() => received.Add(1);

    public void DetectionMiss(string kind, string family) =>
        missed.Add(1, new KeyValuePair<string, object?>(KindTag, kind), new KeyValuePair<string, object?>(FamilyTag, family));

    /// <summary>
    /// The label sets `julia.deteccao.perdida` can take: `opt_out` × each opt-out family of deteccao.json, `pedido_humano` ×
    /// each person-request family, each with `nenhuma` (no family's words appeared).
    /// </summary>
    public static IEnumerable<(string Kind, string Family)> KnownMisses =>
        IntentVocabulary.Instance.OptOutFamilies.Select(f => (OptOutKind, f))
            .Concat(IntentVocabulary.Instance.PersonFamilies.Select(f => (PersonRequestKind, f)));

    protected override IEnumerable<string> ErrorOperations => ["processar_mensagem"];

    protected override void RecordOwnZeroes()
    {
        received.Add(0);
        foreach (var (kind, family) in KnownMisses)
            missed.Add(0, new KeyValuePair<string, object?>(KindTag, kind), new KeyValuePair<string, object?>(FamilyTag, family));
    }
}
