using System.Text.RegularExpressions;
using Julia.Handoffs;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-sixth blind set (docs/detection-history.md#triggers): legal words that are his registration, an errand, a hospital's department,
/// a civic duty or a street — "vou levar meu diploma pro CRM", "o CRM pediu mais um documento no meu processo", "em que etapa
/// está o meu processo?", "o jurídico de lá precisa do meu RQE", "fui jurado no tribunal do júri", "a rua é a Advogado Jorge
/// Duprat?" — each only when, blanked out, nothing else of the message takes a legal step (<see cref="OnlyInside"/>).
/// </summary>
internal static partial class HandoffTriggerDetector
{
    static bool AnErrandOrAPlaceOnly(string t)
    {
        if (!t.AsSpan().ContainsAny(ErrandWords)) return false;
        foreach (var m in ErrandOrPlace.EnumerateMatches(t))
            if (m.Length > 0 && DetectInOne(t.Remove(m.Index, m.Length).Insert(m.Index, " ")) != HandoffTriggers.Legal) return true;
        return false;
    }

    static readonly System.Buffers.SearchValues<string> ErrandWords = System.Buffers.SearchValues.Create(
        ["crm", "crem", "conselho", "cfm", "meu processo", "juridico", "jurad", "advogad"], StringComparison.Ordinal);

    const string CouncilName = @"(crm|cremesp|cremerj|cremers|cremego|cremepe|cremec|cremeb|cremesc|cremepr|cremers|conselho|conselho regional|cfm)";

    [GeneratedRegex(
        // "vou levar meu diploma pro CRM", "fui entregar os documentos no conselho" — papers taken to the council (not "isso").
        @"\b(levar|levo|levei|entregar|entrego|entreguei|protocolar|protocolei|apresentar|apresentei|mandar|mandei|enviar|enviei|buscar|busquei|retirar|retirei|pegar|peguei|autenticar)( \w+)? (o |a |os |as )?(meu|minha|meus|minhas|uns|umas|mais um|mais uma)?( \w+)? ?(diploma|diplomas|documento|documentos|documentacao|certidao|certidoes|foto|fotos|carteira|carteirinha|comprovante|comprovantes|rg|cpf|papelada|papeis|formulario|requerimento|historico|certificado|certificados|rqe|taxa|anuidade|boleto)\b(?: \w+){0,3}? (para o|no|ao|do|na|para a) " + CouncilName + @"\b" +
        // "o CRM pediu mais um documento no meu processo", "o conselho aprovou meu processo".
        @"|\b" + CouncilName + @"( de \w+| d[oa] \w+)? (pediu|pede|exigiu|exige|quer|solicitou|precisa de|mandou|liberou|aprovou|deferiu|analisou|devolveu|recebeu)\b(?: \w+){0,5}? (no|do|o|para o|ao) meu processo\b" +
        // "em que etapa está o meu processo?", "meu processo tá em que fase?".
        @"|\bem que (etapa|fase|pe|passo) (esta|ta|anda|se encontra|fica) (o )?meu processo\b|\bmeu processo (esta|ta|anda) em que (etapa|fase|pe|passo)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ErrandOrPlace1();

    [GeneratedRegex(
        // "o jurídico de lá precisa do meu RQE", "o setor jurídico do Einstein já aprovou meu credenciamento" — a hospital's department
        // about his papers (not "…vai notificar vocês").
        @"\b(o )?(setor )?juridico (de la|dele|deles|dela|delas|do \w+|da \w+)( ja| tambem)? (aprovou|pediu|pede|precisa|precisa de|quer|exige|exigiu|liberou|analisou|assinou|revisou|solicitou|validou|recebeu|conferiu)\b(?: \w+){0,4}? (o |a )?(meu|minha|o|a) (contrato|credenciamento|cadastro|documento|documentos|documentacao|rqe|crm|assinatura|diploma|certidao|termo|minuta|registro)\b" +
        // "fui jurado no tribunal do júri", "passei o dia no tribunal do júri como testemunha" — a civic duty.
        @"|\b(fui|sou|serei|vou ser|fui chamad[oa] para ser|fui convocad[oa] para ser|fui sortead[oa] para ser|estou de) jurad[oa]\b(?: \w+){0,3}?( (no|do) tribunal do juri)?|\btribunal do juri\b(?: \w+){0,4}? como (jurad[oa]|testemunha)\b" +
        // "a rua do hospital é a Advogado Jorge Duprat?" — a street named after a lawyer.
        @"|\b(rua|r|av|avenida|alameda|al|praca|travessa|estrada|rodovia|largo|viela|edificio) (do |da )?advogad[oa] [a-z]+\b" +
        @"|\b(rua|avenida|endereco)\b(?: \w+){0,3}? (e|eh|fica na|fica no) (a |o )?advogad[oa] [a-z]+ [a-z]+\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ErrandOrPlace2();

    /// <summary>The errands and places above, as pieces of under ~1 000 characters (docs/decisions.md#detection-speed).</summary>
    static readonly RegexAlternation ErrandOrPlace = new(ErrandOrPlace1(), ErrandOrPlace2());
}
