namespace Julia.WhatsApp;

internal enum IntakeResult { Accepted, Duplicate, Ignored }

/// <summary>
/// Where the webhook hands a doctor's message: implemented by Conversations, so WhatsApp depends on no feature
/// (docs/architecture.md). Accepted means durable: the webhook answers 200 only after this returns.
/// </summary>
internal interface IInboundMessageSink
{
    Task<IntakeResult> AcceptAsync(InboundMessage message, CancellationToken ct);
}
