namespace Julia.Infrastructure.Text;

/// <summary>
/// Cutting people's text to a length without cutting a character in two: an emoji is two UTF-16 chars, and half of one
/// (a lone surrogate) is refused by PostgreSQL's UTF-8 and by System.Text.Json — a cut message was an exception on
/// every retry of its turn.
/// </summary>
internal static class TextPrefix
{
    /// <summary>At most <paramref name="max"/> chars of <paramref name="text"/>, one fewer when the last would be half an emoji.</summary>
    public static string Of(string text, int max) =>
        text.Length <= max ? text : text[..(max > 0 && char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];

    /// <summary>Where to cut <paramref name="text"/> at <paramref name="at"/> or just before, never inside a surrogate pair.</summary>
    public static int SafeCut(string text, int at) => at > 0 && at < text.Length && char.IsHighSurrogate(text[at - 1]) ? at - 1 : at;
}
