using Julia.Conversations.Text;
using Julia.Handoffs;
using Xunit.Abstractions;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// A turn is every message of a burst (an outside audit, 2026-12-03: each message was read alone, so "que absurdo" then
/// "isso é uma vergonha" reached the agent, and an angry message before "quero falar com uma pessoa" typed the handoff
/// as anger).
/// </summary>
public sealed class TurnTriggerTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(HandoffTriggers.NegativeSentiment, "que absurdo", "isso é uma vergonha")]
    [InlineData(HandoffTriggers.NegativeSentiment, "3 dias esperando o pagamento", "RIDÍCULO", "péssimo atendimento")]
    [InlineData(HandoffTriggers.PersonRequested, "isso é um absurdo, uma vergonha, um desrespeito", "quero falar com uma pessoa")]
    [InlineData(HandoffTriggers.PersonRequested, "vou procurar um advogado", "me passa pra sua supervisora")]
    [InlineData(HandoffTriggers.Legal, "que palhaçada, inaceitável", "vou entrar com um processo contra vocês")]
    public void TheTurnsTriggerIsTheFirstInOrderOverItsMessagesAndOverThemTogether(string expected, params string[] messages)
    {
        Assert.Equal(expected, HandoffTriggerDetector.DetectInTurn(messages)?.Trigger);
    }

    [Fact]
    public void TheTriggeringTextIsTheMessageThatTriggeredOrTheMessagesTogether()
    {
        Assert.Equal("quero falar com uma pessoa", HandoffTriggerDetector.DetectInTurn(["oi, bom dia", "quero falar com uma pessoa"])?.Text);
        Assert.Equal("que absurdo\nisso é uma vergonha", HandoffTriggerDetector.DetectInTurn(["que absurdo", "isso é uma vergonha"])?.Text);
        Assert.Null(HandoffTriggerDetector.DetectInTurn(["oi, bom dia", "tem plantão sábado?"]));
        Assert.Null(HandoffTriggerDetector.DetectInTurn([]));
    }

    /// <summary>
    /// Reading messages together must not invent a trigger neither has alone, except two strong words: every pair of
    /// neighbouring corpus messages without a trigger — thousands of bursts that are not one — stays without one, or is
    /// anger made of one strong word in each, or of their mockery in one and a payment gone wrong in the other (forty-fourth set), or of a wrong of ours in one and the
    /// anger it raises in the other (forty-sixth set).
    /// </summary>
    [Fact]
    public void NeighbouringMessagesWithoutATriggerHaveNoneTogether()
    {
        var quiet = DetectionCorpusTests.Corpus().Where(c => c.Label is "neutro" or "nao_opt_out" && HandoffTriggerDetector.Detect(c.Text) is null)
            .Select(c => c.Text).ToList();
        var invented = new List<string>();
        for (var i = 1; i < quiet.Count; i++)
            if (HandoffTriggerDetector.DetectInTurn([quiet[i - 1], quiet[i]]) is { } found
                && !(found.Trigger == HandoffTriggers.NegativeSentiment && HandoffTriggerDetector.StrongWordCount(quiet[i - 1]) == 1
                     && HandoffTriggerDetector.StrongWordCount(quiet[i]) == 1)
                && !(found.Trigger == HandoffTriggers.NegativeSentiment && HandoffTriggerDetector.MockeryAndGrievanceApart(quiet[i - 1], quiet[i]))
                && !(found.Trigger == HandoffTriggers.NegativeSentiment && HandoffTriggerDetector.WrongAndAngerApart(quiet[i - 1], quiet[i])))
                invented.Add($"{found.Trigger}: {quiet[i - 1]} ‖ {quiet[i]}");
        output.WriteLine($"{quiet.Count - 1} pairs, {invented.Count} invented");
        Assert.True(quiet.Count > 2000, $"{quiet.Count} messages");
        Assert.True(invented.Count == 0, string.Join("\n", invented));
    }
}
