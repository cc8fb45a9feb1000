using Julia.Conversations.Text;
using Julia.Doctors;
using Julia.Infrastructure.Logging;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;
using Npgsql;
using Julia.Infrastructure.Text;

namespace Julia.Conversations;

/// <summary>
/// Webhook side of the inbound flow (docs/decisions.md#inbound): who sent it, store it once, wake the turn runner. Everything after runs from
/// the durable row, so a crash after the 200 loses nothing.
/// </summary>
internal sealed partial class InboundIntake(
    DoctorDirectory doctors, DoctorContext context, InboundStore store, TurnSignals signals, IEnumerable<ILidPhoneLookup> lidPhones,
    IOptions<ConversationsOptions> options, ConversationsMeter meter, TimeProvider time, ILogger<InboundIntake> logger) : IInboundMessageSink
{
    public Task<IntakeResult> AcceptAsync(InboundMessage message, CancellationToken ct) => AcceptAsync(message, ct, retried: false);

    async Task<IntakeResult> AcceptAsync(InboundMessage message, CancellationToken ct, bool retried)
    {
        var canonical = PhoneNumbers.Canonical(message.PhoneJid ?? message.RemoteJid);
        var lid = PhoneNumbers.ValidLid(message.Lid);
        if (canonical is null && lid is null)
        {
            // Attacker-controlled text: never logged whole, unmasked or with its control characters; and any sender can
            // send it again and again: one line a minute, with how many were left out (docs/decisions.md#configuration).
            if (UnusableLogs.ShouldLog(time.GetUtcNow(), out var skipped)) LogUnusableAddress(LogText.Untrusted(message.RemoteJid), skipped);
            return IntakeResult.Ignored;
        }
        var jid = ReplyAddress(message.RemoteJid, canonical, lid);
        var o = options.Value;
        var received = time.GetUtcNow();
        var limits = new InboundTextLimits(o.MaxMessageChars, o.TruncateAboveChars, o.RejectAboveChars);
        var chatwootId = ChatwootId(message.ChatwootConversationId);
        var row = new InboundRow(
            message.MessageId, message.Kind,
            InboundText.Stored(message.Text, message.Kind, limits),
            InboundStore.MediaJson(BoundedCaption(message.Media, o.MaxMessageChars), message.MessageId, message.Quoted, chatwootId,
                InboundText.WrittenBefore(message.SentAt, received), IntentInCutTail(message.Text, limits)),
            jid, received);

        DoctorRecord? doctor;
        if (canonical is null)
        {
            doctor = await doctors.FindAsync(null, lid, ct);
            // A LID nobody has, on a message Evolution also put in Chatwoot: his Chatwoot contact may know his phone
            // (docs/decisions.md#inbound, "LID-only senders"). Then he is that phone's doctor, and replies still go to the
            // LID he wrote from.
            if (doctor is null && chatwootId is not null
                && await PhoneFromChatwootAsync(long.Parse(chatwootId, System.Globalization.CultureInfo.InvariantCulture), ct) is { } phone)
            {
                canonical = phone;
                LogLidResolved(PhoneMask.Mask(lid), PhoneMask.Mask(phone));
            }
        }
        else doctor = await doctors.FindCachedAsync(canonical);
        Guid? stored;
        var inserting = time.GetTimestamp();
        if (canonical is not null && doctor is null)
        {
            // Not cached: his lookup and his message in one statement (docs/decisions.md#inbound).
            (doctor, stored, var profile) = await store.InsertForPhoneAsync(canonical, row, ct);
            if (doctor?.Telefone == canonical)
            {
                await doctors.RememberAsync(doctor);
                if (profile is not null) await context.RememberAsync(profile);
                if (stored is not null) await doctors.RefreshIdentityIfNeededAsync(doctor, jid, lid, message.PushName, ct);
                meter.Time("db:mensagem_entrada", time.GetElapsedTime(inserting));
                return Outcome(message, stored, canonical, lid, row);
            }
            // Found by the legacy form of his number, which the lookup rewrites first; or nobody (a new sender).
            if (doctor is not null) doctor = await doctors.FindAsync(canonical, lid, ct);
        }

        if (doctor is null)
        {
            stored = await store.InsertWithNewDoctorAsync(doctors.NewSender(canonical, jid, lid, message.PushName), row, ct)
                     ?? await RetryAfterRaceAsync(canonical, lid, message, row, ct);
        }
        else
        {
            bool erased;
            try
            {
                (stored, erased) = await store.InsertAsync(doctor.Id, row, ct);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ForeignKeyViolation && !retried)
            {
                // The cache named a doctor the database no longer has (a restored or recreated database): drop the
                // cached views and look him up again, once.
                LogStaleCache(doctor.Id);
                await doctors.InvalidateAsync(doctor);
                return await AcceptAsync(message, ct, retried: true);
            }
            if (erased && !retried)
            {
                // The view came from before an LGPD erasure (docs/decisions.md#lgpd): his row no longer has this address,
                // so the lookup again finds nobody and the sender starts a new, clean record.
                LogErasedCache(doctor.Id);
                await doctors.InvalidateAsync(doctor);
                return await AcceptAsync(message, ct, retried: true);
            }
            if (stored is not null) await doctors.RefreshIdentityIfNeededAsync(doctor, jid, lid, message.PushName, ct);
        }
        meter.Time("db:mensagem_entrada", time.GetElapsedTime(inserting));
        return Outcome(message, stored, canonical, lid, row);
    }

    /// <summary>
    /// An edit or a deletion for everyone of one of his messages (docs/decisions.md#inbound, "Edits and deletions"): an
    /// edit of a message no turn has read yet replaces its text — the turn reads his corrected words; a deletion takes the
    /// text out of the conversation (a message no turn has read is then skipped, never answered). Only the sender's own
    /// message is changed.
    /// </summary>
    public async Task<bool> ReviseAsync(InboundRevision revision, CancellationToken ct)
    {
        var canonical = PhoneNumbers.Canonical(revision.PhoneJid ?? revision.RemoteJid);
        var lid = PhoneNumbers.ValidLid(revision.Lid ?? revision.RemoteJid);
        // A chat was named but is no doctor's address: nothing of his to change. No chat named (an edit event, whose key is
        // the sender's): the store finds the message by its id among the doctors' own.
        if (revision.RemoteJid is not null && canonical is null && lid is null) return false;
        var o = options.Value;
        var content = revision.Text is null ? null
            : InboundText.Stored(revision.Text, WhatsApp.MessageKinds.Text, new InboundTextLimits(o.MaxMessageChars, o.TruncateAboveChars, o.RejectAboveChars));
        // The same words as a media's caption, if the message he edited is a photo, a document or a video.
        var caption = revision.Text is null ? null : BoundedCaption(new InboundMedia(null, null, revision.Text, null), o.MaxMessageChars)!.Caption;
        if (await store.ReviseAsync(revision.TargetId, canonical, lid, content, caption, ct) is not var (medicoId, repliesCancelled)) return false;
        LogRevised(LogText.Untrusted(revision.TargetId), medicoId, content is null ? "apagada" : "editada");
        if (repliesCancelled > 0) LogReplyWithdrawn(medicoId, repliesCancelled);
        // The new words go with the signal, as a new message's do: an edit that asks to stop is not held by the debounce.
        if (content is not null) signals.Notify(medicoId, content);
        return true;
    }

    /// <summary>
    /// Where replies go (docs/decisions.md#inbound): the address the doctor wrote from — his LID, or the phone JID of the
    /// number he was identified by, in WhatsApp's own form (a legacy 12-digit number stays as written; device suffix,
    /// separators and case dropped) — otherwise (garbage, or another number than the one in remoteJidAlt) the JID of his
    /// number, or his LID. Replies never go to an address the identity did not come from. Whether a LID belongs to
    /// another doctor is settled where it is stored (DoctorStore.RefreshIdentityAsync).
    /// </summary>
    internal static string ReplyAddress(string remoteJid, string? canonical, string? lid) =>
        PhoneNumbers.ValidLid(remoteJid) is { } remoteLid ? remoteLid
        : canonical is not null && PhoneNumbers.Canonical(remoteJid) == canonical ? PhoneNumbers.SenderJid(remoteJid)
        : canonical is not null ? PhoneNumbers.Jid(canonical)
        : lid!;

    /// <summary>Evolution's `chatwootConversationId`, when it is a Chatwoot id (digits): any other text is not kept.</summary>
    static string? ChatwootId(string? id) => id is { Length: > 0 and <= 18 } && id.All(char.IsAsciiDigit) ? id : null;

    async Task<string?> PhoneFromChatwootAsync(long chatwootConversationId, CancellationToken ct)
    {
        foreach (var lookup in lidPhones)
            if (PhoneNumbers.Canonical(await lookup.PhoneAsync(chatwootConversationId, ct) ?? "") is { } phone) return phone;
        return null;
    }

    /// <summary>The cut end of a long message, when it asks to stop or for a person: the turn reads it with the stored text.</summary>
    static string? IntentInCutTail(string? text, InboundTextLimits limits) =>
        InboundText.CutTail(text, limits) is { } tail && (OptOutDetector.IsOptOut(tail) || HandoffTriggerDetector.Detect(tail) is not null) ? tail : null;

    /// <summary>A media caption reaches the model like a text: cut at MAX_MENSAGEM_CHARS (the text column has its own rules).</summary>
    static InboundMedia? BoundedCaption(InboundMedia? media, int maxChars) =>
        media is { Caption.Length: var length } && length > maxChars ? media with { Caption = TextPrefix.Of(media.Caption, maxChars) + "..." } : media;

    /// <summary>Stored: the turn runner is woken. Null: this message id was already stored.</summary>
    IntakeResult Outcome(InboundMessage message, Guid? stored, string? canonical, string? lid, InboundRow row)
    {
        if (stored is not { } medicoId)
        {
            LogDuplicate(LogText.Untrusted(message.MessageId)); // DEBUG: Evolution's own resends, nothing to act on
            return IntakeResult.Duplicate;
        }
        meter.MessageReceived();
        // key.id is the sender's text: it may be a phone number, or carry escapes (docs/decisions.md#configuration).
        LogAccepted(LogText.Untrusted(message.MessageId), medicoId, message.Kind, PhoneMask.Mask(canonical ?? lid));
        // His words go with the signal: an opt-out or a handoff trigger among them is not held by the debounce
        // (docs/decisions.md#inbound).
        signals.Notify(medicoId, message.Kind == WhatsApp.MessageKinds.Text ? row.Content : message.Media?.Caption);
        return IntakeResult.Accepted;
    }

    // Another process created this doctor between our lookup and insert (or the message is a duplicate).
    // Or a LID-only doctor whose phone now comes beside his LID: he is given the phone (the LID↔phone pair), so his next
    // message is found by phone at once.
    async Task<Guid?> RetryAfterRaceAsync(string? canonical, string? lid, InboundMessage message, InboundRow row, CancellationToken ct)
    {
        var doctor = await doctors.FindAsync(canonical, lid, ct);
        if (doctor is null) return null;
        if (canonical is not null && doctor.Telefone is not null && doctor.Telefone != canonical)
        {
            // The LID beside this number is the doctor of another number: the phone is the identity
            // (docs/decisions.md#inbound), so this number is a doctor of his own, without that LID — his words never
            // join the other doctor's conversation, and the reply goes to the number he wrote from.
            LogLidOfAnotherNumber(PhoneMask.Mask(canonical), doctor.Id);
            if (await store.InsertWithNewDoctorAsync(doctors.NewSender(canonical, row.RemoteJid, null, message.PushName), row, ct) is { } own)
                return own;
            return await doctors.FindAsync(canonical, null, ct) is { } same ? (await store.InsertAsync(same.Id, row, ct)).Stored : null;
        }
        var stored = (await store.InsertAsync(doctor.Id, row, ct)).Stored;
        if (stored is not null && doctor.Telefone is null && canonical is not null) await doctors.PairPhoneAsync(doctor, canonical, ct);
        return stored;
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Inbound {MessageId} accepted for medico {MedicoId} ({Kind}, {Phone})")]
    private partial void LogAccepted(string messageId, Guid medicoId, string kind, string phone);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Information, Message = "Inbound {MessageId} of medico {MedicoId} {Change} by the doctor")]
    private partial void LogRevised(string messageId, Guid medicoId, string change);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Information, Message = "Resposta cancelada: medico {MedicoId} apagou as mensagens que ela respondia ({Count} partes não enviadas)")]
    private partial void LogReplyWithdrawn(Guid medicoId, int count);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Inbound {MessageId} is a duplicate delivery: ignored")]
    private partial void LogDuplicate(string messageId);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "LID {Lid} unknown: Chatwoot's contact gives the phone {Phone}")]
    private partial void LogLidResolved(string lid, string phone);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Cached medico {MedicoId} is not in the database (restored database?): cache dropped, looked up again")]
    private partial void LogStaleCache(Guid medicoId);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Found medico {MedicoId}, who was erased (LGPD): cache dropped, looked up again")]
    private partial void LogErasedCache(Guid medicoId);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Phone {Phone} came with the LID of medico {MedicoId}, who has another number: a doctor of its own, without that LID")]
    private partial void LogLidOfAnotherNumber(string phone, Guid medicoId);

    readonly LogThrottle UnusableLogs = new(TimeSpan.FromMinutes(1));

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Inbound from {Address} has no usable phone or LID: ignored ({Skipped} more since the last such line)")]
    private partial void LogUnusableAddress(string address, long skipped);
}
