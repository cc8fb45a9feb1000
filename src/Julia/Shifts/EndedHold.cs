namespace Julia.Shifts;

/// <summary>
/// A reservation of the doctor that ended lately (`expirada`, or `cancelada` by the team with its <paramref name="Motivo"/>),
/// as the agent's turn is told of it (docs/decisions.md#agent): the shift disappeared from what he holds, and "e aquele
/// plantão de sexta?" must not be answered "você não tem nada". <paramref name="StillOpen"/>: the shift is `aberta`
/// again and has not started — it can be reserved again.
/// </summary>
internal sealed record EndedHold(Guid VagaId, string Hospital, DateOnly Data, string? Periodo, string Status, string? Motivo, bool StillOpen);
