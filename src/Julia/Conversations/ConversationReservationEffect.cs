using System.Globalization;
using Julia.Doctors;
using Julia.Queue;
using Julia.Shifts;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// A shift reserved in a conversation: its stage becomes `reservou` and the doctor `qualificado`; a shift he worked:
/// the doctor `ativo` (his cached views dropped after the commit). A hold confirmed by
/// staff: the doctor is told on WhatsApp (docs/decisions.md#reservations). Both in the reservation's transaction.
/// </summary>
internal sealed class ConversationReservationEffect(
    ConversationStore conversations, DoctorStore doctors, DoctorDirectory directory, QueueStore queue, TimeProvider time) : IReservationEffect
{
    public const string ConfirmedKind = "confirmacao_reserva";

    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    /// <summary>A shift he worked makes the doctor `ativo` in the funnel.</summary>
    public Task OnRealizedAsync(NpgsqlTransaction tx, RealizedReservation realized, CancellationToken ct) =>
        doctors.ActivateAsync(tx, realized.DoctorId, ct);

    /// <summary>His stage changed: his cached views go (docs/decisions.md#cache).</summary>
    public Task AfterRealizedAsync(RealizedReservation realized) => directory.InvalidateAsync([realized.DoctorId], CancellationToken.None);

    /// <summary>His stage may have changed (`qualificado`): his cached views go (docs/decisions.md#cache).</summary>
    public Task AfterReservedAsync(ReservationRequest reservation) => directory.InvalidateAsync([reservation.MedicoId], CancellationToken.None);

    public async Task OnReservedAsync(NpgsqlTransaction tx, ReservationRequest reservation, Guid reservationId, CancellationToken ct)
    {
        // A staff reservation for a doctor without an open conversation has none to move.
        if (reservation.ConversaId is { } conversaId) await conversations.SetStageAsync(tx, conversaId, "reservou", ct);
        await doctors.QualifyAsync(tx, reservation.MedicoId, ct);
    }

    /// <summary>
    /// One `sistema` message — the doctor asked for this shift, so it is an answer, not a proactive contact: no limits,
    /// any hour, allowed while a person controls the conversation (staff caused it). Never to a blocked or erased doctor,
    /// nor to an opted-out one unless he came back and asked Júlia for this very shift after his opt-out.
    /// </summary>
    public async Task OnConfirmedAsync(NpgsqlTransaction tx, ConfirmedReservation confirmed, CancellationToken ct)
    {
        if (await doctors.FindForMessageAsync(tx, confirmed.DoctorId, ct) is not { Bloqueado: false } doctor) return;
        if (doctor.OptedOut && !confirmed.AskedSinceOptOut) return;
        var conversation = await conversations.OpenIdAsync(tx, doctor.Id, ct);
        await queue.EnqueueAsync(tx, [new NewQueueItem(doctor.Id, conversation, QueueKinds.SystemMessage, ConfirmedText(DoctorSalutation.Of(await doctors.TitleAsync(tx, doctor.Id, ct), doctor.PrimeiroNome), confirmed),
            time.GetUtcNow(), Metadata: new Dictionary<string, object?>
            {
                ["tipo_sistema"] = ConfirmedKind, ["permitido_sob_humano"] = true, ["reserva_id"] = confirmed.ReservationId,
                [QueueStore.HonoursBlockKey] = true,
            })], ct);
    }

    /// <summary>
    /// "Oi Dra. Ana! Seu plantão no Hospital X de sexta-feira, 12/06 (noturno), tá confirmado pela equipe ✅" — "na Santa
    /// Casa …", "na UPA …" (<see cref="HospitalPreposition"/>).
    /// </summary>
    public static string ConfirmedText(string? name, ConfirmedReservation c)
    {
        var greeting = string.IsNullOrWhiteSpace(name) ? "Oi!" : $"Oi {name.Trim()}!";
        var weekday = PtBr.DateTimeFormat.GetDayName(c.Date.DayOfWeek);
        var when = !string.IsNullOrWhiteSpace(c.Period) ? $" ({c.Period.Trim()})"
            : c.Start is { } start ? $" às {start.ToString("HH:mm", CultureInfo.InvariantCulture)}" : "";
        return $"{greeting} Seu plantão {HospitalPreposition.In(c.Hospital)} de {weekday}, {c.Date.ToString("dd/MM", CultureInfo.InvariantCulture)}{when}, " +
               "tá confirmado pela equipe ✅";
    }
}
