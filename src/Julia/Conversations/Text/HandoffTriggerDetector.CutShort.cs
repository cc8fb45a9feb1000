using System.Text.RegularExpressions;
using Julia.Handoffs;

namespace Julia.Conversations.Text;

/// <summary>
/// Fiftieth blind set (docs/detection-history.md#triggers): a request for a person cut short or said in few words — the message that
/// stops before the noun ("queria falar com uma", "me passa pra uma pes", "quero falar com um ser hu"), "tem alguém?" after a
/// greeting, "cadê a equipe?", a call asked by "chamada" or "no telefone", "bota alguém pra falar comigo", an e-mail's
/// "encaminhar a um atendente"; and what reads as a call wanted but is not — who calls whom asked as either-or ("a escala me
/// liga ou eu ligo?"), a call that came ("tentaram me ligar?"), the hours of the service asked ("vocês têm atendente 24h?").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    static readonly System.Buffers.SearchValues<string> CutShortWords = System.Buffers.SearchValues.Create(
        ["falar", "conversar", "passa", "transf", "encaminh", "direcion", "tem ", "cade", "chamada", "ligacao", "telefone", "celular",
         "nenhum", "comigo", "menu", "opcao"], StringComparison.Ordinal);

    static bool CutShortRequest(string t) => t.AsSpan().ContainsAny(CutShortWords) && CutShort().IsMatch(t);

    [GeneratedRegex(
        // The request stopped before its noun, closing the message: "queria falar com uma", "pode me passar pra alguem d", "quero
        // falar com um ser hu" — an article or a person's noun begun ("pe", "hu", "aten", "ser h") and nothing after.
        @"(?<!\bnao )\b(?:(?:quero|queria|qro|gostaria de|preciso|precisava|posso|poderia|podia|pode|da para|tem como|consigo|deixa eu)( me)? (?:falar|conversar|passar|transferir|encaminhar)|me (?:passa|passe|transfere|transfira|encaminha|encaminhe)) (?:com|para|pro|ao|a)" +
        @"(?: (?:um|uma))?(?: (?:ser h(?:u(?:m(?:an?)?)?)?|pe(?:s(?:s(?:oa?)?)?)?|hu(?:m(?:an?)?)?|at(?:e(?:n(?:d(?:e(?:n(?:te?)?)?)?)?)?)?|alguem(?: d[aeo]?)?))?$" +
        // "ei, tem alguém?", "oi tem gente?" — the whole message, after a greeting or none.
        @"|^(?:(?:ei|oi|oie|ola|alo|opa|psiu|hey|hello|e ai|bom dia|boa tarde|boa noite|pessoal|gente) )*tem (?:alguem|gente|alguma pessoa|algum humano)(?: ai| por ai| ae| online| ou nao)?$" +
        // "cadê a equipe?", "cadê vocês, pessoal?" — our people asked after, the whole message.
        @"|^cade (?:a |o |os |as )?(?:equipe|time|pessoal|galera|atendentes?|humanos?|pessoas)(?: de voces| dai| ai| da empresa)?$" +
        // "nenhuma pessoa vai me responder?".
        @"|\b(?:nenhuma pessoa|nenhum humano|nenhum atendente|nenhum ser humano)(?: de voces| dai| ai)? (?:vai|pode|vem) me (?:responder|atender|ajudar)\b" +
        // A call asked by its noun or its line: "podemos fazer uma chamada?", "pode me chamar no telefone?".
        @"|\b(?:podemos|poderiamos|da para|tem como|vamos|bora)(?: fazer| marcar| ter)? (?:uma )?(?:chamada|ligacao)\b(?! (?:de|do|da) (?:hospital|paciente|plantao))" +
        @"|\b(?:pode|podem|poderia|poderiam|da para|tem como|consegue)( me)? (?:chamar|ligar|telefonar)(?: para mim)? (?:no|pelo|por) (?:telefone|celular|fone)\b" +
        // "bota um cabra de verdade pra falar comigo", "manda alguém falar comigo".
        @"|\b(?:bota|bote|coloca|coloque|poe|ponha|manda|mande) (?:um|uma|alguem|algum|gente)\b(?: \w+){0,4}? (?:para )?(?:falar|conversar) comigo\b" +
        // An e-mail's "peço a gentileza de me encaminhar a um atendente".
        @"|\b(?:me (?:encaminhar|encaminhe|encaminha|transferir|transfira|transfere|direcionar|direcione)|(?:encaminhar|transferir|direcionar) me) (?:a|ao) (?:um|uma|algum|alguma) (?:atendente|colaborador|colaboradora|humano|pessoa|responsavel|consultor|consultora|representante|operador|operadora)\b" +
        // A menu's words typed back: "menu atendente".
        @"|^(?:menu|opcao) (?:atendente|humano|atendimento humano|pessoa)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex CutShort();

    /// <summary>
    /// The message's request for a person is only a call that is not wanted: with the look-alike blanked out, nothing of the
    /// message asks for a person any more (as <see cref="OnlyALookAlikeOfARequest"/>).
    /// </summary>
    static bool NotACallWanted(string t)
    {
        if (!t.Contains(" ou ", StringComparison.Ordinal) && !t.Contains("tent", StringComparison.Ordinal) && !t.Contains("atend", StringComparison.Ordinal)) return false;
        var m = NotACall().Match(t);
        return OnlyInside(m, t, HandoffTriggers.PersonRequested);
    }

    [GeneratedRegex(
        // Who calls whom, asked as either-or: "a escala me liga ou eu ligo quando chegar?".
        @"\bme (?:liga|ligam|chama|chamam|telefona|telefonam)(?: \w+)? ou (?:eu )?(?:ligo|chamo|telefono|mando|procuro|vou)\b" +
        // A call that came: "tentaram me ligar?", "alguém de vocês tentou me ligar agora?" (as "recebi ligação de vocês").
        @"|\b(?:tentaram|tentou|tentaram) me (?:ligar|chamar|telefonar|contatar|contactar)\b" +
        // The hours of the service asked: "vocês têm atendente 24h?", "tem atendimento humano no fim de semana?".
        @"|^(?:e )?(?:voces |vcs |voce |vc |a empresa )?(?:tem|teem|possuem) (?:atendentes?|atendimento humano|atendimento)(?: \w+)? (?:24 ?h|24 ?horas|(?:no|de|aos|nos) (?:fim|final|finais|fins) de semana|a noite|de madrugada|(?:aos |no |nos )?(?:sabados?|domingos?|feriados?))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex NotACall();
}
