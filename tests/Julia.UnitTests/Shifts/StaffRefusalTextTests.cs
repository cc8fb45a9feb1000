using Julia.Shifts;

namespace Julia.UnitTests.Shifts;

/// <summary>
/// What staff read when a reservation is refused: a vaga's status is its stored word (feminine, `cancelada`), so it is
/// named as a status — "O plantão está cancelada" and "(plantão cancelada)" read as wrong agreement.
/// </summary>
public sealed class StaffRefusalTextTests
{
    static Shift NewShift(string status) => new(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Hospital ABC", "Santo André", "ABC", new DateOnly(2026, 12, 11),
        new TimeOnly(7, 0), new TimeOnly(19, 0), "diurno", "UTI", Guid.NewGuid(), 2000, "fixo", null, null, "normal", status);

    [Fact]
    public void ANonReservableShiftIsNamedByItsStatus()
    {
        Assert.Equal("O plantão está com status cancelada: só um plantão aberto ou anunciado pode ser reservado.",
            StaffReserving.Refused(new ReservationResult("nao_reservavel", NewShift("cancelada"))).Problem);
    }

    [Fact]
    public void AnotherSpecialtyIsSaidInPlainPortuguese()
    {
        Assert.Equal("O plantão é de uma especialidade diferente da do médico. Se a especialidade do médico estiver errada, corrija-a antes.",
            StaffReserving.Refused(new ReservationResult("outra_especialidade", NewShift("aberta"))).Problem);
    }

    [Theory]
    [InlineData("aberta", "plantão com status aberta")]
    [InlineData("cancelada", "plantão com status cancelada")]
    [InlineData("removido", "plantão removido")]
    [InlineData(null, "plantão removido")]
    public void AShiftNoLongerHeldIsNamedByItsStatus(string? status, string expected) =>
        Assert.Equal(expected, ReservationDecisions.ShiftState(status));
}
