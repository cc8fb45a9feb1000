using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// "Stop messaging me" in the many ways doctors write it (docs/decisions.md#opt-out): the word families of deteccao.json
/// matched on <see cref="PtBrText.Normalise"/>d text (<see cref="IntentVocabulary"/>). Refusing one shift, a date or a
/// hospital, cancelling a reservation or editing the schedule never opts a doctor out.
/// </summary>
internal static partial class OptOutDetector
{
    // Nineteenth blind set: a colon too ("vou pedir pela última vez: me removam").
    static readonly char[] SentenceEnds = ['.', ',', ';', '!', '?', '\n', '…', ':'];

    /// <summary>
    /// The longest last sentence read as a bare command ("…, parem", "…. pode parar"); since the fifteenth blind set room
    /// for a courtesy or an adverb of urgency after it ("…? me removam imediatamente").
    /// </summary>
    const int MaxLastSentence = 32;

    public static bool IsOptOut(string? text) => Family(text) is not null;

    /// <summary>Which family recognised the opt-out (`comando`, `recusa`, `remocao`, `parar_envio`, …), or null.</summary>
    public static string? Family(string? text)
    {
        // Forty-third blind set: "me tira dessa parada aí", "chega desse trem" — the slang name of what we send read as "isso".
        if (FamilyOf(text) is { } family) return family;
        if (text is not null && WithTheThingAsIsso(text) is { } withIsso && FamilyOf(withIsso) is { } isso) return isso;
        // Fifty-first blind set: an order stated, urged, with his other number, or a bare "para" after a complaint
        // (OptOutDetector.Stated).
        // Fifty-fifth blind set: his channels listed, every channel denied, a stop after how to leave asked (OptOutDetector.Channels).
        // Fifty-seventh blind set: what he stops widened to everything, today's messages counted, a block threatened if the
        // sending goes on (OptOutDetector.Widened).
        // Fifty-ninth blind set: his number questioned, then deleted ("vcs ainda têm meu número? apaga"), "🚫 msg" (OptOutDetector.Paused).
        // Sixty-first blind set: a refusal closing a complaint of the messages, "🚫📵" (OptOutDetector.Exasperated).
        // Sixty-third blind set: "pela 3ª vez: não quero" — a bare refusal said again, counted (OptOutDetector.Addressed).
        // Sixty-fifth blind set: "…? já pedi antes", "a lista… não quero estar nela" (OptOutDetector.Reasked).
        // Sixty-fifth set's leftovers: "…, entendeu?" after a stop, "não. peço que parem." (OptOutDetector.Insisted).
        // Sixty-seventh blind set: fillers, the voice preface, an aside after the stop, a stop after a complaint ("não pedi. peço
        // que parem.") (OptOutDetector.Asides).
        // Sixty-ninth blind set: a well-wish closing a stop, "para por favor", "não precisa mandar" after shifts given up (OptOutDetector.Courtesy).
        // Seventieth blind set: his data asked removed in the passive, "não mais me incluírem nos envios" (OptOutDetector.Formal).
        return text is null ? null : StatedOrUrged(text) ?? ChannelsOrAskedHow(text) ?? WidenedOrThreatened(text) ?? DataAskedThenDeleted(text) ?? ProhibitedSending(text) ?? Exasperated(text)
                                     ?? RefusalCounted(text) ?? Reasked(text) ?? Insisted(text) ?? AsideOfAStop(text) ?? Courteous(text) ?? Formal(text);
    }

    static string? FamilyOf(string? text)
    {
        // Nineteenth blind set: "\"me tira daqui\" foi o que o paciente gritou" — words quoted and then told as someone's are
        // not the doctor's own; what follows them is read.
        if (text is not null && text.TrimStart() is [var first, ..] && first is '"' or '“' or '\'' or '‘' && ReportedQuote().Match(text) is { Success: true } quote)
            text = text[quote.Length..];
        // Thirty-fourth session: "cansei desse robô, quero falar com alguém", "chega dessa IA" — weariness of the bot is
        // about talking to a machine, not about being contacted (a person is what he wants: the handoff rules read it). The
        // phrase is read as nothing; whatever else the message says decides ("cansei desse robô, me tira da lista" stops).
        if (text is not null && BotWeariness().Match(text) is { Success: true } tired) text = text.Remove(tired.Index, tired.Length);
        // Thirty-fifth session: "sai daqui robô, chama gente", "sai robô, quero alguém" — the bot sent away, addressed as the
        // bot, is the wish for a person the handoff rules read (`dispensa_robo`), read here as nothing like the weariness.
        if (text is not null && BotDismissed().Match(text) is { Success: true } dismissed) text = text.Remove(dismissed.Index, dismissed.Length);
        // Sixty-third blind set: "sistema, favor remover meu contato", "peço encarecidamente que parem", "não me chama mais de
        // doutor" — the bot addressed, an adverb of manner and a name to be called by read as nothing (OptOutDetector.Addressed).
        if (text is not null) text = WithoutAddressMannerOrName(text);
        // Fifty-fifth blind set: "pare, pense e me responda", "o whats tava bloqueado, por isso não respondi" — words of another
        // sense read as nothing (OptOutDetector.Channels).
        if (text is not null) text = WithoutOtherSenses(text);
        // Sixty-first blind set: "pedi pra outra empresa parar de me mandar msg" — another sender's stop told (OptOutDetector.Exasperated).
        if (text is not null) text = WithoutOthersAskedToStop(text);
        // Fifty-seventh blind set: "não quero mais receber em PF, só PJ" — the pay form, not "por favor" (OptOutDetector.Widened).
        if (text is not null) text = WithThePayFormSpelled(text);
        // Seventieth blind set: "parem de me mandar vaga fora de BH" — shifts outside a place, read as "longe de" (OptOutDetector.Kept).
        if (text is not null) text = WithOffersOutsideAsFar(text);
        // Forty-first blind set: "quase pedi pra me tirar da lista mas vcs me salvaram", "eu ia mandar parar, mas essa vaga…" —
        // a stop he almost asked for and did not is read as nothing up to its "mas" or the end of its clause; what follows decides.
        if (text is not null && (text.Contains("quase", StringComparison.OrdinalIgnoreCase) || text.Contains(" ia ", StringComparison.OrdinalIgnoreCase))
            && AlmostAsked().Match(text) is { Success: true } almost) text = text.Remove(almost.Index, almost.Length);
        // Forty-seventh blind set: "me esquece não, hein" (Northeastern: "don't forget me") and "opt out é o que?" (the word
        // asked about) are read as nothing; what else the message says decides (OptOutDetector.Regional).
        if (text is not null) text = WithoutForgetMeNotAndAskedWords(text);
        // Forty-third blind set: "o cara do lado falou \"para de me mandar mensagem\" pro ex dele" — another's words quoted.
        if (text is not null && text.AsSpan().IndexOfAny('"', '“') >= 0) text = OthersQuote().Replace(text, " ");
        // Forty-third blind set: "des cadastra meu número" — voice typing splits the verb at its prefix.
        var normalised = JoinSplitPrefix(PtBrText.Normalise(text));
        if (normalised.Length == 0) return null;
        var words = normalised.Split(' ');
        var lastSentence = LastSentence(text!);
        var clauseEnds = PtBrText.ClauseEnds(text, words.Length);
        var names = NamesIn(text!);
        var family = IntentVocabulary.Instance.OptOutFamily(words, lastSentence, clauseEnds, leftInThePast: PastLeft().IsMatch(text!), names: names);
        // Thirty-seventh blind set: "meu marido não quer mais receber as vagas de vcs", "ele não quer mais, pode excluir" — the
        // owner's refusal told by his family or office, read as his own words (IntentVocabulary.OwnersRefusalAsHis).
        family ??= IntentVocabulary.Instance.OwnersRefusalAsHis(words, clauseEnds, names);
        // Thirty-ninth blind set: "não quero mais receber as escalas", "cancelem o envio das escalas pra mim" — the schedules sent
        // or received, in the plural, are the lists of open shifts we send, so they are read as the offers; "me tira da escala de
        // sábado", "a escala de janeiro" (his own schedule, one) still are not (IntentVocabulary's one-shift rules).
        if (family is null && EscalasSent(words) is { } offers)
            family = IntentVocabulary.Instance.OptOutFamily(offers, lastSentence, clauseEnds, leftInThePast: PastLeft().IsMatch(text!), names: names);
        // Nineteenth blind set: "NÃO. MANDE. MAIS.", "me. tira. dessa. lista." — one command split into a clause a word or two
        // long each, for emphasis, is read as the one sentence it is.
        if (family is null && SplitForEmphasis(clauseEnds, words.Length))
            family = IntentVocabulary.Instance.OptOutFamily(words, null, 0);
        // Twenty-sixth blind set: "Você perguntou se quero continuar recebendo: não", "Continuar recebendo? não obrigado" — the
        // question of going on receiving, told back, answered by a bare no that closes the message.
        if (family is null && AnswerToContinuing().IsMatch(normalised)) family = "resposta_continuar";
        // Twenty-eighth blind set: what asks to stop without a verb of stopping — the owner's death told ("o Dr. faleceu"), the
        // number not a doctor's ("não sou médico", "número errado"), a no said again ("Toda vez a mesma coisa. Eu disse que
        // não!"), a request to stop counted or followed by the sending that goes on ("já pedi umas três vezes pra parar"), "não
        // precisa mais" before a change of life, and a stop with a report threatened ("parem senão denuncio").
        if (family is null) family = Implied(text!, normalised, words, clauseEnds);
        // Forty-third blind set: the boss's order passed on, us blocked elsewhere, the next message threatened, the questioned
        // data told to be deleted, and the dictated "não quero mais isso não tira meu número" (OptOutDetector.Colloquial).
        family ??= EmployersOrder(normalised, names)
                   ?? (normalised.Contains("bloq", StringComparison.Ordinal) && BlockedUs().IsMatch(normalised) && !BlockedElsewhere().IsMatch(normalised) ? "bloquear" : null)
                   ?? (normalised.Contains("mais uma", StringComparison.Ordinal) && NextMessageThreatened().IsMatch(normalised) ? "bloquear" : null)
                   ?? (DeletesTheDataQuestioned(lastSentence, normalised) ? "remocao" : null)
                   ?? RefusalClosedByNao(words, clauseEnds, names)
                   ?? (TakeMeOutOfThere(words) ? "comando" : null)
                   ?? (RegistrationClosedWithAStop(normalised, lastSentence, names) ? "remocao" : null)
                   ?? (OutOfThisAfterUs(normalised, lastSentence) ? "comando" : null)
                   ?? StopAfterTheMoment(normalised, names)
                   ?? (normalised.Contains(" que ", StringComparison.Ordinal) && StopWithItsReason().IsMatch(normalised) ? "comando" : null);
        // Fifteenth blind set: "sai do meu pé kkkk brincadeira, manda as vagas" — a stop taken back as a joke counts only if
        // the words after the taking-back stop on their own ("isso não é brincadeira", "sem brincadeira" take nothing back).
        // Twentieth blind set: "pare de me mandar vaga boa que eu não tenho tempo kkkk", "para com isso julia kkk vc sabe que eu
        // não resisto a um plantão bem pago" — a stop said laughing about how good the offers are is praise, not a stop.
        // Thirty-fourth session: her or the team praised the same way ("para com isso, vc é muito eficiente rsrs") after a
        // teasing stop ("para com isso", "pare"); what follows the praise is still read ("…rsrs, mas me tira da lista").
        if (family is not null && StopInJest(text!, normalised, family) is { } jestEnd)
            return FamilyFrom(normalised.AsSpan(0, jestEnd).Count(' ') + 1, words, lastSentence, clauseEnds);
        // Forty-third blind set: "😂 para com isso kkk, me manda o plantão" — laughing, then the shift asked for: teasing.
        if (family is not null && Laughs(text!, normalised) && ShiftAskedFor().IsMatch(normalised)) return null;
        // Forty-ninth blind set: "parar?", "se eu mandar stop eu paro de receber?", "se o valor não melhorar vou sair da lista" —
        // the stop asked back or supposed, not asked (OptOutDetector.Conditions).
        if (family is not null && OnlySupposed(text!, normalised)) return null;
        // Sixty-first blind set: "para com isso, 800 reais num plantão de 12h?" — teasing at a price (OptOutDetector.Exasperated).
        if (family is "parar_envio" or "comando" && AtThePrice(text!)) return null;
        // Sixty-third blind set: "sai do grupo dos residentes", "cancela minha assinatura da revista, ops, mensagem errada" — a
        // group of others left, the message sent to the wrong chat (OptOutDetector.Addressed).
        if (family is not null && (OthersGroupLeft(normalised) || (family is not "engano" && WrongChat(text!)))) return null;
        // Fifty-third blind set: "…, mas se tiver plantão de UTI me chama", "não vou mais fazer o plantão do dia 3, me tira" — the
        // contact kept for one kind of offer, or one shift left (OptOutDetector.Kept).
        if (family is not null && KeptAfterAll(normalised)) return null;
        // Sixty-fifth blind set: "não precisa me mandar a mesma vaga duas vezes", "o app não para de mandar notificação" — the
        // repeats or the app's notifications, not the offers (OptOutDetector.Reasked).
        if (family is "nao_quero_receber" or "mandar_nao" or "parar_envio" && (SameOfferAgain(normalised) || TheAppsNotifications(normalised))) return null;
        // Fifty-ninth blind set: "pode parar de mandar, vou viajar 2 meses e depois volto", "tira o dr Carlos da lista, ele não
        // trabalha mais aqui" — a pause until he returns, someone else removed (OptOutDetector.Paused).
        if (family is not null && PausedOrSomeoneElses(normalised)) return null;
        // Forty-seventh blind set: "o dr Pedro falou que vcs não param de mandar mensagem pra ele" — another's complaint told.
        if (family is "parar_envio" && ComplaintForAnother().IsMatch(normalised)) return null;
        // Twenty-eighth blind set: "para de mandar o paciente pro RX", "pode parar de mandar o relatório do leito 7" — what is
        // sent is a patient or a document of the ward, not the offers.
        if (family is "parar_envio" or "mandar_nao" && WardThingSent().IsMatch(normalised)) return null;
        // Thirty-seventh blind set: "não precisa me mandar a localização de novo", "não quero mais receber o resumo semanal, só as
        // vagas" — what is sent or received is one thing of a shift or of the service (an address, a reminder, a summary), not
        // the offers; and "bloqueei o número errado sem querer", "já bloqueei eles" — a block told as a slip or of someone else.
        if (family is not null && (ShiftThingSent().IsMatch(normalised) || BlockedElsewhere().IsMatch(normalised)) && !RefusesEveryOffer().IsMatch(normalised)) return null;
        // Sixty-eighth blind set: "Não vou conseguir ir, desculpa. Pode tirar meu nome?" — his name off the shift he cannot go to.
        if (family is "remocao" && NameOffTheShift().IsMatch(normalised) && !RefusesEveryOffer().IsMatch(normalised)) return null;
        // Twenty-third blind set: "me tira do whatsapp pessoal e manda pro comercial: 11 99999-0000", "não me mande mais nesse
        // número, usa o outro: 81 98888-1234" — a number written after a later send or use keeps the contact there; and
        // "stop, espera, deixa eu ler direito" — a stop whose next clause asks to wait is not yet one.
        if (family is not null && (NumberGiven().IsMatch(text!) || StopThenWait(text!))) return null;
        if (family is null || HandoffTriggerDetector.TakenBackEnd(normalised) is not { } after) return family;
        return FamilyFrom(normalised.AsSpan(0, after).Count(' ') + (after == normalised.Length ? 1 : 0), words, lastSentence, clauseEnds);
    }

    /// <summary>
    /// Thirty-seventh blind set: the normalised words written with a capital inside a sentence ("a Sônia", "o Dr. Marcos",
    /// "a Cida do consultório") — names, which the typo fixer leaves as they are and which can name the owner. Not the first
    /// word of a sentence, nor a word of a message typed in capitals; null when there is none.
    /// </summary>
    internal static HashSet<string>? NamesIn(string text)
    {
        // Runs on every message: the words are read as spans, and a string is made only for a name found.
        HashSet<string>? names = null;
        var sentenceStart = true;
        var rest = text.AsSpan();
        while (true)
        {
            var start = 0;
            for (; start < rest.Length && char.IsWhiteSpace(rest[start]); start++)
                // A line break opens a sentence as a period does ("Prezados\nSolicito…").
                if (rest[start] == '\n') sentenceStart = true;
            if (start == rest.Length) return names;
            var end = start;
            while (end < rest.Length && !char.IsWhiteSpace(rest[end])) end++;
            var token = rest[start..end];
            rest = rest[end..];
            var word = token.TrimEnd(".,;!?:…)\"”");
            var core = word.TrimStart("(\"“");
            if (!sentenceStart && core.Length >= 3 && char.IsUpper(core[0]) && LowerAfterTheFirst(core))
                (names ??= new(StringComparer.Ordinal)).Add(PtBrText.Normalise(core.ToString()));
            // "Dr." and "Dra." close no sentence: the name after them is inside it.
            sentenceStart = token.Length > word.Length && token[word.Length] is '.' or '!' or '?' or '…' or ':' && !IsTitle(core);
        }
    }

    /// <summary>
    /// Thirty-ninth blind set: the words with "escalas" read as "vagas" where the plural is sent or received — right after a verb
    /// of sending or receiving and an article ("receber as escalas", "mandar essas escalas", "o envio das escalas"); else null.
    /// Runs only on a message holding the word.
    /// </summary>
    static string[]? EscalasSent(string[] words)
    {
        var k = Array.IndexOf(words, "escalas");
        if (k < 2 || words[k - 1] is not ("as" or "essas" or "estas" or "suas" or "das" or "dessas" or "destas")
            || !SendsOrReceives.Contains(words[k - 2])) return null;
        var offers = (string[])words.Clone();
        offers[k] = "vagas";
        return offers;
    }

    static readonly HashSet<string> SendsOrReceives =
        ["receber", "recebendo", "mandar", "mandando", "manda", "mande", "mandem", "enviar", "enviando", "envia", "envie", "enviem", "envio", "recebimento"];

    static bool LowerAfterTheFirst(ReadOnlySpan<char> word)
    {
        foreach (var c in word[1..])
            if (!char.IsLower(c) && c is not ('-' or '\'')) return false;
        return true;
    }

    static bool IsTitle(ReadOnlySpan<char> word) =>
        word.Equals("dr", StringComparison.OrdinalIgnoreCase) || word.Equals("dra", StringComparison.OrdinalIgnoreCase)
        || word.Equals("sr", StringComparison.OrdinalIgnoreCase) || word.Equals("sra", StringComparison.OrdinalIgnoreCase)
        || word.Equals("prof", StringComparison.OrdinalIgnoreCase) || word.Equals("profa", StringComparison.OrdinalIgnoreCase);

    /// <summary>The words from <paramref name="first"/> on read again as the message (what follows a joke or a taking-back).</summary>
    static string? FamilyFrom(int first, string[] words, string[]? lastSentence, ulong clauseEnds) =>
        first >= words.Length ? null : IntentVocabulary.Instance.OptOutFamily(words[first..], lastSentence, first >= 64 ? 0 : clauseEnds >> first);

    /// <summary>
    /// Twenty-eighth blind set: a stop asked without a verb of stopping (the family's name, or null) — unless the message keeps
    /// the contact or asks for another offer ("não sou médico ainda, me formo em dezembro, pode mandar depois").
    /// </summary>
    static string? Implied(string text, string normalised, string[] words, ulong clauseEnds)
    {
        string? family = null;
        if (TellsTheOwnerDied(normalised))
            family = "falecimento";
        else if (TellsNotTheDoctor(text, normalised))
            family = "engano";
        else if (SaidWord().IsMatch(normalised) && AnyClause(text, c => SaidNoAgain().Match(c) is { Success: true } m
                     && (m.Groups["ja"].Success || RepetitionMarker().IsMatch(normalised)), questionToo: true))
            family = "pedido_anterior";
        else if (AskedTimesBefore().IsMatch(normalised) || AskedAndItGoesOn().IsMatch(normalised))
            family = "pedido_anterior";
        else if (NoLongerNeededForGood().IsMatch(normalised))
            family = "desnecessario";
        else if (StopOrElse().IsMatch(normalised) && ReportOrBlock().IsMatch(normalised))
            family = "bloquear";
        if (family is null || AsksForAnother().IsMatch(normalised)) return null;
        if (!IntentVocabulary.Instance.KeepsTheContact(words, clauseEnds)) return family;
        // Thirty-ninth blind set: "número novo, não conheço esse médico", "mudei de numero, esse numero nao é mais do dr joão, para
        // de mandar msg" — the number changing hands, told by whoever holds it now, keeps no contact when no number is written
        // (a new number given, "o novo é 11 9…", still does): what else the message says decides.
        if (family == "engano" && NumberChangedHands().Match(normalised) is { Success: true } changed && !text.Any(char.IsAsciiDigit))
        {
            var rest = normalised.Remove(changed.Index, changed.Length).Trim();
            return rest.Length == 0 || !IntentVocabulary.Instance.KeepsTheContact(rest.Split(' ', StringSplitOptions.RemoveEmptyEntries), 0) ? family : null;
        }
        return null;
    }

    /// <summary>The number told to have changed hands: "mudei de número", "número novo", "chip novo", "número reciclado".</summary>
    [GeneratedRegex(@"\b(mudei|troquei|mudamos|trocamos) de (numero|celular|chip|telefone|whatsapp|whats|zap)\b|\b(numero|chip|celular|linha|telefone) (nov[oa]|reciclad[oa])\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumberChangedHands();

    /// <summary>The number's owner's death told ("o Dr. Roberto faleceu", "aqui é a filha do Dr. José. Ele faleceu"), on
    /// normalised text — whatever else the message asks (the opt-out's confirmation is then condolences).</summary>
    static bool TellsTheOwnerDied(string normalised) =>
        DeathWord().IsMatch(normalised) && (OwnerDied().IsMatch(normalised) || HeDied().IsMatch(normalised)) && !SomeoneElseDied().IsMatch(normalised);

    /// <summary>The number told not to be a doctor's ("não sou médico", "número errado" not asked).</summary>
    static bool TellsNotTheDoctor(string text, string normalised) =>
        NotADoctorWord().IsMatch(normalised) && !WritesForTheDoctor().IsMatch(normalised)
        && (AnyClause(text, NotTheDoctor, questionToo: false) || (StrangerNamed().IsMatch(normalised) && NumberOrMessagesWord().IsMatch(normalised))
            || NumberChangedThenItsOwner().IsMatch(normalised))
        && !WriterWantsTheOffers().IsMatch(normalised);

    /// <summary>Thirty-fifth blind set: "não sou o Dr. Marcos, sou o irmão dele" — his family or office writing for him, not a
    /// stranger holding his number (what they ask is read by the third-party rules: IntentVocabulary.ForTheOwner).</summary>
    [GeneratedRegex(@"\bsou (o |a )?(irmao|irma|esposa|esposo|marido|mulher|filho|filha|pai|mae|secretaria|secretario|assistente|socio|socia|cunhado|cunhada|genro|nora|sobrinho|sobrinha) (dele|dela|d[oa] (dr|dra|doutor|doutora))\b", RegexOptions.CultureInvariant)]
    private static partial Regex WritesForTheDoctor();

    /// <summary>Thirty-fifth blind set: the doctor asked for as a stranger — "só chega mensagem pra um tal de dr Marcos", "não conheço
    /// esse dr Marcos", "não conheço nenhum doutor" — in a message about the number or the messages (not "aquele dr que vc falou,
    /// não conheço").</summary>
    // Thirty-ninth blind set: "não conheço ninguém com esse nome", "não sou quem vcs procuram" — the name asked for unknown here.
    [GeneratedRegex(@"\bnao conheco (ninguem|nenhum[a]?( pessoa)?) (com|chamad[oa]) (esse|este) nome\b|\bnao sou (quem|a pessoa que|o que|a que) (voces|voce) (procuram|procura|estao procurando|querem|pensam)\b|\b(um|uma) tal de\b|\bnao conheco (esse|essa|este|esta|nenhum|nenhuma|o|a|um|uma)?( tal( de)?)? ?(dr|dra|doutor|doutora|medic[oa])\b|\bnao conheco (dr|dra|doutor|doutora|medic[oa]) nenhum", RegexOptions.CultureInvariant)]
    private static partial Regex StrangerNamed();

    [GeneratedRegex(@"\b(numero|celular|telefone|whatsapp|whats|zap|wpp|chip|linha|mensagem|mensagens|aviso|avisos|recado|recados)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NumberOrMessagesWord();

    /// <summary>Why an opt-out was asked, when the answer to it must differ (docs/decisions.md#opt-out): `falecimento` (the
    /// owner died), `engano` (not a doctor, a wrong number), else null.</summary>
    public static string? Circumstance(string? text)
    {
        var normalised = PtBrText.Normalise(text);
        return normalised.Length == 0 ? null
            : TellsTheOwnerDied(normalised) ? "falecimento"
            : TellsNotTheDoctor(text!, normalised) ? "engano" : null;
    }

    /// <summary>The object of a send or of receiving is one thing of a shift or of the service (thirty-seventh blind set).</summary>
    [GeneratedRegex(@"\b(mandar|mandando|enviar|enviando|manda|mande|mandem|envia|envie|enviem|receber|recebendo|reenviar) (de novo |mais |novamente )?(o|a|os|as|esse|essa|esses|essas) (localizacao|endereco|enderecos|mapa|link|links|lembrete|lembretes|resumo|resumos|boletim|informe|newsletter|pdf|audio|audios|foto|fotos|figurinha|figurinhas|contrato|contratos|comprovante|comprovantes|recibo|recibos|nota|notas|boleto|boletos|senha|codigo|pesquisa|pesquisas|questionario)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShiftThingSent();

    /// <summary>A block told as a slip ("bloqueei sem querer", "por engano") or of someone else ("já bloqueei eles", "bloqueei a
    /// outra agência"); since the sixty-eighth blind set also undone ("desbloqueei vocês"), of some other number ("bloqueei um
    /// número que me mandava spam"), or the phone's own doing ("meu celular tá marcando vocês como spam").</summary>
    [GeneratedRegex(@"\b(bloqueei|bloquiei|bloqueou|bloqueado|bloqueada)\b.*\b(sem querer|por engano|sem perceber|por acidente|desbloqueei)\b|\bdesbloque(ei|ado|ada|amos|ou|ar|ando)\b|\b(bloqueei|bloquiei) (um|uns|outro|outros) (numeros?|contatos?)\b|\b(celular|telefone|aparelho|whats|whatsapp|zap|app|sistema|filtro|operadora)( \w+){0,2} (marcando|marcou|marca|classificando|classificou|classifica|jogando|jogou|joga|bloqueando|bloqueou)\b|\b(bloqueei|bloquiei) (eles|elas|ele|ela|esse povo|esse pessoal|essa gente|a outra|o outro(?! (numero|celular|contato|whats|zap)\b)|os outros|as outras|outra|outro(?! (numero|celular|contato|whats|zap)\b)|essa empresa|essa agencia|o numero deles|o numero dela|o numero dele)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BlockedElsewhere();

    /// <summary>"não vou conseguir ir … pode tirar meu nome": the shift he cannot go to, not the list.</summary>
    [GeneratedRegex(@"\bnao (vou |vai )?(conseguir|consigo|poder|posso|da para|dar para) (ir|comparecer|cobrir|fazer|assumir)\b.*\b(tira|tirar|tire|tirem|remove|remover|retira|retirar|risca|riscar) (o )?meu nome\b(?! (da|de|do|das|dos|dessa|desse) (lista|cadastro|contatos|grupo|base|sistema))", RegexOptions.CultureInvariant)]
    private static partial Regex NameOffTheShift();

    /// <summary>Every offer refused beside the thing ("…e nem vaga nenhuma", "me tira da lista"): the stop stands.</summary>
    [GeneratedRegex(@"\b(lista|cadastro|vaga nenhuma|nenhuma vaga|mais nada|nada mais|nunca mais|me tira|me remove|me exclui|me descadastra)\b|\b(mandar|enviar|receber|manda|mande|envia|envie) (me )?(mais )?(mensagem|mensagens|vagas|ofertas|nada)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RefusesEveryOffer();

    [GeneratedRegex(@"\b(mandar|mandando|enviar|enviando|manda|mande|envia|envie) (o|a|os|as) (paciente|pacientes|relatorio|relatorios|exame|exames|laudo|laudos|prontuario|prontuarios|receita|receitas|prescricao|evolucao)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WardThingSent();

    /// <summary>Whether a clause of the text (split at its sentence marks, normalised) passes <paramref name="test"/>; a clause
    /// closed by "?" only when <paramref name="questionToo"/> ("número errado?" asks, "número errado!" tells).</summary>
    static bool AnyClause(string text, Func<string, bool> test, bool questionToo)
    {
        var start = 0;
        while (start < text.Length)
        {
            var end = text.IndexOfAny(SentenceEnds, start);
            if (end < 0) end = text.Length;
            if (end > start && (questionToo || end == text.Length || text[end] != '?') && PtBrText.Normalise(text[start..end]) is { Length: > 0 } clause && test(clause))
                return true;
            start = end + 1;
        }
        return false;
    }

    static bool NotTheDoctor(string clause) => NotADoctor().IsMatch(clause) || WrongNumber().IsMatch(clause);

    [GeneratedRegex(@"\b(falec\w*|finad[oa]|morreu|obito|entre nos)\b", RegexOptions.CultureInvariant)]
    private static partial Regex DeathWord();

    /// <summary>The doctor by his title (or the number's owner) as the subject of a death: "o Dr. Roberto veio a óbito",
    /// "Minha mãe, Dra. Helena, faleceu", "o médico dono desse número faleceu"; or the death, then the number his.</summary>
    [GeneratedRegex(@"\b(dr|dra|doutor|doutora|medico|medica|don[oa] (desse|deste|do) (numero|celular|telefone|whatsapp))( \w+){0,3} (faleceu|morreu|veio a obito|foi a obito|veio a falecer|nao esta mais entre nos)\b" +
        @"|\b(faleceu|morreu|veio a obito)\b.*\b(numero|celular|telefone|whatsapp) (era|e|pertencia) (dele|dela|d[oa] (dr|dra|doutor|doutora))\b" +
        // Thirty-fifth blind set: "esse número pertencia ao meu falecido esposo" — the number told to have been the one who died.
        @"|\b(numero|celular|telefone|whatsapp|whats|chip) (era|pertencia|foi) (d[oa]|ao?) (meu |minha |nosso |nossa )?(falecid[oa]|finad[oa])\b", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerDied();

    /// <summary>"ele faleceu" as the whole message, or after the title or the number named ("aqui é a filha do Dr. José. Ele
    /// faleceu há dois meses", "esse número era do meu pai, ele faleceu").</summary>
    [GeneratedRegex(@"^(infelizmente |olha |oi |ola )?(ele|ela) (ja )?(faleceu|morreu|veio a obito|nao esta mais entre nos)( (ha|faz|em|no|na|semana|mes|ano|ontem|dia)\b.*)?$" +
        @"|\b(dr|dra|doutor|doutora|medico|medica|numero era|celular era|telefone era)\b.*\b(ele|ela) (ja )?(faleceu|morreu|veio a obito|nao esta mais entre nos)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HeDied();

    /// <summary>A patient's or a relative's death, or a colleague's told with the shift to cover: "o paciente faleceu", "a Dra.
    /// faleceu, precisamos cobrir o plantão".</summary>
    [GeneratedRegex(@"\b(paciente|pacientes|leito|acompanhante|avo|cobrir|cobertura|substitu\w*|colega|plantao|escala|(pai|mae|filho|filha|irmao|irma|marido|esposa|tio|tia) (dele|dela))\b", RegexOptions.CultureInvariant)]
    private static partial Regex SomeoneElseDied();

    [GeneratedRegex(@"\b(medic|doutor|dr|dra|saude|errad|enganaram|enganou|wrong)|\b(nao e mais|agora e|passou a ser) d|\b(pertence mais|nao usa mais|nao utiliza mais)\b|\be d[oa]s? \w+( \w+){0,2} agora$|\b(com|chamad[oa]) (esse|este) nome\b|\bnao sou (quem|a pessoa que)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NotADoctorWord();

    /// <summary>"não sou médico" closing its clause (or going on with "e não pedi…", "nem trabalho…"): "não sou médico ainda" and
    /// "não sou médico do trabalho" are not; "não sou o Dr. Marcos", "nunca fui médico", "não sou da área da saúde".</summary>
    [GeneratedRegex(@"(^| )(eu )?(nao|nunca|nem) (sou|somos|fui) (o |a |um |uma )?(medic[oa]s?|doutor|doutora|da area( da saude| medica)?|da saude|profissional de saude)( (nao|nenhum|nenhuma|na vida))?( (moco|moca|amigo|amiga|viu|ta|mano|gente))?( (e|nem) (nao|nunca|trabalho|conheco|atuo)\b.*| (esse|este) (numero|celular|telefone|whatsapp) .*)?$" +
        @"|(^| )nao sou (o|a) (dr|dra|doutor|doutora)( \w+){0,3}$|^(e )?nao (medic[oa]|doutor|doutora)$" +
        @"|(^| )(esse|este|o|meu) (numero|celular|telefone|whatsapp) nao (e (de )?|pertence a )(nenhum |um |uma |algum )?(medic[oa]|doutor|doutora)( nenhum| algum)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NotADoctor();

    /// <summary>"número errado" as its clause ("Número errado!!!", "numero errado amigo"); "mandando pro número errado"; the number
    /// another's now, closing its clause ("esse celular agora é da clínica");
    /// "vocês erraram o contato"; "wrong number". Not "foi engano" alone (the doctor's own slip) nor "mensagem errada".</summary>
    [GeneratedRegex(@"^((e|foi|eh|ta|esta) )?(o )?(numero|contato) errado( (amigo|amiga|moco|moca|viu|ta|mano|parceiro|gente|meu))?$" +
        @"|\b(mandando|mandaram|mandou|mandam|enviando|enviaram|enviou|ligando|escrevendo) (para|no|ao)( o| um)? (numero|contato|pessoa) errad[oa]\b" +
        @"|\b(numero|celular|telefone|whatsapp) (trocou|mudou) de (dono|dona)\b" +
        // Thirtieth blind set: "Este número não é mais do Dr. Carlos", "esse celular agora é da clínica" — the number another's now.
        // Forty-fifth blind set: not when the new owner is a doctor ("esse número agora é do dr Roberto, ele trocou de chip": the
        // number moved to a doctor, no stranger holds it).
        @"|(^| )(esse|este|o) (numero|celular|telefone|whatsapp|whats|zap|wpp|chip) (nao e mais (d[oa]s?|de)|(agora e|passou a ser) (d[oa]s?|de)(?! (dr|dra|doutor|doutora|medic[oa])\b)) \w+( \w+){0,3}$" +
        // Forty-fifth blind set: "esse whats não é do dr Ricardo" — the number told, not asked, not to be the doctor's.
        @"|(^| )(esse|este|o) (numero|celular|telefone|whatsapp|whats|zap|wpp|chip) nao e (d[oa]|de) (dr|dra|doutor|doutora)\b" +
        // Thirty-fifth blind set: the number another's now in other words — "esse whats é da clínica agora", "esse número não
        // pertence mais ao dr Marcos", "o Dr. Marcos não usa mais esse número".
        @"|(^| )(esse|este|o) (numero|celular|telefone|whatsapp|whats|zap|wpp|chip) e (d[oa]s?|de)(?! (dr|dra|doutor|doutora|medic[oa])\b) \w+( \w+){0,2} agora$" +
        @"|(^| )(esse|este|o) (numero|celular|telefone|whatsapp|whats|zap|wpp|chip) (nao pertence mais|nao e mais) (a|ao|as|aos|d[oa]s?)\b" +
        // Thirty-ninth blind set: the line, feminine ("essa linha não pertence mais ao dr. Fulano").
        @"|(^| )(essa|esta|a) linha (nao pertence mais|nao e mais) (a|ao|as|aos|d[oa]s?)\b" +
        @"|(^| )(o |a )?(dr|dra|doutor|doutora|medic[oa])( \w+)? nao (usa|utiliza) mais$|(^| )(\w+ ){1,3}nao (usa|utiliza) mais (esse|este|o) (numero|celular|telefone|whatsapp|whats|zap|wpp|chip)$" +
        @"|\b(erraram|errou) (o|de) (numero|contato|pessoa)\b|\bse enganaram de (numero|pessoa|contato)\b|^wrong number$", RegexOptions.CultureInvariant)]
    private static partial Regex WrongNumber();

    /// <summary>A no said again, closing its clause: "(já) disse que não", "eu respondo não e vocês mandam de novo",
    /// "quantas vezes eu preciso dizer não?". The group "ja" when "já" comes before the verb.</summary>
    [GeneratedRegex(@"(^| )(?<ja>ja (eu )?|eu ja )?(eu )?(disse|falei|respondi|respondo|digo|dizer|falar|responder|repeti|repito|avisei|expliquei)( (para voces|para voce|para vc))?( (\d+|mil|varias|muitas|tantas|duas|tres|cem) vezes)?( que)? nao( nao| e nao| (faco|pego|dou|quero) (plantao|plantoes))*( (e|mas) (voces|voce) \w+.*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SaidNoAgain();

    [GeneratedRegex(@"\b(disse|falei|respondi|respondo|digo|dizer|falar|responder|repeti|repito|avisei|expliquei)( para voces?| para vc)?( \w+ vezes)?( que)? nao\b", RegexOptions.CultureInvariant)]
    private static partial Regex SaidWord();

    [GeneratedRegex(@"\b(toda vez|toda semana|todo dia|todo santo dia|todo mes|sempre|de novo|outra vez|mais uma vez|quantas vezes|(\d+|mil|varias|muitas|tantas|duas|tres|cem) vezes)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RepetitionMarker();

    /// <summary>A stop, then a report or a block threatened if it is not kept: "parem senão denuncio", "pare ou vou registrar
    /// reclamação" (as "me tira dessa lista senão vou no Procon"). A threat alone if the sending goes on ("se continuarem
    /// mandando vou no procon") stays a legal step, the house's call.</summary>
    [GeneratedRegex(@"\b(parem|pare) (senao|ou)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StopOrElse();

    /// <summary>"já pedi umas três vezes pra parar", "falei mil vezes pra pararem" — the request counted, not followed by
    /// the drug it stops ("…pra parar a noradrenalina").</summary>
    [GeneratedRegex(@"\b(ja )?(pedi|falei|disse|mandei) (umas |mais de |ja )?(\d+|duas|tres|quatro|cinco|dez|mil|varias|muitas|tantas) vezes (para|que) (parar|parassem|pararem|nao mandar|nao me mandar)\b(?! (a|o|as|os|esse|essa) (?!mensage|envio|contato|vaga|oferta))" +
        // Thirty-fifth blind set: the times still to come, asked — "quantas vezes vou ter que pedir pra me excluir?".
        // Sixty-first blind set: "até quando vou ter que pedir pra parar?" — the same exasperation.
        @"|\b(quantas vezes|ate quando) (eu )?(vou|vou ter que|vou ter de|vou precisar|tenho que|tenho de|preciso|terei que|devo) (pedir|falar|dizer|repetir|ficar pedindo|ficar falando) (para|que) (voces )?(me )?(tirar|tirarem|tire|tirem|excluir|excluirem|exclua|excluam|remover|removerem|remova|removam|retirar|retirarem|descadastrar|descadastrarem|parar|pararem|parem|sair|nao me mandar|nao mandar|nao me mandarem|nao mandarem)\b(?! (a|o|as|os|esse|essa|do|da) (?!mensage|envio|contato|vaga|oferta|lista|numero|cadastro))", RegexOptions.CultureInvariant)]
    private static partial Regex AskedTimesBefore();

    /// <summary>"mandei parar faz tempo e continuam mandando" — a request to stop told, then the sending that goes on.</summary>
    [GeneratedRegex(@"\b(pedi|mandei|falei|disse|pedimos) (para )?(parar|pararem)\b(?! (a|o|as|os|esse|essa) (?!mensage|envio|contato|vaga|oferta)).*\b(continuam|continua) (me )?(mandando|enviando)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AskedAndItGoesOn();

    /// <summary>"obrigado mas não precisa mais, me aposentei" — "não precisa mais" alone, then a change of life for good.</summary>
    [GeneratedRegex(@"\bnao precisam? mais (me aposentei|mudei de (cidade|pais|estado|area|especialidade|ramo|profissao)|vou morar|vou embora|parei de|larguei|sou aposentad[oa]|estou aposentad[oa]|estou morando (fora|no exterior))\b", RegexOptions.CultureInvariant)]
    private static partial Regex NoLongerNeededForGood();

    [GeneratedRegex(@"\b(denunci\w*|procon|process\w*|justica|advogad\w*|reclame aqui|bloque\w*|meus direitos|anpd|spam)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ReportOrBlock();

    // Sixty-first blind set: "não sou médico, sou enfermeiro, tem vaga pra mim?" — the holder asks for shifts himself.
    [GeneratedRegex(@"\b(tem|teria|manda|me manda) (outr[oa]s?|algum[a]?|mais alguma)\b|\b(tem|teria) (alguma )?(vaga|vagas|plantao|plantoes|algo)( \w+){0,2} para mim\b|\bposso\b|\bpode mandar\b|(?<!\bnao )\b(sou medic[oa]|tenho interesse)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AsksForAnother();

    /// <summary>
    /// Twenty-third blind set: the opt-out of a turn, a burst of messages answered as one (TurnProcessor): the first message
    /// that is one on its own, unless the message right after it, not a stop itself, narrows it — it continues the
    /// sentence with a preposition, an article or a word of one shift, and the two read as one sentence are no stop ("não
    /// quero mais plantão" then "noturno", "me tira" then "do plantão de sábado") — or takes it back ("stop" then
    /// "espera, deixa eu ver", "tô fora" then "mentira"). A line that only says who writes ("sou a esposa do Dr. Carlos")
    /// makes the next one the owner's, as it would in one message ("…, ele pediu pra pararem de mandar"). Null when none.
    /// </summary>
    public static string? InTurn(IReadOnlyList<string> texts) =>
        // Fifty-ninth blind set: "pode parar de mandar" / "vou viajar 2 meses" / "depois volto", "tira o dr carlos da lista" / "ele
        // não trabalha mais aqui" — the turn read as one is a pause or someone else's removal (OptOutDetector.Paused). Read only
        // when the turn holds a stop: most turns hold none, and joining and normalising them all was work for nothing.
        StopOfTheTurn(texts) is { } stop && !(texts.Count > 1 && PausedOrSomeoneElses(PtBrText.Normalise(string.Join(" ", texts)))) ? stop : null;

    static string? StopOfTheTurn(IReadOnlyList<string> texts)
    {
        // Each line's own reading, once: the rules below ask it of a line several times (as itself, as the next line).
        var stops = new bool?[texts.Count];
        // Twenty-eighth blind set: a line wholly in quotation marks ("olha o que o Dr. Rui me mandou:" then the quoted "me tira
        // dessa lista") is someone's words told, not the doctor's own stop.
        bool Stop(int k) => stops[k] ??= !Quoted(texts[k]) && IsOptOut(texts[k]);
        var normalised = new string?[texts.Count];
        string Norm(int k) => normalised[k] ??= PtBrText.Normalise(texts[k]);
        var anyStop = false;
        for (var i = 0; i < texts.Count; i++)
        {
            var text = texts[i];
            var next = i + 1;
            if (Quoted(text)) continue;
            var isStop = Stop(i);
            // Fifty-first blind set: "se eu mandar stop" / "eu paro de receber?" — a condition in one line, asked in the next:
            // the question read as one.
            if (isStop && next < texts.Count && Norm(i).StartsWith("se ", StringComparison.Ordinal) && texts[next].TrimEnd().EndsWith('?')
                && !IsOptOut(text + " " + texts[next]))
            {
                i = next;
                continue;
            }
            if (isStop && i > 0 && text.TrimEnd().EndsWith('?') && Norm(i - 1).StartsWith("se ", StringComparison.Ordinal) && !IsOptOut(texts[i - 1] + " " + text))
                continue;
            // Twenty-fourth blind set: a stop split over two lines — "para" then "de me mandar mensagem", "PARA" then "DE
            // MANDAR" — is the stop the two read as one make, when neither is one alone; since the twenty-seventh also a
            // verb of removing then its object ("apaga" then "meu cadastro").
            if (!isStop && next < texts.Count && !Stop(next) && (OpensOnAPreposition(texts[next]) || GivesTheObject(text, texts[next]))
                && IsOptOut(text + " " + texts[next]))
                (text, isStop) = (text + " " + texts[next++], true);
            // Twenty-sixth blind set: "Vc perguntou se quero continuar recebendo" then "não" — the question told back, answered
            // in the next line.
            else if (!isStop && next < texts.Count && !Stop(next) && AsksAboutContinuing().IsMatch(Norm(i))
                     && IsOptOut(text + ": " + texts[next]))
                (text, isStop) = (text + ": " + texts[next++], true);
            // Twenty-sixth blind set: "já falei mil vezes" then "não quero", "não quero" then "já falei" — the repetition said in
            // one line, what is repeated in the other: the two read as one sentence.
            else if (!isStop && next < texts.Count && !Stop(next) && SaidBefore().IsMatch(Norm(i))
                     && IsOptOut(text + " que " + texts[next]))
                (text, isStop) = (text + " que " + texts[next++], true);
            else if (!isStop && next < texts.Count && !Stop(next) && SaidBefore().IsMatch(Norm(next))
                     && IsOptOut(texts[next] + " que " + text))
                (text, isStop) = (texts[next] + " que " + text, true);
            // Twenty-eighth blind set: "Toda vez a mesma coisa." then "Eu disse que não!" — the repetition in one line, the no
            // said again in the next: the two read as one message.
            else if (!isStop && next < texts.Count && !Stop(next) && !Quoted(texts[next]) && RepetitionMarker().IsMatch(Norm(i))
                     && IsOptOut(text + ". " + texts[next]))
                (text, isStop) = (text + ". " + texts[next++], true);
            // Twenty-fifth blind set: "para" / "de" / "mandar" / "mensagem", "não quero" / "mais" / "receber nada" — a stop
            // spelled out over three or more lines of a word or two, none a stop alone, is the one sentence they make.
            else if (!isStop && SpelledOver(texts, i, Stop) is var end && end - i >= 3
                     && string.Join(' ', texts.Skip(i).Take(end - i)) is var spelled && IsOptOut(spelled))
                (text, next, isStop) = (spelled, end, true);
            // Thirty-ninth blind set: "nao quero" / "mais receber" / "msg de vcs" — two such lines closed by a line of a few words
            // more (the object), none a stop alone: the one sentence the three make.
            else if (!isStop && SpelledOver(texts, i, Stop) is var run && run - i == 2 && run < texts.Count && !Stop(run) && !Quoted(texts[run]) && Norm(run) is { Length: > 0 } closing
                     && closing.Count(c => c == ' ') < MaxClosingWords && string.Join(' ', texts.Skip(i).Take(3)) is var closed && IsOptOut(closed))
                (text, next, isStop) = (closed, run + 1, true);
            anyStop |= isStop;
            // Thirty-fifth blind set: "chega" / "tô no hospital" / "depois vejo", "chega" / "cansei de esperar o pagamento" — a bare
            // "chega" or "basta" stops the messages only when the turn speaks of them or of us, as the same word closing one
            // message does (`comandoFinalComEnvio`: "fiz 4 plantões, chega" is his own day); a sentence of his day or of another
            // matter after it, and no line of the turn about the sending, make it "enough for now". "chega" / "sério" stands.
            if (isStop && next == i + 1 && next < texts.Count && IntentVocabulary.Instance.StopOnlyOnSending(Norm(i)) && EnoughOfSomethingElse(texts, i, Norm))
                break;
            // Thirty-seventh blind set: "nos próximos 6 meses" then "não quero nada", "meu colega" then "pediu pra sair da lista" — a
            // short line before a stop, not one itself, that read with it makes it none (a pause, someone else's wish) qualifies it.
            if (isStop && next == i + 1 && i > 0 && !Stop(i - 1) && !Quoted(texts[i - 1]) && texts[i - 1].Length <= MaxJoinedLineLength
                && Norm(i - 1) is { Length: > 0 } before && IntentVocabulary.Instance.QualifiesTheNextLine(before.Split(' '))
                && !IsOptOut(texts[i - 1] + " " + text))
                continue;
            if (isStop)
            {
                // Thirty-third blind set: "pode parar" / "de mandar" / "por essa semana" — lines that go on with the stop's sentence
                // and keep it a stop are read with it, so the line after them can still narrow it as it would the one line.
                while (next + 1 < texts.Count && !Stop(next) && ContinuesTheSentence(texts[next])
                       && IsOptOut(text + " " + texts[next]) && IsOptOut(text + ", " + texts[next]) && ContinuesTheSentence(texts[next + 1]))
                    text += " " + texts[next++];
                // Forty-seventh blind set: "pare" / "de" / "me" / "mandar" / "mensagem" — a one-word stop opening a run of one- or
                // two-word lines that spell a longer stop on: the sentence they make is read, not the first word alone.
                if (next == i + 1 && Norm(i).Count(c => c == ' ') <= 1 && SpelledOver(texts, next, Stop) is var runEnd && runEnd - i >= 3
                    && string.Join(' ', texts.Skip(i).Take(runEnd - i)) is var spelledOn && IsOptOut(spelledOn))
                    (text, next) = (spelledOn, runEnd);
                // Forty-seventh blind set: "stop?" / "não" / "continua mandando" — a stop asked as a question, answered in the
                // turn by going on: none.
                if (texts[i].TrimEnd().EndsWith('?') && texts.Skip(i + 1).Any(KeepsTheContact)) break;
                if (next < texts.Count && !Stop(next)
                    && (StopTakenBack(texts[next]) || KeepsTheContact(texts[next]) || SendsToANumber().IsMatch(texts[next]) || NarrowsTheStop(texts[next]) || ArrivesWhen(Norm(i), Norm(next))
                        // Forty-third blind set: "desencana" then "eu pego o outro" — the offer refused, another one taken.
                        || (TakesAnotherOffer().IsMatch(Norm(next)) && !IsOptOut(text + ", " + texts[next]))
                        // Fifty-fifth blind set: "cancela" then "vou pegar sim o plantão" — the shift taken after all.
                        || (TakesTheOfferAfterAll().IsMatch(Norm(next)) && !IsOptOut(text + ", " + texts[next]))
                        || (ContinuesTheSentence(texts[next]) && !IsOptOut(text + " " + texts[next]))
                        // Fifty-third blind set: "para de mandar essas campanhas" / "mas se tiver uti me chama" — one kind kept.
                        || (CallMeIfThereIs().IsMatch(Norm(next)) && !IsOptOut(text + ", " + texts[next]))
                        || (GivesTheObject(text, texts[next]) && !IsOptOut(text + " " + texts[next]))))
                {
                    // Fifty-seventh blind set: "pode parar com as vagas" / "e com os lembretes" / "e com tudo" — widened again.
                    if (WidenedOverLines(texts, i) is { } widened) return widened;
                    i = next - 1;
                    continue;
                }
                return text;
            }
            // Twenty-eighth blind set: also "esse número era do meu pai" then "ele faleceu ano passado" — the death told of the
            // owner the line before named.
            if (i > 0 && !string.IsNullOrWhiteSpace(text) && (WhoWrites().IsMatch(PtBrText.Normalise(texts[i - 1])) || DeathWord().IsMatch(Norm(i)))
                && IsOptOut(texts[i - 1] + ", " + text))
                return text;
        }
        // Thirtieth blind set: "obrigada" / "mas não quero mais" / "pode encerrar" — a short turn with no stop in any line, nor
        // in two lines read together, is read as the one message its lines make, each line a clause (so a line cannot be
        // another's object). A turn of at most four short lines, read once.
        if (!anyStop && texts.Count is >= 2 and <= MaxJoinedLines && texts.All(t => t.Length <= MaxJoinedLineLength && !Quoted(t))
            && string.Join(", ", texts) is var joined && IsOptOut(joined))
            return joined;
        // Fifty-first blind set: "nao quero" / "mais receber", "nunca mais" / "me mande mensagem", "no more" / "messages" — one
        // sentence broken mid-phrase, read as one with no mark between the lines when the clause reading found nothing.
        if (!anyStop && texts.Count is >= 2 and <= MaxJoinedLines && texts.All(t => t.Length <= MaxJoinedLineLength && !Quoted(t))
            && !texts.Skip(1).Where((t, k) => !EndsNegated(Norm(k))).Any(t => SendingAsked().IsMatch(PtBrText.Normalise(t)))
            && string.Join(" ", texts) is var unbroken && IsOptOut(unbroken))
            return unbroken;
        // Fifty-first blind set: "oi" / "n qro" / "para" — a bare "para" sent as its own message after a refusal or a complaint
        // of the messages in the turn is the command (one message "…não quero, para" is still left to the agent).
        if (!anyStop && texts.Count >= 2 && BareStopLine().IsMatch(Norm(texts.Count - 1))
            && Enumerable.Range(0, texts.Count - 1).Any(k => !Quoted(texts[k]) && (RefusalLine().IsMatch(Norm(k)) || ComplaintOfTheMessages().IsMatch(Norm(k)))))
            return string.Join(", ", texts);
        return null;
    }

    /// <summary>
    /// Whether the lines after the bare "chega" at <paramref name="at"/> say a sentence (two words or more, courtesies and
    /// interjections aside) and no line of the turn is a stop or speaks of the sending or of us.
    /// </summary>
    static bool EnoughOfSomethingElse(IReadOnlyList<string> texts, int at, Func<int, string> norm)
    {
        var sentence = false;
        for (var k = 0; k < texts.Count; k++)
        {
            if (k == at) continue;
            var words = norm(k).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0) continue;
            if (IntentVocabulary.Instance.TalksOfSending(words) || words.Any(w => w is "voces" or "voce" or "julia" or "robo" or "empresa") || (k > at && IsOptOut(texts[k])))
                return false;
            if (k > at && IntentVocabulary.Instance.WithoutCourtesies(words).Length >= 2) sentence = true;
        }
        return sentence;
    }

    /// <summary>Thirtieth blind set: "chega" then "amanhã o documento" — the verb of arriving, its time in the next line.</summary>
    static bool ArrivesWhen(string line, string next) =>
        line is "chega" && next.Split(' ', 2)[0] is "amanha" or "hoje" or "depois" or "segunda" or "terca" or "quarta" or "quinta" or "sexta" or "sabado" or "domingo" or "semana" or "ate" or "quando";

    const int MaxJoinedLines = 4;
    const int MaxJoinedLineLength = 80;

    /// <summary>A line wholly between quotation marks (trailing marks or emoji aside).</summary>
    static bool Quoted(string text)
    {
        var t = text.AsSpan().Trim();
        var end = t.Length;
        while (end > 0 && !char.IsLetterOrDigit(t[end - 1]) && t[end - 1] is not ('"' or '”' or '\'' or '’')) end--;
        return end >= 3 && t[0] is '"' or '“' or '\'' or '‘' && t[end - 1] is '"' or '”' or '\'' or '’';
    }

    /// <summary>
    /// Where a run of lines from <paramref name="from"/> ends whose every line is a word or two, none a stop alone (the end is
    /// the first line that is not, or the turn's end).
    /// </summary>
    static int SpelledOver(IReadOnlyList<string> texts, int from, Func<int, bool> stop)
    {
        // At most a few lines: no stop is spelled over more, and a burst of hundreds of one-word messages (a hostile sender)
        // must not read every run from every line — quadratic in the burst's length.
        var end = from;
        while (end < texts.Count && end - from < MaxSpelledLines && PtBrText.Normalise(texts[end]) is { Length: > 0 } t && t.Count(c => c == ' ') <= 1
               && !stop(end))
            end++;
        return end;
    }

    const int MaxSpelledLines = 8;

    /// <summary>The most words of the line that closes two short lines of a stop spelled over (<see cref="InTurn"/>).</summary>
    const int MaxClosingWords = 4;

    /// <summary>The next line continues the one before: it opens on a preposition, an article, "só" or a word of one shift.</summary>
    static bool ContinuesTheSentence(string next)
    {
        var t = PtBrText.Normalise(next);
        if (t.Length == 0) return false;
        var first = t.Split(' ', 2)[0];
        // Thirty-third blind set: "sair" then "mais cedo" — the hour of leaving, not the list left.
        return Continuations.Contains(first) || IntentVocabulary.Instance.NarrowsAStop(first) || t.StartsWith("mais cedo", StringComparison.Ordinal)
               || t.StartsWith("mais tarde", StringComparison.Ordinal) || OpensOnAnInfinitive(next, first);
    }

    /// <summary>
    /// Thirty-seventh blind set: "não quero mais" then "esperar", "não quero mais" then "trabalhar no Hospital Central" — a line
    /// opening on an infinitive, in small letters, is the verb the wish before it was waiting for (read with it: "não quero
    /// mais receber" still stops).
    /// </summary>
    static bool OpensOnAnInfinitive(string next, string first)
    {
        var trimmed = next.TrimStart();
        return first.Length >= 4 && trimmed.Length > 0 && char.IsLower(trimmed[0]) && (first.EndsWith("ar", StringComparison.Ordinal)
            || first.EndsWith("er", StringComparison.Ordinal) || first.EndsWith("ir", StringComparison.Ordinal));
    }

    /// <summary>
    /// Twenty-seventh blind set: "remove" then "meu nome da escala de domingo", "tira" then "minha quinta" — a bare verb of
    /// removing (a stop alone or not) and the next line opening on a possessive: that line is its object, and the two are
    /// read as one ("apaga" then "meu cadastro" is a stop; "stop" then "minha agenda tá cheia" is no object — "stop" takes none).
    /// </summary>
    static bool GivesTheObject(string stop, string next)
    {
        // A bare verb ("apaga", "me remove") is a short line: most lines are not, and are not normalised for this.
        if (stop.AsSpan().Trim().Length > 16) return false;
        var verb = PtBrText.Normalise(stop);
        if (!TakesAnObject.Contains(verb)) return false;
        var t = PtBrText.Normalise(next);
        var space = t.IndexOf(' ');
        return (space > 0 ? t[..space] : t) is "meu" or "minha" or "meus" or "minhas" or "esse" or "este" or "seu";
    }

    static readonly HashSet<string> TakesAnObject =
        ["remove", "remova", "removam", "tira", "tire", "tirem", "retira", "retire", "exclui", "exclua", "excluam", "apaga", "apague",
         "cancela", "cancele", "cancelem", "deleta", "delete", "risca", "risque", "me tira", "me remove", "me exclui",
         // Thirtieth blind set: "vou denunciar" then "esse número no whatsapp".
         "vou denunciar", "vou reportar", "vou bloquear", "denunciar", "bloquear", "denunciei", "bloqueei"];

    /// <summary>
    /// Twenty-fourth blind set: the line after a stop names the shifts it is about — "só de madrugada", "somente os
    /// noturnos", "menos os de UTI" (a restricting word, then one offer's word) or "de Guarulhos", "no Morumbi" (a
    /// preposition, then a name as written, capitalised) — so the two read as one stop only some shifts, whatever the
    /// words of the stop ("para de mandar plantão" then "só de madrugada"). "só isso", "da lista", "de jeito nenhum" name none.
    /// </summary>
    static bool NarrowsTheStop(string next)
    {
        var t = PtBrText.Normalise(next);
        if (t.Length == 0) return false;
        var words = t.Split(' ');
        // Thirty-seventh blind set: "não quero receber por whatsapp" then "só por email" — a channel Júlia does not write on names
        // no shift: the stop of this one stands, as in one message.
        if (Restricting.Contains(words[0]) && words.Length <= 4 && (words.Contains("email") || words.Contains("mail"))) return false;
        if (Restricting.Contains(words[0]) && words.Length > 1) return IntentVocabulary.Instance.OneOfferAt(words, 1);
        return (IntentVocabulary.Instance.OneOfferAt(words, 0) && Continuations.Contains(words[0])) || NamedPlace().IsMatch(next);
    }

    /// <summary>The line opens on a preposition ("de me mandar mensagem", "da lista"): its sentence began in the line before.</summary>
    static bool OpensOnAPreposition(string next)
    {
        var t = PtBrText.Normalise(next);
        var space = t.IndexOf(' ');
        return (space > 0 ? t[..space] : t) is "de" or "do" or "da" or "dos" or "das" or "com" or "para" or "pro" or "em" or "no" or "na" or "desse" or "dessa" or "dessas" or "desses";
    }

    static readonly HashSet<string> Restricting = ["so", "somente", "apenas", "exceto", "menos", "tirando", "fora"];

    /// <summary>A preposition opening the line, then a name with its capital as typed ("de Guarulhos", "no Morumbi", "em São Paulo").</summary>
    [GeneratedRegex(@"^\W*(?i:de|do|da|dos|das|em|no|na|nos|nas|pra|pro|para)\s+(?!(?i:voc|vcs|vc\b|jeito|nenhu|novo|nada|ningu|mim\b|ti\b|whats|zap|wpp|lista|grupo|mensag|msg|contato|n[uú]mero|cadastro|sistema|base|celular|telefone|hoje|agora|vez|uma\b|um\b|jeito)|Deus\b)\p{Lu}\p{Ll}+", RegexOptions.CultureInvariant)]
    private static partial Regex NamedPlace();

    static readonly HashSet<string> Continuations =
        // Twenty-fifth blind set: "um", "uma" — "me tira" then "uma dúvida" is the idiom, not a stop.
        // Twenty-seventh blind set: "ate" — "suspende minhas ofertas" then "até 15/02" is a pause, as in one message.
        ["de", "do", "da", "dos", "das", "no", "na", "nos", "nas", "em", "para", "pro", "so", "somente", "apenas", "exceto", "menos", "o", "a", "os", "as", "um", "uma", "ate",
         "esse", "essa", "esses", "essas", "desse", "dessa", "desses", "dessas", "nesse", "nessa", "plantao", "plantoes", "vaga", "vagas",
         // Thirty-third blind set: "chega" then "por hoje" — a preposition too (the stop then a pause, as "chega por hoje" in one
         // message); "remove" then "the saturday one" — the English article.
         "por", "pelo", "pela", "the", "cedo", "antes",
         // Thirty-ninth blind set: "que" — "para de mandar" then "que tô dirigindo" gives the stop its reason, as in one message.
         "que",
         // Forty-third blind set: "não quero ser incomodado" then "durante a cirurgia" — a time the stop lasts, as in one message.
         "durante", "enquanto"];

    /// <summary>"espera", "pera", "mentira", "brincadeira", "esquece", "desconsidera" opening the next line: the stop taken back.</summary>
    static bool StopTakenBack(string next) => TakenBackOpening().IsMatch(PtBrText.Normalise(next));

    /// <summary>Twenty-sixth blind set: "mudei de ideia, pode mandar" after a stop — a line that keeps the contact (`continuaContato`).</summary>
    static bool KeepsTheContact(string next)
    {
        var t = PtBrText.Normalise(next);
        return t.Length > 0 && IntentVocabulary.Instance.KeepsTheContact(t.Split(' '), PtBrText.ClauseEnds(next, t.AsSpan().Count(' ') + 1));
    }

    /// <summary>
    /// Twenty-sixth blind set: the question of going on receiving as the doctor tells it back ("você perguntou se quero continuar
    /// recebendo", "sobre continuar recebendo as vagas", "quer receber mais oportunidades?").
    /// </summary>
    const string ContinuingAsked = @"(\b(continuar|seguir) (recebendo|na lista)( (as|os))?( (vagas|ofertas|mensagens|oportunidades|plantoes|propostas))?" +
        @"|\breceber mais (vagas|ofertas|mensagens|oportunidades|plantoes|propostas)" +
        @"|\b(perguntou|pergunta|perguntando|perguntaram) se (eu )?(quero|queria|gostaria de|desejo) continuar)";

    /// <summary>A line that only says the doctor said it before: "já falei", "eu já disse mil vezes", "gente, já avisei".</summary>
    [GeneratedRegex(@"^((oi|gente|ja|olha|de novo|mais uma vez) )*(eu )?(ja )?(falei|disse|avisei|respondi|repeti|expliquei)( isso)?( (mil|cem|\d+|duas|tres|quatro|cinco|dez|varias|muitas|tantas) vezes)?( para voces| para voce)?$", RegexOptions.CultureInvariant)]
    private static partial Regex SaidBefore();

    [GeneratedRegex(ContinuingAsked + "$", RegexOptions.CultureInvariant)]
    private static partial Regex AsksAboutContinuing();

    /// <summary>The question of <see cref="AsksAboutContinuing"/> answered by a bare no, courtesies aside, closing the message.</summary>
    [GeneratedRegex(ContinuingAsked + @" (a resposta e )?(nao|nao nao|nao quero|nao quero mais|nao nao quero|prefiro que nao|prefiro nao|melhor nao|dispenso|negativo)( (obrigad[oa]|grat[oa]|valeu|agradeco))?$", RegexOptions.CultureInvariant)]
    private static partial Regex AnswerToContinuing();

    // Twenty-fourth blind set: "desculpa, mensagem errada", "foi mal, era pra outra pessoa" — the stop sent to the wrong chat.
    // Thirty-third blind set: the English "wait", "hold on", "never mind", "wrong chat" ("stop" then "wait" then "which hospital?"),
    // and the shift disowned ("stop" then "that's not my shift", "para" then "esse plantão não é meu": the stop was of a
    // mistaken booking; "that's not my number" is not among them — that is a wrong number, a stop).
    [GeneratedRegex(@"^((k+|rs+|(ha)+|ops|opa|ah|ai|calma|desculpa|desculpe|foi mal|sorry|perdao|oops) )*(wait|hold on|hang on|never mind|nevermind|my bad|wrong (chat|conversation|group|person)|((that|this|it) s|thats|(that|this|it) is) not my (shift|booking|slot)|not my (shift|booking)|(esse|este|o) (plantao|turno) nao e (o )?meu|(essa|esta|a) (vaga|reserva) nao e (a )?minha|nao e (o |a )?(meu|minha)( (esse|este|essa|esta))? (plantao|turno|vaga|reserva)|espera|pera|perai|peraí|calma|mentira|brincadeira|estou brincando|brincando|zoeira|zoando|esquece|desconsidera|ignora|deixa para la|mandei errado|foi engano|foi sem querer|(mensagem|msg|conversa|chat|contato|numero) errad[oa]|errei (a |o )?(conversa|chat|contato|numero|pessoa|grupo)|era para (outra pessoa|outro contato|outro grupo|outra conversa|minha|meu)|nao era para (voce|voces|ti|aqui|esse numero|este numero))\b", RegexOptions.CultureInvariant)]
    private static partial Regex TakenBackOpening();

    /// <summary>A line that only says who writes for the doctor: "sou a esposa do Dr. Carlos", "aqui é a secretária da Dra. Ana".</summary>
    [GeneratedRegex(@"^((oi|ola|bom dia|boa tarde|boa noite) )*(sou|aqui e|aqui quem fala e|quem fala e|falo pel[oa]|escrevo pel[oa]|escrevo em nome d[oa]) (a |o )?(\w+ ){0,2}(d[oa]|de) (dr|dra|doutor|doutora|medic[oa])\b[^ ]*( \w+){0,3}$|^(a |o )?(secretaria|secretario|esposa|marido|filha|filho|assistente) (d[oa]|de) (dr|dra|doutor|doutora)( \w+){0,2} aqui$", RegexOptions.CultureInvariant)]
    private static partial Regex WhoWrites();

    /// <summary>A send or use opening a later clause, with a phone number after it: the contact moved to that number.</summary>
    [GeneratedRegex(@"([,.;:!?]\s*|\be\s+)(me |s[oó] )?(usa|use|usem|manda|mande|mandem|envia|envie|enviem|chama|chame|liga|ligue)\b[^\d\n]{0,40}\(?\d{2}\)?\s?9?\d{4}[-\s.]?\d{4}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NumberGiven();

    /// <summary>"stop, espera…", "PARE. pera, deixa eu ver": the clause after the first opens by asking to wait.</summary>
    static bool StopThenWait(string text)
    {
        var mark = text.IndexOfAny(SentenceEnds);
        return mark > 0 && mark + 1 < text.Length && WaitOpening().IsMatch(PtBrText.Normalise(text[(mark + 1)..]));
    }

    static bool EndsNegated(string line) => line.EndsWith("nao", StringComparison.Ordinal) || line.EndsWith("nunca mais", StringComparison.Ordinal)
                                            || line.EndsWith("jamais", StringComparison.Ordinal) || line.EndsWith("nunca", StringComparison.Ordinal)
                                            // Fifty-third blind set: "vc n vai mais" / "me mandar msg ok" — the statement's negated verb.
                                            || ((line.EndsWith(" mais", StringComparison.Ordinal) || line.EndsWith(" vai", StringComparison.Ordinal) || line.EndsWith(" vao", StringComparison.Ordinal)) && NegatedWillEnds().IsMatch(line));

    [GeneratedRegex(@"\b(?:nao|nunca) (?:vai|vao|vais|ira|irao)(?: mais)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NegatedWillEnds();

    [GeneratedRegex(@"^(para|pare|parem)( (por favor|pf|pfv|ta|viu|ne|ja|agora))?$", RegexOptions.CultureInvariant)]
    private static partial Regex BareStopLine();

    [GeneratedRegex(@"^((oi|ola|olha|ja disse|ja falei|eu) )*nao (quero|quero mais|quero nada|quero mais nada|tenho interesse)$", RegexOptions.CultureInvariant)]
    private static partial Regex RefusalLine();

    /// <summary>Fifty-first blind set: a line opening by asking for a message or an offer ("manda mensagem", "manda uma boa
    /// aí", "pode mandar"): a new sentence, never the end of the one before.</summary>
    [GeneratedRegex(@"^(me |pode |podem |so |entao )?(manda|mande|mandem|envia|envie|enviem|mandar|enviar|continua|continuem|chama|chame|liga|ligue|fala|escreve)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SendingAsked();

    /// <summary>Fifty-first blind set: a line that sends the contact to a number written in it ("manda no 11977776666").</summary>
    [GeneratedRegex(@"^\s*(me |s[oó] )?(usa|use|usem|manda|mande|mandem|envia|envie|enviem|chama|chame|liga|ligue)\b[^\d\n]{0,40}\(?\d{2}\)?\s?9?\d{4}[-\s.]?\d{4}\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SendsToANumber();

    [GeneratedRegex(@"^(espera|pera|perai|peraí|calma|aguarda)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WaitOpening();

    /// <summary>
    /// Laughter ("kkk", "rs", "haha", 😂) and praise of the offers ("vaga boa", "bem pago", "não resisto") in one message: the
    /// doctor jokes about being tempted. Read only after a match; "para de mandar msg kkkk sério" has no praise and stays a stop.
    /// </summary>
    /// <returns>Where the praise ends in <paramref name="normalised"/>, or null when the stop is no joke.</returns>
    static int? StopInJest(string text, string normalised, string family)
    {
        // Thirty-fifth blind set: "vcs não param de mandar vaga boa" — the complaint form ("não param de mandar") with the offers
        // praised is the same compliment, laughing or not.
        // Sixty-third blind set: "para com isso, vc é muito gentil" — a teasing "para com isso" answering a compliment needs no laughter.
        if (!(text.Contains("😂", StringComparison.Ordinal) || text.Contains("🤣", StringComparison.Ordinal) || Laughter().IsMatch(normalised)
              || NeverStopping().IsMatch(normalised) || (family is "parar_envio" or "comando" && TeasingStop().IsMatch(normalised)))) return null;
        var praise = OfferPraise().Match(normalised);
        if (!praise.Success && family is "parar_envio" or "comando") praise = PraiseOfUs().Match(normalised);
        if (!praise.Success) return null;
        while (praise.NextMatch() is { Success: true } later) praise = later;
        return praise.Index + praise.Length;
    }

    /// <summary>
    /// Thirty-fourth session: "para com isso, vc é muito eficiente rsrs", "vcs são demais kkk" — her or the team praised in a
    /// laughing message is the same joke as praising the offers. "…vcs são insistentes demais kkk" praises nothing.
    /// </summary>
    [GeneratedRegex(@"\b(voce|vc|voces|vcs|tu|julia)( (e|eh|es|sao|ta|esta|estao))?( (muito|mt|tao|super|bem|mais))? (eficientes?|otim[oa]s?|incrive(l|is)|demais(?! de\b)|feras?|rapid[oa]s?|maravilhos[oa]s?|sensaciona(l|is)|top|show|impressionantes?|uma graca|um amor|engracad[oa]s?|divertid[oa]s?|simpatic[oa]s?|fofa?s?|fof[oa]s?|hilari[oa]s?|uma figura|gentil|gentis|querid[oa]s?|atencios[oa]s?|um doce|um anjo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex PraiseOfUs();

    [GeneratedRegex(@"(^| )(k+|rs+|(rs){2,}s*|(ha){2,}h?|(he){2,}h?)( |$)", RegexOptions.CultureInvariant)]
    private static partial Regex Laughter();

    [GeneratedRegex(@"\b(nao|nunca) (param|para|parem) de (me )?(mandar|enviar|oferecer)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NeverStopping();

    // Forty-first blind set: "vcs não param de mandar vaga né kkk, adoro" — the sending loved ("adoro", "amo") is the same praise.
    [GeneratedRegex(@"(?<!\b(nenhuma|nenhum|sem|nunca|nao tem)( \w+)? )\b(vagas?|plantao|plantoes|ofertas?|valor|valores) (tao |muito |super |bem )?(boa|boas|bom|bons|otim[oa]s?|incrive(l|is)|bem pag[oa]s?)\b|\bbem pag[oa]s?\b|\bnao resisto\b|\b(me|fico) tentando\b|(?<!\b(nao|nem) )\b(adoro|amo|curto|gosto muito)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OfferPraise();

    /// <summary>Three or more clauses, none longer than two words, and no more than eight words in all.</summary>
    static bool SplitForEmphasis(ulong clauseEnds, int wordCount)
    {
        if (clauseEnds == 0 || wordCount < 3 || wordCount > 8) return false;
        int clauses = 0, length = 0;
        for (var k = 0; k < wordCount; k++)
        {
            length++;
            if ((clauseEnds & (1UL << k)) == 0 && k + 1 < wordCount) continue;
            if (length > 2) return false;
            clauses++;
            length = 0;
        }
        return clauses >= 3;
    }

    [GeneratedRegex(@"^\s*[""“'‘][^""”'’]{1,80}[""”'’]\s*(?=(foi o que|foi isso que|e o que|é o que|disse|falou|gritou|pediu|escreveu|repetia)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ReportedQuote();

    /// <summary>
    /// Tired of the bot, said of the bot: "cansei desse robô", "to de saco cheio dessa IA", "chega de falar com máquina" (raw text:
    /// accents and case as typed).
    /// </summary>
    [GeneratedRegex(@"(?<!\p{L})(cansei|cansad[oa]s?|fart[oa]s?|(estou|to|tô|tou) de saco cheio|saco cheio|chega|n[aã]o aguento mais|desisti|desisto)\s+(de|d[eo]ss[ea]s?|d[eo]st[ea]s?|do|da)\s+((falar|conversar|tratar|lidar)\s+com\s+)?((ess?[ea]s?|est[ea]s?|o|a|os|as|um|uma)\s+)?(rob[oô]s?|robozinhos?|rob[oô]zinhos?|bots?|chat\s?bots?|m[aá]quinas?|ia|intelig[eê]ncia artificial|atendimento autom[aá]tico|respostas? autom[aá]ticas?|assistente virtual)(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BotWeariness();

    /// <summary>
    /// The bot told to go away, addressed as the bot: "sai daqui robô", "vaza, bot", "robô, sai daqui", "sai fora IA" (on the
    /// raw text, accents and case as typed). Not "sai da lista", "me tira daqui" (no bot addressed).
    /// </summary>
    [GeneratedRegex(@"(?<!\p{L})(sai|saia|vaza|some|xispa)(\s+(daqui|da[ií]|fora|pra\s+l[aá]))?[\s,!.]+((seu|sua|[ôo])\s+)?(rob[oô]s?|robozinho|rob[oô]zinho|bots?|chat\s?bots?|m[aá]quina|ia)(?!\p{L})"
                    + @"|(?<!\p{L})(rob[oô]s?|robozinho|rob[oô]zinho|bots?|chat\s?bots?|m[aá]quina)[\s,!.]+(sai|saia|vaza|some|xispa)(\s+(daqui|da[ií]|fora|pra\s+l[aá]))?(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BotDismissed();

    /// <summary>The stop almost asked for ("quase pedi pra sair", "eu ia pedir pra parar", "já ia bloquear"), up to the "mas" that
    /// turns away from it or its clause's end (raw text).</summary>
    [GeneratedRegex(@"(?<!\p{L})(quase|(eu |j[aá] )ia|por pouco (que )?n[aã]o)\s+(te |lhe |vos )?(pedi|pedir|mandei|mandar|falei|falar|bloqueei|bloquear|sa[ií]|sair|desisti|desistir|cancelei|cancelar|me descadastrei|me descadastrar)\b[^,.;:!?\n]*?(?=\s+(mas|por[eé]m|s[oó] que|a[ií])\b|[,.;:!?\n]|$)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlmostAsked();

    /// <summary>"Saí": the accent normalisation strips marks the past (I left), never the command "sai".</summary>
    [GeneratedRegex(@"(?<!\p{L})sa[íÍ](?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PastLeft();

    /// <summary>
    /// The normalised words of the last sentence when it is short and not the whole message, else null: normalised text
    /// has no sentence boundary, so "eu não pedi pra receber isso. parem" is told from "parem" inside a sentence here.
    /// </summary>
    static string[]? LastSentence(string text)
    {
        var end = WithoutTrailingMarks(text, text.Length);
        if (end == 0) return null;
        // Seventeenth blind set: "Tem que remover o acesso venoso. Remover?" — a closing word asked is no command.
        if (text.AsSpan(end).TrimStart().StartsWith("?")) return null;
        var words = ShortSentenceEndingAt(text, end, out var start);
        // Seventeenth blind set: "Mensagens. Parem. Por favor." — a closing courtesy alone is not the last sentence; the
        // one before it is.
        if (words is not null && IntentVocabulary.Instance.OnlyCourtesies(words))
        {
            end = WithoutTrailingMarks(text, start);
            words = end == 0 ? null : ShortSentenceEndingAt(text, end, out _);
        }
        return words;
    }

    static int WithoutTrailingMarks(string text, int end)
    {
        while (end > 0 && !char.IsLetterOrDigit(text[end - 1])) end--;
        return end;
    }

    /// <summary>The normalised words of the sentence ending at <paramref name="end"/>, when a sentence mark
    /// (<paramref name="start"/>) opens it within <see cref="MaxLastSentence"/> characters; else null.</summary>
    static string[]? ShortSentenceEndingAt(string text, int end, out int start)
    {
        start = text.LastIndexOfAny(SentenceEnds, end - 1);
        // Twentieth blind set: "Adorei receber 5 mensagens hoje 🙃 me remove por favor" — an emoji ends a sentence as a mark does.
        for (var k = end - 1; k > start && k >= end - MaxLastSentence - 1; k--)
            if (char.IsLowSurrogate(text[k]) || char.GetUnicodeCategory(text[k]) == System.Globalization.UnicodeCategory.OtherSymbol) { start = k; break; }
        if (start < 0 || end - start - 1 > MaxLastSentence) return null;
        var last = PtBrText.Normalise(text[(start + 1)..end]);
        return last.Length == 0 ? null : last.Split(' ');
    }
}
