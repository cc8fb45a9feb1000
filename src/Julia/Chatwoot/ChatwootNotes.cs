using System.Globalization;
using System.Text.Json;
using Julia.Conversations;
using Julia.Handoffs;
using Julia.Infrastructure.Resilience;
using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;
using Julia.Notifications;
using Julia.Shifts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Chatwoot;

/// <summary>
/// Chatwoot's side of a handoff: a private note with its type and reason, put in the outbox in the handoff's own
/// transaction and delivered behind the `chatwoot` circuit breaker — after mapping the conversation — so Chatwoot being
/// down delays the note and undoes nothing. Also delivers the copies of `CHATWOOT_ESPELHAMENTO=app` and the private notes
/// answering staff commands (<see cref="ChatwootCommands"/>).
/// </summary>
internal sealed class ChatwootNotes(
    NotificationOutbox outbox, ChatwootClient client, ChatwootMapping mapping, ConversationStore conversations, HandoffStore handoffs,
    CircuitBreakers breakers, IOptions<ChatwootOptions> options, ReservationQueries reservations, IOptions<ShiftsOptions> shifts,
    TimeProvider time) : IHandoffEffect, IConversationOptOutEffect, INotificationChannel
{
    public const string Channel = "chatwoot";
    public const string HandoffNote = "nota_handoff", Copy = "copia", OptOutNote = "nota_opt_out", ResolvedNote = "nota_resolvido";

    /// <summary>A conversation Chatwoot has not created yet (its first mirrored message is on the way) is looked up again this many times.</summary>
    const int MappingAttempts = 6;

    public string Name => Channel;

    public async Task OnOpenedAsync(NpgsqlTransaction tx, HandoffOpened opened, CancellationToken ct)
    {
        if (!options.Value.Enabled) return;
        await outbox.EnqueueAsync(tx, new NewNotification(Channel, HandoffNote, $"{Channel}:{HandoffNote}:{opened.HandoffId}", opened.HandoffId,
            opened.ConversationId, new { handoff_id = opened.HandoffId }), ct);
    }

    /// <summary>
    /// A handoff resolved outside Chatwoot (`POST /admin/handoffs/{id}/resolver`, the simulator's pane, the idle-close
    /// job): the recruiter in Chatwoot is told that Júlia answers again — else she keeps writing, and her next message
    /// silently takes the conversation back (a new `manual` handoff, a new Slack alert). Resolved in Chatwoot itself:
    /// nothing to say.
    /// </summary>
    public async Task OnResolvedAsync(NpgsqlTransaction tx, HandoffResolved resolved, CancellationToken ct)
    {
        if (!options.Value.Enabled || resolved.InChatwoot) return;
        await outbox.EnqueueAsync(tx, new NewNotification(Channel, ResolvedNote, $"{Channel}:{ResolvedNote}:{resolved.HandoffId}", resolved.HandoffId,
            resolved.ConversationId, new { texto = ResolvedText(resolved) }), ct);
    }

    /// <summary>
    /// "✅ Handoff resolvido por Carla fora do Chatwoot…", or "resolvido pela equipe" when nobody is named ("resolvido por
    /// equipe" lacked its article).
    /// </summary>
    internal static string ResolvedText(HandoffResolved r) =>
        $"✅ Handoff resolvido {(string.IsNullOrWhiteSpace(r.ResolvedBy) ? "pela equipe" : $"por {r.ResolvedBy}")} fora do Chatwoot" +
        (string.IsNullOrWhiteSpace(r.Notes) ? "" : $" ({r.Notes})") +
        ". A Júlia voltou a responder a este médico; se você escrever aqui de novo, a conversa volta para a equipe.";

    /// <summary>
    /// The doctor asked to stop while a person had his conversation: Júlia sent him nothing, so the staff are told in a
    /// private note (docs/decisions.md#opt-out) — they would otherwise go on writing to a doctor who asked for silence.
    /// </summary>
    public async Task OnOptedOutAsync(NpgsqlTransaction tx, OptedOut optedOut, CancellationToken ct)
    {
        if (!options.Value.Enabled || !optedOut.HumanControlled) return;
        var text = "Júlia: o médico pediu para não receber mais mensagens (opt-out registrado; nenhuma mensagem automática " +
                   $"sai mais para ele). Mensagem dele: {optedOut.Text}";
        await outbox.EnqueueAsync(tx, new NewNotification(Channel, OptOutNote, $"{Channel}:{OptOutNote}:{optedOut.ConversationId}", null,
            optedOut.ConversationId, new { texto = text }), ct);
    }

    public async Task<DeliveryResult> DeliverAsync(Notification n, CancellationToken ct)
    {
        if (!options.Value.Enabled) return new DeliveryResult.Failed("Chatwoot desligado (sem CHATWOOT_URL/CHATWOOT_API_TOKEN)");
        if (await ConversationOfAsync(n, ct) is not { } conversation)
            // A copy of a first message can be due before the turn created the conversation: look again shortly.
            return n.Attempts + 1 < MappingAttempts
                ? new DeliveryResult.Retry("conversa ainda não criada", TimeSpan.FromSeconds(2 * (n.Attempts + 1)))
                : new DeliveryResult.Failed("conversa não encontrada");
        // With `app` mirroring, a doctor's first message is copied before his conversation exists and waits for it: what
        // came after it (the handoff note, Júlia's reply) waits for it in turn, so Chatwoot shows them in order.
        if (options.Value.AppMirrors && n.ConversationId is not null
            && await outbox.HasEarlierUndeliveredOfDoctorAsync(Channel, Copy, conversation.MedicoId, n.Id, ct))
            return new DeliveryResult.Retry("cópia anterior de mensagem do médico ainda não entregue", TimeSpan.FromSeconds(1), CountsAsAttempt: false);
        var breaker = breakers.Chatwoot;
        if (!breaker.TryEnter()) return new DeliveryResult.Retry("circuito chatwoot aberto", TimeSpan.FromSeconds(30), CountsAsAttempt: false);
        try
        {
            var result = await DeliverMappedAsync(n, conversation, ct);
            breaker.RecordSuccess();
            return result;
        }
        catch (ChatwootException ex)
        {
            if (ex.Transient) breaker.RecordFailure(); else breaker.RecordSuccess();
            // The stored conversation is gone from Chatwoot: mapped again at the next attempt, not given up for good.
            if (ex.Status == 404 && await mapping.ForgetGoneAsync(conversation, CancellationToken.None))
                return new DeliveryResult.Retry($"{ex.Message}: a conversa guardada não existe mais no Chatwoot; será procurada de novo", TimeSpan.FromSeconds(2));
            return ex.Transient ? new DeliveryResult.Retry(ex.Message) : new DeliveryResult.Failed(ex.Message);
        }
    }

    async Task<DeliveryResult> DeliverMappedAsync(Notification n, ConversationRef conversation, CancellationToken ct)
    {
        if (await mapping.EnsureAsync(conversation, ct) is not { } chatwootId)
            return n.Attempts + 1 < MappingAttempts
                ? new DeliveryResult.Retry("conversa ainda não existe no Chatwoot (contato ou conversa não encontrados)", TimeSpan.FromSeconds(20 * (n.Attempts + 1)))
                : new DeliveryResult.Failed("conversa não encontrada no Chatwoot: contato sem conversa no CHATWOOT_INBOX_ID");
        switch (n.Kind)
        {
            case HandoffNote:
                if (n.HandoffId is not { } id || await handoffs.FindAsync(id, ct) is not { } handoff) return new DeliveryResult.Failed("handoff não encontrado");
                var holdings = HoldingLines(await reservations.InForceOfDoctorAsync(handoff.DoctorId, ct),
                    SaoPaulo.ToLocal(time.GetUtcNow()), shifts.Value.ReservationExpiryHours);
                await client.CreateMessageAsync(chatwootId, NoteText(handoff, holdings), isPrivate: true, "outgoing", null, ct);
                return DeliveryResult.Ok;
            case ChatwootCommands.ReplyKind or ChatwootEventHandler.AttachmentNoticeKind or ChatwootMirror.StaffNotSentKind or OptOutNote or ResolvedNote:
                using (var reply = JsonDocument.Parse(n.PayloadJson))
                {
                    var text = reply.RootElement.TryGetProperty("texto", out var t) ? t.GetString() : null;
                    if (string.IsNullOrEmpty(text)) return new DeliveryResult.Failed("resposta sem texto");
                    await client.CreateMessageAsync(chatwootId, text, isPrivate: true, "outgoing", null, ct);
                }
                return DeliveryResult.Ok;
            case Copy:
                using (var payload = JsonDocument.Parse(n.PayloadJson))
                {
                    var root = payload.RootElement;
                    var text = root.TryGetProperty("texto", out var t) ? t.GetString() : null;
                    if (string.IsNullOrEmpty(text)) return new DeliveryResult.Failed("cópia sem texto");
                    var type = root.TryGetProperty("tipo", out var k) && k.GetString() == "incoming" ? "incoming" : "outgoing";
                    var source = root.TryGetProperty("source_id", out var s) ? s.GetString() : null;
                    await client.CreateMessageAsync(chatwootId, text, isPrivate: false, type, source, ct);
                }
                return DeliveryResult.Ok;
            default:
                return new DeliveryResult.Failed($"tipo desconhecido: {n.Kind}");
        }
    }

    /// <summary>The notice's conversation; a copy of a first message names only the doctor (the conversation did not exist yet).</summary>
    async Task<ConversationRef?> ConversationOfAsync(Notification n, CancellationToken ct)
    {
        if (n.ConversationId is { } id) return await conversations.FindAsync(id, ct);
        using var payload = JsonDocument.Parse(n.PayloadJson);
        return payload.RootElement.TryGetProperty("medico_id", out var m) && m.TryGetGuid(out var medicoId)
            ? await conversations.FindLatestOfDoctorAsync(medicoId, ct)
            : null;
    }

    /// <summary>
    /// The handoff note: type and reason (the type in words without one), what to do (docs/decisions.md#staff-texts), the doctor's last message, his reservations in force (<see cref="HoldingLines"/>,
    /// none when he holds nothing) and how to give the conversation back.
    /// </summary>
    internal static string NoteText(HandoffNotice h, IReadOnlyList<string>? holdings = null) =>
        $"🚨 Handoff ({h.TriggerType}): {(string.IsNullOrWhiteSpace(h.Reason) ? HandoffTriggers.Label(h.TriggerType) : h.Reason.Trim())}" +
        $"\nO que fazer: {HandoffTriggers.StaffAction(h.TriggerType)}" +
        // A doctor known only by his WhatsApp LID has no number for staff to call: said, as Slack says it
        // (docs/decisions.md#handoff); a doctor with one has it on the Chatwoot contact already.
        (string.IsNullOrWhiteSpace(h.Phone) ? $"\nTelefone: {NoPhone}" : "") +
        (string.IsNullOrWhiteSpace(h.LastMessage) ? "" : $"\nÚltima mensagem do médico: {h.LastMessage}") +
        (holdings is { Count: > 0 } ? "\nReservas dele em vigor (o id serve para /confirmar e /cancelar):\n" + string.Join("\n", holdings) : "") +
        "\nA Júlia parou de responder nesta conversa. Para devolver a ela: resolva a conversa" +
        // Chatwoot in pt-BR calls a label "etiqueta": the word staff see on the screen.
        (h.TriggerType == "manual" ? " ou remova a etiqueta humano, se ela estiver marcada." : $" (ou POST /admin/handoffs/{h.HandoffId}/resolver).");

    internal const string NoPhone = "sem telefone (contato só com o identificador LID do WhatsApp: não há número para ligar; responda por esta conversa)";

    /// <summary>Reservation lines a handoff note shows at most: the nearest shifts.</summary>
    internal const int MaxHoldingLines = 5;

    /// <summary>
    /// The doctor's reservations in force on shifts from today on (São Paulo day of <paramref name="now"/>), nearest first,
    /// at most <see cref="MaxHoldingLines"/>: "• Hospital X (Santo André), sex 12/06, noturno — pré-reserva, expira em
    /// 11/06 14:30 — id ab12cd34" or "… — confirmada — id ab12cd34". The recruiter who takes the conversation sees what
    /// he holds without opening the admin (docs/decisions.md#handoff).
    /// </summary>
    internal static IReadOnlyList<string> HoldingLines(IReadOnlyList<StaffReservation> inForce, DateTimeOffset now, int expiryHours)
    {
        var today = DateOnly.FromDateTime(now.DateTime);
        return [.. inForce.Where(r => r.Data >= today).OrderBy(r => r.Data).ThenBy(r => r.HoraInicio).ThenBy(r => r.Id).Take(MaxHoldingLines).Select(r =>
            $"• {HospitalPlace.Of(r.Hospital, r.Cidade)}, {PtBrDate.DayAndDate(r.Data)}" +
            (r.PeriodText is { } period ? $", {period}" : "") +
            (r.Status == "confirmada"
                ? " — confirmada"
                : $" — pré-reserva, expira em {SaoPaulo.ToLocal(r.ExpiresAtUtc(expiryHours)).ToString("dd'/'MM HH':'mm", CultureInfo.InvariantCulture)}") +
            $" — id {r.ShortId}")];
    }
}
