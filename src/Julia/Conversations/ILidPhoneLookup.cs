namespace Julia.Conversations;

/// <summary>
/// The phone of a sender WhatsApp names only by his LID, from the Chatwoot conversation Evolution put on his message
/// (docs/decisions.md#inbound, "LID-only senders"). Implemented by Chatwoot; null when it is off, has no phone for him,
/// or does not answer in time.
/// </summary>
internal interface ILidPhoneLookup
{
    Task<string?> PhoneAsync(long chatwootConversationId, CancellationToken ct);
}
