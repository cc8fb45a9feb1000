using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-fifth blind set (docs/detection-history.md#opt-out): the number told to have passed to someone else in a clause after the one
/// that says it changed ("troquei de número, esse agora é da minha filha", "o dr mudou de número, esse aqui não é mais dele"),
/// and a stop given with its reason after "que" ("pode parar que eu não vou pegar nunca").
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>
    /// The number changed, then "esse/este (aqui)" — that number — told to be someone else's now: the pronoun stands for the
    /// number the clause before named, so it reads as "esse número agora é da minha filha" does. Not when the new holder is a
    /// doctor ("…, esse agora é do dr Paulo": the number moved to a doctor) or the doctor's own work ("esse agora é do
    /// consultório": still his).
    /// </summary>
    [GeneratedRegex(@"\b(mudei|troquei|mudou|trocou|mudamos|trocamos|mudaram|trocaram|comprei|comprou) (de |esse |este |o )?(numero|celular|chip|telefone|whatsapp|whats|zap|linha)\b.*\b(esse|este)( aqui)? (nao e mais (dele|dela|d[oa]s? \w+)|(agora e|passou a ser|e agora) (d[oa]s?|de) (?!(dr|dra|doutor|doutora|medic[oa]|trabalho|servico|consultorio|escritorio|plantao)\b)\w+)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberChangedThenItsOwner();

    /// <summary>
    /// "pode parar que eu não vou pegar nunca", "parem que eu não quero" — a stop that is not bare "para" ("para que eu não…"
    /// is "so that"), opening the message, its reason a refusal after "que": the reason makes the stop his, not the end of
    /// another sentence. A stop with a time or a condition after it is read by the vocabulary as before.
    /// </summary>
    [GeneratedRegex(@"^(\w+ ){0,2}(pode parar|podem parar|parem|pare|pode para) que (eu )?(nao|nunca|jamais) (vou|quero|pego|faco|aceito|tenho|irei|pretendo)\b(?!.*\b(hoje|agora|semana|mes|por enquanto|ate)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex StopWithItsReason();

    /// <summary>
    /// "esse número não é do Dr. Paulo, é do Dr. Pedro, mas eu também quero receber as vagas" — whoever holds the number asks for
    /// the offers himself: a wrong name or a number told to be another's is then no stop of this number.
    /// </summary>
    [GeneratedRegex(@"(?<!\b(nao|nem|nunca) )\b(eu )?(tambem )?(quero|gostaria de|queria) (continuar )?(receber|recebendo|as vagas)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WriterWantsTheOffers();
}
