namespace Julia.Shifts;

/// <summary>A reservation as staff notices show it (Slack "Plantão reservado", "Reserva expirada").</summary>
internal sealed record ReservationNotice(
    Guid ReservationId, Guid ShiftId, string? DoctorName, string? Phone, string Hospital, string City, DateOnly Date,
    string? Period, string? Sector, string PayText, DateTimeOffset ReservedAt, Guid? ConversationId, string? ChatwootConversationId);
