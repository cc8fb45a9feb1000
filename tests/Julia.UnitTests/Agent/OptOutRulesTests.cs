using Julia.Agent.Tools;

namespace Julia.UnitTests.Agent;

/// <summary>The model may see an opt-out the detector missed; the doctor's words must still sound like one.</summary>
public sealed class OptOutRulesTests
{
    [Theory]
    [InlineData("esse assunto de plantão não é mais pra mim, encerrei essa fase")]
    [InlineData("me tira dessa lista")]
    [InlineData("chega de mensagem")]
    [InlineData("pode parar")]
    [InlineData("não tenho interesse")]
    [InlineData("desisti de fazer plantão")]
    [InlineData("vcs são muito chatos")]
    [InlineData("me esquece")]
    [InlineData("STOP")]
    public void WordsThatCanMeanStop(string text) => Assert.True(OptOutRules.CouldBeAnOptOut(text));

    [Theory]
    [InlineData("ok")]
    [InlineData("obrigado!")]
    [InlineData("beleza, valeu")]
    [InlineData("tem plantão sábado?")]
    [InlineData("quero mais vagas de noite")]
    [InlineData("sim")]
    [InlineData("👍")]
    [InlineData("")]
    public void WordsThatCannot(string text) => Assert.False(OptOutRules.CouldBeAnOptOut(text));
}
