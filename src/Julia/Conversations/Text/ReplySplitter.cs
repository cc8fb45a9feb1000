namespace Julia.Conversations.Text;

/// <summary>
/// Splits a reply into WhatsApp-sized chunks (docs/decisions.md#inbound): the model's line breaks first, then at most 150
/// characters cut at the last ". ", "! ", "? ", ", " or space; never more than 4 chunks.
/// </summary>
internal static class ReplySplitter
{
    public const int MaxChunkLength = 150;
    public const int MaxChunks = 4;

    public static IReadOnlyList<string> Split(string reply)
    {
        var pieces = new List<string>();
        foreach (var line in reply.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            pieces.AddRange(Cut(line));
        if (pieces.Count <= MaxChunks) return pieces;
        return [.. pieces.Take(MaxChunks - 1), string.Join(' ', pieces.Skip(MaxChunks - 1))];
    }

    static IEnumerable<string> Cut(string text)
    {
        while (text.Length > MaxChunkLength)
        {
            var cut = LastBreak(text);
            yield return text[..cut].TrimEnd();
            text = text[cut..].TrimStart();
        }
        if (text.Length > 0) yield return text;
    }

    static int LastBreak(string text)
    {
        var window = text[..(MaxChunkLength + 1)];
        foreach (var mark in new[] { ". ", "! ", "? ", ", " })
        {
            var at = window.LastIndexOf(mark, MaxChunkLength - 1, StringComparison.Ordinal);
            if (at > 0) return at + 1;
        }
        var space = window.LastIndexOf(' ');
        return space > 0 ? space : MaxChunkLength;
    }
}
