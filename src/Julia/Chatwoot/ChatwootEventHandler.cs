using System.Globalization;
using Julia.Conversations;
using Julia.Doctors;
using Julia.Handoffs;
using Julia.Infrastructure.Logging;
using Julia.Notifications;
using Julia.Queue;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>What a webhook did: the action taken, or why nothing was.</summary>
internal sealed record ChatwootOutcome(bool Handled, string Action);

/// <summary>
/// The rows of docs/decisions.md#handoff "Chatwoot webhook": label `humano` added → handoff `manual`; label removed or
/// conversation `resolved` → back to Júlia (`resolved` also completes it); an outgoing, public message written by a
/// person → a `humano` interaction, handoff `em_atendimento` (or an implicit takeover). Echoes of Júlia's own sends,
/// agent bots and the integration's own user are never taken for a person. A private note starting with `/confirmar`,
/// `/cancelar` or `/reservar` is a staff command on the doctor's reservations, `/pausar` or `/retomar` one on his contact
/// pause (<see cref="ChatwootCommands"/>); other notes are ignored.
/// </summary>
internal sealed partial class ChatwootEventHandler(
    ConversationStore conversations, ConversationControl control, DoctorDirectory doctors, DoctorStore doctorStore, QueueStore queue, ChatwootIdentity identity,
    ChatwootCommands commands, HandoffStore handoffs, NotificationOutbox outbox, IOptions<ChatwootOptions> options, TimeProvider time, ILogger<ChatwootEventHandler> logger)
{
    public const string HumanLabel = "humano";
    static readonly TimeSpan EchoWindow = TimeSpan.FromMinutes(10);

    public async Task<ChatwootOutcome> HandleAsync(ChatwootEvent e, CancellationToken ct)
    {
        // Conversation ids are per account: another account's conversation 12 (the same webhook URL in two accounts)
        // must not reach our doctor of conversation 12.
        if (e.AccountId is { } account && account != options.Value.AccountId)
        {
            if (OtherAccountLogs.ShouldLog(time.GetUtcNow(), out var skipped)) LogOtherAccount(account, skipped);
            return new(false, "outra conta do Chatwoot");
        }
        switch (e)
        {
            case ChatwootEvent.Ignored ignored:
                return new(false, ignored.Reason);
            // An account webhook not subscribed to `conversation_status_changed` hears of a resolve only as this update;
            // when both come, the second finds the conversation given back and changes nothing (docs/decisions.md#handoff).
            case ChatwootEvent.ConversationUpdated { ResolvedNow: true } updated:
                return await WithConversationAsync(updated, updated.ConversationId, updated.ContactPhone, ct,
                    c => ResolvedAsync(c, updated.ConversationId, updated.Assignee, updated.UpdatedAt, ct), resolve: true);
            case ChatwootEvent.ConversationUpdated updated:
                return await WithConversationAsync(updated, updated.ConversationId, updated.ContactPhone, ct, c => LabelsAsync(c, updated, ct),
                    forStaff: updated.Labels.Any(IsHumanLabel));
            case ChatwootEvent.StatusChanged status when status.Status == "resolved":
                return await WithConversationAsync(status, status.ConversationId, status.ContactPhone, ct,
                    c => ResolvedAsync(c, status.ConversationId, status.Assignee, status.UpdatedAt, ct), resolve: true);
            case ChatwootEvent.StatusChanged status:
                return new(false, $"status {Named(status.Status)}");
            case ChatwootEvent.MessageDeleted deleted:
                return await WithConversationAsync(deleted, deleted.ConversationId, deleted.ContactPhone, ct, async c =>
                    await control.WithdrawStaffMessageAsync(c, deleted.MessageId, ct)
                        ? new ChatwootOutcome(true, "mensagem da equipe apagada: retirada do histórico")
                        : new ChatwootOutcome(false, "mensagem apagada que não é da equipe ou não registrada"));
            case ChatwootEvent.MessageCreated message when IsStaffNote(message) && ReservationCommand.Parse(message.Content) is { } command:
                return await WithConversationAsync(message, message.ConversationId, message.ContactPhone, ct, c => commands.RunAsync(c, message, command, ct));
            case ChatwootEvent.MessageCreated message when IsStaffNote(message) && PauseCommand.Parse(message.Content) is { } pause:
                return await WithConversationAsync(message, message.ConversationId, message.ContactPhone, ct, c => commands.RunAsync(c, message, pause, ct));
            case ChatwootEvent.MessageCreated message when IsStaffNote(message) && StaffCommandSlip.Parse(message.Content) is { } slip:
                return await WithConversationAsync(message, message.ConversationId, message.ContactPhone, ct, c => commands.RunAsync(c, message, slip, ct));
            case ChatwootEvent.MessageCreated message:
                if (WhyNotAPerson(message) is { } reason)
                {
                    if (reason == OwnUser && string.IsNullOrEmpty(message.SourceId)) WarnOwnUserTyped(message);
                    // With `evolution` mirroring Evolution sends the staff's attachments itself: a person wrote to the doctor
                    // (a takeover like any staff message), recorded as an attachment. With `app` only text goes.
                    if (reason == NoText && message.Attachments > 0 && options.Value.AppMirrors)
                        return await WithConversationAsync(message, message.ConversationId, message.ContactPhone, ct, c => AttachmentsNotSentAsync(c, message, false, ct));
                    if (reason == NoText && message.Attachments > 0 && WhyNotAPerson(message with { Content = StaffAttachment }) is null)
                        return await WithConversationAsync(message, message.ConversationId, message.ContactPhone, ct,
                            c => StaffMessageAsync(c, message with { Content = StaffAttachment }, ct));
                    return new(false, reason);
                }
                if (message.Attachments > 0 && options.Value.AppMirrors)
                    return await WithConversationAsync(message, message.ConversationId, message.ContactPhone, ct, async c =>
                    {
                        var outcome = await StaffMessageAsync(c, message, ct);
                        return outcome.Handled ? await AttachmentsNotSentAsync(c, message, true, ct) with { Handled = true } : outcome;
                    });
                return await WithConversationAsync(message, message.ConversationId, message.ContactPhone, ct, c => StaffMessageAsync(c, message, ct),
                    forStaff: true);
            default:
                return new(false, "evento não tratado");
        }
    }

    async Task<ChatwootOutcome> LabelsAsync(ConversationRef c, ChatwootEvent.ConversationUpdated e, CancellationToken ct)
    {
        var hasLabel = e.Labels.Any(IsHumanLabel);
        // Only a label just added hands off: Chatwoot keeps labels on resolve and sends `conversation_updated` for status,
        // assignee and reopen changes too; a `humano` label still there from an earlier handoff is not a new request.
        // A payload without `changed_attributes` cannot tell: the specified rule (labels contain it, Júlia in control) —
        // but not on a conversation resolved in the payload, nor where a handoff of this Chatwoot conversation was already
        // resolved: agent bots get such payloads for every update, the resolve itself included (docs/decisions.md#handoff,
        // "genuine Chatwoot payloads").
        var justAdded = hasLabel && (e.PreviousLabels is { } before ? !before.Any(IsHumanLabel)
            : !e.ChangesKnown && e.Status != "resolved" && !await handoffs.ResolvedInChatwootConversationAsync(c.MedicoId,
                e.ConversationId.ToString(CultureInfo.InvariantCulture), ct));
        // A finished conversation is taken over as the doctor's open one (ConversationControl.TakeOverAsync), whoever had it.
        if (justAdded && (!c.HumanControlled || !c.IsOpen))
        {
            await control.TakeOverAsync(c, LabelReason, options.Value.TransitionOnLabel, ct);
            return new(true, "handoff manual (label humano)");
        }
        // A person already has him (a trigger's handoff, a recruiter's reply): the label changes no control, but the open
        // handoff records that the staff marked it too — once, however often Chatwoot delivers the change.
        if (justAdded && await handoffs.NoteLabelOnOpenAsync(c.Id, LabelReason, ct))
            return new(true, "label humano registrada no handoff aberto");
        // Only a change of labels returns the conversation: other updates (assignee, priority) keep a trigger's handoff.
        if (!hasLabel && c.HumanControlled && e.PreviousLabels is { } previous && previous.Any(IsHumanLabel))
        {
            const string note = "label humano removida no Chatwoot";
            await ReturnOthersAsync(c, e.ConversationId, e.Assignee, note, ct);
            await control.ReturnToJuliaAsync(c, e.Assignee, note, complete: false, ct, inChatwoot: true);
            return new(true, "devolvida à Júlia (label removida)");
        }
        return new(false, "sem mudança de controle");
    }

    /// <summary>
    /// Resolved in Chatwoot: back to Júlia and the conversation `completed`. A conversation already finished and with
    /// Júlia is a second delivery of the same resolve (`conversation_status_changed` and `conversation_updated`, or an
    /// agent bot's `conversation_resolved` too): nothing changes. A resolve made before what it would give back began (its
    /// `updated_at` older than the open handoff, or than a conversation opened after an earlier ending in that Chatwoot
    /// conversation) is that earlier resolve delivered again — a Chatwoot retry, a replay days later — and gives back
    /// nothing: it used to close the conversation Júlia had just opened with him (docs/decisions.md#handoff, "A resolve
    /// delivered again").
    /// </summary>
    async Task<ChatwootOutcome> ResolvedAsync(ConversationRef c, long chatwootId, string? assignee, DateTimeOffset? at, CancellationToken ct)
    {
        var chatwoot = chatwootId.ToString(CultureInfo.InvariantCulture);
        if (at is { } made && (c.IsOpen || c.HumanControlled)
            && await handoffs.StartAfterAnEndingAsync(c.Id, chatwoot, ct) is { } start && made + ResolveClockSkew < start)
        {
            LogOlderResolve(chatwootId, c.Id, made, start);
            return new(false, c.HumanControlled ? "resolve anterior ao handoff aberto (entregue de novo): nada muda"
                : "resolve anterior a esta conversa (entregue de novo): nada muda");
        }
        var others = await ReturnOthersAsync(c, chatwootId, assignee, ResolvedNote, ct);
        if (!c.IsOpen && !c.HumanControlled)
            return others > 0 ? new(true, "handoff de conversa anterior resolvido") : new(false, "já resolvida");
        return await control.ReturnToJuliaAsync(c, assignee, ResolvedNote, complete: true, ct, inChatwoot: true)
            ? new ChatwootOutcome(true, c.HumanControlled ? "devolvida à Júlia (resolvida)" : "conversa encerrada (já estava com a Júlia)")
            : others > 0 ? new ChatwootOutcome(true, "handoff de conversa anterior resolvido")
            : new ChatwootOutcome(false, "já estava com a Júlia");
    }

    const string ResolvedNote = "conversa resolvida no Chatwoot";

    /// <summary>How far Chatwoot's clock may be behind Júlia's before a resolve reads as older than what it would give back.</summary>
    static readonly TimeSpan ResolveClockSkew = TimeSpan.FromMinutes(1);
    const string LabelReason = "label humano no Chatwoot";

    /// <summary>
    /// A return to Júlia in Chatwoot resolves every open handoff of that Chatwoot conversation: also one left open on a
    /// conversation of the doctor's that has since finished (Evolution keeps one Chatwoot conversation for both), which
    /// otherwise waited for the nightly sweep and kept showing as pending (docs/decisions.md#handoff). How many it resolved.
    /// </summary>
    async Task<int> ReturnOthersAsync(ConversationRef c, long chatwootId, string? resolvedBy, string note, CancellationToken ct)
    {
        var returned = 0;
        foreach (var id in await handoffs.OpenOnOtherConversationsAsync(c.MedicoId, chatwootId.ToString(CultureInfo.InvariantCulture), c.Id, ct))
            if (await conversations.FindAsync(id, ct) is { } other
                && await control.ReturnToJuliaAsync(other, resolvedBy, note, complete: false, ct, inChatwoot: true))
                returned++;
        return returned;
    }

    async Task<ChatwootOutcome> StaffMessageAsync(ConversationRef c, ChatwootEvent.MessageCreated m, CancellationToken ct)
    {
        if (m.SourceId is { Length: > 0 } source && await conversations.IsOurOutboundAsync(StripWaid(source), ct))
            return new(false, "eco de um envio da Júlia");
        if (await queue.WasSentRecentlyAsync(c.MedicoId, m.Content!, EchoWindow, ct))
            return new(false, "eco de um envio da Júlia (mesmo texto)");
        // A `WAID:` source is a message already on WhatsApp (sent from the phone, or by Evolution's own integration): it
        // is recorded, never sent a second time, even with CHATWOOT_ESPELHAMENTO=app (docs/decisions.md#handoff).
        var deliver = options.Value.AppMirrors && !IsOnWhatsAppAlready(m.SourceId);
        if (await control.RecordStaffMessageAsync(c, m.Content!, "chatwoot", m.MessageId, deliver, m.SenderName, ct, m.CreatedAt)
            is not { } recorded)
            return new(false, "mensagem da equipe já registrada (entregue de novo pelo Chatwoot)");
        return new(true, recorded.TookOver ? (c.IsOpen ? "mensagem da equipe: assumiu a conversa" : "mensagem da equipe: conversa reaberta com a equipe")
            : recorded.Conversation.IsOpen ? "mensagem da equipe registrada"
            : "mensagem da equipe registrada (conversa recém-encerrada: a Júlia segue com o médico)");
    }

    const string NoText = "mensagem sem texto";
    const string OwnUser = "mensagem da própria integração";
    const string Imported = "histórico importado: não é resposta da equipe";

    /// <summary>
    /// A message Chatwoot says was written elsewhere (`external_created_at`) longer ago than this is history being
    /// imported, not a person answering now (docs/decisions.md#handoff, "Imported history is no staff reply"). A live
    /// mirror that sets it (a bridge copying a message typed on the phone) arrives within seconds.
    /// </summary>
    internal static readonly TimeSpan HistoryAge = TimeSpan.FromHours(1);

    /// <summary>
    /// A public message of the token's own user without a `source_id` was typed in Chatwoot's screen: Júlia writes as
    /// that user only private notes and, with `app` mirroring, copies that carry her send's id, and Evolution's mirrors
    /// carry `WAID:`. The integration's own user is never a person (docs/decisions.md#handoff, "Chatwoot webhook"), so when
    /// the token is the profile token of someone who also answers doctors (an admin's own), her reply takes nothing over
    /// and Júlia goes on answering him: said to the operator, once a minute (docs/decisions.md#handoff, "Second blind round").
    /// </summary>
    void WarnOwnUserTyped(ChatwootEvent.MessageCreated m)
    {
        if (OwnUserLogs.ShouldLog(time.GetUtcNow(), out var skipped)) LogOwnUserTyped(m.MessageId, m.ConversationId, m.SenderId ?? 0, skipped);
    }

    /// <summary>What a staff message made only of attachments is recorded as (`interacoes.conteudo`; the history the agent reads).</summary>
    public const string StaffAttachment = "[anexo enviado pela equipe]";
    public const string AttachmentNoticeKind = "aviso_anexo";

    /// <summary>
    /// Júlia sends text only: a staff attachment would silently never reach the doctor while Chatwoot shows it as sent.
    /// A private note in the conversation says so (through the outbox, once per message).
    /// </summary>
    async Task<ChatwootOutcome> AttachmentsNotSentAsync(ConversationRef c, ChatwootEvent.MessageCreated m, bool textSent, CancellationToken ct)
    {
        var text = textSent
            ? "Júlia: o texto desta mensagem foi enviado ao médico, mas o anexo não (pelo WhatsApp da Júlia só sai texto). Mande um link ou descreva o conteúdo."
            : "Júlia: esta mensagem só tinha anexo e não foi enviada ao médico (pelo WhatsApp da Júlia só sai texto). Mande um link ou descreva o conteúdo.";
        if (options.Value.Enabled)
            await outbox.EnqueueAsync(new NewNotification(ChatwootNotes.Channel, AttachmentNoticeKind,
                $"{ChatwootNotes.Channel}:{AttachmentNoticeKind}:{m.ConversationId}:{m.MessageId}", null, c.Id, new { texto = text }), ct);
        LogAttachmentsNotSent(c.Id, m.Attachments);
        return new(false, textSent ? "anexo não enviado (só texto); a equipe foi avisada" : "só anexo: não enviado; a equipe foi avisada");
    }

    /// <summary>A Chatwoot type name (incoming, agent_bot …) as it came, anything else not echoed: it is request text.</summary>
    static string Named(string? value) =>
        value is { Length: > 0 and <= 20 } && value.All(c => char.IsAsciiLetter(c) || c == '_') ? value : "desconhecido";

    /// <summary>Null when the message was written by a person in Chatwoot to the doctor; otherwise why it is not.</summary>
    string? WhyNotAPerson(ChatwootEvent.MessageCreated m)
    {
        if (m.MessageType != "outgoing") return $"mensagem {Named(m.MessageType)}";
        if (m.Private) return "nota privada";
        if (m.SenderType is not "user") return $"remetente {Named(m.SenderType)}";
        if (identity.ProfileId is { } self && m.SenderId == self) return OwnUser;
        // An import of old conversations (a user's token through the Messages API, or Chatwoot's own history sync) posts
        // them as `outgoing` by a `user`: read as replies, each one took the conversation over (and with `app` mirroring
        // would have been sent to the doctor again).
        if (m.WrittenElsewhereAt is { } elsewhere && time.GetUtcNow() - elsewhere > HistoryAge) return Imported;
        if (string.IsNullOrWhiteSpace(m.Content)) return NoText;
        return null;
    }

    /// <summary>A private note a person wrote (not the integration itself): where staff commands live.</summary>
    bool IsStaffNote(ChatwootEvent.MessageCreated m) =>
        m.MessageType == "outgoing" && m.Private && m.SenderType is "user" && !(identity.ProfileId is { } self && m.SenderId == self);

    /// <summary>By Chatwoot id, else by the contact's phone (the mapping is then stored); unknown → WARNING and 200.</summary>
    /// <remarks>
    /// The phone fallback only for a conversation in Júlia's inbox (when the payload names one): a conversation of another
    /// inbox with the doctor's number (a colleague's own channel) is not the doctor's conversation with Júlia, and taking
    /// it would move the mapping and send its messages to the doctor's WhatsApp.
    /// </remarks>
    /// <param name="forStaff">A person's message to the doctor, or the label `humano`: a doctor who never had a conversation
    /// with Júlia (an imported doctor the recruiter contacted first) gets one for the staff — else the message was dropped
    /// as "conversa desconhecida" and Júlia answered his reply over the recruiter.</param>
    /// <param name="resolve">A resolve: it closes only what is in this Chatwoot conversation — the doctor's open conversation
    /// stands for a finished one here only when it is under human control and mapped nowhere else (an operator resolving
    /// an old Chatwoot conversation again used to close the one Júlia had opened with him since, mapped to another).</param>
    async Task<ChatwootOutcome> WithConversationAsync(ChatwootEvent e, long chatwootId, string? phone, CancellationToken ct, Func<ConversationRef, Task<ChatwootOutcome>> act,
        bool forStaff = false, bool resolve = false)
    {
        var id = chatwootId.ToString(CultureInfo.InvariantCulture);
        var conversation = await conversations.FindByChatwootAsync(id, ct);
        if (conversation is { Status: not ("active" or "paused") } finished)
        {
            // Evolution reopens the same Chatwoot conversation when the doctor writes again after a resolve, while Júlia
            // opened a new one: a label or a reply there is about the doctor's open conversation, not the finished one
            // (a `humano` label used to hand off the completed one, and Júlia went on answering him).
            if (await conversations.FindLatestOfDoctorAsync(finished.MedicoId, ct) is { Status: "active" or "paused" } open && open.Id != finished.Id
                && (!resolve || open is { ChatwootConversationId: null, HumanControlled: true }))
            {
                if (open.ChatwootConversationId is null)
                {
                    await conversations.SetChatwootAsync(open.Id, id, null, ct);
                    open = open with { ChatwootConversationId = id };
                }
                conversation = open;
            }
        }
        var ourInbox = e.InboxId is not { } inbox || inbox == options.Value.InboxId;
        var canonical = PhoneNumbers.Canonical(phone);
        if (conversation is null && ourInbox && (canonical is not null || e.ContactLid is not null)
            && await doctors.FindAsync(canonical, canonical is null ? e.ContactLid : null, ct) is { } doctor)
        {
            conversation = await conversations.FindLatestOfDoctorAsync(doctor.Id, ct)
                           ?? (forStaff ? await conversations.OpenForStaffAsync(doctor.Id, id, ct) : null);
            // Found by his contact: that contact is his, stored on the doctor as the API mapping does (docs/decisions.md#handoff, "Chatwoot webhook").
            var contact = ContactIdOf(e)?.ToString(CultureInfo.InvariantCulture);
            if (contact is not null) await doctorStore.SetChatwootContactAsync(doctor.Id, contact, ct);
            if (conversation is not null && (conversation.ChatwootConversationId != id || contact is not null && conversation.ChatwootContactId != contact))
            {
                await conversations.SetChatwootAsync(conversation.Id, id, contact, ct);
                conversation = conversation with { ChatwootConversationId = id, ChatwootContactId = contact ?? conversation.ChatwootContactId };
            }
        }
        if (conversation is null)
        {
            // Any sender with the token can repeat it: one line a minute, with how many were left out (docs/decisions.md#configuration).
            if (UnknownLogs.ShouldLog(time.GetUtcNow(), out var skipped)) LogUnknownConversation(chatwootId, skipped);
            return new(false, "conversa desconhecida");
        }
        return await act(conversation);
    }

    /// <summary>
    /// `humano`, also as one word of a longer label — `atendimento-humano`, `Humano_Urgente` — as teams name their labels
    /// (the fixture's own is `atendimento-humano`, which was silently ignored: the rule is "labels contain `humano`", docs/decisions.md#handoff).
    /// </summary>
    internal static bool IsHumanLabel(string label) =>
        label.Split(['-', '_', ' ', '.', ':', '/'], StringSplitOptions.RemoveEmptyEntries)
            .Any(word => string.Equals(word, HumanLabel, StringComparison.OrdinalIgnoreCase));

    static long? ContactIdOf(ChatwootEvent e) => e switch
    {
        ChatwootEvent.ConversationUpdated u => u.ContactId,
        ChatwootEvent.StatusChanged s => s.ContactId,
        ChatwootEvent.MessageCreated m => m.ContactId,
        ChatwootEvent.MessageDeleted d => d.ContactId,
        _ => null,
    };

    /// <summary>Evolution's Chatwoot integration writes the WhatsApp id as `WAID:&lt;id&gt;`.</summary>
    const string Waid = "WAID:";

    static bool IsOnWhatsAppAlready(string? sourceId) => sourceId?.StartsWith(Waid, StringComparison.OrdinalIgnoreCase) == true;

    static string StripWaid(string sourceId) => IsOnWhatsAppAlready(sourceId) ? sourceId[Waid.Length..] : sourceId;

    [LoggerMessage(EventId = 6313, Level = LogLevel.Information, Message = "Staff message in conversa {ConversaId} had {Count} attachments: not sent to the doctor (text only), note to the staff queued")]
    private partial void LogAttachmentsNotSent(Guid conversaId, int count);

    [LoggerMessage(EventId = 6317, Level = LogLevel.Information, Message = "Chatwoot resolve of conversation {ChatwootConversationId} made at {MadeAt:o} is older than what conversa {ConversaId} holds since {Since:o}: ignored (delivered again)")]
    private partial void LogOlderResolve(long chatwootConversationId, Guid conversaId, DateTimeOffset madeAt, DateTimeOffset since);

    readonly LogThrottle OtherAccountLogs = new(TimeSpan.FromMinutes(1)), UnknownLogs = new(TimeSpan.FromMinutes(1)), OwnUserLogs = new(TimeSpan.FromMinutes(1));

    [LoggerMessage(EventId = 6319, Level = LogLevel.Warning, Message = "Chatwoot message {MessageId} in conversation {ChatwootConversationId} was written in Chatwoot by CHATWOOT_API_TOKEN's own user {UserId}: not taken as a person, Júlia keeps the conversation — give Júlia the token of a user nobody answers doctors with ({Skipped} more since the last such line)")]
    private partial void LogOwnUserTyped(long messageId, long chatwootConversationId, long userId, long skipped);

    [LoggerMessage(EventId = 6312, Level = LogLevel.Warning, Message = "Chatwoot webhook from account {AccountId}, not CHATWOOT_ACCOUNT_ID: ignored ({Skipped} more since the last such line)")]
    private partial void LogOtherAccount(long accountId, long skipped);

    [LoggerMessage(EventId = 6311, Level = LogLevel.Warning, Message = "Chatwoot webhook for unknown conversation {ChatwootConversationId}: ignored (not a Júlia conversation, or the contact's phone is unknown; {Skipped} more since the last such line)")]
    private partial void LogUnknownConversation(long chatwootConversationId, long skipped);
}
