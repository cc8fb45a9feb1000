using Julia.Doctors;
using Julia.Shifts;
using Npgsql;

namespace Julia.Conversations;

/// <summary>A shift reserved in a conversation: its stage becomes `reservou` and the doctor `qualificado`, in the reservation's transaction.</summary>
internal sealed class ConversationReservationEffect(ConversationStore conversations, DoctorStore doctors) : IReservationEffect
{
    public async Task OnReservedAsync(NpgsqlTransaction tx, ReservationRequest reservation, Guid reservationId, CancellationToken ct)
    {
        await conversations.SetStageAsync(tx, reservation.ConversaId, "reservou", ct);
        await doctors.QualifyAsync(tx, reservation.MedicoId, ct);
    }
}
