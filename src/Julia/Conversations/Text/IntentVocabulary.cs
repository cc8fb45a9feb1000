using System.Text.Json;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Word families of deteccao.json (pt-BR, normalised), matched on the words of <see cref="Infrastructure.Text.PtBrText.Normalise"/>d
/// text: a whole message that is a bare command, a phrase anywhere, or an expression of family A followed within a few
/// words by one of family B — each unless a word right after shows the message is about a shift, not the contact.
/// A data file a reviewer can read and extend, instead of one long expression (docs/decisions.md#opt-out).
/// </summary>
internal sealed partial class IntentVocabulary
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

    /// <summary>
    /// Sixty-second blind set: common first names (pessoa.nomes), by which one of ours asked for in lower case is told from a
    /// noun ("o marcelo está aí?", not "o plantão está aí?"; HandoffTriggerDetector.FirstNames.cs).
    /// </summary>
    public HashSet<string> FirstNames { get; }

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
        FirstNames = [.. Strings(person.GetProperty("nomes"))];
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
        var paused = PauseInMessage(words) || CountedPause(words);
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

    /// <summary>
    /// A phrase of `pausaNaMensagem` anywhere ("talvez", "no futuro"), unless "nem" denies it right before: forty-ninth blind set,
    /// "não tenho interesse agora nem no futuro" is for good.
    /// </summary>
    bool PauseInMessage(string[] words)
    {
        for (var i = 0; i < words.Length; i++)
            if (pauseInMessage.EndAt(words, i) is not null && !(i > 0 && words[i - 1] == "nem")) return true;
        return false;
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
                && !(i > 0 && words[i - 1] is "nao" or "nem" && !Crosses(clauseEnds, i - 1, i)) && !Supposed(words, i)) return true;
        return false;
    }

    /// <summary>
    /// Sixty-first blind set: "caso continuem mandando, denuncio" — the going on supposed after "se"/"caso" (maybe with its
    /// subject) is what he threatens against, not a wish to keep the contact.
    /// </summary>
    static bool Supposed(string[] words, int i) =>
        (i > 0 && words[i - 1] is "se" or "caso")
        || (i > 1 && words[i - 2] is "se" or "caso" && words[i - 1] is "voces" or "voce" or "eles" or "elas" or "julia" or "vcs");

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
        var bareParas = 0;
        var repeats = 0;
        string[]? lastCommand = null;
        var from = 0;
        for (var k = 0; k < words.Length; k++)
        {
            if (k + 1 < words.Length && !Crosses(clauseEnds, k, k + 1)) continue;
            var clause = interjections.Strip(courtesies.Strip(words[from..(k + 1)]));
            from = k + 1;
            if (clause.Length == 0) continue;
            // Forty-ninth blind set: "n quero mais, para", "para, chega" — a bare "para" clause beside a whole-message command
            // repeats it: it adds to another command, never stands alone ("para", "para para para" stay none: docs/decisions.md#opt-out).
            if (clause.All(w => w == "para")) { bareParas++; continue; }
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
            // Sixty-fifth set's leftovers: "eu não quero mais, …" — the subject said before a whole-message command.
            if (clause is ["eu", _, ..] && exact.Contains(string.Join(' ', clause, 1, clause.Length - 1))) clause = clause[1..];
            // Sixty-fifth set's leftovers: "não quero mais. não quero", "eu não quero mais, entendeu? não quero" — the command said
            // again shorter (its first two words or more) presses it, as a bare "para" does: never alone.
            if (lastCommand is not null && clause.Length >= 2 && clause.Length < lastCommand.Length && lastCommand.AsSpan(0, clause.Length).SequenceEqual(clause)) { repeats++; continue; }
            if (!exact.Contains(string.Join(' ', clause))) return false;
            commands++;
            lastCommand = clause;
        }
        return commands >= 2 || (commands == 1 && (bareParas > 0 || repeats > 0));
    }

    /// <summary>Whether the words, courtesies out, are two whole-message commands (`exato`) one after the other.</summary>
    bool RunTogetherCommands(string[] core)
    {
        if (core.Length is < 2 or > 8) return false;
        // Forty-ninth blind set: "STOP STOP STOP", "chega chega chega" — one command said again, read once; and "n qro + para",
        // "para nao quero mais" — a bare "para" before or after a whole-message command, with no mark between (as with one).
        if (WithoutRepeats(core) is { } once && exact.Contains(string.Join(' ', once))) return true;
        if (core.Length >= 3 && (core[^1] == "para" ? exact.Contains(string.Join(' ', core, 0, core.Length - 1))
                                 : core[0] == "para" && exact.Contains(string.Join(' ', core, 1, core.Length - 1)))) return true;
        for (var k = 1; k < core.Length; k++)
            if (exact.Contains(string.Join(' ', core, 0, k)) && exact.Contains(string.Join(' ', core, k, core.Length - k))) return true;
        return false;
    }

    /// <summary>The words with each run of one word said again kept once ("stop stop stop" → "stop"), or null when none repeats.</summary>
    static string[]? WithoutRepeats(string[] core)
    {
        List<string>? once = null;
        for (var k = 1; k < core.Length; k++)
            if (core[k] == core[k - 1]) { once ??= [.. core[..k]]; }
            else once?.Add(core[k]);
        return once?.ToArray();
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

    /// <summary>"se (vocês) não mandarem mais vaga…": a condition, not a request ("se mandar mais uma, bloqueio" still is one).
    /// Forty-first blind set: "se parar de mandar eu fico triste kkk", "se vcs pararem de mandar vou sentir falta" — the stop
    /// itself supposed after "se" is what he fears, not what he asks (a stop said outright elsewhere still counts); thanked for
    /// ("se pararem de mandar, agradeço") or wished ("seria ótimo se parassem de me enviar") it is the polite request.</summary>
    static bool Conditional(string[] words, int start) =>
        (words[start] == "nao" || (words[start] is "parar" or "pararem" && !ThankedAfter(words, start)))
        && ((start > 0 && words[start - 1] == "se")
            || (start > 1 && words[start - 2] == "se" && words[start - 1] is "voces" or "voce" or "eles" or "elas" or "julia"));

    static bool ThankedAfter(string[] words, int from)
    {
        for (var k = from + 1; k < words.Length; k++)
            if (words[k] is "agradeco" or "agradeceria" or "agradecido" or "agradecida" or "grato" or "grata" or "obrigado" or "obrigada" or "favor") return true;
        return false;
    }

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
        // Seventieth blind set: "não quero que meu nome (e telefone) seja(m) excluído(s)": the passive's "seja" and his data,
        // its subject, are looked through to the "que".
        if (k >= 1 && words[k] is "seja" or "sejam" && HisDataBefore(words, k - 1) is { } que) k = que;
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
    /// His data as the subject of a request to remove it ("que meu nome e telefone sejam excluídos"), normalised, as a
    /// regex alternation: the formal stop (<see cref="OptOutDetector"/>, Formal) and its negation (<see cref="HisDataBefore"/>)
    /// read the same nouns.
    /// </summary>
    internal const string HisDataNouns = "nome|numero|telefone|celular|contato|cadastro|dados|whatsapp|whats|zap|email|e mail|registro|perfil|informacoes";

    /// <summary>The words that may stand between "que" and "seja(m)" when his data is the subject: the nouns, "e", and his/the.</summary>
    static readonly HashSet<string> HisDataSubject =
        [.. HisDataNouns.Split('|').SelectMany(n => n.Split(' ')), "meu", "minha", "meus", "minhas", "o", "a", "os", "as", "e"];

    /// <summary>The index of the "que" before his data named as a subject ("que meu nome e telefone"), ending at <paramref name="last"/>; null when other words come between.</summary>
    static int? HisDataBefore(string[] words, int last)
    {
        for (var k = last; k >= 0 && k >= last - 7; k--)
        {
            if (words[k] == "que") return k < last ? k : null;
            if (!HisDataSubject.Contains(words[k])) return null;
        }
        return null;
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
        // Seventy-first blind set: "para de me marcar e de me mandar vaga" — another verb and the sending, both stopped.
        if (k + 2 < words.Length && words[k + 1] == "e")
        {
            var m = words[k + 2] is "de" or "com" ? k + 3 : k + 2;
            if (m < words.Length && stopPair.B.EndAt(words, m) is not null) return false;
        }
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
        if (words[start] != "para" || start == 0 || words[start - 1] is not ("nao" or "nunca") || Crosses(clauseEnds, start - 1, start)) return false;
        if (start > 1 && words[start - 2] is "voce" or "voces" or "ele" or "ela" or "eles" or "elas" or "empresa" or "ninguem" && !Crosses(clauseEnds, start - 2, start - 1)) return false;
        // Forty-first blind set: "pelo amor de deus não para de mandar", "por favor nunca para" — a plea opening the "não para" makes
        // it the imperative (don't stop) with no second "não"; a complaint is not begged for.
        if (start > 1 && words[start - 2] is "deus" or "favor" && !Crosses(clauseEnds, start - 2, start - 1)) return true;
        for (var k = start + 1; k < Math.Min(words.Length, start + 7); k++)
        {
            if (words[k] == "nao") return true;
            if (Crosses(clauseEnds, k, k + 1)) return false;
        }
        return false;
    }

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
        // Seventy-first blind set: "me descadastra pra (eu) não ficar recebendo à toa" — a purpose, what he no longer wants,
        // not a shift the stop is narrowed to.
        && !(words[end] == "para" && (words[end + 1] == "nao" || (words[end + 1] == "eu" && end + 2 < words.Length && words[end + 2] == "nao")))
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
                // Seventy-first blind set: "…as vagas de vez", "…de uma vez por todas": for good, then nothing more.
                || (ForGoodEnd(words, k + 1) is { } forGood && (forGood == words.Length || Crosses(clauseEnds, forGood - 1, forGood) || courtesies.Strip(words[forGood..]).Length == 0))
                // Nineteenth blind set: "…o envio das vagas pra mim, definitivo" — the one they go to, closing the clause.
                || (k + 2 < words.Length && words[k + 1] == "para" && words[k + 2] == "mim" && (k + 3 == words.Length || Crosses(clauseEnds, k + 2, k + 3)))))
            return false;
        // Nineteenth blind set: "para de me mandar vaga de plantão" — shifts named by their kind, every one of them (unless
        // that is narrowed again: "vaga de plantão noturno").
        if (k + 2 < words.Length && words[k + 1] == "de" && words[k + 2] is "plantao" or "plantoes"
            && !(k + 3 < words.Length && !Crosses(clauseEnds, k + 2, k + 3) && (exceptions.Contains(words[k + 3]) || specifiers.Contains(words[k + 3])
                                                                                  || words[k + 3] is "de" or "do" or "da" or "no" or "na" or "em" or "nos" or "nas")
                 // Forty-first blind set: "…vagas de plantão de vocês", "…da empresa" — whose they are narrows nothing.
                 && !(k + 4 < words.Length && words[k + 3] is "de" or "da" && words[k + 4] is "voces" or "voce" or "empresa" or "agencia")))
            return false;
        // "vaga em SP", "vagas nos fins de semana": shifts of one place or time, not shifts as a whole.
        return (k > 0 && specifiers.Contains(words[k - 1]))
               || (k + 1 < words.Length && words[k + 1] is "de" or "do" or "da" or "no" or "na" or "em" or "nos" or "nas" or "para" or "com" && !genericComplements.Contains(words.ElementAtOrDefault(k + 2) ?? "")
                   && !ToThisNumber(words, k + 1)
                   // Seventy-first blind set: "pode parar de me mandar as vagas de (uma) vez" — for good, not vagas of a kind.
                   && ForGoodEnd(words, k + 1) is null);
    }

    /// <summary>Where "de vez", "de uma vez" (maybe "por todas") starting at <paramref name="at"/> end, or null.</summary>
    static int? ForGoodEnd(string[] words, int at)
    {
        if (at + 1 >= words.Length || words[at] != "de") return null;
        var end = words[at + 1] == "vez" ? at + 2 : AllAtOnce(words, at) ? at + 3 : -1;
        if (end < 0) return null;
        return end + 1 < words.Length && words[end] == "por" && words[end + 1] == "todas" ? end + 2 : end;
    }

    /// <summary>
    /// Forty-first blind set: "pare de enviar vagas pra esse número", "…para mim" — where the offers go is this contact, which
    /// narrows them to nothing (a place after "para" still does: "vagas para Santos"). Forty-ninth: "…vagas pra cá", "pra
    /// aqui" — this number too.
    /// </summary>
    static bool ToThisNumber(string[] words, int at) =>
        words[at] == "para" && at + 1 < words.Length
        && (words[at + 1] is "mim" or "ca" or "aqui"
            || (at + 2 < words.Length && words[at + 1] is "esse" or "este" or "meu" && words[at + 2] is "numero" or "celular" or "telefone" or "whatsapp" or "zap" or "contato"));

    /// <summary>Whether a clause mark (, . ; ! ? …) follows any of the words from..to-1 (<see cref="PtBrText.ClauseEnds"/>).</summary>
    static bool Crosses(ulong ends, int from, int to) =>
        to > from && from < 64 && ((ends >> from) & (to - from >= 64 ? ulong.MaxValue : (1UL << (to - from)) - 1)) != 0;

    /// <summary>What <see cref="NearestOptOutFamily"/> answers when no family's words appeared.</summary>
    public const string NoFamily = "nenhuma";

    /// <summary>Every answer <see cref="NearestOptOutFamily"/> can give: each opt-out pair's family, then <see cref="NoFamily"/>.</summary>
    public IEnumerable<string> OptOutFamilies => optOutPairs.Select(p => p.Name).Append(NoFamily);

    /// <summary>Every answer <see cref="NearestPersonFamily"/> can give: each person-request pair's family, then <see cref="NoFamily"/>.</summary>
    public IEnumerable<string> PersonFamilies => personPairs.Select(p => p.Name).Append(NoFamily);

    /// <summary>For a message the rules missed: the families of which some words appeared (what a new rule would extend).</summary>
    public string NearestOptOutFamily(string[] words)
    {
        foreach (var pair in optOutPairs)
            if (pair.A.FindEnd(words, 0, words.Length, out _) || pair.B.FindEnd(words, 0, words.Length, out _)) return pair.Name;
        return NoFamily;
    }

    public string NearestPersonFamily(string[] words)
    {
        foreach (var pair in personPairs)
            if (pair.B.FindEnd(words, 0, words.Length, out _)) return pair.Name;
        return NoFamily;
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

        /// <summary>
        /// One bit per (first character, length) of the first words: most words of a message start no sequence of a list, and
        /// this tells them so without hashing the word (the detection bench's profile, 2026-12-07: the dictionary lookups of
        /// <see cref="EndAt"/> were a tenth of detection time). A set bit only says "maybe".
        /// </summary>
        readonly ulong[] firstShapes = new ulong[128 * 32 / 64];

        public Sequences(IEnumerable<string> items)
        {
            byFirst = items.Select(i => i.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(s => s.Length > 0)
                .GroupBy(s => s[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.OrderByDescending(s => s.Length).ToArray(), StringComparer.Ordinal);
            foreach (var first in byFirst.Keys)
            {
                var shape = Shape(first);
                firstShapes[shape >> 6] |= 1UL << (shape & 63);
            }
        }

        static int Shape(string word) => word.Length == 0 ? 0 : (word[0] & 0x7F) * 32 + Math.Min(word.Length, 31);

        bool MayStart(string word)
        {
            var shape = Shape(word);
            return (firstShapes[shape >> 6] & (1UL << (shape & 63))) != 0;
        }

        /// <summary>The index after the longest sequence starting at <paramref name="start"/>, or null.</summary>
        public int? EndAt(string[] words, int start)
        {
            if (start >= words.Length || !MayStart(words[start]) || !byFirst.TryGetValue(words[start], out var candidates)) return null;
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
            // Most messages hold none: the same array back, no copy.
            var first = 0;
            int? firstEnd = null;
            while (first < words.Length && (firstEnd = EndAt(words, first)) is null) first++;
            if (firstEnd is not { } i) return words;
            var kept = new List<string>(words.Length);
            kept.AddRange(words.AsSpan(0, first));
            while (i < words.Length)
            {
                if (EndAt(words, i) is { } end) { i = end; continue; }
                kept.Add(words[i++]);
            }
            return [.. kept];
        }
    }
}
