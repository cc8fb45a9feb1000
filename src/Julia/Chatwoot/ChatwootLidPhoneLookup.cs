using Julia.Conversations;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// A LID-only sender's phone from his Chatwoot contact (docs/decisions.md#inbound, "LID-only senders"). It runs before
/// the webhook's 200, so it is bounded: no answer within <see cref="Budget"/> is no phone, and the sender is stored by
/// his LID as before. Chatwoot's own failures are logged by the client.
/// </summary>
internal sealed class ChatwootLidPhoneLookup(ChatwootClient client, IOptions<ChatwootOptions> options) : ILidPhoneLookup
{
    internal static readonly TimeSpan Budget = TimeSpan.FromSeconds(3);

    public async Task<string?> PhoneAsync(long chatwootConversationId, CancellationToken ct)
    {
        if (!options.Value.Enabled) return null;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(ct);
        budget.CancelAfter(Budget);
        try
        {
            return await client.ConversationContactPhoneAsync(chatwootConversationId, budget.Token);
        }
        catch (ChatwootException)
        {
            return null;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null; // over the budget
        }
    }
}
