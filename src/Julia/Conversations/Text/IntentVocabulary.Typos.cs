using System.Text.Json;

namespace Julia.Conversations.Text;

/// <summary>
/// The typo fixer: one letter missing, extra or wrong in a word of the families' vocabulary ("descadastar"), never in a
/// name (docs/decisions.md#opt-out).
/// </summary>
internal sealed partial class IntentVocabulary
{
    /// <summary>One letter missing, extra or wrong in a word of 5+ letters that is not a word of the families: "descadastar", "numro".</summary>
    internal string[] FixTypos(string[] words, IReadOnlySet<string>? names = null)
    {
        string[]? fixedWords = null;
        // The keys ("=" + word, the word less one letter, "=" + that) are built in one buffer and looked up as spans: this
        // runs on every message up to three times, and a string per key was most of what detection allocated.
        var lookup = typoFixes.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> stack = stackalloc char[128];
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            // Thirty-seventh blind set: "a Sônia não quer mais receber" — a name, written with its capital inside a sentence, is
            // no misspelt family word ("sonia" is one letter from "sonda"); corrected, it voided the match around it.
            if (names is not null && names.Contains(w)) continue;
            if (w.Length < 5)
            {
                if (ShortTypo(words, i) is { } shortFix) (fixedWords ??= [.. words])[i] = shortFix;
                continue;
            }
            var key = w.Length < stack.Length ? stack : new char[w.Length + 1];
            key[0] = '=';
            w.CopyTo(key[1..]);
            if (lookup.ContainsKey(key[..(w.Length + 1)])) continue;
            var fix = typoFixes.GetValueOrDefault(w);
            // An extra last letter is usually an inflection ("removeu", "tiras"), not a typo: only inner letters count.
            for (var k = 0; fix is null && k < w.Length; k++)
                if (k < w.Length - 1 || w[k] is not ('u' or 's' or 'm' or 'r' or 'o' or 'i'))
                {
                    // key[1..w.Length] is w without its letter k; key[..w.Length] the same after "=".
                    w.AsSpan(0, k).CopyTo(key[1..]);
                    w.AsSpan(k + 1).CopyTo(key[(k + 1)..]);
                    fix = lookup.TryGetValue(key[1..w.Length], out var withoutK) ? withoutK
                        : lookup.TryGetValue(key[..w.Length], out var wordWithoutK) ? wordWithoutK : null;
                }
            if (fix is null) continue;
            fixedWords ??= [.. words];
            fixedWords[i] = fix.TrimStart('=');
        }
        return fixedWords ?? words;
    }

    /// <summary>
    /// Thirty-third blind set: "me tia da lista", "me tiar dessa lista", "me tira dessa lita" — a letter dropped or swapped in
    /// the short verb "tira"/"tire" or in "lista", words too short for the one-letter forgiveness of 5+ letters (it would read
    /// "tia", "ira" or "lisa" everywhere). Forgiven only where nothing else can stand: the verb right after "me", the noun
    /// right after "da", "dessa", "desta", "na", "nessa".
    /// </summary>
    static string? ShortTypo(string[] words, int i) =>
        i > 0 && words[i - 1] == "me" && ShortVerbTypos.TryGetValue(words[i], out var verb) ? verb
        // Thirty-seventh blind set: "n qr mais", "ñ qro receber" — "quero" shortened after "não" (nowhere else: "qr code").
        : i > 0 && words[i - 1] == "nao" && words[i] is "qr" or "qro" or "qer" or "qero" or "kero" or "kro" ? "quero"
        : i > 0 && words[i - 1] is "da" or "dessa" or "desta" or "na" or "nessa" && words[i] is "lita" or "lsta" or "lsit" ? "lista"
        : null;

    static readonly Dictionary<string, string> ShortVerbTypos = new(StringComparer.Ordinal)
    {
        ["tia"] = "tira", ["tra"] = "tira", ["tir"] = "tira", ["tiar"] = "tira", ["tria"] = "tira", ["itra"] = "tira",
        ["tie"] = "tire", ["tre"] = "tire", ["tier"] = "tire", ["trie"] = "tire",
    };

    /// <summary>Every family word ("=word") and its one-letter deletions (→ word), for words of 4+ letters.</summary>
    static Dictionary<string, string> TypoFixes(JsonElement root)
    {
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        void Collect(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: foreach (var w in e.GetString()!.Split(' ')) vocabulary.Add(w); break;
                case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) Collect(x); break;
                // optOut.umaOferta holds closed-class words and names, not words doctors misspell: "quando" is no "quanto",
                // "certo" no "perto", "safados" no "sábados".
                // optOut.interjeicoes ("cara", "mano") would turn "carta", "manso" into fillers.
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) if (p.Name is not ("_leia" or "umaOferta" or "interjeicoes")) Collect(p.Value); break;
            }
        }
        Collect(root);
        var fixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var w in vocabulary) fixes["=" + w] = "=" + w;
        foreach (var w in vocabulary.Where(w => w.Length >= 4))
            for (var k = 0; k < w.Length; k++) fixes.TryAdd(w.Remove(k, 1), w);
        return fixes;
    }
}
