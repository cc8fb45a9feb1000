using System.Globalization;
using System.Text;
using Julia.Infrastructure.Text;

namespace Julia.Infrastructure.Logging;

/// <summary>
/// A string someone outside wrote (a webhook's message id, connection state, an agent's name…) as it may go into a log
/// line (docs/decisions.md#configuration, "Logging"): control and Unicode format characters dropped (no ANSI escapes,
/// backspaces, forged line breaks, U+202E reversals or invisible text), a run of 8 or more digits masked like a phone
/// (<see cref="PhoneMask"/>: at most its first 8 digits shown, never its last 4), at most <see cref="MaxChars"/>
/// characters. "-" when nothing is left.
/// </summary>
internal static class LogText
{
    public const int MaxChars = 64;

    /// <summary>Characters a phone is written with between its digits ("+55 (11) 99999-0001" is one run).</summary>
    const string Separators = " -.()+/";

    public static string Untrusted(string? value, int maxChars = MaxChars)
    {
        if (string.IsNullOrEmpty(value)) return "-";
        // Only the start is looked at: a huge value costs no more than a short one.
        var source = value.Length > maxChars * 4 ? value.AsSpan(0, maxChars * 4) : value.AsSpan();
        // Twice what is shown is kept for the masking: a number the cut goes through is masked as a whole.
        var text = new StringBuilder(Math.Min(source.Length, maxChars * 2 + 1));
        var i = 0;
        for (; i < source.Length && text.Length < maxChars * 2; i++)
        {
            var c = source[i];
            if (char.IsHighSurrogate(c) && i + 1 < source.Length && char.IsLowSurrogate(source[i + 1]))
            {
                // Tag characters (U+E0000…) are format characters too: invisible text.
                if (Rune.GetUnicodeCategory(new Rune(c, source[++i])) != UnicodeCategory.Format) text.Append(c).Append(source[i]);
                continue;
            }
            if (char.IsSurrogate(c) || Invisible(c)) continue; // a lone surrogate is no character either
            text.Append(c);
        }
        if (text.Length == 0) return "-";
        var masked = MaskDigitRuns(text.ToString());
        if (masked.Length > maxChars) return TextPrefix.Of(masked, maxChars) + "…";
        return i < value.Length ? masked + "…" : masked;
    }

    /// <summary>Control (C0, DEL, C1), format (bidi overrides, zero-width, BOM) and line/paragraph separators.</summary>
    static bool Invisible(char c) => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) is
        UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    static string MaskDigitRuns(string text)
    {
        var chars = text.ToCharArray();
        var i = 0;
        while (i < chars.Length)
        {
            if (!char.IsDigit(chars[i])) { i++; continue; }
            // A run: digits, with separators between them.
            var digits = new List<int>();
            var j = i;
            while (j < chars.Length && (char.IsDigit(chars[j]) || Separators.Contains(chars[j])))
            {
                if (char.IsDigit(chars[j])) digits.Add(j);
                j++;
            }
            if (digits.Count >= 8)
                foreach (var at in digits.Skip(Math.Min(8, digits.Count - 4))) chars[at] = '*';
            i = j;
        }
        return new string(chars);
    }
}
