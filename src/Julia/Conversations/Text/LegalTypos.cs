using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Nineteenth blind set: the legal words as doctors misspell them — "prossesso", "procesar", "dinunciar", "dinunsiar",
/// "adivogado", "adevogado". The one-letter typo fix (<see cref="IntentVocabulary"/>) leaves them out on purpose (a legal
/// expression read into a near word is a false handoff), so they get their own, narrower fix: a word of seven letters or
/// more that is not one of them, with the same first letter and the same last two, at most two edits away (one for seven
/// letters), and not one of the real words that sit that close ("promessa", "progresso", "professor", "afogado").
/// </summary>
internal static class LegalTypos
{
    static readonly string[] Targets =
    [
        "processo", "processos", "processar", "processa", "processe", "processem", "processarei", "processando",
        "advogado", "advogada", "advogados", "advogadas",
        "denunciar", "denuncia", "denuncio", "denunciarei", "denunciem", "denunciando",
    ];

    static readonly HashSet<string> RealWords = new(StringComparer.Ordinal)
    {
        "promessa", "promessas", "progresso", "progressos", "professor", "professora", "professores", "afogado", "afogada",
        "processado", "processada", "processados", "processadas", "procedem", "possessa", "possesso", "renuncia", "anuncia",
        "anunciar", "denunciado", "denunciada", "advogar",
        // Fiftieth blind set: "vou protestar em cartório" was read as "processar" (two letters away); protesting is its own word.
        "protestar", "protesto", "protestos", "protesta", "protestam", "protestei", "protestado", "protestada", "protestarei",
    };

    /// <summary>The words with the misspelt legal words fixed, or null when none is.</summary>
    public static string[]? Fixed(string[] words)
    {
        string[]? fixedWords = null;
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            if (w.Length < 7 || w[0] is not ('p' or 'a' or 'd') || RealWords.Contains(w) || !LooksLegal(w)) continue;
            foreach (var target in Targets)
            {
                if (target[0] != w[0] || target[^1] != w[^1] || target[^2] != w[^2] || Math.Abs(target.Length - w.Length) > 2) continue;
                if (target == w) break;
                if (EditDistance.Of(w, target) > (w.Length <= 7 ? 1 : 2)) continue;
                (fixedWords ??= (string[])words.Clone())[i] = target;
                break;
            }
        }
        return fixedWords;
    }

    /// <summary>
    /// What each word's misspellings keep (the other forms of the word itself — "processei", "denunciou" — are no typo):
    /// "pr"/"po" opening a form of processar ("prossesso", "porcesso"), "vog"/"voc" in advogado ("adivogado", "advocado"),
    /// "nun" in denunciar ("dinunsiar") — so a hospital's name two letters from "advogada" ("Alvorada") is left alone.
    /// </summary>
    static bool LooksLegal(string w) => w[0] switch
    {
        'p' => (w[1] is 'r' or 'o') && !w.StartsWith("process", StringComparison.Ordinal),
        'a' => (w.Contains("vog", StringComparison.Ordinal) || w.Contains("voc", StringComparison.Ordinal)) && !w.StartsWith("advogad", StringComparison.Ordinal),
        _ => w.Contains("nun", StringComparison.Ordinal) && !w.StartsWith("denunci", StringComparison.Ordinal),
    };
}
