using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-ninth blind set (docs/detection-history.md#opt-out): a stop supposed, not asked — what would happen if he said the stop word
/// ("se eu responder parar eu saio da lista?", "se eu mandar stop eu paro de receber?"), a one-word command asked back
/// ("parar?"), and a stop threatened on a condition about something other than the sending ("se o valor não melhorar vou
/// sair da lista"), or about the hour of the sending ("se mandar de madrugada de novo eu bloqueio"). A condition about the
/// sending itself ("se mandar mais uma, bloqueio", "se não pararem vou denunciar")
/// is still the stop it threatens.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>Whether the stop found in <paramref name="normalised"/> is only supposed or asked (read after a match).</summary>
    static bool OnlySupposed(string text, string normalised)
    {
        var asked = text.AsSpan().TrimEnd().EndsWith("?");
        // "parar?", "stop?" — the whole message one word, asked.
        if (asked && normalised.Length > 0 && !normalised.Contains(' ')) return true;
        // Fifty-first blind set: "isso é spam?", "é golpe isso?" — what the message is, asked (an unknown sender doubted).
        if (asked && SpamAsked().IsMatch(normalised)) return true;
        // Fifty-seventh blind set: "como faço pra parar de receber, caso eu precise?" — how to stop one day, asked
        // (OptOutDetector.Widened).
        if (asked && AskedForLater(normalised)) return true;
        if (!normalised.StartsWith("se ", StringComparison.Ordinal)) return false;
        // "se eu responder parar eu saio da lista?" — how the stop works, asked.
        // Not "se eu já pedi pra parar, por que continuam?" — the request told as made.
        if (asked && normalised.StartsWith("se eu ", StringComparison.Ordinal) && !normalised.StartsWith("se eu ja ", StringComparison.Ordinal)) return true;
        // "se mandar msg de madrugada de novo eu bloqueio" — the sending at one time of day threatened: when, not whether.
        if (TimeOfDayCondition().IsMatch(normalised)) return true;
        // Sixty-first blind set: "se for noturno prefiro não receber" — a preference on a condition about the offer, not the
        // sending ("se for pra mandar isso todo dia prefiro não receber mais", "se for assim…" still stop; "se possível" is a courtesy).
        if (ConditionThenPreference().Match(normalised) is { Success: true } preference && !IntentVocabulary.Instance.TalksOfSending(preference.Groups[1].Value.Split(' '))
            && !AboutTheSending().IsMatch(preference.Groups[1].Value) && !AboutHowItIsSent().IsMatch(preference.Groups[1].Value))
            return true;
        // "se o valor não melhorar vou sair da lista" — the condition (up to "vou") says nothing of the sending or the stop.
        return ConditionThenThreat().Match(normalised) is { Success: true } m && !IntentVocabulary.Instance.TalksOfSending(m.Groups[1].Value.Split(' '))
               && !AboutTheSending().IsMatch(m.Groups[1].Value);
    }

    /// <summary>A condition naming the hour or the day of the sending: "se mandar de madrugada", "se me mandar antes das 7".</summary>
    [GeneratedRegex(@"^se (\w+ ){0,6}?(de madrugada|na madrugada|de noite|a noite|tarde da noite|muito cedo|cedo|no fim de semana|nos fins de semana|de domingo|no domingo|antes das \d+|depois das \d+|fora do horario)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TimeOfDayCondition();

    /// <summary>"se …" up to the first "(eu) vou" / "(a gente) vai" (since the fifty-first set also "talvez eu saia", "eu peço"): group 1 is the condition (normalised text).</summary>
    [GeneratedRegex(@"^se ((?:\w+ ){1,10}?)(?:(?:talvez|provavelmente|acho que|capaz de) )?(?:eu |a gente )?(?:vou|vai|vamos|saia|saio|peca|peco|bloqueie|bloqueio)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionThenThreat();

    /// <summary>"se/caso …" up to "(eu) prefiro": group 1 is the condition (normalised text); not a courtesy ("se possível", "se puder").</summary>
    [GeneratedRegex(@"^(?:se|caso) (?!(?:for |nao for |fosse )?(?:possivel|puder|poder|der|nao (?:for|e|seja) (?:incomodo|problema|pedir muito)|nao se importar|nao se importa)\b)((?:\w+ ){1,10}?)(?:eu )?(?:prefiro|preferia|preferiria)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ConditionThenPreference();

    /// <summary>How we send, in a condition ("se for assim", "se for desse jeito", "todo dia"): the sending itself (normalised).</summary>
    [GeneratedRegex(@"\b(assim|desse jeito|dessa forma|desse modo|todo dia|toda hora|toda semana|sempre)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AboutHowItIsSent();

    /// <summary>Fifty-first blind set: "isso é spam?", "é spam isso?", "isso é golpe?" opening the message (normalised; read only when it ends asking).</summary>
    [GeneratedRegex(@"^(?:(?:isso|isto|essa mensagem|esse numero) )?(?:e|eh|seria) (?:um |uma )?(?:spam|golpe)(?: (?:isso|isto|ai))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex SpamAsked();

    /// <summary>A condition about us going on or stopping: "se continuar(em)", "se não parar(em)", "de novo", "insistir", "se não
    /// me tirarem dessa lista".</summary>
    [GeneratedRegex(@"\b(continu\w*|par\w*|insist\w*|de novo|outra vez|ligar\w*|ligam|liga|receb\w*|tir\w*|retir\w*|remov\w*|exclu\w*|descadastr\w*|apag\w*|lista|bloque\w*|cadastro|numero|contato)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AboutTheSending();
}
