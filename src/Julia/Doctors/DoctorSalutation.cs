using System.Globalization;
using System.Text;

namespace Julia.Doctors;

/// <summary>
/// How Júlia names a doctor at the start of a message she sends on her own: "Dr. André", "Dra. Ana", "André". The name
/// is written as a person writes it whatever the record holds (docs/decisions.md#proactive): "JOÃO" and "joão" (a
/// WhatsApp name, an import) read "João", an emoji next to the name is left out, and the title is "Dr." or "Dra.".
/// </summary>
internal static class DoctorSalutation
{
    static readonly CultureInfo PtBr = CultureInfo.GetCultureInfo("pt-BR");

    /// <summary>The title (`medicos.titulo`) and first name, or null without a first name.</summary>
    public static string? Of(string? title, string? firstName) =>
        FirstName(firstName) is not { } name ? null
        : Title(title) is { } t ? $"{t} {name}"
        : name;

    /// <summary>
    /// The first name as it is written in a greeting, or null when nothing of it is a name: words without a letter go,
    /// symbols glued to a word ("Ana🩺") go, and a word all in capitals or all in small letters is capitalised
    /// ("MARIA CLARA" → "Maria Clara"); a name with its own mixed case ("McArthur", "D'Ávila") is kept as written.
    /// </summary>
    public static string? FirstName(string? firstName)
    {
        if (string.IsNullOrWhiteSpace(firstName)) return null;
        var words = firstName.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Select(Cleaned).Where(w => w.Length > 0).ToList();
        return words.Count == 0 ? null : string.Join(' ', words.Select(Capitalised));
    }

    /// <summary>"Dr." / "Dra." for the ways a title is written ("dr", "DRA.", "Doutora"); another title as written; null when blank.</summary>
    public static string? Title(string? title)
    {
        if (string.IsNullOrWhiteSpace(title)) return null;
        var t = title.Trim();
        return t.TrimEnd('.', ',', ':').ToLowerInvariant() switch
        {
            "dr" or "doutor" => "Dr.",
            "dra" or "doutora" or "drª" => "Dra.",
            // Stored neutral on purpose (gender unknown): kept neutral, never guessed.
            "dr(a)" or "dr.(a)" => "Dr(a).",
            _ => t,
        };
    }

    /// <summary>The word without the characters that are not part of a name (emoji, pictographs, stray punctuation).</summary>
    static string Cleaned(string word)
    {
        if (!word.Any(char.IsLetter)) return "";
        var b = new StringBuilder(word.Length);
        foreach (var rune in word.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (Rune.IsLetter(rune) || category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
                || rune.Value is '\'' or '’' or '-' or '.') b.Append(rune.ToString());
        }
        return b.ToString().Trim('-', '.', '\'', '’');
    }

    static string Capitalised(string word)
    {
        var letters = word.Where(char.IsLetter).ToList();
        var allUpper = letters.All(char.IsUpper);
        var allLower = letters.All(char.IsLower);
        if (!allUpper && !allLower) return word;
        // Each part of a hyphenated name is capitalised: "ANA-LUÍSA" → "Ana-Luísa".
        return string.Join('-', word.Split('-').Select(part => part.Length == 0 ? part
            : PtBr.TextInfo.ToUpper(part[0]) + PtBr.TextInfo.ToLower(part[1..])));
    }
}
