namespace Julia.Conversations;

/// <summary>
/// The follow-up cadence's intervals, by the conversation's stage (docs/decisions.md#proactive): FU1 48 h after the
/// opening (`msg_enviada`), FU2 5 days after FU1, FU3 15 days after FU2. One definition for the two jobs that read them:
/// the follow-up job (a step is due) and the idle close (never before a step that can still go,
/// docs/decisions.md#cadence-idle-close).
/// </summary>
internal static class FollowUpCadence
{
    /// <summary>SQL: the interval after which the step that follows <paramref name="stage"/> is due; NULL outside the cadence.</summary>
    public static string IntervalSql(string stage) => $"""
        (CASE {stage} WHEN 'msg_enviada' THEN interval '48 hours' WHEN 'followup_1_enviado' THEN interval '5 days'
                      WHEN 'followup_2_enviado' THEN interval '15 days' END)
        """;
}
