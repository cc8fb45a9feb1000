using System.Text.Json;
using Julia.Conversations.Text;
using Julia.Infrastructure.Text;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// deteccao.json is matched word for word against normalised messages (<see cref="PtBrText.Normalise"/>): an entry that
/// normalisation would rewrite ("pra", "to", an accent, upper case) can never match and silently does nothing.
/// </summary>
public sealed class VocabularyFormTests
{
    [Fact]
    public void EveryEntryIsWrittenAsNormalisedMessagesAre()
    {
        using var stream = typeof(IntentVocabulary).Assembly.GetManifestResourceStream("Julia.Conversations.Text.deteccao.json")!;
        using var doc = JsonDocument.Parse(stream);
        var entries = Entries(doc.RootElement).ToList();

        Assert.True(entries.Count > 300, $"only {entries.Count} entries read");
        var rewritten = entries.Where(e => PtBrText.Normalise(e) != e).Select(e => $"'{e}' → '{PtBrText.Normalise(e)}'").ToList();
        Assert.True(rewritten.Count == 0, "entries normalisation rewrites (they never match):\n" + string.Join("\n", rewritten));
    }

    /// <summary>
    /// Sixty-second blind set: pessoa.nomes are first names, not words doctors misspell — read by the one-letter typo fix they
    /// took these stops away (two corpus opt-outs lost; docs/detection-history.md#triggers).
    /// </summary>
    [Theory]
    [InlineData("gente, sério, parem. não quero mais")]
    [InlineData("paren de mandar")]
    public void FirstNamesAreNoTargetsOfTheTypoFix(string text) => Assert.True(OptOutDetector.IsOptOut(text));

    /// <summary>Every string in the word lists; not the notes for readers (`_leia`) or the names of pairs.</summary>
    static IEnumerable<string> Entries(JsonElement element, string? property = null) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().Where(p => !p.Name.StartsWith('_') && p.Name != "nome")
            .SelectMany(p => Entries(p.Value, p.Name)),
        JsonValueKind.Array => element.EnumerateArray().SelectMany(e => Entries(e, property)),
        JsonValueKind.String => [element.GetString()!],
        _ => [],
    };
}
