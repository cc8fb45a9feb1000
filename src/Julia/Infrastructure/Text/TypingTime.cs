using System.Globalization;

namespace Julia.Infrastructure.Text;

/// <summary>
/// How long "digitando…" is shown before a text goes out with HUMANIZAR=true (docs/decisions.md#humanised-delays):
/// 2 s per word, less 1 s per emoji and 0.5 s per `vc`/`pra`/`tá`, within 2–6 s.
/// </summary>
internal static class TypingTime
{
    static readonly TimeSpan Min = TimeSpan.FromSeconds(2), Max = TimeSpan.FromSeconds(6);
    static readonly string[] ShortWords = ["vc", "pra", "tá", "ta"];

    public static TimeSpan For(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var seconds = 2.0 * words.Length - CountEmoji(text) - 0.5 * words.Count(w => ShortWords.Contains(w.Trim(',', '.', '!', '?').ToLowerInvariant()));
        var typing = TimeSpan.FromSeconds(seconds);
        return typing < Min ? Min : typing > Max ? Max : typing;
    }

    static int CountEmoji(string text)
    {
        var count = 0;
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext())
            if (e.GetTextElement() is var el && char.IsSurrogatePair(el, 0)) count++;
        return count;
    }
}
