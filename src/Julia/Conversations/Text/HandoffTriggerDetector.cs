using System.Text.RegularExpressions;
using Julia.Handoffs;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Handoff triggers on a doctor's text (docs/decisions.md#handoff), first match wins: explicit request for a person, legal words,
/// then strong negative sentiment (two or more distinct strong words).
/// </summary>
internal static partial class HandoffTriggerDetector
{
    public static string? Detect(string? text)
    {
        var found = DetectInOne(text);
        // Twenty-third blind set: "pode me ligar depois das 18h? não, melhor, me manda por escrito mesmo" — a later clause of
        // the message takes the request back, as a next message of the burst does (TakesBackTheLineBefore).
        if (found is HandoffTriggers.PersonRequested or HandoffTriggers.Legal && TakenBackInALaterClause(text!)) return null;
        return found;
    }

    static bool TakenBackInALaterClause(string text)
    {
        for (var k = text.IndexOfAny(ClauseMarks); k >= 0 && k + 1 < text.Length; k = text.IndexOfAny(ClauseMarks, k + 1))
        {
            var rest = text[(k + 1)..];
            if (ClauseTakenBack().IsMatch(PtBrText.Normalise(rest)) || DontNeedIt().IsMatch(rest)) return DetectInOne(rest) is null && !NewNeed().IsMatch(PtBrText.Normalise(rest));
        }
        return false;
    }

    static readonly char[] ClauseMarks = [',', '.', ';', '!', '?', '\n', '…'];

    /// <summary>
    /// Twenty-fourth blind set: "já resolvi o pagamento, tenho outra dúvida", "deixa, já consegui o cadastro mas ainda preciso
    /// de ajuda" — what is solved is one matter; the clause or line goes on to a need still open, so the request stands.
    /// </summary>
    [GeneratedRegex(@"\b(outra|outro|outras|outros|mais uma|mais um) (duvida|duvidas|coisa|coisas|questao|questoes|problema|problemas|pergunta|perguntas|assunto|assuntos|pendencia|pendencias)\b" +
        @"|\b(tenho|tem|estou com|ficou|falta|resta|surgiu) (ainda )?(uma |um |mais uma |mais um )?(duvida|problema|pergunta|questao|pendencia)\b" +
        @"|\b(mas|porem|so que) (ainda |agora |tambem )?(tenho|preciso|quero|queria|gostaria|falta|continuo|continua)\b|\bainda (preciso|quero|queria|tenho|falta)\b" +
        @"|\b(preciso|quero|queria|gostaria de) (falar|tirar|resolver|saber|entender|conversar|de ajuda|ajuda)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NewNeed();

    [GeneratedRegex(@"^((ah|ok|ta|pronto) )*(deixa para la|deixa quieto|ja resolvi|ja resolveu|ja resolveram|ja consegui|consegui resolver|ja achei|agora vi|so (para|por) (saber|curiosidade)( (o nome|mesmo|quem e))?$|(nao )?melhor nao|(nao )?melhor( me)?( manda| mandar| mande| escreve| escrever)? (por|pela|pelo) (mensagem|escrito|aqui|texto|whatsapp|chat))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseTakenBack();

    static string? DetectInOne(string? text)
    {
        var t = PtBrText.Normalise(text);
        // Nineteenth blind set: "🤬🤬🤬", "🖕" — cursing in emojis alone (one face alone stays an exclamation).
        if (t.Length == 0) return RageInEmojis(text) >= 2 ? HandoffTriggers.NegativeSentiment : null;
        var words = t.Split(' ');
        // Nineteenth blind set: a legal word misspelt ("prossesso", "dinunciar", "adivogado") is read as the word.
        if (LegalTypos.Fixed(words) is { } spelt) { words = spelt; t = string.Join(' ', words); }
        var clauseEnds = PtBrText.ClauseEnds(text, words.Length);
        // "vocês têm atendente humano ou é tudo robô?" asks what Júlia is, which the agent answers (docs/decisions.md#agent).
        var asksIfBot = t.Contains(" ou ", StringComparison.Ordinal) && BotQuestion().IsMatch(t) && !Wants().IsMatch(t);
        // "quero falar com um humano... brincadeira, você tá me ajudando bem": the request taken back.
        if (t.Contains("brinc", StringComparison.Ordinal) && TakenBack().IsMatch(t)) return null;
        // Twentieth blind set: "Sou advogado da Dra. Paula e peço que entrem em contato com o escritório" — a lawyer writing for
        // a doctor makes whatever he asks a legal matter, a contact asked for included.
        if ((t.Contains("advogad", StringComparison.Ordinal) || t.Contains("represent", StringComparison.Ordinal)) && LawyerForADoctor().IsMatch(t))
            return HandoffTriggers.Legal;
        // Thirty-eighth blind set: the person asked for with many words between ("manda a pessoa que cuida do meu cadastro falar
        // comigo"); not the hospital's staffing asked about, a call offered or declined, a job wanted (HandoffTriggerDetector.Indirect.cs).
        if (!asksIfBot && (AsksForPersonUnnegated(t, words, clauseEnds) || IntentVocabulary.Instance.PersonFamily(words, clauseEnds) is not null
                           || NamedPersonAsked(text!, t) || TeamThenThem(t) || FormerContactAsked(t) || OursToCallBack(t) || SentToContactMe(t))
            && !NoPersonMeant(t)
            && !PraisedOrCompared(t))
            return HandoffTriggers.PersonRequested;
        var quoted = text!.AsSpan().IndexOfAny("\"“”«»") >= 0;
        if (((MayBeLegal(t) && TheDoctorsLegalStep(Legal(), t, quoted)) || (MayBeLegalMore(t) && TheDoctorsLegalStep(LegalMore(), t, quoted))
             || (MayBeLegalConsequence(t) && TheDoctorsLegalStep(LegalConsequence(), t, quoted))) && !Joke(text!, t)
            && !NotAboutUs(t))
            return HandoffTriggers.Legal;
        var mayBeVeryStrong = MayBeVeryStrong(t);
        if (mayBeVeryStrong)
            foreach (var m in VeryStrong().EnumerateMatches(t))
                if (!ReportedOfPatient(t, m.Index, quoted) && !LaughingAtAJoke(text!, t, m.Index, m.Length)) return HandoffTriggers.NegativeSentiment;
        if (OpensWithInsult(text!, words, mayBeVeryStrong) || ForeignInsultAimed(t) || VocativeInsult(t)) return HandoffTriggers.NegativeSentiment;
        if (MayBeStrong(t) && DistinctStrongWords(t) >= 2) return HandoffTriggers.NegativeSentiment;
        return null;
    }

    /// <summary>
    /// Twenty-ninth blind set: "kkkkk vocês são uma piada mesmo, adorei o meme" — the joke word among laughter and delight
    /// at what was sent is the joke itself (not "vocês são uma piada kkk", laughing at us).
    /// </summary>
    static bool LaughingAtAJoke(string text, string t, int at, int length) =>
        t.AsSpan(at, length).Contains("piada", StringComparison.Ordinal)
        && (Laughter().IsMatch(t) || text.Contains("😂", StringComparison.Ordinal) || text.Contains("🤣", StringComparison.Ordinal)) && Delight().IsMatch(t);

    // Normalised, "kkkkk" is "k".
    [GeneratedRegex(@"\b(k+|(rs){2,}|(ha){2,})\b", RegexOptions.CultureInvariant)]
    private static partial Regex Laughter();

    [GeneratedRegex(@"\b(adorei|amei|ri muito|rachei|morri de rir|chorei de rir|engracad[oa]s?|meme|memes|figurinha|video|videos)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Delight();

    /// <summary>
    /// Nineteenth blind set: how much cursing the emojis show — each cursing face (🤬) one, the finger (🖕, a curse aimed at
    /// the reader) two; read only when the text has an emoji at all. The red face (😡) is anger with no target, as "estou
    /// furioso" is, and counts nothing: "😡😡😡" and "palhaçada isso aqui 🤬🤬" are `neutro` in the corpus.
    /// </summary>
    static int RageInEmojis(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.AsSpan().IndexOfAnyInRange('\uD800', '\uDBFF') < 0) return 0;
        var rage = 0;
        foreach (var face in RageFaces)
            for (var at = text.IndexOf(face, StringComparison.Ordinal); at >= 0; at = text.IndexOf(face, at + face.Length, StringComparison.Ordinal))
                rage += face == "\U0001F595" ? 2 : 1;
        return rage;
    }

    static readonly string[] RageFaces = ["\U0001F92C", "\U0001F595"];

    /// <summary>
    /// Nineteenth blind set: a named person of the team asked for — "chama a Carla pra mim", "quero falar com a Fernanda", "me
    /// põe em contato com a Bruna" —
    /// told by the capital letter of the name as written (not "Dr."/"Dra.", a doctor of the hospital; not a name followed by
    /// "antes"/"primeiro", someone of the doctor's own to consult).
    /// </summary>
    static bool NamedPersonAsked(string text, string t) => t.AsSpan().ContainsAny(NamedPersonWords) && NamedPerson().IsMatch(text);

    /// <summary>Words one of which every alternative of <see cref="NamedPerson"/> needs, looked for in the normalised text.</summary>
    static readonly System.Buffers.SearchValues<string> NamedPersonWords = System.Buffers.SearchValues.Create(
        ["falar com", "conversar com", "cham", "contato com", "passa", "poe ", "coloca", "bota ", "passe", "transf", "ta ai", "ta por ai", "esta ai", "esta por ai"], StringComparison.Ordinal);

    [GeneratedRegex(@"(?<![\p{L}])(?i:quero|queria|preciso|gostaria de|posso|dá pra|da pra|tem como) (?i:falar|conversar) com (?i:a|o) (?!Dr|Dra|Doutor|Doutora|Hospital|Cl[ií]nica)\p{Lu}\p{Ll}+\b(?! (?i:antes|primeiro|e te|e j[aá]))" +
        @"|(?<![\p{L}])(?i:chama|chame|chamem) (?i:a|o) (?!Dr|Dra|Doutor|Doutora)\p{Lu}\p{Ll}+ (?i:pra|para|aqui|a[ií])\b" +
        // Thirty-fourth blind set: one of the team by name asked after, as the sentence — "a Fernanda tá por aí?", "o Marcelo está
        // aí?" (not "a Fernanda tá aí comigo", nor "o Hospital…").
        @"|(?:^|[.!?,]\s*|(?i:oi|ol[aá]|bom dia|boa tarde|boa noite|e a[ií]),?\s+)(?i:e )?(?i:a|o) (?!Dr|Dra|Doutor|Doutora|Hospital|Cl[ií]nica|Pronto|Plant)\p{Lu}\p{Ll}+ (?i:ainda )?(?i:t[aá]|est[aá]|tah) (?i:por )?(?i:a[ií]|ai)\b(?:\s*(?i:hoje|agora))?\s*(?:\?|$)" +
        @"|(?<![\p{L}])(?i:me )?(?i:p[oõ]e|coloca|coloque|bota|passa|passe) (?i:em contato com|pra|para) (?i:a|o) (?!Dr|Dra|Doutor|Doutora|Hospital|Cl[ií]nica)\p{Lu}\p{Ll}+\b" +
        // Twenty-second blind set: the name with no article ("passa pra Juliana por favor"), not a day or a month.
        @"|(?<![\p{L}])(?i:me )?(?i:passa|passe|transfere|transfira) (?i:pra|para) (?!Dr|Dra|Doutor|Doutora|Hospital|Cl[ií]nica|Segunda|Ter[cç]a|Quarta|Quinta|Sexta|S[aá]bado|Domingo|Janeiro|Fevereiro|Mar[cç]o|Abril|Maio|Junho|Julho|Agosto|Setembro|Outubro|Novembro|Dezembro)\p{Lu}\p{Ll}+\b(?! (?i:o|a|os|as|meu|minha)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex NamedPerson();

    /// <summary>
    /// Twenty-sixth blind set: a team of ours named, then asked for by a pronoun — "cadê o pessoal da escala? quero falar com
    /// eles", "o financeiro tá aí? preciso conversar com eles" (not a team of the hospital's: "…da escala do hospital").
    /// </summary>
    static bool TeamThenThem(string t) =>
        (t.Contains(" com eles", StringComparison.Ordinal) || t.Contains(" com elas", StringComparison.Ordinal)) && TeamByPronoun().IsMatch(t);

    [GeneratedRegex(@"\b(pessoal|equipe|setor|time|turma|galera|povo|gente|moca|moco|alguem)? ?(da|do|de) (escala|escalas|financeiro|rh|pagamento|pagamentos|cadastro|credenciamento|coordenacao|comercial|administracao|juridico|recrutamento)\b(?! (do|da|de) (hospital|clinica|upa|ubs|maternidade|prefeitura))" +
        @"(?: \w+){0,8}? (quero|queria|preciso|gostaria de|posso|da para|tem como) (falar|conversar|resolver isso) com (eles|elas)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TeamByPronoun();

    /// <summary>
    /// Nineteenth blind set: the vocative insult opening the message — "ô gente incompetente", "ô raça ruim de empresa", "que
    /// gente desorganizada" — said to the readers (not about a hospital's people: "…do hospital").
    /// </summary>
    static bool VocativeInsult(string t) =>
        (t.StartsWith("o ", StringComparison.Ordinal) || t.StartsWith("oh ", StringComparison.Ordinal) || t.StartsWith("que ", StringComparison.Ordinal)
         || t.StartsWith("mas que ", StringComparison.Ordinal) || t.StartsWith("ah ", StringComparison.Ordinal))
        && Vocative().IsMatch(t);

    [GeneratedRegex(@"^(o|oh|que|mas que|ah|ah que) (gente|povo|raca|cambada|corja|turma)( (mais|tao|muito|mt))? (" + Insult + @"|desorganizad[oa]s?|enrolad[oa]s?|ruim|sem nocao)\b" +
        @"(?!(?: \w+){0,2} (do|da|no|na|nesse|nessa|desse|dessa|neste|nesta|deste|desta) (hospital|clinica|upa|ubs|ps|pa|uti|maternidade|santa casa|prefeitura|governo|sus|plantao|enfermaria)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex Vocative();

    /// <summary>
    /// The trigger of a turn of several messages (docs/decisions.md#handoff): of each message's own, the first in the
    /// order of <see cref="Detect"/> (a request for a person before anger, whichever came first); when none has one,
    /// anger read over the messages together, one per line — "que absurdo" then "isso é uma vergonha" are two strong
    /// words. Null when none; the text is the message that triggered it, or the messages together.
    /// </summary>
    public static (string Trigger, string Text)? DetectInTurn(IReadOnlyList<string> texts)
    {
        (string Trigger, string Text)? found = null;
        // Each line's own trigger, once: the rules below ask it of a line as itself and as the next line.
        var own = texts.Select(Detect).ToArray();
        for (var i = 0; i < texts.Count; i++)
        {
            var (trigger, text, after) = (own[i], texts[i], i + 1);
            // Twenty-fourth blind set: a short line with no end mark, its sentence finished by the next — "preciso de ajuda"
            // then "com um atendente", "quero falar" then "com quem cuida da escala" — is read with it: a person or a legal
            // step the two make is the turn's, and one the first line alone seemed to make goes when the two read as one make
            // none ("tem alguém" then "pra me cobrir dia 10?", "processo" then "de cadastro tá demorando").
            if (after < texts.Count && OpenSentence(texts[i]) && ContinuesTheSentence(texts[after]) && own[after] is null)
            {
                var joined = texts[i] + " " + texts[after];
                var together = Detect(joined);
                if (trigger is null && together is HandoffTriggers.PersonRequested or HandoffTriggers.Legal) (trigger, text, after) = (together, joined, after + 1);
                else if (trigger is HandoffTriggers.PersonRequested or HandoffTriggers.Legal && together is null) trigger = null;
            }
            // Twenty-sixth blind set: "cadê o pessoal da escala?" then "quero falar com eles" — the team named in the line before.
            if (trigger is null && i > 0 && TeamThenThem(PtBrText.Normalise(texts[i - 1] + " " + texts[i]))) trigger = HandoffTriggers.PersonRequested;
            // Twenty-ninth blind set: "cadê a Fernanda?" then "era ela que me atendia" — the one who served him, asked after.
            if (trigger is null && i > 0 && FormerContactAsked(PtBrText.Normalise(texts[i - 1] + " " + texts[i]))) trigger = HandoffTriggers.PersonRequested;
            // Twenty-ninth blind set: "o paciente ficou bravo" then "queria falar com o diretor" — a line opening on its verb has the
            // subject of the line before, a patient's wish reported.
            if (trigger is HandoffTriggers.PersonRequested && i > 0 && text == texts[i] && OpensOnAVerb(texts[i])
                && PatientSubject().Match(PtBrText.Normalise(texts[i - 1])) is { Success: true } subject && Detect(subject.Value + " " + texts[i]) is null)
                trigger = null;
            // Thirty-first blind set: "kkkk" / "vocês são uma piada" / "adorei o vídeo" — the joke word with the laughter and the
            // delight in the lines around it, as in one message (LaughingAtAJoke).
            if (trigger is HandoffTriggers.NegativeSentiment && text == texts[i] && JokeAmongItsNeighbours(texts, i)) trigger = null;
            if (trigger is not null && (found is null || Precedence(trigger) < Precedence(found.Value.Trigger))
                && !(after < texts.Count && TakesBackTheLineBefore(texts[after]) && own[after] is null))
                found = (trigger, text);
        }
        // Together only for anger, the one trigger made of separate words: a person or legal step read across two
        // messages loses what each says of itself ("…é tudo robô?" then "não quero falar com atendente"), and invented
        // triggers in neighbouring corpus messages (TurnTriggerTests) — save a short open line and the line finishing its
        // sentence, above.
        if (found is null && texts.Count > 1)
        {
            var together = string.Join('\n', texts);
            if (Detect(together) == HandoffTriggers.NegativeSentiment) found = (HandoffTriggers.NegativeSentiment, together);
        }
        return found;
    }

    static bool JokeAmongItsNeighbours(IReadOnlyList<string> texts, int i) =>
        texts.Count > 1 && PtBrText.Normalise(texts[i]).Contains("piada", StringComparison.Ordinal)
        && Detect(string.Join(' ', texts.Skip(Math.Max(0, i - 1)).Take(i == 0 ? 2 : 3))) is null;

    static bool OpensOnAVerb(string line) => ReportingVerbFirst().IsMatch(PtBrText.Normalise(line));

    [GeneratedRegex(@"^(e )?(quer|queria|querem|queriam|pediu|pede|pediram|disse|falou|exigiu|exigiram|gritou|insistiu|insistiram)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReportingVerbFirst();

    [GeneratedRegex(@"^((ai|e|hoje|ontem) )?(o|a|os|as|um|uma) (paciente|pacientes|familia|familiares|acompanhante|acompanhantes|mae do paciente|pai do paciente|filho do paciente|filha do paciente|esposa do paciente|marido do paciente)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PatientSubject();

    /// <summary>
    /// Twenty-ninth blind set: the one of the team who used to serve the doctor, asked after — "cadê a Fernanda que me atendia?",
    /// "cadê o Ricardo? ele que cuidava das minhas escalas", "quem cuidava de mim era a Bia, ela ainda tá aí?" (not a person
    /// of the hospital's: "cadê o plantonista que me rendia").
    /// </summary>
    static bool FormerContactAsked(string t) =>
        (t.Contains("cade", StringComparison.Ordinal) || t.Contains("onde", StringComparison.Ordinal) || t.Contains("ainda", StringComparison.Ordinal) || t.Contains("saiu", StringComparison.Ordinal))
        && ServedMe().IsMatch(t) && AskedAfter().IsMatch(t) && !HospitalsOwn().IsMatch(t);

    [GeneratedRegex(@"\b(que|quem) (me atendia|me atendeu|me atende|cuidava de mim|cuidava (da|das|do|dos) (minha|minhas|meu|meus)|cuidou (da|das|do|dos) (minha|minhas|meu|meus)|me ligava|falava comigo|me contratou|me chamava|me mandava as vagas|me passava as vagas|fechou (comigo|meu contrato))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ServedMe();

    [GeneratedRegex(@"\b(cade|onde (esta|ta|anda|foi parar)|ainda (trabalha|esta|ta) (ai|com voces|na empresa)|saiu da empresa)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AskedAfter();

    [GeneratedRegex(@"\b(hospital|clinica|upa|ubs|ps|uti|plantonista|enfermeira|enfermeiro|paciente|pronto socorro|maternidade)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HospitalsOwn();

    /// <summary>
    /// Thirty-fourth blind set: one of ours asked to call or answer him, named by what they did for him or as "…aí de vocês" —
    /// "a pessoa que me ligou semana passada pode me retornar?", "minha gestora aí de vocês pode me chamar?" (not "a pessoa que me
    /// ligou já me explicou tudo", nor the hospital's: "a enfermeira que me ligou pode me ligar de novo?" is read by the hospital rule).
    /// </summary>
    static bool OursToCallBack(string t) =>
        t.Contains(" me ", StringComparison.Ordinal) && (t.Contains("que me ", StringComparison.Ordinal) || t.Contains("de voces", StringComparison.Ordinal) || t.Contains(" dai ", StringComparison.Ordinal))
        && CallsBack().IsMatch(t) && !HospitalsOwn().IsMatch(t);

    [GeneratedRegex(@"^((oi|ola|bom dia|boa tarde|boa noite|e ai|entao|olha) )*" +
        @"(" + WhoServedMe + @"|(a |o )?(minha|meu) (gestora?|gerente|coordenadora?|consultora?|recrutadora?|supervisora?|analista|escalista|atendente|responsavel)( ai)? (de voces|dai|da empresa de voces))" +
        @"(?: \w+){0,5}? (pode|podia|poderia|consegue|conseguiria|podem|tem como) me (retornar|ligar|chamar|responder|atender|dar um retorno)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CallsBack();

    /// <summary>
    /// Thirty-fourth blind set: people praised or compared, not asked for — "o atendimento humano de vcs é ótimo", "vc é melhor que
    /// muito atendente humano kkk" — unless the message also wants someone ("…é ótimo, quero falar com a Fernanda").
    /// </summary>
    static bool PraisedOrCompared(string t) =>
        (Praised().IsMatch(t) || ComparedWithPeople().IsMatch(t)) && !Wants().IsMatch(ComparedWithPeople().Replace(t, " ")) && !StillAsks().IsMatch(t);

    [GeneratedRegex(@"\b(tem alguem|alguem ai|ninguem (me )?(responde|atende|retorna)|cade|me atende|me retorna)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StillAsks();

    [GeneratedRegex(@"\b(atendimento|atendente|atendentes|equipe|pessoal|time|humanos?|consultora?|consultores|recrutadora?)\b(?: \w+){0,4}? (e|eh|foi|sao|foram|esta|ta|estao|tao|e sempre|sempre foi)( muito| super| bem| mt| tao)? " +
        @"(otim[oa]s?|excelentes?|maravilhos[oa]s?|bom|boa|bons|boas|top|show|nota 10|nota dez|incrive(l|is)|perfeit[oa]s?|sensaciona(l|is)|rapid[oa]s?|atencios[oa]s?|educad[oa]s?|eficientes?|demais|impecave(l|is))\b", RegexOptions.CultureInvariant)]
    private static partial Regex Praised();

    // Thirty-sixth blind set: the comparison through the act — "melhor que falar com atendente kkk".
    [GeneratedRegex(@"\b(melhor|pior|mais \w+|menos \w+|igual|parecid[oa]) (que|do que|a|com)( (falar|conversar|tratar|lidar) com| ligar para)? (muit[oa]s? |qualquer |um |uma |o |a |os |as |alguns |algumas |varios |varias )?(atendentes?|humanos?|pessoas?|gente)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ComparedWithPeople();

    /// <summary>A line of at most six words with no sentence or clause mark: its sentence may go on in the next.</summary>
    static bool OpenSentence(string text)
    {
        if (text.AsSpan().TrimEnd().IsEmpty || text.AsSpan().IndexOfAny(".,;:!?…\n") >= 0) return false;
        var t = PtBrText.Normalise(text);
        return t.Length > 0 && t.AsSpan().Count(' ') < 6;
    }

    /// <summary>The next line goes on with the sentence before: it opens on a preposition, an article or "que".</summary>
    static bool ContinuesTheSentence(string next)
    {
        var t = PtBrText.Normalise(next);
        var space = t.IndexOf(' ');
        // "para de me ligar", "para com isso": the verb "parar", not the preposition.
        return space > 0 && (Continuations.Contains(t[..space]) || PronounAndInfinitive(t, space)) && !t.StartsWith("para de ", StringComparison.Ordinal)
               && !t.StartsWith("para com ", StringComparison.Ordinal) && !Exclamation(t);
    }

    /// <summary>
    /// Thirty-sixth blind set: "fala pra sua chefe" then "me mandar msg", "pede pro coordenador" then "me ligar amanhã" — a line
    /// opening on "me" and an infinitive is the object clause of the verb of asking before it (an imperative, "me liga", is a
    /// sentence of its own).
    /// </summary>
    static bool PronounAndInfinitive(string t, int space)
    {
        if (space != 2 || !t.StartsWith("me ", StringComparison.Ordinal)) return false;
        var end = t.IndexOf(' ', 3);
        var verb = end < 0 ? t.AsSpan(3) : t.AsSpan(3, end - 3);
        return verb.Length >= 4 && (verb.EndsWith("ar") || verb.EndsWith("er") || verb.EndsWith("ir"));
    }

    /// <summary>
    /// Twenty-ninth blind set: "ninguém responde" then "que bagunça" — a line opening on "que" and a strong word is an
    /// exclamation of its own, not the sentence before going on ("tem alguém" then "que possa me cobrir" still is).
    /// </summary>
    static bool Exclamation(string t)
    {
        if (!t.StartsWith("que ", StringComparison.Ordinal) || !MayBeStrong(t)) return false;
        var m = StrongWords().Match(t);
        return m.Success && m.Index >= 4 && t.AsSpan(4, m.Index - 4).Count(' ') <= 1;
    }

    static readonly HashSet<string> Continuations =
        // Twenty-sixth blind set: "os", "as", "meus", "minhas" — "vou processar" then "os documentos hoje à noite".
        ["com", "para", "pro", "pros", "de", "do", "da", "dos", "das", "sobre", "no", "na", "ao", "aos", "pelo", "pela", "a", "o", "um", "uma", "que", "os", "as", "meus", "minhas",
         // Thirty-first blind set: an errand's verb — "vou no conselho regional" then "buscar a certidão".
         "buscar", "pegar", "renovar", "retirar", "entregar", "assinar", "tirar",
         // Thirty-second blind set: the Spanish and English prepositions — "quiero hablar" then "con una persona".
         "con", "with",
         // Thirty-eighth blind set: a threat or a request finished on the next line — "depois não reclamem" then "quando chegar o
         // processo", "isso não vai" then "ficar assim", "guardei" then "todos os prints", "chama" then "seu supervisor", and "meu
         // advogado" then "é meu primo kkk" (the line before's subject, told of).
         "quando", "todos", "todas", "ficar", "noticias", "seu", "sua", "e"];

    /// <summary>
    /// Twenty-third blind set: the next message of the burst takes the line before back — "quero falar com alguém" then
    /// "deixa, já resolvi", "me liga por favor" then "não precisa, achei", "alguém pode me ligar?" then "não, melhor por
    /// mensagem", "vou processar vcs kkk" then "zoeira" — as "…brincadeira" does inside one message. Only when that
    /// message has no trigger of its own ("esquece, quero falar com uma pessoa" asks again).
    /// </summary>
    static bool TakesBackTheLineBefore(string next) =>
        (LineTakenBack().IsMatch(PtBrText.Normalise(next)) || DontNeedIt().IsMatch(next)) && !NewNeed().IsMatch(PtBrText.Normalise(next));

    [GeneratedRegex(@"^((k+|rs+|(ha)+|ops|opa|ah|ai|ok|ta|pronto|deixa|obrigado|obrigada|valeu) )*(deixa para la|deixa quieto|esquece|desconsidera|pode desconsiderar|ignora|pode ignorar|brincadeira|estou brincando|brincando|zoeira|zoando|mentira|ja resolvi|ja resolveu|ja resolveram|resolvido|ja consegui|consegui resolver|ja achei|agora vi|ja vi|ja caiu|ja chegou|ja recebi|ja esta ok|(nao )?melhor nao|(nao )?melhor( me)?( manda| mandar| mande| escreve| escrever)? (por|pela|pelo) (mensagem|escrito|aqui|texto|whatsapp|chat))\b|^deixa$", RegexOptions.CultureInvariant)]
    private static partial Regex LineTakenBack();

    /// <summary>"deixa, …", "não precisa, …", "não precisa mais": the line opens by saying it is no longer needed.</summary>
    [GeneratedRegex(@"^\W*(deixa|(n[aã]o|ñ|n) precisa( (n[aã]o|mais))?)\s*([,.!;…]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DontNeedIt();

    /// <summary>Distinct strong words of a text (two make anger).</summary>
    internal static int StrongWordCount(string text) => DistinctStrongWords(PtBrText.Normalise(text));

    static int DistinctStrongWords(string normalised) => StrongWords().Matches(normalised).Select(m => Stem(m.Value)).Distinct().Count();

    static int Precedence(string trigger) => trigger switch
    {
        HandoffTriggers.PersonRequested => 0,
        HandoffTriggers.Legal => 1,
        _ => 2,
    };

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
            if (!ReportedOfPatient(t, m.Index, quoted) && !AgainstAnotherCompany(t, m.Index + m.Length) && !NegatedLegal(t, m.Index)
                && !NotAStep(t, m.Index, m.Length) && !StepDropped(t, m.Index, m.Length)) return true;
        return false;
    }

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
        // Thirty-eighth blind set: "o seguro cobre processo ético no CRM?", "vcs oferecem seguro de responsabilidade civil pra
        // processo médico?" — what an insurance covers, asked, with no step of his in the message.
        if (InsuranceBefore().IsMatch(t.AsSpan(0, at)) && !StepVerb().IsMatch(t)) return true;
        if ((ActedOnAPlace().IsMatch(t.AsSpan(at + length)) || (word.StartsWith("denunci") && HospitalDenounced().IsMatch(t.AsSpan(at)))) && !ThisCompany().IsMatch(t)) return true;
        if ((word.StartsWith("justica") || word.StartsWith("judicia") || word.StartsWith("tribuna") || word.StartsWith("juizado"))
            && (JusticeAsRule().IsMatch(t.AsSpan(at + length)) || TroubleWithTheLawAsked().IsMatch(t.AsSpan(0, at)))) return true;
        // Nineteenth blind set: a case of his family's or where he is a witness ("o processo da minha esposa na justiça saiu",
        // "fui testemunha num processo"), with us nowhere in the message; a step denied right after it ("ação trabalhista
        // não, é só dúvida").
        if ((OthersCase().IsMatch(t) && !ThisCompany().IsMatch(t)) || DeniedAfter().IsMatch(t.AsSpan(at + length))) return true;
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
                   || LegalSide().IsMatch(t.AsSpan(0, at)) || t.Contains("pessoa juridica", StringComparison.Ordinal) || OthersLegalDepartment().IsMatch(t.AsSpan(at + length)) || LegalPaperwork().IsMatch(t.AsSpan(0, at))
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

    [GeneratedRegex(@"\badvogad[oa]s?\b(?: \w+){0,2} (disse|falou|acha|achou|recomendou|sugeriu|orientou|mandou|enviou|preparou|fez) (que )?(\w+ ){0,3}(pj|clt|rpa|mei|cnpj|procuracao|imposto|impostos|contrato social|tributacao|contabilidade)\b" +
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
        @"|\badvogad[oa]s? (e|eh|era|virou|foi) (meu |minha |um |uma )?(paciente|amig[oa]|vizinh[oa]|parente|prim[oa]|colega de (turma|faculdade|escola))\b", RegexOptions.CultureInvariant)]
    private static partial Regex LawyerNotActing();

    /// <summary>Twentieth blind set: "o lado jurídico", "a parte jurídica", "a questão jurídica": an aspect of something, asked about.</summary>
    [GeneratedRegex(@"\b(o lado|a parte|a questao|o aspecto|os aspectos|a burocracia|o ponto de vista|a situacao) $", RegexOptions.CultureInvariant)]
    private static partial Regex LegalSide();

    /// <summary>"…jurídico do hospital", "…da clínica": another institution's legal department.</summary>
    [GeneratedRegex(@"^ (do|da) (hospital|clinica|upa|ubs|prefeitura|secretaria|operadora|plano|convenio|santa casa|instituto)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OthersLegalDepartment();

    /// <summary>"algum documento do jurídico", "a assinatura do jurídico": the legal department's paperwork.</summary>
    [GeneratedRegex(@"\b(documento|documentos|assinatura|parecer|aprovacao|liberacao|visto|autorizacao|modelo|minuta) (do|pelo) $", RegexOptions.CultureInvariant)]
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
    [GeneratedRegex(@"\b(perit[oa]s?|pericias?|plantao|plantoes|plantonista|vaga|vagas|trabalho|trabalhar|trabalhei|trabalha|atendo|atender|servidor|servidora|concurso|concursad[oa]|medic[oa]s?) (\w+ )?(no|na|nos|nas|do|da|dos|das|de|para|para a|para o|ao|junto a|junto da|junto ao) $", RegexOptions.CultureInvariant)]
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

    /// <summary>
    /// A request of <see cref="AsksForPerson"/> that is not negated in its clause: "não quero falar com atendente, só quero
    /// a vaga" refuses a person; "Não, quero falar com uma pessoa" (a comma after the "não") asks for one.
    /// </summary>
    static bool AsksForPersonUnnegated(string t, string[] words, ulong clauseEnds)
    {
        if (!MayAskForPerson(t)) return false;
        foreach (var m in AsksForPerson().EnumerateMatches(t))
        {
            var word = t.AsSpan(0, m.Index).Count(' ');
            // Eighteenth blind set: "se eu precisar falar com alguém, ligo pra qual número?" is a need to come, and "o
            // paciente queria falar com um humano de verdade" a patient's wish, reported.
            if (OwnNeedLater().IsMatch(t.AsSpan(0, m.Index)) || ReportedOfPatient(t, m.Index, quoted: false)) continue;
            if (!IntentVocabulary.NegatedRequest(words, word, clauseEnds)) return true;
        }
        return false;
    }

    /// <summary>
    /// Where the last taking-back ("…brincadeira", "tô brincando") of the normalised text ends, or null: the opt-out reads
    /// only what follows it (fifteenth blind set).
    /// </summary>
    public static int? TakenBackEnd(string normalised)
    {
        if (!normalised.Contains("brinc", StringComparison.Ordinal)) return null;
        int? end = null;
        foreach (var m in TakenBack().EnumerateMatches(normalised)) end = m.Index + m.Length;
        return end;
    }

    /// <summary>
    /// "…brincadeira", "tô brincando" after a clause: what came before is taken back. Not "isso é brincadeira" (anger),
    /// "sem brincadeira" (in earnest) nor "não tô brincando".
    /// </summary>
    [GeneratedRegex(@"(?<!\b(e|eh|de|uma|sem|isso|so pode ser|nao e|parece|que|nenhuma|alguma) )\bbrincadeira( (viu|ta|hein|kk|k|rs))?( |$)(?!(com|de|da|do)\b)|(?<!\bnao )\b(estou|to|so|so estou|era|e so) brincando\b", RegexOptions.CultureInvariant)]
    private static partial Regex TakenBack();

    /// <summary>"…ou é tudo robô?", "é pessoa ou bot?": the either-or question about what Júlia is.</summary>
    [GeneratedRegex(@"\bou (e |eh |sao |e so |e tudo )?(tudo |so |um |uma |uma )?(robo|robos|bot|bots|maquina|ia|inteligencia artificial|automatico)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BotQuestion();

    /// <summary>Words of wanting a person besides the question: "…ou é robô? quero falar com alguém".</summary>
    [GeneratedRegex(@"\b(quero|queria|preciso|prefiro|gostaria|me passa|passa para|chama|me liga|me ligue|falar com|conversar com)\b", RegexOptions.CultureInvariant)]
    private static partial Regex Wants();

    /// <summary>
    /// "vou processar vocês por me mandarem vaga tão boa kkkk": a legal word in praise closed by laughter is a joke.
    /// </summary>
    static bool Joke(string text, string t)
    {
        // Normalised, "kkkk" is "k" (stretched letters are squashed).
        var last = t.AsSpan(t.LastIndexOf(' ') + 1);
        var laughs = last.Length >= 1 && (last.Trim('k').IsEmpty || (last.Length >= 4 && (last.Trim("rs").IsEmpty || last.Trim("ha").IsEmpty)))
                     || text.TrimEnd().EndsWith("😂", StringComparison.Ordinal) || text.TrimEnd().EndsWith("🤣", StringComparison.Ordinal);
        return laughs && Praise().IsMatch(t);
    }

    [GeneratedRegex(@"\b(tao|muito|super|bem) (bo[am]|boas|bons|otim[oa]s?|legal|legais|bem)\b|\bmaravilhos[oa]s?\b|\bexcelentes?\b|\bboa demais\b|\bbom demais\b", RegexOptions.CultureInvariant)]
    private static partial Regex Praise();

    /// <summary>
    /// "o paciente pediu pra falar com advogado", "a família disse que vai processar o hospital", "o acompanhante gritou
    /// vai se foder": a patient's or his family's words or wishes, reported by the doctor — unless the doctor speaks
    /// for himself or is the one aimed at after them ("…e eu vou processar vocês", "meu advogado", "ameaçou me processar").
    /// </summary>
    static bool ReportedOfPatient(string t, int at, bool quoted = false)
    {
        if (at == 0) return false;
        var before = t[..at];
        var m = PatientSays().Match(before);
        if (!m.Success) return false;
        // "meu colega disse 'vou processar essa empresa'": inside quotation marks the first person is the speaker's.
        if (quoted) return true;
        // Twenty-seventh blind set: "a paciente foi na justiça contra mim" — the step aimed at the doctor after the legal word
        // is his matter, as "ameaçou me processar" is.
        if (AimedAtTheDoctor().IsMatch(t.AsSpan(at))) return false;
        // "…ameaçou me processar": the doctor himself is the one sued, which is his legal matter.
        var verb = m.Groups["verb"];
        foreach (var w in before[(verb.Index + verb.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            if (w is "eu" or "vou" or "meu" or "minha" or "vamos" or "nos" or "irei" or "me" or "mim" or "comigo") return false;
        return true;
    }

    [GeneratedRegex(@"^\w+(?: (?!contra\b)\w+){0,4} (?<!\bnao )contra mim\b", RegexOptions.CultureInvariant)]
    private static partial Regex AimedAtTheDoctor();

    /// <summary>
    /// Legal words of the ninth blind set, in an expression of their own behind a substring test (<see cref="MayBeLegalMore"/>):
    /// in <see cref="Legal"/> they slowed the scan of every message by a sixth.
    /// </summary>
    [GeneratedRegex(
        // "sou advogada da Dra. Silvia": a lawyer writing for a doctor (the profession alone, "sou advogado", is not).
        @"\badvogad[oa]s? (da|do|de|dos|das) (dr|dra|doutor|doutora|medic[oa]|cliente|sr|sra|senhor|senhora)\b|\b(que (me|nos) represent(a|am)|(me|nos) representando)\b|\brepresento (a|o) (dr|dra|doutor|doutora|medic[oa])\b" +
        // "danos morais", "pequenas causas", "o judiciário", "explicar pro juiz" (not "meu pai é juiz", nor the city Juiz de Fora), "isso é ilegal".
        @"|\bdanos? (morais|moral|materiais|material)\b|\bpequenas causas\b|\bjudiciari[oa]\b|\b(para o|para a|ao|a|perante o|perante a|diante do|diante da|na frente do|na frente da) juiza?\b(?! de fora)|\b(isso|isto) (e|eh) ilegal\b|\bilegalidade\b" +
        @"|\b(vou|vamos|irei|iremos|vao|vai) tomar (as )?(devidas )?providencias\b(?! para (?!(receber|cobrar|reaver|garantir)\b)\w+)(?! com (o|a) (hospital|clinica|upa|ubs|coordenacao|diretoria|recepcao|portaria)\b)|\bnotific(ar|arei|aremos|ara|arao|o) (voces|a empresa|essa empresa|vcs|voce)\b" +
        // Spanish as the doctors mix it in: "voy a demandar a la empresa".
        @"|\b(voy|vamos) a (demandar|denunciar)\w*|\bdemanda judicial\b" +
        // "acionarei as vias legais", "pelos meios judiciais", "isso é estelionato".
        @"|\b(vias|meios) (legais|judiciais|juridicas|juridicos)\b|\b(isso|isto) (e|eh) (um )?estelionato\b|\bcrime de estelionato\b" +
        // Sixteenth blind set: "meus dados foram usados sem autorização, isso é crime", "providências jurídicas serão tomadas".
        @"|\b(isso|isto)( que voces (fazem|fizeram|estao fazendo))? (e|eh) (um )?crime\b(?! de (preco|valor|salario|remuneracao|pagamento)\b)|\b(providencias|medidas) (juridicas|judiciais)\b" +
        // Twelfth blind set: "vou acionar meus direitos", "isso é assédio, vou registrar ocorrência" (not in the ward's book).
        @"|\b(acionar|aciono|acionarei|acionando|fazer valer|lutar pelos|correr atras dos|procurar|procuro|buscar|busco|ir atras dos) (os )?meus direitos\b|\b(isso|isto) (e|eh) assedio\b" +
        @"|\b(vou|irei|vamos|vou ter que|vou precisar|posso) (registrar|fazer|abrir|prestar|apresentar) (uma )?(ocorrencia|queixa)\b(?! (no|na|do|da) (livro|prontuario|paciente|sistema|plantao))" + AboutOwnLoss +
        // Thirteenth blind set: "vou colocar vcs no pau" (slang for suing), "já dei entrada no processo", "representar contra
        // vocês", a complaint to the regional council in a verb, the consumer-protection bodies and terms.
        @"|\b(colocar|coloco|colocarei|botar|boto|botarei|meter|meto|por|ponho|porei|jogar|jogo)\b(?: \w+){0,3} no (pau|juiz)\b(?! de fora)" +
        @"|\b(dar|dei|dou|darei|dando|demos|deu|daremos|dado) entrada (no|num|em um|em uma|na|numa|com o|com a|com um|com uma) (processo|acao)\b(?! (seletiv\w*|de|do|da|dos|das|para|interno)\b)" +
        @"|\brepresent(ar|o|arei|ei|ando|aremos) contra\b|\b(represent|reclam|denunc|queix|lev)\w*\b(?: \w+){0,5} (ao|no|para o|junto ao|perante o) conselho regional\b" +
        @"|\b(defesa|direitos?|codigo) do consumidor\b|\b(pratica|praticas|propaganda|clausula|clausulas) abusivas?\b" +
        // Fourteenth blind set: "vocês serão (citados e) intimados", "vou entrar com mandado de segurança / uma liminar".
        @"|\b(serao|sera|vao ser|vai ser|serem|sendo|vao|vai)( (citad[oa]s?|notificad[oa]s?) e)? (intimad[oa]s?|citad[oa]s?)\b|" +
        // Fifteenth blind set: "vocês vão ser processados", with us as the subject (not "o pagamento vai ser processado").
        @"(?<!\b(de|do|da) )\b(voces|vcs|voce|(essa |a |sua )?empresa|(essa |a |sua )?agencia) (vao|vai|serao|sera)( ser)? processad[oa]s?\b|" +
        // Thirty-sixth blind set: the same as what they ask for or deserve ("vcs tão pedindo pra ser processados"), and the threat
        // as a question ("quer que eu te processe?"; not "…que eu processe o pagamento").
        @"\b(pedindo|querendo|implorando|merecem|merece|merecendo|mereciam) (para |a )?ser processad[oa]s?\b|\bque (eu |a gente )?(te |os |as |vos )?process(e|em|asse|assem)\b(?! (o|a|os|as|seu|sua|seus|suas|isso|esse|essa)\b)|\bmandado de seguranca\b|\b(entrar|entro|entrarei|pedir|peco|pedirei|conseguir) (com )?(uma )?liminar\b" +
        // Nineteenth blind set: "nos vemos no fórum", "juridicamente vocês vão se ver comigo".
        @"|\b(nos vemos|a gente se ve|te vejo|vejo voces|vejo voce|nos encontramos) (no|na) (forum|tribunal|justica|juizado)\b|\b(see you|see you guys|i ll see you|ill see you) in court\b|\bnos vemos en (los tribunales|el tribunal|la corte|el juzgado|juicio)\b|\bjuridicamente (voces|vcs|voce|a empresa|essa empresa) (vao|vai)\b" +
        // Twenty-first blind set: the small-claims court by its initials ("vou te levar pro JEC"), the lawyer as the next step
        // ("próximo passo é advogado" — "é advogado" is otherwise a profession), a summons to come ("vão receber uma citação").
        @"|\b(levar|levo|levarei|leva|botar|colocar|acionar|aciono|entrar|entro|entrarei|abrir|abro|processar|processo)\b(?: \w+){0,3}? (no|o|ao|para o|pelo) jec\b" +
        @"|\bproximo passo (e|eh|sera|vai ser) (o |um |a |meu |minha |procurar (um |o |a )?)?(advogad[oa]|justica|processo|procon)\b" +
        @"|\b(vao|vai|voces vao|vcs vao|voce vai) receber (uma |a )?(citacao|intimacao|notificacao judicial|notificacao extrajudicial)\b" +
        // Twenty-third blind set: the summons awaited ("aguarde a citação"), filing in the courts' own verb ("meu escritório vai
        // ajuizar a cobrança"), and evidence kept for a lawsuit ("tô gravando tudo, vai servir de prova no processo").
        @"|\baguard(e|em|a|am|ar|ando)( \w+)? (a|sua|uma|minha) (citacao|intimacao|notificacao judicial|notificacao extrajudicial)\b|\bajuiz(ar|o|arei|aremos|amos|ando|ou|ara|arao|ada|ado)\b" +
        // Twenty-ninth blind set: the union as a step ("vou acionar meu sindicato", "levar ao sindicato dos médicos"), and "conheço
        // meus direitos" as a threat.
        @"|\b(acionar|aciono|acionarei|acionei|levar|levo|levarei|denunciar|denuncio|denunciei|reclamar|reclamo|reclamarei|recorrer|recorro|recorrerei|procurar|procuro|procurarei)\b(?: \w+){0,3}? (ao|no|o|meu|para o|junto ao) sindicato\b|\bconheco (muito bem |bem )?(os )?meus direitos\b" +
        // Thirty-first blind set: going to the council as the whole message or before "isso não fica assim" ("vou no conselho
        // regional", "vou no CRM"; not "vou no CRM buscar a carteirinha", an errand), the council or the bar acted on ("vou acionar
        // o conselho de medicina"), "dar parte de vocês" (to the police).
        @"|\b(vou|irei|vamos|vou ter que|eu vou)( direto| agora| hoje| amanha)? (no|ao|a|para o|ate o|na|para a|ate a) (conselho regional|conselho|cfm|oab|" + Council + @")( de medicina)?( (de|do|da) (sp|rj|mg|rs|pr|sc|ba|pe|ce|go|df|es|sao paulo|minas|rio))?( (e|e vou) (denunciar|reclamar|registrar|abrir|fazer)\w*)?( isso nao (vai ficar|fica) assim)?$" +
        @"|\b(acionar|aciono|acionarei|acionei|denunciar|denuncio|denunciarei) (o |a )?(conselho|cfm|oab)\b(?! (tutelar|de classe do hospital)\b)|\b(dar|dou|darei|dei|vou dar) parte (de voces|de vcs|de voce|da empresa|dessa empresa|desta empresa)\b" +
        @"|\b(vai|vao|isso vai|tudo vai|vai me|isso|tudo) servir (de prova |como prova )?(no|num|para o|ao|pro|em um) processo\b|\b(provas?|gravac(ao|oes)|prints?)( \w+){0,3} (no|para o|ao|pro|do) processo\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore();

    /// <summary>
    /// Words one of which every alternative of <see cref="Legal"/> needs (checked by
    /// `DetectionCorpusTests.EveryLegalMatchOfTheCorpusPassesItsPrefilter`): one vectorised scan spares most messages the
    /// expression, whose first letters cover nearly the alphabet, so it was tried at every word (BENCHMARKS.md, detection).
    /// An alternative added to <see cref="Legal"/> must add one of its words here.
    /// </summary>
    internal static readonly System.Buffers.SearchValues<string> LegalWords = System.Buffers.SearchValues.Create(
    [
        "advogad", "juridic", "justica", "procon", "judicia", "proces", "juizado", "delegacia", "policia", " bo", " b o", "boletim",
        "queixa", "reclam", "crm", "creme", "anpd", "conselho", "consumidor", "lgpd", "lei geral de protecao de dados", "denunci",
        "autua", "ministerio", "mpt", "defensoria", "legais", "cabiveis", "tribuna", "intimacao", "trabalhista", "cobranca",
        "indeniza", "acao contra", " acao", "quebra de contrato", "lawyer", "attorney", "lawsuit", "abogad", "sue you",
        "sue voces", "sue the company", "descumpr", "formalmente", "clt", "direitos", "sindica", "procom", "cnpd", "autoridade nacional",
        "o mp", "cfm",
    ], StringComparison.Ordinal);

    internal static bool MayBeLegal(string t) => t.AsSpan().ContainsAny(LegalWords);

    internal static bool LegalMatches(string t) => Legal().IsMatch(t);

    static readonly string[] LegalMoreStems = ["advogad", "represent", "dano", "pequenas causas", "judiciari", "juiz", "ilegal", "providencias", "notific", "demand", "denunciar", "legais", "judicia", "juridic", "estelionato", "direitos", "assedio", "ocorrencia", "queixa", "no pau", "entrada", "conselho regional", "consumidor", "abusiv", "intimad", "citad", "mandado", "liminar", "processad", "processe", "processasse", "crime", "forum", "jec", "proximo passo", "citacao", "intimacao", "ajuiz", "processo", "sindicato", "conselho", "cfm", "oab", "crm", "creme", "dar parte", "in court", "tribunal", "juzgado", "la corte", "juicio"];

    static bool MayBeLegalMore(string t)
    {
        foreach (var stem in LegalMoreStems)
            if (t.Contains(stem, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>
    /// "vou ao Procon resolver um problema da minha operadora", "vou processar o banco": a legal step against another
    /// company named after it, with the company and Júlia nowhere in the message.
    /// </summary>
    static bool AgainstAnotherCompany(string t, int after) =>
        OtherCompany().IsMatch(t, after) && !ThisCompany().IsMatch(t);

    [GeneratedRegex(@"\b(operadora|banco|loja|plano de saude|companhia aerea|cartao de credito|imobiliaria|construtora|seguradora|concessionaria|academia|locadora|condominio|vizinho|vizinha|inquilino|companhia de luz|provedor)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OtherCompany();

    [GeneratedRegex(@"\b(voces|voce|vcs|empresa|agencia|julia|te|contigo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ThisCompany();

    [GeneratedRegex(
        // Since the tenth blind set also a colleague's or a group's words: "meu colega disse que vocês são uns incompetentes",
        // "recebi uma mensagem num grupo dizendo que vocês são golpistas, é verdade?".
        // Twenty-seventh blind set: where they went to take the step ("a família foi no Procon reclamar do hospital").
        @"\b(paciente|pacientes|familia|familiares|acompanhante|acompanhantes|parente|parentes|mae do paciente|pai do paciente|colega|colegas|amigo|amiga|amigos|amigas|conhecido|conhecida|grupo|mensagem|corrente)\b(?: \w+){0,5}? (?<verb>pediu|pede|pediram|quer|querem|queria|queriam|quis|disse|disseram|diz|dizem|dizendo|falou|falaram|fala|falando|comentou|comentando|contou|escreveu|postou|vai|vao|ameacou|ameacaram|ameaca|ameacando|pretende|chamou|chamaram|contratou|contrataram|gritou|gritaram|xingou|xingaram|me chamou de|entrou|entraram|abriu|abriram|moveu|moveram|registrou|registraram|(foi|foram)(?= (no|na|ao|a|ate o|ate a|para o|para a|pro|pra)\b| ?$))\b(?: \w+){0,8}? ?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex PatientSays();

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
        @"\b(falar|conversar|tratar|fala|falo) com " + Person + @"\b" + NotTheirs +
        @"|\b(me )?(passa|passe|transfere|transfira|encaminha|encaminhe|chama|chame) (para|com) " + Person + @"\b" + NotTheirs + ToStandIn +
        // "bot não resolve, me passa um atendente", "chama o gerente": the person as the object, with an article.
        @"|\b(me )?(passa|passe|transfere|transfira|chama|chame) (um|uma|algum|alguma|o|a) (humano|humana|pessoa|atendente|responsavel|supervisor|supervisora|gerente|coordenador|coordenadora|escalista|recrutador|recrutadora)\b" +
        @"|\b(quero|preciso|prefiro|gostaria de|queria) (de )?(um|uma) (humano|humana|pessoa|atendente)\b" + ToShareAShift +
        // Twenty-fourth blind set: "preciso de ajuda com um atendente", "queria atendimento de uma pessoa" — help from a person.
        @"|\b(ajuda|atendimento|suporte) (com|de) (um|uma|algum|alguma) (humano|humana|pessoa|atendente)\b" + NotTheirs +
        // "tem alguém aí que possa cobrir meu plantão?" asks for a colleague, not for Júlia's team.
        @"|\btem (alguem|alguma pessoa|algum humano|gente) (ai|aqui|ai de verdade|de verdade|real)\b(?! (que|para|pra)\b)" + NotTheirs + @"|^tem alguem( ai| aqui| de verdade)?$" +
        @"|(?<!\bnao )(?<!\b(hospital|clinica|upa|ubs|recepcao|portaria|enfermagem|enfermeira|enfermeiro|secretaria do hospital) )\bme (liga|ligue|liguem)\b|\b(liga|ligue|liguem) (para|pra) mim\b|(?<!\b(hospital|clinica|upa|ubs|recepcao|portaria|enfermagem|secretaria) )\bpode(m|ria)? me ligar\b|\bliga (para|pra) mim\b|\bme (da|de) uma ligada\b" +
        @"|(?<!\be (uma|um) )\b(atendente|pessoa|humano|gente|responsavel|funcionario|funcionaria|agente|operador|operadora|colaborador|colaboradora) (de verdade|real|humano|humana)\b|\batendimento humano\b" +
        // "prefiro tratar desse assunto com alguém da sua equipe": the matter named between the verb and the person.
        @"|\b(falar|conversar|tratar) (desse|deste|sobre esse|sobre este|esse|este|disso|sobre isso|isso|dessa|dessa questao|desse tema) (assunto |caso |tema )?com " + Person + @"\b" +
        // Thirteenth blind set: the matter handed on — "vc pode escalar isso pra alguém?", "repassa meu caso pro seu supervisor".
        @"|\b(escala|escalar|escalone|escalona|escalonar|repassa|repassar|repasse|passa|passar|passe|encaminha|encaminhar|encaminhe|leva|levar|leve|transfere|transferir|transfira) " +
        @"(isso|isto|o caso|meu caso|esse caso|essa questao|a questao|esse assunto|o assunto|essa demanda|minha demanda|meu problema|esse problema|o problema|essa situacao|minha situacao|minha solicitacao|essa solicitacao|meu pedido|esse pedido|minha reclamacao|essa reclamacao) " +
        @"(para|com) (o |a |um |uma |algum |alguma )?(seu |sua )?(alguem|pessoa|humano|humana|responsavel|supervisor|supervisora|gerente|coordenador|coordenadora|coordenacao|gestor|gestora|chefe|equipe|superior|superiores|atendente|time)\b" +
        // Fourteenth blind set: the verbs that only hand a matter on need no object ("escalona pra alguém aí", "repassa pro
        // seu supervisor"; not "passa"/"leva", which also hand a shift on) — in the imperative, with no object after the
        // person ("vou encaminhar para a equipe o comprovante" is the doctor's own errand) —, and the matter may take a few
        // words ("preciso tratar de assunto contratual com um representante").
        @"|\b(escalona|escalone|escalonar|escalonem|repassa|repasse|encaminha|encaminhe|transfere|transfira) (para|com) (o |a |um |uma |algum |alguma )?(seu |sua )?(alguem|pessoa|humano|humana|responsavel|supervisor|supervisora|gerente|coordenador|coordenadora|coordenacao|gestor|gestora|chefe|equipe|superior|superiores|atendente|time)\b" + NotTheirs +
        @"(?! (o|a|os|as|meu|minha|meus|minhas|esse|essa|este|esta|um|uma)\b)" + ToStandIn +
        @"|\b(falar|conversar|tratar|resolver) (de|do|da|dos|das|sobre|acerca de|a respeito de|a respeito do|a respeito da)(?: \w+){1,3} com " + Person + @"\b" + NotTheirs +
        // Twenty-fourth blind set: the person by the role — "falar com quem faz o pagamento", "com quem cuida da escala",
        // "com quem organiza os plantões" (the shifts the role's object, not the matter) — not a role at the hospital's.
        // Thirty-first blind set: one of a team of ours asked after ("a moça do RH tá aí?", "o pessoal do financeiro tá por aí?").
        @"|\b(a moca|o moco|o rapaz|o pessoal|a galera|a equipe|o setor|alguem) (do|da) (rh|financeiro|escala|pagamento|cadastro|comercial|coordenacao|recrutamento|credenciamento)( de voces)? (ta|esta|estao|tao) (ai|por ai)\b" +
        // Thirty-first blind set: who of ours does it, asked with "aí" or "de vocês" ("quem cuida do financeiro aí?").
        @"|\bquem (e que )?" + Role + @" (o |a |os |as |do |da |dos |das |meu |minha |meus |minhas )?(financeiro|pagamento|pagamentos|escala|escalas|rh|cadastro|contrato|contratos|plantoes|credenciamento|folha)( \w+)? (ai|de voces|ai de voces|com voces)\b" +
        // Thirty-fourth blind set: the one of ours who found, called or hired him, asked for by what they did — "quero falar com
        // quem me indicou a vaga", "…com a menina que me contratou", "me passa pra pessoa que me ligou" — wanted or handed to (not
        // "vou falar com quem me indicou", his own errand), not someone of the hospital's.
        @"|\b(quero|queria|preciso|precisava|gostaria de|gostaria|posso|da para|tem como|deixa eu|me deixa) (falar|conversar|tratar|resolver isso)( de novo| novamente)? com " + WhoServedMe +
        @"|\b(me )?(passa|passe|transfere|transfira|encaminha|encaminhe|coloca|coloque) (para|com|em contato com) " + WhoServedMe +
        @"|\b(falar|conversar|tratar|fala|falo|resolver isso) com quem (\w+ )?" + Role + @"\b(?!(?: \w+){0,4} (do|da|dos|das|no|na) (hospital|hospitais|clinica|upa|ubs|ps|pa|uti|pronto socorro|maternidade|santa casa|banco|prefeitura|condominio|faculdade|residencia|convenio|plano)\b)",
        RegexOptions.CultureInvariant)]
    private static partial Regex AsksForPerson();

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
    ], StringComparison.Ordinal);

    internal static bool MayAskForPerson(string t) => t.AsSpan().ContainsAny(PersonRequestWords);

    internal static bool PersonRequestMatches(string t) => AsksForPerson().IsMatch(t);

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
        @"\badvogad[oa]s?\b(?! (\w+ ){0,2}(revis|analis|ler\b|leu\b|le\b|olh|confer)\w* (o |meu |seu |esse |este |nosso )?contrato)(?! (revisar|analisar|ler|olhar|conferir|dar uma olhada)$)(?! (\w+ ){0,4}contrato para (revis|analis|ler\b|olh|confer)\w*)(?<!\b(e|sou|era|eh|como|ser|virar) advogad[oa]s?)(?<!\b(atendi|atendo|atendendo|atender|examinei|operei|internei|paciente|pacientes) (um |uma |o |a |os |as )?advogad[oa]s?)(?! de familia)(?! (do|da|dos|das) (minha |meu )?(hospital|clinica|consultorio|paciente|pacientes|familia|prefeitura|condominio|banco|upa|plano|convenio|operadora|seguradora)\b)" +
        @"|(?<!\b(pessoa|pessoas|natureza|personalidade) )\bjuridic[oa]\b|\bjustica\b(?! seja feita)(?<!\b(rua|avenida|av|praca|travessa|alameda|largo|bairro|vila|jardim) (da |de )?justica)|\bproco[nm]\b|\bextrajudicial(mente)?\b|\bjudicial(mente)?\b(?<!\b(perito|perita|pericia|pericias|leilao|recuperacao|deposito|tradutor|tradutora) judicial(mente)?)|\bacao judicial\b" +
        // "processo inflamatório", "processo infeccioso": a patient's condition, not a lawsuit.
        @"|(?<!\b(paciente|familia|acompanhante) (queria|quer|vai|ameacou) )\bprocess?(o|ar|ando|arei|aria)\b(?! (seletivo|para|de|do|da|dos|das|interno|burocratico|sei))(?! (" + Clinical + @")\b)(?<!\b(o|qual|como|esse|este|no|um) processo)" +
        // "vou processar a papelada": paperwork, not a lawsuit.
        @"(?! (ainda |bem |direito )?(a |o |os |as |minha |meu |meus |minhas |essa |esse |essas |esses |esta |este |estas |estes |sua |seu |suas |seus |uns |umas )?(noticias?|ideia|luto|perda|tudo isso|papelada|papeis|documentacao|documentos?|pedidos?|pagamentos?|cadastro|dados|solicitac\w+|informac\w+|planilhas?|folha|ponto|escala|arquivos?|notas?|exames?|receitas?|guias?|fichas?|formularios?)\b)" +
        @"|\bjuizado\b|\b(vou|ir|irei|vamos|fui|passar) (na|a|ate a|para a) delegacia\b|\bna delegacia\b(?<!perto da delegacia)|(?<!\b(tive que|tivemos que|precisei|precisamos|teve que|tiveram que|precisou|precisaram) )\b(chamar|chamo|chamarei|acionar|aciono|acionarei|vou na|vou a|ir na|queixa na|registrar na|denunciar na|denunciar a|denunciar para a) (a )?policia\b(?!(?: \w+){0,3} (tirar|renovar|buscar|pegar|emitir) (o |meu |a |minha )?(passaporte|documento|rg|identidade|visto|antecedentes|atestado)\b)|\bcaso de policia\b|\b(fazer|fiz|registrar|registrei|abrir|abri|dar|dei|fazendo) (um |o )?(bo|b o)\b" + OwnLossBefore + AboutOwnLoss + @"|\bboletim\b(?! de ocorrencia)" + AboutOwnLoss + @"|\bqueixa formal\b|\breclamar formalmente\b" +
        @"|\b(" + Council + @"|anpd)\b.*\b(reclam|denunc|queixa|formal|representa)|\b(reclam|denunc|queixa|representa)\w*\b.*\b(" + RegionalCouncil + @"|anpd)\b" +
        // "vou levar essa empresa pro Cremesp", "acionar o CRM", "o CRM vai saber disso" — not "levar o CRM" (the card).
        @"|\b(levar|levo|levarei|levando|leva)\b(?: \w+){0,3}? (ao|para o|ate o|junto ao|perante o) (" + Council + @"|conselho)\b(?! tutelar)" +
        // Twenty-fifth blind set: "denunciei vocês no CRM" — the step already taken, in the past.
        @"|\b(denunciar|denuncio|denunciei|denunciamos|reclamar|reclamo|reclamei|acionar|aciono|acionarei|acionei|recorrer|recorro|recorri|representar|representei|reportar|reporto|reportei|reportarei)\b(?: \w+){0,3}? (ao|para o|no|o|junto ao|perante o) (" + Council + @"|cfm)\b" +
        // Twenty-fifth blind set: "vou acionar o MP", "levo isso pro MPF" — the public prosecutor by its initials, after a step.
        @"|\b(denunciar|denuncio|denunciei|acionar|aciono|acionarei|acionei|levar|levo|levarei|recorrer|recorro|recorrerei|representar|ir|vou)\b(?: \w+){0,3}? (ao|para o|no|o|junto ao|perante o) mp(f|e)?\b" +
        @"|\b(" + Council + @"|sindicato( dos medicos)?) (vai|vao|vai ficar) saber\b" +
        // Consumer and data-protection bodies: "vou colocar vcs no Reclame Aqui", "nos termos da LGPD", "ANPD".
        // LGPD invoked on the doctor's own data or against the company — "a LGPD exige que o hospital guarde o prontuário" is not.
        @"|(?<!\b(vi|li|olhei|pesquisei|consultei|procurei|chequei|vejo|leio) (no |o )?)(?<!\b(achei|conheci|encontrei|vi|descobri) (voces|voce|a empresa|essa empresa) (pelo|no|via) )\breclame ?aqui\b|\bconsumidor gov\b|\b(anpd|cnpd)\b|\bautoridade nacional de protecao de dados\b" +
        @"|\b(nos termos da|com base na|pela|segundo a|conforme a|de acordo com a|fere a|ferindo a|viola a|violando a|descumpr\w* a|infring\w* a|contra a) " + DataLaw + @"\b" +
        @"|\b(" + DataLaw + @")\b(?! (obriga|exige|permite|preve|determina|diz|ok|de acordo|ciente|aceito|autorizo|tranquilo)\b).*\b(meus dados|dados pessoais|meu telefone|meu numero|meu contato|solicit\w*|direito|direitos|titular|consentimento)\b" +
        @"|\b(meus dados|dados pessoais|solicit\w*|consentimento)\b.*\b(" + DataLaw + @")\b" +
        @"|\bparar n[oa] (" + Council + @"|procon|reclame aqui)\b" +
        @"|\breclamacao formal\b|\bnotificacao\b.*\bextrajudicial\b|\bdenunci(a|ar|ando|arei|o)\b(?! (de |da |do |por )?(um |uma |o |a )?(maus tratos|violencia|abuso|agressao|estupro|abandono de incapaz|paciente|pacientes|desaparecimento|desaparecid[oa])\b)(?! (um |uma |o |a |esse |essa |este |esta )?(erro|erros|bug|bugs|falha|falhas|defeito|defeitos)\b)|\bautuacao\b|\bautuad[oa]s?\b|\bjudicializ\w*|\blevar (isso |essa situacao |o caso )?(ao|para o) (crm|cremesp|conselho)\b" +
        @"|\b(crm|cfm)\b.*\b(reclamacao|reclamar|denuncia|queixa)\b|\b(reclamacao|reclamar|denuncia|queixa)\b.*\b(crm|cfm)\b|\bministerio (publico|do trabalho)\b(?<!\b(declaracao|declaracoes|documento|documentos|certidao|comprovante|comprovantes|relatorio|formulario|cadastro|registro) (para o|para|do|no|ao) ministerio (publico|do trabalho))|\bmpt\b|\bdefensoria\b|(?<!\btem )\bboletim de ocorrencia\b" + OwnLossBefore + AboutOwnLoss +
        @"|\b(medidas?|providencias?) (legais|judiciais|cabiveis)\b|\bprocesso (trabalhista|judicial|contra)\b|\b(reclamacao|reclamatoria) trabalhista\b|\btribuna(l|is)\b|\bintimacao\b|\bprocessa (voces|voce|a empresa)\b|\bprocessa(r|rei)? (los|las|lo|la)\b|\bacao (trabalhista|de cobranca|de indenizacao|contra)\b|\b(entrar|entro|entrei|entramos|entrarei|entrando|mover|movo|movi|abrir|abro|abri|abrirei|meter|meto|enfiar|enfio|tacar|taco|botar|boto|tomar|tomarem|levar|levarem|responder|responderem) (com |uma |com uma |com a |um |com um |a um )?(acao|processo)\b(?! seletivo| de (credenciamento|cadastro|selecao))" +
        @"|\bquebra de contrato\b" +
        // Thirty-fourth blind set: a complaint filed with the health-plan agency ("vou fazer uma reclamação na ANS contra vcs").
        @"|\b(reclamac\w+|reclamar|reclamo|reclamei|reclamarei|queixa)\b(?: \w+){0,2}? (na|a|para a|junto a|perante a) (ans|anvisa)\b" +
        // Eighteenth blind set: "vocês estão pedindo um processo" — the idiom of a lawsuit coming.
        @"|\b(pedindo|pediu|pedem|pede) (um |uns )?process(o|os|inho)\b" +
        // The same threats in the English and Spanish doctors mix in: "my lawyer will contact you", "mi abogado".
        @"|\b(lawyer|lawyers|attorney|lawsuit|abogad[oa]s?)\b|\bsue (you|voces|the company)\b" +
        @"|\bdescumpr\w* (o |do |nosso |meu |com o )?contrato\b|\bcontest\w* formalmente\b|\bfere (a )?clt\b" +
        @"|\batras dos meus direitos\b|\bbuscar (os )?meus direitos\b|\bprocessinho\b|\bprocesso etico\b|\bsindicancia\b|\bsindicato\b.*\bacionad|\b(queixa|denuncia|reclamacao|representacao)\b.*\bconselho regional\b|\bindenizacao\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex Legal();

    [GeneratedRegex(
        // "um absurdo de bom", "nunca mais acho igual": praise in the words of a complaint.
        @"\babsurd[oau]s?\b(?! de (bom|boa|bons|boas|barato|lindo|linda|legal|bem|gostoso))|\br[ie]dicul[oa]s?\b(?! de (bom|barato))|\bvergonha\b|\bvergonhos[oa]s?\b|\bdesrespeit[ou]\b|\bfalta de respeito\b" +
        // Derived and diminutive forms ("desrespeitosos", "absurdamente", "absurdozinho", "horrorosa") and the Spanish
        // the Cuban and Argentinian doctors mix in ("una vergüenza", "falta de respeto"): each counts as its base word.
        @"|\bdesrespeitos[oa]s?\b|\babsurdamente\b|\b(absurd|ridicul)[oa]zinh[oa]s?\b|\bhorroros[oa]s?\b|\bverguenza\b|\bfalta de respeto\b|\bshame on you\b" +
        @"|\bnunca mais\b(?! (acho|vou achar|encontro|vou encontrar|vi|vejo|tive|terei) (igual|outr[oa]|parecid[oa]|melhor|nada igual))(?! (\w+ ){1,3}(naquele|naquela|nesse|nessa|neste|nesta|la|ali)\b)" +
        @"|\bpessim[oa]s?\b|\bhorrivel\b|\bhorriveis\b|\bodeio\b|\bodio\b|\braiva\b|\binaceitavel\b|\bescandalo\b|\bpalhacada\b" +
        @"|\bsafad[oa]s?\b|\bmentiros[oa]s?\b|\bgolpe\b|\bcalotes?\b|\bgolpistas?\b|\bfraude\b|\bdescaso\b" +
        // Beyond the specified examples (docs/decisions.md#handoff), the same register as doctors write it (still two distinct ones needed).
        @"|\bincompet(ente|entes|encia)\b|\bdesorganiza(d[oa]s?|cao)\b|\bbagunca\b|\bpalhac[oa]s?\b|\bpiada\b|\blixo\b" +
        @"|\bmerda\b|\bbosta\b|\bporcaria\b|\bporra\b|\bsacanagem\b|\bhumilha(nte|cao)\b|\bdesuman[oa]\b|\bindignad[oa]\b|\brevolta(d[oa]|nte)\b|\bdesgraca\b" +
        @"|\bdecepciona(d[oa]|nte)\b|\bdecepcao\b|\binsatisfeit[oa]s?\b|\benganad[oa]\b|\benrola(d[oa]|cao)\b|\bpatetic[oa]s?\b" +
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
        "absurd", "ridicul", "redicul", "vergonh", "desrespeit", "falta de respe", "horroros", "verguenza", "shame", "nunca mais", "pessim",
        "horriv", "odeio", "odio", "raiva", "inaceitavel", "escandalo", "palhac", "safad", "mentiros", "golp", "calote", "fraude",
        "descaso", "incompet", "desorganiza", "bagunca", "piada", "lixo", "merda", "bosta", "porcaria", "porra", "sacanagem",
        "humilha", "desuman", "indignad", "revolta", "desgraca", "decep", "insatisfeit", "enganad", "enrola", "patetic",
        "unacceptable", "worst", "falta de consid", "outrageous", "disgusting", "disgrace", "scam", "liar", "inacreditavel", "falta de profis", "pt da vida", "furios", "saco cheio", "vtnc",
        "vai se f", "tomar no cu", "puta", "puto", "caralho", "pqp", "canalha", "vagabund", "picareta", "ladrao", "ladroes",
        "idiota", "imbeci", "nojent", "desonest", "irresponsave", "cretin", "escrot", "pilantra", "fdp",
    ], StringComparison.Ordinal);

    internal static bool MayBeStrong(string t) => t.AsSpan().ContainsAny(StrongWordStems);

    internal static bool StrongWordsMatch(string t) => StrongWords().IsMatch(t);

    /// <summary>Abusive words aimed at the company or Júlia (used in the "insults aimed at" expression below).</summary>
    const string Insult = @"canalhas?|desgracad[oa]s?|vagabund[oa]s?|picaretas?|ladr(ao|oes|ona|onas)|safad[oa]s?|idiotas?|imbecil|imbecis|burr[oa]s?" +
        @"|lixos?|palhac[oa]s?|incompetentes?|merdas?|r[ie]dicul[oa]s?|desonest[oa]s?|mentiros[oa]s?|golpistas?|irresponsave(l|is)|lascad[oa]s?" +
        @"|otari[oa]s?|babacas?|cretin[oa]s?|escrot[oa]s?|nojent[oa]s?|porcos?|trambiqueir[oa]s?|caloteir[oa]s?|estelionatari[oa]s?|pilantras?" +
        @"|inuteis|inutil|vermes?|bostas?|sem vergonhas?|fdp|filh[oa]s? da puta|pau no cu|moleques?|amador(a|as|es)?|porcas?" +
        // Fourteenth blind set: "bando de enrolão", "empresa mequetrefe", "vocês são uns sem noção".
        @"|enrol(ao|oes|ona|onas)|mequetrefes?|fajut[oa]s?|vigaristas?|sem nocao" +
        // Sixteenth blind set: "trouxas!" at the readers.
        @"|trouxas?" +
        // Nineteenth blind set: "enganadores!".
        @"|enganador(a|es|as)?" +
        // Twenty-ninth blind set: "vocês são patéticos", "insuportáveis", "uns caras de pau".
        @"|patetic[oa]s?|insuportave(l|is)|caras? de pau" +
        // Thirty-second blind set: "arrombados!" at the readers.
        @"|arrombad[oa]s?";

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
        @"|^(vai|va|vao) (para o|ao) (caralho|diabo)\b|\b(vai|va|vao) (para o|ao) (caralho|diabo) (voces|vcs|voce|todos|todo mundo|essa empresa|julia)\b|\b(voces|vcs|voce) (vao|vai) (para o|ao) (caralho|diabo)\b" +
        // An insult aimed at the company: "vocês são uns canalhas", "seus desgraçados", "bando de ladrões", "robô idiota", "empresa lixo".
        @"|\b(voces sao|voce e|vcs sao|tu e|tu es|seus|suas|seu|sua|empresa|empresinha|robo|bot|julia|agencia|" + Service + @")( tudo)?( (um|uns|uma|umas))?( (tao|muito|mt|mais|bem))?( (bando|cambada|corja) de)? (" + Insult + @")\b" +
        // Thirteenth blind set: a noun of scorn for what they are ("vocês são uma piada", "essa empresa é uma vergonha").
        @"|\b(voces sao|voce e|vcs sao|essa empresa e|esta empresa e|a empresa e|sua empresa e|essa agencia e)( (um|uma))?( (grande|verdadeira|tremenda|bela|completa))? (piada|vergonha|palhacada|fraude|farsa|desgraca|furada|cilada|roubada|enganacao|bagunca|zona)\b" +
        // Sixteenth blind set: the noun of scorn first ("uma piada essa empresa", "que vergonha de empresa"), and only
        // insults working there ("só tem incompetente aí", "nessa empresa"; a hospital is not named, so NotOurs is not needed).
        @"|\b(uma|um|que)( (grande|verdadeira|tremenda|bela|completa))? (piada|vergonha|verguenza|palhacada|fraude|farsa|furada|cilada|roubada|enganacao|bagunca|zona) (essa|esta|sua|de) (empresa|agencia)\b" +
        // Thirty-fourth blind set: the same said to us ("que piada vocês", "uma vergonha vocês"), closing the message.
        @"|\b(uma|um|que)( (grande|verdadeira|tremenda|bela|completa))? (piada|vergonha|palhacada|fraude|farsa) (voces|vcs)( (hein|ein|mesmo|viu|ne))?$" +
        @"|\bso tem (" + Insult + @") (ai|nessa empresa|nesta empresa|na empresa de voces|com voces)\b" +
        @"|\b(merda|bosta|porcaria|porqueria|lixo|porra|joca|bagaca) de (" + Service + @")\b" + NotOurs + @"|\b(" + Service + @") (de )?(merda|bosta|quinta|porcaria|lixo)\b" + NotOurs +
        @"|\b(atendimento|servico|app|aplicativo|empresa|agencia|robo|bot|(sistema|plataforma|suporte)(?= de voces| da empresa| dessa empresa))( de voces| da empresa| dessa empresa)? (e|ta|esta|virou|continua) (um|uma) (" + Insult + @"|porcaria|piada|vergonha)\b(?! de\b)" +
        // "merda de empresa", "lixo de robô": the insult before the company.
        @"|\b(empresa|empresinha|agencia|robo|bot|julia)\b(?<=\b(merda|mierda|bosta|porcaria|porqueria|lixo|droga|porra|desgraca) de \w+)" +
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
        @"|\b(voces|vcs|voce)( (so )?(podem|pode|devem|deve))?( (estao|tao|ta|esta|so|estar))? (de|fazendo|com) (sacanagem|palhacada|putaria|brincadeira|zoeira|zoacao|gozacao) (comigo|com a gente|com os medicos|com o medico|com a medica)\b" +
        // Twenty-ninth blind set: senseless or shameless, said of us ("vocês não têm noção", as "vocês são uns sem noção" — not
        // "…noção de quando cai?", a question; "vocês têm muita cara de pau", as "uns caras de pau"), robbing him ("vocês estão me
        // roubando", as "ladrões"), of no use ("essa máquina não serve pra nada", as "inútil"). A rhetorical "vocês não têm
        // vergonha?", "vocês mentiram pra mim", "vocês me passaram a perna" stay `neutro`, as the corpus has them.
        @"|\b(voces|vcs|voce|essa empresa|esta empresa|a empresa|essa julia)( realmente| mesmo| definitivamente)? nao tem( mais| nenhuma| um pingo de| o minimo de)? (nocao|desconfiometro)\b(?! (de|da|do|dos|das|se|quando|quanto|como|onde|qual|que)\b)" +
        @"|\b(voces|vcs|voce|essa empresa|esta empresa|a empresa) (tem|tiveram|teve)( muita| mt| tanta| uma)? cara de pau\b" +
        @"|\b(voces|vcs|essa empresa|esta empresa|a empresa)( (estao|tao|ta|esta|so|sempre|ja))? me (roubando|roubaram|roubam|roubou|lesando|lesaram)\b" +
        @"|\b(voce|voces|vcs|julia|robo|bot|(essa|esta|sua|a) (maquina|ia|empresa|empresinha|agencia|assistente))( \w+)? nao (serve|servem) (para|de) nada\b" +
        // Thirty-sixth blind set: of no use even for their own job ("nem pra pagar direito vcs servem", "vocês não servem nem pra
        // pagar em dia").
        @"|\bnem para (\w+ ){1,3}(voce|voces|vcs|essa empresa|a empresa|essa julia|esse robo|esse bot) (serve|servem|presta|prestam)\b|\b(voce|voces|vcs|essa empresa|a empresa) nao (serve|servem|presta|prestam) nem para\b" +
        // Twenty-ninth blind set: the bot or the company by another noun, then the insult ("você é uma máquina burra", "vocês são uma
        // empresa amadora"), or called a name through a copula ("essa IA é uma porcaria", "essa empresa virou uma zona").
        @"|\b(voce e|voces sao|vcs sao|tu e|tu es)( (um|uma|uns|umas))? (maquinas?|maquininhas?|robos?|robozinhos?|bots?|ia|assistentes?|empresas?|empresinhas?|agencias?)( (tao|muito|mt|mais|bem))? (" + Insult + @")\b" +
        @"|\b((essa|esta|sua|a) (ia|maquina|assistente|empresinha)|inteligencia artificial)( de voces| da empresa)? (e|eh|ta|esta|virou|continua) (um|uma) (" + Insult + @"|porcaria|piada|vergonha|zona|bagunca)\b(?! de\b)" +
        @"|\b(essa|esta|a|sua) empresa( de voces)? (e|eh|ta|esta|virou|continua) (um|uma) (zona|bagunca)\b(?! de\b)" +
        // Twenty-ninth blind set: the diminutive called names as the company is ("empresinha de fundo de quintal", as "empresa de
        // fundo de quintal"; "que empresinha hein" alone stays `neutro`, as the corpus has it).
        @"|\bempresinha (de )?(merda|bosta|quinta|porcaria|fundo de quintal|meia tigela)\b" +
        // "enfia essa vaga no cu".
        @"|\benfi(a|e|em) (essa |esse |sua |seu |a |o |as |os |suas |seus )?(\w+ )?(no|na) (cu|rabo|bunda)\b" +
        // "bando de ladrões, …" opens the message at them; "um bando de ladrões levou os monitores" tells a story.
        @"|(?<!\bum )\b(bando|cambada|corja) de (" + Insult + @")\b" +
        @"|\bempresa (de )?(merda|bosta|quinta|porcaria|fundo de quintal)\b" +
        // Anger aimed at the company: "tô puto com vocês", "tenho nojo de vocês", "odeio essa empresa".
        @"|(?<!\bnao (estou|estamos|fiquei|fico|sou|estava|tenho) (com )?(nenhuma )?)\b(" + Anger + @") (com|de) (" + Target + @")\b|\bodeio (" + Target + @")\b|\b(" + Anger + @")( (mortal|total|enorme|imens[oa]|profund[oa]|tremend[oa]))? (dessa|desta|da) (empresa|agencia|julia)\b" +
        // Fourteenth blind set: an insult through a copula with no article ("essa robô é inútil", "a Julia é burra demais",
        // "essa empresa é muito desonesta"), worth nothing ("vocês não valem nada"), a milder curse aimed at the reader
        // ("vai se ferrar vocês", opening the message or with its target; not "o paciente vai se ferrar"), and being made
        // angry by them ("vocês conseguiram me irritar").
        @"|\b(robo|bot|julia|(essa|esta|sua|a) ia|assistente|(essa|esta|sua) (empresa|agencia))( de voces| da empresa)? (e|eh|ta|esta|continua|virou|so pode ser)( (muito|tao|mais|bem|totalmente|completamente|super|mesmo|uma|um))? (" + Insult + @")\b" +
        @"|\b(voces|vcs|essa empresa|esta empresa|a empresa|essa julia|voce) nao (vale|valem) nada\b" +
        // Nineteenth blind set: "vocês não prestam"; anger at something of theirs ("irritado com a desorganização de vocês").
        @"|\b(voces|vcs|essa empresa|esta empresa|a empresa) nao (presta|prestam)\b" +
        // Twenty-seventh blind set: …or through a relative clause ("indignado com o tratamento que vocês me deram", "com o que vocês fizeram").
        @"|\b(" + Anger + @"|irritad[oa]) com (o|a|os|as) ((\w+ ){1,3}(de voces|da empresa|dessa empresa|desta empresa)|(\w+ ){0,3}que (voces|vcs|essa empresa|a empresa|a julia|voce))\b" +
        // Eighteenth blind set: the copula a few words after its subject ("vocês me enganaram, são uns mentirosos").
        @"|\b(voces|vcs)\b(?: (?!sao\b)\w+){1,3} sao (uns|umas|um bando de|uma cambada de) (" + Insult + @")\b" +
        @"|^(vai|va|vao) (se|te) (ferrar|lascar|danar)\b|\b(vai|va|vao) (se|te) (ferrar|lascar|danar) (voces|vcs|voce|todos|todo mundo|essa empresa|julia)\b|\b(voces|vcs|voce) (vao|vai) se (ferrar|lascar|danar)\b" +
        @"|\b(voces|vcs|voce|essa empresa|a empresa|essa julia)(?: (?!nao\b)\w+){0,3} me (irrit(a|am|aram|ou|ar|ando)|tir(a|am|aram|ou|ar|ando) do serio)\b" +
        // Twenty-first blind set: their name threatened in public — "vou expor vocês no instagram", "vou falar mal de vcs pra todo
        // mundo", "vou queimar o filme dessa empresa".
        @"|\b(vou|vamos|irei|vou ter que) (expor|difamar|detonar|queimar|denegrir|falar mal de|falar muito mal de|queimar o filme de|queimar o filme da|queimar o filme dessa) (voces|vcs|a empresa|essa empresa|esta empresa|da empresa|dessa empresa|o nome de voces)\b" +
        // Thirty-first blind set: the same with the place named and no object ("vou expor no LinkedIn"), as a post for all to see
        // ("vou postar isso no linkedin pra todo mundo ver"), a video exposing them, the press ("vou falar com a imprensa").
        @"|\b(vou|vamos|irei|vou ter que) (expor|difamar|detonar) (isso |tudo |o caso |essa historia |essa situacao )?(no|na|nas|nos|em) (linkedin|instagram|insta|twitter|facebook|face|tiktok|youtube|redes sociais|rede social|redes|internet|imprensa|midia)\b" +
        @"|\b(vou|vamos|irei) (postar|publicar|divulgar|espalhar|contar|expor) (isso|tudo|essa historia|o caso|essa situacao|o que voces fizeram)(?: \w+){0,3} para todo mundo (ver|saber)\b" +
        @"|\bexpondo (voces|vcs|a empresa|essa empresa|esta empresa|o nome de voces)\b" +
        // Thirty-eighth blind set: what they did told to all ("vou contar pra todo mundo no grupo como vcs tratam médico", "vou fazer
        // um post contando tudo que vcs fizeram"), a one-star review, noise made on the networks.
        @"|\b(vou|vamos|irei)\b(?: \w+){0,4}? (contar|contando|divulgar|espalhar|postar|publicar|expor)\b(?: \w+){0,8}? (o que|como|tudo que|tudo o que) (voces|a empresa|essa empresa) (fazem|fizeram|fez|faz|tratam|trataram|estao fazendo)\b" +
        @"|\b(vou|vamos|irei) (deixar|dar|colocar|postar) (uma )?(avaliacao|nota|review) (de )?(1|uma|zero|0) estrelas?\b|\bfazer (muito )?barulho (nas|na|no) (redes|rede|internet|instagram|linkedin|twitter|facebook|tiktok)\b" +
        @"|\b(vou|vamos|irei) (falar com|procurar|acionar|chamar|contar (tudo |isso )?para|levar (isso |o caso |tudo )?(para|a|ao)|botar (isso )?na|jogar (isso )?na)( a| o)? (imprensa|midia|jornal|jornalistas|reportagem)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex VeryStrong();

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
        "foder", "fuder", "vsf", "tnc", "tmnc", "tomar no ", "puta", "merda", "foda", "caralho", "diabo", "ferrar", "lascar", "danar",
        // Insult.
        "canalha", "desgraca", "vagabund", "picareta", "ladrao", "ladroes", "ladrona", "safad", "idiota", "imbeci", "burro",
        "burra", "lixo", "palhac", "incompetente", "ridicul", "redicul", "desonest", "mentiros", "golpista", "irresponsave", "lascad",
        "otari", "babaca", "cretin", "escrot", "nojent", "porco", "porca", "trambiqueir", "caloteir", "estelionatari",
        "pilantra", "inut", "verme", "bosta", "vergonha", "fdp", "pau no cu", "moleque", "amador", "enrolao", "enroloes",
        "enrolona", "mequetrefe", "fajut", "vigarista", "sem nocao", "trouxa", "enganador",
        // Nouns of scorn and what the company gives called names ("serviço de quinta", "droga de empresa", "enfia essa vaga…").
        "piada", "fraude", "farsa", "furada", "cilada", "roubada", "enganacao", "bagunca", "porra", "joca", "bagaca", "quinta",
        "droga", "enfia", "enfie", "porqueria",
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
        return (PtBrText.ClauseEnds(text, words.Length) & (1UL << (words.Length - 2))) != 0;
    }

    [GeneratedRegex(@"^(" + Insult + @")$", RegexOptions.CultureInvariant)]
    private static partial Regex PluralInsult();

    /// <summary>Insults for a person (not "merda", "lixo", which alone are exclamations or things).</summary>
    [GeneratedRegex(@"^(idiota|imbecil|burr[oa]|otari[oa]|babaca|cretin[oa]|escrot[oa]|incompetente|inutil|palhac[oa]|picareta|vagabund[oa]|canalha|desgracad[oa]|pilantra|safad[oa]|mentiros[oa]|golpista|ladrao|ladrona|trambiqueir[oa]|caloteir[oa]|estelionatari[oa]|fdp|lascad[oa]|sem vergonha|arrombad[oa])$", RegexOptions.CultureInvariant)]
    private static partial Regex PersonInsult();

    // One word in its forms counts once: "absurdo"/"absurda", "desrespeito"/"falta de respeito", "incompetente"/"incompetência".
    static string Stem(string word) => word switch
    {
        "falta de respeito" => "desres",
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
