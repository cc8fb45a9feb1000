using Julia.Conversations;
using Julia.Shifts;

namespace Julia.UnitTests.Conversations;

public sealed class ReservationConfirmedTextTests
{
    static ConfirmedReservation Confirmed(string? period, TimeOnly? start) =>
        new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "Carla", "Hospital São Luiz", new DateOnly(2025, 12, 12), period, start);

    [Fact]
    public void TheDoctorIsToldWhichShiftStaffConfirmedInOneShortLine()
    {
        var text = ConversationReservationEffect.ConfirmedText("Ana", Confirmed("noturno", new TimeOnly(19, 0)));

        Assert.Equal("Oi Ana! Seu plantão no Hospital São Luiz de sexta-feira, 12/12 (noturno), tá confirmado pela equipe ✅", text);
    }

    [Fact]
    public void WithoutNameOrPeriodTheTextStillReads()
    {
        Assert.Equal("Oi! Seu plantão no Hospital São Luiz de sexta-feira, 12/12 às 07:00, tá confirmado pela equipe ✅",
            ConversationReservationEffect.ConfirmedText(" ", Confirmed(null, new TimeOnly(7, 0))));
        Assert.Equal("Oi! Seu plantão no Hospital São Luiz de sexta-feira, 12/12, tá confirmado pela equipe ✅",
            ConversationReservationEffect.ConfirmedText(null, Confirmed(" ", null)));
    }
}
