namespace Julia.Conversations.Text;

/// <summary>
/// The opt-out rules' reading of one offer refused ("esse de sábado não tenho interesse", "pra esse local não me manda
/// mais") and of another asked for in the same message ("tem outro?"): the doctor still wants offers
/// (docs/decisions.md#opt-out).
/// </summary>
internal sealed partial class IntentVocabulary
{
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
}
