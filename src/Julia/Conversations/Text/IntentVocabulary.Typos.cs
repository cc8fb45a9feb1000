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
                    // Fifty-sixth blind set: "atendennte" — a word of the families with one letter doubled is that word (an
                    // extra letter), before a word one letter away from it ("atendentes", a wrong letter).
                    fix = lookup.TryGetValue(key[..w.Length], out var wordWithoutK) ? wordWithoutK
                        : lookup.TryGetValue(key[1..w.Length], out var withoutK) ? withoutK : null;
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
        // Fifty-third blind set: "parq de mandar msg", "oara de me mandar", "paar de me mandar" — a slip of the thumb in "para"/"pare"
        // (one letter swapped for its neighbour on the keyboard, or two letters swapped), forgiven only right before "de" and
        // a word of what is sent or of "me" (docs/decisions.md#opt-out): "pata de", "paro de" and names stay as written.
        : words[i].Length == 4 && i + 2 < words.Length && words[i + 1] is "de" or "d" && AfterAStopVerb.Contains(words[i + 2])
          && !RealWordsNearPara.Contains(words[i]) ? KeyboardSlipOf(words[i], "pare") ?? KeyboardSlipOf(words[i], "para")
        : null;

    /// <summary>The word after "para de": "me" or what is sent (a slip of the stop verb is forgiven only before these).</summary>
    static readonly HashSet<string> AfterAStopVerb =
        ["me", "mandar", "enviar", "mandarem", "enviarem", "mensagem", "mensagens", "ficar", "encher", "perturbar", "ligar", "chamar",
         "escrever", "incomodar", "oferecer", "nos"];

    /// <summary>Words one keyboard slip from "para"/"pare" that are words of their own.</summary>
    static readonly HashSet<string> RealWordsNearPara = ["para", "pare", "paro", "pera", "pata", "pate", "pala", "lara", "pars", "pade"];

    /// <summary>
    /// <paramref name="target"/> when <paramref name="word"/> (four letters) is it with one letter replaced by its neighbour on a
    /// QWERTY keyboard, or with two neighbouring letters swapped; else null.
    /// </summary>
    static string? KeyboardSlipOf(string word, string target)
    {
        var diff = -1;
        for (var k = 0; k < 4; k++)
            if (word[k] != target[k])
            {
                if (diff >= 0)
                    return diff == k - 1 && word[diff] == target[k] && word[k] == target[diff] && word.AsSpan(k + 1).SequenceEqual(target.AsSpan(k + 1)) ? target : null;
                diff = k;
            }
        return diff >= 0 && KeyboardNeighbours.TryGetValue(target[diff], out var near) && near.Contains(word[diff]) ? target : null;
    }

    static readonly Dictionary<char, string> KeyboardNeighbours = new()
    {
        ['p'] = "ol", ['a'] = "qwsz", ['r'] = "etdf", ['e'] = "wrsd",
    };

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
                // pessoa.nomes (sixty-second blind set) are first names: "marcia", "paula" are no targets for "marca", "pauta".
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) if (p.Name is not ("_leia" or "umaOferta" or "interjeicoes" or "nomes")) Collect(p.Value); break;
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
