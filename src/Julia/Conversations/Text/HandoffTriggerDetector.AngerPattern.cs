using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// The words of anger (docs/decisions.md#handoff): strong words (two distinct ones make anger; one word in its forms counts once),
/// the very strong ones and insults aimed at us (one is enough), in Portuguese and as doctors mix in English and Spanish.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    [GeneratedRegex(
        // "um absurdo de bom", "nunca mais acho igual": praise in the words of a complaint. "nunca mais trabalho nesse hospital" is
        // a place given up, but "nunca mais confio nessa escala" (seventy-second blind set) is trust lost.
        @"\babsurd[oau]s?\b(?! de (bom|boa|bons|boas|barato|lindo|linda|legal|bem|gostoso))|\br[ie]dicul[oa]s?\b(?! de (bom|barato))|\bvergonha\b|\bvergonhos[oa]s?\b|\bdesrespeit(o|u|ou|ad[oa]s?)\b|\bfalta de respeito\b|\bsem respeito\b" +
        // Derived and diminutive forms ("desrespeitosos", "absurdamente", "absurdozinho", "horrorosa") and the Spanish
        // the Cuban and Argentinian doctors mix in ("una vergüenza", "falta de respeto"): each counts as its base word.
        @"|\bdesrespeitos[oa]s?\b|\babsurdamente\b|\b(absurd|ridicul)[oa]zinh[oa]s?\b|\bhorroros[oa]s?\b|\bverguenza\b|\bfalta de respeto\b|\bshame on you\b" +
        @"|\bnunca mais\b(?! (acho|vou achar|encontro|vou encontrar|vi|vejo|tive|terei) (igual|outr[oa]|parecid[oa]|melhor|nada igual))(?! (?!(confio|acredito|creio|indico|recomendo|caio)\b)(\w+ ){1,3}(naquele|naquela|nesse|nessa|neste|nesta|la|ali)\b)" +
        @"|\bpessim[oa]s?\b|\bhorrivel\b|\bhorriveis\b|\bodeio\b|\bodio\b|\braiva\b|\binaceitavel\b|\bescandalo\b|\bpalhacada\b" +
        @"|\bsafad[oa]s?\b|\bmentiros[oa]s?\b|\bgolpe\b|\bcalotes?\b|\bgolpistas?\b|\bfraude\b|\bdescaso\b" +
        // Beyond the specified examples (docs/decisions.md#handoff), the same register as doctors write it (still two distinct ones needed).
        @"|\bincompet(ente|entes|encia)\b|\bdesorganiza(d[oa]s?|cao)\b|\bbagunca\b|\bpalhac[oa]s?\b|\bpiada\b|\blixo\b" +
        @"|\bmerda\b|\bbosta\b|\bporcaria\b|\bporra\b|\bsacanagem\b|\bhumilha(nte|cao|d[oa]s?)\b|\bdesuman[oa]\b|\bindignad[oa]\b|\brevolta(d[oa]|nte)\b|\bdesgraca\b" +
        @"|\bdecepciona(d[oa]|nte)\b|\bdecepcao\b|\binsatisfeit[oa]s?\b|\benganad[oa]\b|\benrola(d[oa]|cao|dor|dora|dores|doras)\b|\bexplorador(a|es|as)?\b|\bdesqualificad[oa]s?\b|\bpatetic[oa]s?\b" +
        // English as doctors mix it in ("this is ridiculous"): a stem shared with the Portuguese word counts once.
        @"|\bridiculous\b|\bworst\b|\babsurd\b|\bunacceptable\b|\boutrageous\b|\bdisgusting\b|\bshameful\b|\bdisgrace\b|\bscam\b|\bliars?\b" +
        @"|\binacreditavel\b|\bfalta de profissionalismo\b|\bfalta de consideracao\b|\bpt da vida\b|\bfurios[oa]\b|\bsaco cheio\b|\bvtnc\b|\bvai se f[ou]der\b|\btomar no cu\b|\bputa que pariu\b|\bput[oa] da vida\b" +
        // Curses and insults as doctors write them (still two distinct ones needed, unless aimed at the company above).
        @"|\bcaralho\b|\bpqp\b|\bputa merda\b|\bcanalhas?\b|\bdesgracad[oa]s?\b|\bvagabund[oa]s?\b|\bpicaretas?\b|\bladr(ao|oes)\b|\bidiotas?\b" +
        @"|\bimbec(il|is)\b|\bnojent[oa]s?\b|\bdesonest[oa]s?\b|\birresponsave(l|is)\b|\bcretin[oa]s?\b|\bescrot[oa]s?\b|\bpilantras?\b|\bcaloteir[oa]s?\b|\bfdp\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex StrongWords();

    /// <summary>
    /// Words one of which every alternative of <see cref="StrongWords"/> needs (checked by
    /// `DetectionCorpusTests.EveryStrongWordsMatchOfTheCorpusPassesItsPrefilter`), as <see cref="LegalWords"/> for the legal
    /// expression: each strong word by a stem all its forms share. A word added to the expression must add one of its words here.
    /// </summary>
    internal static readonly System.Buffers.SearchValues<string> StrongWordStems = System.Buffers.SearchValues.Create(
    [
        "absurd", "ridicul", "redicul", "vergonh", "desrespeit", "falta de respe", "sem respeito", "horroros", "verguenza", "shame", "nunca mais", "pessim",
        "horriv", "odeio", "odio", "raiva", "inaceitavel", "escandalo", "palhac", "safad", "mentiros", "golp", "calote", "fraude",
        "descaso", "incompet", "desorganiza", "bagunca", "piada", "lixo", "merda", "bosta", "porcaria", "porra", "sacanagem",
        "humilha", "desuman", "indignad", "revolta", "desgraca", "decep", "insatisfeit", "enganad", "enrola", "patetic",
        "unacceptable", "worst", "falta de consid", "outrageous", "disgusting", "disgrace", "scam", "liar", "inacreditavel", "falta de profis", "pt da vida", "furios", "saco cheio", "vtnc",
        "vai se f", "tomar no cu", "puta", "puto", "caralho", "pqp", "canalha", "vagabund", "picareta", "ladrao", "ladroes",
        "idiota", "imbeci", "nojent", "desonest", "irresponsave", "cretin", "escrot", "pilantra", "fdp",
        // Forty-eighth blind set.
        "explorador", "desqualificad",
    ], StringComparison.Ordinal);

    internal static bool MayBeStrong(string t) => t.AsSpan().ContainsAny(StrongWordStems);

    internal static bool StrongWordsMatch(string t) => StrongWords().IsMatch(t);

    /// <summary>Abusive words aimed at the company or Júlia (used in the "insults aimed at" expression below).</summary>
    const string Insult = @"canalhas?|desgracad[oa]s?|vagabund[oa]s?|picaretas?|ladr(ao|oes|ona|onas)|safad[oa]s?|idiotas?|imbecil|imbecis|burr[oa]s?" +
        @"|lixos?|palhac[oa]s?|incompetentes?|incopetentes?|merdas?|r[ie]dicul[oa]s?|desonest[oa]s?|mentiros[oa]s?|golpistas?|irresponsave(l|is)|lascad[oa]s?" +
        @"|otari[oa]s?|babacas?|cretin[oa]s?|escrot[oa]s?|nojent[oa]s?|porcos?|trambiqueir[oa]s?|caloteir[oa]s?|estelionatari[oa]s?|pilantras?" +
        @"|inuteis|inutil|vermes?|bostas?|cuz(ao|oes|ona|onas)|sem vergonhas?|fdp|filh[oa]s? da puta|pau no cu|moleques?|amador(a|as|es)?|porcas?" +
        // Fourteenth blind set: "bando de enrolão", "empresa mequetrefe", "vocês são uns sem noção".
        @"|enrol(ao|oes|ona|onas)|mequetrefes?|fajut[oa]s?|vigaristas?|sem nocao" +
        // Sixty-fourth blind set: "vcs são podres".
        @"|podres?" +
        // Sixteenth blind set: "trouxas!" at the readers.
        @"|trouxas?" +
        // Nineteenth blind set: "enganadores!".
        @"|enganador(a|es|as)?" +
        // Twenty-ninth blind set: "vocês são patéticos", "insuportáveis", "uns caras de pau".
        @"|patetic[oa]s?|insuportave(l|is)|caras? de pau" +
        // Thirty-second blind set: "arrombados!" at the readers.
        @"|arrombad[oa]s?" +
        // Forty-eighth blind set: "vocês são um bando de aproveitadores", "sanguessugas", "exploradores", "gente desqualificada", "enroladores".
        @"|aproveitador(a|es|as)?|sanguessugas?|explorador(a|es|as)?|desqualificad[oa]s?|enrolador(a|es|as)?";

    /// <summary>What the company gives, as the target of an insult: "que serviço porco", "lixo de atendimento", "bosta de app".</summary>
    const string Service = @"atendimento|servico|sistema|suporte|app|aplicativo|plataforma";

    /// <summary>"que merda de sistema do hospital": the hospital's, one word about it stays under the two-word rule.</summary>
    const string NotOurs = @"(?! (do|da|no|na|dessa|desse) (hospital|clinica|upa|ubs|ps|pa|uti|maternidade|santa casa|prefeitura|governo|sus)\b)";

    /// <summary>
    /// Anger aimed at someone ("tô puto com vocês"); since the thirteenth blind set also regional and slang words and an
    /// intensified mild one ("arretado", "injuriado", "bolado", "pistola", "muito irritado").
    /// </summary>
    const string Anger = @"furios[oa]|put[oa]|put[oa] da vida|revoltad[oa]|indignad[oa]|raiva|nojo|odio|p da vida" +
        // Thirty-fourth blind set: "tô p da vida com vcs" — "p" is expanded to "para" like the preposition.
        @"|para da vida" +
        @"|arretad[oa]|injuriad[oa]|emputecid[oa]|possess[oa]|pistola|bolad[oa]|ful[oa] da vida|irritadissim[oa]|(muito|mt|extremamente|super|bastante|tao) (irritad[oa]|brav[oa])|revoltadissim[oa]|put[oa] da cara" +
        // Fourteenth blind set: the gaúcho "de cara com vocês".
        @"|de cara" +
        // Eighteenth blind set: "perdi a paciência com vocês".
        @"|perdi (a|minha) paciencia";

    /// <summary>The company (or Júlia) as what an insult or anger is aimed at.</summary>
    const string Target = @"voces|voce|vcs|essa empresa|esta empresa|a empresa|sua empresa|empresa de voces|essa agencia|essa julia";

    [GeneratedRegex(
        // Curses aimed at the reader: "vai se foder", "vtnc", "vai tomar no cu", "filhos da puta", "vai à merda".
        @"\b(vai|va|vao) (se|te) f[ou]der\b|\bvsf\b|\bvtnc\b|\btnc\b|\bv?tmnc\b|\b(vai |va |vao )?tomar no (cu|rabo)\b|\bfilh[oa]s? da puta\b|\bfdp\b" +
        @"|\b(vai|va|vao|vai voce|vao voces) (a|para a|na) (merda|puta que pariu)\b|\b(vai|va|vao) para puta que pariu\b|\bfoda se\b|\bfodase\b" +
        // Fifteenth blind set: "vão pro caralho vcs", opening the message or with its target (not "o plantão foi pro caralho").
        @"|^(vai|va|vao) (para o|ao) (caralho|diabo)\b|\b(vai|va|vao) (para o|ao) (caralho|diabo) (voces|vcs|voce|todos|todo mundo|essa empresa|julia)\b|\b(voces|vcs|voce) (vao|vai) (para o|ao) (caralho|diabo)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong1();

    [GeneratedRegex(
        // An insult aimed at the company: "vocês são uns canalhas", "seus desgraçados", "bando de ladrões", "robô idiota", "empresa lixo".
        @"\b(voces sao|voce e|vcs sao|tu e|tu es|seus|suas|seu|sua|empresa|empresinha|robo|bot|maquina|julia|agencia|" + Service + @")( tudo)?( (um|uns|uma|umas))?( (tao|muito|mt|mais|bem))?( (bando|cambada|corja|arretad[oa]s) de)? (" + Insult + @")\b" +
        // Sixty-sixth blind set: the insult before the company or the machine it names ("idiota de robô", "palhaços de empresa").
        @"|\b(" + Insult + @") de (robo|bot|maquina|empresa|empresinha|agencia)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong2();

    [GeneratedRegex(
        // The subject left out, as in speech: "são uns ladrões, não pagam ninguém" opening the message is said to us; not
        // when the clause then names whom ("são uns ladrões esses hospitais", "são uns idiotas os pacientes de hoje").
        @"^sao( tudo)?( (um|uns|uma|umas))?( (tao|muito|mt|mais|bem))?( (bando|cambada|corja) de)? (" + Insult + @")\b(?! (esses|essas|aqueles|aquelas|os|as|la|do|da|desse|dessa|daquele|daquela)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong3();

    [GeneratedRegex(
        // Thirteenth blind set: a noun of scorn for what they are ("vocês são uma piada", "essa empresa é uma vergonha").
        @"\b(voces sao|voce e|vcs sao|essa empresa e|esta empresa e|a empresa e|sua empresa e|essa agencia e)( (um|uma))?( (grande|verdadeira|tremenda|bela|completa))? (piada|vergonha|palhacada|fraude|farsa|desgraca|furada|cilada|roubada|enganacao|bagunca|zona)\b" +
        // Sixteenth blind set: the noun of scorn first ("uma piada essa empresa", "que vergonha de empresa"), and only
        // insults working there ("só tem incompetente aí", "nessa empresa"; a hospital is not named, so NotOurs is not needed).
        @"|\b(uma|um|que)( (grande|verdadeira|tremenda|bela|completa))? (piada|vergonha|verguenza|palhacada|fraude|farsa|furada|cilada|roubada|enganacao|bagunca|zona) (essa|esta|sua|de) (empresa|agencia)\b" +
        // Thirty-fourth blind set: the same said to us ("que piada vocês", "uma vergonha vocês"), closing the message.
        @"|\b(uma|um|que)( (grande|verdadeira|tremenda|bela|completa))? (piada|vergonha|palhacada|fraude|farsa) (voces|vcs)( (hein|ein|mesmo|viu|ne))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong4();

    [GeneratedRegex(
        @"\bso tem (" + Insult + @") (ai|nessa empresa|nesta empresa|na empresa de voces|com voces)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong5();

    [GeneratedRegex(
        @"\b(merda|bosta|porcaria|porqueria|lixo|porra|joca|bagaca) de (" + Service + @")\b" + NotOurs + @"|\b(" + Service + @") (de )?(merda|bosta|quinta|porcaria|lixo)\b" + NotOurs,
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong6();

    [GeneratedRegex(
        @"\b(atendimento|servico|app|aplicativo|empresa|agencia|robo|bot|(sistema|plataforma|suporte)(?= de voces| da empresa| dessa empresa))( de voces| da empresa| dessa empresa)? (e|ta|esta|virou|continua) (um|uma) (" + Insult + @"|porcaria|piada|vergonha)\b(?! de\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong7();

    [GeneratedRegex(
        // "merda de empresa", "lixo de robô": the insult before the company.
        @"\b(empresa|empresinha|agencia|robo|bot|julia)\b(?<=\b(merda|mierda|bosta|porcaria|porqueria|lixo|droga|porra|desgraca) de \w+)" +
        // Twenty-third blind set: deceived by them ("me sinto enganado por vcs"), their mockery of him ("vcs tão de sacanagem
        // comigo"). Made a fool of ("vcs me fizeram de otário") stays `neutro`, as the corpus has it.
        // Thirty-first blind set: the same in the active voice ("vocês me enganaram").
        @"|\b(voces|vcs|essa empresa|esta empresa|a empresa)( (ja|sempre|so))? me (enganaram|enganam|enganou|engana|estao enganando|tao enganando)\b" +
        // Thirty-sixth blind set: the same with the subject left out, opening the message — "me enganaram, o plantão não era nada
        // disso" (they, the readers; not "me enganaram no hospital", the hospital's people).
        @"|^((nossa|poxa|pois e|olha|de novo|mais uma vez|mais uma vez voces|de novo voces) )?me enganaram\b(?! (no|na|do|da|pelo|pela) (hospital|clinica|upa|ubs|ps|pronto socorro|maternidade|banco|loja)\b)" +
        @"|\benganad[oa]s? (por|pela|pelo) (voces|vcs|voce|essa empresa|esta empresa|a empresa|empresa|essa agencia|agencia)\b(?! (do|da|de) (hospital|clinica|upa))" +
        // Twenty-seventh blind set: the same mockery as a joke at his cost ("vcs tão de brincadeira comigo", "vcs só podem estar de
        // zoeira comigo").
        @"|\b(voces|vcs|voce)( (so )?(podem|pode|devem|deve))?( (estao|tao|ta|esta|so|estar))? (de|fazendo|com) (sacanagem|palhacada|putaria|brincadeira|zoeira|zoacao|gozacao) (comigo|com a gente|com os medicos|com o medico|com a medica)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong8();

    [GeneratedRegex(
        // Twenty-ninth blind set: senseless or shameless, said of us ("vocês não têm noção", as "vocês são uns sem noção" — not
        // "…noção de quando cai?", a question; "vocês têm muita cara de pau", as "uns caras de pau"), robbing him ("vocês estão me
        // roubando", as "ladrões"), of no use ("essa máquina não serve pra nada", as "inútil"). A rhetorical "vocês não têm
        // vergonha?", "vocês mentiram pra mim", "vocês me passaram a perna" stay `neutro`, as the corpus has them.
        @"\b(voces|vcs|voce|essa empresa|esta empresa|a empresa|essa julia)( realmente| mesmo| definitivamente)? nao tem( mais| nenhuma| um pingo de| o minimo de)? (nocao|desconfiometro)\b(?! (de|da|do|dos|das|se|quando|quanto|como|onde|qual|que)\b)" +
        @"|\b(voces|vcs|voce|essa empresa|esta empresa|a empresa) (tem|tiveram|teve)( muita| mt| tanta| uma)? cara de pau\b" +
        @"|\b(voces|vcs|essa empresa|esta empresa|a empresa)( (estao|tao|ta|esta|so|sempre|ja))? me (roubando|roubaram|roubam|roubou|lesando|lesaram)\b" +
        @"|\b(voce|voces|vcs|julia|robo|bot|(essa|esta|sua|a) (maquina|ia|empresa|empresinha|agencia|assistente))( \w+)? nao (serve|servem) (para|de) nada\b" +
        // Thirty-sixth blind set: of no use even for their own job ("nem pra pagar direito vcs servem", "vocês não servem nem pra
        // pagar em dia").
        @"|\bnem para (\w+ ){1,3}(voce|voces|vcs|essa empresa|a empresa|essa julia|esse robo|esse bot) (serve|servem|presta|prestam)\b|\b(voce|voces|vcs|essa empresa|a empresa) nao (serve|servem|presta|prestam) nem para\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong9();

    [GeneratedRegex(
        // Twenty-ninth blind set: the bot or the company by another noun, then the insult ("você é uma máquina burra", "vocês são uma
        // empresa amadora"), or called a name through a copula ("essa IA é uma porcaria", "essa empresa virou uma zona").
        @"\b(voce e|voces sao|vcs sao|tu e|tu es)( (um|uma|uns|umas))? (maquinas?|maquininhas?|robos?|robozinhos?|bots?|ia|assistentes?|empresas?|empresinhas?|agencias?)( (tao|muito|mt|mais|bem))? (" + Insult + @")\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong10();

    [GeneratedRegex(
        @"\b((essa|esta|sua|a) (ia|maquina|assistente|empresinha)|inteligencia artificial)( de voces| da empresa)? (e|eh|ta|esta|virou|continua) (um|uma) (" + Insult + @"|porcaria|piada|vergonha|zona|bagunca)\b(?! de\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong11();

    [GeneratedRegex(
        @"\b(essa|esta|a|sua) empresa( de voces)? (e|eh|ta|esta|virou|continua) (um|uma) (zona|bagunca)\b(?! de\b)" +
        // Twenty-ninth blind set: the diminutive called names as the company is ("empresinha de fundo de quintal", as "empresa de
        // fundo de quintal"; "que empresinha hein" alone stays `neutro`, as the corpus has it).
        @"|\bempresinha (de )?(merda|bosta|quinta|porcaria|fundo de quintal|meia tigela)\b" +
        // "enfia essa vaga no cu".
        @"|\benfi(a|e|em) (essa |esse |sua |seu |a |o |as |os |suas |seus )?(\w+ )?(no|na) (cu|rabo|bunda)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong12();

    [GeneratedRegex(
        // "bando de ladrões, …" opens the message at them; "um bando de ladrões levou os monitores" tells a story.
        @"(?<!\bum )\b(bando|cambada|corja) de (" + Insult + @")\b" +
        @"|\bempresa (de )?(merda|bosta|quinta|porcaria|fundo de quintal)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong13();

    [GeneratedRegex(
        // Anger aimed at the company: "tô puto com vocês", "tenho nojo de vocês", "odeio essa empresa".
        @"(?<!\bnao (estou|estamos|fiquei|fico|sou|estava|tenho) (com )?(nenhuma )?)\b(" + Anger + @") (com|de) (" + Target + @")\b|\bodeio (" + Target + @")\b|\b(" + Anger + @")( (mortal|total|enorme|imens[oa]|profund[oa]|tremend[oa]))? (dessa|desta|da) (empresa|agencia|julia)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong14();

    [GeneratedRegex(
        // Fourteenth blind set: an insult through a copula with no article ("essa robô é inútil", "a Julia é burra demais",
        // "essa empresa é muito desonesta"), worth nothing ("vocês não valem nada"), a milder curse aimed at the reader
        // ("vai se ferrar vocês", opening the message or with its target; not "o paciente vai se ferrar"), and being made
        // angry by them ("vocês conseguiram me irritar").
        @"\b(robo|bot|julia|(essa|esta|sua|a) ia|assistente|(essa|esta|sua) (empresa|agencia))( de voces| da empresa)? (e|eh|ta|esta|continua|virou|so pode ser)( (muito|tao|mais|bem|totalmente|completamente|super|mesmo|uma|um))? (" + Insult + @")\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong15();

    [GeneratedRegex(
        @"\b(voces|vcs|essa empresa|esta empresa|a empresa|essa julia|voce) nao (vale|valem) nada\b" +
        // Nineteenth blind set: "vocês não prestam"; anger at something of theirs ("irritado com a desorganização de vocês").
        @"|\b(voces|vcs|essa empresa|esta empresa|a empresa) nao (presta|prestam)\b" +
        // Twenty-seventh blind set: …or through a relative clause ("indignado com o tratamento que vocês me deram", "com o que vocês fizeram").
        @"|\b(" + Anger + @"|irritad[oa]) com (o|a|os|as) ((\w+ ){1,3}(de voces|da empresa|dessa empresa|desta empresa)|(\w+ ){0,3}que (voces|vcs|essa empresa|a empresa|a julia|voce))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong16();

    [GeneratedRegex(
        // Eighteenth blind set: the copula a few words after its subject ("vocês me enganaram, são uns mentirosos").
        @"\b(voces|vcs)\b(?: (?!sao\b)\w+){1,3} sao (uns|umas|um bando de|uma cambada de) (" + Insult + @")\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong17();

    [GeneratedRegex(
        @"^(vai|va|vao) (se|te) (ferrar|lascar|danar)\b|\b(vai|va|vao) (se|te) (ferrar|lascar|danar) (voces|vcs|voce|todos|todo mundo|essa empresa|julia)\b|\b(voces|vcs|voce) (vao|vai) se (ferrar|lascar|danar)\b" +
        @"|\b(voces|vcs|voce|essa empresa|a empresa|essa julia)(?: (?!nao\b)\w+){0,3} me (irrit(a|am|aram|ou|ar|ando)|tir(a|am|aram|ou|ar|ando) do serio)\b" +
        // Twenty-first blind set: their name threatened in public — "vou expor vocês no instagram", "vou falar mal de vcs pra todo
        // mundo", "vou queimar o filme dessa empresa".
        @"|\b(vou|vamos|irei|vou ter que) (expor|difamar|detonar|queimar|denegrir|falar mal de|falar muito mal de|queimar o filme de|queimar o filme da|queimar o filme dessa) (voces|vcs|a empresa|essa empresa|esta empresa|da empresa|dessa empresa|o nome de voces)\b" +
        // Thirty-first blind set: the same with the place named and no object ("vou expor no LinkedIn"), as a post for all to see
        // ("vou postar isso no linkedin pra todo mundo ver"), a video exposing them, the press ("vou falar com a imprensa").
        @"|\b(vou|vamos|irei|vou ter que) (expor|difamar|detonar) (isso |tudo |o caso |essa historia |essa situacao )?(no|na|nas|nos|em) (linkedin|instagram|insta|twitter|facebook|face|tiktok|youtube|redes sociais|rede social|redes|internet|imprensa|midia)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong18();

    [GeneratedRegex(
        @"\b(vou|vamos|irei) (postar|publicar|divulgar|espalhar|contar|expor) (isso|tudo|essa historia|o caso|essa situacao|o que voces fizeram)(?: \w+){0,3} para todo mundo (ver|saber)\b" +
        @"|\bexpondo (voces|vcs|a empresa|essa empresa|esta empresa|o nome de voces)\b" +
        // Thirty-eighth blind set: what they did told to all ("vou contar pra todo mundo no grupo como vcs tratam médico", "vou fazer
        // um post contando tudo que vcs fizeram"), a one-star review, noise made on the networks.
        @"|\b(vou|vamos|irei)\b(?: \w+){0,4}? (contar|contando|divulgar|espalhar|postar|publicar|expor)\b(?: \w+){0,8}? (o que|como|tudo que|tudo o que) (voces|a empresa|essa empresa) (fazem|fizeram|fez|faz|tratam|trataram|estao fazendo)\b" +
        @"|\b(vou|vamos|irei) (deixar|dar|colocar|postar) (uma )?(avaliacao|nota|review) (de )?(1|uma|zero|0) estrelas?\b|\bfazer (muito )?barulho (nas|na|no) (redes|rede|internet|instagram|linkedin|twitter|facebook|tiktok)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong19();

    [GeneratedRegex(
        @"\b(vou|vamos|irei) (falar com|procurar|acionar|chamar|ligar para|mandar (isso |tudo )?para|contar (tudo |isso )?para|levar (isso |o caso |tudo )?(para|a|ao)|botar (isso )?na|jogar (isso )?na)( a| o)? (imprensa|midia|jornal|jornalistas|reportagem)\b" +
        // Fortieth blind set: their name in the news to come ("isso vai sair no jornal"; not "saiu no jornal que o hospital…"),
        // a screenshot posted ("vou printar e postar"), the doctors' group told ("vou colocar no grupo dos médicos da região";
        // not a shift shared there), all to know what they do, the idiom of making it loud.
        @"|\b(isso|isto|tudo isso|voces|essa empresa|a empresa|o nome de voces|o nome da empresa|essa historia|o caso)( \w+)? (vai|vao) (sair|parar) (no|na|nos|nas) (jornal|jornais|imprensa|midia|reportagem|jornal nacional)\b" +
        @"|\b(vou|vamos|irei) (printar|tirar print)( \w+){0,2} e (postar|publicar|divulgar|espalhar|expor)\b(?!(?: \w+){0,4} (vaga|vagas|plantao|plantoes|escala|comprovante)\b)" +
        @"|^(?!.*\b(vaga|vagas|plantao|plantoes|escala|oportunidade)\b).*\b(vou|vamos|irei) (colocar|postar|jogar|espalhar|publicar|expor|divulgar|botar|contar)( isso| tudo| tudo isso| essa historia| o caso| o que voces fizeram)? (no|nos|num|em) grupos?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong20();

    [GeneratedRegex(
        @"\btodo mundo vai (saber|ficar sabendo|conhecer)\b(?: \w+){0,3}? (voces|essa empresa|a empresa)\b" +
        @"|\b(botar|bota|colocar|por|abrir|boto|coloco) a boca no trombone\b" +
        // Fifty-fourth blind set: "vai toma no cu" (the infinitive's r dropped, as spoken); the bot's diminutive called names
        // ("robozinho inútil de merda", "lixo de robozinho").
        @"|\b(vai|va|vao) toma no (cu|rabo)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong21();

    [GeneratedRegex(
        @"\b(robozinho|botzinho)( (um|uns|tao|muito|mais|bem|de))? (" + Insult + @"|merda|bosta|porcaria|quinta)\b|\b(merda|bosta|porcaria|lixo|droga|porra) de (robozinho|botzinho)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong22();

    [GeneratedRegex(
        // Sixty-seventh blind set: the company of such people ("empresa de estelionatário"), and the superlative aimed at us
        // ("você é a coisa mais idiota que eu já vi", "vocês são a empresa mais incompetente que existe").
        @"\b(empresa|empresinha|agencia) de (" + Insult + @")\b" +
        @"|\b(voce e|voces sao|vcs sao|tu e|tu es|isso e|essa empresa e|esse robo e|essa ia e|julia) (a|o) (coisa|empresa|robo|bot|maquina|ia|agencia|atendimento|servico) (mais )?(" + Insult + @")\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong26();

    /// <summary>
    /// The expressions VeryStrong1…VeryStrong26 as one alternation, written in pieces the JIT optimises
    /// (<see cref="RegexAlternation"/>, docs/decisions.md#detection-speed): add an alternative to the last piece, or a
    /// new piece when it passes ~1 000 characters.
    /// </summary>
    static readonly RegexAlternation VeryStrongPieces = new(VeryStrong1(), VeryStrong2(), VeryStrong3(), VeryStrong4(), VeryStrong5(), VeryStrong6(), VeryStrong7(), VeryStrong8(), VeryStrong9(), VeryStrong10(), VeryStrong11(), VeryStrong12(), VeryStrong13(), VeryStrong14(), VeryStrong15(), VeryStrong16(), VeryStrong17(), VeryStrong18(), VeryStrong19(), VeryStrong20(), VeryStrong21(), VeryStrong22(), VeryStrong23(), VeryStrong24(), VeryStrong25(), VeryStrong26());

    static RegexAlternation VeryStrong() => VeryStrongPieces;

    /// <summary>
    /// Words one of which every alternative of <see cref="VeryStrong"/> needs (checked by
    /// `DetectionCorpusTests.EveryVeryStrongMatchOfTheCorpusPassesItsPrefilter`), as <see cref="LegalWords"/> for the legal
    /// expression: the curses, every word of <see cref="Insult"/> and <see cref="Anger"/> (by a stem all its forms share),
    /// the nouns of scorn and the remaining alternatives' own words. An alternative or an insult or anger word added to the
    /// expression must add one of its words here.
    /// </summary>
    internal static readonly System.Buffers.SearchValues<string> VeryStrongWords = System.Buffers.SearchValues.Create(
    [
        // Curses aimed at the reader.
        "foder", "fuder", "vsf", "tnc", "tmnc", "tomar no ", "toma no ", "puta", "merda", "foda", "caralho", "diabo", "ferrar", "lascar", "danar",
        // Insult.
        "canalha", "desgraca", "vagabund", "picareta", "ladrao", "ladroes", "ladrona", "safad", "idiota", "imbeci", "burro",
        "burra", "lixo", "palhac", "incompetente", "incopetente", "ridicul", "redicul", "desonest", "mentiros", "golpista", "irresponsave", "lascad",
        "otari", "babaca", "cretin", "escrot", "nojent", "porco", "porca", "trambiqueir", "caloteir", "estelionatari",
        "pilantra", "inut", "verme", "bosta", "cuz", "vergonha", "fdp", "pau no cu", "moleque", "amador", "enrolao", "enroloes",
        "enrolona", "mequetrefe", "fajut", "vigarista", "sem nocao", "trouxa", "enganador", "podre",
        // Forty-eighth blind set.
        "aproveitador", "sanguessuga", "explorador", "desqualificad", "enrolador",
        // Nouns of scorn and what the company gives called names ("serviço de quinta", "droga de empresa", "enfia essa vaga…").
        "piada", "fraude", "farsa", "furada", "cilada", "roubada", "enganacao", "bagunca", "porra", "joca", "bagaca", "quinta",
        "droga", "enfia", "enfie", "porqueria",
        // Sixty-second blind set: the company called names ("empresa vergonhosa", "empresa de araque", "de meia tigela").
        "vergonhos", "araque", "tigela",
        // Thirty-second blind set: the Spanish insult before the company, the gaúcho/carioca insult.
        "mierda", "arrombad",
        // Anger.
        "furios", "puto", "revoltad", "indignad", "raiva", "nojo", "odio", "da vida", "arretad", "injuriad", "emputecid",
        "possess", "pistola", "bolad", "irrit", "muito brav", " brav", "de cara", "odeio", "paciencia",
        // Made a fool of, deceived, mocked (twenty-third blind set).
        "enganad", "sacanagem", "me engan",
        // Their mockery as a joke at his cost (twenty-seventh blind set): "vcs tão de brincadeira comigo".
        "brincadeira", "zoeira", "zoacao", "gozacao",
        // Worth nothing, made angry by them.
        "nao vale", "do serio", "nao presta",
        // Twenty-ninth blind set: the diminutive, the mess, the new insults, senseless, shameless, robbing, of no use.
        "empresinha", "zona", "patetic", "insuportave", "cara de pau", "nocao", "desconfiometro", "roub", "lesa",
        "para nada", "de nada", "nem para",
        // Their name threatened in public, and the Spanish noun of scorn.
        "expor", "difamar", "detonar", "queimar", "denegrir", "falar mal", "falar muito mal", "verguenza",
        // Thirty-first blind set: exposing them in public in other words.
        "expondo", "todo mundo", "imprensa", "midia", "jornal", "reportagem",
        // Thirty-eighth blind set: what they did told to all, the one-star review, the noise.
        "contar", "contando", "divulgar", "espalhar", "postar", "publicar", "estrela", "barulho",
        // Fortieth blind set: the news to come, the screenshot, the group, the idiom.
        "vai sair n", "vao sair n", "vai parar n", "vao parar n", "printar", "tirar print", "grupo", "trombone",
        // Fifty-sixth blind set: the press and TV by name, going viral, exposed to her face, the gang (VeryStrong23).
        " tv", "televis", "globo", "record", "sbt", "band", "fantastico", "emissora", "jornalista", "viraliz", "te expor", "te difamar",
        "te detonar", "te queimar", "quadrilha", "mafia", "criminosa",
        // Sixtieth blind set: a bad review threatened (VeryStrong24).
        "avaliac", "review", "resenha",
    ], StringComparison.Ordinal);

    internal static bool MayBeVeryStrong(string t) => t.AsSpan().ContainsAny(VeryStrongWords);

    internal static bool VeryStrongMatches(string t) => VeryStrong().IsMatch(t);

    /// <summary>
    /// "you are useless idiots", "sois unos inútiles": an insult aimed at the reader in English or Spanish. A separate
    /// expression behind a plain substring test: its common first letters would slow the scan of every message.
    /// </summary>
    static bool ForeignInsultAimed(string t) =>
        (t.Contains("you", StringComparison.Ordinal) || t.Contains("fuck", StringComparison.Ordinal) || t.Contains("shit", StringComparison.Ordinal) || t.Contains("crap", StringComparison.Ordinal) || t.Contains("garbage", StringComparison.Ordinal)
         || t.Contains("hij", StringComparison.Ordinal) || t.Contains("mierda", StringComparison.Ordinal) || t.Contains("this ", StringComparison.Ordinal) || t.Contains("son ", StringComparison.Ordinal) || t.Contains("sois ", StringComparison.Ordinal)
         || t.Contains("eres ", StringComparison.Ordinal) || t.Contains("usted", StringComparison.Ordinal))
        && ForeignInsult().IsMatch(t);

    [GeneratedRegex(
        @"\b(you are|you re|youre|you guys are|you guys re|you people are|y all are|yall are) (so |such |all |a bunch of |an? )?(fucking |fuckin |so fucking )?(useless|idiots?|stupid|morons?|incompetent|pathetic|scammers?|liars?|clowns?|a joke|a disgrace|a scam)\b" +
        // Fifteenth blind set: the English curse aimed at the reader.
        @"|\bfuck (you|off|u|voces|vcs)\b" +
        @"|\b(sois|son|eres|ustedes son|usted es) (unos |unas |un |una |muy )?(inutiles|inutil|idiotas?|incompetentes?|ladrones|sinverguenzas|estafadores|mentirosos|payasos)\b" +
        // Fourteenth blind set: "this company is a joke", "your service sucks".
        @"|\b(this|your) (company|agency|service|app|bot)( is| s)( such| a total| a complete)? (a joke|a scam|a disgrace|a mess|garbage|trash|useless|pathetic)\b|\b(this|your) (company|agency|service|app|bot) sucks\b" +
        // Thirty-second blind set: "shit company", the Spanish curses ("hijos de puta", "váyanse a la mierda").
        @"|\b(shit|shitty|crappy|bullshit|garbage) (company|agency|service|app|bot)\b|\bhij[oa]s? de (puta|perra)\b|\b(vayanse|vayase|vete|andate|anda) a la mierda\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex ForeignInsult();

    /// <summary>
    /// "desgraçados, me deixaram sem pagamento", "Incompetentes!": a plural insult alone before the message's first clause
    /// mark (or as the whole message) is said to the readers, the company.
    /// </summary>
    static bool OpensWithInsult(string text, string[] words, bool mayBeVeryStrong)
    {
        // Thirteenth blind set: "Idiota!", "burra" as the whole message is said to the reader too.
        if (words.Length == 1 && PersonInsult().IsMatch(words[0])) return true;
        // Sixteenth blind set: the two-word "sem vergonhas" opening the message, and a plural insult as the message's own
        // last clause, said to the readers ("vocês me enganaram, mentirosos").
        var first = words.Length >= 2 && words[0] == "sem" && words[1] == "vergonhas" ? 2 : 1;
        // Fifty-second blind set: the singular "sem vergonha" as the whole message (not "sem vergonha nenhuma de perguntar").
        if (words.Length == 2 && words[0] == "sem" && words[1] == "vergonha") return true;
        if (first == 2 || (words[0].EndsWith('s') && PluralInsult().IsMatch(words[0])))
            return words.Length == first || (PtBrText.ClauseEnds(text, words.Length) & (1UL << (first - 1))) != 0;
        // Every insult has a stem in VeryStrongWords: the prefilter already run spares most messages the closing check.
        return mayBeVeryStrong && ClosingPluralInsult(text, words);
    }

    /// <summary>"vocês me enganaram, mentirosos": a plural insult alone after the message's last clause mark.</summary>
    static bool ClosingPluralInsult(string text, string[] words)
    {
        var last = words[^1];
        if (words.Length < 2 || words.Length > 64 || !last.EndsWith('s') || !PluralInsult().IsMatch(last)) return false;
        // Fifty-second blind set: "…, uns palhaços", "…, seus caloteiros" — the insult with its article or possessive as the clause.
        if (words.Length >= 3 && words[^2] is "uns" or "umas" or "seus" or "suas")
            return (PtBrText.ClauseEnds(text, words.Length) & (1UL << (words.Length - 3))) != 0;
        return (PtBrText.ClauseEnds(text, words.Length) & (1UL << (words.Length - 2))) != 0;
    }

    [GeneratedRegex(@"^(" + Insult + @")$", RegexOptions.CultureInvariant)]
    private static partial Regex PluralInsult();

    /// <summary>Insults for a person (not "merda", "lixo", which alone are exclamations or things).</summary>
    [GeneratedRegex(@"^(idiota|imbecil|burr[oa]|otari[oa]|babaca|cretin[oa]|escrot[oa]|incompetente|inutil|palhac[oa]|picareta|vagabund[oa]|canalha|desgracad[oa]|pilantra|safad[oa]|mentiros[oa]|golpista|ladrao|ladrona|trambiqueir[oa]|caloteir[oa]|estelionatari[oa]|fdp|lascad[oa]|sem vergonha|arrombad[oa]|corja)$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonInsult();

    // One word in its forms counts once: "absurdo"/"absurda", "desrespeito"/"falta de respeito", "incompetente"/"incompetência".
    static string Stem(string word) => word switch
    {
        "falta de respeito" => "desres",
        // Fifty-eighth blind set: "que vergonha, empresa sem respeito".
        "sem respeito" => "desres",
        // Twentieth blind set: "worst service" is "péssimo serviço"; "falta de consideração" is its own word, not "falta de profissionalismo".
        "worst" => "pessim",
        "falta de consideracao" => "consid",
        "golpista" or "golpistas" => "golpe",
        "verguenza" => "vergon",
        "falta de respeto" => "desres",
        "shame on you" => "vergon",
        _ when word.StartsWith("horroros", StringComparison.Ordinal) => "horriv",
        _ => word.Length > 6 ? word[..6] : word.TrimEnd('s').TrimEnd('o', 'a'),
    };
}
