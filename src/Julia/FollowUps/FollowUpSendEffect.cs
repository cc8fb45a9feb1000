using Julia.Conversations;
using Julia.Doctors;
using Julia.Queue;

namespace Julia.FollowUps;

/// <summary>
/// What a follow-up that went out means (docs/decisions.md#proactive): the conversation's stage moves one step (FU3
/// pauses it for 60 days) and the doctor's pressure rises — through Conversations' and Doctors' own SQL; after the
/// commit the doctor's cached views are dropped (FU3 makes him `nao_respondeu`).
/// </summary>
internal sealed class FollowUpSendEffect(DoctorDirectory doctors) : ISendEffect
{
    const string FollowUps = $"""
        (SELECT s.conversa_id, s.medico_id, COALESCE(s.metadata->>'tipo_followup', 'fu1') AS step
         FROM {SendOutcomeSql.Sent} s WHERE s.tipo = 'followup' AND s.conversa_id IS NOT NULL)
        """;

    static readonly string Sql = ConversationStore.FollowedUpSql(FollowUps) + ";\n" + DoctorStore.FollowedUpSql(FollowUps);

    public string? SentSql(IReadOnlyList<SentMessage> batch) =>
        batch.Any(s => s.Message.Kind == QueueKinds.FollowUp && s.Message.ConversaId is not null) ? Sql : null;

    /// <summary>
    /// A follow-up whose send started and whose outcome is unknown (a timeout, a crash mid-send) may have reached him:
    /// it counts as sent — the step moves on and the next one waits its interval — since a second copy of it is worse
    /// than a lost one (docs/decisions.md#proactive).
    /// </summary>
    const string Unknown = $"""
        (SELECT f.conversa_id, f.medico_id, COALESCE(f.metadata->>'tipo_followup', 'fu1') AS step
         FROM fila_mensagens f WHERE f.id = {SendOutcomeSql.EndedId} AND f.tipo = 'followup' AND f.conversa_id IS NOT NULL)
        """;

    static readonly string UnknownSql = ConversationStore.FollowedUpSql(Unknown, stampOutbound: true) + ";\n" + DoctorStore.FollowedUpSql(Unknown);

    public string? EndedSql(EndedMessage ended) =>
        IsUnknownFollowUp(ended) ? UnknownSql : null;

    static bool IsUnknownFollowUp(EndedMessage ended) =>
        ended.Message.Kind == QueueKinds.FollowUp && ended.Message.ConversaId is not null && ended.Reason == DispatchStore.UnknownOutcome;

    public Task AfterSentAsync(IReadOnlyList<SentMessage> batch) =>
        doctors.InvalidateAsync([.. batch.Where(s => s.Message.Kind == QueueKinds.FollowUp && s.Message.ConversaId is not null)
            .Select(s => s.Message.MedicoId).Distinct()], CancellationToken.None);

    /// <summary>Counted as sent (<see cref="EndedSql"/>): the same cached views go, without holding the caller.</summary>
    public void AfterEnded(EndedMessage ended)
    {
        if (IsUnknownFollowUp(ended)) _ = doctors.InvalidateAsync([ended.Message.MedicoId], CancellationToken.None);
    }
}
