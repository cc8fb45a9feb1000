using Julia.Conversations.Text;

namespace Julia.UnitTests.Conversations;

/// <summary>The end of a long message that storage cuts off, read for an opt-out or a handoff (docs/decisions.md#inbound).</summary>
public sealed class CutTailTests
{
    static readonly InboundTextLimits Limits = new();

    static string Filler(int chars)
    {
        var sentence = "Trabalhei no pronto-socorro a semana toda e a escala ficou apertada. ";
        return string.Concat(Enumerable.Repeat(sentence, chars / sentence.Length + 1))[..chars];
    }

    [Fact]
    public void AMessageStoredWholeHasNoCutTail()
    {
        Assert.Null(InboundText.CutTail(Filler(4_000), Limits));
        Assert.Null(InboundText.CutTail(null, Limits));
    }

    [Theory]
    [InlineData(6_000)]
    [InlineData(12_000)]
    [InlineData(60_000)]
    public void TheClosingRequestOfALongMessageIsInItsCutTail(int length)
    {
        var closing = "Por favor, parem de me mandar mensagens.";
        var text = Filler(length - closing.Length - 1).TrimEnd() + ". " + closing;
        if (length > Limits.RejectAbove) text = Filler(Limits.RejectAbove - closing.Length - 2) + ". " + closing + Filler(length - Limits.RejectAbove);

        var tail = InboundText.CutTail(text, Limits);

        Assert.NotNull(tail);
        Assert.True(tail.Length <= InboundText.CutTailChars + 300, $"{tail.Length} characters");
        Assert.Contains(closing, tail);
        Assert.True(OptOutDetector.IsOptOut(tail));
        Assert.DoesNotContain(closing, InboundText.Stored(text, "texto", Limits));
    }

    [Fact]
    public void ACutTailBeginsWhereItsSentenceBeginsNotAtTheCut()
    {
        // The cut (2 000 characters before the end) falls inside the last sentence: the tail starts with it whole.
        var last = "Eu não quero que vocês " + new string('x', 0) + string.Concat(Enumerable.Repeat("de jeito nenhum ", 130)) + "parem de me mandar as vagas";
        var text = Filler(5_000) + ". " + last;

        var tail = InboundText.CutTail(text, Limits);

        Assert.NotNull(tail);
        Assert.StartsWith("Eu não quero que vocês", tail);
    }

    [Fact]
    public void ALongRunOnWithNoSentenceEndNearTheCutHasNoTail()
    {
        // Cut at a word, "eu não quero que vocês" could fall before the cut and "parem de me mandar" be read alone.
        var text = string.Concat(Enumerable.Repeat("eu nao quero que voces ", 300)) + "parem de me mandar mensagem";

        Assert.Null(InboundText.CutTail(text, Limits));
    }
}
