namespace Julia.WhatsApp;

internal enum IntakeResult { Accepted, Duplicate, Ignored }

/// <summary>
/// Where the webhook hands a doctor's message: implemented by Conversations, so WhatsApp depends on no feature
/// (docs/architecture.md). Accepted means durable: the webhook answers 200 only after this returns.
/// </summary>
internal interface IInboundMessageSink
{
    Task<IntakeResult> AcceptAsync(InboundMessage message, CancellationToken ct);

    /// <summary>
    /// Applies an edit or a deletion to the doctor's stored message; false when there was nothing to change (a message not
    /// stored, another sender's, or — for an edit — one a turn already consumed).
    /// </summary>
    Task<bool> ReviseAsync(InboundRevision revision, CancellationToken ct);
}
