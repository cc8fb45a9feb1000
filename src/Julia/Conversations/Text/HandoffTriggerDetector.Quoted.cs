using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-sixth blind set (docs/detection-history.md#triggers): someone else's words quoted after a verb of saying — "ele disse
/// 'vcs são uns incompetentes' pro enfermeiro", "a mãe do paciente gritou 'vou processar todo mundo'", "eu falei pro paciente:
/// 'quero falar com seu responsável'" — are a story the doctor tells, not his request, threat or anger, when with the quotation
/// blanked out nothing else of the message triggers. Not his own words said again ("eu disse 'quero falar com um humano'", "já
/// disse '…'"): a first person's saying counts only when told to someone other than us. Two more exceptions (review of the
/// sixty-sixth set, 2026-12-07): the doctor taking the words as his own ("ele falou 'vcs são golpistas' e eu concordo"), and a
/// legal step someone else said against us ("o diretor disse 'vamos processar a empresa de vocês'") — a legal matter about the
/// company is staff's whoever raised it.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    static readonly char[] QuoteMarks = ['\'', '"', '“', '”', '‘', '’', '«', '»'];

    /// <summary>Runs only on a message that triggered and holds a quotation mark: the hot path pays one IndexOfAny.</summary>
    static bool OnlyInReportedSpeech(string text, string found)
    {
        for (var open = text.IndexOfAny(QuoteMarks); open >= 0 && open + 1 < text.Length; open = text.IndexOfAny(QuoteMarks, open + 1))
        {
            // An apostrophe inside a word ("d'água") opens nothing.
            if (open > 0 && char.IsLetterOrDigit(text[open - 1])) continue;
            var close = text.IndexOfAny(QuoteMarks, open + 1);
            if (close < 0) return false;
            if (!SaidBySomeoneElse().IsMatch(PtBrText.Normalise(text[..open]))) { open = close; continue; }
            var outside = string.Concat(text.AsSpan(0, open), " ", text.AsSpan(close + 1));
            if (DetectInOne(outside) is not null || TakesTheQuoteAsHisOwn().IsMatch(PtBrText.Normalise(outside))) return false;
            return !(found == Handoffs.HandoffTriggers.Legal && QuoteAimedAtUs().IsMatch(PtBrText.Normalise(text[(open + 1)..close])));
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

    // Outside the quotation, on the normalised text: the doctor takes the quoted words as his own.
    [GeneratedRegex(@"\b(?:concordo|concordamos|tem (?:toda )?razao|tinha (?:toda )?razao|assino embaixo|eu tambem acho|tambem acho|penso (?:o mesmo|igual)|falou (?:tudo|a verdade)|disse (?:tudo|a verdade)|nao esta errado|nao ta errado)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex TakesTheQuoteAsHisOwn();

    // Inside the quotation, on the normalised text: the company is who the legal step is against.
    [GeneratedRegex(@"\b(?:voces|vcs|agencia|julia|(?:essa|sua|esta|nessa) empresa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex QuoteAimedAtUs();
}
