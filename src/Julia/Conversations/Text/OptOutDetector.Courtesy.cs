using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-ninth blind set (docs/detection-history.md#opt-out): a stop said with courtesy around it — a well-wish closing it
/// ("Não quero mais, obrigado. Boa sorte aí.", "… me tira da lista. Sucesso pra vocês!") — and "não precisa mandar" after
/// shifts given up for good ("não faço mais plantão desde a pandemia, não precisa mandar"; without the change of life it may
/// be one offer: "não precisa mandar essa"). A bare "para", even with "por favor", stays none (docs/decisions.md, "para"
/// alone never matches). Read only when every other family found nothing.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says in one of these ways, or null. Raw text in.</summary>
    static string? Courteous(string text)
    {
        var span = text.AsSpan();
        if (span.ContainsAny(WishWords) && WishAfter().Match(text) is { Success: true, Index: > 0 } wish && FamilyOf(text[..wish.Index]) is { } before)
            return before;
        return text.Contains("precisa", StringComparison.OrdinalIgnoreCase) && NoNeedAfterShiftsGivenUp().IsMatch(PtBrText.Normalise(text))
            ? "desnecessario" : null;
    }

    static readonly System.Buffers.SearchValues<string> WishWords = System.Buffers.SearchValues.Create(
        ["sorte", "sucesso", "abraço", "abraco", "abs", "att", "atenciosamente", "deus", "tchau", "bom trabalho", "tudo de bom",
         "boa semana", "bom dia", "boa tarde", "boa noite", "fim de semana"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// One or more sentences of a well-wish or a goodbye closing the message after a mark (raw text): "Boa sorte aí.",
    /// "Sucesso pra vocês!", "Abraço", "Att.", "Fiquem com Deus", "Tchau, bom trabalho".
    /// </summary>
    [GeneratedRegex(@"[.,;!…]\s*(?:(?:e\s+)?(?:boa\s+sorte|muito\s+sucesso|sucesso|bom\s+trabalho|tudo\s+de\s+bom|(?:um\s+|grande\s+)?abra[cç]os?|abs|att|atenciosamente|fi(?:ca|que|quem)\s+com\s+deus|deus\s+(?:aben[cç]oe|te\s+aben[cç]oe|abencoe)|tchau|boa\s+semana|bom\s+dia|boa\s+tarde|boa\s+noite|bom\s+fim\s+de\s+semana)" +
        @"(?:\s+(?:a[ií]|pra\s+(?:voc[eê]s|vcs|vc|voc[eê]|equipe|todos)|para\s+(?:voc[eê]s|vcs|vc|voc[eê]|a\s+equipe|todos)|a\s+todos|na\s+busca|com\s+as\s+vagas|viu|ent[aã]o))*\s*[.,;!…]*\s*(?:\p{So}|\p{Cs}|\uFE0F|\u200D)*\s*)+$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex WishAfter();

    /// <summary>Shifts given up for good, then "não precisa (me) mandar (nada)" closing the message (normalised).</summary>
    [GeneratedRegex(@"\b(?:nao (?:faco|dou|pego|trabalho com|atendo) mais plantao|nao (?:faco|dou|pego) mais plantoes|parei de (?:dar|fazer|pegar) plantao|parei com (?:os )?plantoes|larguei (?:os )?plantoes|larguei (?:o )?plantao|me aposentei|(?:sou|estou|to) aposentad[oa])\b.*\bnao precisam? (?:me )?(?:mandar|enviar)(?: (?:nada|mais nada|nada mais|mais))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NoNeedAfterShiftsGivenUp();
}
