using Julia.Conversations;

namespace Julia.UnitTests.Conversations;

/// <summary>The opt-out's confirmation fits what asked it (docs/decisions.md#opt-out).</summary>
public sealed class OptOutConfirmationTests
{
    [Theory]
    [InlineData("o Dr. Roberto faleceu semana passada, por favor retirem o número", TurnOutcomes.OptOutConfirmationDeath)]
    [InlineData("Aqui é a filha do Dr. José. Ele faleceu há dois meses.", TurnOutcomes.OptOutConfirmationDeath)]
    [InlineData("não sou médico, esse número é da minha empresa", TurnOutcomes.OptOutConfirmationWrongNumber)]
    [InlineData("número errado!!!", TurnOutcomes.OptOutConfirmationWrongNumber)]
    [InlineData("parem de me mandar mensagem", TurnOutcomes.OptOutConfirmation)]
    [InlineData("me tira dessa lista", TurnOutcomes.OptOutConfirmation)]
    public void TheConfirmationFitsWhatAskedIt(string text, string expected) =>
        Assert.Equal(expected, TurnOutcomes.OptOutConfirmationFor(text));
}
