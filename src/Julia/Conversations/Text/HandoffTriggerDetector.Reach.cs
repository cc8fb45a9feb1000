using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-second blind set (docs/detection-history.md#triggers): how a doctor reaches one of ours, threatens by a legal instrument, or
/// turns colleagues against us, in ways the older rules did not read — a channel to a person of ours asked for (the 0800, the
/// SAC, an e-mail of a person or team, "me passa o contato" after asking who handles something, one of ours by name asked to
/// call him back, "quem é o gerente aí?"); a notice served on our CNPJ, the union's legal department, "print de tudo"; our
/// name taken to the networks or the colleagues warned off us. And the look-alikes of the same words: the courts granting him
/// something, the format of the work asked about, a hospital person's contact, a colleague wanted for a shift.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>A channel to one of ours asked for (see the class summary); <paramref name="text"/> as written, for a name's capital.</summary>
    // Each expression behind the words it needs, so a message pays only for the ones it could match.
    static bool AsksForAChannelToUs(string text, string t) =>
        (t.AsSpan().ContainsAny(TollFreeWords) && TollFreeOrService().IsMatch(t))
        || (t.Contains("mail", StringComparison.Ordinal) && OurEmail().IsMatch(t) && !DocumentToSend().IsMatch(t))
        || (t.Contains("me ", StringComparison.Ordinal) && t.AsSpan().ContainsAny(ContactWords)
            && (ContactOfSomeone().IsMatch(t) || (ContactAfterAskingWho().IsMatch(t) && AskedWhoHandles().IsMatch(t) && !HospitalsOwn().IsMatch(t))))
        || (t.Contains("quem ", StringComparison.Ordinal) && WhoIsTheBossThere().IsMatch(t))
        || (t.AsSpan().ContainsAny(CallBackWords) && NamedToCallBack().IsMatch(text));

    static readonly System.Buffers.SearchValues<string> TollFreeWords = System.Buffers.SearchValues.Create(["080", "0 800", "sac"], StringComparison.Ordinal);

    static readonly System.Buffers.SearchValues<string> ContactWords = System.Buffers.SearchValues.Create(
        ["contato", "numero", "telefone", "whats", "zap", "mail", "celular"], StringComparison.Ordinal);

    static readonly System.Buffers.SearchValues<string> CallBackWords = System.Buffers.SearchValues.Create(
        ["pode me", "podia me", "poderia me", "consegue me", "conseguiria me", "tem como me", " ta ai", " esta ai", " tah ai"], StringComparison.Ordinal);

    /// <summary>
    /// The toll-free number or the customer service of ours asked for — "qual o 0800 de vcs?", "vcs tem 0800?", "tem sac?", "qual o
    /// telefone do sac" (not a bank's or a health plan's).
    /// </summary>
    [GeneratedRegex(@"\b(qual|quais|tem|existe|me passa|passa|manda|me manda|numero|telefone|fone|contato|ligar|ligo|ligacao)\b(?: \w+){0,3}? (0800|080|0 800|sac)\b(?! (do|da|de) (meu |minha |seu |sua |um |uma )?(hospital|clinica|upa|ubs|banco|operadora|plano|convenio|loja)\b)" +
        @"|\b(0800|080|sac) (de voces|da empresa|dai|de voce)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TollFreeOrService();

    /// <summary>
    /// An e-mail of a person or a team of ours — "me passa o email de alguma pessoa responsável", "qual o email do setor de
    /// escalas?", "qual o email do diretor de vcs", "tem email pra eu mandar isso pra alguém?" (not the hospital's people's).
    /// </summary>
    [GeneratedRegex(@"\b(email|e mail)\b (de|do|da|dos|das) (alguma pessoa|alguem|algum responsavel|uma pessoa|pessoa responsavel|um responsavel|responsavel|setor|diretor|diretora|gerente|supervisor|supervisora|coordenacao|gerencia|diretoria|sac|ouvidoria|atendimento|equipe|chefe|dono|dona|gestor|gestora)\b" +
        @"(?!(?: \w+){0,3} (do|da|no|na) (hospital|clinica|upa|ubs|ps|uti|maternidade|prefeitura|pronto socorro|santa casa)\b)" +
        @"|\b(email|e mail)\b para (eu )?(mandar|enviar|escrever|explicar)( isso| meu caso| o caso| a situacao)? (para|com|a) (alguem|uma pessoa|algum responsavel|alguma pessoa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OurEmail();

    /// <summary>"qual o e-mail do financeiro pra mandar a nota?": where a document goes, which the agent answers (the thirty-eighth set's call).</summary>
    [GeneratedRegex(@"\bpara (eu )?(mandar|enviar|encaminhar) (a|o|as|os|minha|meu|minhas|meus|uma|um) (nota|notas|nf|nfe|nota fiscal|documento|documentos|comprovante|comprovantes|diploma|contrato|certidao|curriculo|atestado|exame|exames|recibo|rpa|boleto|fatura)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DocumentToSend();

    /// <summary>
    /// A contact of someone of ours, in the infinitive as in the imperative — "poderia me passar o contato de alguém do setor
    /// financeiro" (not someone of the hospital's or at the shift).
    /// </summary>
    [GeneratedRegex(@"\bme (passa|passar|passe|manda|mandar|mande|envia|enviar|dar|da|informa|informar|fornecer|fornece|indicar|indica) (o|um) (contato|numero|telefone|whats|whatsapp|zap|email|e mail|celular) (de|do|da) (alguem|alguma pessoa|uma pessoa|algum responsavel|responsavel|pessoa responsavel)\b" +
        @"(?!(?: \w+){0,4} (do|da|no|na) (hospital|clinica|upa|ubs|ps|uti|maternidade|plantao|pronto socorro|santa casa)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex ContactOfSomeone();

    /// <summary>"…? me passa o contato" closing a message that asked who of ours handles something ("quem cuida dos pagamentos? me passa o contato").</summary>
    [GeneratedRegex(@"\b(me )?(passa|passe|manda|mande|envia|envie|da|informa) (o|um|esse|o seu) (contato|numero|telefone|whats|whatsapp|zap|email|celular)( dele| dela| deles| delas| dessa pessoa| desse setor| dai)?( por favor)?$", RegexOptions.CultureInvariant)]
    private static partial Regex ContactAfterAskingWho();

    [GeneratedRegex(@"\b(quem (cuida|faz|resolve|paga|organiza|responde|trata|ve|cuidava|e responsavel)|ouvidoria|sac|setor (de|do|da) \w+|financeiro|departamento)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AskedWhoHandles();

    /// <summary>
    /// "quem é o gerente aí?", "quem é o responsável de vcs?" — the one above Júlia asked after, at our place (not "quem é o
    /// coordenador do plantão de sábado?", a question about the shift).
    /// </summary>
    [GeneratedRegex(@"^((oi|ola|bom dia|boa tarde|boa noite|e ai|entao|e|olha) )*quem (e|seria|sao) (o|a|os|as) (gerente|gerentes|supervisor|supervisora|chefe|chefes|responsavel|responsaveis|dono|dona|donos|diretor|diretora|gestor|gestora|superior|encarregado|encarregada)( \w+)?( ai| dai| de voces| da empresa| ai de voces| ai na empresa| de voces ai)$", RegexOptions.CultureInvariant)]
    private static partial Regex WhoIsTheBossThere();

    /// <summary>
    /// One of ours by name, asked through Júlia to call or answer him — "a Paula de vcs pode me chamar?", "a Bia pode me
    /// retornar?"; and the one who served him, named after a comma and asked after ("a menina que falava comigo antes, a
    /// Camila, tá aí?"). Read on the text as written: the capital tells a name (not "Dr.", "Dra.", a hospital).
    /// </summary>
    [GeneratedRegex(@"(?:^|[.!?,;]\s*|(?i:oi|ol[aá]|bom dia|boa tarde|boa noite|e a[ií]),?\s+)(?i:e )?(?i:a|o) (?!Dr|Dra|Doutor|Doutora|Hospital|Cl[ií]nica|Santa|Pronto|Plant|UPA|UBS|Upa|Ubs)\p{Lu}\p{Ll}+" +
        @"( (?i:de vcs|de voc[eê]s|da[ií]|a[ií] de vcs|a[ií] de voc[eê]s|da equipe|da escala|do financeiro|do RH|do rh|da empresa))? (?i:pode|podia|poderia|consegue|conseguiria|tem como) (?i:me) (?i:chamar|ligar|retornar|responder|atender|contatar|dar um retorno|ligar de volta|mandar mensagem|mandar msg|mandar um whats)\b" +
        @"|,\s*(?i:a|o) (?!Dr|Dra|Doutor|Doutora|Hospital|Cl[ií]nica)\p{Lu}\p{Ll}+,\s*(?i:ela |ele )?(?i:ainda )?(?i:t[aá]|est[aá]|tah) (?i:por )?(?i:a[ií])\b\s*(?:\?|$)", RegexOptions.CultureInvariant)]
    private static partial Regex NamedToCallBack();

    /// <summary>
    /// Not a person of ours: the format of the work asked about ("a teleconsulta é por chamada de vídeo ou por app?"), a contact of
    /// the hospital's people ("qual o whatsapp do coordenador médico do hospital?"), a colleague wanted for a shift ("tem alguma
    /// pessoa pra trocar comigo?", "preciso de uma pessoa pra me substituir dia 12") — unless he wants someone of ours besides.
    /// </summary>
    static bool NotOursAsked(string t) =>
        !t.Contains("voces", StringComparison.Ordinal)
        && (((WorkFormatAsked().IsMatch(t) || HospitalRoleContact().IsMatch(t)) && !Wants().IsMatch(t))
            // "preciso de uma pessoa pra me substituir": wanting is the point here, so only talk with someone undoes it.
            || (ColleagueForTheShift().IsMatch(t) && !t.Contains("falar com", StringComparison.Ordinal) && !t.Contains("conversar com", StringComparison.Ordinal)));

    [GeneratedRegex(@"\b(teleconsulta|teleconsultas|consulta|consultas|atendimento|atendimentos|telemedicina|teleatendimento|plantao|plantoes)\b(?: \w+){0,2}? (e|sao|sera|vai ser|seria|funciona|acontece|rola) (por|via|em|atraves de|pelo|pela) (chamada|video|videochamada|ligacao|app|aplicativo|telefone|plataforma)\b" +
        // A line of a turn with the subject on the line before: "a teleconsulta" / "é por chamada de vídeo" / "ou por app?".
        @"|^(e|sera|vai ser|seria|sao) (por|via|pelo|pela|atraves de) (chamada|video|videochamada|ligacao|app|aplicativo|plataforma)\b(?!.*\b(com|comigo)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex WorkFormatAsked();

    [GeneratedRegex(@"\b(whatsapp|whats|zap|telefone|numero|contato|email|e mail|celular|ramal)( \w+)? (do|da) (coordenador|coordenadora|diretor|diretora|chefe|responsavel|gerente|supervisor|supervisora|enfermeira|enfermeiro|medico|medica|plantonista)(?: \w+){0,2}? (do|da|no|na) (hospital|clinica|upa|ubs|ps|uti|pronto socorro|maternidade|santa casa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HospitalRoleContact();

    [GeneratedRegex(@"\b(alguma|uma|outra|algum|um|outro) (pessoa|colega|medico|medica|plantonista)( (cadastrad[oa]|disponivel|livre|habilitad[oa]|credenciad[oa]))? (para|que) (me )?(trocar|troque|substituir|substitua|cobrir|cubra|ficar no meu lugar|fique no meu lugar|render|renda|dividir|divida|assumir|assuma)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ColleagueForTheShift();

    /// <summary>
    /// The union's legal department or lawyer taken on — "vou falar com o jurídico do sindicato": a legal step, read before the
    /// person rules, which took "falar com o jurídico" for our own legal team.
    /// </summary>
    static bool UnionsLawyer(string t) => t.Contains("sindica", StringComparison.Ordinal) && UnionsLegal().IsMatch(t);

    /// <summary>
    /// Seventy-first blind set: "quero o contato do departamento jurídico de vocês para envio de notificação" — our legal
    /// department asked for in order to serve it a notice or a suit is a legal step, not a person asked for (normalised).
    /// </summary>
    static bool LegalDepartmentToBeServed(string t) => t.Contains("juridic", StringComparison.Ordinal) && LegalDepartmentServed().IsMatch(t);

    [GeneratedRegex(@"\b(juridico|departamento juridico|setor juridico|assessoria juridica) ((de voces|da empresa|dai|de vcs) )?(para|pra|p|a fim de) (o )?(envio|enviar|mandar|encaminhar|entregar|protocolar|receber|receberem|envio da|envio de|entrega da|entrega de)( a| uma| o| um| da| de)? (notificac\w*|notificacao extrajudicial|contranotificacao|intimacao|citacao|acao|processo|peticao)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LegalDepartmentServed();

    [GeneratedRegex(@"\b(juridico|advogad[oa]s?|assessoria juridica|departamento juridico|setor juridico) (do|da) (meu |nosso |o |a )?(sindicato|associacao|simesp|sindmed\w*|sinmed\w*)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UnionsLegal();

    static readonly string[] InstrumentStems = ["cnpj", "print", "de tudo", "processa "];

    static bool MayBeLegalInstrument(string t)
    {
        foreach (var stem in InstrumentStems)
            if (t.Contains(stem, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// Legal steps by their instrument: a notice served on our CNPJ ("vou notificar o CNPJ de vcs", "vou mandar notificação pro
    /// cnpj de vcs"), evidence of everything kept ("tenho print de tudo guardado", "tá tudo printado"; not "tenho tudo
    /// documentado, quer que eu mande?", the hours of his shifts), "vo processa esses caloteiro" (not "vou processar os documentos").
    /// </summary>
    [GeneratedRegex(@"\bnotific\w*( extrajudicial\w*)? (o|ao|para o|no|contra o|pro) cnpj\b|\bnotificacao( extrajudicial)? (para o|ao|no|contra o|contra a|para a|na) (cnpj|empresa)\b" +
        @"|\b(tenho|guardei|guardo|guardado|guardando|salvei|salvo|estou com|juntei|ja tenho)( \w+){0,2}? (prints?|screenshots?|gravacao|gravacoes|provas?) de tudo\b(?!.*\b(publicar|postar|expor|divulgar|espalhar)\b)|\b(prints?|screenshots?) de tudo (\w+ )?guardad[oa]s?\b|\btudo printado\b" +
        @"|\b(vo|vou|vamo|vamos|irei) processa (voces|voce|essa empresa|esse povo|esses|essas|essa gente|a empresa|todo mundo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LegalInstrument();

    static readonly System.Buffers.SearchValues<string> NetworkWords = System.Buffers.SearchValues.Create(
        ["linkedin", "instagram", "insta", "facebook", "face", "twitter", "tiktok", "redes", "rede social", "internet", "barulho"], StringComparison.Ordinal);

    static readonly System.Buffers.SearchValues<string> WarningWords = System.Buffers.SearchValues.Create(
        ["avis", "alert", "falar para", "contar para", "dizer para", "recomendar"], StringComparison.Ordinal);

    /// <summary>
    /// Our name taken to the networks with what we did ("vou postar no linkedin o calote de vcs", "vou colocar no instagram o que
    /// vcs fazem", "vou fazer barulho com isso na internet"), or the colleagues warned off us ("vou avisar todos os colegas pra não
    /// trabalharem com vcs") — anger at us told to all, as "vou expor vcs no instagram" (not a shift posted, nor us recommended).
    /// </summary>
    static bool TakenToThePublic(string t) =>
        (t.AsSpan().ContainsAny(NetworkWords) && ((PostedOnTheNetworks().IsMatch(t) && WhatWeDid().IsMatch(t) && !ShiftShared().IsMatch(t)) || NoiseMade().IsMatch(t)))
        || (t.AsSpan().ContainsAny(WarningWords) && ColleaguesWarnedOff().IsMatch(t));

    [GeneratedRegex(@"\b(vou|irei|vamos|eu vou|vou ter que)( \w+)? (postar|publicar|colocar|botar|por|jogar|expor|espalhar|contar|escrever|falar|divulgar)\b(?: \w+){0,5}? (no|na|nas|nos|pelo|pela) (linkedin|instagram|insta|facebook|face|twitter|tiktok|redes sociais|rede social|internet|redes)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PostedOnTheNetworks();

    [GeneratedRegex(@"\b(calote|caloteiros?|golpe|golpistas?|descaso|palhacada|vergonha|absurdo|sacanagem|falta de respeito|o que (voces|essa empresa|a empresa) (fazem|fizeram|faz|fez|estao fazendo)|como (voces|essa empresa|a empresa) (tratam|trata|fazem|pagam|paga)|tudo isso|essa historia|essa situacao)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WhatWeDid();

    [GeneratedRegex(@"\b(vaga|vagas|oportunidade|oportunidades|indicacao|indicar|recomendar|recomendo|elogio|elogiar)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShiftShared();

    [GeneratedRegex(@"\bfazer (um |muito )?barulho\b(?: \w+){0,3}? (na|nas|no|nos) (internet|redes|rede social|midia|imprensa|grupo|grupos|linkedin|instagram)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NoiseMade();

    [GeneratedRegex(@"\b(avisar|alertar|falar para|contar para|dizer para|avisando|aviso|alerto|avisei|recomendar)\b(?: \w+){0,6}? ((para|que) )?(ninguem|nao|nunca) (\w+ )?(pegar|trabalhar|trabalharem|aceitar|aceitarem|fazer|fazerem|pegarem|entrar|entrarem|cair|cairem|mexer|confiar|confiarem)\b(?: \w+){0,3}? (com|para|nessa|nesta|na|em) (voces|essa empresa|esta empresa|a empresa|empresa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ColleaguesWarnedOff();

    /// <summary>"a justiça liberou meu registro finalmente": the courts granting him something, no step of his against anyone.</summary>
    [GeneratedRegex(@"^justica( do trabalho| federal| estadual| eleitoral)?( ja| finalmente| enfim| hoje| ontem)? (liberou|concedeu|autorizou|aprovou|devolveu|homologou|desbloqueou|reconheceu|garantiu|mandou liberar|me deu|deu ganho)\b", RegexOptions.CultureInvariant)]
    private static partial Regex JusticeGranted();
}
