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
        ["n"] = "nao", ["nao"] = "nao", ["num"] = "nao", ["naum"] = "nao",
        ["q"] = "que", ["oq"] = "o que", ["tb"] = "tambem", ["tbm"] = "tambem", ["td"] = "tudo",
        ["mim"] = "mim", ["me"] = "me", ["eh"] = "e", ["tah"] = "ta", ["to"] = "estou", ["tou"] = "estou",
        ["hj"] = "hoje", ["amanha"] = "amanha", ["cel"] = "celular", ["num"] = "nao", ["nd"] = "nada",
        ["ngm"] = "ninguem", ["alg"] = "alguem", ["alguem"] = "alguem", ["vlw"] = "valeu", ["blz"] = "beleza",
        ["qro"] = "quero", ["kero"] = "quero", ["qero"] = "quero", ["qria"] = "queria", ["keria"] = "queria", ["cum"] = "com",
        ["adv"] = "advogado", ["algm"] = "alguem",
    };

    public static string Normalise(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var lowered = Slashed().Replace(text.ToLowerInvariant().Replace('ñ', 'n'), m => m.Value[0] == 'c' ? "com " : "para ");
        var raw = StripAccents(lowered, c => char.IsLetterOrDigit(c) ? c : ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // A word spelled out letter by letter ("P A R A", "S-A-I-R") is that word: a whole message of 3+ single letters.
        if (raw.Length >= 3 && raw.All(w => w.Length == 1 && char.IsLetter(w[0]))) raw = [string.Concat(raw)];
        var words = raw.Select(w => Abbreviations.TryGetValue(SquashRepeats(w), out var full) ? full : SquashRepeats(w));
        return string.Join(' ', words);
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
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) builder.Append(map(c));
        return builder.ToString();
    }

    // "paaaaara" → "para", "chegaaaa" → "chega": doctors stretch words when annoyed.
    static string SquashRepeats(string word) => word.Length > 3 ? Repeats().Replace(word, "$1") : word;

    [GeneratedRegex(@"\b[cp]/")]
    private static partial Regex Slashed();

    [GeneratedRegex(@"(\p{L})\1{2,}")]
    private static partial Regex Repeats();

    public static int WordCount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
