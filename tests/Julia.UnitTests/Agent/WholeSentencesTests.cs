using Julia.Agent;

namespace Julia.UnitTests.Agent;

public sealed class WholeSentencesTests
{
    [Theory]
    [InlineData("Fica na Av. Paulista, 1000. Depois segue pela avenida e entra na", "Fica na Av. Paulista, 1000.")]
    [InlineData("Tenho sim! É no HC, das 19h às 7h, R$ 1.800. Vc to", "Tenho sim! É no HC, das 19h às 7h, R$ 1.800.")]
    [InlineData("Oi Dr, tudo bem?\nTenho dois plantões no sábado e", "Oi Dr, tudo bem?")]
    [InlineData("Primeira linha sem ponto\nsegunda linha cortad", "Primeira linha sem ponto")]
    [InlineData("Tudo certo por aqui.", "Tudo certo por aqui.")]
    [InlineData("Pensando… deixa eu ver os plantões de", "Pensando…")]
    public void AnAnswerCutOffKeepsItsWholeSentences(string cut, string expected) => Assert.Equal(expected, WholeSentences.Of(cut));

    [Theory]
    [InlineData("Tenho um plantão no HC que paga R$ 1.800 e fica a 10 min de")]
    [InlineData("   ")]
    public void NoSentenceEndedIsNothing(string cut) => Assert.Null(WholeSentences.Of(cut));
}
