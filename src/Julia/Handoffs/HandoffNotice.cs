namespace Julia.Handoffs;

/// <summary>
/// A handoff as staff notices show it (Slack, Chatwoot note): who, why, the last message, and where it is in Chatwoot.
/// <see cref="Phone"/> is the full canonical number (null for LID-only contacts); masking is the notifier's choice.
/// </summary>
internal sealed record HandoffNotice(
    Guid HandoffId, Guid ConversationId, Guid DoctorId, string? DoctorName, string? Phone, string TriggerType, string? Reason,
    string? LastMessage, string Status, DateTimeOffset CreatedAt, DateTimeOffset? ResolvedAt, string? ResolvedBy, string? Notes,
    string? ChatwootConversationId);
