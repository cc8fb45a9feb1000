using Npgsql;

namespace Julia.Shifts;

/// <summary>
/// What a reservation means to another feature (the conversation's stage, the doctor's funnel, a staff notice, the
/// doctor's WhatsApp), written in the transaction of the change itself. Register with
/// <c>services.AddSingleton&lt;IReservationEffect, …&gt;()</c>.
/// </summary>
internal interface IReservationEffect
{
    Task OnReservedAsync(NpgsqlTransaction tx, ReservationRequest reservation, Guid reservationId, CancellationToken ct);

    /// <summary>
    /// In-process reaction once a staff reservation's transaction committed (drop a cache; Júlia's tool drops the doctor's
    /// views itself). Must not throw.
    /// </summary>
    Task AfterReservedAsync(ReservationRequest reservation) => Task.CompletedTask;

    /// <summary>A hold nobody confirmed within RESERVA_EXPIRA_HORAS expired and its shift is open again.</summary>
    Task OnExpiredAsync(NpgsqlTransaction tx, ExpiredReservation expired, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Staff confirmed a hold (`ativa` → `confirmada`, the shift `reservada` → `confirmada`). Not called when it already was.</summary>
    Task OnConfirmedAsync(NpgsqlTransaction tx, ConfirmedReservation confirmed, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Staff cancelled a hold or a confirmed reservation. Not called when it already was cancelled.</summary>
    Task OnCancelledAsync(NpgsqlTransaction tx, CancelledReservation cancelled, CancellationToken ct) => Task.CompletedTask;

    /// <summary>Staff marked a confirmed shift as worked (the shift `confirmada` → `realizada`). Not called when it already was.</summary>
    Task OnRealizedAsync(NpgsqlTransaction tx, RealizedReservation realized, CancellationToken ct) => Task.CompletedTask;

    /// <summary>In-process reaction once <see cref="OnRealizedAsync"/>'s transaction committed (drop a cache). Must not throw.</summary>
    Task AfterRealizedAsync(RealizedReservation realized) => Task.CompletedTask;
}

internal sealed record ExpiredReservation(Guid ReservationId, Guid ShiftId, Guid DoctorId, Guid? ConversationId, TimeSpan HeldFor);

/// <summary>
/// A confirmed reservation with what a message about it names: hospital, day, period, start. <c>ReservedNow</c>: staff
/// reserved and confirmed it in one request, and its hold sent no notice of its own. <c>AskedSinceOptOut</c>: he asked
/// Júlia for this hold after his opt-out (<see cref="StaffReservation.AskedSinceOptOutSql"/>).
/// </summary>
internal sealed record ConfirmedReservation(
    Guid ReservationId, Guid ShiftId, Guid DoctorId, Guid? ConversationId, string? ConfirmedBy, string Hospital, DateOnly Date,
    string? Period, TimeOnly? Start, bool ReservedNow = false, bool AskedSinceOptOut = false);

/// <summary><paramref name="ShiftReopened"/>: the shift was still held by this doctor and is `aberta` again.</summary>
internal sealed record CancelledReservation(
    Guid ReservationId, Guid ShiftId, Guid DoctorId, Guid? ConversationId, bool WasConfirmed, bool ShiftReopened, string Reason, string? CancelledBy);

internal sealed record RealizedReservation(Guid ReservationId, Guid ShiftId, Guid DoctorId);
