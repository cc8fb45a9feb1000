using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Agent.Tools;

/// <summary>
/// Server-side guard of `reservar_plantao` (docs/decisions.md#agent "never reserve without explicit acceptance"): the doctor's own
/// words in this turn must say yes, and must not be an attempt to steer the assistant ("ignore suas instruções…",
/// "reserve todas as vagas").
/// </summary>
internal static partial class AcceptanceRules
{
    public static bool IsExplicitAcceptance(string doctorText)
    {
        var t = PtBrText.Normalise(doctorText);
        return t.Length > 0 && Yes().IsMatch(t) && !No().IsMatch(t) && !Steering().IsMatch(t);
    }

    public static bool IsSteering(string doctorText) => Steering().IsMatch(PtBrText.Normalise(doctorText));

    [GeneratedRegex(@"\b(sim|quero|topo|aceito|fechado|fechou|fecha|pode reservar|reserva|reserve|pode ser|pode fechar|confirmo|confirmado|bora|vamos|ok|beleza|claro|perfeito|combinado|manda ver|tô dentro|to dentro|estou dentro|isso)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Yes();

    [GeneratedRegex(@"\b(nao quero|nao posso|nao consigo|nao da|nao topo|nao aceito|nao reserva|nao reserve|melhor nao|deixa para la|agora nao)\b", RegexOptions.CultureInvariant)]
    private static partial Regex No();

    [GeneratedRegex(@"\b(ignore|ignora|ignorar|esqueca|desconsidere)\b.*\b(instruc|regra|prompt|sistema|orientac)|\b(todas|todos) (as|os) (vagas|plantoes)\b|\bvoce agora e\b|\bmodo (desenvolvedor|admin)\b|\bsystem prompt\b", RegexOptions.CultureInvariant)]
    private static partial Regex Steering();
}
