using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// The sixty-fifth set's leftovers, read again (docs/detection-history.md#opt-out): a stop with an insistence tag
/// after it ("eu não quero mais, entendeu? não quero", "não quero mais, fui claro?") and a stop after sentences that only
/// say the contact was never asked for ("não pedi. peço que parem.", "nunca me cadastrei nisso. me tirem"). The tag and those
/// sentences name nothing; the rest is read again. Read only when every other family found nothing, and each form only when
/// one of its words is there.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says once its tags or its "não pedi" sentences are left out, or null. Raw text in.</summary>
    static string? Insisted(string text)
    {
        if (text.AsSpan().ContainsAny(TagWords))
        {
            var untagged = InsistenceTag().Replace(text, ".");
            if (untagged != text && untagged.Trim(' ', '.', ',') is { Length: > 0 } rest && FamilyOf(rest) is { } family) return family;
        }
        if (NeverAskedSentences().Match(text) is { Success: true, Length: > 0 } never && never.Length < text.Length
            && FamilyOf(text[never.Length..]) is { } afterNever)
            return afterNever;
        return null;
    }

    static readonly System.Buffers.SearchValues<string> TagWords = System.Buffers.SearchValues.Create(
        ["entend", "clar", "ouviu", "compreend"], StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// "entendeu?", "entendeu bem?", "tá entendendo?", "fui claro?", "ficou claro?", "ouviu?", "compreendeu?" as a clause of
    /// their own, after a mark (raw text): the doctor pressing his point, not a question about anything.
    /// </summary>
    [GeneratedRegex(@"[,.;!?…]\s*(?:(?:voc[eê]|vc|c)\s+)?(?:entendeu(?:\s+bem)?|entendido|t[aá]\s+(?:me\s+)?entendendo|deu\s+pra\s+entender|fui\s+clar[oa]|ficou\s+claro|t[aá]\s+claro|ouviu(?:\s+bem)?|compreendeu|compreendido)\s*[?!.]*(?=\s|$)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex InsistenceTag();

    /// <summary>
    /// Leading sentences that only say the contact was never asked for or allowed — "não pedi.", "nunca pedi isso.", "eu não
    /// me cadastrei em nada.", "não autorizei." — each closed by a mark, a comma too (raw text). A sentence that says more is
    /// not taken.
    /// </summary>
    [GeneratedRegex(@"^(?:\s*(?:(?:eu\s+)?(?:n[aã]o|nunca|jamais)\s+(?:pedi|solicitei|autorizei|me\s+cadastrei|me\s+inscrevi|cadastrei|dei\s+(?:meu|o\s+meu)\s+n[uú]mero)(?:\s+(?:nada|isso|nada\s+disso|isso\s+a[ií]|nisso|em\s+nada|pra\s+voc[eê]s|pra\s+vcs|a\s+ningu[eé]m))?|n[aã]o)\s*[.,;!…]+)+\s*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NeverAskedSentences();
}
