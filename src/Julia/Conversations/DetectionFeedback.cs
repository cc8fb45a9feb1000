using System.Diagnostics.Metrics;
using Julia.Conversations.Text;
using Julia.Handoffs;
using Julia.Infrastructure.Text;

namespace Julia.Conversations;

/// <summary>
/// The agent is the second net of the opt-out and person-request detectors: when the model calls `registrar_opt_out` or
/// `solicitar_humano` (pedido_humano) on a message the rules let through, the miss is logged with the rule family that
/// came closest and counted (`julia.deteccao.perdida`), so production shows which family of deteccao.json to extend.
/// </summary>
internal sealed partial class DetectionFeedback(ILogger<DetectionFeedback> logger)
{
    static readonly Meter Meter = new("Julia.Conversations");
    static readonly Counter<long> Missed = Meter.CreateCounter<long>("julia.deteccao.perdida", description: "Opt-outs and person requests the rules missed and the agent caught");

    public void RulesMissed(string kind, Guid conversaId, IEnumerable<string> texts)
    {
        var words = PtBrText.Normalise(string.Join(' ', texts)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var family = kind == "opt_out" ? IntentVocabulary.Instance.NearestOptOutFamily(words) : IntentVocabulary.Instance.NearestPersonFamily(words);
        Missed.Add(1, new KeyValuePair<string, object?>("tipo", kind), new KeyValuePair<string, object?>("familia", family));
        LogMissed(kind, conversaId, family);
    }

    public static bool IsPersonRequest(string triggerType) => triggerType == HandoffTriggers.PersonRequested;

    [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "Detector missed a {Kind} that the agent recorded (conversa {ConversaId}; nearest rule family {Family}): add the message to the detection corpus")]
    private partial void LogMissed(string kind, Guid conversaId, string family);
}
