using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-seventh blind set (docs/decisions.md#opt-out): words that look like a stop and are not one — the Northeastern
/// negation after the verb ("me esquece não, hein": don't forget me), the stop word asked about ("opt out é o que?"), and
/// another doctor's complaint told ("o dr Pedro falou que vcs não param de mandar mensagem pra ele").
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The text with "me esquece não" (closing its clause or before "hein", "viu", "né"…) and a stop word asked about
    /// blanked out; the text itself when it holds neither (the common case: one cheap look for "esque" and "?").</summary>
    static string WithoutForgetMeNotAndAskedWords(string text)
    {
        if (text.Contains("esque", StringComparison.OrdinalIgnoreCase)) text = ForgetMeNot().Replace(text, " ");
        if (text.Contains('?') || text.Contains("significa", StringComparison.OrdinalIgnoreCase) || text.Contains("quer dizer", StringComparison.OrdinalIgnoreCase))
            text = StopWordAskedAbout().Replace(text, " ");
        return text;
    }

    /// <summary>"me esquece não", "não me esquece não" followed by a particle, a comma or the end — the negation after the verb.
    /// "me esquece, não quero mais" (a comma before "não") is still a stop.</summary>
    [GeneratedRegex(@"\b(n[aã]o\s+)?me\s+esque[cç](e|a|am|em)\s+n[aã]o\b(?=\s*(hein|heim|ein|viu|visse|n[eé]|t[aá]|oxe|po|,|\.|!|\?|$))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ForgetMeNot();

    /// <summary>"opt out é o que?", "o que é descadastrar?", "o que significa unsubscribe" — the word asked, not said.</summary>
    [GeneratedRegex(@"\b(opt[\s-]?out|unsubscribe|descadastr\w*)\s+([eé]|seria|significa|quer dizer)\s+o\s+que\b|\bo\s+que\s+([eé]|seria|significa|quer dizer)\s+(um\s+|o\s+|esse\s+|essa\s+)?(opt[\s-]?out|unsubscribe|descadastr\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StopWordAskedAbout();

    /// <summary>Another's complaint told: "(ele) falou que vcs não param de mandar mensagem pra ele" — the sending to him, not
    /// to the writer (on normalised text).</summary>
    [GeneratedRegex(@"\b(falou|disse|reclamou|contou|comentou|fala|diz|reclama)( que)? (voces|voce) nao (param|para|paravam) de (mandar|enviar)( \w+){0,3} para (ele|ela|eles|elas)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ComplaintForAnother();
}
