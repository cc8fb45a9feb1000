using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-sixth blind set (docs/detection-history.md#triggers): the runaround and the doctor sending Júlia elsewhere — a wrong done to him
/// by us told with the anger it raises ("vocês me enrolaram mais uma vez, que raiva"), a team of ours named and then asked for by a
/// pronoun ("não é com vc, é com o financeiro. me passa pra eles"), our failings spread among colleagues, complaints taken to the
/// medical union by its name, to our own ombudsman, or "no pau" with several parties — and the same words that take no step:
/// a call asked for only when a shift comes up, a role asked about at a hospital, the company form "física ou jurídica", a consumer
/// body inspecting a shop, an errand at a federal court.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>
    /// "vocês me enrolaram mais uma vez, que raiva", "que ódio, vcs me fizeram perder um plantão" — a wrong that "vocês" did to
    /// him beside the anger it raises aims the anger at us. Either half alone stays with the agent: "vcs me enrolaram de novo",
    /// "vocês me deixaram na mão, me sinto um idiota", "que ódio" are `neutro` in the corpus.
    /// </summary>
    static bool WrongedAndAngry(string t) =>
        t.Contains("voce", StringComparison.Ordinal) && t.AsSpan().ContainsAny(AngerFeelingWords) && WrongDoneByUs().IsMatch(t) && AngerFelt().IsMatch(t);

    static readonly System.Buffers.SearchValues<string> AngerFeelingWords = System.Buffers.SearchValues.Create(
        ["raiva", "odio", "puto", "puta", "furios"], StringComparison.Ordinal);

    [GeneratedRegex(@"\b(voces|voce)( ja| de novo| mais uma vez| sempre| so)? me (enrolaram|enrolou|enrolam|enrola|enganaram|enganou|enganam|engana|iludiram|iludiu|sacanearam|sacaneou|ferraram|ferrou|prejudicaram|prejudicou|passaram a perna|passou a perna|deixaram na mao|deixou na mao|largaram|abandonaram|fizeram perder|fez perder|fizeram de (bobo|boba|otario|otaria|palhaco|palhaca|trouxa|idiota))\b", RegexOptions.CultureInvariant)]
    private static partial Regex WrongDoneByUs();

    /// <summary>
    /// The anger said as a feeling ("que raiva", "que ódio", "tô puto", "estou furioso") with no other target after it — not "que
    /// raiva desse trânsito", "tô puto com o meu time".
    /// </summary>
    [GeneratedRegex(@"(?:\b(que|quanta|q|mas que) (raiva|odio)|\b(estou|fiquei|to|ficando|estava) (muito |mt |tao )?(puto|puta|furios[oa]|com raiva|com odio))\b" +
        @"(?! (de|desse|dessa|deste|desta|do|da|dos|das|com|pelo|pela|no|na|nesse|nessa)\b(?! (voces|voce|isso|isto|essa empresa|a empresa|tudo isso)\b))", RegexOptions.CultureInvariant)]
    private static partial Regex AngerFelt();

    /// <summary>
    /// The wrong in one line of a turn and the anger in the other ("vocês me enrolaram mais uma vez" / "que raiva"): anger a turn
    /// reads over its lines by design, as two strong words in two lines (TurnTriggerTests).
    /// </summary>
    internal static bool WrongAndAngerApart(string one, string other)
    {
        var (a, b) = (Julia.Infrastructure.Text.PtBrText.Normalise(one), Julia.Infrastructure.Text.PtBrText.Normalise(other));
        return (WrongDoneByUs().IsMatch(a) && AngerFelt().IsMatch(b)) || (WrongDoneByUs().IsMatch(b) && AngerFelt().IsMatch(a));
    }

    /// <summary>
    /// "caralho, ninguém responde", "aff ninguém atende" — "ninguém responde" as the whole message asks for a person (the
    /// twenty-third set); an interjection or curse before it changes nothing (not "…no hospital", another place's silence).
    /// </summary>
    static bool NoOneAnswersAfterAnInterjection(string t) =>
        t.Contains("ninguem", StringComparison.Ordinal) && (NoOneAnswers().IsMatch(t) || NoOneAnswersAfterAComplaint().IsMatch(t));

    [GeneratedRegex(@"^(caralho|porra|pqp|aff|affs|afe|poxa|nossa|serio|gente|ue|oxe|vixe|eita|puts|putz|cara|mano|meu deus|mds|ai|ah|cacete|droga|merda|po|ixi|ufa|ei|alo|oi)( (caralho|porra|pqp|aff|serio|gente|mano|cara|de novo|ja|mais uma vez))?( e)? ninguem (me |nunca |mais )?(responde|atende|retorna|responder|atender)( aqui| ai| nada| mais| nunca| mesmo| isso)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NoOneAnswers();

    /// <summary>
    /// "liguei pro hospital" / "e ninguém atende" — a line opening on "e" finishes the sentence of the line before; the request it
    /// seemed to make alone goes when the two read as one make none (as "liguei pro hospital e ninguém me atende" is nothing).
    /// </summary>
    static bool AndFinishesTheLineBefore(string before, string line)
    {
        var t = line.AsSpan().TrimStart();
        return t.Length > 2 && (t[0] == 'e' || t[0] == 'E') && t[1] == ' ' && Detect(before + " " + line) is null;
    }

    /// <summary>
    /// "vou espalhar pra todos os colegas que vcs não pagam", "vou contar pro grupo que vocês dão calote" — a wrong of ours told to
    /// all, as "vou avisar todos os colegas pra não trabalharem com vcs" already is (not "…que vocês são ótimos").
    /// </summary>
    static bool WrongToldToColleagues(string t) =>
        t.Contains("que voce", StringComparison.Ordinal) && ToldToColleagues().IsMatch(t);

    [GeneratedRegex(@"\b(vou|irei|vamos|eu vou)( \w+)? (espalhar|contar|avisar|falar|dizer|alertar|divulgar)\b(?: \w+){0,5}? (colegas|todo mundo|todos|grupo|grupos|medicos|plantonistas)\b(?: \w+){0,4}? que (voces|voce) (nao pagam|nao paga|atrasam|atrasa|nao cumprem|enrolam|enganam|mentem|dao calote|da calote|sao (caloteiros|golpistas|mentirosos|enroladores|picaretas))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ToldToColleagues();

    /// <summary>
    /// "é com o financeiro. me passa pra eles", "isso é com o RH, me transfere pra eles" — a team of ours named, then asked for by a
    /// pronoun through a verb of passing, as "…quero falar com eles" (<see cref="TeamThenThem"/>); not a team of the hospital's.
    /// </summary>
    static bool TeamPassedToThem(string t) =>
        (t.Contains(" eles", StringComparison.Ordinal) || t.Contains(" elas", StringComparison.Ordinal)) && TeamThenPassed().IsMatch(t);

    [GeneratedRegex(@"\b(da|do|de|com o|com a|e o|e a) (escala|escalas|financeiro|rh|pagamento|pagamentos|cadastro|credenciamento|coordenacao|comercial|administracao|administrativo|juridico|recrutamento|diretoria|gerencia)\b(?! (do|da|de|no|na) (hospital|clinica|upa|ubs|maternidade|prefeitura))" +
        @"(?: \w+){0,8}? (me )?(passa|passe|transfere|transfira|encaminha|encaminhe|joga|coloca|coloque|bota) (para|com|em contato com) (eles|elas)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TeamThenPassed();

    /// <summary>
    /// Legal steps the older expressions miss by their shape: the medical union by its name as where the complaint goes ("vou levar
    /// pro SIMESP", "vou denunciar vcs no Sindmed"), our ombudsman called ("vou ligar pra ouvidoria de vcs"; a complaint filed with
    /// one already counts), and "no pau" with several parties before it ("vou colocar o hospital e a empresa no pau").
    /// </summary>
    [GeneratedRegex(@"\b(levar|levo|levarei|levando|denunciar|denuncio|denunciarei|reclamar|reclamo|acionar|aciono|acionarei|recorrer|recorro|reportar|queixa|denuncia|reclamacao|encaminhar|encaminho|encaminharei)\b(?: \w+){0,4}? (ao|no|o|para o|junto ao|perante o|meu) (simesp|sindmed\w*|sinmed\w*|simerj|simers|simepe|simepar|sindimed\w*)\b" +
        @"|\b(vou|irei|vamos|eu vou) (ligar|escrever|mandar (um )?(email|e mail|mensagem))\b(?: \w+){0,2}? (para a|para|na|a|com a) ouvidoria (de voces|de voce|da empresa|dessa empresa|desta empresa)\b" +
        @"|\b(colocar|coloco|colocarei|botar|boto|botarei|meter|meto|jogar)\b(?: \w+){4,7} no pau\b(?! de )", RegexOptions.CultureInvariant)]
    private static partial Regex LegalRunaround();

    static readonly System.Buffers.SearchValues<string> LegalRunaroundWords = System.Buffers.SearchValues.Create(
        ["simesp", "sindmed", "sinmed", "simerj", "simers", "simepe", "simepar", "sindimed", "ouvidoria", "no pau"], StringComparison.Ordinal);

    internal static bool MayBeLegalRunaround(string t) => t.AsSpan().ContainsAny(LegalRunaroundWords);

    internal static bool LegalRunaroundMatches(string t) => LegalRunaround().IsMatch(t);

    /// <summary>
    /// "me liga quando tiver vaga de sábado", "me avisa/chama se aparecer plantão" — a call wished for only when an offer comes is
    /// the wish to be told of shifts, which Júlia does in writing; as "pode me ligar se precisar" (<see cref="CallOffered"/>).
    /// </summary>
    [GeneratedRegex(@"\b(me )?(liga|ligue|ligar|chama|chame|chamar)( para mim)?( \w+){0,2}? (quando|se|assim que|caso) (tiver|tiverem|houver|aparecer|aparecerem|surgir|surgirem|sair|sairem|abrir|abrirem|pintar|pintarem)( \w+){0,2}? (vaga|vagas|plantao|plantoes|escala|escalas|oportunidade|oportunidades|oferta|ofertas|novidade|novidades)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CallWhenAShiftComes();

    /// <summary>
    /// "tem gerente de escala nesse hospital?", "tem coordenador no PS de lá?" — a role asked about at a place of work, as "tem
    /// alguém da equipe de vcs lá no hospital?" (<see cref="StaffingAsked"/>); "tem gerente aí?" still asks for ours.
    /// </summary>
    [GeneratedRegex(@"\b(tem|vai ter|teria|existe|ha)( algum| alguma| um| uma)? (gerente|gerentes|coordenador|coordenadora|coordenadores|supervisor|supervisora|responsavel|responsaveis|diretor|diretora|chefe|chefes|gestor|gestora)\b(?: \w+){0,3}? (la |ai )?(no|na|nos|nas|em|nesse|nessa|neste|nesta|desse|dessa|do|da) (hospital|plantao|ps|pa|uti|upa|ubs|clinica|unidade|pronto socorro|maternidade|santa casa|local|setor)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RoleAskedAtAPlace();

    /// <summary>"pessoa física ou jurídica?", "PF ou jurídica": the company form in a choice, not the legal department.</summary>
    static bool CompanyFormChoice(string t) =>
        t.Contains("fisica ou juridica", StringComparison.Ordinal) || t.Contains("juridica ou fisica", StringComparison.Ordinal)
        || t.Contains("pf ou juridica", StringComparison.Ordinal) || t.Contains("juridica ou pf", StringComparison.Ordinal);

    /// <summary>
    /// "o procon tava fiscalizando a farmácia do lado", "a polícia multou o bar da frente" — the body acting on a shop or place of
    /// someone else's, told (read with us nowhere in the message, as a body that acted on a hospital).
    /// </summary>
    [GeneratedRegex(@"^( \w+)?( ja| ontem| hoje| agora)? ((ta|tava|esta|estava|estavam|tavam|veio|foi) )?(fiscalizar|fiscalizando|fiscalizou|fiscalizaram|multar|multando|multou|multaram|autuar|autuando|autuou|autuaram|interditar|interditando|interditou|interditaram|fechou|fecharam|lacrou|lacraram)( o| a| os| as| um| uma)? (\w+ )?(farmacia|farmacias|loja|lojas|mercado|supermercado|padaria|posto|comercio|restaurante|lanchonete|shopping|bar|bares|feira|academia|hospital|clinica|estacionamento)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ActedOnAShop();

    /// <summary>"vou na justiça federal amanhã tirar uma certidão" — an errand at a court, not a step against anyone.</summary>
    [GeneratedRegex(@"^(?: \w+){0,5}? (tirar|pegar|buscar|retirar|emitir|solicitar|autenticar|entregar|levar|resolver) (uma |a |o |um |minha |meu |umas |uns |as |os )?(certidao|certidoes|documento|documentos|declaracao|antecedentes|atestado|papel|papeis|titulo|registro|copia|copias)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ErrandAtACourt();
}
