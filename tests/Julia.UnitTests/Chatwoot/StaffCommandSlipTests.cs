using Julia.Chatwoot;

namespace Julia.UnitTests.Chatwoot;

/// <summary>
/// A staff note that looks like a command but is none gets the usage of the one it looks like; any other `/word`, a
/// command mid-sentence and the commands themselves are not slips (docs/decisions.md#contact-pause).
/// </summary>
public sealed class StaffCommandSlipTests
{
    [Theory]
    [InlineData("/pausa 15/03/2027 licença", "pausa", "pausar")]
    [InlineData("/PAUSE 15/03", "pause", "pausar")]
    [InlineData("/pausr 15/03 licença", "pausr", "pausar")]
    [InlineData("/pausar: 15/03 licença", "pausar:", "pausar")]
    [InlineData("/puasar 15/03 licença", "puasar", "pausar")]
    [InlineData("/retoma", "retoma", "retomar")]
    [InlineData("/retornar ele voltou", "retornar", "retomar")]
    [InlineData("/confirma", "confirma", "confirmar")]
    [InlineData("/cancela ab12cd34 desistiu", "cancela", "cancelar")]
    [InlineData("  /reserva ab12", "reserva", "reservar")]
    public void ANearMissIsASlipOfTheCommandItLooksLike(string note, string typed, string meant)
    {
        var slip = StaffCommandSlip.Parse(note);
        Assert.NotNull(slip);
        Assert.Equal((typed, meant), (slip.Typed, slip.Meant));
        Assert.StartsWith($"Não reconheci o comando /{typed}: nada foi feito. Quis dizer /{meant}? Use /{meant}", slip.Reply);
    }

    [Theory]
    [InlineData("/pausar 15/03 licença")]   // the commands themselves: their own parsers run them
    [InlineData("/retomar")]
    [InlineData("/confirmar")]
    [InlineData("/nota ligar na segunda")]  // a team's own shorthand
    [InlineData("/ok")]
    [InlineData("vou /retomar amanhã")]     // mid-sentence
    [InlineData("/")]
    [InlineData("/15/03")]
    [InlineData("/https://example.com")]
    [InlineData("")]
    [InlineData(null)]
    public void AnythingElseIsNotASlip(string? note) => Assert.Null(StaffCommandSlip.Parse(note));
}
