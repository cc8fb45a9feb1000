namespace Julia.Chatwoot;

/// <summary>
/// What one Chatwoot webhook body means to Júlia (tests/fixtures/README.md, "2.1 Webhooks Chatwoot sends to us").
/// Ids are the per-account ones used in API paths: <c>ConversationId</c> is the conversation's display_id.
/// </summary>
internal abstract record ChatwootEvent
{
    /// <summary>
    /// The Chatwoot account and inbox the payload names (`account.id` / `account_id`, `inbox.id` / `inbox_id`), null
    /// when it names none and 0 when it names one that is no id (no account or inbox has it). Conversation ids are
    /// numbered per account, so another account's conversation 12 is not ours.
    /// </summary>
    public long? AccountId { get; init; }

    /// <inheritdoc cref="AccountId"/>
    public long? InboxId { get; init; }

    /// <summary>
    /// A conversation event's `updated_at` (epoch seconds, a float in Chatwoot's payload): when the change it tells of was
    /// made, by Chatwoot's clock — a delivery again later carries the same instant. Null on message events and when the
    /// payload has none (a hand-made call). A resolve older than what it would give back is not about it
    /// (docs/decisions.md#handoff, "A resolve delivered again").
    /// </summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>
    /// The doctor's WhatsApp LID when his Chatwoot contact names one as `identifier` (`&lt;digits&gt;@lid`, as Evolution's
    /// integration creates a contact WhatsApp shows only by LID) and has no phone: how a LID-only doctor's conversation is
    /// found when Júlia does not know its Chatwoot id yet.
    /// </summary>
    public string? ContactLid { get; init; }

    /// <summary>
    /// `conversation_updated`. <paramref name="Labels"/> are the labels after the change; <paramref name="PreviousLabels"/>
    /// is null when this update did not touch the labels, so a label handler can tell "just added" from "already there"
    /// (Chatwoot dispatches one label change twice — docs/decisions.md#handoff). <paramref name="ChangesKnown"/> is false
    /// for a payload without `changed_attributes` at all, which cannot say what changed. <paramref name="Status"/> is the
    /// conversation's status after the update (`open`, `resolved`, `pending`, `snoozed`), null when the payload has none.
    /// <paramref name="Assignee"/> is the agent it is assigned to (`meta.assignee`), who gave it back when the label goes.
    /// <paramref name="ResolvedNow"/>: this update is the resolve itself (`changed_attributes.status` became `resolved`) —
    /// what an account webhook not subscribed to `conversation_status_changed` gets of a resolve.
    /// `conversation_created` reads as this record too, with no labels before it.
    /// </summary>
    public sealed record ConversationUpdated(
        long ConversationId,
        string? ContactPhone,
        long? ContactId,
        IReadOnlyList<string> Labels,
        IReadOnlyList<string>? PreviousLabels,
        bool ChangesKnown = true,
        string? Status = null,
        string? Assignee = null,
        bool ResolvedNow = false) : ChatwootEvent;

    /// <summary>`conversation_status_changed`: <paramref name="Status"/> is the new one (`open`, `resolved`, `pending`, `snoozed`).</summary>
    public sealed record StatusChanged(long ConversationId, string? ContactPhone, long? ContactId, string Status, string? Assignee = null) : ChatwootEvent;

    /// <summary>
    /// `message_created`. <paramref name="MessageType"/> is `incoming`, `outgoing`, `activity` or `template`;
    /// <paramref name="SenderType"/> is lower snake case (`user`, `agent_bot`, `contact`, …) or null when Chatwoot did not say.
    /// Only outgoing, non-private messages written by a `user` are meant for the doctor's WhatsApp.
    /// <paramref name="CreatedAt"/> is when it was written, by Chatwoot's clock (`created_at`, ISO-8601 at the top of the
    /// event); null when the payload has none or it is unreadable. <paramref name="WrittenElsewhereAt"/> is
    /// `content_attributes.external_created_at`: Chatwoot keeps it only for a message created with the time it was written
    /// elsewhere (an import of history through the Messages API, a channel's history sync); <see cref="DateTimeOffset.MinValue"/>
    /// when it is there and unreadable, null when absent.
    /// </summary>
    public sealed record MessageCreated(
        long ConversationId,
        string? ContactPhone,
        long? ContactId,
        long MessageId,
        string MessageType,
        bool Private,
        string? Content,
        string? SourceId,
        string? SenderType,
        long? SenderId,
        string? SenderName,
        int Attachments = 0,
        DateTimeOffset? CreatedAt = null,
        DateTimeOffset? WrittenElsewhereAt = null) : ChatwootEvent;

    /// <summary>
    /// `message_updated` of a message deleted in Chatwoot (`content_attributes.deleted`): Evolution deletes it on WhatsApp;
    /// Júlia withdraws it from what she remembers (docs/decisions.md#handoff).
    /// </summary>
    public sealed record MessageDeleted(long ConversationId, string? ContactPhone, long? ContactId, long MessageId) : ChatwootEvent;

    /// <summary>Accepted with 200 and deliberately not acted on (other events, unknown message types…).</summary>
    public sealed record Ignored(string Reason) : ChatwootEvent;

    /// <summary>The body is not a usable Chatwoot webhook: 400 ProblemDetails.</summary>
    public sealed record Invalid(string Problem) : ChatwootEvent;
}
