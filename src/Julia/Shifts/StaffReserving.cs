namespace Julia.Shifts;

/// <summary>
/// What a staff reservation did: the new reservation's id, or why not (pt-BR), or which id was unknown; <c>Outcome</c>
/// the store's word for a refusal (`ja_reservada`, `conflito` …), <c>Shift</c> and <c>ClashWith</c> as the store saw them.
/// </summary>
internal sealed record StaffReserveResult(Guid? ReservationId, string? Problem = null, string? Missing = null)
{
    public string? Outcome { get; init; }
    public Shift? Shift { get; init; }
    public Shift? ClashWith { get; init; }

    public bool Reserved => ReservationId is not null;
}

/// <summary>
/// Staff reserve a shift for a doctor (`POST /admin/vagas/{id}/reservar`, docs/decisions.md#reservations): the same
/// atomic hold as Júlia's (<see cref="ShiftStore.ReserveAsync"/> with origin `humano`), then the specialty's open-shift
/// cache and the doctor's cached views dropped; with <c>confirm</c>, straight on to <see cref="ReservationDecisions.ConfirmAsync"/>.
/// </summary>
internal sealed partial class StaffReserving(
    ShiftStore store, ShiftCatalog catalog, ReservationDecisions decisions, IEnumerable<IReservationEffect> effects, ILogger<StaffReserving> logger)
{
    public async Task<StaffReserveResult> ReserveAsync(Guid shiftId, Guid medicoId, bool confirm, string? notes, string? by, CancellationToken ct)
    {
        var request = new ReservationRequest(shiftId, medicoId, null, notes, ReservationOrigin.Staff, by, ConfirmAtOnce: confirm);
        var result = await store.ReserveAsync(request, ct);
        if (!result.Succeeded) return Refused(result) with { Outcome = result.Outcome, Shift = result.Shift, ClashWith = result.ClashWith };
        var reservationId = result.ReservationId!.Value;
        await catalog.InvalidateSpecialtyAsync(result.Shift!.EspecialidadeId);
        foreach (var effect in effects) await effect.AfterReservedAsync(request);
        LogReserved(shiftId, medicoId, reservationId);
        // A hold made a moment ago: only the expiry job racing a zero RESERVA_EXPIRA_HORAS could have ended it; the
        // answer then shows the reservation as it is. Its notice says "reserved and confirmed": the hold sent none.
        if (confirm) await decisions.ConfirmAsync(reservationId, by, notes, ct, reservedNow: true);
        return new StaffReserveResult(reservationId) { Outcome = result.Outcome, Shift = result.Shift };
    }

    internal static StaffReserveResult Refused(ReservationResult r) => r.Outcome switch
    {
        "nao_encontrada" => new(null, Missing: "Plantão não encontrado"),
        "medico_nao_encontrado" => new(null, Missing: "Médico não encontrado"),
        "medico_bloqueado" => new(null, "O médico está bloqueado: não é possível reservar plantões para ele."),
        "ja_reservada" => new(null, "O plantão já está reservado ou confirmado: veja GET /admin/reservas."),
        // The status is the vaga's word (`cancelada`, feminine): "O plantão está cancelada" read wrong, so it is named as a status.
        "nao_reservavel" => new(null, $"O plantão está com status {r.Shift!.Status}: só um plantão aberto ou anunciado pode ser reservado."),
        "ja_comecou" => new(null, $"O plantão já começou ou passou ({r.Shift!.WhenText})."),
        "outra_especialidade" => new(null,
            "O plantão é de uma especialidade diferente da do médico. Se a especialidade do médico estiver errada, corrija-a antes."),
        "conflito" => new(null, $"O médico já tem um plantão nesse horário: {r.ClashWith!.Hospital}, {r.ClashWith.WhenText}."),
        _ => new(null, $"Reserva recusada ({r.Outcome})."),
    };

    [LoggerMessage(EventId = 2304, Level = LogLevel.Information, Message = "Plantão {VagaId} reservado pela equipe para o medico {MedicoId} (reserva {ReservaId})")]
    private partial void LogReserved(Guid vagaId, Guid medicoId, Guid reservaId);
}
