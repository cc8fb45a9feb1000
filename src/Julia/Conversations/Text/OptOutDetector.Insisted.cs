using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// The sixty-fifth set's leftovers, read again (docs/detection-history.md#opt-out): a stop with an insistence tag
/// after it ("eu não quero mais, entendeu? não quero", "não quero mais, fui claro?") and a stop after sentences that only
/// answer no to us ("não. peço que parem.", "não, obrigado. para."). The tag and the refusal name nothing; the rest is read
/// again (the set's "não pedi." sentences before a stop are complaints, read in OptOutDetector.Asides). Read only when every
/// other family found nothing; the tag only when one of its words is there.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says once its tags or its leading refusal are left out, or null. Raw text in.</summary>
    static string? Insisted(string text)
    {
        if (text.AsSpan().ContainsAny(TagWords))
        {
            var untagged = InsistenceTag().Replace(text, ".");
            if (untagged != text && untagged.Trim(' ', '.', ',') is { Length: > 0 } rest && FamilyOf(rest) is { } family) return family;
        }
        if (LeadingRefusal().Match(text) is { Success: true, Length: > 0 } refusal && refusal.Length < text.Length
            && FamilyOf(text[refusal.Length..]) is { } afterRefusal)
            return afterRefusal;
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
    /// A leading bare refusal — "não.", "não, obrigado.", "nao nao!" — closed by a mark, a comma too (raw text): the answer to
    /// our offer, before the stop that follows it ("não. peço que parem."). A sentence that says more is not taken: "não pedi.
    /// parem" is a complaint read by <see cref="StopAfterAComplaint"/>.
    /// </summary>
    [GeneratedRegex(@"^(?:\s*(?:n[aã]o|nn|nops?|nope)(?:\s+n[aã]o)*(?:\s*,?\s*(?:obrigad[oa]|brigad[oa]|obg|valeu|vlw))?\s*[.,;!…]+)+\s*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeadingRefusal();
}
