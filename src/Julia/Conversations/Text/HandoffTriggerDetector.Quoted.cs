using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-sixth blind set (docs/detection-history.md#triggers): someone else's words quoted after a verb of saying — "ele disse
/// 'vcs são uns incompetentes' pro enfermeiro", "a mãe do paciente gritou 'vou processar todo mundo'", "eu falei pro paciente:
/// 'quero falar com seu responsável'" — are a story the doctor tells, not his request, threat or anger, when with the quotation
/// blanked out nothing else of the message triggers. Not his own words said again ("eu disse 'quero falar com um humano'", "já
/// disse '…'"): a first person's saying counts only when told to someone other than us.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    static readonly char[] QuoteMarks = ['\'', '"', '“', '”', '‘', '’', '«', '»'];

    /// <summary>Runs only on a message that triggered and holds a quotation mark: the hot path pays one IndexOfAny.</summary>
    static bool OnlyInReportedSpeech(string text)
    {
        for (var open = text.IndexOfAny(QuoteMarks); open >= 0 && open + 1 < text.Length; open = text.IndexOfAny(QuoteMarks, open + 1))
        {
            // An apostrophe inside a word ("d'água") opens nothing.
            if (open > 0 && char.IsLetterOrDigit(text[open - 1])) continue;
            var close = text.IndexOfAny(QuoteMarks, open + 1);
            if (close < 0) return false;
            if (!SaidBySomeoneElse().IsMatch(PtBrText.Normalise(text[..open]))) { open = close; continue; }
            return DetectInOne(string.Concat(text.AsSpan(0, open), " ", text.AsSpan(close + 1))) is null;
        }
        return false;
    }

    // On the normalised text before the quotation: a verb of saying of a third person ("ele disse", "a mãe gritou", "o paciente
    // falou pro enfermeiro"), or of the doctor told to another ("eu falei pro paciente"; not "pra vocês", "pra Júlia").
    [GeneratedRegex(@"(?:\b(?:falou|gritou|berrou|xingou|escreveu|perguntou|respondeu|comentou|ameacou|reclamou|soltou|falaram|gritaram|disseram|escreveram|perguntaram|responderam|ameacaram|xingaram)" +
        @"|(?<!\b(?:eu|ja|te|lhe|so|nao|tambem|que|e) )(?<=\w+ )disse)(?: (?:para|a|ao|aos) (?:o |a |os |as |um |uma )?\w+(?: \w+){0,2})?(?: (?:tipo|assim))?$" +
        @"|\b(?:falei|disse|gritei|respondi|perguntei|escrevi|expliquei) (?:para|a|ao|aos) (?:o |a |os |as |um |uma |meu |minha )?(?!voces\b|voce\b|julia\b|ti\b)\w+(?: \w+){0,2}(?: (?:tipo|assim))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex SaidBySomeoneElse();
}
