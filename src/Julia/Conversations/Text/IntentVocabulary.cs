using System.Text.Json;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Word families of deteccao.json (pt-BR, normalised), matched on the words of <see cref="Infrastructure.Text.PtBrText.Normalise"/>d
/// text: a whole message that is a bare command, a phrase anywhere, or an expression of family A followed within a few
/// words by one of family B — each unless a word right after shows the message is about a shift, not the contact.
/// A data file a reviewer can read and extend, instead of one long expression (docs/decisions.md#opt-out).
/// </summary>
internal sealed class IntentVocabulary
{
    public static readonly IntentVocabulary Instance = Load();

    sealed record Pair(string Name, Sequences A, Sequences B, int Window, bool CheckAfter, bool Pausable);

    readonly HashSet<string> exact;
    readonly Sequences courtesies;
    readonly (string Name, Sequences Items)[] optOutPhrases;
    readonly Pair[] optOutPairs;
    readonly HashSet<string> optOutExceptions, ownerExceptions;

    /// <summary>A word that, right after a stop, shows it is about one shift, not the contact (optOut.excetoDepois).</summary>
    public bool NarrowsAStop(string word) => optOutExceptions.Contains(word);
    readonly Sequences optOutBefore, personBefore, keepsContact;
    readonly int optOutExceptionWindow;
    readonly HashSet<string> personExact;
    readonly HashSet<string> prepositions, complementsOk, genericComplements, possessives, shiftNouns, specifiers;
    readonly Dictionary<string, string> typoFixes;
    readonly Sequences personPhrases;
    readonly Pair[] personPairs;
    readonly HashSet<string> personExceptions;
    readonly int personExceptionWindow;
    readonly HashSet<string> exitVerbs, negatedModals, thirdParties, thirdPartyVerbs, finalCommands, pausablePhrases, serviceWhole;
    readonly HashSet<string> ownerSubjects, notTheOwner, ownerAskingVerbs;
    readonly Sequences ownerLeftForGood, anotherNumber, pointsAtTheOwner;
    readonly Sequences thirdPartyNumber, permanentBefore, permanentAfter, pauseAfter, pauseInMessage, notTheContact;
    readonly Pair stopPair;
    readonly HashSet<string> complementedNouns, titles, articles, relations, authorities, notTheDoctors, finalCommandsOnSending;
    readonly Sequences finalConnectives, sending, unmistakablePersons, interjections;
    readonly HashSet<string> otherChannels, repeats, closingPhrases;
    readonly HashSet<string> oneOfferRefusals, offerReferences, demonstratives, topicArticles, topicPrepositions, placePrepositions,
        notAPlace, topicBreaks, everyOne, haveVerbs, askVerbs, anotherWords, afterAnother, bargainVerbs, farAway;
    readonly string[] specialtyEndings;
    readonly Sequences topicOpeners;

    IntentVocabulary(JsonElement root)
    {
        var optOut = root.GetProperty("optOut");
        exact = [.. Strings(optOut.GetProperty("exato"))];
        courtesies = new Sequences(Strings(root.GetProperty("cortesias")));
        optOutPhrases = [.. optOut.GetProperty("frases").EnumerateObject().Select(p => (p.Name, new Sequences(Strings(p.Value))))];
        optOutPairs = [.. optOut.GetProperty("pares").EnumerateArray().Select(ReadPair)];
        optOutExceptions = [.. Strings(optOut.GetProperty("excetoDepois"))];
        complementedNouns = [.. Strings(optOut.GetProperty("nucleosComComplemento"))];
        authorities = [.. Strings(optOut.GetProperty("autoridades"))];
        finalConnectives = new Sequences(Strings(optOut.GetProperty("conectivosFinais")));
        notTheDoctors = [.. Strings(optOut.GetProperty("alheios"))];
        finalCommandsOnSending = [.. Strings(optOut.GetProperty("comandoFinalComEnvio"))];
        sending = new Sequences(Strings(optOut.GetProperty("envio")));
        interjections = new Sequences(Strings(optOut.GetProperty("interjeicoes")));
        otherChannels = [.. Strings(optOut.GetProperty("outrosCanais"))];
        repeats = [.. Strings(optOut.GetProperty("repetidas"))];
        closingPhrases = [.. Strings(optOut.GetProperty("frasesFechandoOracao"))];
        optOutBefore = new Sequences(Strings(optOut.GetProperty("excetoAntes")));
        keepsContact = new Sequences(Strings(optOut.GetProperty("continuaContato")));
        optOutExceptionWindow = optOut.GetProperty("janelaExcecao").GetInt32();
        var complements = optOut.GetProperty("complementos");
        prepositions = [.. Strings(complements.GetProperty("preposicoes"))];
        complementsOk = [.. Strings(complements.GetProperty("ok"))];
        genericComplements = [.. Strings(complements.GetProperty("genericos"))];
        shiftNouns = [.. Strings(optOut.GetProperty("substantivosDePlantao"))];
        specifiers = [.. Strings(optOut.GetProperty("especificadores"))];
        var person = root.GetProperty("pessoa");
        personExact = [.. Strings(person.GetProperty("exato"))];
        possessives = [.. Strings(person.GetProperty("possessivos"))];
        typoFixes = TypoFixes(root);
        personPhrases = new Sequences(Strings(person.GetProperty("frases")));
        personPairs = [.. person.GetProperty("pares").EnumerateArray().Select(ReadPair)];
        personExceptions = [.. Strings(person.GetProperty("excetoDepois"))];
        personBefore = new Sequences(Strings(person.GetProperty("excetoAntes")));
        personExceptionWindow = person.GetProperty("janelaExcecao").GetInt32();
        unmistakablePersons = new Sequences(Strings(person.GetProperty("inequivocos")));
        var negation = optOut.GetProperty("negacao");
        exitVerbs = [.. Strings(negation.GetProperty("verbosDeSaida"))];
        negatedModals = [.. Strings(negation.GetProperty("modais"))];
        notTheContact = new Sequences(Strings(negation.GetProperty("transparentes")));
        var third = optOut.GetProperty("terceiros");
        thirdParties = [.. Strings(third.GetProperty("quem"))];
        thirdPartyVerbs = [.. Strings(third.GetProperty("pedem"))];
        thirdPartyNumber = new Sequences(Strings(third.GetProperty("numeroDele")));
        titles = [.. Strings(third.GetProperty("titulos"))];
        articles = [.. Strings(third.GetProperty("artigos"))];
        relations = [.. Strings(third.GetProperty("relacoes"))];
        ownerLeftForGood = new Sequences(Strings(third.GetProperty("deixouDeVez")));
        ownerSubjects = [.. Strings(third.GetProperty("familia"))];
        notTheOwner = [.. Strings(third.GetProperty("alheiosAoNumero"))];
        anotherNumber = new Sequences(Strings(third.GetProperty("outroNumero")));
        ownerAskingVerbs = [.. Strings(third.GetProperty("pedemPeloDono"))];
        pointsAtTheOwner = new Sequences(Strings(third.GetProperty("apontamDono")));
        // Written for the owner of this number, "o número dela" is this number: "dele"/"dela" no longer point elsewhere.
        ownerExceptions = [.. optOutExceptions.Where(w => w is not ("dele" or "dela"))];
        var time = optOut.GetProperty("tempo");
        permanentBefore = new Sequences(Strings(time.GetProperty("permanenteAntes")));
        permanentAfter = new Sequences(Strings(time.GetProperty("permanenteDepois")));
        pauseAfter = new Sequences(Strings(time.GetProperty("pausaDepois")));
        pauseInMessage = new Sequences(Strings(time.GetProperty("pausaNaMensagem")));
        pausablePhrases = [.. Strings(time.GetProperty("frasesPausaveis"))];
        finalCommands = [.. Strings(optOut.GetProperty("comandoFinal"))];
        serviceWhole = [.. Strings(complements.GetProperty("possessivosDoServico"))];
        stopPair = optOutPairs.Single(p => p.Name == "parar_envio");
        var offer = optOut.GetProperty("umaOferta");
        oneOfferRefusals = [.. Strings(offer.GetProperty("recusas"))];
        offerReferences = [.. Strings(offer.GetProperty("referencias"))];
        specialtyEndings = [.. Strings(offer.GetProperty("sufixosDeEspecialidade"))];
        demonstratives = [.. Strings(offer.GetProperty("demonstrativos"))];
        topicArticles = [.. Strings(offer.GetProperty("artigos"))];
        topicPrepositions = [.. Strings(offer.GetProperty("preposicoes"))];
        placePrepositions = [.. Strings(offer.GetProperty("preposicoesDeLugar"))];
        notAPlace = [.. Strings(offer.GetProperty("naoSaoLugar"))];
        topicOpeners = new Sequences(Strings(offer.GetProperty("abertura")));
        topicBreaks = [.. Strings(offer.GetProperty("quebras"))];
        everyOne = [.. Strings(offer.GetProperty("todos"))];
        var asks = offer.GetProperty("pedidos");
        haveVerbs = [.. Strings(asks.GetProperty("ter"))];
        askVerbs = [.. Strings(asks.GetProperty("mandar"))];
        anotherWords = [.. Strings(asks.GetProperty("objetos"))];
        afterAnother = [.. Strings(asks.GetProperty("depoisDoObjeto"))];
        bargainVerbs = [.. Strings(asks.GetProperty("negociar"))];
        farAway = [.. Strings(offer.GetProperty("longe"))];
    }

    /// <summary>
    /// The opt-out family that matches the words (`comando`, `recusa`, `remocao`, …), or null. <paramref name="lastSentence"/>:
    /// the normalised words of the message's last sentence when it is short (after its last . , ; ! ? or line break).
    /// </summary>
    public string? OptOutFamily(string[] words, string[]? lastSentence = null, ulong clauseEnds = 0, bool leftInThePast = false, IReadOnlySet<string>? names = null)
    {
        if (words.Length == 0) return null;
        // The words as written, for what is read beside a refusal (names, "teria", "quais", "longe"): one letter fixed would
        // turn them into family words ("teria" → "terça", "longe" → "longer", "pague" → "apague").
        var written = words;
        words = FixTypos(words, names);
        var core = courtesies.Strip(words);
        // One scan, not one per candidate match: "talvez", "mais pra frente" anywhere make a refusal a pause.
        // Twenty-first blind set: "nos próximos 6 meses não quero receber nada", "até 2027 não me manda nada" — a span counted
        // in days, weeks or months, or a year to wait for, is a pause too.
        var paused = pauseInMessage.FindEnd(words, 0, words.Length, out _) || CountedPause(words);
        var hisNumber = thirdPartyNumber.FindEnd(words, 0, words.Length, out _) || ForTheOwner(words);
        var exceptions = hisNumber ? ownerExceptions : optOutExceptions;
        // "não tenho interesse agora": a refusal with a time that ends is a pause, also as a whole message.
        if (core.Length > 0 && exact.Contains(string.Join(' ', core)))
            return (core[0] is "nao" or "sem" or "dispenso" && Paused(words, 0, paused, bareAgora: true)) || LeftAlready(core, words, leftInThePast) ? null : "comando";
        // Thirty-third blind set: "stop please nao quero mais" — two whole-message commands dictated or typed with no mark
        // between them, each a stop alone, are one as they are when a comma parts them (EveryClauseACommand).
        if (!paused && RunTogetherCommands(core) && !Paused(words, 0, paused, bareAgora: true)) return "comando";
        // "…mas continua me mandando as outras": the doctor keeps the contact, whatever he stops.
        if (KeepsContact(words, clauseEnds)) return null;
        // "não precisa me tirar da lista", "não quero sair agora não": a stop negated keeps the contact.
        if (KeepsContactByNegation(words, clauseEnds)) return null;
        if (EveryClauseACommand(words, clauseEnds, paused)) return "comando";
        foreach (var (name, items) in optOutPhrases)
            for (var start = 0; start < words.Length; start++)
                if (items.EndAt(words, start) is { } end && !Crosses(clauseEnds, start, end - 1) && !Near(words, end, exceptions, optOutExceptionWindow, authorities, clauseEnds) && !NarrowedDown(words, end, clauseEnds)
                    && !Before(words, start, optOutBefore, pastClauses: clauseEnds) && !Discounted(words, start, clauseEnds, hisNumber) && !(pausablePhrases.Contains(name) && Paused(words, end, paused))
                    && !ListOfTheWard(words, end) && !NarrowedShiftNoun(words, end, exceptions, clauseEnds)
                    && !(closingPhrases.Contains(name) && !ClosesClause(words, end, clauseEnds)) && !DeniedAfter(words, end, clauseEnds) && !FromNowOn(words, end)
                    && !RefusesOneOffer(words, written, start, end, clauseEnds) && !StopsAThing(words, end))
                    return name;
        foreach (var pair in optOutPairs)
            if (Matches(words, pair, exceptions, optOutExceptionWindow, before: optOutBefore, keepsGoing: true, clauseEnds: clauseEnds, paused: paused, hisNumber: hisNumber,
                        authorities: authorities) && !(pair.Name == "mandar_nao" && SendingStoppedForOne(words, written, pair, clauseEnds)))
                return pair.Name;
        // "Pare. Não quero mais.": a bare command opening the message is read as one closing it.
        return (lastSentence is not null && FinalCommand(words, lastSentence, clauseEnds)) || FinalCommand(words, AfterLastConnective(words), clauseEnds)
               || FinalCommand(words, FirstClause(words, clauseEnds), clauseEnds)
            ? "comando" : null;
    }

    /// <summary>Twenty-sixth blind set: whether a line keeps the contact (OptOutDetector.InTurn: "mudei de ideia, pode mandar" after a stop).</summary>
    public bool KeepsTheContact(string[] words, ulong clauseEnds) => KeepsContact(words, clauseEnds);

    /// <summary>
    /// Thirty-fifth blind set (OptOutDetector.InTurn): whether a normalised line is only a stop that needs the sending spoken of
    /// to stop it (`comandoFinalComEnvio`: "chega", "basta", "já deu"), courtesies aside.
    /// </summary>
    public bool StopOnlyOnSending(string normalised) =>
        normalised.Length > 0 && finalCommandsOnSending.Contains(string.Join(' ', courtesies.Strip(normalised.Split(' '))));

    /// <summary>Whether normalised words speak of the sending (`envio`: "mandar", "mensagens", "spam"…).</summary>
    public bool TalksOfSending(string[] words) => sending.FindEnd(words, 0, words.Length, out _);

    /// <summary>The words with courtesies and interjections ("sério", "né", "kkk", "aff") left out.</summary>
    public string[] WithoutCourtesies(string[] words) => interjections.Strip(courtesies.Strip(words));

    /// <summary>
    /// A phrase of <c>continuaContato</c> anywhere, unless a "não"/"nem" right before it in its clause negates it: twenty-second
    /// blind set, "não me adicione mais em nada" refuses what "me adicione" would ask.
    /// </summary>
    bool KeepsContact(string[] words, ulong clauseEnds)
    {
        for (var i = 0; i < words.Length; i++)
            if (keepsContact.EndAt(words, i) is not null
                && !(i > 0 && words[i - 1] is "nao" or "nem" && !Crosses(clauseEnds, i - 1, i))) return true;
        return false;
    }

    /// <summary>
    /// Fifteenth blind set: "Saí. Tchau", "já sai, obrigado" tell that the doctor left (the past "saí", written with its
    /// accent — <paramref name="leftInThePast"/> — or after "já"), not the command "sai".
    /// </summary>
    static bool LeftAlready(string[] core, string[] words, bool leftInThePast)
    {
        if (core is not ["sai"]) return false;
        var verb = Array.IndexOf(words, "sai");
        return leftInThePast || (verb > 0 && words[verb - 1] == "ja");
    }

    /// <summary>
    /// Fifteenth blind set: "SPAM! remove", "já chega né, não quero mais", "guys, please stop, não quero mais" — two or more
    /// clauses that are each a whole-message command (`exato`), every other clause only courtesies or interjections
    /// (`interjeicoes`: "guys", "né", "kkk"). Each clause alone would opt out, so together they do; no pause anywhere.
    /// </summary>
    bool EveryClauseACommand(string[] words, ulong clauseEnds, bool paused)
    {
        if (clauseEnds == 0 || paused || Paused(words, 0, paused, bareAgora: true)) return false;
        var commands = 0;
        var from = 0;
        for (var k = 0; k < words.Length; k++)
        {
            if (k + 1 < words.Length && !Crosses(clauseEnds, k, k + 1)) continue;
            var clause = interjections.Strip(courtesies.Strip(words[from..(k + 1)]));
            from = k + 1;
            if (clause.Length == 0) continue;
            // Twenty-first blind set: "chega. não quero mais. tira" — a bare "tira" after the commands is their object left out,
            // neither counted (alone it may be the offered shift) nor in the way.
            if (clause is ["tira" or "tire" or "retira" or "retire"] or ["pode" or "podem", "tirar" or "retirar"]) continue;
            // Thirtieth blind set: "obrigada mas não quero mais, pode encerrar" — a refusal opened by "mas" after the thanks, and
            // a bare "pode encerrar" closing the talk after it, are commands here: with another command, never alone.
            if (clause is ["mas" or "porem", _, ..]) clause = clause[1..];
            if (clause is ["pode" or "podem" or "favor", "encerrar" or "finalizar"] or ["encerra" or "encerre" or "encerrar"]) { commands++; continue; }
            // Thirty-seventh blind set: "não quero mais, pode excluir" — a bare verb of removing after a refusal is the refusal's
            // consequence, its object (this contact) left out: a command with another, never alone ("pode excluir" may close
            // another matter).
            if (clause is ["pode" or "podem" or "favor", "excluir" or "remover" or "apagar" or "descadastrar" or "deletar"]
                or ["exclui" or "exclua" or "excluam" or "remove" or "removam" or "apaga" or "apaguem" or "descadastra"]) { commands++; continue; }
            if (!exact.Contains(string.Join(' ', clause))) return false;
            commands++;
        }
        return commands >= 2;
    }

    /// <summary>Whether the words, courtesies out, are two whole-message commands (`exato`) one after the other.</summary>
    bool RunTogetherCommands(string[] core)
    {
        if (core.Length is < 2 or > 8) return false;
        for (var k = 1; k < core.Length; k++)
            if (exact.Contains(string.Join(' ', core, 0, k)) && exact.Contains(string.Join(' ', core, k, core.Length - k))) return true;
        return false;
    }

    /// <summary>
    /// "O de Mauá não tenho interesse, tem outro?", "Esse valor não me interessa": a refusal of interest (`umaOferta.recusas`)
    /// is of the one shift, place, value, specialty or day the doctor names before it (or of one too far away: "…, é muito
    /// longe"), or of the offer just made when he asks for another in the same message — he still wants offers.
    /// </summary>
    bool RefusesOneOffer(string[] words, string[] written, int start, int end, ulong clauseEnds) =>
        oneOfferRefusals.Contains(string.Join(' ', words, start, end - start)) && !EveryOneAfter(written, end, clauseEnds)
        && (NamedBefore(written, start, clauseEnds) || TooFar(written, start, end) || AsksForAnother(written, start, end, clauseEnds));

    /// <summary>
    /// Twenty-fourth blind set: "pra esse local não me manda mais", "esse de sábado não me manda mais", "desse hospital não
    /// me manda mais" — a stop of sending whose object, one offer, is named before it (as for a refusal of interest,
    /// <see cref="RefusesOneOffer"/>): every "não me manda…" of the message must be of one offer, and none goes on to
    /// every offer ("…nem nenhum outro").
    /// </summary>
    bool SendingStoppedForOne(string[] words, string[] written, Pair pair, ulong clauseEnds)
    {
        var any = false;
        for (var i = 0; i < words.Length; i++)
        {
            if (pair.A.EndAt(words, i) is not { } end) continue;
            if (EveryOneAfter(written, end, clauseEnds) || !NamedBefore(written, i, clauseEnds)) return false;
            any = true;
        }
        return any;
    }

    /// <summary>
    /// "Esse de sábado não tenho interesse, nem nenhum outro", "…, todos os outros também não": the refusal goes on to every
    /// offer in the words after it.
    /// </summary>
    static bool EveryOneAfter(string[] words, int end, ulong clauseEnds)
    {
        for (var k = end; k < Math.Min(words.Length, end + 6); k++)
        {
            // Seventeenth blind set: "não tenho interesse em nenhum desses, tem outros?" — none of the ones offered.
            if (words[k] is "nenhum" or "nenhuma" && k + 1 < words.Length && words[k + 1] is "desses" or "dessas" or "destes" or "destas" or "deles" or "delas")
                continue;
            if (words[k] is "nenhum" or "nenhuma" or "nada") return true;
            if (words[k] is "todos" or "todas" or "qualquer")
                for (var n = k + 1; n < Math.Min(words.Length, k + 5) && !Crosses(clauseEnds, n - 1, n); n++)
                    if (words[n] is "nao" or "nem") return true;
        }
        return false;
    }

    /// <summary>
    /// The refusal's object named before it ("esse de sábado não tenho interesse", "em Guarulhos não…", "pediatria eu não…"):
    /// the words from its clause's start (or a "mas", "porém"…) to the refusal, or — when only openers stand between — the
    /// short clause before it ("O de Mauá, não tenho interesse") or before the "mas" ("Esse de sexta até seria bom, mas…").
    /// </summary>
    bool NamedBefore(string[] words, int start, ulong clauseEnds)
    {
        var from = TopicStart(words, start, clauseEnds);
        if (from < 0) return false;
        if (from < start && RefersToOne(words, from, start)) return true;
        // "O de Mauá, infelizmente não tenho interesse": nothing but openers after the clause mark.
        var k = from;
        while (k < start && topicOpeners.EndAt(words, k) is { } e && e <= start) k = e;
        if (k < start || from == 0) return false;
        if (Crosses(clauseEnds, from - 1, from))
        {
            var before = TopicStart(words, from, clauseEnds, closed: true);
            return before >= 0 && RefersToOne(words, before, from);
        }
        // "Esse de sexta até seria bom, mas não tenho interesse": across a "mas" only the offer itself opening the clause —
        // not "obrigado pela oferta, mas…", thanks for every offer.
        if (from < 2) return false;
        var clause = TopicStart(words, from - 1, clauseEnds, closed: true);
        if (clause < 0) return false;
        while (clause < from - 1 && topicOpeners.EndAt(words, clause) is { } o && o < from) clause = o;
        return !topicPrepositions.Contains(words[clause]) && RefersToOne(words, clause, from - 1);
    }

    /// <summary>
    /// Where the words right before <paramref name="to"/> begin: after a clause mark or a break ("mas", "porém"), at most
    /// ten back; -1 when longer. <paramref name="closed"/>: the clause ends at <paramref name="to"/> with its own mark.
    /// </summary>
    int TopicStart(string[] words, int to, ulong clauseEnds, bool closed = false)
    {
        var from = closed ? to - 1 : to;
        while (from > 0 && !Crosses(clauseEnds, from - 1, from) && !topicBreaks.Contains(words[from - 1]))
            if (to - --from > 10) return -1;
        return from;
    }

    /// <summary>
    /// Words (openers aside: "oi", "sobre", "eu"…) that name one offer: a demonstrative ("esse", "esse aí", "essa vaga", "esse
    /// de sábado"), an article with a place or a shift ("o de Mauá", "a vaga", "o valor"; not "as vagas", every shift), a
    /// place or a time ("em Guarulhos", "de madrugada"), a day, sector or specialty ("sábado", "UTI", "pediatria"), a shift
    /// made specific ("plantão em Guarulhos") — and no word of every one ("nenhum", "qualquer", "todos").
    /// </summary>
    bool RefersToOne(string[] words, int from, int to)
    {
        var r = from;
        while (r < to && topicOpeners.EndAt(words, r) is { } e && e <= to) r = e;
        if (r >= to) return false;
        for (var k = r; k < to; k++) if (everyOne.Contains(words[k])) return false;
        return ReferenceAt(words, r, to);
    }

    bool ReferenceAt(string[] words, int r, int to)
    {
        var w = words[r];
        var n = r + 1;
        // "pediatria", "sábado à noite", "plantão em Guarulhos", "plantão noturno".
        if (OfferWord(words, r) || (shiftNouns.Contains(w) && (IsShiftSpecific(words, r, optOutExceptions) || (n < to && OfferWord(words, n))))) return true;
        if (demonstratives.Contains(w))
        {
            if (n >= to || words[n] is "ai" or "dai" or "aqui" or "eu" or "mesmo" or "tambem" or "ja" or "ae" or "la") return true;
            // "esse tipo de plantão", "esse tipo de horário" — not "esse tipo de mensagem / de oferta", which is all of them.
            if (words[n] is "tipo" or "estilo" && n + 1 < to)
            {
                n += words[n + 1] is "de" or "do" or "da" ? 2 : 1;
                return n < to && (shiftNouns.Contains(words[n]) || (OfferWord(words, n) && words[n] is not ("oferta" or "proposta" or "opcao")));
            }
            if (topicPrepositions.Contains(words[n]) && n + 1 < to) return Place(words, n + 1, anyPreposition: true);
            return OfferWord(words, n) || (shiftNouns.Contains(words[n]) && IsShiftSpecific(words, n, optOutExceptions));
        }
        if (topicArticles.Contains(w) && n < to)
        {
            // "o de Mauá", "a da noite", "os do HC".
            if (topicPrepositions.Contains(words[n]) && n + 1 < to) return Place(words, n + 1, anyPreposition: true);
            // "o plantão", "a vaga", "os plantões noturnos" — not "as vagas", "os plantões de vocês": every shift.
            if (shiftNouns.Contains(words[n]))
                return n + 1 == to ? !(words[n].EndsWith('s') && w is "as" or "os") : IsShiftSpecific(words, n, optOutExceptions);
            return OfferWord(words, n);
        }
        if (topicPrepositions.Contains(w) && n < to)
        {
            // "por esse valor", "pelo de sábado".
            if (demonstratives.Contains(words[n]) || topicArticles.Contains(words[n])) return ReferenceAt(words, n, to);
            return Place(words, n, anyPreposition: placePrepositions.Contains(w));
        }
        // "900 reais não me interessa", "R$ 800? não tenho interesse".
        if (w == "r" && n < to && char.IsDigit(words[n][0])) return true;
        return char.IsDigit(w[0]) && (n == to || words[n] is "reais" or "real" or "conto" or "contos" or "mil" or "pila");
    }

    /// <summary>
    /// After a preposition: a day, a time, a value ("de madrugada", "por 900") — or, after "em"/"no"/"pra" (or an elided
    /// shift's "de"), a name ("em Guarulhos", "no ABC", "o de Mauá"), not a phrase ("na verdade", "pra ser sincero", "de vocês").
    /// </summary>
    bool Place(string[] words, int k, bool anyPreposition)
    {
        var w = words[k];
        if (OfferWord(words, k) || char.IsDigit(w[0])) return true;
        // "pelo plantão de sábado" — not "pelas vagas", every one.
        if (shiftNouns.Contains(w)) return IsShiftSpecific(words, k, optOutExceptions) || (k + 1 < words.Length && OfferWord(words, k + 1));
        return anyPreposition && !notAPlace.Contains(w) && !genericComplements.Contains(w) && !everyOne.Contains(w)
               && !demonstratives.Contains(w) && !topicArticles.Contains(w) && !topicPrepositions.Contains(w)
               && w is not ("me" or "te" or "se" or "lhe" or "e" or "ou")
               // "pra ser sincero", "para de mandar": an infinitive or the verb "parar" is no place.
               && !(w.Length > 3 && (w.EndsWith("ar", StringComparison.Ordinal) || w.EndsWith("er", StringComparison.Ordinal) || w.EndsWith("ir", StringComparison.Ordinal)));
    }

    /// <summary>A word of one offer: a day, period, sector, place, value, specialty (also by its ending: "-logia", "-iatria"), an hour.</summary>
    /// <summary>
    /// Twenty-fourth blind set: the words from <paramref name="k"/> name one offer — a day, period, sector, specialty, hour
    /// or value ("de madrugada", "os noturnos", "pediatria", "das 19h"), or a shift made specific, perhaps after an article
    /// or a preposition — not a place by its bare name (OptOutDetector.InTurn: the line that narrows a stop).
    /// </summary>
    public bool OneOfferAt(string[] words, int k)
    {
        for (var n = k; n < words.Length && n <= k + 2; n++)
        {
            if (OfferWord(words, n) || char.IsDigit(words[n][0]) || (shiftNouns.Contains(words[n]) && IsShiftSpecific(words, n, optOutExceptions))
                || (optOutExceptions.Contains(words[n]) && IsShiftSpecific(words, n, optOutExceptions)))
                return true;
            if (!topicPrepositions.Contains(words[n]) && !topicArticles.Contains(words[n]) && !demonstratives.Contains(words[n])
                && words[n] is not ("de" or "do" or "da" or "dos" or "das" or "pro" or "pros")) return false;
        }
        return false;
    }

    bool OfferWord(string[] words, int k)
    {
        var w = words[k];
        // "bom dia", "boa tarde", "boa noite" are greetings.
        if (w is "dia" or "tarde" or "noite" && k > 0 && words[k - 1] is "bom" or "boa") return false;
        if (offerReferences.Contains(w) || ClockTime(w)) return true;
        foreach (var ending in specialtyEndings)
            if (w.Length > ending.Length + 2 && w.EndsWith(ending, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>"Não tenho interesse, é muito longe": a distance belongs to one offer (six words either side of the refusal).</summary>
    bool TooFar(string[] words, int start, int end)
    {
        for (var k = Math.Max(0, start - 6); k < Math.Min(words.Length, end + 6); k++)
            if ((k < start || k >= end) && farAway.Contains(words[k])) return true;
        return false;
    }

    /// <summary>
    /// A request for other offers anywhere else in the message: "tem outro?", "tem algum que pague mais?", "tem no ABC?",
    /// "tem plantão de UTI?", "me manda outro", "e de dia, tem?", "e no ABC?", "consegue melhorar?" — not "tem como me
    /// tirar?", "tem outros médicos…", "tem q falar quantas vezes?", "manda mais não", "se mandar outro eu bloqueio",
    /// "se tiver outro nem manda".
    /// </summary>
    bool AsksForAnother(string[] words, int start, int end, ulong clauseEnds)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (i >= start && i < end) continue;
            // "…, e no ABC?", "e de dia?": "e" and an offer closing its clause.
            if (words[i] == "e" && (i == 0 || Crosses(clauseEnds, i - 1, i)) && i + 1 < words.Length)
            {
                var close = i + 1;
                while (close < Math.Min(words.Length, i + 5) && !Crosses(clauseEnds, close - 1, close)) close++;
                if ((close == words.Length || Crosses(clauseEnds, close - 1, close)) && close - i <= 4 && ReferenceAt(words, i + 1, close)) return true;
            }
            // "o que mais vocês têm?", "que mais tem aí?".
            if (words[i] == "que" && i + 2 < words.Length && words[i + 1] == "mais")
                for (var h = i + 2; h < Math.Min(words.Length, i + 5) && !Crosses(clauseEnds, h - 1, h); h++)
                    if (haveVerbs.Contains(words[h])) return true;
            // "…, mas estou disponível sábado": he still takes shifts.
            if (words[i] is "disponivel" or "disponiveis" && !(i > 0 && words[i - 1] is "nao" or "nem") && !(i > 1 && words[i - 2] is "nao" or "nem")) return true;
            // "quais outras vocês têm?", "qual outro?".
            if (words[i] is "qual" or "quais" && i + 1 < words.Length && !Crosses(clauseEnds, i, i + 1)
                && (anotherWords.Contains(words[i + 1]) || shiftNouns.Contains(words[i + 1]))) return true;
            // "…, outra opção?", "algum outro?": another one as a clause of its own (four words at most).
            if (anotherWords.Contains(words[i]) && words[i] != "mais" && i > 0 && Crosses(clauseEnds, i - 1, i) && ClauseLength(words, i, clauseEnds) <= 4
                && WantsAnother(words, i, clauseEnds, have: true)) return true;
            var have = haveVerbs.Contains(words[i]);
            if (!have && !askVerbs.Contains(words[i])) continue;
            var negated = (i > 0 && words[i - 1] is "nao" or "nem") || (i > 1 && words[i - 1] == "me" && words[i - 2] is "nao" or "nem")
                          // "nem adianta mandar outro", "não precisa me mandar outro".
                          || (!have && NegatedInClause(words, i, clauseEnds));
            // "se mandar outro eu bloqueio": a threat, not a request.
            var threat = (i > 0 && words[i - 1] == "se") || (i > 1 && words[i - 1] == "me" && words[i - 2] == "se");
            if (!have && (negated || threat || StoppedBefore(words, i) || NotAfter(words, i + 1, clauseEnds))) continue;
            if (ForbidsSending(words, i + 1) || Leaves(words, i + 1, clauseEnds)) continue;
            var j = i + 1;
            // "tem aí pra mim outro…", "me manda aí".
            while (j < words.Length && !Crosses(clauseEnds, j - 1, j) && (words[j] is "ai" or "aqui" or "mim" || (words[j] == "para" && j + 1 < words.Length && words[j + 1] == "mim"))) j++;
            if (j >= words.Length || Crosses(clauseEnds, j - 1, j))
            {
                // "e de dia, tem?", "domingo de manhã tem?", "Tatuapé tem?": the verb closes a short question of its own, or
                // its clause after an offer named in the words before.
                if (have && !negated && j == i + 1 && (NamedJustBefore(words, i, end) || ShortQuestion(words, i, end, clauseEnds))) return true;
                continue;
            }
            // "não tem outro mais perto?" asks; "não tem outro que me interesse" does not.
            if (WantsAnother(words, j, clauseEnds, have) && !(negated && Array.IndexOf(words, "que", j, Math.Min(3, words.Length - j)) >= 0)) return true;
        }
        return false;
    }

    /// <summary>"para de mandar plantão pra mim": the verb is what a stop ("para de", "chega de"…) ends.</summary>
    bool StoppedBefore(string[] words, int verb)
    {
        for (var s = Math.Max(0, verb - 4); s < verb; s++)
            if (stopPair.A.EndAt(words, s) is { } e && (e == verb || (e == verb - 1 && words[verb - 1] == "me"))) return true;
        return false;
    }

    /// <summary>"nem adianta mandar", "não quero que mande": a "não"/"nem" up to three words before, in the clause.</summary>
    static bool NegatedInClause(string[] words, int verb, ulong clauseEnds)
    {
        for (var k = verb - 1; k >= Math.Max(0, verb - 3) && !Crosses(clauseEnds, k, verb); k--)
            if (words[k] is "nao" or "nem" or "nunca") return true;
        return false;
    }

    static int ClauseLength(string[] words, int from, ulong clauseEnds)
    {
        var k = from + 1;
        while (k < words.Length && !Crosses(clauseEnds, k - 1, k)) k++;
        return k - from;
    }

    /// <summary>"manda mais não": a "não" later in the clause.</summary>
    static bool NotAfter(string[] words, int from, ulong clauseEnds)
    {
        for (var k = from; k < Math.Min(words.Length, from + 4) && !Crosses(clauseEnds, k - 1, k); k++)
            if (words[k] == "nao") return true;
        return false;
    }

    /// <summary>"se tiver outro assim nem manda", "…, não precisa mandar": sending forbidden in the words after the request.</summary>
    bool ForbidsSending(string[] words, int from)
    {
        for (var k = from; k < Math.Min(words.Length - 1, from + 6); k++)
            if (words[k] is "nao" or "nem" && (askVerbs.Contains(words[k + 1]) || words[k + 1] is "precisa" or "precisam"
                                                || (words[k + 1] == "me" && k + 2 < words.Length && askVerbs.Contains(words[k + 2]))))
                return true;
        return false;
    }

    /// <summary>"tem como me tirar da lista?", "tem algum lugar pra me descadastrar?": the request's clause is about leaving.</summary>
    bool Leaves(string[] words, int from, ulong clauseEnds)
    {
        for (var k = from; k < words.Length && !Crosses(clauseEnds, k - 1, k); k++)
            if (exitVerbs.Contains(words[k]) || words[k] is "lista" or "cadastro" or "descadastro" or "exclusao" or "remocao"
                || words[k].StartsWith("descadastr", StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>"Tatuapé tem?", "mais perto tem?": one to three words and the verb, a clause apart from the refusal, no person.</summary>
    static bool ShortQuestion(string[] words, int verb, int refusalEnd, ulong clauseEnds)
    {
        var from = verb;
        while (from > 0 && !Crosses(clauseEnds, from - 1, from) && verb - from < 4) from--;
        if (verb - from is < 1 or > 3 || from < refusalEnd || (from > 0 && !Crosses(clauseEnds, from - 1, from))) return false;
        for (var k = from; k < verb; k++)
            if (words[k] is "voces" or "voce" or "ele" or "ela" or "eles" or "elas" or "quem" or "ninguem" or "nao" or "nem" or "eu" or "que" or "isso")
                return false;
        return true;
    }

    bool NamedJustBefore(string[] words, int verb, int refusalEnd)
    {
        for (var k = Math.Max(refusalEnd, verb - 4); k < verb; k++)
            if (OfferWord(words, k) || ReferenceAt(words, k, verb)) return true;
        return false;
    }

    /// <summary>What follows a verb of having or sending asks for another offer: "outro (mais perto)", "algum em Santos", "plantão de UTI", "no ABC".</summary>
    bool WantsAnother(string[] words, int j, ulong clauseEnds, bool have)
    {
        bool Closes(int k) => k >= words.Length || Crosses(clauseEnds, k - 1, k);
        // "me manda os próximos", "tem as outras?": an article before another one.
        if (words[j] is "o" or "a" or "os" or "as" && !Closes(j + 1) && anotherWords.Contains(words[j + 1])) j++;
        var w = words[j];
        if (anotherWords.Contains(w))
        {
            var k = j + 1;
            // "teria algo pra mim em Santos?", "tem outro aí?".
            while (!Closes(k) && (words[k] is "ai" or "aqui" or "mim" || (words[k] == "para" && k + 1 < words.Length && words[k + 1] == "mim"))) k++;
            if (Closes(k)) return true;
            // "tem alguma outra opção?", "tem mais algum?".
            if (anotherWords.Contains(words[k])) return WantsAnother(words, k, clauseEnds, have);
            if (w == "mais")
                // "tem mais?", "tem mais perto?" — not "tem mais de 10 msgs", "se tiver mais alguma mensagem".
                return words[k] is "perto" or "pertinho" or "barato" || shiftNouns.Contains(words[k]) || OfferWord(words, k);
            // "tem alguma coisa no sábado?", "tem outra coisa?" — not "quero outra coisa da vida".
            if (words[k] is "coisa" or "coisas" or "opcao" or "opcoes")
                return Closes(k + 1) ? have || words[k] is "opcao" or "opcoes"
                    : afterAnother.Contains(words[k + 1]) || OfferWord(words, k + 1) || (topicPrepositions.Contains(words[k + 1]) && k + 2 < words.Length && !Crosses(clauseEnds, k + 1, k + 2) && Place(words, k + 2, anyPreposition: placePrepositions.Contains(words[k + 1])));
            if (afterAnother.Contains(words[k]) || OfferWord(words, k)) return true;
            return topicPrepositions.Contains(words[k]) && k + 1 < words.Length && !Crosses(clauseEnds, k, k + 1) && Place(words, k + 1, anyPreposition: true);
        }
        // "tem plantão de UTI?", "me manda vaga de dia".
        if (shiftNouns.Contains(w)) return true;
        if (!have) return false;
        // "consegue melhorar?", "consegue 1200?".
        if (bargainVerbs.Contains(w) || char.IsDigit(w[0])) return words[j - 1] is "consegue" or "conseguem" or "conseguiria";
        // "tem diurno?", "tem UTI adulto?", "tem perto de casa?", "tem no ABC?", "tem de 12?".
        if (OfferWord(words, j) || w is "perto" or "pertinho") return true;
        if (!topicPrepositions.Contains(w) || Closes(j + 1)) return false;
        // "tem pra essa semana?", "tem no sábado?".
        if (demonstratives.Contains(words[j + 1]) || topicArticles.Contains(words[j + 1]))
        {
            var close = j + 2;
            while (!Closes(close)) close++;
            return ReferenceAt(words, j + 1, close);
        }
        return Place(words, j + 1, anyPreposition: placePrepositions.Contains(w) || w is "do" or "da");
    }

    /// <summary>The words before the message's first clause mark when they are few (four at most) and more follow, else null.</summary>
    static string[]? FirstClause(string[] words, ulong clauseEnds)
    {
        if (clauseEnds == 0) return null;
        var last = System.Numerics.BitOperations.TrailingZeroCount(clauseEnds);
        return last < 4 && last + 1 < words.Length ? words[..(last + 1)] : null;
    }

    /// <summary>
    /// "obrigado pelas vagas mas podem parar": the words after the message's last "mas"/"então" when they are few — a
    /// closing command needs no comma before it.
    /// </summary>
    string[]? AfterLastConnective(string[] words)
    {
        for (var k = words.Length - 1; k >= Math.Max(0, words.Length - 6); k--)
            if (finalConnectives.EndAt(words, k) is { } end && end < words.Length)
                // "se não tiver nada, então pode parar": a condition, not a request.
                return Array.IndexOf(words, "se", 0, k) >= 0 ? null : words[end..];
        return null;
    }

    /// <summary>
    /// "a doutora pediu pra tirar o número dela", "o Dr. pediu que…": a title with an article and no name, asking — no
    /// "meu colega" before, which would make him someone else — is the owner of this number, written for by a secretary
    /// or a spouse. "o Dr. Marcos pediu…" may be a colleague and stays a third party, unless a secretary signs the message.
    /// </summary>
    bool ForTheOwner(string[] words)
    {
        if (OwnerLeftForGood(words) || AsksForTheOwner(words)) return true;
        // Twenty-second blind set: a message signed by a secretary or an assistant ("…. Att, Secretária", "Obrigada, Ana
        // (secretária)") is written for the owner of this number.
        if (words.Length > 3 && (words[^1] is "secretaria" or "secretario" or "assistente" || words[^2] is "secretaria" or "secretario" or "assistente")
            && !words.Any(relations.Contains))
            return true;
        for (var t = 1; t + 1 < words.Length; t++)
        {
            if (!titles.Contains(words[t]) || !articles.Contains(words[t - 1]) || !thirdPartyVerbs.Contains(words[t + 1])) continue;
            var related = false;
            for (var r = Math.Max(0, t - 4); r < t - 1 && !related; r++) related = relations.Contains(words[r]);
            if (!related) return true;
        }
        return false;
    }

    /// <summary>
    /// Thirty-fifth blind set: "meu marido pediu pra vcs pararem de mandar msg pra ele", "a dra. Luiza pediu pra tirar o número
    /// dela", "ele não quer mais receber, pode excluir" — someone of the owner's (`terceiros.familia`: a relative, the doctor by
    /// his title, his name maybe after it) asking (`terceiros.pedemPeloDono`, within four words) or refusing ("não quer", "não
    /// tem mais interesse") for him: Júlia writes only to the numbers she holds for doctors, so the one asked about is the one
    /// the message comes from, held by his family or his office — when "ele"/"ela" opens the talk of him (no one named
    /// before: the doctor Júlia wrote to), or when what is asked points at him or at us after it (`terceiros.apontamDono`: "o
    /// número dela", "pra ele", "tirar ela", "pra vocês pararem", "que parem"). "minha esposa quer sair da lista de vocês"
    /// points at neither and may be another doctor of the list. Not with a colleague, a friend or a patient named
    /// (`terceiros.alheiosAoNumero`), nor when the message shows that he has another number or that the writer receives on
    /// his own (`terceiros.outroNumero`: "o número dele é outro", "mas eu sim", "pediu pra eu avisar", "me passa o contato
    /// dele", a story told to the writer: "o Dr. João falou que pediu pra parar, é verdade?"), or a phone number is written.
    /// </summary>
    bool AsksForTheOwner(string[] words)
    {
        if (words.Any(notTheOwner.Contains) || anotherNumber.FindEnd(words, 0, words.Length, out _) || words.Any(w => w.Length >= 4 && w.All(char.IsAsciiDigit)))
            return false;
        var someoneNamed = false;
        for (var s = 0; s + 1 < words.Length; s++)
        {
            if (!ownerSubjects.Contains(words[s])) continue;
            var pronoun = words[s] is "ele" or "ela";
            var opensTheTalk = pronoun && !someoneNamed;
            someoneNamed |= !pronoun;
            for (var v = s + 1; v <= Math.Min(words.Length - 1, s + 4); v++)
                if (ownerAskingVerbs.Contains(words[v]) || (words[v] == "nao" && v + 1 < words.Length && OwnerRefuses.Contains(words[v + 1])))
                {
                    if (opensTheTalk || pointsAtTheOwner.FindEnd(words, v + 1, words.Length, out _)) return true;
                    break;
                }
        }
        return false;
    }

    /// <summary>
    /// Thirty-seventh blind set: "meu marido não quer mais receber as vagas de vcs", "minha esposa não tem mais interesse, podem
    /// tirar ela", "o dr. Fernando pediu pra avisar que não quer mais receber", "a Sônia não quer mais…, exclui ela" — someone of
    /// the owner's (a relative, a partner, the doctor by his title, "ele"/"ela", a name written with its capital after its
    /// article) refusing in the plain indicative. Júlia writes only to the numbers she holds for doctors, so the one refused is
    /// the one the message comes from: the refusal is read as the owner's own words ("não quero mais receber…, podem me
    /// tirar"), with every rule of the doctor's own stop — one shift refused, a pause, a narrowing still keep the contact ("ele
    /// não quer mais plantão noturno, só diurno"). Not with a colleague, a friend or a patient named, a sign of another number
    /// or a phone number written (as <see cref="AsksForTheOwner"/>). The family of the reading, or null.
    /// </summary>
    public string? OwnersRefusalAsHis(string[] words, ulong clauseEnds, IReadOnlySet<string>? names)
    {
        if (words.Length < 3 || words.Any(notTheOwner.Contains) || anotherNumber.FindEnd(words, 0, words.Length, out _)
            || words.Any(w => w.Length >= 4 && w.All(char.IsAsciiDigit)))
            return null;
        for (var s = 0; s + 2 < words.Length; s++)
        {
            var titled = titles.Contains(words[s]);
            if (!ownerSubjects.Contains(words[s]) && !Partners.Contains(words[s])
                && !(s > 0 && words[s - 1] is "o" or "a" && names is not null && names.Contains(words[s])))
                continue;
            for (var n = s + 1; n + 1 < words.Length && n <= s + 8; n++)
            {
                if (words[n] != "nao") continue;
                if (!HisVerbs.TryGetValue(words[n + 1], out var mine) || !BetweenSubjectAndRefusal(words, s + 1, n, titled, names)) break;
                var his = words[n..];
                his[1] = mine;
                for (var k = 2; k < his.Length; k++)
                {
                    var crossesBefore = Crosses(clauseEnds >> n, k - 1, k);
                    if (his[k] is "ele" or "ela" && !crossesBefore && RemovalVerbs.Contains(his[k - 1])) (his[k - 1], his[k]) = ("me", his[k - 1]);
                    else if (his[k] is "dele" or "dela" && !crossesBefore && k - 1 > 1) (his[k - 1], his[k]) = ("meu", his[k - 1]);
                    else if (his[k] is "ele" or "ela" && his[k - 1] == "para" && !crossesBefore) his[k] = "mim";
                }
                return OptOutFamily(his, null, n >= 64 ? 0 : clauseEnds >> n, names: names);
            }
        }
        return null;
    }

    /// <summary>Between the owner named and his refusal: his name (after a title, or written with its capital), "já", or the
    /// news passed on ("pediu pra avisar que", "mandou dizer que", "disse que").</summary>
    static bool BetweenSubjectAndRefusal(string[] words, int from, int to, bool titled, IReadOnlySet<string>? names)
    {
        var k = from;
        // His name: up to two words after a title, or any written with its capital.
        while (k < to && ((titled && k - from < 2 && !PassedOn.Contains(words[k]) && words[k] != "ja") || (names is not null && names.Contains(words[k])))) k++;
        var span = words[k..to];
        if (span is [.., "que"] && span.Length <= 5 && span.All(PassedOn.Contains)) return true;
        return span.All(w => w is "ja" or "realmente" or "mesmo");
    }

    /// <summary>
    /// Thirty-seventh blind set (OptOutDetector.InTurn): whether a line read before a stop can make it none — a pause counted or
    /// said ("nos próximos 6 meses" then "não quero nada"), or someone else named ("outra empresa" then "não para de me mandar
    /// vaga", "meu colega" then "pediu pra sair da lista").
    /// </summary>
    internal bool QualifiesTheNextLine(string[] words) =>
        pauseInMessage.FindEnd(words, 0, words.Length, out _) || CountedPause(words) || words.Any(notTheOwner.Contains)
        || words.Any(w => OtherSenders.Contains(w) || OtherCompanies.Contains(w) || (thirdParties.Contains(w) && !titles.Contains(w) && !ownerSubjects.Contains(w)));

    static readonly HashSet<string> PassedOn =
        ["pediu", "pede", "mandou", "disse", "falou", "avisou", "para", "avisar", "dizer", "falar", "informar", "comunicar", "voces", "lhes", "que"];

    /// <summary>Partners the reference's relatives leave out: "meu namorado não quer mais receber essas vagas".</summary>
    static readonly HashSet<string> Partners = ["namorado", "namorada", "noivo", "noiva", "companheiro", "companheira"];

    /// <summary>The owner's verb of refusing, in his own first person.</summary>
    static readonly Dictionary<string, string> HisVerbs = new(StringComparer.Ordinal)
    {
        ["quer"] = "quero", ["deseja"] = "desejo", ["tem"] = "tenho", ["aceita"] = "aceito", ["autoriza"] = "autorizo", ["precisa"] = "preciso",
    };

    static readonly HashSet<string> RemovalVerbs =
        ["tira", "tirar", "tire", "tirem", "retira", "retirar", "retirem", "remove", "remover", "removam", "remova", "exclui", "excluir", "excluam", "exclua",
         "apaga", "apagar", "apaguem", "descadastra", "descadastrar", "descadastrem", "deleta", "deletar", "esquece", "esquecam"];

    /// <summary>Thirty-fifth blind set: places that send doctors messages of their own ("o hospital não para de me mandar mensagem").</summary>
    static readonly HashSet<string> OtherSenders = ["hospital", "clinica", "operadora", "banco", "convenio", "plano", "prefeitura", "faculdade"];

    /// <summary>Thirty-seventh blind set: companies, said to be another ("outra empresa", "uma agência").</summary>
    static readonly HashSet<string> OtherCompanies = ["empresa", "empresas", "agencia", "agencias", "cooperativa", "plataforma", "operadora"];

    static readonly HashSet<string> OwnerRefuses = ["quer", "deseja", "tem", "aceita", "gosta", "autoriza"];

    /// <summary>
    /// Thirty-third blind set: "Meu marido se aposentou, favor remover o número dele", "minha mãe não é mais médica ativa, pode
    /// excluir o contato dela" — a relative, the doctor by his title, or "ele"/"ela", told to have left the work for good
    /// (`terceiros.deixouDeVez`, at most six words after): the number asked about is the one the message comes from, the
    /// owner's, as when a death is told. Not with a colleague, a friend or a patient named (`terceiros.alheiosAoNumero`):
    /// "meu colega se aposentou, tira o número dele" is another number, which removing this doctor would not remove.
    /// </summary>
    bool OwnerLeftForGood(string[] words)
    {
        if (words.Any(notTheOwner.Contains)) return false;
        for (var k = 1; k < words.Length; k++)
        {
            if (ownerLeftForGood.EndAt(words, k) is null) continue;
            // Thirty-fifth blind set: six words back, not three — "minha mãe é médica mas já aposentou", "ela tá com 82 anos e não
            // trabalha mais".
            for (var s = k - 1; s >= Math.Max(0, k - 6); s--)
                if (ownerSubjects.Contains(words[s])) return true;
        }
        return false;
    }

    /// <summary>Whether every word is a courtesy ("por favor", "obrigado"): no sentence of its own.</summary>
    internal bool OnlyCourtesies(string[] words) => courtesies.Strip(words).Length == 0;

    /// <summary>
    /// "…vcs estão mandando pro número errado, parem", "eu não pedi pra receber isso. parem": a bare stop as the last
    /// sentence — after a real sentence boundary, which normalised words no longer show — unless the message names a shift
    /// or points at the one offered ("essa", "desse").
    /// </summary>
    bool FinalCommand(string[] words, string[]? lastSentence, ulong clauseEnds)
    {
        if (lastSentence is null) return false;
        var core = courtesies.Strip(lastSentence);
        // "…, mas podem parar", "…. então pare": the connective opens the command.
        if (core.Length > 1 && finalConnectives.EndAt(core, 0) is { } opened) core = core[opened..];
        if (core.Length == 0) return false;
        var command = string.Join(' ', core);
        // "vocês não param de mandar msg, chega": a bare "chega" closes a complaint about the sending; "fiz 4 plantões
        // essa semana, chega" is the doctor's own workload.
        if (!finalCommands.Contains(command)
            && !(finalCommandsOnSending.Contains(command) && sending.FindEnd(words, 0, words.Length - lastSentence.Length, out _))) return false;
        for (var k = 0; k < words.Length; k++)
            if (IsShiftSpecific(words, k, optOutExceptions) || (words[k] is "nao" or "nunca" && k + 1 < words.Length && words[k + 1] is "para" or "pare" or "parem")
                // "não quero essa, stop": the offered shift (a demonstrative ending its clause) is refused, then the talk about it.
                || (words[k] is "esse" or "essa" or "este" or "esta" or "nesse" or "nessa" or "desse" or "dessa" or "deste" or "desta"
                    && (k + 1 == words.Length || Crosses(clauseEnds, k, k + 1)))) return false;
        return true;
    }

    /// <summary>
    /// A match that is not the doctor's own stop of contact: negated ("não precisa me tirar", "não vou te bloquear") or a
    /// third party's ("meu colega Dr. Marcos pediu pra sair da lista").
    /// </summary>
    bool Discounted(string[] words, int start, ulong clauseEnds, bool hisNumber) =>
        NegatedStop(words, start, clauseEnds) || (!hisNumber && ThirdParty(words, start, clauseEnds)) || Conditional(words, start);

    /// <summary>"se (vocês) não mandarem mais vaga…": a condition, not a request ("se mandar mais uma, bloqueio" still is one).</summary>
    static bool Conditional(string[] words, int start) =>
        words[start] == "nao" && ((start > 0 && words[start - 1] == "se")
                                  || (start > 1 && words[start - 2] == "se" && words[start - 1] is "voces" or "voce" or "eles" or "elas"));

    /// <summary>
    /// The match starts with a verb of leaving or stopping ("tirar", "sair", "bloquear", "parar"…, after "me"/"quero"/"vou")
    /// and "não", "nunca" comes right before it, maybe through a modal: "não precisa me tirar", "não é pra me tirar",
    /// "não quero sair", "nunca pedi para sair". "vocês não vão me tirar?" (vai/vão/pode) is a complaint and still counts.
    /// </summary>
    bool NegatedStop(string[] words, int start, ulong clauseEnds)
    {
        var head = start;
        while (head < words.Length && words[head] is "me" or "te" or "quero" or "ser" or "vou" or "ja" or "eu") head++;
        if (head >= words.Length || !exitVerbs.Contains(words[head])) return false;
        var k = start - 1;
        if (k >= 0 && words[k] is "me" or "te") k--;
        // "não quero ser removido da lista": the passive's "ser" is looked through.
        if (k >= 0 && words[k] == "ser") k--;
        if (k >= 0 && words[k] == "para") k--;
        // "não quero que (vocês) me tirem da lista": the stop wished away through "que".
        if (k >= 1 && words[k] is "voces" or "voce" && words[k - 1] == "que") k--;
        if (k >= 0 && words[k] == "que" && k > 0 && negatedModals.Contains(words[k - 1])) k--;
        if (k >= 0 && negatedModals.Contains(words[k])) k--;
        if (k >= 0 && words[k] == "mais") k--;
        // "Não, quero sair", "já falei que não quero! parem…": a negation ends at a clause mark.
        if (k >= 0 && words[k] is "nao" or "nunca" or "jamais" or "nem" && !Crosses(clauseEnds, k, start)) return true;
        // Fourteenth blind set: "sem essa de me tirar da lista", "nada de parar de mandar" forbid the stop.
        return k >= 1 && words[k] == "de" && (words[k - 1] == "nada" || (k >= 2 && words[k - 1] == "essa" && words[k - 2] == "sem"))
               && !Crosses(clauseEnds, k - 1, start);
    }

    /// <summary>
    /// "não quero sair agora não", "não precisa parar de me mandar": a negated stop anywhere keeps the contact, unless the
    /// stop is of something else ("não vou parar de reclamar", "não quero cancelar meu plantão").
    /// </summary>
    bool KeepsContactByNegation(string[] words, ulong clauseEnds)
    {
        for (var i = 0; i < words.Length; i++)
        {
            if (!exitVerbs.Contains(words[i]) || !NegatedStop(words, i, clauseEnds)) continue;
            if (Near(words, i + 1, optOutExceptions, optOutExceptionWindow) || StopsSomethingElse(words, i + 1)) continue;
            return true;
        }
        return false;
    }

    /// <summary>
    /// "parar de pegar tanto plantão", "deixa de ser chato": the stop is of another verb, not of the messages (a verb in the
    /// infinitive right after "de"/"com" that is not one of sending or contacting; "ficar", "tentar" are looked through).
    /// </summary>
    bool StopsSomethingElse(string[] words, int afterStop)
    {
        var k = afterStop;
        if (k < words.Length && words[k] is "de" or "com") k++;
        else if (k > 0 && words[k - 1] is not ("de" or "com")) return false;
        // "para de me procurar": "me procurar" is contact, though "procurar" alone is another verb ("parar de procurar").
        if (k < words.Length && stopPair.B.EndAt(words, k) is not null) return false;
        while (k < words.Length && notTheContact.EndAt(words, k) is { } skip) k = skip;
        if (k >= words.Length || stopPair.B.EndAt(words, k) is not null) return false;
        var w = words[k];
        // "cansei de ser enrolado por vocês": being something else; "chega de ser incomodado" is still contact.
        if (w == "ser") return !(k + 1 < words.Length && ContactParticiple(words[k + 1]));
        return w.Length >= 4 && (w.EndsWith("ar", StringComparison.Ordinal) || w.EndsWith("er", StringComparison.Ordinal)
                                 || w.EndsWith("ir", StringComparison.Ordinal) || w == "por");
    }

    /// <summary>
    /// "se não tiver vaga em Santos pode parar de mandar", "se for pra mandar vaga de 80 reais, pode parar": a stop of
    /// sending under a condition (a "se" up to twelve words before it) that names a shift keeps every other shift.
    /// </summary>
    bool OnShiftCondition(string[] words, int start, HashSet<string> exceptions)
    {
        for (var s = start - 1; s >= Math.Max(0, start - 12); s--)
        {
            if (words[s] != "se") continue;
            for (var k = s + 1; k < start; k++)
                if (IsShiftSpecific(words, k, exceptions)) return true;
            return false;
        }
        return false;
    }

    /// <summary>"para de mandar tantas de uma vez", "…tanta vaga": a stop of the amount, not of the sending.</summary>
    static bool SlowsDown(string[] words, int afterSending) =>
        afterSending < words.Length
        && (words[afterSending] is "tanta" or "tantas" or "tanto" or "tantos" || AllAtOnce(words, afterSending)
            || (words[afterSending] == "tudo" && AllAtOnce(words, afterSending + 1)));

    /// <summary>"para de enviar a mesma vaga repetida", "…a mesma msg 3 vezes": a stop of the repeats, not of the sending.</summary>
    bool Repeats(string[] words, int from, int to)
    {
        for (var k = from; k < Math.Min(words.Length, to); k++)
            if (repeats.Contains(words[k])
                || (words[k] is "mesma" or "mesmas" or "mesmo" or "mesmos" && k + 1 < words.Length
                    && (shiftNouns.Contains(words[k + 1]) || words[k + 1] is "mensagem" or "mensagens" or "oferta" or "ofertas")))
                return true;
        return false;
    }

    /// <summary>
    /// "para de me chamar de doutora, pode ser só Ana": "chamar de" + a name or title is how the doctor is called, not
    /// contact ("para de me chamar de madrugada" is narrowed by its period; "de novo" is still a stop of contact).
    /// </summary>
    static bool CallsByName(string[] words, int afterCall) =>
        afterCall > 0 && afterCall + 1 < words.Length && words[afterCall - 1] == "chamar" && words[afterCall] == "de"
        && words[afterCall + 1] is not ("novo" or "hora" or "madrugada" or "noite" or "manha" or "tarde");

    static bool AllAtOnce(string[] words, int at) =>
        at + 2 < words.Length && words[at] == "de" && words[at + 1] == "uma" && words[at + 2] == "vez";

    /// <summary>
    /// "meu colega Dr. Marcos pediu pra sair da lista", "a minha esposa quer que parem": someone else (three words at most
    /// before a verb of asking, which is at most four before the match) asks — unless the message says this number is his
    /// ("aqui é a secretária do Dr. Paulo, esse número é dele e ele pediu pra vcs pararem"). "meu marido disse pra eu bloquear
    /// vocês" is his wish, not the doctor's request.
    /// </summary>
    bool ThirdParty(string[] words, int start, ulong clauseEnds = 0)
    {
        // "…que ele não quer mais receber": the stop's own subject is someone else (not a title, which may be the owner
        // written for by a secretary: "a doutora não quer mais receber"). Nineteenth blind set: not a vocative closed by a
        // comma before the command ("meu filho, pare de mandar mensagem").
        if (start > 0 && thirdParties.Contains(words[start - 1]) && !titles.Contains(words[start - 1]) && !Crosses(clauseEnds, start - 1, start)) return true;
        // Thirty-fifth blind set: "o coordenador não para de me mandar mensagem", "o hospital não para de me mandar mensagem" —
        // someone named by what he is, or a place (no pronoun, which may be Júlia herself), complained of through "não": he
        // sends, not we.
        if (start > 1 && words[start - 1] == "nao" && (thirdParties.Contains(words[start - 2]) || OtherSenders.Contains(words[start - 2])) && !titles.Contains(words[start - 2])
            && words[start - 2] is not ("ele" or "ela" or "eles" or "elas") && !Crosses(clauseEnds, start - 2, start)) return true;
        // Thirty-seventh blind set: "tem uma empresa que não para de me mandar spam", "outra agência não para de me mandar vaga" —
        // another company, named as another; and "ela não para de me mandar mensagem, a coordenadora do hospital" — the pronoun
        // told to be someone of the ward in the same message (not one of ours: "vocês", "Júlia" keep the complaint ours).
        if (start > 1 && words[start - 1] == "nao" && !Crosses(clauseEnds, start - 2, start))
        {
            var subject = words[start - 2] == "que" && start > 2 ? start - 3 : start - 2;
            if (OtherCompanies.Contains(words[subject]) && subject > 0 && words[subject - 1] is "outra" or "outras" or "uma" or "umas" or "alguma" or "algumas" or "outro" or "um")
                return true;
            if (words[start - 2] is "ele" or "ela" && !words.Any(w => w is "voces" or "voce" or "julia" or "robo" or "bot")
                && words.Any(w => !titles.Contains(w) && w is not ("ele" or "ela" or "eles" or "elas") && (thirdParties.Contains(w) || OtherSenders.Contains(w))))
                return true;
        }
        // Thirty-fifth blind set: also when the match opens on the verb of asking ("a Dra. Ana quer ser removida da lista").
        for (var v = start; v >= Math.Max(0, start - 5); v--)
        {
            if (!thirdPartyVerbs.Contains(words[v])) continue;
            for (var t = v - 1; t >= Math.Max(0, v - 5); t--)
                if (thirdParties.Contains(words[t])) return true;
        }
        return false;
    }

    /// <summary>
    /// Twenty-first blind set: a pause counted out — "nos próximos (6) meses", "por 3 semanas", "durante dois meses" — or a
    /// year waited for ("até 2027", "só em 2027") or a date written in numbers ("até 15/02"), anywhere in the message.
    /// </summary>
    static bool CountedPause(string[] words)
    {
        for (var k = 0; k + 1 < words.Length; k++)
        {
            var w = words[k];
            if (w is "proximos" or "proximas")
            {
                var n = k + 1 < words.Length && IsCount(words[k + 1]) ? k + 2 : k + 1;
                if (n < words.Length && words[n] is "dias" or "semanas" or "meses" or "anos") return true;
            }
            else if (w is "por" or "durante" && IsCount(words[k + 1]) && k + 2 < words.Length && words[k + 2] is "dias" or "semanas" or "meses")
                return true;
            // Twenty-seventh blind set: a date written in numbers ("suspende minhas ofertas até 15/02", "até 20/3").
            else if (w == "ate" && k + 2 < words.Length && IsDay(words[k + 1]) && IsMonth(words[k + 2]))
                return true;
            else if (w is "ate" or "em" && words[k + 1] is { Length: 4 } year && year.StartsWith("20", StringComparison.Ordinal) && char.IsAsciiDigit(year[2]) && char.IsAsciiDigit(year[3])
                     && (w == "ate" || (k > 0 && words[k - 1] is "so" or "somente" or "apenas")))
                return true;
        }
        return false;
    }

    static bool IsDay(string w) => int.TryParse(w, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) && w.Length <= 2 && d is >= 1 and <= 31;

    static bool IsMonth(string w) => int.TryParse(w, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && w.Length <= 2 && m is >= 1 and <= 12;

    static bool IsCount(string w) =>
        (w.Length is > 0 and <= 2 && char.IsAsciiDigit(w[0]) && char.IsAsciiDigit(w[^1]))
        || w is "dois" or "duas" or "tres" or "quatro" or "cinco" or "seis" or "alguns" or "algumas" or "uns" or "umas";

    /// <summary>
    /// A refusal that says it is for now: "não tenho interesse agora / no momento / por enquanto" right after it, or
    /// "talvez no próximo semestre", "mais pra frente" anywhere. Only for refusals and stops of sending, never for a removal.
    /// </summary>
    bool Paused(string[] words, int end, bool pauseInMessage, bool bareAgora = false)
    {
        if (pauseInMessage) return true;
        for (var k = bareAgora ? 0 : end; k < (bareAgora ? words.Length : Math.Min(words.Length, end + 3)); k++)
            // "agora que saí do hospital…" gives a reason, not a pause; "um pouco que tô em cirurgia" is still one.
            if (pauseAfter.EndAt(words, k) is { } e && !(k > 0 && words[k - 1] is "nem" or "mais") && !(e < words.Length && words[e] is "que" or "mais" && e - k == 1)
                // Twenty-sixth blind set: "pode parar de enviar, agora sou CLT" — "agora" opening what the doctor now is, for good.
                && !(words[k] == "agora" && e == k + 1 && e < words.Length && NowForGood.Contains(words[e])))
                return true;
        return false;
    }

    /// <summary>
    /// "não pare de me mandar vagas", "nunca parem de mandar", "não precisa parar": a stop in the negative imperative asks
    /// for more, not less (an outside pass). The indicative "vocês não param de mandar" is a complaint and still counts.
    /// </summary>
    static bool AsksToKeepGoing(string[] words, int start, ulong clauseEnds) =>
        (words[start] is "pare" or "parem" or "parar" or "paro"
         && ((start > 0 && words[start - 1] is "nao" or "nunca" or "jamais" && !Crosses(clauseEnds, start - 1, start))
             || (start > 1 && words[start - 2] is "nao" && words[start - 1] is "precisa" or "precisam" or "vai" or "vao" or "pode" or "podem"
                 && !Crosses(clauseEnds, start - 2, start)
                 // "vcs não vão parar nunca de mandar?": with its subject, the future is a complaint, as "vocês não param".
                 && !(start > 2 && words[start - 1] is "vai" or "vao" && words[start - 3] is "voces" or "voce" or "eles" or "elas" or "empresa"))))
        || DoubledNegation(words, start, clauseEnds);

    /// <summary>
    /// "não para de mandar não, tô precisando", "ñ para ñ": "não para … não" with no subject before it is the spoken
    /// negative imperative (don't stop); "você não para de mandar" stays a complaint.
    /// </summary>
    static bool DoubledNegation(string[] words, int start, ulong clauseEnds)
    {
        if (words[start] != "para" || start == 0 || words[start - 1] != "nao" || Crosses(clauseEnds, start - 1, start)) return false;
        if (start > 1 && words[start - 2] is "voce" or "voces" or "ele" or "ela" or "eles" or "elas" or "empresa" or "ninguem" && !Crosses(clauseEnds, start - 2, start - 1)) return false;
        for (var k = start + 1; k < Math.Min(words.Length, start + 7); k++)
        {
            if (words[k] == "nao") return true;
            if (Crosses(clauseEnds, k, k + 1)) return false;
        }
        return false;
    }

    /// <summary>The family of a request for a person (`frase`, `falar_com`, `quero_pessoa`), or null.</summary>
    public string? PersonFamily(string[] words, ulong clauseEnds = 0)
    {
        if (words.Length == 0) return null;
        words = FixTypos(words);
        if (personExact.Contains(string.Join(' ', courtesies.Strip(words)))) return "comando";
        for (var start = 0; start < words.Length; start++)
            if (personPhrases.EndAt(words, start) is { } end && !Near(words, end, personExceptions, personExceptionWindow)
                && !Before(words, start, personBefore, clauseEnds) && !Negated(words, start, clauseEnds) && !AsksForSomeoneElse(words, start, end))
                return "frase";
        foreach (var pair in personPairs)
            if (Matches(words, pair, personExceptions, personExceptionWindow, possessives, personBefore, unmistakable: unmistakablePersons, negatedIn: clauseEnds))
                return pair.Name;
        return null;
    }

    /// <summary>
    /// "não me liga agora", "não precisa me ligar", "para de me ligar" are the opposite of a request; "você é uma pessoa real?" asks what
    /// Júlia is (docs/decisions.md#agent).
    /// </summary>
    /// <summary>Whether a request for a person starting at word <paramref name="start"/> is negated ("não quero falar com atendente").</summary>
    public static bool NegatedRequest(string[] words, int start, ulong clauseEnds) => Negated(words, start, clauseEnds);

    static bool Negated(string[] words, int start, ulong clauseEnds) =>
        (start > 0 && words[start - 1] == "nao" && !Crosses(clauseEnds, start - 1, start))
        // "ninguém precisa me ligar": nobody is asked for.
        || (start > 1 && words[start - 2] is "nao" or "ninguem" && words[start - 1] is "precisa" or "precisam" or "precisar" && !Crosses(clauseEnds, start - 2, start))
        // Thirty-sixth blind set: "não quero que ninguém me ligue", "prefiro que ninguém me ligue" — nobody, wished.
        || (start > 2 && words[start - 1] == "ninguem" && words[start - 2] == "que" && words[start - 3] is "quero" or "prefiro" or "gostaria" or "precisa" or "peco"
            && !Crosses(clauseEnds, start - 3, start))
        // Thirty-fourth blind set: "não precisa ninguém me ligar" — nobody, after the need denied.
        || (start > 1 && words[start - 1] == "ninguem" && words[start - 2] is "precisa" or "precisam" or "precisar" or "necessario" && !Crosses(clauseEnds, start - 2, start))
        // "não quero receber ligação", "não gosto de ligação": the call refused through a verb of wanting or receiving.
        || NegatedThroughWanting(words, start, clauseEnds)
        // "pode parar de me ligar": a call stopped, not asked for.
        || (start > 1 && words[start - 2] is "parar" or "para" or "pare" or "parem" && words[start - 1] == "de")
        || (start > 1 && words[start - 1] is "uma" or "um" && words[start - 2] == "e");

    /// <summary>
    /// "não quero receber ligação", "não gosto de ligação", "ñ preciso de telefonema": "não" and then only words of wanting,
    /// needing, being able or receiving before the match, in one clause.
    /// </summary>
    static bool NegatedThroughWanting(string[] words, int start, ulong clauseEnds)
    {
        var k = start - 1;
        while (k >= 0 && start - k <= 4 && words[k] is "quero" or "queria" or "preciso" or "gosto" or "receber" or "de" or "ser" or "mais" or "nenhuma" or "nenhum"
                   // Twenty-second blind set: "não consigo receber ligação", "não posso atender ligação agora".
                   or "consigo" or "posso" or "atender")
            k--;
        return k >= 0 && k < start - 1 && words[k] is "nao" or "nunca" && !Crosses(clauseEnds, k, start);
    }

    /// <summary>"tem alguém aí que possa cobrir meu plantão?": someone to do something for him, not a person of the team to talk to.</summary>
    static bool AsksForSomeoneElse(string[] words, int start, int end) =>
        words[start] == "tem" && end < words.Length && words[end] is "que" or "para";

    /// <summary>
    /// A word (or two) in the three before the match that limits it to a time or a place: "hoje não me manda mais nada",
    /// "essa semana não me manda nada", "o hospital me ligou".
    /// </summary>
    bool Before(string[] words, int start, Sequences before, ulong clauseEnds = 0, ulong pastClauses = 0)
    {
        // A sequence that ends in those three words (it may start one word earlier) and not after the match's start;
        // with clause marks given, not in an earlier clause ("…do Hospital Municipal? quero falar com ele").
        for (var k = Math.Max(0, start - 4); k < start; k++)
            if (before.EndAt(words, k) is { } end && end > start - 3 && end <= start && !Permanent(words, k, end)
                && !Crosses(clauseEnds, end - 1, start) && !(pastClauses != 0 && DateOfAPastChange(words, k, end, start, pastClauses))) return true;
        return false;
    }

    /// <summary>
    /// Thirtieth blind set: "Me aposentei em março, favor retirar meu número", "comecei a residência em março, pode me excluir"
    /// — a month closing an earlier clause whose verb is in the past tells when his life changed, not when the stop ends.
    /// </summary>
    static bool DateOfAPastChange(string[] words, int from, int end, int start, ulong clauseEnds)
    {
        if (end - from != 1 || !Months.Contains(words[from]) || from == 0 || words[from - 1] is not ("em" or "desde") || !Crosses(clauseEnds, end - 1, start)) return false;
        for (var k = from - 2; k >= 0 && k >= from - 5 && !Crosses(clauseEnds, k, k + 1); k--)
            if (words[k] is "fui" or "foi" or "entrei" or "comecei" or "passei" || words[k].Length >= 5 && words[k] != "estou"
                && (words[k].EndsWith("ei", StringComparison.Ordinal) && !words[k].EndsWith("rei", StringComparison.Ordinal) || words[k].EndsWith("ou", StringComparison.Ordinal)))
                return true;
        return false;
    }

    static readonly HashSet<string> Months = ["janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];

    /// <summary>"a partir de hoje", "de janeiro em diante": the time starts a stop for good instead of limiting it.</summary>
    bool Permanent(string[] words, int from, int to)
    {
        for (var j = Math.Max(0, from - 3); j < from; j++)
            if (permanentBefore.EndAt(words, j) == from) return true;
        return permanentAfter.EndAt(words, to) is not null;
    }

    static readonly HashSet<string> FutureOffers = ["proximas", "proximos", "futuras", "futuros", "novas", "novos"];
    static readonly HashSet<string> OffersAsAWhole = ["oportunidades", "vagas", "ofertas", "propostas", "comunicacoes", "mensagens", "envios", "contatos", "plantoes", "campanhas"];

    /// <summary>A report or a block among the three words before <paramref name="end"/> ("denunciar esse número", "bloqueado").</summary>
    static bool Reported(string[] words, int end)
    {
        for (var k = Math.Max(0, end - 3); k < end; k++)
            if (words[k].StartsWith("denunci", StringComparison.Ordinal) || words[k].StartsWith("bloque", StringComparison.Ordinal) || words[k].StartsWith("report", StringComparison.Ordinal))
                return true;
        return false;
    }

    /// <summary>"não tenho interesse em pronto-socorro": a refusal narrowed to one thing, not to contact as a whole.</summary>
    bool NarrowedDown(string[] words, int end, ulong clauseEnds = 0) =>
        // "sem interesse nesse", "dispenso essa, obrigado": the last word — or the last of its clause ("não tenho interesse
        // nesse, tem algum em Campinas?") — points at the shift just offered.
        (end < words.Length && (courtesies.Strip(words[(end + 1)..]).Length == 0 || Crosses(clauseEnds, end, end + 1)) && words[end] is "esse" or "essa" or "este" or "esta" or "nesse" or "nessa" or "neste" or "nesta"
            or "desse" or "dessa" or "deste" or "desta" or "aquele" or "aquela" or "daquele" or "daquela" or "naquele" or "naquela")
        || end + 1 < words.Length && prepositions.Contains(words[end]) && !complementsOk.Contains(words[end + 1])
        // Thirtieth blind set: "desconsiderar meu contato para próximas oportunidades", "…em futuras comunicações" — the offers
        // to come as a whole, not one of them (unless narrowed again: "…próximas vagas de UTI").
        && !(FutureOffers.Contains(words[end + 1]) && end + 2 < words.Length && OffersAsAWhole.Contains(words[end + 2])
             && !Near(words, end + 3, optOutExceptions, optOutExceptionWindow))
        // "vou denunciar esse número no whatsapp": where a report or a block is made, not what it is about.
        && !(words[end + 1] is "whatsapp" or "zap" or "whats" or "wpp" && Reported(words, end))
        // Twenty-sixth blind set: "já pedi pra sair na semana passada" — a time gone by says when he asked.
        && !(end + 2 < words.Length && words[end + 2] is "passada" or "passado" or "retrasada" or "retrasado")
        && !words.Skip(end + 1).Take(3).Any(genericComplements.Contains)
        // "…nos seus plantões", "nas suas vagas": the company's shifts as a whole (unless narrowed again: "…noturnos").
        && !(serviceWhole.Contains(words[end + 1]) && end + 2 < words.Length && shiftNouns.Contains(words[end + 2]) && words[end + 2].EndsWith('s')
             && !Near(words, end + 3, optOutExceptions, optOutExceptionWindow))
        // "…em plantões" as the message's (or its clause's) last word: every shift, that is the service itself, not one of
        // them — "não tenho interesse em plantões, pode me retirar". Fifteenth blind set: so is the bare singular after "em"
        // ("…interesse em plantão, obrigado"), and either before a "nem" ("…em plantão, nem agora nem depois").
        && !(shiftNouns.Contains(words[end + 1]) && (words[end + 1].EndsWith('s') || words[end] == "em")
             && (end + 2 == words.Length || Crosses(clauseEnds, end + 1, end + 2) || words[end + 2] == "nem"));

    /// <summary>
    /// A word about one shift: a sector, a day, a period… or "plantão"/"vaga" made specific ("do plantão de sexta",
    /// "essa vaga") — while "para de mandar vagas" is about messages in general.
    /// </summary>
    bool IsShiftSpecific(string[] words, int k, HashSet<string> exceptions, ulong clauseEnds = 0)
    {
        // "todo dia", "toda semana", "nenhum hospital": every one, which is about messages in general, not one shift.
        // "antes que eu chame meu advogado" is a threat, not an hour; "boa noite", "bom dia" are greetings, not a period.
        if (exceptions.Contains(words[k]))
            return !(k > 0 && words[k - 1] is "todo" or "toda" or "todos" or "todas" or "nenhum" or "nenhuma" or "qualquer" or "boa" or "bom")
                   && !(words[k] == "antes" && k + 1 < words.Length && words[k + 1] == "que") && !Permanent(words, k, k + 1)
                   // Twenty-sixth blind set: "já pedi pra sair na semana passada" — a time gone by says when he asked, not a shift.
                   && !(k + 1 < words.Length && words[k + 1] is "passada" or "passado" or "retrasada" or "retrasado");
        if (!shiftNouns.Contains(words[k])) return false;
        // "nos plantões de vocês", "nas suas vagas": the company's shifts as a whole, that is the service itself.
        if (words[k].EndsWith('s') && ((k > 0 && words[k - 1] is "seus" or "suas" or "vossos" or "vossas")
                                       || (k + 2 < words.Length && words[k + 1] is "de" or "da" && words[k + 2] is "voces" or "empresa" or "vcs")))
            return false;
        // "pode parar de mandar as vagas", "…os plantões, obrigado": the plural with its article ending the clause is every
        // shift, the service itself — "as vagas de sábado", "os plantões noturnos" are still narrowed by what follows.
        if (words[k].EndsWith('s') && k > 0 && words[k - 1] is "as" or "os" or "das" or "dos"
            && (courtesies.Strip(words[(k + 1)..]).Length == 0 || Crosses(clauseEnds, k, k + 1)
                // Nineteenth blind set: "…o envio das vagas pra mim, definitivo" — the one they go to, closing the clause.
                || (k + 2 < words.Length && words[k + 1] == "para" && words[k + 2] == "mim" && (k + 3 == words.Length || Crosses(clauseEnds, k + 2, k + 3)))))
            return false;
        // Nineteenth blind set: "para de me mandar vaga de plantão" — shifts named by their kind, every one of them (unless
        // that is narrowed again: "vaga de plantão noturno").
        if (k + 2 < words.Length && words[k + 1] == "de" && words[k + 2] is "plantao" or "plantoes"
            && !(k + 3 < words.Length && !Crosses(clauseEnds, k + 2, k + 3) && (exceptions.Contains(words[k + 3]) || specifiers.Contains(words[k + 3])
                                                                                  || words[k + 3] is "de" or "do" or "da" or "no" or "na" or "em" or "nos" or "nas")))
            return false;
        // "vaga em SP", "vagas nos fins de semana": shifts of one place or time, not shifts as a whole.
        return (k > 0 && specifiers.Contains(words[k - 1]))
               || (k + 1 < words.Length && words[k + 1] is "de" or "do" or "da" or "no" or "na" or "em" or "nos" or "nas" or "para" or "com" && !genericComplements.Contains(words.ElementAtOrDefault(k + 2) ?? ""));
    }

    /// <summary>Whether a clause mark (, . ; ! ? …) follows any of the words from..to-1 (<see cref="PtBrText.ClauseEnds"/>).</summary>
    static bool Crosses(ulong ends, int from, int to) =>
        to > from && from < 64 && ((ends >> from) & (to - from >= 64 ? ulong.MaxValue : (1UL << (to - from)) - 1)) != 0;

    /// <summary>One letter missing, extra or wrong in a word of 5+ letters that is not a word of the families: "descadastar", "numro".</summary>
    internal string[] FixTypos(string[] words, IReadOnlySet<string>? names = null)
    {
        string[]? fixedWords = null;
        // The keys ("=" + word, the word less one letter, "=" + that) are built in one buffer and looked up as spans: this
        // runs on every message up to three times, and a string per key was most of what detection allocated.
        var lookup = typoFixes.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> stack = stackalloc char[128];
        for (var i = 0; i < words.Length; i++)
        {
            var w = words[i];
            // Thirty-seventh blind set: "a Sônia não quer mais receber" — a name, written with its capital inside a sentence, is
            // no misspelt family word ("sonia" is one letter from "sonda"); corrected, it voided the match around it.
            if (names is not null && names.Contains(w)) continue;
            if (w.Length < 5)
            {
                if (ShortTypo(words, i) is { } shortFix) (fixedWords ??= [.. words])[i] = shortFix;
                continue;
            }
            var key = w.Length < stack.Length ? stack : new char[w.Length + 1];
            key[0] = '=';
            w.CopyTo(key[1..]);
            if (lookup.ContainsKey(key[..(w.Length + 1)])) continue;
            var fix = typoFixes.GetValueOrDefault(w);
            // An extra last letter is usually an inflection ("removeu", "tiras"), not a typo: only inner letters count.
            for (var k = 0; fix is null && k < w.Length; k++)
                if (k < w.Length - 1 || w[k] is not ('u' or 's' or 'm' or 'r' or 'o' or 'i'))
                {
                    // key[1..w.Length] is w without its letter k; key[..w.Length] the same after "=".
                    w.AsSpan(0, k).CopyTo(key[1..]);
                    w.AsSpan(k + 1).CopyTo(key[(k + 1)..]);
                    fix = lookup.TryGetValue(key[1..w.Length], out var withoutK) ? withoutK
                        : lookup.TryGetValue(key[..w.Length], out var wordWithoutK) ? wordWithoutK : null;
                }
            if (fix is null) continue;
            fixedWords ??= [.. words];
            fixedWords[i] = fix.TrimStart('=');
        }
        return fixedWords ?? words;
    }

    /// <summary>
    /// Thirty-third blind set: "me tia da lista", "me tiar dessa lista", "me tira dessa lita" — a letter dropped or swapped in
    /// the short verb "tira"/"tire" or in "lista", words too short for the one-letter forgiveness of 5+ letters (it would read
    /// "tia", "ira" or "lisa" everywhere). Forgiven only where nothing else can stand: the verb right after "me", the noun
    /// right after "da", "dessa", "desta", "na", "nessa".
    /// </summary>
    static string? ShortTypo(string[] words, int i) =>
        i > 0 && words[i - 1] == "me" && ShortVerbTypos.TryGetValue(words[i], out var verb) ? verb
        // Thirty-seventh blind set: "n qr mais", "ñ qro receber" — "quero" shortened after "não" (nowhere else: "qr code").
        : i > 0 && words[i - 1] == "nao" && words[i] is "qr" or "qro" or "qer" or "qero" or "kero" or "kro" ? "quero"
        : i > 0 && words[i - 1] is "da" or "dessa" or "desta" or "na" or "nessa" && words[i] is "lita" or "lsta" or "lsit" ? "lista"
        : null;

    static readonly Dictionary<string, string> ShortVerbTypos = new(StringComparer.Ordinal)
    {
        ["tia"] = "tira", ["tra"] = "tira", ["tir"] = "tira", ["tiar"] = "tira", ["tria"] = "tira", ["itra"] = "tira",
        ["tie"] = "tire", ["tre"] = "tire", ["tier"] = "tire", ["trie"] = "tire",
    };

    /// <summary>Every family word ("=word") and its one-letter deletions (→ word), for words of 4+ letters.</summary>
    static Dictionary<string, string> TypoFixes(JsonElement root)
    {
        var vocabulary = new HashSet<string>(StringComparer.Ordinal);
        void Collect(JsonElement e)
        {
            switch (e.ValueKind)
            {
                case JsonValueKind.String: foreach (var w in e.GetString()!.Split(' ')) vocabulary.Add(w); break;
                case JsonValueKind.Array: foreach (var x in e.EnumerateArray()) Collect(x); break;
                // optOut.umaOferta holds closed-class words and names, not words doctors misspell: "quando" is no "quanto",
                // "certo" no "perto", "safados" no "sábados".
                // optOut.interjeicoes ("cara", "mano") would turn "carta", "manso" into fillers.
                case JsonValueKind.Object: foreach (var p in e.EnumerateObject()) if (p.Name is not ("_leia" or "umaOferta" or "interjeicoes")) Collect(p.Value); break;
            }
        }
        Collect(root);
        var fixes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var w in vocabulary) fixes["=" + w] = "=" + w;
        foreach (var w in vocabulary.Where(w => w.Length >= 4))
            for (var k = 0; k < w.Length; k++) fixes.TryAdd(w.Remove(k, 1), w);
        return fixes;
    }

    /// <summary>For a message the rules missed: the families of which some words appeared (what a new rule would extend).</summary>
    public string NearestOptOutFamily(string[] words)
    {
        foreach (var pair in optOutPairs)
            if (pair.A.FindEnd(words, 0, words.Length, out _) || pair.B.FindEnd(words, 0, words.Length, out _)) return pair.Name;
        return "nenhuma";
    }

    public string NearestPersonFamily(string[] words)
    {
        foreach (var pair in personPairs)
            if (pair.B.FindEnd(words, 0, words.Length, out _)) return pair.Name;
        return "nenhuma";
    }

    bool Matches(string[] words, Pair pair, HashSet<string> exceptions, int exceptionWindow, HashSet<string>? possessives = null,
        Sequences? before = null, bool keepsGoing = false, ulong clauseEnds = 0, bool paused = false, bool hisNumber = false,
        HashSet<string>? authorities = null, Sequences? unmistakable = null, ulong? negatedIn = null)
    {
        for (var i = 0; i < words.Length; i++)
        {
            // "não quero falar com atendente, só quero a vaga": a request for a person negated in its clause.
            if (negatedIn is { } ends && i > 0 && Negated(words, i, ends) && pair.A.EndAt(words, i) is not null) continue;
            // "ninguém precisa me retornar": nobody is asked for.
            if (negatedIn is not null && words[i] == "ninguem" && i + 1 < words.Length && words[i + 1] is "precisa" or "precisam") continue;
            // "ñ para ñ, manda mais vaga": an expression never runs across a clause mark.
            if (pair.A.EndAt(words, i) is not { } aEnd || Crosses(clauseEnds, i, aEnd - 1)) continue;
            if (keepsGoing && (AsksToKeepGoing(words, i, clauseEnds) || ButDoNotStop(words, i, clauseEnds) || Discounted(words, i, clauseEnds, hisNumber)
                               || (pair == stopPair && (StopsSomethingElse(words, aEnd) || OnShiftCondition(words, i, optOutExceptions))))) continue;
            if (pair.CheckAfter && before is not null && Before(words, i, before, pastClauses: keepsGoing ? clauseEnds : 0)) continue;
            for (var j = aEnd; j <= Math.Min(words.Length - 1, aEnd + pair.Window); j++)
            {
                if (pair.B.EndAt(words, j) is not { } bEnd) continue;
                // "chega de vaga longe, manda perto de casa": the second part opens another clause, it is not the first's object.
                // Fourteenth blind set: a mark anywhere between them ("chega de vaga ruim, me manda as boas").
                if (j > aEnd && Crosses(clauseEnds, aEnd - 1, j)) continue;
                // "não quero processo nenhum, só quero receber certinho": a new verb of wanting governs the second part.
                if (keepsGoing && WantedAgain(words, aEnd, j)) continue;
                // "vou falar com meu chefe": someone of the doctor's own, not Júlia's team.
                // Thirty-first blind set: "quero falar com a minha consultora", "passa pro meu recrutador" — a role only a staffing
                // company has is ours after "meu"/"minha" too (not "minha consultora de investimentos", nor "vou falar com…").
                if (possessives is not null && j > 0 && possessives.Contains(words[j - 1]) && !OursAfterThePossessive(words, i, j)) continue;
                if (keepsGoing && pair.Pausable && Paused(words, bEnd, paused)) continue;
                // "para de mandar tantas de uma vez": fewer messages, not none.
                // Eighteenth blind set: "para de mandar tanta mensagem junta" — the amount between the verb and the message too.
                if (pair == stopPair && (SlowsDown(words, bEnd) || (j > 0 && j > aEnd && SlowsDown(words, j - 1)) || Repeats(words, aEnd, bEnd + 4) || CallsByName(words, bEnd)
                                         || AsksAboutAConsequence(words, i, bEnd, clauseEnds))) continue;
                // Fourteenth blind set: "sair da lista eu não quero" (the stop named, then denied), "sai daqui a pouco do
                // plantão" (a time from now), "pode tirar o Jr do meu nome" (something taken out of his name, not his name).
                if (keepsGoing && (DeniedAfter(words, bEnd, clauseEnds) || FromNowOn(words, bEnd) || TakenOutOfHisDatum(words, aEnd, j))) continue;
                if (!pair.CheckAfter) return true;
                // "tem algum humano de plantão aí?": a human is asked for whatever follows.
                if (unmistakable is not null && ColleagueOnShift(words, bEnd)) continue;
                if (unmistakable is not null && unmistakable.EndAt(words, j) == bEnd && OnlyDeterminers(words, aEnd, j)) return true;
                // "remover o paciente da lista de espera": what is removed is not the doctor's contact.
                if (keepsGoing && (NotTheDoctors(words, aEnd, j, bEnd) || NumberOfAKind(words, aEnd, bEnd, clauseEnds))) continue;
                // A word about a shift between the two parts or right after them: "tira meu nome do plantão".
                if (!Between(words, aEnd, j, exceptions, relayed: pair.Name == "pedir_contato") && !Near(words, bEnd, exceptions, exceptionWindow, authorities, clauseEnds)) return true;
            }
        }
        return false;
    }

    static readonly HashSet<string> OurRoles = ["consultor", "consultora", "recrutador", "recrutadora", "escalista"];

    /// <summary>Thirty-fourth blind set: the roles of a team a doctor may also have at his own work ("minha gestora", "meu gerente").</summary>
    static readonly HashSet<string> SharedRoles = ["gestor", "gestora", "gerente", "coordenador", "coordenadora", "supervisor", "supervisora", "responsavel", "analista", "atendente", "chefe"];

    /// <summary>The verbs of handing him over ("me passa para", "transfere para", "me coloca em contato com"): to Júlia's people only.</summary>
    static readonly HashSet<string> HandingOver = ["passa", "passe", "passar", "transfere", "transfira", "transferir", "coloca", "coloque", "colocar", "encaminha", "encaminhe", "encaminhar", "conecta", "conecte", "conectar", "poe", "bota"];

    /// <summary>
    /// Thirty-first blind set: the doctor's consultant or recruiter (words[<paramref name="j"/>], after "meu"/"minha") asked for by
    /// the expression at <paramref name="start"/> — ours, unless a complement names another trade ("…de investimentos", "…do
    /// banco") or the doctor says he will talk to her himself ("vou falar com minha consultora").
    /// </summary>
    static bool OursAfterThePossessive(string[] words, int start, int j) =>
        (OurRoles.Contains(words[j]) || (SharedRoles.Contains(words[j]) && (HandsOver(words, start) || OfYours(words, j + 1)))) && words[j - 1] is "meu" or "minha"
        && (j + 1 == words.Length || OfYours(words, j + 1) || words[j + 1] is not ("de" or "do" or "da" or "dos" or "das" or "financeiro" or "financeira" or "imobiliario" or "imobiliaria" or "pessoal"))
        && !(start > 0 && words[start - 1] is "vou" or "vamos" or "irei" or "vai") && !(start > 1 && words[start - 2] is "vou" or "vamos" or "irei");

    /// <summary>
    /// Thirty-fourth blind set: "me passa pra minha gestora" — he is handed over by Júlia, so to one of hers (whereas "vou falar com
    /// minha gestora" is his own); "minha gestora aí de vocês" says so outright.
    /// </summary>
    static bool HandsOver(string[] words, int start) =>
        HandingOver.Contains(words[start]) || (words[start] == "me" && start + 1 < words.Length && HandingOver.Contains(words[start + 1]));

    static bool OfYours(string[] words, int from) =>
        from < words.Length && (words[from] == "dai" || (words[from] == "de" && from + 1 < words.Length && words[from + 1] is "voces" or "vcs")
                                || (words[from] == "ai" && from + 2 < words.Length && words[from + 1] == "de" && words[from + 2] is "voces" or "vcs"));

    /// <summary>
    /// Twenty-second blind set: "tira meu telefone fixo do cadastro, usa só o cel", "apaga meu número comercial" — one of the
    /// doctor's numbers named by its kind (between <paramref name="from"/> and <paramref name="to"/>, in the clause), not
    /// this contact.
    /// </summary>
    bool NumberOfAKind(string[] words, int from, int to, ulong clauseEnds)
    {
        for (var k = Math.Max(1, from); k < Math.Min(words.Length, to) && !Crosses(clauseEnds, from, k); k++)
            if (words[k] is "fixo" or "residencial" or "comercial" && otherChannels.Contains(words[k - 1])) return true;
        return false;
    }

    /// <summary>
    /// A patient, a drain, an exam between the two parts ("remover o paciente da lista") or as the complement of the list
    /// ("lista de espera"): the removal is of something of the ward, not of the doctor's contact.
    /// </summary>
    bool NotTheDoctors(string[] words, int aEnd, int j, int bEnd)
    {
        for (var k = aEnd; k < j; k++) if (notTheDoctors.Contains(words[k])) return true;
        return ListOfTheWard(words, bEnd - 1);
    }

    /// <summary>"…da lista de espera", "…do grupo de pacientes": a list or group (from <paramref name="from"/>, within three words) of the ward.</summary>
    bool ListOfTheWard(string[] words, int from)
    {
        for (var k = Math.Max(0, from); k < Math.Min(words.Length - 2, from + 3); k++)
            if (complementedNouns.Contains(words[k]) && words[k + 1] is "de" or "do" or "da" or "dos" or "das" && notTheDoctors.Contains(words[k + 2]))
                return true;
        return false;
    }

    /// <summary>
    /// Fifteenth blind set: "tem humano no plantão comigo ou sou só eu?" asks about a colleague on his shift — a shift word
    /// right before "comigo" in the words after the person.
    /// </summary>
    static bool ColleagueOnShift(string[] words, int from)
    {
        for (var k = from; k + 1 < Math.Min(words.Length, from + 5); k++)
            if (words[k] is "plantao" or "turno" or "escala" or "sala" && words[k + 1] == "comigo") return true;
        return false;
    }

    static bool OnlyDeterminers(string[] words, int from, int to)
    {
        for (var k = from; k < to; k++) if (words[k] is not ("algum" or "alguma" or "um" or "uma" or "o" or "a")) return false;
        return true;
    }

    bool Between(string[] words, int from, int to, HashSet<string> exceptions, bool relayed = false)
    {
        for (var k = from; k < to; k++)
            if (IsShiftSpecific(words, k, exceptions) && !(ReferenceEquals(exceptions, personExceptions) && TeamOfTheSchedule(words, k, relayed))) return true;
        return false;
    }

    /// <summary>
    /// Thirty-sixth blind set: "pode pedir pro coordenador da escala me chamar?", "pede pro pessoal das escalas me ligar" — the
    /// schedule after one of the team names who makes it (the team), not a shift the request is about; between a verb of asking
    /// someone and "me ligar" it is always who is asked, named or not ("pede pra Ana da escala me retornar").
    /// </summary>
    static bool TeamOfTheSchedule(string[] words, int k, bool relayed) =>
        words[k] is "escala" or "escalas" && k > 1 && words[k - 1] is "da" or "das" && (relayed || TeamHeads.Contains(words[k - 2]));

    static readonly HashSet<string> TeamHeads = ["coordenador", "coordenadora", "coordenacao", "responsavel", "gestor", "gestora", "gerente", "supervisor",
        "supervisora", "chefe", "alguem", "pessoal", "equipe", "time", "setor", "moca", "moco", "menina", "rapaz", "analista", "escalista", "encarregado", "encarregada"];

    static readonly HashSet<string> HisOwnPlaces = ["outro", "outra", "emprego", "trabalho", "consultorio", "clinica", "hospital", "faculdade", "residencia", "banco", "condominio", "escola", "prefeitura"];

    static readonly HashSet<string> NowForGood = ["sou", "trabalho", "moro", "vivo", "atuo"];

    /// <summary>
    /// Twenty-sixth blind set: a later clause that opens on what the doctor did or now is — "…, mudei de cidade", "…, passei na
    /// residência", "…, vou morar fora" — gives the stop's reason; its words name no shift the stop is about.
    /// </summary>
    static readonly HashSet<string> ReasonOpenings = ["mudei", "passei", "consegui", "fechei", "arrumei", "entrei", "comecei", "virei", "decidi", "larguei",
        "parei", "vou", "estou", "sou", "agora", "me", "ja"];

    static bool ReasonClause(string[] words, int k) =>
        ReasonOpenings.Contains(words[k])
        && (words[k] != "me" || (k + 1 < words.Length && words[k + 1] is "aposentei" or "mudei" or "formei" or "mudando" or "aposentando"))
        && (words[k] != "ja" || (k + 1 < words.Length && words[k + 1] is "consegui" or "fechei" or "arrumei" or "entrei" or "passei" or "mudei"))
        && (words[k] != "estou" || (k + 1 < words.Length && words[k + 1] is "saindo" or "mudando" or "indo" or "aposentando" or "fechado" or "fechada"))
        // "vou" and "agora" only before what changes for good ("vou morar fora", "agora sou CLT"): "…, agora só quero os de
        // sábado" still narrows the stop.
        && (words[k] != "vou" || (k + 1 < words.Length && words[k + 1] is "morar" or "mudar" or "embora" or "me" or "sair" or "parar" or "fazer" or "largar"))
        && (words[k] != "agora" || (k + 1 < words.Length && NowForGood.Contains(words[k + 1])))
        && (words[k] != "sou" || (k + 1 < words.Length && words[k + 1] is "clt" or "concursado" or "concursada" or "servidor" or "servidora" or "residente" or "aposentado" or "aposentada" or "funcionario" or "funcionaria" or "efetivo" or "efetiva"));

    /// <summary>
    /// A word about one shift in the <paramref name="window"/> words from <paramref name="end"/> — or, for opt-out, an
    /// authority: "vou reportar vcs no ministério do trabalho" is a complaint, not a spam report.
    /// </summary>
    bool Near(string[] words, int end, HashSet<string> exceptions, int window, HashSet<string>? authorities = null, ulong clauseEnds = 0)
    {
        var limit = Math.Min(words.Length, end + window);
        // "me tira do grupo de whats do plantão de sábado": the list or group that ends the match has a complement too.
        if (end > 0 && end < words.Length && complementedNouns.Contains(words[end - 1]) && words[end] is "do" or "da" or "de" or "dos" or "das")
            limit = Math.Min(words.Length, end + 1 + window);
        var optOut = !ReferenceEquals(exceptions, personExceptions);
        for (var k = end; k < limit; k++)
        {
            // Thirty-sixth blind set, person only: "preciso ver com a coordenação do meu outro emprego", "…com o gerente da minha
            // clínica" — the doctor's own workplace owns the person (not "o responsável pelo meu pagamento", ours).
            if (!optOut && words[k] is "do" or "da" && k + 2 < words.Length && words[k + 1] is "meu" or "minha" && HisOwnPlaces.Contains(words[k + 2])) return true;
            if (optOut && k > 0 && Crosses(clauseEnds, k - 1, k) && ReasonClause(words, k)) break;
            if (IsShiftSpecific(words, k, exceptions, clauseEnds)) return true;
            // Thirteenth blind set, opt-out only: an hour ("…depois das 22h"), the offers of one place with the noun left
            // out ("…as de Santos", "os do HC"), and a topic ("…msg sobre aquele plantão do dia 5": look past "sobre").
            if (optOut && (ClockTime(words[k]) || ElidedShift(words, k))) return true;
            // Fifteenth blind set: "…msg às 6 da manhã", "às 22": "as" and a number is an hour.
            if (optOut && words[k] == "as" && k + 1 < words.Length && char.IsDigit(words[k + 1][0])) return true;
            if (optOut && words[k] is "sobre" or "referente" or "acerca" or "respeito") limit = Math.Min(words.Length, k + 1 + window);
            // Twenty-second blind set: "para de mandar pra mim de madrugada" — "pra mim" names nothing, so look past it.
            // Thirty-fifth blind set: "pararem de ligar pra ele no horário do almoço" — nor does "pra ele/ela", the owner written for.
            if (optOut && words[k] == "para" && k + 1 < words.Length && words[k + 1] is "mim" or "nos" or "ele" or "ela") limit = Math.Min(words.Length, limit + 2);
            // "me remove do grupo do plantão de sábado": a group or list with a complement is narrowed by it, so look on.
            if (complementedNouns.Contains(words[k]) && k + 1 < words.Length && words[k + 1] is "do" or "da" or "de" or "dos" or "das")
                limit = Math.Min(words.Length, k + 2 + window);
        }
        // "para de mandar msg no meu outro celular, só aqui": another of the doctor's numbers, not this contact (opt-out only:
        // "alguém me chama no outro número?" still asks for a person).
        // Since the thirteenth blind set only in the stop's own clause: "bloqueei vcs, não mandem mais de outro numero".
        if (!ReferenceEquals(exceptions, personExceptions))
            for (var k = end; k < Math.Min(words.Length - 1, end + window + 3) && !Crosses(clauseEnds, end - 1, k); k++)
                if (words[k] is "outro" or "outra" && otherChannels.Contains(words[k + 1])) return true;
        if (optOut && NumberOfAKind(words, end - 1, end + window, clauseEnds)) return true;
        // "vou reportar vcs pro Procon": the authority may come after whom and a preposition — not after a threat's
        // connective, which opens a clause of its own: "me tira dessa lista senão vou no Procon" still asks to leave.
        if (authorities is not null)
            for (var k = end; k < Math.Min(words.Length, end + window + 2); k++)
            {
                if (words[k] is "senao" or "ou" or "se" or "caso" || (words[k] == "antes" && k + 1 < words.Length && words[k + 1] == "que")) break;
                if (authorities.Contains(words[k]) && !HisRegistration(words, k)) return true;
            }
        return false;
    }

    /// <summary>
    /// Twenty-eighth blind set: "pedi pra parar a medicação do paciente", "toda semana eu peço pra parar a noradrenalina" — a
    /// request to stop whose "parar" takes an object (an article or a demonstrative, then a noun) that is not the sending:
    /// a drug or a procedure stopped, not the contact ("pedi pra parar as mensagens" still is).
    /// </summary>
    static bool StopsAThing(string[] words, int end) =>
        end > 0 && words[end - 1] == "parar" && end + 1 < words.Length
        && words[end] is "a" or "o" or "as" or "os" or "esse" or "essa" or "esses" or "essas" or "este" or "esta" or "aquele" or "aquela"
        && !SentThings.Contains(words[end + 1]);

    static readonly HashSet<string> SentThings =
        ["mensagem", "mensagens", "envio", "envios", "contato", "contatos", "disparo", "disparos", "spam", "oferta", "ofertas", "propaganda",
         "propagandas", "vagas", "plantoes", "propostas", "oportunidades", "lista", "listas", "ligacoes", "notificacoes", "whatsapp", "zap", "msg"];

    /// <summary>Fourteenth blind set: the match closes its clause or the message (courtesies aside): "chega de vaga, tô fora".</summary>
    bool ClosesClause(string[] words, int end, ulong clauseEnds)
    {
        // "chega de vaga pra mim, obrigado": "para mim" adds nothing.
        if (end + 1 < words.Length && words[end] == "para" && words[end + 1] == "mim" && !Crosses(clauseEnds, end - 1, end)) end += 2;
        // Thirty-fifth blind set: "queria parar de receber essas vagas", "não precisa mais mandar vaga pra ele" — the offers or
        // the messages as a whole (bare, or plural after an article or a demonstrative), maybe "para ele/ela", close it too.
        if (end < words.Length && !Crosses(clauseEnds, end - 1, end) && WholeServiceObject(words, end) is { } after && after > end)
        {
            end = after;
            if (end + 1 < words.Length && words[end] == "para" && words[end + 1] is "mim" or "ele" or "ela" && !Crosses(clauseEnds, end - 1, end)) end += 2;
        }
        return end >= words.Length || Crosses(clauseEnds, end - 1, end) || courtesies.Strip(words[end..]).Length == 0;
    }

    /// <summary>Where "vaga(s)", "mensagens", "essas vagas", "as ofertas", "nada" starting at <paramref name="at"/> end, or null:
    /// every offer, not one ("a vaga", "essa vaga" name the one offered).</summary>
    static int? WholeServiceObject(string[] words, int at)
    {
        if (words[at] is "nada" or "isso") return at + 1;
        if (words[at] is "mais" && at + 1 < words.Length && words[at + 1] == "nada") return at + 2;
        if (WholeServiceNouns.Contains(words[at])) return at + 1;
        return words[at] is "as" or "os" or "essas" or "esses" or "estas" or "estes" && at + 1 < words.Length && words[at + 1].EndsWith('s')
               && WholeServiceNouns.Contains(words[at + 1]) ? at + 2 : null;
    }

    static readonly HashSet<string> WholeServiceNouns =
        ["vaga", "vagas", "mensagem", "mensagens", "oferta", "ofertas", "plantoes", "propostas", "oportunidades", "coisas"];

    /// <summary>
    /// "não quero mais plantão de final de semana": a refusal that ends on a shift noun is narrowed by what the noun is
    /// given ("…vaga de UTI", "…plantão com valor baixo") as a shift after a stop is (fourteenth blind set).
    /// </summary>
    bool NarrowedShiftNoun(string[] words, int end, HashSet<string> exceptions, ulong clauseEnds) =>
        end > 0 && shiftNouns.Contains(words[end - 1]) && IsShiftSpecific(words, end - 1, exceptions, clauseEnds);

    /// <summary>"sair da lista eu não quero, mas…": the stop named first, then denied in its own clause (fourteenth blind set).</summary>
    static bool DeniedAfter(string[] words, int end, ulong clauseEnds)
    {
        var k = end;
        if (k < words.Length && words[k] == "eu") k++;
        if (k + 1 >= words.Length || words[k] is not ("nao" or "nunca") || words[k + 1] is not ("quero" or "vou" or "pretendo" or "preciso" or "pedi" or "desejo")
            || Crosses(clauseEnds, end - 1, k + 1)) return false;
        // "me tira da lista eu não quero mais" goes on as a refusal of its own: the denial closes its clause.
        var after = k + 2;
        return after >= words.Length || Crosses(clauseEnds, k + 1, after) || words[after] is "mas" or "porem" or "so" or "nao";
    }

    /// <summary>"sai daqui a pouco do plantão", "daqui uns dias": "daqui" as a time from now, not a place to leave.</summary>
    static bool FromNowOn(string[] words, int end) =>
        end > 0 && end < words.Length && words[end - 1] == "daqui"
        && (words[end] is "a" or "ha" or "uns" or "umas" or "um" or "uma" or "pouco" or "pouquinho" || (words[end].Length > 0 && char.IsDigit(words[end][0])));

    /// <summary>
    /// "pode tirar o Jr do meu nome", "remove o 9 do meu número": something taken out of his name or number (an object,
    /// then a preposition before the datum), not the datum taken out of the list.
    /// </summary>
    static bool TakenOutOfHisDatum(string[] words, int aEnd, int j)
    {
        var k = j;
        while (k < words.Length && words[k] is "meu" or "minha" or "seu" or "sua") k++;
        if (k >= words.Length || words[k] is not ("nome" or "numero" or "telefone" or "celular" or "sobrenome")) return false;
        var p = j - 1;
        while (p > aEnd && words[p] is "meu" or "minha" or "seu" or "sua") p--;
        // The object opens with its article ("tirar o Jr…"); "a exclusão definitiva do meu número" names the number itself.
        return p > aEnd + 1 && words[p] is "do" or "da" or "de" or "no" or "na" && words[aEnd] is "o" or "a" or "os" or "as" or "um" or "uma" or "esse" or "essa";
    }

    /// <summary>"…o CRM 123456", "meu CRM": the doctor's own registration, not the council as an authority.</summary>
    static bool HisRegistration(string[] words, int k) =>
        (words[k] == "crm" || words[k].StartsWith("creme", StringComparison.Ordinal))
        && ((k + 1 < words.Length && words[k + 1].Length > 0 && char.IsDigit(words[k + 1][0])) || (k > 0 && words[k - 1] is "meu" or "seu"));

    /// <summary>"vc vai parar de me mandar vaga se eu recusar essa?": a question about what follows his own act, not a request.</summary>
    static bool AsksAboutAConsequence(string[] words, int start, int bEnd, ulong clauseEnds)
    {
        // Thirty-fifth blind set: "param de mandar" is the indicative made a command ("param de mandar msg", "vcs param de me
        // mandar isso?"), but with a condition in its clause it tells what would happen: "vocês param de mandar se eu pedir?".
        if (words[start] == "param")
        {
            for (var k = start - 1; k >= Math.Max(0, start - 8) && !Crosses(clauseEnds, k, k + 1); k--)
                if (words[k] == "se") return true;
            for (var k = bEnd; k < Math.Min(words.Length, bEnd + 6) && !Crosses(clauseEnds, k - 1, k); k++)
                if (words[k] == "se") return true;
        }
        if (start == 0 || words[start - 1] is not ("vai" or "vao" or "iria" or "iriam" or "vou")) return false;
        for (var k = bEnd; k + 1 < Math.Min(words.Length, bEnd + 7); k++)
        {
            if (Crosses(clauseEnds, k - 1, k)) return false;
            if (words[k] == "se" && words[k + 1] == "eu") return true;
        }
        return false;
    }

    /// <summary>
    /// "tô sem tempo agora, mas n para de mandar": after a reason to pause (a pause word or being busy), "mas não para"
    /// with no subject is the spoken "don't stop"; "já pedi, mas não para de chegar msg" names no pause and still counts.
    /// </summary>
    bool ButDoNotStop(string[] words, int start, ulong clauseEnds)
    {
        if (words[start] != "para" || start < 2 || words[start - 1] != "nao" || words[start - 2] is not ("mas" or "porem")
            || Crosses(clauseEnds, start - 2, start)) return false;
        for (var k = 0; k < start - 2; k++)
            if (pauseAfter.EndAt(words, k) is not null || words[k] is "ocupado" or "ocupada" or "corrido" or "corrida" or "atolado" or "atolada"
                || (words[k] == "sem" && k + 1 < words.Length && words[k + 1] == "tempo")) return true;
        return false;
    }

    static bool ContactParticiple(string w) =>
        w is "contatado" or "contatada" or "contactado" or "contactada" or "procurado" or "procurada" or "incomodado" or "incomodada"
            or "perturbado" or "perturbada" or "importunado" or "importunada" or "chamado" or "chamada" or "avisado" or "avisada"
            or "notificado" or "notificada" or "lembrado" or "lembrada" or "abordado" or "abordada";

    /// <summary>An affirmative "quero", "queria", "preciso", "gostaria" between the two parts of a pair (thirteenth blind set).</summary>
    static bool WantedAgain(string[] words, int from, int to)
    {
        for (var k = from; k < to; k++)
            if (words[k] is "quero" or "queria" or "preciso" or "gostaria" && words[k - 1] is not ("nao" or "nem" or "mais")) return true;
        return false;
    }

    /// <summary>"22h", "8h30", "19hs", "7hrs": an hour of the day.</summary>
    static bool ClockTime(string w)
    {
        var h = w.IndexOf('h');
        if (h is < 1 or > 2 || w.Length > 6) return false;
        for (var i = 0; i < h; i++) if (!char.IsDigit(w[i])) return false;
        var rest = w[(h + 1)..];
        return rest is "" or "s" or "r" or "rs" || (rest.Length == 2 && char.IsDigit(rest[0]) && char.IsDigit(rest[1]));
    }

    /// <summary>
    /// "as de Santos", "os do HC", "a da noite": an article with a place or time and the shift noun left out — not "as de
    /// vocês", "os de sempre".
    /// </summary>
    bool ElidedShift(string[] words, int k) =>
        words[k] is "as" or "os" or "a" or "o" && k + 2 < words.Length
        && words[k + 1] is "de" or "do" or "da" or "dos" or "das" or "no" or "na" or "em"
        && !genericComplements.Contains(words[k + 2]) && words[k + 2] is not ("sempre" or "novo" or "tudo" or "mim" or "voce" or "vez" or "hoje");

    static Pair ReadPair(JsonElement p) => new(
        p.GetProperty("nome").GetString()!, new Sequences(Strings(p.GetProperty("a"))), new Sequences(Strings(p.GetProperty("b"))),
        p.GetProperty("janela").GetInt32(), p.TryGetProperty("depoisExcecao", out var c) && c.GetBoolean(),
        p.TryGetProperty("pausavel", out var pause) && pause.GetBoolean());

    static IEnumerable<string> Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!);

    static IntentVocabulary Load()
    {
        using var stream = typeof(IntentVocabulary).Assembly.GetManifestResourceStream("Julia.Conversations.Text.deteccao.json")
                           ?? throw new InvalidOperationException("deteccao.json is not embedded");
        using var doc = JsonDocument.Parse(stream);
        return new IntentVocabulary(doc.RootElement);
    }

    /// <summary>Word sequences indexed by their first word: matching costs a dictionary lookup per word of the message.</summary>
    sealed class Sequences
    {
        readonly Dictionary<string, string[][]> byFirst;

        public Sequences(IEnumerable<string> items) =>
            byFirst = items.Select(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(s => s.Length > 0)
                .GroupBy(s => s[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Length).ToArray(), StringComparer.Ordinal);

        /// <summary>The index after the longest sequence starting at <paramref name="start"/>, or null.</summary>
        public int? EndAt(string[] words, int start)
        {
            if (start >= words.Length || !byFirst.TryGetValue(words[start], out var candidates)) return null;
            foreach (var seq in candidates)
            {
                if (start + seq.Length > words.Length) continue;
                var ok = true;
                for (var k = 1; k < seq.Length && ok; k++) ok = words[start + k] == seq[k];
                if (ok) return start + seq.Length;
            }
            return null;
        }

        public bool FindEnd(string[] words, int from, int to, out int end)
        {
            for (var i = from; i < to; i++)
                if (EndAt(words, i) is { } e) { end = e; return true; }
            end = 0;
            return false;
        }

        /// <summary>The words without courtesies ("por favor", "obrigado"…), wherever they are.</summary>
        public string[] Strip(string[] words)
        {
            var kept = new List<string>(words.Length);
            for (var i = 0; i < words.Length;)
            {
                if (EndAt(words, i) is { } end) { i = end; continue; }
                kept.Add(words[i++]);
            }
            return [.. kept];
        }
    }
}
