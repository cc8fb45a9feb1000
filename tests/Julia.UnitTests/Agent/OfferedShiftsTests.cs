using Julia.Agent.Tools;
using Julia.Shifts;

namespace Julia.UnitTests.Agent;

/// <summary>Which shifts a reply offers (`vagas_oferecidas`): those of the turn whose hospital it names.</summary>
public sealed class OfferedShiftsTests
{
    static Shift At(string hospital, string city) => new(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), hospital, city, "ABC",
        new DateOnly(2030, 3, 15), new TimeOnly(19, 0), new TimeOnly(7, 0), "noturno", "PS", null, 1650, "fixo", null, null, "normal", "aberta");

    static readonly Shift SantaHelena = At("Hospital Santa Helena do ABC", "Santo André");
    static readonly Shift Assuncao = At("Hospital e Maternidade Vila Assunção", "Santo André");
    static readonly Shift BomPastor = At("Hospital Bom Pastor de São Caetano", "São Caetano do Sul");
    static readonly Shift NossaSenhora = At("Hospital Nossa Senhora de Mauá", "Mauá");
    static readonly Shift[] Known = [SantaHelena, Assuncao, BomPastor, NossaSenhora];

    [Theory]
    [InlineData("Tenho um noturno no PS do Hospital Santa Helena do ABC, das 19h às 7h, por R$ 1.650. Te interessa?", 0)]
    [InlineData("tenho um no santa HELENA sexta à noite, topa?", 0)]
    [InlineData("Tem um diurno na maternidade Vila Assuncao, quer?", 1)]
    [InlineData("Surgiu uma vaga no Bom Pastor", 2)]
    [InlineData("Tenho um 24h no Nossa Senhora de Mauá no sábado", 3)]
    public void AReplyNamingTheHospitalOffersItsShift(string reply, int index) =>
        Assert.Equal([Known[index].Id], OfferedShifts.In(reply, Known));

    [Theory]
    [InlineData("Oi Dra., tudo bem? Vc prefere diurno ou noturno?")]
    [InlineData("Tenho plantões em Santo André e São Caetano do Sul, qual região prefere?")]   // cities are not hospitals
    [InlineData("Nossa, que bom! Em Mauá tenho opções sim")]                                  // generic words alone
    [InlineData("")]
    public void AReplyNamingNoHospitalOffersNothing(string reply) => Assert.Empty(OfferedShifts.In(reply, Known));

    [Fact]
    public void EveryShiftOfANamedHospitalCountsOnce()
    {
        var otherNight = SantaHelena with { Id = Guid.NewGuid(), Data = new DateOnly(2030, 3, 16) };
        Assert.Equal([SantaHelena.Id, otherNight.Id, BomPastor.Id],
            OfferedShifts.In("Tenho dois no Santa Helena e um no Bom Pastor", [SantaHelena, otherNight, BomPastor, SantaHelena]));
    }
}
