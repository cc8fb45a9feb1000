using Npgsql;

namespace Julia.Shifts;

/// <summary>
/// What a reservation means to another feature (the conversation's stage, the doctor's funnel, a staff notice), written
/// in the reservation's own transaction. Register with <c>services.AddSingleton&lt;IReservationEffect, …&gt;()</c>.
/// </summary>
internal interface IReservationEffect
{
    Task OnReservedAsync(NpgsqlTransaction tx, ReservationRequest reservation, Guid reservationId, CancellationToken ct);

    /// <summary>A hold nobody confirmed within RESERVA_EXPIRA_HORAS expired and its shift is open again.</summary>
    Task OnExpiredAsync(NpgsqlTransaction tx, ExpiredReservation expired, CancellationToken ct) => Task.CompletedTask;
}

internal sealed record ExpiredReservation(Guid ReservationId, Guid ShiftId, Guid DoctorId, Guid? ConversationId, TimeSpan HeldFor);
