namespace Julia.Conversations.Text;

/// <summary>
/// Fortieth blind set (docs/detection-history.md#triggers): a curse written with a letter hidden or swapped for a digit or a sign —
/// "f*da-se essa empresa", "vai se f*der", "p0rra", "m3rda" — is read as the curse, so the rules of anger meet it as they
/// meet the word. Only a word of letters with such a sign inside, of a curse's length, whose visible letters are the curse's.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    static readonly string[] Curses =
        ["foda", "fodase", "foder", "fuder", "fodam", "fodeu", "fudeu", "fodido", "fudido", "merda", "porra", "caralho", "puta", "puto", "putos", "bosta", "cacete", "arrombado", "arrombados", "desgraca", "cuzao", "babaca", "otario", "otarios",
         // Fifty-second blind set: "empresa l1x0", "vcs são um l1xo" — the insult of a thing, hidden as the curses are.
         "lixo", "lixos"];

    /// <summary>The text with each censored curse written out; the same instance when there is none (no allocation).</summary>
    internal static string Uncensored(string text)
    {
        if (text.AsSpan().IndexOfAny("*#@0134$.") < 0) return text;
        char[]? chars = null;
        for (var i = 0; i < text.Length;)
        {
            if (!IsCensoredWordChar(text[i])) { i++; continue; }
            var start = i;
            while (i < text.Length && (IsCensoredWordChar(text[i]) || DotInsideAWord(text, i))) i++;
            var word = text.AsSpan(start, i - start);
            // Fifty-fourth blind set: "vai tomar no c." — the two-letter curse with a dot for its hidden letter.
            if (word is ['c' or 'C'] && i < text.Length && text[i] == '.' && start >= 3 && text.AsSpan(start - 3, 3).Equals("no ", StringComparison.OrdinalIgnoreCase)
                && (i + 1 == text.Length || !char.IsLetter(text[i + 1])))
            {
                chars ??= text.ToCharArray();
                chars[i] = 'u';
                continue;
            }
            if (word.IndexOfAny("*#@0134$.") < 0 || !HasLetter(word)) continue;
            // Fifty-second blind set: "vai tomar no c*" — the two-letter curse shows one letter only, so only in its phrase.
            if (word.Length == 2 && char.ToLowerInvariant(word[0]) == 'c' && word[1] is '*' or '#' && start >= 3
                && text.AsSpan(start - 3, 3).Equals("no ", StringComparison.OrdinalIgnoreCase))
            {
                chars ??= text.ToCharArray();
                chars[start + 1] = 'u';
                continue;
            }
            foreach (var curse in Curses)
                if (Hides(word, curse))
                {
                    chars ??= text.ToCharArray();
                    curse.AsSpan().CopyTo(chars.AsSpan(start));
                    break;
                }
        }
        return chars is null ? text : new string(chars);
    }

    /// <summary>Fifty-fourth blind set: "vai se f.der", "p.rra" — a dot between two letters hides one, as an asterisk does.</summary>
    static bool DotInsideAWord(string text, int i) =>
        text[i] == '.' && i > 0 && i + 1 < text.Length && char.IsLetter(text[i - 1]) && char.IsLetter(text[i + 1]);

    static bool IsCensoredWordChar(char c) => char.IsLetter(c) || c is '*' or '#' or '@' or '$' || char.IsAsciiDigit(c);

    static bool HasLetter(ReadOnlySpan<char> word)
    {
        foreach (var c in word) if (char.IsLetter(c)) return true;
        return false;
    }

    /// <summary>Same length, at least two visible letters, and each visible letter the curse's; a sign hides any letter, a digit its look-alike.</summary>
    static bool Hides(ReadOnlySpan<char> word, string curse)
    {
        if (word.Length != curse.Length) return false;
        var letters = 0;
        for (var k = 0; k < word.Length; k++)
        {
            var c = char.ToLowerInvariant(word[k]);
            if (c is '*' or '#' or '.') continue;
            var seen = c switch { '0' => 'o', '1' => 'i', '3' => 'e', '4' => 'a', '@' => 'a', '$' => 's', _ => c };
            if (seen != curse[k]) return false;
            if (char.IsLetter(c)) letters++;
        }
        return letters >= 2;
    }
}
