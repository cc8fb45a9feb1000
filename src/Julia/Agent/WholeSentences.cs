namespace Julia.Agent;

/// <summary>
/// An answer the token limit cut off, up to its last whole sentence (docs/decisions.md#agent): a sentence ends at `.`,
/// `!`, `?` or `…` followed by a space or a line break, or at a line break. Null when no sentence ended.
/// </summary>
internal static class WholeSentences
{
    public static string? Of(string text)
    {
        var end = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var next = i + 1 < text.Length ? text[i + 1] : ' ';
            if (text[i] == '\n' || (text[i] is '.' or '!' or '?' or '…' && char.IsWhiteSpace(next))) end = i;
        }
        var whole = end < 0 ? "" : text[..(end + 1)].Trim();
        return whole.Length == 0 ? null : whole;
    }
}
