using Julia.Conversations.Text;
using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Infrastructure.Text;

/// <summary>
/// Text folded for matching never throws on what a sender may write (an outside fuzzing pass: U+FFFE made
/// `string.Normalize` throw, and the doctor's turn failed on every try; docs/decisions.md#security).
/// </summary>
public sealed class PtBrTextTests
{
    [Theory]
    [InlineData("pare\uFFFE de me mandar mensagem")]
    [InlineData("\uFFFEpare de me mandar mensagem")]
    [InlineData("pare de me mandar mensagem\uD800")]
    [InlineData("pare de me mandar\uDC00 mensagem")]
    public void ANoncharacterOrALoneSurrogateIsReadAndTheRestStillMatches(string text)
    {
        Assert.Contains("pare de me mandar mensagem", PtBrText.Normalise(text.Replace("\uFFFE", " ").Replace("\uD800", " ").Replace("\uDC00", " ")));
        Assert.Equal(PtBrText.Normalise(text.Replace("\uFFFE", " ").Replace("\uD800", " ").Replace("\uDC00", " ")), PtBrText.Normalise(text));
        Assert.True(OptOutDetector.IsOptOut(text));
        Assert.DoesNotContain('\uFFFE', PtBrText.Decomposed(text));
    }

    [Fact]
    public void SurrogatePairsAndAccentsAreKept()
    {
        Assert.Equal("cafe 😡", PtBrText.Fold("Café 😡"));
        Assert.Equal("e\u0301", PtBrText.Decomposed("é"));
    }
}
