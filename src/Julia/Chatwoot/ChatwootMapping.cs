using System.Globalization;
using Julia.Conversations;
using Julia.Doctors;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// Where a conversation lives in Chatwoot (docs/decisions.md#handoff): the id already stored (from Evolution's payload
/// or an earlier lookup), else the doctor's contact found by phone — searched with and without `+` — and that contact's
/// most recent conversation in CHATWOOT_INBOX_ID. What is found is stored on the conversation and the doctor.
/// </summary>
internal sealed partial class ChatwootMapping(
    ChatwootClient client, ConversationStore conversations, DoctorDirectory doctors, DoctorStore doctorStore, IOptions<ChatwootOptions> options,
    ILogger<ChatwootMapping> logger)
{
    /// <summary>The Chatwoot conversation id, or null when the doctor has no contact or conversation there (yet).</summary>
    public async Task<long?> EnsureAsync(ConversationRef conversation, CancellationToken ct)
    {
        if (long.TryParse(conversation.ChatwootConversationId, NumberStyles.None, CultureInfo.InvariantCulture, out var known)) return known;
        var doctor = await doctors.FindByIdAsync(conversation.MedicoId, ct);
        if (doctor?.Telefone is not { } phone) return null; // LID-only contacts cannot be searched by phone

        var contacts = (await client.SearchContactsAsync("+" + phone, ct)).Concat(await client.SearchContactsAsync(phone, ct))
            .DistinctBy(c => c.Id).ToList();
        var contact = contacts.FirstOrDefault(c => Digits(c.PhoneNumber) == phone) ?? contacts.FirstOrDefault();
        if (contact is null) return null;

        var inbox = options.Value.InboxId;
        var latest = (await client.ContactConversationsAsync(contact.Id, ct))
            .Where(c => c.InboxId == inbox).OrderByDescending(c => c.LastActivityAt ?? 0).ThenByDescending(c => c.Id).FirstOrDefault();
        var contactId = contact.Id.ToString(CultureInfo.InvariantCulture);
        await doctorStore.SetChatwootContactAsync(conversation.MedicoId, contactId, ct);
        if (latest is null) return null;
        await conversations.SetChatwootAsync(conversation.Id, latest.Id.ToString(CultureInfo.InvariantCulture), contactId, ct);
        LogMapped(conversation.Id, latest.Id, contact.Id);
        return latest.Id;
    }

    static string Digits(string? phone) => new((phone ?? "").Where(char.IsAsciiDigit).ToArray());

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "Conversa {ConversaId} mapped to Chatwoot conversation {ChatwootConversationId} (contact {ContactId})")]
    private partial void LogMapped(Guid conversaId, long chatwootConversationId, long contactId);
}
