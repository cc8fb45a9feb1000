using System.Globalization;
using Julia.Conversations;
using Julia.Doctors;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// Where a conversation lives in Chatwoot (docs/decisions.md#handoff): the id already stored (from Evolution's payload
/// or an earlier lookup), else the doctor's contact found by phone — searched with and without `+` — and that contact's
/// most recent conversation in CHATWOOT_INBOX_ID. With `CHATWOOT_ESPELHAMENTO=app` Júlia owns the mirroring, so what is
/// missing is created: the contact (with his contact-inbox), the contact-inbox of an existing contact, the conversation.
/// With `evolution` Evolution's integration creates them with the doctor's first mirrored message; Júlia only finds them.
/// What is found or created is stored on the conversation and the doctor.
/// </summary>
internal sealed partial class ChatwootMapping(
    ChatwootClient client, ConversationStore conversations, DoctorDirectory doctors, DoctorStore doctorStore, IOptions<ChatwootOptions> options,
    ChatwootBackgroundWork background, ILogger<ChatwootMapping> logger)
{
    /// <summary>One doctor's mapping at a time in this process: two notices delivered together must not create two conversations.</summary>
    readonly SemaphoreSlim[] stripes = [.. Enumerable.Range(0, 32).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The Chatwoot conversation id, or null when the doctor has no contact or conversation there (yet).</summary>
    public async Task<long?> EnsureAsync(ConversationRef conversation, CancellationToken ct)
    {
        if (Stored(conversation) is { } known) return known;
        var stripe = stripes[(conversation.MedicoId.GetHashCode() & int.MaxValue) % stripes.Length];
        await stripe.WaitAsync(ct);
        try
        {
            // Another notice of this conversation may have mapped it while this one waited.
            if (await conversations.FindAsync(conversation.Id, ct) is { } fresh && Stored(fresh) is { } mapped) return mapped;
            return await MapAsync(conversation, ct);
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// The stored Chatwoot conversation answered 404 — deleted in Chatwoot (an admin's clean-up), or a wrong
    /// CHATWOOT_ACCOUNT_ID: forgotten, so the next delivery looks for (or, with `app`, creates) the doctor's conversation
    /// again instead of every later note and copy failing on the dead id. A wrong account then fails at the contact search.
    /// False when nothing was stored (the 404 came while mapping) or another id was stored meanwhile.
    /// </summary>
    public async Task<bool> ForgetGoneAsync(ConversationRef conversation, CancellationToken ct)
    {
        if (Stored(conversation) is not { } gone
            || !await conversations.ForgetChatwootAsync(conversation.Id, gone.ToString(CultureInfo.InvariantCulture), ct)) return false;
        LogGone(gone, conversation.Id);
        return true;
    }

    static long? Stored(ConversationRef conversation) =>
        long.TryParse(conversation.ChatwootConversationId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    async Task<long?> MapAsync(ConversationRef conversation, CancellationToken ct)
    {
        var doctor = await doctors.FindByIdAsync(conversation.MedicoId, ct);
        if (doctor?.Telefone is not { } phone) return null; // LID-only contacts cannot be searched by phone; an erased doctor has none
        var create = options.Value.AppMirrors;
        var inbox = options.Value.InboxId;

        var contact = await FindContactAsync(phone, ct);
        var created = false;
        if (contact is null)
        {
            if (!create) return null;
            contact = await CreateContactAsync(doctor, phone, inbox, ct);
            if (contact is null) return null;
            created = true;
        }
        var contactId = contact.Id.ToString(CultureInfo.InvariantCulture);
        if (!await doctorStore.SetChatwootContactAsync(conversation.MedicoId, contactId, ct))
        {
            // Erased (LGPD) while this mapping ran on what it read before: the erasure's Chatwoot step may already have
            // looked for his contacts, so one created here would keep his name and phone there for good
            // (docs/decisions.md#lgpd, "A Chatwoot mapping under way"). One found, not created, is left: it may be the contact
            // of the new record a message from the same phone has made since.
            if (created) await client.DeleteContactAsync(contact.Id, ct);
            LogErasedWhileMapping(conversation.Id, created);
            return null;
        }

        var latest = (await client.ContactConversationsAsync(contact.Id, ct))
            .Where(c => c.InboxId == inbox).OrderByDescending(c => c.LastActivityAt ?? 0).ThenByDescending(c => c.Id).FirstOrDefault()?.Id;
        if (latest is null && create)
        {
            var sourceId = contact.SourceIds?.GetValueOrDefault(inbox) ?? await client.CreateContactInboxAsync(contact.Id, inbox, phone, ct);
            latest = await client.CreateConversationAsync(contact.Id, inbox, sourceId, ct);
            LogCreated(conversation.Id, latest.Value, contact.Id);
        }
        if (latest is not { } id) return null;
        await conversations.SetChatwootAsync(conversation.Id, id.ToString(CultureInfo.InvariantCulture), contactId, ct);
        LogMapped(conversation.Id, id, contact.Id);
        return id;
    }

    /// <summary>
    /// The contact whose phone is the doctor's — also when Chatwoot has it in the 12-digit form WhatsApp gave Evolution
    /// (a mobile registered without the 9th digit). Chatwoot's search matches parts of names, e-mails and phones, so a
    /// result whose phone is not his is never taken (a note in the wrong doctor's conversation).
    /// </summary>
    async Task<ChatwootContact?> FindContactAsync(string phone, CancellationToken ct)
    {
        foreach (var form in new[] { phone, Doctors.PhoneNumbers.LegacyVariant(phone) }.OfType<string>())
        {
            var contacts = (await client.SearchContactsAsync("+" + form, ct)).Concat(await client.SearchContactsAsync(form, ct)).DistinctBy(c => c.Id);
            if (contacts.FirstOrDefault(c => Doctors.PhoneNumbers.Canonical(c.PhoneNumber) == phone) is { } match) return match;
        }
        return null;
    }

    /// <summary>The doctor's contact, named as WhatsApp or the staff know him (his number when nobody does).</summary>
    async Task<ChatwootContact?> CreateContactAsync(Doctors.DoctorRecord doctor, string phone, long inbox, CancellationToken ct)
    {
        var name = string.Join(' ', new[] { doctor.PrimeiroNome, doctor.Sobrenome }.Where(n => !string.IsNullOrWhiteSpace(n)));
        try
        {
            var created = await client.CreateContactAsync(name.Length > 0 ? name : "+" + phone, "+" + phone, inbox, phone, ct);
            LogContactCreated(doctor.Id, created.Id);
            return created;
        }
        catch (ChatwootException ex) when (ex.Status == 422)
        {
            // The phone was taken a moment ago (Evolution, another process, a person): use that contact.
            return await FindContactAsync(phone, ct);
        }
        catch (ChatwootException ex) when (ex.OutcomeUnknown)
        {
            // No answer: Chatwoot may still create it. Looked for again by the phone this mapping still holds — an erasure
            // in the meantime no longer has it (docs/decisions.md#lgpd, "A contact create with no answer").
            if (!background.TryStart(stop => LookAfterUnansweredCreateAsync(doctor.Id, phone, stop))) LogUnansweredCreateCheckStopped(doctor.Id);
            throw;
        }
    }

    /// <summary>Seconds after an unanswered create, as multiples of the call timeout, that the phone is searched again.</summary>
    static readonly int[] UnansweredCreateChecks = [1, 2, 4, 8];

    /// <summary>
    /// After a create that got no answer: the contact, once it shows up, is stored on the doctor — or, when he was erased
    /// meanwhile (the store refuses an erased row), deleted, since the erasure could not find what did not exist yet.
    /// Stopped by the host's stop, which leaves the runbook's manual step logged (WARNING 6323); never throws.
    /// </summary>
    async Task LookAfterUnansweredCreateAsync(Guid medicoId, string phone, CancellationToken stopping)
    {
        var step = TimeSpan.FromSeconds(Math.Max(1, options.Value.TimeoutSeconds));
        try
        {
            foreach (var times in UnansweredCreateChecks)
            {
                await Task.Delay(step * times, stopping);
                try
                {
                    if (await FindContactAsync(phone, stopping) is not { } contact) continue;
                    if (await doctorStore.SetChatwootContactAsync(medicoId, contact.Id.ToString(CultureInfo.InvariantCulture), stopping)) return;
                    await client.DeleteContactAsync(contact.Id, stopping);
                    LogUnansweredCreateDeleted(medicoId, contact.Id);
                    return;
                }
                // Any failure is one check lost, not the look-up: an exception out of here was nobody's to observe.
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    LogUnansweredCreateCheckFailed(medicoId, ex.GetType().Name);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            LogUnansweredCreateCheckStopped(medicoId);
        }
    }

    [LoggerMessage(EventId = 6324, Level = LogLevel.Warning, Message = "Chatwoot: conversation {ChatwootId} of conversa {ConversaId} answered 404 (deleted in Chatwoot?): forgotten, the next notice maps it again")]
    private partial void LogGone(long chatwootId, Guid conversaId);

    [LoggerMessage(EventId = 6321, Level = LogLevel.Information, Message = "Chatwoot: contato {ContactId} criado sem resposta apareceu depois que o médico {MedicoId} foi apagado (LGPD): apagado de novo")]
    private partial void LogUnansweredCreateDeleted(Guid medicoId, long contactId);

    [LoggerMessage(EventId = 6322, Level = LogLevel.Warning, Message = "Chatwoot: conferir o contato criado sem resposta do médico {MedicoId} falhou ({Erro}); tenta de novo")]
    private partial void LogUnansweredCreateCheckFailed(Guid medicoId, string erro);

    [LoggerMessage(EventId = 6323, Level = LogLevel.Warning, Message = "Chatwoot: conferência do contato criado sem resposta do médico {MedicoId} interrompida pela parada do serviço; se ele foi apagado (LGPD), procure o contato pelo telefone no Chatwoot e apague à mão")]
    private partial void LogUnansweredCreateCheckStopped(Guid medicoId);


    [LoggerMessage(EventId = 6318, Level = LogLevel.Information, Message = "Chatwoot: conversa {ConversaId} não mapeada: o médico foi apagado (LGPD) durante o mapeamento (contato criado e apagado de novo: {Created})")]
    private partial void LogErasedWhileMapping(Guid conversaId, bool created);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Information, Message = "Conversa {ConversaId} mapped to Chatwoot conversation {ChatwootConversationId} (contact {ContactId})")]
    private partial void LogMapped(Guid conversaId, long chatwootConversationId, long contactId);

    [LoggerMessage(EventId = 6314, Level = LogLevel.Information, Message = "Chatwoot: contato {ContactId} criado para o médico {MedicoId} (CHATWOOT_ESPELHAMENTO=app)")]
    private partial void LogContactCreated(Guid medicoId, long contactId);

    [LoggerMessage(EventId = 6315, Level = LogLevel.Information, Message = "Chatwoot: conversa {ChatwootConversationId} criada para a conversa {ConversaId} (contato {ContactId}, CHATWOOT_ESPELHAMENTO=app)")]
    private partial void LogCreated(Guid conversaId, long chatwootConversationId, long contactId);
}
