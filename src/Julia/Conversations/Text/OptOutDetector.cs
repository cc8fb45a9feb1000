using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// "Stop messaging me" in the many ways doctors write it (docs/decisions.md#opt-out): the word families of deteccao.json
/// matched on <see cref="PtBrText.Normalise"/>d text (<see cref="IntentVocabulary"/>). Refusing one shift, a date or a
/// hospital, cancelling a reservation or editing the schedule never opts a doctor out.
/// </summary>
internal static class OptOutDetector
{
    static readonly char[] SentenceEnds = ['.', ',', ';', '!', '?', '\n', '…'];

    /// <summary>The longest last sentence read as a bare command ("…, parem", "…. pode parar").</summary>
    const int MaxLastSentence = 24;

    public static bool IsOptOut(string? text) => Family(text) is not null;

    /// <summary>Which family recognised the opt-out (`comando`, `recusa`, `remocao`, `parar_envio`, …), or null.</summary>
    public static string? Family(string? text)
    {
        var normalised = PtBrText.Normalise(text);
        if (normalised.Length == 0) return null;
        var words = normalised.Split(' ');
        return IntentVocabulary.Instance.OptOutFamily(words, LastSentence(text!), PtBrText.ClauseEnds(text, words.Length));
    }

    /// <summary>
    /// The normalised words of the last sentence when it is short and not the whole message, else null: normalised text
    /// has no sentence boundary, so "eu não pedi pra receber isso. parem" is told from "parem" inside a sentence here.
    /// </summary>
    static string[]? LastSentence(string text)
    {
        var end = text.Length;
        while (end > 0 && !char.IsLetterOrDigit(text[end - 1])) end--;
        if (end == 0) return null;
        var start = text.LastIndexOfAny(SentenceEnds, end - 1);
        if (start < 0 || end - start - 1 > MaxLastSentence) return null;
        var last = PtBrText.Normalise(text[(start + 1)..end]);
        return last.Length == 0 ? null : last.Split(' ');
    }
}
