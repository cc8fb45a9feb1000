using Julia.Doctors;
using Julia.Handoffs;
using Julia.Notifications;
using Julia.Privacy;
using Julia.Shifts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Slack;

/// <summary>
/// Puts staff notices for Slack in the outbox, inside the transaction of the event (handoff opened or resolved, shift
/// reserved, hold expired, confirmed or cancelled by staff) — or, without SLACK_WEBHOOK_URL, only logs that it would have. The message is rendered when
/// it is delivered, so it carries the latest Chatwoot link.
/// </summary>
internal sealed partial class SlackNotices(NotificationOutbox outbox, IOptions<SlackOptions> options, ILogger<SlackNotices> logger)
    : IHandoffEffect, IReservationEffect, IOptOutEffect, IErasureEffect
{
    public const string Channel = "slack";
    public const string HandoffOpened = "handoff_aberto", HandoffResolved = "handoff_resolvido", HandoffReminder = "handoff_lembrete",
        ShiftReserved = "plantao_reservado", ReservationExpired = "reserva_expirada", ShiftConfirmed = "plantao_confirmado",
        ReservationCancelled = "reserva_cancelada", OptOutWithReservation = "opt_out_com_reserva",
        ErasedWithReservation = "reserva_titular_apagado", Alert = "alerta";
    /// <summary>Reports carry their numbers in the payload (the feature that computes them is not known here).</summary>
    public const string DailyReport = "relatorio_diario", DailyReportFailed = "relatorio_diario_erro";

    /// <summary>SLACK_WEBHOOK_URL is set: notices are put in the outbox (otherwise only logged).</summary>
    public bool Enabled => options.Value.Enabled;

    public Task OnOpenedAsync(NpgsqlTransaction tx, HandoffOpened opened, CancellationToken ct) =>
        EnqueueAsync(tx, HandoffOpened, opened.HandoffId.ToString(), opened.HandoffId, opened.ConversationId, new { handoff_id = opened.HandoffId }, ct);

    public Task OnResolvedAsync(NpgsqlTransaction tx, HandoffResolved resolved, CancellationToken ct) =>
        EnqueueAsync(tx, HandoffResolved, resolved.HandoffId.ToString(), resolved.HandoffId, resolved.ConversationId, new { handoff_id = resolved.HandoffId }, ct);

    /// <summary>Not for a hold staff confirm in the same request: its confirmation notice says both (docs/decisions.md#reservations).</summary>
    public Task OnReservedAsync(NpgsqlTransaction tx, ReservationRequest reservation, Guid reservationId, CancellationToken ct) =>
        reservation.ConfirmAtOnce ? Task.CompletedTask
            : EnqueueAsync(tx, ShiftReserved, reservationId.ToString(), null, reservation.ConversaId, new { reserva_id = reservationId }, ct);

    public Task OnExpiredAsync(NpgsqlTransaction tx, ExpiredReservation expired, CancellationToken ct) =>
        EnqueueAsync(tx, ReservationExpired, expired.ReservationId.ToString(), null, expired.ConversationId,
            new { reserva_id = expired.ReservationId, segundos = (long)expired.HeldFor.TotalSeconds }, ct);

    public Task OnConfirmedAsync(NpgsqlTransaction tx, ConfirmedReservation confirmed, CancellationToken ct) =>
        EnqueueAsync(tx, ShiftConfirmed, confirmed.ReservationId.ToString(), null, confirmed.ConversationId,
            new { reserva_id = confirmed.ReservationId, reservada_agora = confirmed.ReservedNow }, ct);

    public Task OnCancelledAsync(NpgsqlTransaction tx, CancelledReservation cancelled, CancellationToken ct) =>
        EnqueueAsync(tx, ReservationCancelled, cancelled.ReservationId.ToString(), null, cancelled.ConversationId,
            new { reserva_id = cancelled.ReservationId, confirmada = cancelled.WasConfirmed, reaberta = cancelled.ShiftReopened }, ct);

    /// <summary>
    /// A doctor who holds a shift opted out (docs/decisions.md#opt-out): one
    /// notice per reservation in force, in the opt-out's transaction — staff must reach him another way or free the shift.
    /// </summary>
    public async Task OnOptOutAsync(NpgsqlTransaction tx, Guid medicoId, CancellationToken ct)
    {
        foreach (var (reservationId, conversationId) in await ShiftStore.HeldReservationsAsync(tx, medicoId, ct))
            await EnqueueAsync(tx, OptOutWithReservation, reservationId.ToString(), null, conversationId, new { reserva_id = reservationId }, ct);
    }

    /// <summary>
    /// A doctor who holds a shift was erased (LGPD; docs/decisions.md#lgpd): one notice per reservation in force, in the
    /// erasure's transaction. Nobody can reach him through the record any more (his phone is gone), so staff must free or
    /// reassign the shift. The notice names no one: it is rendered from the anonymised rows, without his conversation,
    /// and marked so the erasure's second pass keeps it.
    /// </summary>
    public async Task OnErasedAsync(NpgsqlTransaction tx, DataSubject subject, CancellationToken ct)
    {
        foreach (var (reservationId, _) in await ShiftStore.HeldReservationsAsync(tx, subject.Id, ct))
            await EnqueueAsync(tx, ErasedWithReservation, reservationId.ToString(), null, null,
                new Dictionary<string, object> { ["reserva_id"] = reservationId, [NotificationPersonalData.ErasureNoticeKey] = true }, ct);
    }

    /// <summary>An alert of the `alertas` job, in the transaction that records it in `alertas_enviados`; rendered from the payload.</summary>
    public Task EnqueueAlertAsync(NpgsqlTransaction tx, Guid alertId, object payload, CancellationToken ct) =>
        EnqueueAsync(tx, Alert, alertId.ToString(), null, null, payload, ct);

    /// <summary>The one reminder of a `pendente` handoff (its key makes a second one impossible).</summary>
    public Task<bool> EnqueueReminderAsync(HandoffNotice handoff, CancellationToken ct) =>
        options.Value.Enabled
            ? outbox.EnqueueAsync(new NewNotification(Channel, HandoffReminder, Key(HandoffReminder, handoff.HandoffId.ToString()), handoff.HandoffId,
                handoff.ConversationId, new { handoff_id = handoff.HandoffId }), ct)
            : Task.FromResult(false);

    /// <summary>
    /// A report for the staff channel (the daily report), rendered from <paramref name="payload"/>. One notice per
    /// <paramref name="subject"/>: false when it exists already, or when Slack is off (then only logged).
    /// </summary>
    public async Task<bool> EnqueueReportAsync(string kind, string subject, object payload, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            LogReportOnlyLogged(kind, subject);
            return false;
        }
        return await outbox.EnqueueAsync(new NewNotification(Channel, kind, Key(kind, subject), Payload: payload), ct);
    }

    /// <summary>
    /// The subjects of the reports of these kinds in the outbox (the days of the daily report and of its error notice),
    /// per kind: which days went out, so a day whose report never did can be sent late (docs/decisions.md#dashboard).
    /// </summary>
    public async Task<ILookup<string, string>> ReportSubjectsAsync(string[] kinds, CancellationToken ct) =>
        (await outbox.KeysAsync(Channel, kinds, ct)).ToLookup(k => k.Kind, k => k.Key[Key(k.Kind, "").Length..]);

    async Task EnqueueAsync(NpgsqlTransaction tx, string kind, string subject, Guid? handoffId, Guid? conversationId, object payload, CancellationToken ct)
    {
        if (!options.Value.Enabled)
        {
            LogOnlyLogged(kind, handoffId?.ToString() ?? subject);
            return;
        }
        await outbox.EnqueueAsync(tx, new NewNotification(Channel, kind, Key(kind, subject), handoffId, conversationId, payload), ct);
    }

    static string Key(string kind, string subject) => $"{Channel}:{kind}:{subject}";

    [LoggerMessage(EventId = 6001, Level = LogLevel.Information, Message = "Slack off (sem SLACK_WEBHOOK_URL): aviso {Kind} de {Subject} (handoff/reserva) fica só no log")]
    private partial void LogOnlyLogged(string kind, string subject);

    [LoggerMessage(EventId = 6050, Level = LogLevel.Information, Message = "Slack off (sem SLACK_WEBHOOK_URL): {Kind} de {Subject} não enviado")]
    private partial void LogReportOnlyLogged(string kind, string subject);
}
