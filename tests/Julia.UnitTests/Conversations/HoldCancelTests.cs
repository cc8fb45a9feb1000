using Julia.Conversations.Text;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// HoldCancel: the bare "cancela" a doctor sends right after his hold (docs/decisions.md#hold-cancel). Only the words:
/// whether the moment makes it about the hold is the turn's read (HoldLifecycleConformanceTests).
/// </summary>
public sealed class HoldCancelTests
{
    [Theory]
    [InlineData("cancela")]
    [InlineData("Cancelar")]
    [InlineData("CANCELA!!")]
    [InlineData("pode cancelar")]
    [InlineData("Pode cancelar, obrigado")]
    [InlineData("cancela aí pfv")]
    [InlineData("sim, cancela")]
    [InlineData("quero cancelar")]
    public void ABareCancelIsOne(string text) => Assert.True(HoldCancel.IsWholeTurn([text]));

    [Theory]
    [InlineData("não cancela")]                                   // keeps the hold
    [InlineData("cancela, não quero mais receber mensagens")]     // stops the messages
    [InlineData("cancela tudo")]
    [InlineData("cancela meu cadastro")]
    [InlineData("cancela o plantão de sábado")]                   // the detector already reads this as no opt-out
    [InlineData("ok")]
    [InlineData("")]
    public void AnythingMoreIsNot(string text) => Assert.False(HoldCancel.IsWholeTurn([text]));

    [Fact]
    public void ABurstIsOneWhenEveryMessageIsTheCancelOrACourtesy()
    {
        Assert.True(HoldCancel.IsWholeTurn(["pode cancelar", "por favor"]));
        Assert.False(HoldCancel.IsWholeTurn(["por favor"]));
        Assert.False(HoldCancel.IsWholeTurn(["cancela", "e me tira da lista"]));
        Assert.False(HoldCancel.IsWholeTurn([]));
    }
}
