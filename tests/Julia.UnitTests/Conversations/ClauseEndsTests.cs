using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Conversations;

/// <summary>PtBrText.ClauseEnds: which normalised words a clause mark followed, aligned through abbreviations.</summary>
public sealed class ClauseEndsTests
{
    [Theory]
    [InlineData("Não, quero sair", 0b001UL)]
    [InlineData("não quero sair", 0UL)]
    [InlineData("pfv, me tira", 0b0010UL)]             // "por favor" is two words
    [InlineData("nããão!! para", 0b01UL)]
    [InlineData("ok. pro hospital? sim", 0b01001UL)]    // "pro" → "para o"
    [InlineData("S A I R", 0UL)]                        // spelled out: one word, nothing to align
    public void MarksTheWordBeforeEachClauseMark(string text, ulong expected)
    {
        var words = PtBrText.Normalise(text).Split(' ');
        Assert.Equal(expected, PtBrText.ClauseEnds(text, words.Length));
    }
}
