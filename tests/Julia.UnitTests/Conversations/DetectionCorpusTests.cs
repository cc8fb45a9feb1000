using Julia.Conversations.Text;
using Xunit.Abstractions;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// The detectors on a corpus written apart from the rules (Corpus/deteccao.tsv: label TAB message): recall and
/// precision per class are printed; recall below 98 % on any class, or any opt-out of a message that is not one, fails.
/// </summary>
public sealed class DetectionCorpusTests(ITestOutputHelper output)
{
    static readonly string[] HandoffClasses = ["pedido_humano", "juridico", "sentimento_negativo"];

    internal static IReadOnlyList<(string Label, string Text)> Corpus() =>
        [.. File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Conversations", "Corpus", "deteccao.tsv"))
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split('\t', 2)).Select(p => (p[0], p[1]))];

    /// <summary>
    /// The legal expression runs only on a message holding one of its words (HandoffTriggerDetector.LegalWords): every
    /// message of the corpus it matches, whatever its label, must pass that test too, or the prefilter hides a match.
    /// Each line is also tried as it reads after a leading word, so a match at the text's start is covered.
    /// </summary>
    [Fact]
    public void EveryLegalMatchOfTheCorpusPassesItsPrefilter()
    {
        var (matched, hidden) = MatchesThePrefilterHides(HandoffTriggerDetector.LegalMatches, HandoffTriggerDetector.MayBeLegal);
        Assert.True(matched > 500, $"only {matched} matches: the corpus no longer exercises the legal expression");
        Assert.True(hidden.Count == 0, $"{hidden.Count} matches the prefilter hides: {string.Join(" | ", hidden.Take(10))}");
    }

    /// <summary>The same for the expression of insults and anger aimed at us (HandoffTriggerDetector.VeryStrongWords).</summary>
    [Fact]
    public void EveryVeryStrongMatchOfTheCorpusPassesItsPrefilter()
    {
        var (matched, hidden) = MatchesThePrefilterHides(HandoffTriggerDetector.VeryStrongMatches, HandoffTriggerDetector.MayBeVeryStrong);
        Assert.True(matched > 300, $"only {matched} matches: the corpus no longer exercises the expression");
        Assert.True(hidden.Count == 0, $"{hidden.Count} matches the prefilter hides: {string.Join(" | ", hidden.Take(10))}");
    }

    /// <summary>The same for the expression of an explicit request for a person (HandoffTriggerDetector.PersonRequestWords).</summary>
    [Fact]
    public void EveryPersonRequestMatchOfTheCorpusPassesItsPrefilter()
    {
        var (matched, hidden) = MatchesThePrefilterHides(HandoffTriggerDetector.PersonRequestMatches, HandoffTriggerDetector.MayAskForPerson);
        Assert.True(matched > 500, $"only {matched} matches: the corpus no longer exercises the expression");
        Assert.True(hidden.Count == 0, $"{hidden.Count} matches the prefilter hides: {string.Join(" | ", hidden.Take(10))}");
    }

    /// <summary>The same for the strong words, two distinct of which are negative sentiment (HandoffTriggerDetector.StrongWordStems).</summary>
    [Fact]
    public void EveryStrongWordsMatchOfTheCorpusPassesItsPrefilter()
    {
        var (matched, hidden) = MatchesThePrefilterHides(HandoffTriggerDetector.StrongWordsMatch, HandoffTriggerDetector.MayBeStrong);
        Assert.True(matched > 500, $"only {matched} matches: the corpus no longer exercises the expression");
        Assert.True(hidden.Count == 0, $"{hidden.Count} matches the prefilter hides: {string.Join(" | ", hidden.Take(10))}");
    }

    /// <summary>The same for the forty-sixth set's legal expression (HandoffTriggerDetector.LegalRunaroundWords).</summary>
    [Fact]
    public void EveryLegalRunaroundMatchOfTheCorpusPassesItsPrefilter()
    {
        var (matched, hidden) = MatchesThePrefilterHides(HandoffTriggerDetector.LegalRunaroundMatches, HandoffTriggerDetector.MayBeLegalRunaround);
        Assert.True(matched >= 3, $"only {matched} matches: the corpus no longer exercises the expression");
        Assert.True(hidden.Count == 0, $"{hidden.Count} matches the prefilter hides: {string.Join(" | ", hidden.Take(10))}");
    }

    /// <summary>The same for the fifty-fourth set's veiled notices (HandoffTriggerDetector.LegalNoticeWords).</summary>
    [Fact]
    public void EveryLegalNoticeMatchOfTheCorpusPassesItsPrefilter()
    {
        var (matched, hidden) = MatchesThePrefilterHides(HandoffTriggerDetector.LegalNoticeMatches, HandoffTriggerDetector.MayBeLegalNotice);
        Assert.True(matched >= 10, $"only {matched} matches: the corpus no longer exercises the expression");
        Assert.True(hidden.Count == 0, $"{hidden.Count} matches the prefilter hides: {string.Join(" | ", hidden.Take(10))}");
    }

    /// <summary>The same for the fifty-sixth set's evidence and instruments (HandoffTriggerDetector.LegalEvidenceWords).</summary>
    [Fact]
    public void EveryLegalEvidenceMatchOfTheCorpusPassesItsPrefilter()
    {
        var (matched, hidden) = MatchesThePrefilterHides(HandoffTriggerDetector.LegalEvidenceMatches, HandoffTriggerDetector.MayBeLegalEvidence);
        Assert.True(matched >= 3, $"only {matched} matches: the corpus no longer exercises the expression");
        Assert.True(hidden.Count == 0, $"{hidden.Count} matches the prefilter hides: {string.Join(" | ", hidden.Take(10))}");
    }

    /// <summary>How many normalised corpus lines (each also after a leading word) the expression matches, and those of them the prefilter rejects.</summary>
    (int Matched, List<string> Hidden) MatchesThePrefilterHides(Func<string, bool> matches, Func<string, bool> prefilter)
    {
        int matched = 0, lines = 0, passed = 0;
        var hidden = new List<string>();
        foreach (var (_, text) in Corpus())
            foreach (var t in new[] { Julia.Infrastructure.Text.PtBrText.Normalise(text), Julia.Infrastructure.Text.PtBrText.Normalise("olha " + text) })
            {
                lines++;
                if (prefilter(t)) passed++;
                if (!matches(t)) continue;
                matched++;
                if (!prefilter(t)) hidden.Add(t);
            }
        output.WriteLine($"{matched} of {lines} texts match, {passed} pass the prefilter");
        return (matched, hidden);
    }

    [Fact]
    public void TheCorpusIsLargeEnoughAndCoversEveryClass()
    {
        var corpus = Corpus();
        Assert.True(corpus.Count >= 300, $"{corpus.Count} messages");
        foreach (var label in new[] { "opt_out", "nao_opt_out", "neutro" }.Concat(HandoffClasses))
            Assert.Contains(corpus, c => c.Label == label);
    }

    [Fact]
    public void OptOutRecallIsAtLeast98PercentWithNoFalseOptOut()
    {
        var corpus = Corpus();
        var positives = corpus.Where(c => c.Label == "opt_out").ToList();
        var missed = positives.Where(c => !OptOutDetector.IsOptOut(c.Text)).Select(c => c.Text).ToList();
        var falseOptOuts = corpus.Where(c => c.Label != "opt_out" && OptOutDetector.IsOptOut(c.Text))
            .Select(c => $"{c.Label}: {c.Text} [{OptOutDetector.Family(c.Text)}]").ToList();
        var recall = 1 - (double)missed.Count / positives.Count;
        var flagged = positives.Count - missed.Count + falseOptOuts.Count;
        output.WriteLine($"opt_out: recall {recall:P1} ({positives.Count - missed.Count}/{positives.Count}), precision {(double)(positives.Count - missed.Count) / Math.Max(1, flagged):P1}");
        foreach (var m in missed) output.WriteLine($"  perdida: {m}");
        foreach (var f in falseOptOuts) output.WriteLine($"  falso opt-out: {f}");

        Assert.Empty(falseOptOuts);
        Assert.True(recall >= 0.98, $"opt_out recall {recall:P1}; missed: {string.Join(" | ", missed)}");
    }

    /// <summary>
    /// Signs beside a bare "para" ("🚫🚫🚫 para", "🛑 para", "para 😤") are none, as "para" alone and a lone "🛑" are
    /// (docs/decisions.md#opt-out, signs alone): every such line of the corpus is labelled so and read so — the sixty-first set
    /// left "🚫🚫🚫 para" opt-out beside "🛑 para" none.
    /// </summary>
    [Fact]
    public void SignsBesideABareParaAreLabelledAndReadAsNone()
    {
        var lines = Corpus().Where(c => IsSignsAndBarePara(c.Text)).ToList();
        Assert.True(lines.Count >= 3, $"only {lines.Count} lines of signs and a bare para");
        Assert.All(lines, c => Assert.True(c.Label != "opt_out" && !OptOutDetector.IsOptOut(c.Text), $"{c.Label}: {c.Text}"));
    }

    static bool IsSignsAndBarePara(string text)
    {
        var letters = new string([.. text.Where(char.IsLetter)]).ToLowerInvariant();
        return System.Text.RegularExpressions.Regex.IsMatch(letters, "^p+a+r+a+$")
               && text.Any(c => char.IsSurrogate(c) || char.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.OtherSymbol);
    }

    [Theory]
    [InlineData("pedido_humano")]
    [InlineData("juridico")]
    [InlineData("sentimento_negativo")]
    public void HandoffRecallIsAtLeast98PercentPerType(string type)
    {
        var corpus = Corpus().Where(c => c.Label != "opt_out").ToList(); // an opt-out wins over any trigger
        var positives = corpus.Where(c => c.Label == type).ToList();
        var predicted = corpus.Where(c => HandoffTriggerDetector.Detect(c.Text) == type).ToList();
        var hits = positives.Count(c => HandoffTriggerDetector.Detect(c.Text) == type);
        var recall = (double)hits / positives.Count;
        var wrong = predicted.Where(c => c.Label != type).ToList();
        output.WriteLine($"{type}: recall {recall:P1} ({hits}/{positives.Count}), precision {(double)hits / Math.Max(1, predicted.Count):P1}");
        foreach (var m in positives.Where(c => HandoffTriggerDetector.Detect(c.Text) != type))
            output.WriteLine($"  perdida: {m.Text} [detectado: {HandoffTriggerDetector.Detect(m.Text) ?? "nada"}]");
        foreach (var w in wrong)
            output.WriteLine($"  falso {type}: {w.Label}: {w.Text} [{IntentVocabulary.Instance.PersonFamily(Julia.Infrastructure.Text.PtBrText.Normalise(w.Text).Split(' ')) ?? "regra"}]");

        Assert.True(recall >= 0.98, $"{type} recall {recall:P1}");
        Assert.DoesNotContain(wrong, c => c.Label is "neutro" or "nao_opt_out");
    }
}
