using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Agent.Tools;

/// <summary>
/// Server-side guard of `reservar_plantao` (docs/decisions.md#agent "never reserve without explicit acceptance"): the doctor's own
/// words in this turn must say yes — and nothing else in them may say no, not yet or only if: a negation, a hesitation
/// ("vou pensar", "te falo depois", "vou ver com minha esposa"), an objection ("caro", "longe") or a condition ("se
/// pagar mais"). Nor may they be an attempt to steer the assistant ("ignore suas instruções…", "reserve todas as
/// vagas"). A false no costs one more question; a false yes reserves a shift the doctor did not take.
/// </summary>
internal static partial class AcceptanceRules
{
    public static bool IsExplicitAcceptance(string doctorText)
    {
        var t = PtBrText.Normalise(doctorText);
        if (t.Length == 0 || !Yes().IsMatch(t) || Steering().IsMatch(t)) return false;
        // "não" that does not deny ("sim, não tenho nada nesse dia", "por que não") is taken out before looking for a no.
        var withoutHarmlessNo = NotADenial().Replace(t, " ");
        return !No().IsMatch(withoutHarmlessNo) && !NotYet().IsMatch(withoutHarmlessNo);
    }

    public static bool IsSteering(string doctorText) => Steering().IsMatch(PtBrText.Normalise(doctorText));

    [GeneratedRegex(@"\b(sim|quero|topo|aceito|fechado|fechou|fecha|fechamos|pode reservar|reserva|reserve|reservar|pode ser|pode fechar|pode marcar|pode agendar|marca|confirmo|confirmado|bora|vamos|ok|okay|beleza|blz|claro|perfeito|combinado|manda ver|to dentro|estou dentro|com certeza|demorou|partiu|show|fico com|vou querer|pode sim)\b|^isso\b|\bisso (mesmo|ai)\b|\be isso\b", RegexOptions.CultureInvariant)]
    private static partial Regex Yes();

    [GeneratedRegex(@"\b(nao|nunca|jamais|nem|negativo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex No();

    [GeneratedRegex(@"\b(por que|porque|pq) nao\b|\bnao (tem|ha|vejo) (problema|erro)\b|\bnao tenho (nada|compromisso|outro|outra)\b|\bnao precisa (perguntar|confirmar)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NotADenial();

    [GeneratedRegex(
        @"\b(vou|vamos|deixa eu|deixa|preciso|tenho que|quero|vou ter que) (pensar|ver|verificar|checar|conferir|consultar|perguntar|falar|conversar|analisar|avaliar|olhar)\b" +
        @"|\b(te|lhe) (falo|aviso|respondo|retorno|digo|confirmo|chamo)\b|\b(depois|mais tarde|amanha|outra hora|semana que vem) (eu )?(te |lhe )?(falo|vejo|confirmo|respondo|aviso|decido|retorno)\b" +
        @"|\b(talvez|quem sabe|sei la|sera que|acho que|nao sei|duvida|incerto|indeciso|pensando)\b" +
        @"|\bcom (minha|meu|a minha|o meu) (esposa|marido|mulher|chefe|coordenador|coordenadora|familia|namorada|namorado|socio|socia|escala)\b" +
        @"|\b(caro|cara demais|muito longe|longe demais|longe|pouco|baixo|ruim|complicado|dificil|puxado)\b" +
        @"|\bse (for|pagar|tiver|der|puder|conseguir|aumentar|fosse|pagarem|melhorar)\b|\b(caso|desde que|contanto que|so se)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex NotYet();

    [GeneratedRegex(@"\b(ignore|ignora|ignorar|esqueca|desconsidere)\b.*\b(instruc|regra|prompt|sistema|orientac)|\b(todas|todos) (as|os) (vagas|plantoes)\b|\bvoce agora e\b|\bmodo (desenvolvedor|admin)\b|\bsystem prompt\b", RegexOptions.CultureInvariant)]
    private static partial Regex Steering();
}
