using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// The expression of a legal threat (`Legal`): lawyer, lawsuit, Procon, the medical councils, LGPD invoked, formal notices, in
/// Portuguese and as doctors mix in English and Spanish (docs/decisions.md#handoff).
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>The federal and the regional medical councils (CRM, CREMESP, CREMERJ, CREMEMG, …).</summary>
    const string RegionalCouncil = @"creme(sp|rj|mg|rs|go|pe|b|ba|c|ce|pr|sc|pb|rn|al|se|pi|ma|pa|am|ac|ro|rr|ap|to|ms|mt|df|es)";
    const string Council = @"crm|" + RegionalCouncil;

    const string DataLaw = @"lgpd|lei geral de protecao de dados";

    /// <summary>"fiz BO do meu carro roubado": a police report of the doctor's own loss, not a step against us.</summary>
    // Twenty-fifth blind set: "fiz um BO porque roubaram meu carro" — the crime against him told as the reason.
    // Thirty-fourth blind set: a time word between the report and its reason ("fiz um BO ontem porque roubaram meu carro").
    const string AboutOwnLoss = @"(?!" + WhenReported + @" (do|da|de|pelo|pela|por causa do|por causa da) (meu |minha |um |uma |o |a )?(carro|moto|celular|roubo|furto|assalto|acidente|batida|documentos?|carteira|bolsa|casa|apartamento|bicicleta)\b)" +
        @"(?!" + WhenReported + @" (porque|pois|que|quando) (me )?(roubaram|furtaram|assaltaram|arrombaram|levaram|clonaram|bateram)\b)";

    const string WhenReported = @"( ontem| hoje| anteontem| semana passada| na semana passada| no fim de semana| esses dias| de manha| de noite| a noite)?";

    /// <summary>
    /// Thirty-first blind set: "fui assaltado e fiz um B.O., por isso não fui" — the crime against him told just before the report.
    /// </summary>
    // Read back from the report's end, so only a text that made one pays for it.
    const string OwnLossBefore = @"(?<!\b(assaltad[oa]s?|roubad[oa]s?|furtad[oa]s?|assaltaram|roubaram|furtaram|arrombaram|acidente|batida)\b.{0,45})";

    /// <summary>Adjectives of a disease process ("processo inflamatório agudo").</summary>
    const string Clinical = @"inflamatori[oa]|infeccios[oa]|infeccao|patologic[oa]|cicatricial|degenerativ[oa]|expansiv[oa]|neoplasic[oa]|tumoral|alergic[oa]" +
        @"|viral|bacterian[oa]|febril|isquemic[oa]|hemorragic[oa]|obstrutiv[oa]|autoimune|agud[oa]|cronic[oa]|septic[oa]|pneumonic[oa]|metastatic[oa]" +
        @"|evolutiv[oa]|fisiologic[oa]|respiratori[oa]|cirurgic[oa]|diagnostic[oa]|terapeutic[oa]|clinic[oa]|de cicatrizacao|de cura";

    [GeneratedRegex(
        // "meu advogado revisou o contrato, pode mandar": a lawyer reading the contract before it is signed is no threat.
        @"\badvogad[oa]s?\b(?<!\b(rua|avenida|av|praca|travessa|alameda|largo|bairro|vila|jardim|edificio|predio) (do|dos|da|das) advogad[oa]s?)(?! (\w+ ){0,2}(revis|analis|ler\b|leu\b|le\b|olh|confer)\w* (o |meu |seu |esse |este |nosso )?contrato)(?! (revisar|analisar|ler|olhar|conferir|dar uma olhada)$)(?! (\w+ ){0,4}contrato para (revis|analis|ler\b|olh|confer)\w*)(?<!\b(e|sou|era|eh|como|ser|virar) advogad[oa]s?)(?<!\b(toda|todo|tudo|todos|todas|cheia|cheio) de advogad[oa]s?)(?<!\b(atendi|atendo|atendendo|atender|examinei|operei|internei|paciente|pacientes) (um |uma |o |a |os |as )?advogad[oa]s?)(?! de familia)(?! (do|da|dos|das) (minha |meu )?(hospital|clinica|consultorio|paciente|pacientes|familia|prefeitura|condominio|banco|upa|plano|convenio|operadora|seguradora)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal1();

    [GeneratedRegex(
        @"(?<!\b(pessoa|pessoas|natureza|personalidade) )\bjuridic[oa]\b|\bjustica\b(?! seja feita)(?<!\b(rua|avenida|av|praca|travessa|alameda|largo|bairro|vila|jardim) (da |de )?justica)|\bproco[nm]\b|\bextrajudicial(mente)?\b|\bpeticao\b(?! (online|publica))|\bjudicia(l|is)(mente)?\b(?<!\b(perito|perita|peritos|pericia|pericias|leilao|leiloes|recuperacao|deposito|depositos|tradutor|tradutora) judicia(l|is)(mente)?)|\bacao judicial\b|\b(mandar|mando|enviar|envio|receber|recebera|receberao|vai receber|vao receber) (a |uma )?citacao\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal2();

    [GeneratedRegex(
        // "processo inflamatório", "processo infeccioso": a patient's condition, not a lawsuit.
        @"(?<!\b(paciente|familia|acompanhante) (queria|quer|vai|ameacou) )\bprocess?(o|ar|ando|arei|aria)\b(?! (seletivo|para|de|do|da|dos|das|interno|burocratico|sei))(?! (" + Clinical + @")\b)(?<!\b(o|qual|como|esse|este|no|um) processo)" +
        // "vou processar a papelada": paperwork, not a lawsuit.
        @"(?! (ainda |bem |direito )?(a |o |os |as |minha |meu |meus |minhas |essa |esse |essas |esses |esta |este |estas |estes |sua |seu |suas |seus |uns |umas )?(noticias?|ideia|luto|perda|tudo isso|papelada|papeis|documentacao|documentos?|pedidos?|pagamentos?|cadastro|dados|solicitac\w+|informac\w+|planilhas?|folha|ponto|escala|arquivos?|notas?|exames?|receitas?|guias?|fichas?|formularios?)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal3();

    [GeneratedRegex(
        @"\bjuizado\b|\b(vou|ir|irei|vamos|fui|passar) (na|a|ate a|para a) delegacia\b|\bna delegacia\b(?<!perto da delegacia)|(?<!\b(tive que|tivemos que|precisei|precisamos|teve que|tiveram que|precisou|precisaram) )\b(chamar|chamo|chamarei|acionar|aciono|acionarei|vou na|vou a|ir na|queixa na|registrar na|denunciar na|denunciar a|denunciar para a) (a )?policia\b(?!(?: \w+){0,3} (tirar|renovar|buscar|pegar|emitir) (o |meu |a |minha )?(passaporte|documento|rg|identidade|visto|antecedentes|atestado)\b)|\bcaso de policia\b|\b(fazer|fiz|registrar|registrei|abrir|abri|dar|dei|fazendo) (um |o )?(bo|b o)\b" + OwnLossBefore + AboutOwnLoss + @"|\bboletim\b(?! de ocorrencia)" + AboutOwnLoss + @"|\bqueixa formal\b|\breclamar formalmente\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal4();

    [GeneratedRegex(
        @"\b(" + Council + @"|anpd)\b.*\b(reclam|denunc|queixa|formal|representa)|\b(reclam|denunc|queixa|representa)\w*\b.*\b(" + RegionalCouncil + @"|anpd)\b" +
        // "vou levar essa empresa pro Cremesp", "acionar o CRM", "o CRM vai saber disso" — not "levar o CRM" (the card).
        @"|\b(levar|levo|levarei|levando|leva)\b(?: \w+){0,3}? (ao|para o|ate o|junto ao|perante o) (" + Council + @"|conselho)\b(?! tutelar)" +
        // Twenty-fifth blind set: "denunciei vocês no CRM" — the step already taken, in the past.
        @"|\b(denunciar|denuncio|denunciei|denunciamos|reclamar|reclamo|reclamei|acionar|aciono|acionarei|acionei|recorrer|recorro|recorri|representar|representei|reportar|reporto|reportei|reportarei)\b(?: \w+){0,3}? (ao|para o|no|o|junto ao|perante o) (" + Council + @"|cfm)\b" +
        // Seventy-second blind set: "vou comunicar ao conselho regional de medicina." — the council told, the clause ending
        // there (not "informar ao CRM minha mudança de endereço"); "isso fere o código de ética médica" — a breach claimed.
        @"|\b(comunicar|comunico|comunicarei|comuniquei|informar|informarei|notificar|notifico|notificarei|notifiquei)( isso| o caso| o ocorrido| tudo| essa situacao| esse caso| voces)? (ao|o|para o|pro|junto ao) (conselho regional|conselho federal|conselho|" + Council + @"|cfm)( de medicina| regional de medicina)?(?= *([.!;]|$| sobre (isso|voces|o caso)))" +
        @"|\b(fere|ferem|feriu|ferindo|viola|violam|violou|violando|infringe|infringem|infringiu|desrespeita|desrespeitam) (o |a )?(nosso |meu )?(codigo de etica|etica medica)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal5();

    [GeneratedRegex(
        // Twenty-fifth blind set: "vou acionar o MP", "levo isso pro MPF" — the public prosecutor by its initials, after a step.
        @"\b(denunciar|denuncio|denunciei|acionar|aciono|acionarei|acionei|levar|levo|levarei|recorrer|recorro|recorrerei|representar|ir|vou)\b(?: \w+){0,3}? (ao|para o|no|o|junto ao|perante o) mp(f|e)?\b" +
        @"|\b(" + Council + @"|sindicato( dos medicos)?) (vai|vao|vai ficar) saber\b" +
        // Consumer and data-protection bodies: "vou colocar vcs no Reclame Aqui", "nos termos da LGPD", "ANPD".
        // LGPD invoked on the doctor's own data or against the company — "a LGPD exige que o hospital guarde o prontuário" is not.
        @"|(?<!\b(vi|li|olhei|pesquisei|consultei|procurei|chequei|vejo|leio|ver|olhar|ler|consultar|pesquisar|checar|conferir|dar uma olhada|olhada) (no |o )?)(?<!\b(achei|conheci|encontrei|vi|descobri) (voces|voce|a empresa|essa empresa) (pelo|no|via) )\breclame ?aqui\b|\bconsumidor gov\b|\b(anpd|cnpd)\b|\bautoridade nacional de protecao de dados\b" +
        @"|\b(nos termos da|com base na|pela|segundo a|conforme a|de acordo com a|fere a|ferindo a|viola a|violando a|descumpr\w* a|infring\w* a|contra a) " + DataLaw + @"\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal6();

    [GeneratedRegex(
        @"\b(" + DataLaw + @")\b(?! (obriga|exige|permite|preve|determina|diz|ok|de acordo|ciente|aceito|autorizo|tranquilo)\b).*\b(meus dados|dados pessoais|meu telefone|meu numero|meu contato|solicit\w*|direito|direitos|titular|consentimento)\b" +
        @"|\b(meus dados|dados pessoais|solicit\w*|consentimento)\b.*\b(" + DataLaw + @")\b" +
        @"|\bparar n[oa] (" + Council + @"|procon|reclame aqui)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal7();

    [GeneratedRegex(
        @"\breclamacao formal\b|\bnotificacao\b.*\bextrajudicial\b|\bdenunci(a|ar|ando|arei|o)\b(?! (de |da |do |por )?(um |uma |o |a )?(maus tratos|violencia|abuso|agressao|estupro|abandono de incapaz|paciente|pacientes|desaparecimento|desaparecid[oa])\b)(?! (um |uma |o |a |esse |essa |este |esta )?(erro|erros|bug|bugs|falha|falhas|defeito|defeitos)\b)|\bautuacao\b|\bautuad[oa]s?\b|\bjudicializ\w*|\blevar (isso |essa situacao |o caso |esse caso |essa historia |essa questao )?(ao|a|para o|para a|para|ate o|ate a|ate) (" + Council + @"|cfm|conselho|oab|promotoria|defensoria)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal8();

    [GeneratedRegex(
        @"\b(crm|cfm)\b.*\b(reclamacao|reclamar|denuncia|queixa)\b|\b(reclamacao|reclamar|denuncia|queixa)\b.*\b(crm|cfm)\b|\bministerio (publico|do trabalho)\b(?<!\b(declaracao|declaracoes|documento|documentos|certidao|comprovante|comprovantes|relatorio|formulario|cadastro|registro) (para o|para|do|no|ao) ministerio (publico|do trabalho))|\bmpt\b|\bdefensoria\b|(?<!\btem )\bboletim de ocorrencia\b" + OwnLossBefore + AboutOwnLoss,
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal9();

    [GeneratedRegex(
        @"\b(medidas?|providencias?) (legais|judiciais|cabiveis)\b|\bprocesso (trabalhista|judicial|contra)\b|\b(reclamacao|reclamatoria) trabalhista\b|\btribuna(l|is)\b|\bintimacao\b|\bprocessa (voces|voce|a empresa)\b|\bprocessa(r|rei)? (los|las|lo|la)\b|\bacao (trabalhista|de cobranca|de indenizacao|contra)\b|\b(entrar|entro|entrei|entramos|entrarei|entrando|mover|movo|movi|abrir|abro|abri|abrirei|meter|meto|enfiar|enfio|tacar|taco|botar|boto|tomar|tomarem|levar|levarem|responder|responderem) (com |uma |com uma |com a |um |com um |a um )?(acao|processo)\b(?! seletivo| de (credenciamento|cadastro|selecao))" +
        @"|\bquebra de contrato\b" +
        // Thirty-fourth blind set: a complaint filed with the health-plan agency ("vou fazer uma reclamação na ANS contra vcs").
        @"|\b(reclamac\w+|reclamar|reclamo|reclamei|reclamarei|queixa)\b(?: \w+){0,2}? (na|a|para a|junto a|perante a) (ans|anvisa)\b" +
        // Eighteenth blind set: "vocês estão pedindo um processo" — the idiom of a lawsuit coming.
        @"|\b(pedindo|pediu|pedem|pede) (um |uns )?process(o|os|inho)\b" +
        // The same threats in the English and Spanish doctors mix in: "my lawyer will contact you", "mi abogado".
        @"|\b(lawyer|lawyers|attorney|lawsuit|abogad[oa]s?)\b|\bsue (you|voces|the company)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal10();

    [GeneratedRegex(
        // Forty-eighth blind set: "I'm going to sue your company", "a representação no CRM contra…", "vô processá" (the "r" dropped,
        // closing the message: "vou processar a papelada" stays out).
        @"\bsue (your|this company)\b|\brepresentac(ao|oes) (etica )?(no|ao|junto ao|perante o|para o) (" + Council + @"|cfm|conselho)\b|\brepresentac(ao|oes) (etica )?contra\b|\b(vou|vo|vamo|vamos|irei) processa$" +
        @"|\bdescumpr\w* (o |do |nosso |meu |com o )?contrato\b|\bcontest\w* formalmente\b|\bfere (a )?clt\b" +
        @"|\batras dos meus direitos\b|\bbuscar (os )?meus direitos\b|\bprocessinho\b|\bprocesso etico\b|\bsindicancia\b|\bsindicato\b.*\bacionad|\b(queixa|denuncia|reclamacao|representacao)\b.*\bconselho regional\b|\bindenizacao\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal11();

    /// <summary>
    /// The expressions Legal1…Legal11 as one alternation, written in pieces the JIT optimises
    /// (<see cref="RegexAlternation"/>, docs/decisions.md#detection-speed): add an alternative to the last piece, or a
    /// new piece when it passes ~1 000 characters.
    /// </summary>
    static readonly RegexAlternation LegalPieces = new(Legal1(), Legal2(), Legal3(), Legal4(), Legal5(), Legal6(), Legal7(), Legal8(), Legal9(), Legal10(), Legal11());

    static RegexAlternation Legal() => LegalPieces;
}
