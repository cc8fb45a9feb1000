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

/// <summary>
/// The confirmation said "Seu plantão no Santa Casa de Santo André", "no UPA Vila Alpina" (an audit of what people read,
/// 2026-12-04): the contraction follows the name.
/// </summary>
public sealed class HospitalPrepositionTests
{
    [Theory]
    [InlineData("Hospital São Luiz", "no Hospital São Luiz")]
    [InlineData("Santa Casa de Santo André", "na Santa Casa de Santo André")]
    [InlineData("UPA Vila Alpina", "na UPA Vila Alpina")]
    [InlineData("Clínica médica ABC", "na Clínica médica ABC")]
    [InlineData("Maternidade São Paulo", "na Maternidade São Paulo")]
    [InlineData("Pronto-Socorro Central", "no Pronto-Socorro Central")]
    [InlineData("Einstein", "no Einstein")]
    [InlineData(" Hospital e Maternidade Vila Assunção ", "no Hospital e Maternidade Vila Assunção")]
    public void TheContractionFollowsTheName(string hospital, string expected) =>
        Assert.Equal(expected, Julia.Shifts.HospitalPreposition.In(hospital));

    [Fact]
    public void TheConfirmationOfAShiftAtASantaCasaReadsNa() =>
        Assert.StartsWith("Oi Ana! Seu plantão na Santa Casa de Santo André de sexta-feira, 12/12",
            ConversationReservationEffect.ConfirmedText("Ana",
                new ConfirmedReservation(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), null, "Carla", "Santa Casa de Santo André",
                    new DateOnly(2025, 12, 12), "noturno", null)));
}
