using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Chatwoot;
using Julia.Handoffs;
using Julia.Infrastructure.Resilience;
using Julia.Notifications;
using Julia.Shifts;
using Microsoft.Extensions.Options;

namespace Julia.Slack;

/// <summary>
/// Delivers Slack notices from the outbox: renders each from fresh data (so the Chatwoot button appears as soon as the
/// mapping is known), posts it behind the `slack` circuit breaker, and records `slack_notificado_em` for handoffs.
/// </summary>
internal sealed class SlackChannel(
    SlackClient client, HandoffStore handoffs, ShiftStore shifts, CircuitBreakers breakers, IOptions<SlackOptions> slack,
    IOptions<ChatwootOptions> chatwoot, TimeProvider time) : INotificationChannel
{
    public string Name => SlackNotices.Channel;

    /// <summary>How long a new handoff notice waits for the Chatwoot mapping (its note maps the conversation) to carry the button.</summary>
    static readonly TimeSpan MappingGrace = TimeSpan.FromSeconds(20);

    public async Task<DeliveryResult> DeliverAsync(Notification n, CancellationToken ct)
    {
        if (!slack.Value.Enabled) return new DeliveryResult.Failed("SLACK_WEBHOOK_URL não configurada");
        if (n.Kind == SlackNotices.HandoffOpened && chatwoot.Value.Enabled && n.HandoffId is { } waiting
            && time.GetUtcNow().UtcDateTime - n.CreatedAtUtc < MappingGrace
            && await handoffs.FindAsync(waiting, ct) is { ChatwootConversationId: null })
            return new DeliveryResult.Retry("aguardando o mapeamento do Chatwoot para o botão", TimeSpan.FromSeconds(2), CountsAsAttempt: false);
        var payload = await RenderAsync(n, ct);
        if (payload is null) return new DeliveryResult.Failed("evento não encontrado (apagado?)");

        var breaker = breakers.Slack;
        if (!breaker.TryEnter()) return new DeliveryResult.Retry("circuito slack aberto", TimeSpan.FromSeconds(30), CountsAsAttempt: false);
        var result = await client.PostAsync(payload, ct);
        // A 429 is Slack answering, and saying when to come back: not a failure of the peer. Counted as one, a burst of
        // them opened the breaker — a critical `circuito_aberto` and every notice held 120 s for a few seconds of limit.
        if (result.Ok || result.Permanent || result.RetryAfter is not null) breaker.RecordSuccess(); else breaker.RecordFailure();
        if (!result.Ok)
            return result.Permanent
                ? new DeliveryResult.Failed(result.Error ?? "rejeitado pelo Slack")
                : new DeliveryResult.Retry(result.Error ?? "falha", result.RetryAfter, PeerAskedToWait: result.RetryAfter is not null);
        if (n.Kind == SlackNotices.HandoffOpened && n.HandoffId is { } handoffId) await handoffs.MarkSlackNotifiedAsync(handoffId, ct);
        return DeliveryResult.Ok;
    }

    async Task<JsonObject?> RenderAsync(Notification n, CancellationToken ct)
    {
        var format = new SlackFormat(slack.Value.MaskPhone, chatwoot.Value.Enabled ? chatwoot.Value.BaseUrl : null, chatwoot.Value.AccountId);
        using var payload = JsonDocument.Parse(n.PayloadJson);
        var root = payload.RootElement;
        switch (n.Kind)
        {
            case SlackNotices.HandoffOpened or SlackNotices.HandoffResolved or SlackNotices.HandoffReminder:
                if (n.HandoffId is not { } id || await handoffs.FindAsync(id, ct) is not { } handoff) return null;
                return n.Kind switch
                {
                    SlackNotices.HandoffOpened => SlackMessages.HandoffOpened(handoff, format),
                    SlackNotices.HandoffResolved => SlackMessages.HandoffResolved(handoff, format),
                    _ => SlackMessages.HandoffReminder(handoff, time.GetUtcNow() - handoff.CreatedAt, format),
                };
            case SlackNotices.ShiftReserved or SlackNotices.ReservationExpired or SlackNotices.ShiftConfirmed or SlackNotices.ReservationCancelled
                or SlackNotices.OptOutWithReservation or SlackNotices.ErasedWithReservation:
                if (!root.TryGetProperty("reserva_id", out var r) || !r.TryGetGuid(out var reservationId)) return null;
                if (await shifts.ReservationNoticeAsync(reservationId, ct) is not { } reservation) return null;
                return n.Kind switch
                {
                    SlackNotices.ShiftReserved => SlackMessages.ShiftReserved(reservation, format),
                    SlackNotices.ShiftConfirmed => SlackMessages.ShiftConfirmed(reservation, format,
                        root.TryGetProperty("reservada_agora", out var now) && now.ValueKind == JsonValueKind.True),
                    SlackNotices.OptOutWithReservation => SlackMessages.OptOutWithReservation(reservation, format),
                    SlackNotices.ErasedWithReservation => SlackMessages.ErasedWithReservation(reservation),
                    SlackNotices.ReservationCancelled => SlackMessages.ReservationCancelled(reservation,
                        root.TryGetProperty("reaberta", out var reopened) && reopened.ValueKind == JsonValueKind.True, format),
                    _ => SlackMessages.ReservationExpired(reservation,
                        TimeSpan.FromSeconds(root.TryGetProperty("segundos", out var s) && s.TryGetInt64(out var secs) ? secs : 0), format),
                };
            case SlackNotices.Alert:
                return SlackAlertMessage.Render(root);
            case SlackNotices.DailyReport:
                return SlackMessages.DailyReport(root);
            case SlackNotices.DailyReportFailed:
                return SlackMessages.DailyReportFailed(root);
            default:
                return null;
        }
    }
}
