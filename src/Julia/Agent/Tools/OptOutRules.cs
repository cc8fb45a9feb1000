using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Agent.Tools;

/// <summary>
/// Server-side guard of `registrar_opt_out` (docs/decisions.md#agent): the model is the second net for phrasings the
/// detector misses, but an opt-out ends every contact with the doctor, so the doctor's own words this turn must at least
/// sound like one — a refusal, a stop, a leaving, a complaint. "ok", "obrigado", "tem plantão sábado?" never opt a doctor
/// out, whatever the model says (an outside pass, 2026-12-02: the model's opt-out on "ok" went through).
/// </summary>
internal static partial class OptOutRules
{
    public const string Refusal =
        "Recusado: a mensagem do médico não pede para parar de receber mensagens. Responda normalmente; se estiver em dúvida, pergunte a ele.";

    public static bool CouldBeAnOptOut(string doctorText) => Signal().IsMatch(PtBrText.Normalise(doctorText));

    [GeneratedRegex(
        @"\b(nao|nunca|jamais|nem|chega|basta|stop|pare|parar|para|paro|parem|sai|sair|saia|saio|remov\w*|retir\w*|tir\w*|exclu\w*|delet\w*|apag\w*" +
        @"|cancel\w*|descadastr\w*|desinscrev\w*|bloque\w*|encerr\w*|deix\w*|esquec\w*|incomod\w*|perturb\w*|spam|chat[oa]s?|chatice|insist\w*|desist\w*" +
        @"|larg\w*|some|suma|sumir|lista|interess\w*|denunci\w*|unsubscribe|block)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Signal();
}
