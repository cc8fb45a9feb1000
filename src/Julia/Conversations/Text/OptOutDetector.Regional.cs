using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-seventh blind set (docs/detection-history.md#opt-out): words that look like a stop and are not one — the Northeastern
/// negation after the verb ("me esquece não, hein": don't forget me), the stop word asked about ("opt out é o que?"), and
/// another doctor's complaint told ("o dr Pedro falou que vcs não param de mandar mensagem pra ele"); since the forty-ninth,
/// "vaza não" and "some não" (don't go).
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The text with "me esquece não" (closing its clause or before "hein", "viu", "né"…) and a stop word asked about
    /// blanked out; the text itself when it holds neither (the common case: one cheap look for "esque" and "?").</summary>
    static string WithoutForgetMeNotAndAskedWords(string text)
    {
        if (text.Contains("esque", StringComparison.OrdinalIgnoreCase)) text = ForgetMeNot().Replace(text, " ");
        // Forty-ninth blind set: "vaza não, fica kkk", "some não julia, manda vaga" — "don't go", the same negation after the verb.
        if (text.Contains("vaza", StringComparison.OrdinalIgnoreCase) || text.Contains("som", StringComparison.OrdinalIgnoreCase)
            || text.Contains("sum", StringComparison.OrdinalIgnoreCase)) text = GoAwayNot().Replace(text, " ");
        if (text.Contains('?') || text.Contains("significa", StringComparison.OrdinalIgnoreCase) || text.Contains("quer dizer", StringComparison.OrdinalIgnoreCase))
            text = StopWordAskedAbout().Replace(text, " ");
        return text;
    }

    /// <summary>"me esquece não", "não me esquece não" followed by a particle, a comma or the end — the negation after the verb.
    /// "me esquece, não quero mais" (a comma before "não") is still a stop.</summary>
    [GeneratedRegex(@"\b(n[aã]o\s+)?me\s+esque[cç](e|a|am|em)\s+n[aã]o\b(?=\s*(hein|heim|ein|viu|visse|n[eé]|t[aá]|oxe|po|,|\.|!|\?|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForgetMeNot();

    /// <summary>"vaza não", "some não", "suma não" followed by a particle, a call, laughter, a comma or the end: don't go. "some,
    /// não quero mais" (a comma before "não") and "vaza não quero mais nada" (dictated, a refusal after it) are still stops.</summary>
    [GeneratedRegex(@"(?<!\p{L})(vaza|some|suma|sumam)\s+n[aã]o\b(?=\s*(hein|heim|ein|viu|visse|n[eé]|t[aá]|oxe|po|fica|julia|j[uú]lia|k+|rs+|,|\.|!|\?|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoAwayNot();

    /// <summary>"opt out é o que?", "o que é descadastrar?", "o que significa unsubscribe" — the word asked, not said.</summary>
    [GeneratedRegex(@"\b(opt[\s-]?out|unsubscribe|descadastr\w*)\s+([eé]|seria|significa|quer dizer)\s+o\s+que\b|\bo\s+que\s+([eé]|seria|significa|quer dizer)\s+(um\s+|o\s+|esse\s+|essa\s+)?(opt[\s-]?out|unsubscribe|descadastr\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StopWordAskedAbout();

    /// <summary>Another's complaint told: "(ele) falou que vcs não param de mandar mensagem pra ele" — the sending to him, not
    /// to the writer (on normalised text).</summary>
    [GeneratedRegex(@"\b(falou|disse|reclamou|contou|comentou|fala|diz|reclama)( que)? (voces|voce) nao (param|para|paravam) de (mandar|enviar)( \w+){0,3} para (ele|ela|eles|elas)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ComplaintForAnother();
}
