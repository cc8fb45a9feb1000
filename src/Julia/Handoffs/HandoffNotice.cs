namespace Julia.Handoffs;

/// <summary>
/// A handoff as staff notices show it (Slack, Chatwoot note): who, why, the last message, and where it is in Chatwoot.
/// <see cref="Phone"/> is the full canonical number (null for LID-only contacts); masking is the notifier's choice.
/// <see cref="LastMessage"/> is the message that caused the handoff (kept in its metadata; for a staff takeover, the
/// doctor's latest message when it opened); <see cref="LatestMessage"/> the
/// doctor's newest one since it opened (≤ 200 chars), which staff need when he writes again while waiting;
/// <see cref="DoctorOptedOut"/>: he asked to stop receiving messages (staff messages still reach him: a person decides).
/// </summary>
internal sealed record HandoffNotice(
    Guid HandoffId, Guid ConversationId, Guid DoctorId, string? DoctorName, string? Phone, string TriggerType, string? Reason,
    string? LastMessage, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Notes,
    string? ChatwootConversationId, string? LatestMessage = null, DateTimeOffset? LatestMessageAt = null, bool DoctorOptedOut = false);
