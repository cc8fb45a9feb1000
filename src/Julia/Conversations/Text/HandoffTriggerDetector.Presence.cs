using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;
using Julia.Handoffs;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-fourth blind set (docs/detection-history.md#triggers): one of ours asked after by a first name in lower case
/// ("cadê a jussara?", "a jussara tá aí?", "o wellington voltou de férias?", "passa pro robson") — a name of pessoa.nomes,
/// the whole message; "ainda tá aí / ainda
/// trabalha aí" still asks whether she works here (the sixtieth set's call); by an honorific and a role ("a senhora
/// responsável pode me atender?", "me passa pro moço do cadastro"); another person after Júlia failed ("tem outra pessoa?"),
/// someone of a team ("tem alguém do suporte?"), "quem é seu supervisor?", the responsible sector, our office visited. Legal
/// steps without the usual words: "vou acionar" as the threat itself, "…se não cair, aciono vcs", an employment relationship
/// claimed ("isso é vínculo empregatício", "pejotização"), the authorities, the matter sent to a legal department. And a
/// crime told of a shift ("isso é crime organizado, o paciente era baleado") is no accusation of us.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>One of ours asked after or for by a lower-case first name, by an honorific and a role, or another person asked.</summary>
    static bool AskedInPresence(string t) =>
        (t.AsSpan().ContainsAny(PresenceWords) && PresenceByName().Match(t) is { Success: true } m && LooksLikeAName(m.Groups["w"].Value))
        || (t.AsSpan().ContainsAny(HonorificWords) && HonorificRole().IsMatch(t))
        || (t.AsSpan().ContainsAny(AnotherWords) && AnotherPerson().IsMatch(t))
        || (t.AsSpan().ContainsAny(TeamMemberWords) && TeamMember().IsMatch(t))
        || (t.Contains("escritorio", StringComparison.Ordinal) && OfficeVisited().IsMatch(t));

    static readonly System.Buffers.SearchValues<string> PresenceWords = System.Buffers.SearchValues.Create(
        ["cade", " ta", " esta", "voltou", "falar com", "conversar com", "passa para", "transfere para", "transfira para"], StringComparison.Ordinal);

    /// <summary>
    /// A first name of pessoa.nomes. A word no list holds is not read as one: a noun fills the same slots ("cadê o anexo?",
    /// "a febre voltou", "o servidor voltou?") and no list of nouns is ever whole (docs/decisions.md#handoff, "Names").
    /// </summary>
    static bool LooksLikeAName(string w) => IntentVocabulary.Instance.FirstNames.Contains(w);

    /// <summary>
    /// The whole message (after a greeting): "cadê a X", "a X tá aí / tá trabalhando hoje", "o X voltou de férias", "quero falar
    /// com a X", "passa pro X" — not "…ainda tá aí", whether she still works here.
    /// </summary>
    [GeneratedRegex(@"^(?:(?:oi|ola|opa|ei|bom dia|boa tarde|boa noite|e ai) )*(?:e )?(?:" +
        @"cade (?:a|o)(?: dona| seu)? (?<w>[a-z]+)(?: (?:hoje|agora|ai))?" +
        @"|(?:a|o)(?: dona| seu)? (?<w>[a-z]+) (?:(?:ta|esta)(?: por)? ai|(?:ta|esta) (?:trabalhando|disponivel|online)|(?:ja )?voltou(?: de ferias| das ferias| da folga| da licenca| do almoco)?)(?: (?:hoje|agora|ja))?" +
        @"|(?:quero|queria|preciso|precisava|gostaria de|posso|poderia) (?:falar|conversar) com (?:a|o)(?: dona| seu)? (?<w>[a-z]+)(?: (?:por favor|urgente)| (?:ela|ele) que (?:cuida|cuidava|me atende|me atendia|fez|falou|me ligou|me passou)\b.*)?" +
        // Sixty-sixth blind set: "passa pra patricia" — the name with no article (only a name of the list, never "passa pra amanhã").
        @"|(?:me )?(?:passa|transfere|transfira) para (?:(?:a|o) )?(?:dona |seu )?(?<w>[a-z]+)(?: por favor)?" +
        @")$", RegexOptions.CultureInvariant)]
    private static partial Regex PresenceByName();

    static readonly System.Buffers.SearchValues<string> HonorificWords = System.Buffers.SearchValues.Create(
        ["senhora", "senhor", "moca", "moco", "rapaz", "menina"], StringComparison.Ordinal);

    /// <summary>"a senhora responsável pode me atender?", "me passa pro moço do cadastro", "a moça que falou comigo tá aí?".</summary>
    [GeneratedRegex(
        @"(?:\b(?:quero|queria|preciso|gostaria de|posso|poderia) (?:falar|conversar) com|\b(?:me )?(?:passa|passe|transfere|transfira|coloca|encaminha) (?:para|com)) (?:a|o) (?:senhora|senhor|moca|moco|rapaz|menina) " + HonorificRoleTail + @"\b" +
        @"|^(?:(?:oi|ola|bom dia|boa tarde|boa noite) )*(?:e )?(?:a|o) (?:senhora|senhor|moca|moco|rapaz|menina) " + HonorificRoleTail +
        @" (?:(?:pode|poderia|podia|consegue) me (?:atender|ligar|chamar|responder|retornar|ajudar)|(?:ta|esta)(?: por)? ai|(?:ta|esta) (?:disponivel|online))(?: (?:hoje|agora))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex HonorificRole();

    /// <summary>What the honorific's person does for us (not a hospital's: "a moça da recepção do hospital").</summary>
    const string HonorificRoleTail =
        @"(?:responsavel(?: (?:pelo|pela|pelos|pelas|do|da) (?:vaga|vagas|escala|escalas|plantoes|cadastro|pagamento|pagamentos|financeiro|contrato|contratos|minha conta|conta|meu cadastro))?" +
        @"|(?:do|da) (?:cadastro|financeiro|escala|escalas|pagamento|pagamentos|rh|contrato|contratos|credenciamento|comercial|suporte|agencia|empresa)" +
        @"|que (?:falou|conversou|me atendeu|me ligou|me mandou|me chamou|cuida|cuidava|me passou)(?: comigo)?(?: (?:semana|mes|ontem|antes|passada|passado|da|do|vaga|plantao|as|os|a|o|meu|minha|vagas|cadastro)){0,3})";

    static readonly System.Buffers.SearchValues<string> AnotherWords = System.Buffers.SearchValues.Create(
        ["outra pessoa", "outro atendente", "outra atendente", "outro humano", "mais alguem", "alguem mais"], StringComparison.Ordinal);

    /// <summary>
    /// "não era isso que perguntei, tem outra pessoa?", "tem mais alguém aí pra falar?" — another person, the message's end (not
    /// "já tem outra pessoa?", the shift taken, nor "…pra cobrir").
    /// </summary>
    [GeneratedRegex(@"(?<!\bja )\b(?:tem|teria|existe) (?:alguma )?(?:outra pessoa|outro atendente|outra atendente|outro humano|mais alguem ai|alguem mais ai|(?:mais alguem|alguem mais)(?= (?:para|que|com)))(?: ai| por ai| na empresa| na equipe)?" +
        @"(?: (?:para|que possa|que pode|que consiga|com quem eu possa) (?:falar|conversar|ver|olhar|me atender|atender|resolver|me ajudar|ajudar|explicar|me explicar)(?: isso| comigo| melhor)?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnotherPerson();

    static readonly System.Buffers.SearchValues<string> TeamMemberWords = System.Buffers.SearchValues.Create(
        ["tem alguem", "tem alguma pessoa", "tem uma pessoa", "quem e", "setor", "departamento"], StringComparison.Ordinal);

    [GeneratedRegex(
        // "tem alguém do suporte?", "tem alguém do plantão administrativo aí?" as the message.
        @"^(?:(?:oi|ola|bom dia|boa tarde|boa noite) )*(?:tem|teria) (?:alguem|alguma pessoa|uma pessoa) (?:do|da) (?:suporte|financeiro|rh|cadastro|credenciamento|escala|escalas|comercial|coordenacao|administrativo|plantao administrativo|atendimento|pagamento|pagamentos|setor de \w+" +
        // Sixty-ninth blind set: "tem alguém do time de escalas disponível agora?" — the team, named or not.
        @"|time|equipe|(?:time|equipe) (?:de|das|da|do) (?:escala|escalas|plantoes|plantao|vagas|cadastro|recrutamento|atendimento|suporte|financeiro))(?: de voces| dai)?(?: ai| por ai)?(?: (?:online|disponivel|agora|hoje|no momento))*$" +
        // "quem é seu supervisor?" as the message.
        @"|^(?:(?:oi|ola) )*quem (?:e|seria) (?:o |a )?(?:seu|sua) (?:supervisor|supervisora|chefe|gerente|gestor|gestora|coordenador|coordenadora|responsavel|superior)$" +
        // "encaminha pro setor responsável".
        @"|^(?:me )?(?:encaminha|encaminhe|transfere|transfira|passa|passe) (?:isso )?(?:para o|ao|para a|a) (?:setor|departamento|area|pessoa) (?:responsavel|competente|certo|certa|correto|correta)(?: por favor)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex TeamMember();

    /// <summary>
    /// Sixty-ninth blind set: "alguem ai?? ja mandei 3 mensagens" — "alguém aí?" opening the message (as "tem alguém
    /// aí?", a person asked for) and then the wait complained of; "alguém aí? tem vaga sábado?" stays the shift asked about.
    /// </summary>
    static bool AnyoneThereAfterAWait(string text, string t) =>
        (t.StartsWith("alguem", StringComparison.Ordinal) || t.Contains(" alguem ", StringComparison.Ordinal))
        && AnyoneThereOpening().Match(text) is { Success: true } opening && WaitComplained().IsMatch(PtBrText.Normalise(text[opening.Length..]));

    [GeneratedRegex(@"^\W*(?:(?:oi|ol[aá]|opa|ei|bom\s+dia|boa\s+tarde|boa\s+noite)\W+)*algu[eé]m\s+(?:a[ií]|por\s+a[ií]|online|me\s+responde)\s*\?+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnyoneThereOpening();

    [GeneratedRegex(@"^(?:(?:ja|eu ja) (?:mandei|enviei|escrevi|chamei|liguei)|ninguem (?:me )?(?:responde|respondeu|atende|atendeu)|(?:to|tou|estou|fico) (?:aqui )?esperando|esperando (?:resposta|retorno|ha|faz)|sem resposta|faz (?:tempo|horas|dias|\d+)|ha (?:horas|dias|\d+)|cade (?:voces|todo mundo|a resposta))\b", RegexOptions.CultureInvariant)]
    private static partial Regex WaitComplained();

    /// <summary>
    /// Sixty-ninth blind set: "…quem é o responsável pela minha conta? quero falar direto" — to talk to him directly.
    /// Seventy-first: "…gostaria de falar diretamente com ele ou ela".
    /// </summary>
    [GeneratedRegex(@"\b(?:quero|queria|prefiro|preciso|gostaria de) (?:falar|tratar|conversar|resolver(?: isso)?) (?:direto|diretamente)(?: com (?:ele|ela|eles|elas|o responsavel|a responsavel|voces|alguem|uma pessoa|a pessoa)(?: ou (?:ele|ela|com ele|com ela))?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex TalkDirectly();

    /// <summary>"vcs têm escritório? posso ir aí?" — our people asked for in person.</summary>
    [GeneratedRegex(@"\b(?:voces tem|tem) (?:um )?escritorio\b.*\b(?:posso|podemos|da para|consigo|quero|queria|gostaria de) (?:ir|passar|dar um pulo|aparecer) (?:ai|la|pessoalmente|no escritorio|ate ai)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OfficeVisited();

    /// <summary>A legal step in other words ("vou acionar" as the threat, the employment relationship claimed, the authorities).</summary>
    static bool ThreatWithoutTheWords(string text, string t) =>
        t.AsSpan().ContainsAny(ThreatWords) && ThreatInOtherWords().IsMatch(t)
        && !(t.Contains("vinculo", StringComparison.Ordinal) && text.TrimEnd().EndsWith('?'));

    static readonly System.Buffers.SearchValues<string> ThreatWords = System.Buffers.SearchValues.Create(
        ["aciono", "acionar", "vinculo", "pejotizacao", "autoridades", "juridico"], StringComparison.Ordinal);

    [GeneratedRegex(
        @"(?<!\bnao )\b(?:vou|vamos|irei) acionar(?: voces| a empresa)?$" +
        @"|\bse (?:\w+ ){0,4}nao (?:cair|cairem|pagar|pagarem|for pago|for paga|resolverem|depositarem|acertarem)\b.*\b(?:aciono|acionarei|vou acionar)(?: voces| a empresa)?$" +
        @"|\b(?:isso|isto|aqui|essa relacao|esse contrato|esse modelo)(?: \w+)? (?:e|configura|caracteriza)(?: claramente| um| uma| sim)? (?:vinculo empregaticio|vinculo trabalhista|pejotizacao)\b" +
        @"|\b(?:voces|a empresa) (?:fazem|faz|pratica|praticam) pejotizacao\b" +
        @"|\b(?:levar|denunciar|reportar|comunicar|entregar)(?: isso| esse caso| o caso| voces| tudo)? (?:as|para as|a) autoridades\b" +
        @"|\b(?:vou|vamos|irei) (?:mandar|levar|encaminhar|passar|repassar)(?: isso| esse caso| essa situacao| tudo)? (?:para o|ao) juridico(?: do hospital| da cooperativa| da minha empresa| do meu hospital| da clinica)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ThreatInOtherWords();

    /// <summary>"isso é crime organizado, o paciente era baleado" — a crime of a shift's story, with us nowhere in the message.</summary>
    static bool CrimeInAStory(string t) =>
        t.Contains("crime", StringComparison.Ordinal) && !ThisCompany().IsMatch(t) && (CrimeKind().IsMatch(t) || ViolenceStory().IsMatch(t))
        && CrimeSaid().Match(t) is { Success: true } m && OnlyInside(m, t, HandoffTriggers.Legal);

    [GeneratedRegex(@"\bcrimes? (?:organizado|hediondo|passional|de transito|de guerra|ambiental|de odio|sexual|violento|contra a vida)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CrimeKind();

    [GeneratedRegex(@"\b(?:paciente|pacientes|baleado|baleada|baleados|esfaqueado|esfaqueada|vitima|vitimas|tiroteio|assalto|assaltado|assaltada|agredido|agredida|trafico|traficante|bandido|bandidos|chacina|homicidio)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ViolenceStory();

    [GeneratedRegex(@"\b(?:isso|isto|aquilo) (?:e|foi|era) (?:um )?crime(?: (?:organizado|hediondo|passional|de transito|de guerra|ambiental|de odio|sexual|violento|contra a vida))?\b", RegexOptions.CultureInvariant)]
    private static partial Regex CrimeSaid();
}
