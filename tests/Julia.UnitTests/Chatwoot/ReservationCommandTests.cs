using Julia.Chatwoot;

namespace Julia.UnitTests.Chatwoot;

public sealed class ReservationCommandTests
{
    [Theory]
    [InlineData("/confirmar", "confirmar", null, null, null)]
    [InlineData("  /Confirmar  ", "confirmar", null, null, null)]
    [InlineData("/confirmar ab12cd34", "confirmar", "ab12cd34", null, "ab12cd34")]
    [InlineData("/confirmar AB12-CD34 liguei pra ele", "confirmar", "ab12cd34", "liguei pra ele", "AB12-CD34 liguei pra ele")]
    [InlineData("/confirmar liguei pra ele", "confirmar", null, null, "liguei pra ele")]
    [InlineData("/cancelar médico desistiu", "cancelar", null, null, "médico desistiu")]
    [InlineData("/cancelar e5f6a7b8 médico\ndesistiu", "cancelar", "e5f6a7b8", "médico\ndesistiu", "e5f6a7b8 médico\ndesistiu")]
    [InlineData("/cancelar face: hospital fechou", "cancelar", null, null, "face: hospital fechou")]
    [InlineData("/cancelar\tcafe ok", "cancelar", "cafe", "ok", "cafe ok")]
    [InlineData("/reservar", "reservar", null, null, null)]
    [InlineData("/Reservar 9F3A-01 pediu por telefone", "reservar", "9f3a01", "pediu por telefone", "9F3A-01 pediu por telefone")]
    [InlineData("/reservar amanhã no HSL", "reservar", null, null, "amanhã no HSL")]
    public void ACommandIsItsVerbAPossibleIdStartAndItsText(string content, string verb, string? prefix, string? afterPrefix, string? text)
    {
        var command = ReservationCommand.Parse(content);

        Assert.Equal(new ReservationCommand(verb, prefix, afterPrefix, text), command);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("confirmar")]
    [InlineData("ok /confirmar")]
    [InlineData("/confirmarr")]
    [InlineData("/reservarr ab12cd34")]
    [InlineData("//confirmar")]
    public void AnythingElseIsNoCommand(string? content) => Assert.Null(ReservationCommand.Parse(content));

    [Theory]
    [InlineData("/confirmar abc", null)]                  // 3 hex digits: too short to name a reservation
    [InlineData("/confirmar ----", null)]
    [InlineData("/confirmar 0123456789abcdef0123456789abcdef", "0123456789abcdef0123456789abcdef")]
    [InlineData("/confirmar 0123456789abcdef0123456789abcdef0", null)]   // longer than an id
    public void TheIdStartIsFourTo32HexDigits(string content, string? prefix) => Assert.Equal(prefix, ReservationCommand.Parse(content)!.Prefix);
}
