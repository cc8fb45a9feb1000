namespace Julia.Shifts;

/// <summary>
/// A reservation as staff notices show it (Slack "Plantão reservado", "Reserva expirada", "Plantão confirmado",
/// "Reserva cancelada"); the staff decision's fields are null until there is one. <c>Origin</c>: `julia` or `humano`
/// (staff reserved it, <c>ReservedBy</c> when they said who).
/// </summary>
internal sealed record ReservationNotice(
    Guid ReservationId, Guid ShiftId, string? DoctorName, string? Phone, string Hospital, string City, DateOnly Date,
    string? Period, string? Sector, string PayText, DateTimeOffset ReservedAt, Guid? ConversationId, string? ChatwootConversationId,
    DateTimeOffset? ConfirmedAt = null, string? ConfirmedBy = null, string? Notes = null, DateTimeOffset? EndedAt = null,
    string? EndedBy = null, string? Reason = null, string Origin = ReservationOrigin.Julia, string? ReservedBy = null,
    DateTimeOffset? ShiftStartsAt = null);
