namespace Julia.Conversations;

/// <summary>The open conversation of a doctor as a turn sees it.</summary>
internal sealed record ConversationState(
    Guid Id, Guid MedicoId, string Status, string ControlledBy, string Stage, int MessageCount, DateTime CreatedAtUtc)
{
    public DateTimeOffset CreatedAt => new(DateTime.SpecifyKind(CreatedAtUtc, DateTimeKind.Utc));
    public bool HumanControlled => ControlledBy == "human";
}

/// <summary>An inbound message not yet consumed by a turn (processado_em IS NULL).</summary>
internal sealed record PendingInbound(long Id, string Kind, string Content, string? Caption, DateTime CreatedAtUtc, string? ProviderMessageId, string? RemoteJid,
    string? Quoted = null, DateTime? WrittenLateUtc = null, string? CutTail = null)
{
    public DateTimeOffset CreatedAt => new(DateTime.SpecifyKind(CreatedAtUtc, DateTimeKind.Utc));

    /// <summary>When the doctor wrote it, kept when it reached us some seconds late (`midia.enviada_em`, InboundText.WrittenBefore).</summary>
    DateTimeOffset? Written => WrittenLateUtc is { } w ? new(DateTime.SpecifyKind(w, DateTimeKind.Utc)) : null;

    /// <summary>When the doctor wrote it, if WhatsApp delivered it late (<see cref="Text.InboundText.LateAfter"/>); null for a message on time.</summary>
    public DateTimeOffset? WrittenLate => Text.InboundText.WrittenLate(Written, CreatedAt);

    /// <summary>The order the doctor wrote it in: a delivery out of order or late goes back to when it was written.</summary>
    public DateTimeOffset WrittenAt => Written ?? CreatedAt;
}

/// <summary>
/// Everything a turn starts from: one conversation, its unconsumed inbound messages (oldest first), and the doctor's
/// history before them (oldest first), and the shifts he holds, read in the same round trip for the agent.
/// </summary>
internal sealed record TurnInput(ConversationState Conversation, IReadOnlyList<PendingInbound> Pending, IReadOnlyList<ConversationLine> History,
    IReadOnlyList<Julia.Shifts.Shift> Holdings, string? AnsweredStage = null, string? AnsweredPhone = null,
    IReadOnlyList<Julia.Shifts.EndedHold>? EndedHolds = null, bool DoctorRemoved = false)
{
    public long LastInboundId => Pending.Count == 0 ? 0 : Pending[^1].Id;
}
