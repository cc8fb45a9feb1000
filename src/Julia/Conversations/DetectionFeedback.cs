using Julia.Conversations.Text;
using Julia.Handoffs;
using Julia.Infrastructure.Text;

namespace Julia.Conversations;

/// <summary>
/// The agent is the second net of the opt-out and person-request detectors: when the model calls `registrar_opt_out` or
/// `solicitar_humano` (pedido_humano) on a message the rules let through, the miss is logged with the rule family that
/// came closest and counted (`julia.deteccao.perdida` of <see cref="ConversationsMeter"/>, at 0 from start-up for
/// every kind and family it can name), so production shows which family of deteccao.json to extend.
/// </summary>
internal sealed partial class DetectionFeedback(ConversationsMeter meter, ILogger<DetectionFeedback> logger)
{
    public void RulesMissed(string kind, Guid conversaId, IEnumerable<string> texts)
    {
        var words = PtBrText.Normalise(string.Join(' ', texts)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var family = kind == ConversationsMeter.OptOutKind ? IntentVocabulary.Instance.NearestOptOutFamily(words) : IntentVocabulary.Instance.NearestPersonFamily(words);
        meter.DetectionMiss(kind, family);
        LogMissed(kind, conversaId, family);
    }

    public static bool IsPersonRequest(string triggerType) => triggerType == HandoffTriggers.PersonRequested;

    [LoggerMessage(EventId = 1130, Level = LogLevel.Warning, Message = "Detector missed a {Kind} that the agent recorded (conversa {ConversaId}; nearest rule family {Family}): add the message to the detection corpus")]
    private partial void LogMissed(string kind, Guid conversaId, string family);
}
