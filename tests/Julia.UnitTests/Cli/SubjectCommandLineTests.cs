using Julia.Cli;

namespace Julia.UnitTests.Cli;

public sealed class SubjectCommandLineTests
{
    [Fact]
    public void TitularVerbsAreTwoWordsWithTheirOptions()
    {
        var export = CommandLine.Parse(["titular", "exportar", "--telefone", "5511999990001", "--saida", "dados.json"]);
        var erase = CommandLine.Parse(["titular", "apagar", "--telefone=5511999990001", "--motivo", "pedido por e-mail", "--sim"]);

        Assert.Null(export.Error);
        Assert.Equal("titular exportar", export.Verb);
        Assert.Equal("dados.json", export.Options["--saida"]);
        Assert.Null(erase.Error);
        Assert.Equal("titular apagar", erase.Verb);
        Assert.Equal("pedido por e-mail", erase.Options["--motivo"]);
        Assert.Equal("true", erase.Options["--sim"]);
    }

    [Theory]
    [InlineData("titular")]
    [InlineData("titular mostrar --telefone 5511999990001")]
    [InlineData("titular exportar")]
    [InlineData("titular apagar --motivo x")]
    [InlineData("titular exportar --telefone 5511999990001 --motivo x")]
    [InlineData("titular apagar --telefone 5511999990001 --saida a.json")]
    public void TitularWithoutAPhoneOrWithAnotherVerbsOptionIsAUsageError(string line) =>
        Assert.NotNull(CommandLine.Parse(line.Split(' ')).Error);
}
