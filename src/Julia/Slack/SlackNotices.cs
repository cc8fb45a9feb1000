using Julia.Handoffs;
using Julia.Notifications;
using Julia.Shifts;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Slack;

/// <summary>
/// Puts staff notices for Slack in the outbox, inside the transaction of the event (handoff opened or resolved, shift
/// reserved, hold expired) — or, without SLACK_WEBHOOK_URL, only logs that it would have. The message is rendered when
/// it is delivered, so it carries the latest Chatwoot link.
/// </summary>
internal sealed partial class SlackNotices(NotificationOutbox outbox, IOptions<SlackOptions> options, ILogger<SlackNotices> logger)
    : IHandoffEffect, IReservationEffect
{
    public const string Channel = "slack";
    public const string HandoffOpened = "handoff_aberto", HandoffResolved = "handoff_resolvido", HandoffReminder = "handoff_lembrete",
        ShiftReserved = "plantao_reservado", ReservationExpired = "reserva_expirada", Alert = "alerta";

    public Task OnOpenedAsync(NpgsqlTransaction tx, HandoffOpened opened, CancellationToken ct) =>
        EnqueueAsync(tx, HandoffOpened, opened.HandoffId.ToString(), opened.HandoffId, opened.ConversationId, new { handoff_id = opened.HandoffId }, ct);

    public Task OnResolvedAsync(NpgsqlTransaction tx, HandoffResolved resolved, CancellationToken ct) =>
        EnqueueAsync(tx, HandoffResolved, resolved.HandoffId.ToString(), resolved.HandoffId, resolved.ConversationId, new { handoff_id = resolved.HandoffId }, ct);

    public Task OnReservedAsync(NpgsqlTransaction tx, ReservationRequest reservation, Guid reservationId, CancellationToken ct) =>
        EnqueueAsync(tx, ShiftReserved, reservationId.ToString(), null, reservation.ConversaId, new { reserva_id = reservationId }, ct);

    public Task OnExpiredAsync(NpgsqlTransaction tx, ExpiredReservation expired, CancellationToken ct) =>
        EnqueueAsync(tx, ReservationExpired, expired.ReservationId.ToString(), null, expired.ConversationId,
            new { reserva_id = expired.ReservationId, segundos = (long)expired.HeldFor.TotalSeconds }, ct);

    /// <summary>An alert of the `alertas` job, in the transaction that records it in `alertas_enviados`; rendered from the payload.</summary>
    public Task EnqueueAlertAsync(NpgsqlTransaction tx, Guid alertId, object payload, CancellationToken ct) =>
        EnqueueAsync(tx, Alert, alertId.ToString(), null, null, payload, ct);

    /// <summary>The one reminder of a `pendente` handoff (its key makes a second one impossible).</summary>
    public Task<bool> EnqueueReminderAsync(HandoffNotice handoff, CancellationToken ct) =>
        options.Value.Enabled
            ? outbox.EnqueueAsync(new NewNotification(Channel, HandoffReminder, Key(HandoffReminder, handoff.HandoffId.ToString()), handoff.HandoffId,
                handoff.ConversationId, new { handoff_id = handoff.HandoffId }), ct)
            : Task.FromResult(false);

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
}
