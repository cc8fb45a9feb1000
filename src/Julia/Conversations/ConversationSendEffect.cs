using Julia.Queue;

namespace Julia.Conversations;

/// <summary>
/// What a send means to a conversation: every message that went out is an outbound interacoes row and moves the
/// conversation's last outbound time; a reply superseded by a newer message wakes the turn runner to regenerate it.
/// </summary>
internal sealed class ConversationSendEffect(TurnSignals turns) : ISendEffect
{
    static readonly string RecordSql = ConversationStore.RecordOutboundSql(SendOutcomeSql.Sent);

    public string? SentSql(IReadOnlyList<SentMessage> batch) => RecordSql;

    public void AfterEnded(EndedMessage ended)
    {
        if (ended.Reason == "superado") turns.Notify(ended.Message.MedicoId);
    }
}
