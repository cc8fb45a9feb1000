using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Legal words that are no threat to us (docs/decisions.md#handoff): a lawyer writing for a doctor, the doctor's own case or
/// paperwork, a legal step against a hospital, another company or a patient, an insurance's cover, a step thought of and
/// dropped — and the same words negated ("não vou processar ninguém").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>
    /// Twentieth blind set: a lawyer writing for a doctor — "sou advogado da Dra. Paula", "represento a Dra. Ana Costa", "escrevo
    /// em nome do meu cliente" (not "sou advogado", the doctor's own other profession, nor "o advogado do hospital").
    /// </summary>
    [GeneratedRegex(@"\b(sou|somos|como|na qualidade de) (o |a )?advogad[oa]s? (da|do|de) (dr|dra|doutor|doutora|medic[oa]|cliente)\b|\brepresento (a|o) (dr|dra|doutor|doutora|medic[oa])\b", RegexOptions.CultureInvariant)]
    private static partial Regex LawyerForADoctor();

    /// <summary>"minha denúncia na ouvidoria foi sobre um paciente, nada a ver com vocês": the doctor says it is not about us.</summary>
    static bool NotAboutUs(string t) =>
        t.Contains("voces", StringComparison.Ordinal) && NotAboutUsWords().IsMatch(t);

    [GeneratedRegex(@"\b(nada a ver com|nao e com|nao e contra|nao tem nada a ver com) voces\b", RegexOptions.CultureInvariant)]
    private static partial Regex NotAboutUsWords();

    /// <summary>A legal word of <paramref name="legal"/> that is neither a patient's reported words nor about another company.</summary>
    static bool TheDoctorsLegalStep(Regex legal, string t, bool quoted)
    {
        foreach (var m in legal.EnumerateMatches(t))
            if (HisLegalStep(t, m.Index, m.Length, quoted)) return true;
        return false;
    }

    /// <inheritdoc cref="TheDoctorsLegalStep(Regex, string, bool)"/>
    static bool TheDoctorsLegalStep(RegexAlternation legal, string t, bool quoted)
    {
        foreach (var m in legal.EnumerateMatches(t))
            if (HisLegalStep(t, m.Index, m.Length, quoted)) return true;
        return false;
    }

    static bool HisLegalStep(string t, int at, int length, bool quoted) =>
        !ReportedOfPatient(t, at, quoted) && !AgainstAnotherCompany(t, at + length) && !NegatedLegal(t, at)
        && !NotAStep(t, at, length) && !StepDropped(t, at, length) && !NoStepOfHis(t, at, length) && !WorkplaceOrStory(t, at)
        && !HealthReport(t, at + length) && !Imagined(t, at);

    /// <summary>
    /// The sixty-fifth set's leftover: a step only imagined, laughing — "imagina se eu fosse processar
    /// vcs kkk", "se eu fosse processar todo mundo que atrasa eu tava rico kkk". The counterfactual ("fosse", "-asse") at
    /// most twelve words before the legal word, and a laugh in the message: a threat made with a condition ("se continuar
    /// assim vou processar") or said without the laugh stays one.
    /// </summary>
    static bool Imagined(string t, int at) =>
        at > 0 && t.Contains("se ", StringComparison.Ordinal) && Laugh().IsMatch(t) && CounterfactualBefore().IsMatch(t.AsSpan(0, at));

    [GeneratedRegex(@"\bse (eu |a gente |nos )?(fosse|processasse|denunciasse|acionasse|entrasse|levasse|colocasse|botasse|abrisse)\b( \w+){0,12} $", RegexOptions.CultureInvariant)]
    private static partial Regex CounterfactualBefore();

    [GeneratedRegex(@"\b(k{2,}\w*|(rs)+|(ha){2,}h?|(he){2,}h?|kkk\w*)\b|😂|🤣|😅", RegexOptions.CultureInvariant)]
    private static partial Regex Laugh();

    /// <summary>
    /// Thirty-fourth blind set: a step thought of and dropped because we solved it — "pensei em ir no procon mas vocês resolveram
    /// rápido", "ia reclamar no reclame aqui mas vocês foram rápidos" (not "…mas até agora não pagaram", still open).
    /// </summary>
    static bool StepDropped(string t, int at, int length) =>
        t.Contains("mas ", StringComparison.Ordinal) && ThoughtOfBefore().IsMatch(t.AsSpan(0, at)) && SolvedAfter().IsMatch(t.AsSpan(at + length));

    [GeneratedRegex(@"\b(pensei em|pensei|ia|eu ia|ja ia|estava pensando em|tava pensando em|estava para|tava para|estive para|cheguei a pensar em|tinha pensado em|quase|por pouco nao)( \w+){0,2} $", RegexOptions.CultureInvariant)]
    private static partial Regex ThoughtOfBefore();

    [GeneratedRegex(@"^(?!.*\b(nao|nada|ainda nao|nem)\b (\w+ )?(resolv|pag|acert|corrig|respond|caiu)).*\b(mas|porem|so que)\b(?: \w+){0,5}? (resolveram|resolveu|resolvido|resolvida|foram rapid[oa]s|foi rapid[oa]|pagaram|pagou|caiu|acertaram|acertou|deu certo|corrigiram|corrigiu|responderam|me atenderam|solucionaram)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SolvedAfter();

    /// <summary>
    /// Thirty-fourth blind set: a body that acted on a hospital ("o Ministério Público fez fiscalização no hospital ontem"), and a
    /// hospital denounced ("vou denunciar o hospital na vigilância sanitária") — with us nowhere in the message.
    /// </summary>
    [GeneratedRegex(@"^( publico| do trabalho| federal| estadual)?( ja| ontem| hoje)? (fez|fizeram|faz|fazendo|esteve|estava|veio|vieram|apareceu|passou)( uma| um| a)?( fiscalizacao| vistoria| inspecao| visita| auditoria| operacao| blitz)? (no|na|em|pelo|pela|nesse|nessa) (\w+ )?(hospital|clinica|upa|ubs|ps|pronto socorro|maternidade|santa casa|laboratorio|prefeitura)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ActedOnAPlace();

    [GeneratedRegex(@"^\w* (o|a|esse|essa|este|esta|aquele|aquela)( \w+)? (hospital|clinica|upa|ubs|pronto socorro|maternidade|santa casa|laboratorio|prefeitura)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HospitalDenounced();

    /// <summary>
    /// Thirty-fourth blind set: the courts asked about as a rule, not a step — "a justiça do trabalho reconhece PJ?", "PJ tem algum
    /// problema com a justiça do trabalho?".
    /// </summary>
    [GeneratedRegex(@"^( do trabalho| trabalhista| brasileira| comum| federal)? (reconhece|reconheceria|aceita|aceitaria|considera|consideraria|entende|permite|proibe|exige|obriga|garante|protege|costuma|ve)\b(?!.*\b(vou|vamos|irei|contra voces|contra vcs|contra a empresa)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex JusticeAsRule();

    [GeneratedRegex(@"\b(tem|teria|da|daria|pode dar|gera|geraria|corre|correria)( algum| alguma| risco de| problema de)? (problema|problemas|risco|riscos|complicacao|complicacoes|rolo) (com|na|perante|diante da)( a| o)? $", RegexOptions.CultureInvariant)]
    private static partial Regex TroubleWithTheLawAsked();

    /// <summary>
    /// Thirteenth blind set: a legal word that names no step of the doctor's — the court as a workplace or where he is an
    /// expert or a witness ("sou perito da justiça do trabalho", "passei o dia no tribunal como testemunha", "alguns
    /// tribunais contratam médico"), legal cover asked about ("o hospital tem assessoria jurídica?"), or his lawyer clearing
    /// the contract he is about to sign ("minha advogada disse que o contrato está ok, pode mandar pra assinar").
    /// </summary>
    static bool NotAStep(string t, int at, int length)
    {
        var word = t.AsSpan(at, length);
        // Forty-second blind set: "a justiça liberou meu registro finalmente" — the courts granting him something.
        if (word.StartsWith("justica") && JusticeGranted().IsMatch(t.AsSpan(at))) return true;
        // Thirty-eighth blind set: "o seguro cobre processo ético no CRM?", "vcs oferecem seguro de responsabilidade civil pra
        // processo médico?" — what an insurance covers, asked, with no step of his in the message.
        if (InsuranceBefore().IsMatch(t.AsSpan(0, at)) && !StepVerb().IsMatch(t)) return true;
        if ((ActedOnAPlace().IsMatch(t.AsSpan(at + length)) || ActedOnAShop().IsMatch(t.AsSpan(at + length)) || (word.StartsWith("denunci") && HospitalDenounced().IsMatch(t.AsSpan(at)))) && !ThisCompany().IsMatch(t)) return true;
        if ((word.StartsWith("justica") || word.StartsWith("judicia") || word.StartsWith("tribuna") || word.StartsWith("juizado"))
            && (JusticeAsRule().IsMatch(t.AsSpan(at + length)) || TroubleWithTheLawAsked().IsMatch(t.AsSpan(0, at)))) return true;
        // Nineteenth blind set: a case of his family's or where he is a witness ("o processo da minha esposa na justiça saiu",
        // "fui testemunha num processo"), with us nowhere in the message; a step denied right after it ("ação trabalhista
        // não, é só dúvida").
        if ((OthersCase().IsMatch(t) && !ThisCompany().IsMatch(t)) || DeniedAfter().IsMatch(t.AsSpan(at + length))) return true;
        // Fortieth blind set: "tive que fazer um BO de um paciente hoje" — the step taken about a patient or a crime at the shift.
        if (AboutAPatientAfter().IsMatch(t.AsSpan(at + length)) && !ThisCompany().IsMatch(t)) return true;
        // Twentieth blind set: "o Procon da minha cidade fica do lado do hospital" — the body as a landmark too.
        if (word.StartsWith("procon") && (LandmarkBefore().IsMatch(t.AsSpan(0, at)) || LandmarkAfter().IsMatch(t.AsSpan(at + length)))) return true;
        // Thirty-sixth blind set: "o Procon aqui do lado do hospital tá em reforma" — the body placed by what is beside it, as the
        // subject (not "vou no Procon aqui do lado", a step).
        if (word.StartsWith("procon") && BesideAfter().IsMatch(t.AsSpan(at + length)) && !GoingBefore().IsMatch(t.AsSpan(0, at))) return true;
        // Twenty-second blind set: "tenho ação judicial rolando com o hospital antigo, isso atrapalha?" — the doctor's own case
        // with another party, with us nowhere in the message (as "tenho um processo ético no CRM").
        if (((word.StartsWith("acao") && OwnCaseBefore().IsMatch(t.AsSpan(0, at))) || (word.StartsWith("judicia") && OwnJudicialCaseBefore().IsMatch(t.AsSpan(0, at))))
            && !ThisCompany().IsMatch(t)) return true;
        // Twenty-ninth blind set: "a justiça é lenta né" — the courts judged in general, with no step in the message.
        if (word.StartsWith("justica") && JusticeJudged().IsMatch(t.AsSpan(at + length))) return true;
        // Twenty-fifth blind set: "trabalho no ministério público como perito" — the prosecutor's office as a workplace too.
        if (word.StartsWith("justica") || word.StartsWith("tribuna") || word.StartsWith("judicia") || word.StartsWith("juizado") || word.StartsWith("ministerio"))
            return WorkplaceBefore().IsMatch(t.AsSpan(0, at)) || WorkplaceAfter().IsMatch(t.AsSpan(at + length))
                   // Forty-sixth blind set: "vou na justiça federal amanhã tirar uma certidão" — an errand there.
                   || (word.StartsWith("justica") && ErrandAtACourt().IsMatch(t.AsSpan(at + length)))
                   || LandmarkBefore().IsMatch(t.AsSpan(0, at)) || LandmarkAfter().IsMatch(t.AsSpan(at + length))
                   // Fourteenth blind set: "se eu faltar tem alguma penalidade judicial?" asks about a consequence.
                   || (word.StartsWith("judicia") && ConsequenceAsked().IsMatch(t.AsSpan(0, at)))
                   // Eighteenth blind set: "isso é caso de justiça? pergunto por um paciente meu" — asked for someone else.
                   || AskedForSomeoneElse().IsMatch(t);
        // Thirty-sixth blind set: the police station as a workplace ("tenho plantão na delegacia da mulher como médico legista").
        if (word.EndsWith("delegacia") && (WorkplaceBefore().IsMatch(t.AsSpan(0, word.StartsWith("na ") ? at + 3 : at)) || WorkplaceAfter().IsMatch(t.AsSpan(at + length))))
            return true;
        // Seventeenth blind set: the hospital's legal department or its paperwork ("o jurídico do hospital precisa da minha
        // assinatura?", "algum documento do jurídico pro credenciamento?") is no step against us.
        if (word.StartsWith("juridic"))
            return CoverAsked().IsMatch(t.AsSpan(0, at))
                   // Twentieth blind set: "como é o lado jurídico disso?" (the legal side of opening a PJ), "o jurídico que eu falo é
                   // pessoa jurídica" — an aspect asked about, or the word meant as the company form the message names.
                   || LegalSide().IsMatch(t.AsSpan(0, at)) || t.Contains("pessoa juridica", StringComparison.Ordinal) || CompanyFormChoice(t) || OthersLegalDepartment().IsMatch(t.AsSpan(at + length)) || LegalPaperwork().IsMatch(t.AsSpan(0, at))
                   || PaperworkDone().IsMatch(t.AsSpan(at + length));
        // Nineteenth blind set: the lawyer's advice or paperwork about the doctor's own company ("meu advogado disse que a PJ
        // compensa", "meu adv mandou a procuração da PJ"), a tax lawyer wanted ("preciso de um advogado tributarista").
        // Twenty-sixth blind set: a lawyer who is someone else's or a friend, a patient, a film's — "um amigo advogado me falou
        // dessa vaga", "a advogada da minha mãe precisa de um laudo", "meu advogado é paciente do hospital".
        // Twenty-ninth blind set: an appointment with his lawyer, or the lawyer's work on a private matter of his — "tenho consulta
        // com meu advogado amanhã, não posso de manhã", "meu advogado pediu os comprovantes pro meu divórcio".
        if (word.StartsWith("advogad")) return ContractCleared().IsMatch(t) || ServiceAsked().IsMatch(t.AsSpan(0, at)) || LawyersOwnBusiness().IsMatch(t) || LawyerNotActing().IsMatch(t)
                                              || (LawyersPrivateMatter().IsMatch(t) && !AgainstUs().IsMatch(t));
        // Fourteenth blind set: "processo? que processo? não entendi" asks which one is meant. Fifteenth: "processando aqui,
        // já te respondo" is the doctor thinking.
        // Seventeenth blind set: "tenho um processo ético no CRM arquivado" — the doctor's own case, with us nowhere in the
        // message ("…um processo ético por causa de um plantão que vcs escalaram errado" still is).
        // Twenty-first blind set: "vi no jornal que o hospital tá respondendo processo" — another body's case, with us nowhere
        // in the message.
        // Twenty-ninth blind set: "tenho uma sindicância no CRM de outro caso, isso atrapalha?" — the doctor's own inquiry, as
        // "tenho um processo ético no CRM", with us nowhere in the message.
        if (word.StartsWith("sindicancia") && OwnCaseBefore().IsMatch(t.AsSpan(0, at)) && !ThisCompany().IsMatch(t)) return true;
        if (word.StartsWith("process") && OthersCaseBefore().IsMatch(t.AsSpan(0, at)) && !ThisCompany().IsMatch(t)) return true;
        if (word.StartsWith("process"))
            return WhichProcess().IsMatch(t) || (OwnCaseBefore().IsMatch(t.AsSpan(0, at)) && !ThisCompany().IsMatch(t)) || (word.SequenceEqual("processando") && StillThinking().IsMatch(t.AsSpan(at + length)));
        return false;
    }

    [GeneratedRegex(@"\b(seguro|seguros|apolice|cobertura)\b(?: \w+){0,5} $", RegexOptions.CultureInvariant)]
    private static partial Regex InsuranceBefore();

    [GeneratedRegex(@"^ (de|contra|sobre|do|da|por causa d[eoa]) (um |uma |o |a |esse |essa |um tal de )?(paciente|acompanhante|familiar|familia do paciente|agressor|agressao|assalto|furto|roubo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AboutAPatientAfter();

    [GeneratedRegex(@"\b(vou|vamos|irei|iremos)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StepVerb();

    [GeneratedRegex(@"\b(process?o|acao|causa) (da|do|de) (minha|meu) (esposa|marido|mulher|mae|pai|filho|filha|irma|irmao|familia|sogra|sogro|cunhado|cunhada|amigo|amiga|vizinho|vizinha|tio|tia|avo)\b|\b(fui|sou|serei|vou ser|era|como) testemunha\b", RegexOptions.CultureInvariant)]
    private static partial Regex OthersCase();

    [GeneratedRegex(@"^( brasileira| do brasil| no brasil| desse pais| aqui)? (e|eh|anda|esta|ta|continua) (muito |tao |bem |super |mt )?(lenta|demorada|morosa|falha|cega|cara|injusta|complicada|uma piada|uma vergonha)\b(?!.*\b(vou|vamos|irei)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex JusticeJudged();

    [GeneratedRegex(@"^( \w+)? nao (e|eh) (so|apenas|somente|isso)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DeniedAfter();

    [GeneratedRegex(@"\b(hospital|clinica|upa|ubs|prefeitura|santa casa|maternidade|operadora|cooperativa|secretaria)\b(?: \w+){0,3}? (responde|respondendo|respondeu|tomou|levou|sofreu|sofrendo|enfrenta|enfrentando|esta com|estava com|ta com|tava com|tem|teve|tinha|ganhou|perdeu)( a| um| uma| o)? $", RegexOptions.CultureInvariant)]
    private static partial Regex OthersCaseBefore();

    [GeneratedRegex(@"\badvogad[oa]s?\b(?: \w+){0,2} (disse|falou|acha|achou|recomendou|sugeriu|orientou|mandou|enviou|preparou|fez) (que )?(\w+ ){0,5}(pj|clt|rpa|mei|cnpj|procuracao|imposto|impostos|contrato social|tributacao|contabilidade|nota fiscal|notas fiscais)\b" +
        // Fifty-fourth blind set: "meu irmão advogado vai me ajudar com o CNPJ" — help with his own company.
        @"|\badvogad[oa]s?\b(?: \w+){0,3} (ajudar|ajuda|ajudou|ajudando|ajudara)\b(?: \w+){0,3} (cnpj|pj|mei|abertura|contrato social|minha empresa|nota fiscal|notas fiscais|imposto|impostos|contabilidade)\b" +
        @"|\badvogad[oa]s? (tributarista|contabil|societario|empresarial)\b" +
        // Twenty-fourth blind set: the lawyer at work on the doctor's own company — "meu advogado tá vendo a abertura do CNPJ",
        // "…tá abrindo minha empresa", "vou falar com meu advogado sobre o CNPJ".
        @"|\badvogad[oa]s?\b(?: \w+){0,2} (vendo|cuidando|abrindo|fazendo|resolvendo|providenciando|montando|organizando|tratando|cuida|abre|abriu|faz|fez|resolve|resolveu|ve)( (a|o|as|os|da|do|das|dos|de|minha|meu|da minha|do meu))?(?: \w+){0,2}? (cnpj|pj|mei|abertura|contrato social|contabilidade|minha empresa|empresa medica)\b" +
        @"|\badvogad[oa]s? (sobre|a respeito|por causa|para abrir|para ver)( d[aeo])?( (a|o|meu|minha))? (cnpj|pj|mei|abertura|contrato social|minha empresa|empresa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LawyersOwnBusiness();

    /// <summary>
    /// Twenty-ninth blind set: the doctor's own time with his lawyer ("consulta / reunião / hora marcada com meu advogado", "vou
    /// no meu advogado assinar…") or the lawyer's work on a private matter of his (a divorce, an inheritance, proof of income).
    /// </summary>
    [GeneratedRegex(@"\b(consulta|reuniao|hora marcada|horario marcado|horario|compromisso|atendimento) (marcad[oa] )?(com|no|na) (o |a |um |uma )?((meu|minha) )?advogad[oa]\b|\badvogad[oa] (para )?(assinar|reconhecer firma|pegar (a|o|uns|umas) )" +
        @"|\b(divorcio|separacao|inventario|heranca|partilha|pensao alimenticia|pensao|guarda (do|da|dos|das) (meu|minha|meus|minhas)|usucapiao|comprovar renda|comprovacao de renda|financiamento|escritura|compra do (apartamento|imovel|carro)|aluguel)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LawyersPrivateMatter();

    /// <summary>A step aimed at us in the same message, which a private matter named beside it does not undo.</summary>
    [GeneratedRegex(@"\bcontra (voces|vcs|voce|a empresa|essa empresa|esta empresa|a agencia)\b|\bprocess(ar|o contra|a-los)\b|\bjustica\b|\bprocon\b|\bvoces vao (ver|pagar)\b|\b(cobrar|acionar|notificar|processar) (voces|vcs|a empresa|essa empresa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AgainstUs();

    [GeneratedRegex(@"\b(amig[oa]s?|filmes?|series?|novelas?|livros?|vizinh[oa]s?|pacientes?|conhecid[oa]s?|personagem) (\w+ )?((de|do|da) )?((um|uma|o|a) )?advogad[oa]s?\b(?! (vai|vao|disse|mandou|pediu|entrou|entra|acion))" +
        @"|\badvogad[oa]s? (d[ao]s?) (minha|meu|seus?|suas?|um|uma) (mae|pai|irma|irmao|filh[oa]|espos[oa]|marido|mulher|familia|amig[oa]|vizinh[oa]|paciente|sogr[oa]|tia|tio|avo|prim[oa])\b" +
        @"|\badvogad[oa]s? (e|eh|era|virou|foi) (meu |minha |um |uma )?(paciente|amig[oa]|vizinh[oa]|parente|prim[oa]|colega de (turma|faculdade|escola))\b" +
        // Sixty-second blind set: "meu advogado leu" as the line — he read our papers, no step taken.
        @"|^(o |meu |minha |a )?advogad[oa] (ja )?(leu|olhou|revisou|analisou|conferiu|viu)( (o|a|meu|minha) (contrato|proposta|documento|documentos|termo|aditivo))?( (tudo|ontem|hoje|ja))?$", RegexOptions.CultureInvariant)]
    private static partial Regex LawyerNotActing();

    /// <summary>Twentieth blind set: "o lado jurídico", "a parte jurídica", "a questão jurídica": an aspect of something, asked about.</summary>
    [GeneratedRegex(@"\b(o lado|a parte|a questao|o aspecto|os aspectos|a burocracia|o ponto de vista|a situacao) $", RegexOptions.CultureInvariant)]
    private static partial Regex LegalSide();

    /// <summary>"…jurídico do hospital", "…da clínica": another institution's legal department.</summary>
    [GeneratedRegex(@"^ (do|da) (hospital|clinica|upa|ubs|prefeitura|secretaria|operadora|plano|convenio|santa casa|instituto)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OthersLegalDepartment();

    /// <summary>"algum documento do jurídico", "a assinatura do jurídico": the legal department's paperwork.</summary>
    [GeneratedRegex(@"\b(documento|documentos|assinatura|parecer|aprovacao|liberacao|visto|autorizacao|modelo|minuta) (do|pelo) $" +
        // Fifty-fourth blind set: "o contrato passa pelo jurídico de vocês?" — their review of the paperwork asked about.
        @"|\b(contrato|contratos|documento|documentos|minuta|proposta|aditivo|cadastro) (passa|passam|vai passar|vao passar|precisa passar|tem que passar|passou) (pelo|no) $", RegexOptions.CultureInvariant)]
    private static partial Regex LegalPaperwork();

    /// <summary>Eighteenth blind set: "o jurídico de vocês já aprovou meu contrato?" — the department did its paperwork.</summary>
    [GeneratedRegex(@"^( de voces| da empresa)?( ja| ainda)?( nao)? (aprovou|aprovaram|analisou|analisaram|revisou|revisaram|liberou|liberaram|validou|validaram|conferiu|conferiram|olhou|viu) (meu|o|a|minha) (contrato|documento|documentos|cadastro|proposta|aditivo|termo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PaperworkDone();

    /// <summary>"tenho um processo ético…", "já respondi a um processo…": a case the doctor has or had.</summary>
    [GeneratedRegex(@"\b(tenho|tive|tinha|respondo|respondi|respondia|respondendo) (a )?((um|uma|o) )?$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnCaseBefore();

    /// <summary>Twenty-second blind set: "tenho (uma) ação judicial com o hospital antigo" — a case the doctor has, before "judicial".</summary>
    [GeneratedRegex(@"\b(tenho|tive|tinha|respondo|respondi|respondia|respondendo) (a )?((um|uma|o|a) )?(acao|processo|causa) $", RegexOptions.CultureInvariant)]
    private static partial Regex OwnJudicialCaseBefore();

    /// <summary>"vocês têm advogado que ajuda a abrir PJ?": a lawyer asked about as a service, not called on us.</summary>
    [GeneratedRegex(@"\b(tem|teria|tinha|oferece|oferecem|possui|possuem|indica|indicam|indicar|recomenda|recomendam|recomendar|conhece|conhecem|conheceria)( (um|uma|algum|alguma))? $", RegexOptions.CultureInvariant)]
    private static partial Regex ServiceAsked();

    /// <summary>A consequence asked about before "judicial": "tem alguma penalidade judicial?", "existe risco judicial?".</summary>
    [GeneratedRegex(@"\b(penalidade|penalidades|punicao|punicoes|consequencia|consequencias|implicacao|implicacoes|sancao|sancoes|risco|riscos) $", RegexOptions.CultureInvariant)]
    private static partial Regex ConsequenceAsked();

    [GeneratedRegex(@"\b(pergunto|perguntando|pergunta|duvida) (por|para|sobre|de) (um|uma|o|a|meu|minha)( \w+)? (paciente|familiar|parente|amigo|amiga|conhecido|conhecida)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AskedForSomeoneElse();

    /// <summary>"que processo?", "qual processo?": the doctor asks which one is meant.</summary>
    [GeneratedRegex(@"\b(que|qual|quais) process?o\b", RegexOptions.CultureInvariant)]
    private static partial Regex WhichProcess();

    /// <summary>"processando aqui", "ainda processando", "processando ainda": the doctor thinking, not suing.</summary>
    [GeneratedRegex(@"^ (aqui|ainda|mentalmente|a informacao|as informacoes|tudo ainda)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StillThinking();

    // Thirty-sixth blind set: "faço perícia pro juizado" ("para o"), "tenho plantão na delegacia da mulher".
    // Sixty-fourth: "meu horário no juizado é de manhã" (his hours there).
    [GeneratedRegex(@"\b(perit[oa]s?|pericias?|hospital|ambulatorio|horario|expediente|turno|declaracao|certidao|plantao|plantoes|plantonista|vaga|vagas|trabalho|trabalhar|trabalhei|trabalha|atendo|atender|servidor|servidora|concurso|concursad[oa]|medic[oa]s?) (\w+ )?(no|na|nos|nas|do|da|dos|das|de|para|para a|para o|ao|junto a|junto da|junto ao) $", RegexOptions.CultureInvariant)]
    private static partial Regex WorkplaceBefore();

    [GeneratedRegex(@"^(?: \w+){0,6}? (como (testemunha|perit[oa]|(medic[oa] )?legista)|(fazer|faco|fiz|fazendo|faz|para|de) (uma |a |as )?pericias?|periciar|contrat(a|am|ando|ou|aram)( \w+)? (medic[oa]s?|plantonistas?))\b", RegexOptions.CultureInvariant)]
    private static partial Regex WorkplaceAfter();

    /// <summary>
    /// "perto do fórum", "o juizado especial fica perto da UBS?": the court as a place to find, as "perto da delegacia"; since
    /// the fifteenth blind set also through the court's name ("perto do Tribunal de Justiça").
    /// </summary>
    // Twenty-ninth blind set: "vou atrás do Procon" is going after it (the idiom of seeking), not a place behind it.
    [GeneratedRegex(@"\b(perto|pertinho|ao lado|do lado|em frente|na frente|(?<!\b(vou|vamos|ir|irei|iremos|fui|vai|vao|correr|corro|correrei) )atras|proximo|vizinho) (do|da|de|ao|a) ((tribunal|forum|predio|sede|palacio)( regional| federal| superior)?( do trabalho)? (de|do|da) )?$", RegexOptions.CultureInvariant)]
    private static partial Regex LandmarkBefore();

    [GeneratedRegex(@"^( (especial|especiais|federal|estadual|civel|criminal|trabalhista|eleitoral|do trabalho|de pequenas causas|do juri|regional))?( (da minha cidade|daqui|dali|de la|do bairro|do centro))? (fica|ficam|e perto|e longe|e do lado|e ao lado|e proximo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LandmarkAfter();

    [GeneratedRegex(@"^( (aqui|ali|la|daqui))? (do lado|ao lado|perto|pertinho|em frente|na frente) (do|da|de|ao|a|dos|das)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BesideAfter();

    [GeneratedRegex(@"\b(vou|vamos|irei|ir|fui|vai|vao|levar|levo|levarei|acionar|aciono|reclamar|reclamo|denunciar|denuncio|abrir|abro|registrar|registro|procurar|procuro|recorrer|recorro|chamar|atras)\b", RegexOptions.CultureInvariant)]
    private static partial Regex GoingBefore();

    [GeneratedRegex(@"\b(tem|teria|tinha|oferece|oferecem|oferecia|da|dao|possui|possuem|inclui|incluem|existe|ha|ter|terao|faz|fazem|cuida|cuidam)( \w+)?( \w+)? (assessoria|cobertura|apoio|suporte|assistencia|respaldo|protecao|amparo|seguro|orientacao|parte) $", RegexOptions.CultureInvariant)]
    private static partial Regex CoverAsked();

    // Before he signs ("…pode mandar pra assinar", "posso assinar", "o contrato está ok"), not "o contrato assinado" kept as evidence.
    [GeneratedRegex(@"\bcontrato\b(?: \w+){0,8}? (esta|ta|e|parece|ficou) (ok|certo|tranquilo|bom|correto|tudo certo)\b|\bcontrato\b.*\b(aprovou|aprovado|liberou|liberado)\b|\b(para (eu )?|posso |vou |pode |podemos )assinar\b" +
        // Sixteenth blind set: "meu advogado cuida do contrato da minha PJ, posso mandar pra ele?" — the contract sent to him to read.
        @"|\bcontratos?\b.*\b(posso|pode|podem|devo) (mandar|enviar|encaminhar|passar)( o contrato| ele| isso)? (para|a) (ele|ela)\b" +
        // Eighteenth blind set: "o advogado da minha PJ pediu a cópia do contrato", "…pro meu advogado revisar antes de assinar".
        @"|\b(pediu|pede|precisa|quer|solicitou)( d?a| d?o| uma| de uma)? (copia|via|minuta|versao) do contrato\b(?! que (eu )?(assinei|fechei|tenho) com)|\b(pediu|pede|quer|solicitou|precisa d)(o|e)? (o |meu |esse |seu )?contrato\b(?! (para|pra) (entrar|processar|acionar|mover))|\bantes de (eu )?assinar\b" +
        // Twenty-sixth blind set: "meu advogado falou que tá tudo certo com a minha PJ, pode mandar o contrato" — cleared, so sent for.
        @"|\b(pode|podem) (me )?(mandar|enviar) o contrato\b(?! (para|pro) (o |meu |minha |a )?advogad)" +
        // Thirty-second blind set: a paper of ours he asks for ("meu advogado pediu o informe de rendimentos").
        @"|\b(pediu|pede|precisa|quer|solicitou)( d?a| d?o)? (o |a |meu |minha |uma |um )?(informes?|declaracao|comprovante|holerite|recibo|recibos|nota fiscal|notas fiscais|extrato)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ContractCleared();

    /// <summary>"não vou processar ninguém kkk", "nunca pensei em denunciar": the step itself denied right before it.</summary>
    static bool NegatedLegal(string t, int at) => at >= 8 && NegatedBefore().IsMatch(t.AsSpan(0, at));

    // Thirteenth blind set: the place of the step ("não vou no procon não kkk") and a noun in a refused list ("não quero
    // confusão nem processo") are denied too.
    [GeneratedRegex(@"\b(nao|nunca|nem) (vou|quero|pretendo|vamos|irei|penso em|pensei em|tenho intencao de|estou pensando em)( te| voces| ninguem)?( no| na| ao| a| para o| para a| atras de| atras do| atras da)? $" +
        @"|\bnao (quero|preciso|pretendo|desejo|vou|busco|estou querendo)\b(?: \w+){1,3} nem (um |uma |o |a )?$", RegexOptions.CultureInvariant)]
    private static partial Regex NegatedBefore();

    /// <summary>"se eu precisar …", "caso um dia eu queira …": the doctor's own need to come, before a request.</summary>
    [GeneratedRegex(@"\b(se|caso|quando) (um dia )?(eu )?(um dia )?(precisar|precise|quiser|queira)( de)? $", RegexOptions.CultureInvariant)]
    private static partial Regex OwnNeedLater();
}
