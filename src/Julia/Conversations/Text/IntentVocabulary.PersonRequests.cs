namespace Julia.Conversations.Text;

/// <summary>
/// A request for a person of the team (`frase`, `falar_com`, `quero_pessoa`), its negations ("não precisa me ligar"),
/// and whose people are named ("minha consultora" is ours, "minha gestora" may be his own) (docs/decisions.md#handoff).
/// </summary>
internal sealed partial class IntentVocabulary
{
    /// <summary>The family of a request for a person (`frase`, `falar_com`, `quero_pessoa`), or null.</summary>
    public string? PersonFamily(string[] words, ulong clauseEnds = 0)
    {
        if (words.Length == 0) return null;
        words = FixTypos(words);
        if (personExact.Contains(string.Join(' ', courtesies.Strip(words)))) return "comando";
        for (var start = 0; start < words.Length; start++)
            if (personPhrases.EndAt(words, start) is { } end && !Near(words, end, personExceptions, personExceptionWindow)
                && !Before(words, start, personBefore, clauseEnds) && !Negated(words, start, clauseEnds) && !AsksForSomeoneElse(words, start, end))
                return "frase";
        foreach (var pair in personPairs)
            if (Matches(words, pair, personExceptions, personExceptionWindow, possessives, personBefore, unmistakable: unmistakablePersons, negatedIn: clauseEnds))
                return pair.Name;
        return null;
    }

    /// <summary>
    /// "não me liga agora", "não precisa me ligar", "para de me ligar" are the opposite of a request; "você é uma pessoa real?" asks what
    /// Júlia is (docs/decisions.md#agent).
    /// </summary>
    /// <summary>Whether a request for a person starting at word <paramref name="start"/> is negated ("não quero falar com atendente").</summary>
    public static bool NegatedRequest(string[] words, int start, ulong clauseEnds) => Negated(words, start, clauseEnds);

    static bool Negated(string[] words, int start, ulong clauseEnds) =>
        (start > 0 && words[start - 1] == "nao" && !Crosses(clauseEnds, start - 1, start) && !WhyNot(words, start))
        // "ninguém precisa me ligar": nobody is asked for.
        || (start > 1 && words[start - 2] is "nao" or "ninguem" && words[start - 1] is "precisa" or "precisam" or "precisar" && !Crosses(clauseEnds, start - 2, start))
        // Thirty-sixth blind set: "não quero que ninguém me ligue", "prefiro que ninguém me ligue" — nobody, wished.
        || (start > 2 && words[start - 1] == "ninguem" && words[start - 2] == "que" && words[start - 3] is "quero" or "prefiro" or "gostaria" or "precisa" or "peco"
            && !Crosses(clauseEnds, start - 3, start))
        // Thirty-fourth blind set: "não precisa ninguém me ligar" — nobody, after the need denied.
        || (start > 1 && words[start - 1] == "ninguem" && words[start - 2] is "precisa" or "precisam" or "precisar" or "necessario" && !Crosses(clauseEnds, start - 2, start))
        // "não quero receber ligação", "não gosto de ligação": the call refused through a verb of wanting or receiving.
        || NegatedThroughWanting(words, start, clauseEnds)
        // "pode parar de me ligar": a call stopped, not asked for.
        || (start > 1 && words[start - 2] is "parar" or "para" or "pare" or "parem" && words[start - 1] == "de")
        || (start > 1 && words[start - 1] is "uma" or "um" && words[start - 2] == "e");

    /// <summary>
    /// Forty-eighth blind set: "por que não me passa logo pra um humano?", "pq não me liga?" — the "não" of a question asking why
    /// it is not done yet asks for it (only before an imperative of passing or calling: "porque não quero falar com ninguém" stays
    /// a refusal).
    /// </summary>
    static bool WhyNot(string[] words, int start) =>
        start > 1 && (words[start - 2] == "porque" || (start > 2 && words[start - 2] == "que" && words[start - 3] == "por"))
        && words[start] is "me" or "liga" or "ligam" or "passa" or "passam" or "transfere" or "transferem" or "chama" or "chamam";

    /// <summary>
    /// "não quero receber ligação", "não gosto de ligação", "ñ preciso de telefonema": "não" and then only words of wanting,
    /// needing, being able or receiving before the match, in one clause.
    /// </summary>
    static bool NegatedThroughWanting(string[] words, int start, ulong clauseEnds)
    {
        var k = start - 1;
        while (k >= 0 && start - k <= 4 && words[k] is "quero" or "queria" or "preciso" or "gosto" or "receber" or "de" or "ser" or "mais" or "nenhuma" or "nenhum"
                   // Twenty-second blind set: "não consigo receber ligação", "não posso atender ligação agora".
                   or "consigo" or "posso" or "atender")
            k--;
        return k >= 0 && k < start - 1 && words[k] is "nao" or "nunca" && !Crosses(clauseEnds, k, start);
    }

    /// <summary>"tem alguém aí que possa cobrir meu plantão?": someone to do something for him, not a person of the team to talk to.</summary>
    static bool AsksForSomeoneElse(string[] words, int start, int end) =>
        words[start] == "tem" && end < words.Length && words[end] is "que" or "para";

    static readonly HashSet<string> OurRoles = ["consultor", "consultora", "recrutador", "recrutadora", "escalista"];

    /// <summary>Thirty-fourth blind set: the roles of a team a doctor may also have at his own work ("minha gestora", "meu gerente").</summary>
    static readonly HashSet<string> SharedRoles = ["gestor", "gestora", "gerente", "coordenador", "coordenadora", "supervisor", "supervisora", "responsavel", "analista", "atendente", "chefe"];

    /// <summary>The verbs of handing him over ("me passa para", "transfere para", "me coloca em contato com"): to Júlia's people only.</summary>
    static readonly HashSet<string> HandingOver = ["passa", "passe", "passar", "transfere", "transfira", "transferir", "coloca", "coloque", "colocar", "encaminha", "encaminhe", "encaminhar", "conecta", "conecte", "conectar", "poe", "bota"];

    /// <summary>
    /// Thirty-first blind set: the doctor's consultant or recruiter (words[<paramref name="j"/>], after "meu"/"minha") asked for by
    /// the expression at <paramref name="start"/> — ours, unless a complement names another trade ("…de investimentos", "…do
    /// banco") or the doctor says he will talk to her himself ("vou falar com minha consultora").
    /// </summary>
    static bool OursAfterThePossessive(string[] words, int start, int j) =>
        (OurRoles.Contains(words[j]) || (SharedRoles.Contains(words[j]) && (HandsOver(words, start) || OfYours(words, j + 1)))) && words[j - 1] is "meu" or "minha"
        && (j + 1 == words.Length || OfYours(words, j + 1) || words[j + 1] is not ("de" or "do" or "da" or "dos" or "das" or "financeiro" or "financeira" or "imobiliario" or "imobiliaria" or "pessoal"))
        && !(start > 0 && words[start - 1] is "vou" or "vamos" or "irei" or "vai") && !(start > 1 && words[start - 2] is "vou" or "vamos" or "irei");

    /// <summary>
    /// Thirty-fourth blind set: "me passa pra minha gestora" — he is handed over by Júlia, so to one of hers (whereas "vou falar com
    /// minha gestora" is his own); "minha gestora aí de vocês" says so outright.
    /// </summary>
    static bool HandsOver(string[] words, int start) =>
        HandingOver.Contains(words[start]) || (words[start] == "me" && start + 1 < words.Length && HandingOver.Contains(words[start + 1]));

    static bool OfYours(string[] words, int from) =>
        from < words.Length && (words[from] == "dai" || (words[from] == "de" && from + 1 < words.Length && words[from + 1] is "voces" or "vcs")
                                || (words[from] == "ai" && from + 2 < words.Length && words[from + 1] == "de" && words[from + 2] is "voces" or "vcs"));
}
