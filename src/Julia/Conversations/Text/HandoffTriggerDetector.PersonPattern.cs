using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// The expression of a request for a person of the team (`AsksForPerson`) and its parts: the roles, the team, who served him,
/// what is not a person to talk to (someone to stand in for him, to share a shift) (docs/decisions.md#handoff).
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>"encaminha pra alguém cobrir meu plantão": someone to stand in for him, not a person to talk to (fourteenth blind set).</summary>
    const string ToStandIn = @"(?! (que (possa |pode )?|para )?(cobrir|substituir|me substituir|ficar no meu lugar|pegar|assumir (o|meu) plantao)\b)";

    /// <summary>
    /// Thirty-sixth blind set: "quero uma pessoa de confiança pra dividir o plantão comigo" — a colleague to share or take a shift
    /// with him, not a person of the team to talk to.
    /// </summary>
    const string ToShareAShift = @"(?! de confianca\b)(?! (que (possa |pode )?|para )(dividir|divida|trocar|troque|fazer|faca|pegar|pegue|dobrar|revezar|cobrir|cubra)\b)";

    /// <summary>
    /// "falar com o coordenador do hospital": the role belongs to the hospital, not to Júlia's team (thirteenth blind set);
    /// since the fourteenth also to another institution ("tratar do pagamento com o gerente do banco").
    /// </summary>
    // Thirty-sixth blind set: with his possessive too ("o gerente da minha clínica", "a coordenação do meu outro emprego").
    const string NotTheirs = @"(?! (do|da|dos|das|de|no|na) (meu |minha |meu outro |minha outra |outro |outra )?(emprego|trabalho|consultorio|hospital|hospitais|clinica|upa|ubs|ps|pa|uti|plantao|pronto socorro|unidade|maternidade|santa casa|enfermaria|banco|prefeitura|condominio|faculdade|residencia|convenio|plano|enfermagem|farmacia|limpeza|recepcao|portaria|higienizacao)\b)";

    /// <summary>What a role of the team does, in the present or the past: "quem faz o pagamento", "quem cuida da escala".</summary>
    // Twenty-seventh blind set: what the person did for him once — "falar com quem fechou meu contrato", "quem negociou o valor".
    const string Role = @"(cuida|cuidava|cuidou|faz|fazia|fez|organiza|organizou|monta|montou|fecha|fechou|paga|pagou|resolve|resolveu|decide|decidiu|coordena|gerencia|administra|controla|responde|manda|mandou|libera|liberou|aprova|aprovou|trata|tratou|lanca|lancou|agenda|agendou|distribui|contrata|contratou|acerta|acertou|combina|combinou|negocia|negociou|assina|assinou|mexe|emite|emitiu|define|definiu|cadastra|cadastrou|escala|escalou|ve)";

    /// <summary>
    /// Thirty-fourth blind set: who found, called or hired the doctor, by what they did for him — "quem me indicou a vaga", "a
    /// pessoa que me ligou", "a menina que me contratou" — and not at a hospital ("…que me atendeu no PS").
    /// </summary>
    const string WhoServedMe = @"(quem|((a|o) )?(pessoa|moca|menina|rapaz|moco|cara|senhora|senhor|mulher|atendente|consultora?|recrutadora?|gestora?|gerente|coordenadora?|analista) que)( ja)? me " +
        @"(indicou|ligou|contratou|recrutou|atendeu|chamou|ofereceu|mandou|passou|escreveu|cadastrou|entrevistou|procurou|abordou)\b" +
        @"(?!(?: \w+){0,4} (no|na|do|da|nesse|nessa) (hospital|clinica|upa|ubs|ps|pa|uti|pronto socorro|maternidade|santa casa|consultorio|plantao)\b)";

    const string Person = @"(uma |um |alguma |algum |a |o |sua |seu )?(pessoa|humano|humana|atendente|alguem|gente de verdade|responsavel|supervisor|supervisora|gerente|coordenador|coordenadora|escalista|gestor|gestora|funcionario|funcionaria|operador|operadora|chefe|equipe|representante|analista|consultor|consultora|recrutador|recrutadora|superior)";

    [GeneratedRegex(
        @"\b(falar|conversar|tratar|fala|falo) com " + Person + @"\b" + NotTheirs,
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson1();

    [GeneratedRegex(
        @"\b(me )?(passa|passe|transfere|transfira|encaminha|encaminhe|chama|chame) (para|com) " + Person + @"\b" + NotTheirs + ToStandIn,
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson2();

    [GeneratedRegex(
        // "bot não resolve, me passa um atendente", "chama o gerente": the person as the object, with an article.
        @"\b(me )?(passa|passe|transfere|transfira|chama|chame) (um|uma|algum|alguma|o|a) (humano|humana|pessoa|atendente|responsavel|supervisor|supervisora|gerente|coordenador|coordenadora|escalista|recrutador|recrutadora)\b" +
        @"|\b(quero|preciso|prefiro|gostaria de|queria) (de )?(um|uma) (humano|humana|pessoa|atendente)\b" + ToShareAShift +
        // Twenty-fourth blind set: "preciso de ajuda com um atendente", "queria atendimento de uma pessoa" — help from a person.
        @"|\b(ajuda|atendimento|suporte) (com|de) (um|uma|algum|alguma) (humano|humana|pessoa|atendente)\b" + NotTheirs,
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson3();

    [GeneratedRegex(
        // "tem alguém aí que possa cobrir meu plantão?" asks for a colleague, not for Júlia's team.
        @"\btem (alguem|alguma pessoa|algum humano|gente) (ai|aqui|ai de verdade|de verdade|real)\b(?! (que|para|pra)\b)" + NotTheirs + @"|^tem alguem( ai| aqui| de verdade)?$" +
        @"|(?<!\bnao )(?<!\b(hospital|clinica|upa|ubs|recepcao|portaria|enfermagem|enfermeira|enfermeiro|secretaria do hospital) )\bme (liga|ligue|liguem)\b|\b(liga|ligue|liguem) (para|pra) mim\b|(?<!\b(hospital|clinica|upa|ubs|recepcao|portaria|enfermagem|secretaria) )\bpode(m|ria)? me ligar\b|\bliga (para|pra) mim\b|\bme (da|de) uma ligada\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson4();

    [GeneratedRegex(
        @"(?<!\be (uma|um) )\b(atendente|pessoa|humano|gente|responsavel|funcionario|funcionaria|agente|operador|operadora|colaborador|colaboradora) (de verdade|real|humano|humana)\b|\batendimento humano\b" +
        // "prefiro tratar desse assunto com alguém da sua equipe": the matter named between the verb and the person.
        @"|\b(falar|conversar|tratar) (desse|deste|sobre esse|sobre este|esse|este|disso|sobre isso|isso|dessa|dessa questao|desse tema) (assunto |caso |tema )?com " + Person + @"\b" +
        // Thirteenth blind set: the matter handed on — "vc pode escalar isso pra alguém?", "repassa meu caso pro seu supervisor".
        @"|\b(escala|escalar|escalone|escalona|escalonar|repassa|repassar|repasse|passa|passar|passe|encaminha|encaminhar|encaminhe|leva|levar|leve|transfere|transferir|transfira) " +
        @"(isso|isto|o caso|meu caso|esse caso|essa questao|a questao|esse assunto|o assunto|essa demanda|minha demanda|meu problema|esse problema|o problema|essa situacao|minha situacao|minha solicitacao|essa solicitacao|meu pedido|esse pedido|minha reclamacao|essa reclamacao) " +
        @"(para|com) (o |a |um |uma |algum |alguma )?(seu |sua )?(alguem|pessoa|humano|humana|responsavel|supervisor|supervisora|gerente|coordenador|coordenadora|coordenacao|gestor|gestora|chefe|equipe|superior|superiores|atendente|time)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson5();

    [GeneratedRegex(
        // Fourteenth blind set: the verbs that only hand a matter on need no object ("escalona pra alguém aí", "repassa pro
        // seu supervisor"; not "passa"/"leva", which also hand a shift on) — in the imperative, with no object after the
        // person ("vou encaminhar para a equipe o comprovante" is the doctor's own errand) —, and the matter may take a few
        // words ("preciso tratar de assunto contratual com um representante").
        @"\b(escalona|escalone|escalonar|escalonem|repassa|repasse|encaminha|encaminhe|transfere|transfira) (para|com) (o |a |um |uma |algum |alguma )?(seu |sua )?(alguem|pessoa|humano|humana|responsavel|supervisor|supervisora|gerente|coordenador|coordenadora|coordenacao|gestor|gestora|chefe|equipe|superior|superiores|atendente|time)\b" + NotTheirs +
        @"(?! (o|a|os|as|meu|minha|meus|minhas|esse|essa|este|esta|um|uma)\b)" + ToStandIn,
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson6();

    [GeneratedRegex(
        @"\b(falar|conversar|tratar|resolver) (de|do|da|dos|das|sobre|acerca de|a respeito de|a respeito do|a respeito da)(?: \w+){1,3} com " + Person + @"\b" + NotTheirs,
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson7();

    [GeneratedRegex(
        // Twenty-fourth blind set: the person by the role — "falar com quem faz o pagamento", "com quem cuida da escala",
        // "com quem organiza os plantões" (the shifts the role's object, not the matter) — not a role at the hospital's.
        // Thirty-first blind set: one of a team of ours asked after ("a moça do RH tá aí?", "o pessoal do financeiro tá por aí?").
        @"\b(a moca|o moco|o rapaz|o pessoal|a galera|a equipe|o setor|alguem) (do|da) (rh|financeiro|escala|pagamento|cadastro|comercial|coordenacao|recrutamento|credenciamento)( de voces)? (ta|esta|estao|tao) (ai|por ai)\b" +
        // Thirty-first blind set: who of ours does it, asked with "aí" or "de vocês" ("quem cuida do financeiro aí?").
        @"|\bquem (e que )?" + Role + @" (o |a |os |as |do |da |dos |das |meu |minha |meus |minhas )?(financeiro|pagamento|pagamentos|escala|escalas|rh|cadastro|contrato|contratos|plantoes|credenciamento|folha)( \w+)? (ai|de voces|ai de voces|com voces)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson8();

    [GeneratedRegex(
        // Thirty-fourth blind set: the one of ours who found, called or hired him, asked for by what they did — "quero falar com
        // quem me indicou a vaga", "…com a menina que me contratou", "me passa pra pessoa que me ligou" — wanted or handed to (not
        // "vou falar com quem me indicou", his own errand), not someone of the hospital's.
        @"\b(quero|queria|preciso|precisava|gostaria de|gostaria|posso|da para|tem como|deixa eu|me deixa) (falar|conversar|tratar|resolver isso)( de novo| novamente)? com " + WhoServedMe,
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson9();

    [GeneratedRegex(
        @"\b(me )?(passa|passe|transfere|transfira|encaminha|encaminhe|coloca|coloque) (para|com|em contato com) " + WhoServedMe,
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson10();

    [GeneratedRegex(
        @"\b(falar|conversar|tratar|fala|falo|resolver isso) com quem (\w+ )?" + Role + @"\b(?!(?: \w+){0,4} (do|da|dos|das|no|na) (hospital|hospitais|clinica|upa|ubs|ps|pa|uti|pronto socorro|maternidade|santa casa|banco|prefeitura|condominio|faculdade|residencia|convenio|plano)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson11();

    /// <summary>
    /// The expressions AsksForPerson1…AsksForPerson14 as one alternation, written in pieces the JIT optimises
    /// (<see cref="RegexAlternation"/>, docs/decisions.md#detection-speed): add an alternative to the last piece, or a
    /// new piece when it passes ~1 000 characters.
    /// </summary>
    static readonly RegexAlternation AsksForPersonPieces = new(AsksForPerson1(), AsksForPerson2(), AsksForPerson3(), AsksForPerson4(), AsksForPerson5(), AsksForPerson6(), AsksForPerson7(), AsksForPerson8(), AsksForPerson9(), AsksForPerson10(), AsksForPerson11(), AsksForPerson12(), AsksForPerson13(), AsksForPerson14());

    static RegexAlternation AsksForPerson() => AsksForPersonPieces;

    /// <summary>
    /// Words one of which every alternative of <see cref="AsksForPerson"/> needs (checked by
    /// `DetectionCorpusTests.EveryPersonRequestMatchOfTheCorpusPassesItsPrefilter`), as <see cref="LegalWords"/> for the legal
    /// expression: the verbs of talking to, calling and handing on (by a stem all their forms share), and the words of the
    /// alternatives without one. An alternative or a verb added to the expression must add one of its words here.
    /// </summary>
    internal static readonly System.Buffers.SearchValues<string> PersonRequestWords = System.Buffers.SearchValues.Create(
    [
        // Talking to or dealing with a person: "falar com", "fala com", "prefiro tratar desse assunto com…", "resolver … com".
        "falar", "fala com", "falo com", "conversar", "tratar", "resolver",
        // Handing on: "me passa para", "transfere", "encaminha", "chama o gerente", "escalona", "repassa", "leva isso para".
        "passa", "passe", "transf", "encaminh", "chama ", "chame ", "escal", "leva", "leve",
        // "quero um humano", "tem alguém aí", "atendente de verdade", "atendimento humano".
        "human", "pessoa", "atendente", "tem alg", "tem gente", "de verdade", "real",
        // Calling: "me liga", "pode me ligar", "liga pra mim", "me dá uma ligada".
        "me lig", "ra mim", "ligada",
        // Who of ours does it: "quem cuida do financeiro aí?".
        "quem ",
        // One of a team of ours asked after: "a moça do RH tá aí?".
        "ta ai", "esta ai", "tao ai", "estao ai", "ta por ai", "esta por ai",
        // Fifty-second blind set (HandoffTriggerDetector.Callbacks.cs): a call returned or made for him, one of ours by the e-mail's
        // words ("um membro da equipe"), the one who served him asked after ("…continua aí").
        "me retorn", "chamada", "ligacao", "telefonema", "membro", "integrante", "colaborador", "funcionari", "representante", "continua ai", "continua por ai",
        // Fifty-fourth blind set (HandoffTriggerDetector.Notices.cs): the offer closed only talking to someone, the details settled
        // with one of ours, "anyone there?".
        "falando", "conversando", "tratando", "alguem da equipe", "alguem de voces", "alguem dai", "anyone", "anybody", "someone", "somebody",
    ], StringComparison.Ordinal);

    internal static bool MayAskForPerson(string t) => t.AsSpan().ContainsAny(PersonRequestWords);

    internal static bool PersonRequestMatches(string t) => AsksForPerson().IsMatch(t);
}
