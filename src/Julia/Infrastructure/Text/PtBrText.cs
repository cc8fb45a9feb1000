using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Julia.Infrastructure.Text;

/// <summary>
/// Normalises a doctor's WhatsApp text for intent matching: lower case, accents stripped, punctuation to spaces,
/// common abbreviations expanded (vc → voce, msg → mensagem, pfv → por favor, pra → para, ñ → nao …).
/// </summary>
internal static partial class PtBrText
{
    static readonly Dictionary<string, string> Abbreviations = new(StringComparer.Ordinal)
    {
        ["vc"] = "voce", ["vcs"] = "voces", ["voce"] = "voce", ["c"] = "voce", ["ce"] = "voce",
        ["msg"] = "mensagem", ["msgs"] = "mensagens", ["mensage"] = "mensagem", ["mensagen"] = "mensagens",
        ["pfv"] = "por favor", ["pf"] = "por favor", ["pfvr"] = "por favor", ["plz"] = "por favor",
        ["pra"] = "para", ["pro"] = "para o", ["p"] = "para", ["pr"] = "para",
        ["n"] = "nao", ["nao"] = "nao", ["num"] = "nao", ["naum"] = "nao", ["nn"] = "nao",
        ["q"] = "que", ["oq"] = "o que", ["tb"] = "tambem", ["tbm"] = "tambem", ["td"] = "tudo",
        ["mim"] = "mim", ["me"] = "me", ["eh"] = "e", ["tah"] = "ta", ["to"] = "estou", ["tou"] = "estou",
        ["hj"] = "hoje", ["amanha"] = "amanha", ["cel"] = "celular", ["num"] = "nao", ["nd"] = "nada",
        ["ngm"] = "ninguem", ["alg"] = "alguem", ["alguem"] = "alguem", ["vlw"] = "valeu", ["blz"] = "beleza",
        ["qro"] = "quero", ["kero"] = "quero", ["qero"] = "quero", ["qria"] = "queria", ["keria"] = "queria", ["cum"] = "com",
        ["adv"] = "advogado", ["algm"] = "alguem",
        // Twelfth blind set: "para d me mandar", "n tnh interesse", "n quero agr", "me liga dps", "kd", "dnv".
        ["d"] = "de", ["tnh"] = "tenho", ["agr"] = "agora", ["dps"] = "depois", ["mto"] = "muito", ["msm"] = "mesmo",
        ["pq"] = "porque", ["dnv"] = "de novo", ["cmg"] = "comigo", ["qnd"] = "quando", ["qdo"] = "quando", ["kd"] = "cade",
        // Nineteenth blind set: the interior's "cês" and "procês" ("cês são um bando de amadores", "já falei procês").
        ["ces"] = "voces", ["proces"] = "para voces",
        // Thirty-sixth blind set: "alguen me atende" — the nasal typed as "n" (no other word is spelled so).
        ["alguen"] = "alguem",
        // Forty-eighth blind set: the final "e" heard and typed as "i" ("falar com um atendenti"), and "passa" with one "s" ("me pasa pra alguém").
        ["atendenti"] = "atendente", ["atendentis"] = "atendentes", ["pasa"] = "passa",
        // Forty-ninth blind set: "naoo me mande mais" — the "não" with its last vowel doubled, which SquashRepeats (three in a row) keeps.
        ["naoo"] = "nao", ["nnao"] = "nao",
    };

    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lowered = Slashed().Replace(text.ToLowerInvariant().Replace('ñ', 'n'), m => m.Value[0] == 'c' ? "com " : "para ");
        // Nineteenth blind set: "n mande +" — a "+" standing alone is the word "mais".
        if (lowered.Contains('+')) lowered = PlusAlone().Replace(lowered, "mais");
        // Thirty-third blind set: "tira meu nº", "removam meu n°" — the number sign (º is a letter, ° a symbol) is the word.
        if (lowered.Contains('º') || lowered.Contains('°')) lowered = NumberSign().Replace(lowered, "numero");
        var raw = StripAccents(lowered, c => char.IsLetterOrDigit(c) ? c : ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // A word spelled out letter by letter ("P A R A", "S-A-I-R") is that word: a whole message of 3+ single letters.
        // Nineteenth blind set: several words spelled out are told apart by a wider gap ("N Ã O  Q U E R O") or, when the
        // letters are joined by hyphens, by a plain space ("N-Ã-O M-A-N-D-E M-A-I-S").
        if (raw.Length >= 3 && raw.All(w => w.Length == 1 && char.IsLetter(w[0]))) raw = SpelledOutWords(lowered) ?? [string.Concat(raw)];
        // Thirtieth blind set: "tira meu num" — after a possessive, "num" (elsewhere "não") is the number; since the
        // thirty-third also "nr", "nro".
        var words = raw.Select((w, i) => SquashRepeats(w) is var squashed && squashed is "num" or "nr" or "nro" && i > 0 && raw[i - 1] is "meu" or "seu" or "teu" or "esse" or "este" ? "numero"
            : Abbreviations.TryGetValue(squashed, out var full) ? full : Unglued(squashed));
        return string.Join(' ', words);
    }

    /// <summary>The words of a message spelled out letter by letter, when a gap marks where each ends; else null.</summary>
    static string[]? SpelledOutWords(string lowered)
    {
        var hyphens = lowered.Contains('-');
        var groups = hyphens ? lowered.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries) : WideGap().Split(lowered.Trim());
        if (groups.Length < 2) return null;
        var words = groups.Select(g => string.Concat(StripAccents(g, c => char.IsLetter(c) ? c : ' ').Where(char.IsLetter))).Where(w => w.Length > 0).ToArray();
        return words.Length >= 2 ? words : null;
    }

    /// <summary>
    /// Nineteenth blind set: "nãomandamais", "naoquero mais" — "não" typed without its space before a verb of the
    /// families (and "mais" glued after it) is read as the words. No Portuguese word starts with "nao" + one of these.
    /// </summary>
    static string Unglued(string word)
    {
        if (word.Length < 6 || !word.StartsWith("nao", StringComparison.Ordinal)) return word;
        var rest = word[3..];
        var more = rest.Length > 6 && rest.EndsWith("mais", StringComparison.Ordinal);
        var verb = more ? rest[..^4] : rest;
        if (!GluedVerbs.Contains(verb)) return word;
        return more ? $"nao {verb} mais" : $"nao {verb}";
    }

    static readonly HashSet<string> GluedVerbs = new(StringComparer.Ordinal)
    {
        "quero", "manda", "mande", "mandem", "envia", "envie", "enviem", "liga", "ligue", "liguem", "precisa", "tenho",
    };

    [GeneratedRegex(@"(?<!\S)\+(?!\S)")]
    private static partial Regex PlusAlone();

    [GeneratedRegex(@"(?<!\p{L})n\s?[º°]")]
    private static partial Regex NumberSign();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex WideGap();

    /// <summary>
    /// What normalisation erases: bit i is set when word i of <see cref="Normalise"/>(text) is the last before a clause mark
    /// (, . ; : ! ? … or a line break), so "Não, quero sair" can be told from "não quero sair". 0 when the words cannot be
    /// aligned (more than 64 words, a word spelled out letter by letter). One pass over the text, no allocation.
    /// </summary>
    public static ulong ClauseEnds(string? text, int wordCount)
    {
        if (string.IsNullOrEmpty(text) || wordCount > 64) return 0;
        var lookup = Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> folded = stackalloc char[16];
        ulong ends = 0;
        var words = 0;
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            if (IsWordChar(c))
            {
                var start = i;
                while (i < text.Length && IsWordChar(text[i])) i++;
                // An abbreviation may stand for two words ("pfv" → "por favor", "pro" → "para o").
                words += i - start <= folded.Length && lookup.TryGetValue(Fold(text.AsSpan(start, i - start), folded), out var full)
                    ? full.AsSpan().Count(' ') + 1 : 1;
                continue;
            }
            if (words > 0 && words <= 64 && c is ',' or '.' or ';' or ':' or '!' or '?' or '…' or '\n') ends |= 1UL << (words - 1);
            i++;
        }
        return words == wordCount ? ends : 0;

        static bool IsWordChar(char c) =>
            char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark;

        // Lower case, common accents off and letters written three or more times once, as Normalise does.
        static ReadOnlySpan<char> Fold(ReadOnlySpan<char> word, Span<char> into)
        {
            var n = 0;
            for (var k = 0; k < word.Length;)
            {
                var run = 1;
                while (k + run < word.Length && char.ToLowerInvariant(word[k + run]) == char.ToLowerInvariant(word[k])) run++;
                var ch = char.ToLowerInvariant(word[k]) switch
                {
                    'á' or 'à' or 'â' or 'ã' or 'ä' => 'a', 'é' or 'è' or 'ê' or 'ë' => 'e', 'í' or 'ì' or 'î' or 'ï' => 'i',
                    'ó' or 'ò' or 'ô' or 'õ' or 'ö' => 'o', 'ú' or 'ù' or 'û' or 'ü' => 'u', 'ç' => 'c', 'ñ' => 'n', var x => x,
                };
                var keep = word.Length > 3 && run >= 3 && char.IsLetter(ch) ? 1 : run;
                for (var r = 0; r < keep; r++) into[n++] = ch;
                k += run;
            }
            return into[..n];
        }
    }

    /// <summary>
    /// The one accent and case fold for names (specialties, hospitals, sectors, cities): "Clínica_Médica " → "clinica medica".
    /// Two names are the same when their folds are equal.
    /// </summary>
    public static string Fold(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "" : StripAccents(name.Trim().ToLowerInvariant(), c => c == '_' ? ' ' : c);

    public static bool SameName(string? a, string? b) => a is not null && b is not null && Fold(a) == Fold(b);

    static string StripAccents(string text, Func<char, char> map)
    {
        var decomposed = Decomposed(text);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(map(c));
        return builder.ToString();
    }

    /// <summary>
    /// The text in Unicode form D, whatever it holds. .NET's normaliser throws on the noncharacter U+FFFE and on a lone
    /// surrogate: those become U+FFFD first, so a doctor's message with one is still read — before, the exception failed
    /// his turn again and again, an ERROR line each time, and he was never answered (docs/decisions.md#security,
    /// "Hostile input").
    /// </summary>
    public static string Decomposed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
            if (c == '\uFFFE' || char.IsSurrogate(c)) return Replaced(text).Normalize(NormalizationForm.FormD);
        }
        return text.Normalize(NormalizationForm.FormD);

        static string Replaced(string text)
        {
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
            {
                if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) { i++; continue; }
                if (chars[i] == '\uFFFE' || char.IsSurrogate(chars[i])) chars[i] = '\uFFFD';
            }
            return new string(chars);
        }
    }

    // "paaaaara" → "para", "chegaaaa" → "chega": doctors stretch words when annoyed. The expression runs only on a word
    // with some character three times in a row, which every match needs (most words have none).
    static string SquashRepeats(string word) => word.Length > 3 && ThreeInARow(word) ? Repeats().Replace(word, "$1") : word;

    static bool ThreeInARow(string word)
    {
        for (var i = 2; i < word.Length; i++)
            if (word[i] == word[i - 1] && word[i] == word[i - 2]) return true;
        return false;
    }

    [GeneratedRegex(@"\b[cp]/")]
    private static partial Regex Slashed();

    [GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial Regex Repeats();

    public static int WordCount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
