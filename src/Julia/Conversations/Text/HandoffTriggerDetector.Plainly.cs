using System.Text.RegularExpressions;
using Julia.Handoffs;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-eighth blind set (docs/detection-history.md#triggers): a person or a call asked for in plainer words than the older
/// expressions know — a call asked as a permission with no object ("posso ligar?", "podem ligar de novo?"), the number to call
/// asked ("qual número eu ligo?", "eu ligo pra onde?"), the talk moved to the phone ("pode ser por telefone?"), someone there
/// asked after ("algum humano por aí?", "tem alguém lendo isso?", "seu chefe tá aí?"), the one who called him asked for by a
/// pronoun ("a moça que me ligou semana passada, consigo falar com ela?"), a contact made ("me coloca em contato com o
/// coordenador"), an adverb before the person ("falar ao vivo com alguém"), a meeting with one of ours, "preciso de alguém"
/// closing the message; a call that is not asked for (cancelled, made or taken by the doctor, a signal missing); legal steps
/// by a union or a council named in other verbs ("vou falar com o SIMESP sobre isso", "vou protocolar queixa no conselho",
/// "vou reclamar na Anatel"); and the look-alikes: his papers for a credentialing "processo", a legal body in the news.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>A request for a person or a call in the plainer words above (not a hospital's people: the guards of Detect still apply).</summary>
    static bool AskedInPlainerWords(string text, string t) =>
        t.AsSpan().ContainsAny(PlainerRequestWords) && (PlainerRequest().IsMatch(t) || (text.Contains('?') && CallAskedOfUs().IsMatch(t)))
        && !t.AsSpan().ContainsAny(OfferWords);

    /// <summary>"se precisar de mim pode ligar", "qualquer coisa pode ligar": a call offered for their need, not asked for.</summary>
    static readonly System.Buffers.SearchValues<string> OfferWords = System.Buffers.SearchValues.Create(
        ["precisar", "quiser", "qualquer coisa"], StringComparison.Ordinal);

    /// <summary>
    /// "podem ligar de novo?", "pode ligar agora?" — the call asked of us as a question; without one it is his leave to call
    /// ("meu telefone é esse mesmo, pode ligar").
    /// </summary>
    [GeneratedRegex(@"(?<!\b(hospital|clinica|upa|ubs|recepcao|portaria|enfermagem|enfermeira|enfermeiro|paciente|familia|ele|ela) )\b(voce |voces )?(pode|podem|poderia|poderiam) (ligar|telefonar)( de novo| novamente| agora| rapidinho| hoje| amanha| ja)?$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex CallAskedOfUs();

    /// <summary>Words one of which every alternative of <see cref="PlainerRequest"/> needs.</summary>
    static readonly System.Buffers.SearchValues<string> PlainerRequestWords = System.Buffers.SearchValues.Create(
        ["ligar", "telefonar", "ligo", "telefone", "ligacao", "celular", "lendo", "vendo", "ai", "contato com", "conecta", "ao vivo", "diretamente",
         "direto com", "pessoalmente", "reuniao", "call", "conversa com", "alguem", "com ela", "com ele"], StringComparison.Ordinal);

    [GeneratedRegex(
        // "posso ligar?", "vc consegue ligar?", "podem ligar de novo?" — the call asked as a permission, closing the message (not the
        // hospital's people, "se precisar posso ligar", an offer).
        @"(?<!\b(hospital|clinica|upa|ubs|recepcao|portaria|enfermagem|enfermeira|enfermeiro|paciente|familia|ele|ela) )\b(eu )?(posso|podemos|consegue|conseguem|tem como|da para) (me |te )?(ligar|telefonar)( para voces| para voce| ai)?( de novo| novamente| agora| rapidinho| hoje| amanha| ja)?$" +
        // "pode ser por telefone?", "bora falar no telefone" — the talk moved to a call (not "não pode ser por telefone").
        @"|(?<!\bnao )\b(pode ser|bora|vamos|podemos|da para ser)( falar| conversar| resolver| tratar)? (por|pelo|no|via) (telefone|ligacao|celular|fone)\b(?! (do|da|com o|com a) (hospital|clinica|paciente))" +
        // "qual número eu ligo?", "qual telefone eu chamo pra falar com vcs?" (not "…pro hospital").
        @"|\b(qual|que|em qual|para qual) (o )?(numero|telefone|fone|contato|whatsapp)( que)?( eu)? (ligo|posso ligar|devo ligar|tenho que ligar|chamo)\b(?!(?: \w+){0,3} (hospital|clinica|upa|ubs|portaria|recepcao|plantao|paciente)\b)" +
        // "eu ligo pra onde?", "pra onde eu ligo?" as the sentence.
        @"|(^|\b(ok|ta|entao|e|mas) )(eu )?ligo para onde$|(^|\b(ok|ta|entao|e|mas) )para onde (eu )?ligo$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PlainerRequest1();

    [GeneratedRegex(
        // "algum humano por aí?", "tem alguém lendo isso?" — someone there asked after, as the message.
        @"^((oi|ola|alo|e|bom dia|boa tarde|boa noite) )*(tem )?(algum humano|alguma pessoa|algum atendente|alguem|gente|algum ser humano|alguma alma viva)( de verdade)? (por ai|lendo( isso| aqui| as mensagens| minhas mensagens)?|vendo (isso|as mensagens|minhas mensagens)|online)$" +
        // "seu chefe tá aí?" — our boss asked after.
        @"|\b(seu|sua) (chefe|gerente|supervisor|supervisora|coordenador|coordenadora|gestor|gestora|superior|responsavel|patrao|patroa) (ta|esta|tah|estaria) (ai|por ai)\b" +
        // "a moça que me ligou semana passada, consigo falar com ela?" — who served him, then asked for by a pronoun.
        @"|" + WhoServedMe + @"(?: \w+){0,5}? (consigo|posso|da para|tem como|quero|queria|preciso|gostaria de|como faco para) (falar|conversar) com (ela|ele)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PlainerRequest2();

    [GeneratedRegex(
        // "pode me colocar em contato com o coordenador das vagas?", "conecta eu com o responsável do contrato".
        @"\b((me )?(coloca|coloque|colocar|coloquem|poe|ponha|bota|botar) em contato|conecta (eu|me|a gente)) com " + Person + @"\b" + NotTheirs + NotThroughAPlace,
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PlainerRequest4();

    [GeneratedRegex(
        // "quero falar ao vivo com alguém", "preciso conversar pessoalmente com o responsável".
        @"\b(falar|conversar|tratar) (ao vivo|diretamente|direto|pessoalmente|por telefone|por ligacao|por video) com " + Person + @"\b" + NotTheirs + NotThroughAPlace,
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PlainerRequest5();

    [GeneratedRegex(
        // "dá pra marcar uma reunião com o responsável?" — a meeting or a call with one of ours.
        @"\b(marcar|agendar|marca|agenda|marque|agende|ter) (uma |um )?(reuniao|call|conversa|ligacao|videochamada|chamada) com " + Person + @"\b" + NotTheirs + NotThroughAPlace +
        // "SOS preciso de alguém" — someone needed, closing the message (not "preciso de alguém pra me substituir").
        @"|\b(preciso|precisando|necessito) (de )?alguem( (ai|agora|urgente|urgentemente|por favor|rapido|ja))*$",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PlainerRequest3();

    /// <summary>"o responsável pelo hospital São Lucas": a role of the hospital's, as <see cref="NotTheirs"/> reads "do hospital".</summary>
    const string NotThroughAPlace = @"(?! (pelo|pela|pelos|pelas) (hospital|hospitais|clinica|upa|ubs|ps|pa|uti|plantao|pronto socorro|unidade|maternidade|santa casa|enfermaria)\b)";

    /// <summary>PlainerRequest1…5 as one alternation (<see cref="RegexAlternation"/>, docs/decisions.md#detection-speed).</summary>
    static readonly RegexAlternation PlainerRequestPieces = new(PlainerRequest1(), PlainerRequest2(), PlainerRequest3(), PlainerRequest4(), PlainerRequest5());

    static RegexAlternation PlainerRequest() => PlainerRequestPieces;

    /// <summary>
    /// The message's request for a person is only a call not asked for: cancelled ("cancela o agendamento da ligação, falo por
    /// aqui" — the fifty-fifth set's known false), made or taken by the doctor ("fiz uma ligação pro Dr. João", "atendo ligação só
    /// depois das 19h"), a call of his shift ("ligação de emergência no plantão"), a signal missing for one ("tô sem sinal pra
    /// ligação") — with it blanked out, nothing else of the message asks for a person.
    /// </summary>
    static bool ACallNotAskedFor(string t)
    {
        if (!t.Contains("ligac", StringComparison.Ordinal) && !t.Contains("telefonema", StringComparison.Ordinal) && !t.Contains("chamada", StringComparison.Ordinal)) return false;
        var m = CallNotAsked().Match(t);
        return OnlyInside(m, t, HandoffTriggers.PersonRequested);
    }

    [GeneratedRegex(
        @"\b(cancela|cancele|cancelar|cancelem|desmarca|desmarque|desmarcar|desmarquem|dispensa|dispenso)( o agendamento d[ae]| a marcacao d[ae]| o horario d[ae])? (a |essa |esta |minha |aquela )?(ligacao|ligacoes|chamada|telefonema|videochamada)\b( (marcada|agendada|combinada))?( (de|para) (amanha|hoje|mais tarde|segunda|terca|quarta|quinta|sexta|sabado|domingo))?" +
        @"|\b(fiz|recebi|atendi|atendo|atendendo|fazendo) (uma |a |as |umas |varias )?(ligacao|ligacoes|telefonema|telefonemas|chamada|chamadas)\b(?! (para|de|com) (voces|voce|a empresa|alguem)\b)" +
        @"|\b(ligacao|ligacoes|chamada|chamadas) (de emergencia|de urgencia|do hospital|da uti|do ps|do plantao|de paciente|do paciente|da familia)\b" +
        @"|\bsem (sinal|area|bateria|credito|internet)( \w+){0,2}? (para|de) (ligacao|ligacoes|ligar|telefonema|chamada)\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex CallNotAsked();

    /// <summary>
    /// "vou falar com o SIMESP sobre isso", "vou protocolar queixa no conselho", "vou reclamar na Anatel por spam" — written with
    /// no lazy loop and no capture (ExplicitCapture): a first draft with both ran away on "vou registrar a queixa do paciente na
    /// ouvidoria do hospital" (the capture stack overflowed after minutes).
    /// </summary>
    [GeneratedRegex(
        @"\b(vou|irei|vamos) (falar|conversar) com (o |a )?(simesp|sindicato|sindicato dos medicos|sindicato medico|sindmed|sinmed|simerj|cremesp|cremerj|procon|anpd|mpt)( (sobre|de) (isso|voces|a empresa|essa empresa|essa situacao|o caso))?$" +
        @"|\b(vou|irei|vamos) (protocolar|formalizar|registrar|abrir|fazer) (uma |um |a )?(queixa|reclamacao|denuncia|representacao) (no|na|ao|junto ao|para o) (conselho|crm|cremesp|cremerj|cfm|sindicato|simesp|procon|ministerio|mpt|anatel)\b" +
        @"|\b(reclamar|reclamo|reclamarei|denunciar|denuncio|denunciarei|reportar|registrar)( uma reclamacao| uma queixa| uma denuncia)? (na|a|para a|junto a) anatel\b",
        RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex LegalPlainer();

    static readonly System.Buffers.SearchValues<string> LegalPlainerWords = System.Buffers.SearchValues.Create(
        ["simesp", "sindica", "sindmed", "sinmed", "simerj", "cremesp", "cremerj", "procon", "anpd", "mpt", "queixa", "reclamacao", "denuncia", "representacao", "anatel"], StringComparison.Ordinal);

    static bool MayBeLegalPlainer(string t) => t.AsSpan().ContainsAny(LegalPlainerWords);

    internal static bool LegalPlainerMatches(string t) => LegalPlainer().IsMatch(t);

    /// <summary>
    /// Not a legal step of his: the papers of a credentialing process sent ("já mandei os documentos do processo", as "…do
    /// processo seletivo"), or a legal body in the news with us nowhere in the message ("o ministério público abriu investigação
    /// contra a prefeitura, vi no jornal").
    /// </summary>
    static bool PapersOrNewsOnly(string t)
    {
        if (t.Contains("processo", StringComparison.Ordinal) && OnlyInside(PapersOfTheProcess().Match(t), t, HandoffTriggers.Legal)) return true;
        return t.AsSpan().ContainsAny(NewsWords) && NewsSource().IsMatch(t) && !ThisCompany().IsMatch(t) && !HisOwnStep().IsMatch(t);
    }

    [GeneratedRegex(@"\b(os |meus |todos os )?(documentos|papeis|papelada|documentacao|exames|certidoes|comprovantes) (do|para o|pro) processo$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex PapersOfTheProcess();

    static readonly System.Buffers.SearchValues<string> NewsWords = System.Buffers.SearchValues.Create(
        ["jornal", " tv", "noticia", "g1", "reportagem", "noticiario"], StringComparison.Ordinal);

    [GeneratedRegex(@"\b(vi|li|saiu|deu|passou|mostrou|mostraram|falaram|ouvi)( \w+)? (no|na|em) (jornal|tv|televisao|noticia|noticias|g1|reportagem|noticiario|radio)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex NewsSource();

    [GeneratedRegex(@"\b(vou|irei|vamos|meu advogado|minha advogada|contra mim|me processar|meu processo)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex HisOwnStep();

    /// <summary>"empresa que não presta", "que empresa que não vale nada" — the company insulted as the whole message.</summary>
    static bool CompanyWorthless(string t) => t.Contains("empresa", StringComparison.Ordinal) && CompanyWorthlessAsAll().IsMatch(t);

    [GeneratedRegex(@"^(que |uma |essa |mas que |e uma )?empresa (que )?nao (presta|vale nada|serve para nada)$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    private static partial Regex CompanyWorthlessAsAll();
}
