using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Thirty-eighth blind set (docs/detection-history.md#triggers): what earlier rules met only in short forms — one of ours asked through
/// Júlia to contact the doctor with many words between the asking and the contact ("manda a pessoa que cuida do meu cadastro
/// falar comigo"), a legal threat told by its consequence rather than by an institution ("depois não reclamem quando chegar o
/// processo", "isso não vai ficar assim"), and the look-alikes: someone of ours asked after at the hospital ("tem alguém da
/// equipe de vcs lá no hospital?"), the hospital's staffing asked about ("tem humano no plantão da noite ou só residente?"), a
/// call offered or declined ("pode me ligar se precisar", "prefiro mensagem do que ligação"), a job wanted ("quero ser
/// supervisor de escala").
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>
    /// The verb of asking (to Júlia: "manda", "pede pra", "fala pro", "quero que", "peço que") and, up to twelve words later, the
    /// contact with the doctor ("falar comigo", "me ligar", "entrar em contato", "me retornasse"): the words between name whom
    /// Júlia is to pass the request to, checked by <see cref="SentToContactMe"/>.
    /// </summary>
    [GeneratedRegex(@"\b(manda|mande|mandem|pede para|pede que|peca para|peca que|peca por favor que|pede ao|pede a|pedir para|pode pedir para|fala para|fale para|diz para|diga para|quero que|queria que|gostaria que|preciso que|peco que|solicito que|tem como|da para|sera que)" +
        @"(?<between>(?: (?!eu\b)\w+){1,12}?) " +
        @"(falar comigo|conversar comigo|falasse comigo|fale comigo|entrar em contato|entre em contato|entrasse em contato|entrem em contato" +
        @"|me (ligar|ligue|ligasse|chamar|chame|chamasse|retornar|retorne|retornasse|contatar|contate|contatasse|procurar|procure|procurasse|atender|atenda|atendesse|explicar|explique|explicasse|responder|responda|respondesse|ligarem|liguem|chamarem|chamem|retornem|contatem" +
        @"|mandar (uma )?mensagem|mande (uma )?mensagem|mandasse (uma )?mensagem|dar (um )?retorno|de (um )?retorno|desse (um )?retorno)" +
        // Fortieth blind set: what he wants passed on — "fala pro responsável lá da escala que eu quero conversar com ele".
        @"|que (eu )?(quero|queria|preciso|precisava|gostaria de) (falar|conversar|tratar|resolver isso) com (ele|ela|eles|elas))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AskedToContactMe();

    /// <summary>Someone of a team the words between name: a person by role or by what they do for him, a team, "quem", "vocês".</summary>
    [GeneratedRegex(@"\b(pessoa|moca|menina|rapaz|moco|senhora|responsavel|coordenador|coordenadora|coordenacao|gestor|gestora|gerente|supervisor|supervisora|diretor|diretora|diretoria|dono|dona|chefe|alguem|quem|pessoal|equipe|setor|financeiro|rh|atendente|analista|consultor|consultora|recrutador|recrutadora|escalista|encarregado|encarregada|empresa|voces)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SomeoneOfATeam();

    /// <summary>
    /// The one named belongs to a hospital or another place ("o coordenador do hospital", "a pessoa do RH da clínica"), a shift
    /// colleague ("o plantonista"), or the doctor's family — not to Júlia's team.
    /// </summary>
    [GeneratedRegex(@"\b(pessoa|moca|menina|rapaz|moco|responsavel|coordenador|coordenadora|coordenacao|gestor|gestora|gerente|supervisor|supervisora|diretor|diretora|diretoria|dono|dona|chefe|pessoal|equipe|setor|financeiro|rh|atendente|alguem) (do|da|dos|das|no|na|de) (meu |minha |outro |outra )?(hospital|hospitais|clinica|upa|ubs|ps|pa|uti|pronto socorro|maternidade|santa casa|enfermagem|enfermaria|recepcao|portaria|banco|prefeitura|consultorio|emprego|trabalho|residencia|faculdade|condominio)\b" +
        @"|\b(plantonista|plantonistas|paciente|pacientes|familia|enfermeira|enfermeiro|residente|colega|esposa|marido|mae|pai)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NotOfTheTeam();

    /// <summary>
    /// "o dono dessa empresa precisa falar comigo", "o responsável de vocês tem que me ligar": one of ours as the subject of a
    /// contact the doctor demands.
    /// </summary>
    [GeneratedRegex(@"\b(o|a) (dono|dona|responsavel|gerente|diretor|diretora|gestor|gestora|supervisor|supervisora|chefe|coordenador|coordenadora)( (dessa|desta|da) empresa| de voces| dai| ai)? (precisa|tem que|deve|devia|deveria|vai ter que) (falar comigo|conversar comigo|me ligar|entrar em contato comigo|me dar (um )?retorno)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OursMustContactMe();

    static bool SentToContactMe(string t)
    {
        if (!t.Contains("comigo", StringComparison.Ordinal) && !t.Contains("me ", StringComparison.Ordinal) && !t.Contains("contato", StringComparison.Ordinal)
            && !t.Contains(" com el", StringComparison.Ordinal)) return false;
        if (OursMustContactMe().IsMatch(t)) return true;
        foreach (Match m in AskedToContactMe().Matches(t))
        {
            var between = m.Groups["between"].Value;
            if (SomeoneOfATeam().IsMatch(between) && !NotOfTheTeam().IsMatch(between)) return true;
        }
        return false;
    }

    /// <summary>
    /// Not a request for a person of the team, whatever words of one it holds: someone asked after at the hospital or the
    /// hospital's staffing ("tem alguém da equipe de vcs lá no hospital?", "tem humano no plantão da noite ou só residente?"),
    /// a call offered for their need ("pode me ligar se precisar"), a call declined for a message ("prefiro mensagem do que
    /// ligação") or reproached as never made ("ninguém teve a decência de me ligar"), a job wanted ("quero ser supervisor de escala").
    /// </summary>
    static bool NoPersonMeant(string t) => OnlyThis(StaffingAsked(), t) || OnlyThis(CallOffered(), t) || OnlyThis(JobWanted(), t)
        || OnlyThis(CallWhenAShiftComes(), t) || OnlyThis(RoleAskedAtAPlace(), t);

    /// <summary>The look-alike is in the message and, with it left out, nothing of wanting a person is.</summary>
    static bool OnlyThis(Regex lookAlike, string t) => lookAlike.IsMatch(t) && !Wants().IsMatch(lookAlike.Replace(t, " "));

    [GeneratedRegex(@"\b(tem|vai ter|teria|tera|havera|existe)( \w+)? (alguem|alguma pessoa|algum humano|humano|humanos|gente|pessoa|pessoal|algum funcionario|medico humano|medicos humanos)\b(?: \w+){0,4}? (la |ai )?(no|na|nos|nas|em|nesse|nessa) (hospital|plantao|ps|pa|uti|upa|ubs|clinica|unidade|pronto socorro|noite|turno|maternidade|santa casa|local|primeiro dia)\b" +
        @"|\b(medico|medicos|plantonista|plantonistas|atendimento|gente|humano|humanos|pessoa|pessoas)( humanos?| de verdade)? ou (e |sao )?(so |tudo |e so |e tudo )?(residente|residentes|interno|internos|telemedicina|remoto|academico|academicos|estudante|estudantes|enfermagem)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex StaffingAsked();

    [GeneratedRegex(@"\b(pode|podem|pode me|podem me) (me )?(ligar|chamar|ligue)\b(?: \w+){0,2} (se|caso|quando) (voce |voces |alguem )?(precisar|precisarem|quiser|quiserem|tiver|tiverem|houver|aparecer|for necessario)\b" +
        // "ninguém teve a decência de me ligar": the call that never came, reproached, not asked for.
        @"|\b(decencia|educacao|consideracao|capacidade|gentileza|cortesia|respeito) de me (ligar|avisar|responder|retornar|chamar)\b" +
        @"|\b(prefiro|melhor|prefiro por|melhor por) (mensagem|texto|escrito|whatsapp|aqui|mensagens)( do que| que| a| em vez de| ao inves de) (ligacao|ligacoes|telefone|ligar|audio|chamada)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CallOffered();

    [GeneratedRegex(@"\b(quero|queria|gostaria de|pretendo|sonho em) (ser|virar|me tornar|trabalhar como|atuar como) (um |uma |o |a )?(supervisor|supervisora|coordenador|coordenadora|gestor|gestora|gerente|chefe|diretor|diretora|responsavel|escalista|atendente)\b", RegexOptions.CultureInvariant)]
    private static partial Regex JobWanted();

    /// <summary>
    /// A legal threat told by what will come of it, with no institution named: the lawsuit arriving ("depois não reclamem quando
    /// chegar o processo"), "isso não vai ficar assim / barato", "isso não acaba aqui", "vão ter notícias minhas", evidence
    /// gathered against them ("guardei todos os prints", "tô reunindo provas"), redress and contractual penalties claimed,
    /// the council spoken to, the competent instances, embezzlement, a summons to wait for.
    /// </summary>
    [GeneratedRegex(
        @"\bnao (reclamem|reclame|reclama|venham reclamar|venham chorar|adianta chorar|adianta reclamar|vem chorar|vem reclamar)\b(?: \w+){0,2} quando\b(?: \w+){0,3} (processo|intimacao|citacao|notificacao|oficial de justica|advogado|justica)\b" +
        @"|\b(isso|isto|essa historia|essa situacao|esse caso|tudo isso|isso tudo) nao (vai ficar|fica|ficara|vai terminar|vai acabar|acaba|termina) (assim|barato|por isso mesmo|por isso|de graca|aqui|por aqui)\b(?! para sempre)" +
        @"|^(mas |e |olha )?nao vai (ficar|acabar|terminar) (assim|barato|por isso|de graca)\b(?! para sempre)" +
        @"|\b(vao|vai|irao|terao) ter noticias minhas\b(?!(?: \w+){0,3} (sobre|amanha|hoje|ate|quando|assim que|logo|semana|em breve|segunda|terca|quarta|quinta|sexta|sabado|domingo)\b)" +
        @"|\b(vao|vai|irao) ouvir falar (muito )?de mim\b" +
        @"|\btenho (tudo printado|todos os prints)\b|\b(guardei|guardo|guardando|printei|salvei|salvando|juntei|juntando|reuni|reunindo)( \w+)?( \w+)? (todos os prints|todas as conversas|todas as mensagens|tudo printado|todos os audios|os audios e os prints|os prints e os audios|cada (mensagem|print|audio|conversa))\b(?! (d[oa]s? (escala|ponto|plantao|plantoes|comprovante|comprovantes|pagamento|horas?))|(?: \w+){0,2} (caso (precisem|precise)|se precisar(em)?)\b)" +
        @"|\b(reunindo|juntando|reuni|juntei|coletando|colhendo|guardando|guardei) (as |todas as |minhas )?provas\b" +
        @"|\b(buscar|busco|pedir|peco|exigir|exijo|cobrar|cobro|vou atras de|ir atras de) (uma |a |minha )?(reparacao|ressarcimento)\b" +
        @"|\b(vou|irei|vamos) (exigir|cobrar|pedir|aplicar) (a |uma )?multa\b|\bexijo (a |uma )?multa\b" +
        @"|\b(vou|irei|vamos) (falar|conversar) com (o |a )?(cfm|crm|conselho regional|conselho de medicina|oab|promotoria|ministerio publico|delegado)\b(?= *$| (sobre|de) (isso|voces|a empresa|essa empresa)\b)" +
        @"|\b(tenho|esta|estou com) tudo (documentado|registrado|gravado|printado) e (vou|irei) (usar|levar)\b|\b(isso|isto|tudo isso) (vai|vao|ira) ter consequencias?$" +
        @"|\btomar (uma |as |a )?(atitudes?|acao|acoes|providencia) (legal|legais|judicial|judiciais|cabivel|cabiveis)\b" +
        @"|\binstancias (cabiveis|competentes|legais|judiciais)\b|\b(atitudes?|acoes) (legais|judiciais|cabiveis)\b|\bapropriacao indebita\b" +
        @"|\b(reter|retencao de|atrasar|atraso de|nao pagar|nao repassar|calote|reter o)( \w+){0,3} (e|eh) crime\b" +
        @"|\bdescumpr\w* contratual\b|\b(violacao|violaram|violando|rompimento|romperam) (do |de |o )?contrat(o|ual)\b" +
        @"|\b(lesad[oa]s?|prejudicad[oa]s?)\b(?: \w+){0,4} (vou|irei) recorrer\b" +
        // Fortieth blind set: the warning given before the step ("depois não digam que eu não avisei", closing the message) and
        // the complaint filed with an ombudsman ("vou registrar na ouvidoria"; not the hospital's: "a ouvidoria do hospital me ligou").
        @"|\bdepois nao (digam|diga|venham dizer|vem dizer|venham me dizer|falem|venham falar) que (eu )?nao (avisei|alertei)( voces| ninguem)?$" +
        @"|\b(vou|irei|vamos) (registrar|reclamar|denunciar|abrir|fazer|formalizar|protocolar|levar|reportar|acionar)\b(?: \w+){0,4}? (na|a|pela|para a|junto a|junto da) ouvidoria\b(?! (do|da|de) (hospital|clinica|upa|ubs|prefeitura|faculdade|plano|convenio|banco|operadora)\b)" +
        @"|\b(esperem|espere|aguardem|aguarde|pode esperar|podem esperar|pode aguardar|podem aguardar) (a|o|sua|seu|uma|um|minha|meu) (citacao|intimacao|oficial de justica|processo$)",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalConsequence();

    static readonly System.Buffers.SearchValues<string> LegalConsequenceWords = System.Buffers.SearchValues.Create(
        ["avisei", "alertei", "ouvidoria", "quando", "nao vai", "nao fica", "nao acaba", "nao termina", "noticias minhas", "falar de mim", "prints", "conversas", "mensagens", "audios", "cada ",
         "provas", "reparacao", "ressarcimento", "multa", "cfm", "crm", "conselho", "oab", "promotoria", "ministerio", "delegado", "instancias", "legais", "judiciais",
         "cabiveis", "indebita", "documentado", "registrado", "gravado", "printado", "consequencia", "legal", "judicial", "cabivel", "crime", "contratual", "contrat", "recorrer", "citacao", "intimacao", "oficial de justica", "processo"], StringComparison.Ordinal);

    static bool MayBeLegalConsequence(string t) => t.AsSpan().ContainsAny(LegalConsequenceWords);

    internal static bool LegalConsequenceMatches(string t) => LegalConsequence().IsMatch(t);
}
