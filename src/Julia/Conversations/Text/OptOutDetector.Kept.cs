using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-third blind set (docs/detection-history.md#opt-out): a stop that keeps the contact — a later "mas se tiver … me chama" (one kind
/// of offer still wanted: "para de mandar essas campanhas em massa, mas se tiver plantão de UTI me chama"), and a bare "me tira"
/// closing a message about one shift ("não vou mais fazer o plantão do dia 3, me tira": off that shift, not off the list).
/// Read after a match.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>Whether the stop found in <paramref name="normalised"/> keeps the contact in one of these ways.</summary>
    static bool KeptAfterAll(string normalised) =>
        (normalised.Contains("se ", StringComparison.Ordinal) && CallMeIfThereIs().IsMatch(normalised))
        || (normalised.Contains("me ", StringComparison.Ordinal) && OneShiftThenTakeMeOff().IsMatch(normalised));

    /// <summary>"mas se tiver/aparecer/surgir … (me) chama/avisa/manda/liga" — not "se mandar mais uma, bloqueio" (no call asked).</summary>
    [GeneratedRegex(@"\bmas se (?:tiver|aparecer|surgir|houver|abrir|tem|pintar)\b(?: \w+){0,6}? (?:pode )?(?:me )?(?:chama|chame|chamem|chamar|avisa|avise|avisem|avisar|manda|mande|mandem|liga|ligue|liguem)(?: ai| sim| por favor)?$", RegexOptions.CultureInvariant)]
    private static partial Regex CallMeIfThereIs();

    /// <summary>One shift named ("o plantão do dia 3", "a escala de sábado"), then a bare "me tira/remove/exclui" closing the
    /// message: no list, number or contact named after it.</summary>
    [GeneratedRegex(@"\b(?:plantao|plantoes|escala|reserva|vaga|turno) (?:do|da|de|desse|dessa|deste|desta|no|na) (?:dia \d+|\d+|sabado|domingo|segunda|terca|quarta|quinta|sexta|amanha|hoje|feriado|natal|ano novo)\b.* me (?:tira|tire|tirem|remove|remova|removam|exclui|exclua|excluam|retira|retire|retirem)(?: (?:dele|dela|dai|por favor|pf|obrigado|obrigada))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OneShiftThenTakeMeOff();

    /// <summary>
    /// Seventieth blind set: "parem de me mandar vaga fora de BH, só quero BH" — shifts outside a place are one kind of offer
    /// stopped, as "vaga longe de BH" is: "fora de/do/da" right after the shifts named is read as "longe de" (raw text).
    /// "para de me mandar isso, fora!" and "…, tô fora" are untouched.
    /// </summary>
    static string WithOffersOutsideAsFar(string text) =>
        text.Contains("fora", StringComparison.OrdinalIgnoreCase) ? OffersOutside().Replace(text, "longe") : text;

    [GeneratedRegex(@"(?<=(?<!\p{L})(?:vagas?|plant[aã]o|plant[oõ]es|ofertas?|propostas?|escalas?)\s+)fora(?=\s+d[eoa]s?(?!\p{L}))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OffersOutside();
}
