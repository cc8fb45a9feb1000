namespace Julia.Notifications;

/// <summary>A notice waiting in the outbox (table notificacoes): channel, kind, the data it is rendered from.</summary>
/// <param name="ClaimedAtUtc">When this process's claim began (`processando_desde`): the claim's token — a later claim of
/// the row by another process (this one's lease ran out) changes it, and nothing this process writes then applies.</param>
internal sealed record Notification(long Id, string Channel, string Kind, string Key, Guid? HandoffId, Guid? ConversationId,
    string PayloadJson, int Attempts, DateTime CreatedAtUtc, DateTime? ClaimedAtUtc = null);

/// <summary>A notice to put in the outbox. <paramref name="Key"/> is unique: the same event never makes two notices.</summary>
internal sealed record NewNotification(string Channel, string Kind, string Key, Guid? HandoffId = null, Guid? ConversationId = null,
    object? Payload = null);

/// <summary>What a channel did with a notice.</summary>
internal abstract record DeliveryResult
{
    public sealed record Delivered : DeliveryResult;
    /// <summary>
    /// Try again later (peer down, 429, 5xx, timeout, open circuit); <paramref name="CountsAsAttempt"/> false when only
    /// waiting. <paramref name="PeerAskedToWait"/>: the peer itself said how long to stay away (Slack's 429 `Retry-After`),
    /// so the dispatcher calls none of the channel's notices before <paramref name="After"/> has passed.
    /// </summary>
    public sealed record Retry(string Error, TimeSpan? After = null, bool CountsAsAttempt = true, bool PeerAskedToWait = false) : DeliveryResult;
    /// <summary>Will never work (rejected payload, unknown conversation…): the notice ends as `falhou`.</summary>
    public sealed record Failed(string Error) : DeliveryResult;

    public static readonly DeliveryResult Ok = new Delivered();
}

/// <summary>A peer that delivers notices of its channel name ("slack", "chatwoot"). Must not throw.</summary>
internal interface INotificationChannel
{
    string Name { get; }
    Task<DeliveryResult> DeliverAsync(Notification notification, CancellationToken ct);
}
