using Julia.Conversations;
using Julia.Doctors;
using Julia.Queue;

namespace Julia.FollowUps;

/// <summary>
/// What a follow-up that went out means (docs/decisions.md#proactive): the conversation's stage moves one step (FU3
/// pauses it for 60 days) and the doctor's pressure rises — through Conversations' and Doctors' own SQL.
/// </summary>
internal sealed class FollowUpSendEffect : ISendEffect
{
    const string FollowUps = $"""
        (SELECT s.conversa_id, s.medico_id, COALESCE(s.metadata->>'tipo_followup', 'fu1') AS step
         FROM {SendOutcomeSql.Sent} s WHERE s.tipo = 'followup' AND s.conversa_id IS NOT NULL)
        """;

    static readonly string Sql = ConversationStore.FollowedUpSql(FollowUps) + ";\n" + DoctorStore.FollowedUpSql(FollowUps);

    public string? SentSql(IReadOnlyList<SentMessage> batch) =>
        batch.Any(s => s.Message.Kind == QueueKinds.FollowUp && s.Message.ConversaId is not null) ? Sql : null;
}
