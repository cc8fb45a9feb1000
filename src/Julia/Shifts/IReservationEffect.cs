using Npgsql;

namespace Julia.Shifts;

/// <summary>
/// What a reservation means to another feature (the conversation's stage, the doctor's funnel), written in the
/// reservation's own transaction. Register with <c>services.AddSingleton&lt;IReservationEffect, …&gt;()</c>.
/// </summary>
internal interface IReservationEffect
{
    Task OnReservedAsync(NpgsqlTransaction tx, ReservationRequest reservation, CancellationToken ct);
}
