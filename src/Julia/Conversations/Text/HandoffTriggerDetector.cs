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
        // Sixty-sixth blind set: "ele disse 'vcs são uns incompetentes' pro enfermeiro" — someone else's words quoted (HandoffTriggerDetector.Quoted.cs).
        if (found is not null && text!.AsSpan().IndexOfAny(QuoteMarks) >= 0 && OnlyInReportedSpeech(text!, found)) return null;
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

    [GeneratedRegex(@"^((ah|ok|ta|pronto) )*(deixa para la|deixa quieto|ja resolvi|ja resolveu|ja resolveram|ja consegui|consegui resolver|ja achei|agora vi|deixa( que)? (ja )?(achei|vi|consegui|resolvi)|so (para|por) (saber|curiosidade)( (o nome|mesmo|quem e))?$|(nao )?melhor nao|(nao )?melhor( me)?( manda| mandar| mande| escreve| escrever)? (por|pela|pelo) (mensagem|escrito|aqui|texto|whatsapp|chat))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ClauseTakenBack();

    /// <summary>
    /// The look-alike <paramref name="m"/> found in <paramref name="t"/> is all there is of <paramref name="trigger"/>: with
    /// it blanked out, the message no longer reads as that trigger (the look-alike checks of the partial classes).
    /// </summary>
    static bool OnlyInside(Match m, string t, string trigger) =>
        m.Success && DetectInOne(t.Remove(m.Index, m.Length).Insert(m.Index, " ")) != trigger;

    static string? DetectInOne(string? text)
    {
        // Fortieth blind set: "f*da-se essa empresa", "vai se f*der" — the curse read as written out (HandoffTriggerDetector.Censored.cs).
        if (text is not null) text = Uncensored(text);
        var t = PtBrText.Normalise(text);
        // Nineteenth blind set: "🤬🤬🤬", "🖕" — cursing in emojis alone (one face alone stays an exclamation).
        if (t.Length == 0) return RageInEmojis(text) >= 2 ? HandoffTriggers.NegativeSentiment : null;
        // Fifty-sixth blind set: "🖕🖕 vcs" — the same emojis with only whom they are aimed at (HandoffTriggerDetector.Exposure.cs).
        if (OnlyWhoTheRageIsAimedAt(t) && RageInEmojis(text) >= 2) return HandoffTriggers.NegativeSentiment;
        var words = t.Split(' ');
        // Nineteenth blind set: a legal word misspelt ("prossesso", "dinunciar", "adivogado") is read as the word.
        if (LegalTypos.Fixed(words) is { } spelt) { words = spelt; t = string.Join(' ', words); }
        // Fiftieth blind set: "vou reclamar no pro com" — dictation splitting "Procon" (HandoffTriggerDetector.Dictated.cs).
        if (DictatedBodies(t) is var joined && !ReferenceEquals(joined, t)) { t = joined; words = t.Split(' '); }
        var clauseEnds = PtBrText.ClauseEnds(text, words.Length);
        // "vocês têm atendente humano ou é tudo robô?" asks what Júlia is, which the agent answers (docs/decisions.md#agent).
        var asksIfBot = t.Contains(" ou ", StringComparison.Ordinal) && BotQuestion().IsMatch(t) && !Wants().IsMatch(t);
        // "quero falar com um humano... brincadeira, você tá me ajudando bem": the request taken back.
        // Sixtieth blind set: "isso é assédio? não, tô brincando" — the question answered "não," then taken back (HandoffTriggerDetector.Rights.cs).
        if (t.Contains("brinc", StringComparison.Ordinal) && (TakenBack().IsMatch(t) || NoJustKidding().IsMatch(text!))) return null;
        // Twentieth blind set: "Sou advogado da Dra. Paula e peço que entrem em contato com o escritório" — a lawyer writing for
        // a doctor makes whatever he asks a legal matter, a contact asked for included.
        if ((t.Contains("advogad", StringComparison.Ordinal) || t.Contains("represent", StringComparison.Ordinal)) && LawyerForADoctor().IsMatch(t))
            return HandoffTriggers.Legal;
        // Forty-second blind set: "vou falar com o jurídico do sindicato" — the union's lawyers are a legal step, not our legal team asked for.
        if (UnionsLawyer(t)) return HandoffTriggers.Legal;
        // Seventy-first blind set: our legal department asked for to be served a notice (HandoffTriggerDetector.Reach.cs).
        if (LegalDepartmentToBeServed(t)) return HandoffTriggers.Legal;
        // Thirty-eighth blind set: the person asked for with many words between ("manda a pessoa que cuida do meu cadastro falar
        // comigo"); not the hospital's staffing asked about, a call offered or declined, a job wanted (HandoffTriggerDetector.Indirect.cs).
        if (!asksIfBot && (AsksForPersonUnnegated(t, words, clauseEnds) || IntentVocabulary.Instance.PersonFamily(words, clauseEnds) is not null
                           || NamedPersonAsked(text!, t) || TeamThenThem(t) || FormerContactAsked(t) || OursToCallBack(t) || SentToContactMe(t)
                           || AsksThroughChannelOrPlace(t) || AsksForAChannelToUs(text!, t) || DepartmentAsked(t) || NoOneAnswersAfterAnInterjection(t)
                           || CutShortRequest(t) || RoleThenItsContact(t) || WhomToTalkToAboutIt(text!, t) || AskedInPlainerWords(text!, t)
                           || OursAskedByName(text!, t) || RefusedOrEscalated(t) || AskedInThePlainestWords(t)
                           // Sixty-fourth blind set: a lower-case name no list holds, an honorific and a role, another person (HandoffTriggerDetector.Presence.cs).
                           || AskedInPresence(t)
                           // Sixty-ninth blind set: "alguém aí??" then the wait complained of, "quero falar direto" (HandoffTriggerDetector.Presence.cs).
                           || AnyoneThereAfterAWait(text!, t) || (t.Contains("diret", StringComparison.Ordinal) && TalkDirectly().IsMatch(t)))
            && !NoPersonMeant(t) && !NotOursAsked(t) && !OnlyALookAlikeOfARequest(t) && !NotACallWanted(t)
            && !PraisedOrCompared(t) && !OwnErrandThenBack(t) && !AnswersPraised(t) && !ARequestsWordInAnotherSense(t) && !ACallNotAskedFor(t) && !NotAskedInTheseWords(t))
            return HandoffTriggers.PersonRequested;
        // Sixty-fourth blind set: "…, vou acionar", "isso é vínculo empregatício", the authorities (HandoffTriggerDetector.Presence.cs).
        if (ThreatWithoutTheWords(text!, t) && !Joke(text!, t) && !NotAboutUs(t)) return HandoffTriggers.Legal;
        var quoted = text!.AsSpan().IndexOfAny("\"“”«»") >= 0;
        if (((MayBeLegal(t) && TheDoctorsLegalStep(Legal(), t, quoted)) || (MayBeLegalMore(t) && TheDoctorsLegalStep(LegalMore(), t, quoted))
             || (MayBeLegalConsequence(t) && TheDoctorsLegalStep(LegalConsequence(), t, quoted))
             || (MayBeLegalInstrument(t) && TheDoctorsLegalStep(LegalInstrument(), t, quoted))
             || (MayBeLegalPlain(t) && TheDoctorsLegalStep(LegalPlain(), t, quoted))
             || (MayBeLegalRunaround(t) && TheDoctorsLegalStep(LegalRunaround(), t, quoted))
             || (MayBeLegalDictated(t) && TheDoctorsLegalStep(LegalDictated(), t, quoted))
             || (MayBeLegalNotice(t) && TheDoctorsLegalStep(LegalNotice(), t, quoted))
             || (MayBeLegalEvidence(t) && TheDoctorsLegalStep(LegalEvidence(), t, quoted))
             || (MayBeLegalPlainer(t) && TheDoctorsLegalStep(LegalPlainer(), t, quoted))) && !Joke(text!, t)
            && !NotAboutUs(t) && !RegistrationProgressOnly(t) && !AnErrandOrAPlaceOnly(t) && !PapersOrNewsOnly(t) && !LegalWordInAnotherSense(t) && !CrimeInAStory(t))
            return HandoffTriggers.Legal;
        var mayBeVeryStrong = MayBeVeryStrong(t);
        if (mayBeVeryStrong)
            foreach (var m in VeryStrong().EnumerateMatches(t))
                if (!ReportedOfPatient(t, m.Index, quoted) && !LaughingAtAJoke(text!, t, m.Index, m.Length)) return HandoffTriggers.NegativeSentiment;
        if (OpensWithInsult(text!, words, mayBeVeryStrong) || ForeignInsultAimed(t) || VocativeInsult(t) || TakenToThePublic(t) || MockeryOverAGrievance(t)
            || WrongedAndAngry(t) || WrongToldToColleagues(t) || CompanyWorthless(t)) return HandoffTriggers.NegativeSentiment;
        if (MayBeStrong(t) && DistinctStrongWords(t) >= 2 && !OnlyAboutTheTraffic(t)) return HandoffTriggers.NegativeSentiment;
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

    [GeneratedRegex(@"(?<![\p{L}])(?i:quero|queria|preciso|gostaria de|posso|dá pra|da pra|tem como) (?i:falar|conversar) com (?i:a|o) (?!Dr\b|Dra\b|Doutor|Doutora|Hospital|Cl[ií]nica)\p{Lu}\p{Ll}+\b(?! (?i:antes|primeiro|e te|e j[aá]))" +
        @"|(?<![\p{L}])(?i:chama|chame|chamem) (?i:a|o) (?!Dr\b|Dra\b|Doutor|Doutora)\p{Lu}\p{Ll}+ (?i:pra|para|aqui|a[ií])\b" +
        // Fifty-second blind set: "pode chamar o Beto?" as the sentence, "chama a Camila que falou comigo semana passada" — the
        // name asked for alone, or told by what she did with him (not "pode chamar a Ana pro plantão", "pode chamar o Uber?").
        @"|(?<![\p{L}])(?i:chama|chame|chamem|chamar) (?i:a|o) (?!Dr\b|Dra\b|Doutor|Doutora|Hospital|Uber\b|Samu\b|T[aá]xi\b|Bombeiro|Pol[ií]cia|Socorro|Guincho|Seguran[cç]a)\p{Lu}\p{Ll}+(?:\s*(?:\?|$)| (?i:que|q) (?i:me |j[aá] me )?(?i:falou comigo|conversou comigo|me atendeu|atendeu|me ligou|ligou|me mandou|cuida|cuidava|trabalha|fez meu|me cadastrou|me chamou))" +
        // Thirty-fourth blind set: one of the team by name asked after, as the sentence — "a Fernanda tá por aí?", "o Marcelo está
        // aí?" (not "a Fernanda tá aí comigo", nor "o Hospital…").
        @"|(?:^|[.!?,]\s*|(?i:oi|ol[aá]|bom dia|boa tarde|boa noite|e a[ií]),?\s+)(?i:e )?(?i:a|o) (?!Dr\b|Dra\b|Doutor|Doutora|Hospital|Cl[ií]nica|Pronto|Plant)\p{Lu}\p{Ll}+ (?i:ainda )?(?i:t[aá]|est[aá]|tah) (?i:por )?(?i:a[ií]|ai)\b(?:\s*(?i:hoje|agora))?\s*(?:\?|$)" +
        @"|(?<![\p{L}])(?i:me )?(?i:p[oõ]e|coloca|coloque|bota|passa|passe) (?i:em contato com|pra|para) (?i:a|o) (?!Dr\b|Dra\b|Doutor|Doutora|Hospital|Cl[ií]nica)\p{Lu}\p{Ll}+\b" +
        // Twenty-second blind set: the name with no article ("passa pra Juliana por favor"), not a day or a month.
        @"|(?<![\p{L}])(?i:me )?(?i:passa|passe|passem|transfere|transfira) (?i:pra|para|pro) (?!Dr\b|Dra\b|Doutor|Doutora|Hospital|Cl[ií]nica|Segunda|Ter[cç]a|Quarta|Quinta|Sexta|S[aá]bado|Domingo|Janeiro|Fevereiro|Mar[cç]o|Abril|Maio|Junho|Julho|Agosto|Setembro|Outubro|Novembro|Dezembro)\p{Lu}\p{Ll}+\b(?! (?i:o|a|os|as|meu|minha)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex NamedPerson();

    /// <summary>
    /// Twenty-sixth blind set: a team of ours named, then asked for by a pronoun — "cadê o pessoal da escala? quero falar com
    /// eles", "o financeiro tá aí? preciso conversar com eles" (not a team of the hospital's: "…da escala do hospital").
    /// </summary>
    static bool TeamThenThem(string t) =>
        ((t.Contains(" com eles", StringComparison.Ordinal) || t.Contains(" com elas", StringComparison.Ordinal)) && TeamByPronoun().IsMatch(t))
        || TeamPassedToThem(t);

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
            // Fifty-sixth blind set: also a line that is the predicate of the one before ("meu processo no CRM" then "já saiu"), and a
            // one-word request stands before a sentence of its own ("suporte" then "o app travou"; HandoffTriggerDetector.StatusLine.cs).
            if (after < texts.Count && OpenSentence(texts[i]) && (ContinuesTheSentence(texts[after]) || AskedToCallBack(texts[i], texts[after]) || ReportsOnTheLineBefore(texts[after]))
                && own[after] is null)
            {
                var joined = texts[i] + " " + texts[after];
                var together = Detect(joined);
                if (trigger is null && together is HandoffTriggers.PersonRequested or HandoffTriggers.Legal) (trigger, text, after) = (together, joined, after + 1);
                else if (trigger is HandoffTriggers.PersonRequested or HandoffTriggers.Legal && together is null && !OneWordRequestStands(texts[i], texts[after])) trigger = null;
            }
            // Fifty-fourth blind set: "quero falar com a" then "coordenadora", "vou fazer" then "BO" — a line left on an article or a
            // preposition, or finished by a line of one word, is read with it (HandoffTriggerDetector.Notices.cs).
            else if (trigger is null && after < texts.Count && own[after] is null && OpenSentence(texts[i]) && CutBeforeTheNextLine(texts[i], texts[after])
                     && Detect(texts[i] + " " + texts[after]) is (HandoffTriggers.PersonRequested or HandoffTriggers.Legal) and var cut)
                (trigger, text, after) = (cut, texts[i] + " " + texts[after], after + 1);
            // Twenty-sixth blind set: "cadê o pessoal da escala?" then "quero falar com eles" — the team named in the line before.
            if (trigger is null && i > 0 && TeamThenThem(PtBrText.Normalise(texts[i - 1] + " " + texts[i]))) trigger = HandoffTriggers.PersonRequested;
            // Sixtieth blind set: "a Camila me passou esse número" then "ela tá?" / "consegue me passar pra ela?" — one of ours named in
            // the line before, asked for by a pronoun (HandoffTriggerDetector.Named.cs).
            if (trigger is null && i > 0 && own[i - 1] is null && NamedInTheLineBefore(texts[i - 1], texts[i])) trigger = HandoffTriggers.PersonRequested;
            // Twenty-ninth blind set: "cadê a Fernanda?" then "era ela que me atendia" — the one who served him, asked after.
            if (trigger is null && i > 0 && FormerContactAsked(PtBrText.Normalise(texts[i - 1] + " " + texts[i]))) trigger = HandoffTriggers.PersonRequested;
            // Twenty-ninth blind set: "o paciente ficou bravo" then "queria falar com o diretor" — a line opening on its verb has the
            // subject of the line before, a patient's wish reported.
            if (trigger is HandoffTriggers.PersonRequested or HandoffTriggers.Legal && i > 0 && text == texts[i] && OpensOnAVerb(texts[i])
                && PatientSubject().Match(PtBrText.Normalise(texts[i - 1])) is { Success: true } subject && Detect(subject.Value + " " + texts[i]) is null)
                trigger = null;
            // Forty-sixth blind set: "liguei pro hospital" / "e ninguém atende" — the line finishes the one before (AndFinishesTheLineBefore).
            if (trigger is HandoffTriggers.PersonRequested or HandoffTriggers.Legal && i > 0 && text == texts[i] && AndFinishesTheLineBefore(texts[i - 1], texts[i]))
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

    [GeneratedRegex(@"^(e )?(quer|queria|querem|queriam|pediu|pede|pediram|disse|falou|exigiu|exigiram|gritou|insistiu|insistiram|ameacou|ameacaram|ameaca|ameacam)\b", RegexOptions.CultureInvariant)]
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

    [GeneratedRegex(@"\b(que|quem) (me atendia|me atendeu|me atende|cuidava de mim|cuidava (da|das|do|dos) (minha|minhas|meu|meus)|cuida (da|das|do|dos) (minha|minhas|meu|meus)|cuidou (da|das|do|dos) (minha|minhas|meu|meus)|me ligava|falava comigo|me contratou|me chamava|me mandava as vagas|me passava as vagas|fechou (comigo|meu contrato)|sempre (me atende|me atendia|me liga|me ligava|fala comigo|falava comigo|me chama|me chamava)|(sempre )?me (passa|passava|manda|mandava|oferece|oferecia) (os|as|meus|minhas) (plantoes|vagas|escalas))\b", RegexOptions.CultureInvariant)]
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
        return space > 0 && (Continuations.Contains(t[..space]) || PronounAndInfinitive(t, space) || AbbreviatedWith(next)) && !t.StartsWith("para de ", StringComparison.Ordinal)
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
    /// Forty-second blind set: "a Paula de vcs" then "pode me chamar?" — a line opening on "pode me" and a verb of calling finishes
    /// the line before when that one is only someone named (not "me manda o contrato" then "pode me chamar amanhã").
    /// </summary>
    static bool AskedToCallBack(string line, string next)
    {
        var t = PtBrText.Normalise(next);
        return (t.StartsWith("pode me ", StringComparison.Ordinal) || t.StartsWith("podia me ", StringComparison.Ordinal) || t.StartsWith("poderia me ", StringComparison.Ordinal))
               && CallBackVerb().IsMatch(t) && SomeoneNamed().IsMatch(line.Trim());
    }

    [GeneratedRegex(@"^\w+ me (chamar|ligar|retornar|responder|atender|contatar|dar um retorno)\b", RegexOptions.CultureInvariant)]
    private static partial Regex CallBackVerb();

    [GeneratedRegex(@"^(?i:a|o) (?!Dr\b|Dra\b|Doutor|Doutora|Hospital|Cl[ií]nica)\p{Lu}\p{Ll}+( (?i:de vcs|de voc[eê]s|da[ií]|da equipe|da escala|do financeiro|do RH))?$", RegexOptions.CultureInvariant)]
    private static partial Regex SomeoneNamed();

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

    /// <summary>
    /// Fifty-second blind set: "qro falar" then "c alguem" — "c" and "c/" written for "com" (normalised as "você", the other reading
    /// of "c") open the line finishing the one before.
    /// </summary>
    static bool AbbreviatedWith(string next)
    {
        var line = next.AsSpan().TrimStart();
        return line.Length > 2 && (line[0] is 'c' or 'C') && (line[1] == '/' || (line[1] == ' ' && char.IsLetter(line[2])));
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
         "quando", "todos", "todas", "ficar", "noticias", "seu", "sua", "e",
         // Forty-second blind set: "vcs vão" then "ser processados" — the passive finished on the next line.
         "ser"];

    /// <summary>
    /// Twenty-third blind set: the next message of the burst takes the line before back — "quero falar com alguém" then
    /// "deixa, já resolvi", "me liga por favor" then "não precisa, achei", "alguém pode me ligar?" then "não, melhor por
    /// mensagem", "vou processar vcs kkk" then "zoeira" — as "…brincadeira" does inside one message. Only when that
    /// message has no trigger of its own ("esquece, quero falar com uma pessoa" asks again).
    /// </summary>
    static bool TakesBackTheLineBefore(string next) =>
        (LineTakenBack().IsMatch(PtBrText.Normalise(next)) || DontNeedIt().IsMatch(next) || NoJustKidding().IsMatch(next)) && !NewNeed().IsMatch(PtBrText.Normalise(next));

    [GeneratedRegex(@"^((k+|rs+|(ha)+|ops|opa|ah|ai|ok|ta|pronto|deixa|obrigado|obrigada|valeu) )*(deixa para la|deixa quieto|esquece|desconsidera|pode desconsiderar|ignora|pode ignorar|brincadeira|estou brincando|brincando|zoeira|zoando|mentira|ja resolvi|ja resolveu|ja resolveram|resolvido|ja consegui|consegui resolver|ja achei|agora vi|ja vi|ja caiu|ja chegou|ja recebi|ja esta ok|(nao )?melhor nao|(nao )?melhor( me)?( manda| mandar| mande| escreve| escrever)? (por|pela|pelo) (mensagem|escrito|aqui|texto|whatsapp|chat))\b|^deixa$", RegexOptions.CultureInvariant)]
    private static partial Regex LineTakenBack();

    /// <summary>"deixa, …", "não precisa, …", "não precisa mais": the line opens by saying it is no longer needed.</summary>
    [GeneratedRegex(@"^\W*(deixa|(n[aã]o|ñ|n) precisa( (n[aã]o|mais))?)\s*([,.!;…]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DontNeedIt();

    /// <summary>Distinct strong words of a text (two make anger).</summary>
    internal static int StrongWordCount(string text) => DistinctStrongWords(PtBrText.Normalise(Uncensored(text)));

    static int DistinctStrongWords(string normalised) => StrongWords().Matches(normalised).Select(m => Stem(m.Value)).Distinct().Count();

    static int Precedence(string trigger) => trigger switch
    {
        HandoffTriggers.PersonRequested => 0,
        HandoffTriggers.Legal => 1,
        _ => 2,
    };
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
    [GeneratedRegex(@"\bou (e |eh |sao |e so |e tudo )?(tudo |so |um |uma |uma )?(com (um |uma )?)?(robo|robos|bot|bots|maquina|ia|inteligencia artificial|automatico)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BotQuestion();

    /// <summary>Words of wanting a person besides the question: "…ou é robô? quero falar com alguém", "…pessoa ou IA? Se for IA,
    /// me transfere pra alguém" (sixty-eighth blind set).</summary>
    [GeneratedRegex(@"\b(quero|queria|preciso|prefiro|gostaria|me passa|me passe|passa para|chama|me liga|me ligue|falar com|conversar com|me transfere|me transfira|me encaminha|me encaminhe|me coloca|me conecta)\b", RegexOptions.CultureInvariant)]
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
        @"|\b(vou|vamos|irei|iremos|vao|vai) tomar (as )?(devidas )?providencias\b(?! para (?!(receber|cobrar|reaver|garantir)\b)\w+)(?! com (o|a) (hospital|clinica|upa|ubs|coordenacao|diretoria|recepcao|portaria)\b)|\bnotific(ar|arei|aremos|ara|arao|o|ando)( formalmente| judicialmente| extrajudicialmente)? (voces|a empresa|essa empresa|vcs|voce)\b" +
        // Spanish as the doctors mix it in: "voy a demandar a la empresa".
        @"|\b(voy|vamos) a (demandar|denunciar)\w*|\bdemanda judicial\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore1();

    [GeneratedRegex(
        // "acionarei as vias legais", "pelos meios judiciais", "isso é estelionato".
        @"\b(vias|meios) (legais|judiciais|juridicas|juridicos)\b|\b(isso|isto) (e|eh) (um )?estelionato\b|\bcrime de estelionato\b" +
        // Sixteenth blind set: "meus dados foram usados sem autorização, isso é crime", "providências jurídicas serão tomadas".
        @"|\b(isso|isto)( que voces (fazem|fizeram|estao fazendo))? (e|eh) (um )?crime\b(?! de (preco|valor|salario|remuneracao|pagamento)\b)|\b(providencias|medidas) (juridicas|judiciais)\b" +
        // Twelfth blind set: "vou acionar meus direitos", "isso é assédio, vou registrar ocorrência" (not in the ward's book).
        @"|\b(acionar|aciono|acionarei|acionando|fazer valer|lutar pelos|correr atras dos|procurar|procuro|buscar|busco|ir atras dos) (os )?meus direitos\b|\b(isso|isto) (e|eh) assedio\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore2();

    [GeneratedRegex(
        @"\b(vou|irei|vamos|vou ter que|vou precisar|posso) (registrar|fazer|abrir|prestar|apresentar) (uma )?(ocorrencia|queixa)\b(?! (no|na|do|da) (livro|prontuario|paciente|sistema|plantao))" + AboutOwnLoss +
        // Thirteenth blind set: "vou colocar vcs no pau" (slang for suing), "já dei entrada no processo", "representar contra
        // vocês", a complaint to the regional council in a verb, the consumer-protection bodies and terms.
        @"|\b(colocar|coloco|colocarei|botar|boto|botarei|meter|meto|por|ponho|porei|jogar|jogo)\b(?: \w+){0,3} no (pau|juiz)\b(?! de fora)",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore3();

    [GeneratedRegex(
        @"\b(dar|dei|dou|darei|dando|demos|deu|daremos|dado) entrada (no|num|em um|em uma|na|numa|com o|com a|com um|com uma) (processo|acao)\b(?! (seletiv\w*|de|do|da|dos|das|para|interno)\b)" +
        @"|\brepresent(ar|o|arei|ei|ando|aremos) contra\b|\b(represent|reclam|denunc|queix|lev)\w*\b(?: \w+){0,5} (ao|no|para o|junto ao|perante o) conselho regional\b" +
        @"|\b(defesa|direitos?|codigo) do consumidor\b|\b(pratica|praticas|propaganda|clausula|clausulas) abusivas?\b" +
        // Fourteenth blind set: "vocês serão (citados e) intimados", "vou entrar com mandado de segurança / uma liminar".
        @"|\b(serao|sera|vao ser|vai ser|serem|sendo|vao|vai)( (citad[oa]s?|notificad[oa]s?) e)? (intimad[oa]s?|citad[oa]s?)\b|" +
        // Fifteenth blind set: "vocês vão ser processados", with us as the subject (not "o pagamento vai ser processado").
        @"(?<!\b(de|do|da) )\b(voces|vcs|voce|(essa |a |sua )?empresa|(essa |a |sua )?agencia) (vao|vai|serao|sera)( ser)? processad[oa]s?\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore4();

    [GeneratedRegex(
        // Thirty-sixth blind set: the same as what they ask for or deserve ("vcs tão pedindo pra ser processados"), and the threat
        // as a question ("quer que eu te processe?"; not "…que eu processe o pagamento").
        @"\b(pedindo|querendo|implorando|merecem|merece|merecendo|mereciam) (para |a )?ser processad[oa]s?\b|\bque (eu |a gente )?(te |os |as |vos )?process(e|em|asse|assem)\b(?! (o|a|os|as|seu|sua|seus|suas|isso|esse|essa)\b)|\bmandado de seguranca\b|\b(entrar|entro|entrarei|pedir|peco|pedirei|conseguir) (com )?(uma )?liminar\b" +
        // Nineteenth blind set: "nos vemos no fórum", "juridicamente vocês vão se ver comigo".
        @"|\b(nos vemos|a gente se ve|te vejo|vejo voces|vejo voce|nos encontramos) (no|na) (forum|tribunal|justica|juizado)\b|\b(see you|see you guys|i ll see you|ill see you) in court\b|\bnos vemos en (los tribunales|el tribunal|la corte|el juzgado|juicio)\b|\bjuridicamente (voces|vcs|voce|a empresa|essa empresa) (vao|vai)\b" +
        // Twenty-first blind set: the small-claims court by its initials ("vou te levar pro JEC"), the lawyer as the next step
        // ("próximo passo é advogado" — "é advogado" is otherwise a profession), a summons to come ("vão receber uma citação").
        @"|\b(levar|levo|levarei|leva|botar|colocar|acionar|aciono|entrar|entro|entrarei|abrir|abro|processar|processo)\b(?: \w+){0,3}? (no|o|ao|para o|pelo) jec\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore5();

    [GeneratedRegex(
        @"\bproximo passo (e|eh|sera|vai ser) (o |um |a |meu |minha |procurar (um |o |a )?)?(advogad[oa]|justica|processo|procon)\b" +
        @"|\b(vao|vai|voces vao|vcs vao|voce vai) receber (uma |a )?(citacao|intimacao|notificacao judicial|notificacao extrajudicial)\b" +
        // Twenty-third blind set: the summons awaited ("aguarde a citação"), filing in the courts' own verb ("meu escritório vai
        // ajuizar a cobrança"), and evidence kept for a lawsuit ("tô gravando tudo, vai servir de prova no processo").
        @"|\baguard(e|em|a|am|ar|ando)( \w+)? (a|sua|uma|minha) (citacao|intimacao|notificacao judicial|notificacao extrajudicial)\b|\bajuiz(ar|o|arei|aremos|amos|ando|ou|ara|arao|ada|ado)\b" +
        // Twenty-ninth blind set: the union as a step ("vou acionar meu sindicato", "levar ao sindicato dos médicos"), and "conheço
        // meus direitos" as a threat.
        @"|\b(acionar|aciono|acionarei|acionei|levar|levo|levarei|denunciar|denuncio|denunciei|reclamar|reclamo|reclamarei|recorrer|recorro|recorrerei|procurar|procuro|procurarei|encaminhar|encaminho|encaminharei)\b(?: \w+){0,3}? (ao|no|o|meu|para o|junto ao) sindicato\b|\bconheco (muito bem |bem )?(os )?meus direitos\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore6();

    [GeneratedRegex(
        // Thirty-first blind set: going to the council as the whole message or before "isso não fica assim" ("vou no conselho
        // regional", "vou no CRM"; not "vou no CRM buscar a carteirinha", an errand), the council or the bar acted on ("vou acionar
        // o conselho de medicina"), "dar parte de vocês" (to the police).
        @"\b(vou|irei|vamos|vou ter que|eu vou)( direto| agora| hoje| amanha)? (no|ao|a|para o|ate o|na|para a|ate a) (conselho regional|conselho|cfm|oab|sindicato|" + Council + @")( de medicina| dos medicos)?( (de|do|da) (sp|rj|mg|rs|pr|sc|ba|pe|ce|go|df|es|sao paulo|minas|rio))?( (e|e vou) (denunciar|reclamar|registrar|abrir|fazer)\w*)?( (hoje|amanha|agora)( mesmo| cedo)?)?( isso nao (vai ficar|fica) assim)?$" +
        @"|\b(acionar|aciono|acionarei|acionei|denunciar|denuncio|denunciarei) (o |a )?(conselho|cfm|oab)\b(?! (tutelar|de classe do hospital)\b)|\b(dar|dou|darei|dei|vou dar|vou da|vo da|vo dar) parte (de voces|de vcs|de voce|da empresa|dessa empresa|desta empresa)\b" +
        @"|\b(vai|vao|isso vai|tudo vai|vai me|isso|tudo) servir (de prova |como prova )?(no|num|para o|ao|pro|em um) processo\b|\b(provas?|gravac(ao|oes)|prints?)( \w+){0,3} (no|para o|ao|pro|do) processo\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex LegalMore7();

    /// <summary>
    /// The expressions LegalMore1…LegalMore8 as one alternation, written in pieces the JIT optimises
    /// (<see cref="RegexAlternation"/>, docs/decisions.md#detection-speed): add an alternative to the last piece, or a
    /// new piece when it passes ~1 000 characters.
    /// </summary>
    static readonly RegexAlternation LegalMorePieces = new(LegalMore1(), LegalMore2(), LegalMore3(), LegalMore4(), LegalMore5(), LegalMore6(), LegalMore7(), LegalMore8());

    static RegexAlternation LegalMore() => LegalMorePieces;

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
        "o mp", "cfm", "oab", "promotoria", "peticao", "citacao", "codigo de etica", "etica medica",
    ], StringComparison.Ordinal);

    internal static bool MayBeLegal(string t) => t.AsSpan().ContainsAny(LegalWords);

    internal static bool LegalMatches(string t) => Legal().IsMatch(t);

    static readonly string[] LegalMoreStems = ["advogad", "represent", "dano", "pequenas causas", "judiciari", "juiz", "ilegal", "providencias", "notific", "demand", "denunciar", "legais", "judicia", "juridic", "estelionato", "direitos", "assedio", "me assedi", "ocorrencia", "queixa", "no pau", "entrada", "conselho regional", "consumidor", "abusiv", "intimad", "citad", "mandado", "liminar", "processad", "processe", "processasse", "crime", "forum", "jec", "proximo passo", "citacao", "intimacao", "ajuiz", "processo", "sindicato", "conselho", "cfm", "oab", "crm", "creme", "dar parte", "da parte de voces", "in court", "tribunal", "juzgado", "la corte", "juicio", "trabalhista", "lgpd"];

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
}
