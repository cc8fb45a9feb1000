using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Splits a reply into WhatsApp-sized chunks (docs/decisions.md#inbound): the model's line breaks first, then at most 150
/// characters cut at the last ". ", "! ", "? ", ", " or space — never inside a link; never more than 4 chunks. Markdown
/// the model writes despite the persona (headings, bold, list markers, code ticks) is taken out first: WhatsApp shows it
/// as written ("## Próximos passos"), a run of the same emoji becomes one, and a shift id copied from the context goes.
/// </summary>
internal static partial class ReplySplitter
{
    public const int MaxChunkLength = 150;
    public const int MaxChunks = 4;

    public static IReadOnlyList<string> Split(string reply)
    {
        var pieces = new List<string>();
        foreach (var line in Plain(reply).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            pieces.AddRange(Cut(line));
        if (pieces.Count <= MaxChunks) return pieces;
        return [.. pieces.Take(MaxChunks - 1), string.Join(' ', pieces.Skip(MaxChunks - 1))];
    }

    /// <summary>The reply as a person types it on WhatsApp: no markdown, no emoji repeated in a row.</summary>
    public static string Plain(string reply)
    {
        var text = CodeFence().Replace(reply.Replace("\r\n", "\n"), "");
        text = Heading().Replace(text, "");
        text = ListMarker().Replace(text, "");
        text = MarkdownLink().Replace(text, "$1: $2");
        text = Emphasis().Replace(text, "$2");
        text = Ticks().Replace(text, "$1");
        text = InternalId().Replace(text, "");
        text = SpeakerTag().Replace(text, "");
        return RepeatedEmoji().Replace(text, "$1");
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
        var cut = -1;
        foreach (var mark in new[] { ". ", "! ", "? ", ", " })
        {
            var at = window.LastIndexOf(mark, MaxChunkLength - 1, StringComparison.Ordinal);
            if (at > 0) { cut = at + 1; break; }
        }
        if (cut < 0)
        {
            var space = window.LastIndexOf(' ');
            cut = space > 0 ? space : Infrastructure.Text.TextPrefix.SafeCut(text, MaxChunkLength);
        }
        // A link cut in two does not open: the chunk ends before it, or — a link longer than a chunk — right after it.
        foreach (Match link in Link().Matches(text))
            if (link.Index < cut && cut < link.Index + link.Length)
                return link.Index > 0 ? link.Index : link.Index + link.Length;
        return cut;
    }

    [GeneratedRegex(@"https?://\S+|www\.\S+", RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    [GeneratedRegex(@"^\s*```[^\n]*$", RegexOptions.Multiline)]
    private static partial Regex CodeFence();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(?:[-*•]|\d{1,2}[.)])\s+", RegexOptions.Multiline)]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex(@"(?<![\w*_])(\*\*|__|\*|_)(\S(?:[^\n]*?\S)?)\1(?![\w*_])")]
    private static partial Regex Emphasis();

    [GeneratedRegex(@"`([^`\n]+)`")]
    private static partial Regex Ticks();

    /// <summary>
    /// A shift id the model copied from its context ("(vaga_id=3fa8…)", "id: 3fa8…"): it means nothing to a doctor. The
    /// space before it and the brackets around it go with it.
    /// </summary>
    [GeneratedRegex(@"[ \t]?[(\[]?[ \t]*(?:vaga_id|vaga id|id da vaga|id)?[ \t]*[=:]?[ \t]*\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b(?:[ \t]*[)\]])?",
        RegexOptions.IgnoreCase)]
    private static partial Regex InternalId();

    /// <summary>
    /// The history's own markers at the start of a line ("[equipe] …", "Júlia: …"), which a model may copy from the
    /// conversation it reads: the doctor would see Júlia sign as the team.
    /// </summary>
    [GeneratedRegex(@"^[ \t]*(?:\[(?:equipe|j[uú]lia|assistente)\][ \t]*|j[uú]lia:[ \t]+)", RegexOptions.IgnoreCase | RegexOptions.Multiline)]
    private static partial Regex SpeakerTag();

    [GeneratedRegex(@"(\p{Cs}\p{Cs}|[\u2600-\u27BF])(?:\uFE0F)?(?:\s*\1(?:\uFE0F)?)+")]
    private static partial Regex RepeatedEmoji();
}
