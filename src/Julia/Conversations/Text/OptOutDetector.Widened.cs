using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-seventh blind set (docs/detection-history.md#opt-out): stops the word families miss because of what is around
/// them — what he stops named one by one and then widened to everything ("pode parar com os lembretes e com tudo, não quero
/// mais", "parem com as mensagens, os lembretes, tudo": one kind of message named is a preference, "e com tudo" makes it
/// the whole service), the count of today's messages in the complaint before the stop ("3 mensagens hoje?? chega, não me
/// procurem mais": "hoje" there counts the messages, it does not pause the stop), and a block or a report threatened if the
/// sending goes on ("se continuar mandando vou denunciar e bloquear"; a report alone, "se continuar mandando vou denunciar",
/// stays the legal threat the handoff rules read). Read only when the families found nothing.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says in one of these ways (its family), or null. Raw text in, as <see cref="FamilyOf"/>.</summary>
    static string? WidenedOrThreatened(string text)
    {
        // Each reading only on a message holding its word: they run on every message no family matched.
        // "pode parar com os lembretes e com tudo": the things named read as "tudo isso".
        if ((text.Contains("tud", StringComparison.OrdinalIgnoreCase) || text.Contains("resto", StringComparison.OrdinalIgnoreCase))
            && EverythingNamed().Match(text) is { Success: true } named
            && FamilyOf(string.Concat(text.AsSpan(0, named.Index), named.Groups["verb"].Value,
                named.Groups["verb"].Value.StartsWith('p') || named.Groups["verb"].Value.StartsWith('P') ? " com tudo isso" : " de tudo isso",
                text.AsSpan(named.Index + named.Length))) is { } everything)
            return everything;
        // "3 mensagens hoje?? chega, não me procurem mais": the day of the counted messages read without it.
        // Fifty-ninth blind set: "é a décima msg essa semana, me tira da lista" — the week's too, and the count an ordinal.
        // The lead's review of that set: the month's too, and "de vcs" between ("6 mensagens de vcs só esse mês, me tira").
        if ((text.Contains("hoje", StringComparison.OrdinalIgnoreCase) || text.Contains("hj", StringComparison.OrdinalIgnoreCase) || text.Contains("semana", StringComparison.OrdinalIgnoreCase) || text.Contains("mes", StringComparison.OrdinalIgnoreCase) || text.Contains("mês", StringComparison.OrdinalIgnoreCase)) && CountedToday().IsMatch(text) && FamilyOf(CountedToday().Replace(text, "${count}")) is { } counted) return counted;
        // Seventy-second blind set: "não quero mais lembrete nenhum, nem vaga, nem nada" — what he refuses listed and closed
        // by "nem nada": everything, read as "não quero mais nada".
        if (text.Contains("nem nada", StringComparison.OrdinalIgnoreCase) && ListClosedByNothing().Match(text) is { Success: true } listed
            && FamilyOf(listed.Groups["verb"].Value + " mais nada") is { } nothing)
            return nothing;
        // Seventy-second blind set: "nada de mensagem mais pra mim, ok?" — none of our messages for him (not "nada de vaga pra
        // mim ainda?", shifts he is waiting for).
        if (text.Contains("nada", StringComparison.OrdinalIgnoreCase) && NothingMoreForMe().IsMatch(text)) return "recusa";
        // Seventy-second blind set: "sério, para. não quero" — a bare "para" is no stop alone (a preposition too), but one
        // standing as its own sentence beside a bare refusal is.
        if (BareStopThenRefusal().IsMatch(text)) return "comando";
        // "se continuar mandando vou denunciar e bloquear, para": the sending going on, threatened with a block.
        return text.Contains("bloq", StringComparison.OrdinalIgnoreCase) && GoingOnThreatened().IsMatch(text) ? "bloquear" : null;
    }

    /// <summary>"não quero (mais) X nenhum, nem Y, nem nada" closing the message (not "…nem nada disso, só diurno") — group "verb" the refusal (raw text).</summary>
    [GeneratedRegex(@"(?<!\p{L})(?<verb>n[aã]o\s+(?:quero|me\s+mand[ae]m?))(?:\s+mais)?\s+[^.!?\n]{1,60}?,?\s*nem\s+nada\s*[.!]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ListClosedByNothing();

    /// <summary>"nada (mais) de mensagem (mais) pra mim" — our messages, or anything with "mais"; not followed by a time still to come or a question of it.</summary>
    [GeneratedRegex(@"(?<!\p{L})nada\s+(?:(?:mais\s+)?de\s+(?:mensage(?:m|ns)|msgs?|propagandas?|lembretes?|spam|contato)|mais\s+de\s+\p{L}+|de\s+\p{L}+\s+mais)(?:\s+mais)?\s+(?:pra|para|p/)\s+mim(?!\p{L})(?!\s*(?:ainda|hoje|hj|essa|nessa|esta|nesta|por\s+enquanto|\?))",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex NothingMoreForMe();

    /// <summary>The whole message: (sério/pfv/por favor/já,) "para"/"pare" as a sentence, then "não quero (mais)" or "chega" (raw text).</summary>
    [GeneratedRegex(@"^\s*(?:(?:s[eé]rio|pfv|por\s+favor|j[aá]|agora)\s*,?\s*)*par[ae]\s*[.!]+\s*(?:n[aã]o\s+quero(?:\s+mais)?|chega)\s*[.!]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareStopThenRefusal();

    /// <summary>
    /// InTurn: "pode parar com as vagas" / "e com os lembretes" / "e com tudo" — a line that widens the stop's sentence to
    /// everything after a line that narrowed it: the lines read as one. Null unless that sentence is a stop.
    /// </summary>
    static string? WidenedOverLines(IReadOnlyList<string> texts, int from)
    {
        for (var last = from + 1; last < texts.Count && last - from < MaxJoinedLines; last++)
            if (EverythingLine().IsMatch(texts[last]))
                return string.Join(" ", texts.Skip(from).Take(last - from + 1)) is var joined && IsOptOut(joined) ? joined : null;
        return null;
    }

    /// <summary>
    /// "How do I stop, in case I need to?" — how the stop works asked about a day to come ("como faço pra parar de receber,
    /// caso eu precise?", "se um dia eu quiser sair, é só falar?"): a question about later, not the stop (normalised text).
    /// </summary>
    static bool AskedForLater(string normalised) =>
        HowToStopAsked().IsMatch(normalised) && SomeDayLater().IsMatch(normalised);

    /// <summary>
    /// A stop verb, what is stopped (one word, with its article) listed by commas or "e", then "(e) (com) tudo (isso/mais)" —
    /// group "verb" is the verb (raw text). One-word items only: "vaga de pediatria e tudo" is not widened.
    /// </summary>
    [GeneratedRegex(@"(?<!\p{L})(?<verb>par[ae]m?|parar|pode\s+parar|podem\s+parar|chega|basta)\s+(?:(?:de\s+)?(?:me\s+)?(?:mandar|enviar)\s+|com\s+|de\s+)?" +
        @"(?:(?:[oa]s?|ess[ea]s?|est[ea]s?|seus|suas|d[oa]s|dess[ea]s)\s+)?(?!tudo(?!\p{L}))\p{L}+" +
        @"(?:\s*(?:,|(?<!\p{L})e(?!\p{L}))\s*(?:(?:com|de)\s+)?(?:(?:[oa]s?|ess[ea]s?|seus|suas|d[oa]s|dess[ea]s)\s+)?(?!tudo(?!\p{L}))\p{L}+){0,3}" +
        @"\s*(?:,|(?<!\p{L})e(?!\p{L}))\s*(?:(?:com|de)\s+)?(?:tudo(?:\s+(?:isso|mais|o\s+mais|o\s+resto))?|todo\s+o\s+resto|o\s+resto\s+todo)(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EverythingNamed();

    /// <summary>A line that is only "(e) (com) tudo (isso/mais)" (raw text).</summary>
    [GeneratedRegex(@"^\s*(?:e\s+)?(?:com\s+|de\s+)?(?:tudo(?:\s+(?:isso|mais|o\s+mais))?|todo\s+o\s+resto)\s*[.!]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EverythingLine();

    /// <summary>"3 mensagens hoje", "5 msg só hoje", "duas ligações hoje", "a décima msg essa semana", "6 mensagens de vcs só esse
    /// mês": the messages counted, group
    /// "count" without the day (raw text).</summary>
    [GeneratedRegex(@"(?<count>(?<!\p{L})(?:\d+[ªa]?|duas|dois|tr[eê]s|quatro|cinco|seis|sete|oito|dez|v[aá]rias|mil|terceira|quarta|quinta|sexta|s[eé]tima|oitava|nona|d[eé]cima|vig[eé]sima|en[eé]sima|cent[eé]sima)\s+(?:mensagens?|msgs?|mensagem|vagas?|liga[cç](?:[aã]o|[oõ]es)|propostas?|ofertas?)(?:\s+de\s+(?:voc[eê]s|vcs|vc))?)\s+(?:s[oó]\s+)?(?:hoje|hj|(?:n?ess?a|n?esta)\s+semana|(?:n?ess?e|n?este)\s+m[eê]s)(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CountedToday();

    /// <summary>
    /// "se continuar(em) (me) mandando (mensagem/vaga) (aqui), (eu) vou (denunciar e) bloquear" (raw text): the sending itself goes
    /// on, not one kind of it ("se continuar mandando vaga ruim eu bloqueio" is about the offers: the agent's).
    /// </summary>
    [GeneratedRegex(@"(?<!\p{L})se\s+(?:voc[eê]s?\s+|vcs?\s+)?(?:continuar(?:em)?|insistir(?:em)?|seguir(?:em)?)\s+(?:a\s+)?(?:me\s+)?(?:mandando|enviando|mandar|enviar|escrevendo|ligando|com\s+(?:isso|essas?\s+(?:mensagens?|msgs?|coisas?|vagas)))(?:\s+(?:mensagens?|msgs?|mensagem|vagas?|isso|spam|coisas?))?(?:\s+(?:para\s+mim|pra\s+mim|aqui))?[\s,]+(?:eu\s+)?(?:vou\s+|irei\s+)?(?:te\s+|lhes?\s+|voc[eê]s\s+|vcs\s+)?(?:denunci\p{L}*\s+(?:e\s+)?)?bloque\p{L}*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex GoingOnThreatened();

    /// <summary>How the stop works asked (normalised): "como (eu) faço para parar/sair", "é só falar", "tem como sair".</summary>
    [GeneratedRegex(@"\b(?:como (?:eu )?(?:faco|faz|paro|saio|cancelo|peco)|tem como|e so (?:eu )?(?:falar|mandar|pedir|responder|avisar))\b", RegexOptions.CultureInvariant)]
    private static partial Regex HowToStopAsked();

    /// <summary>A day to come supposed (normalised): "caso eu precise", "se um dia eu quiser", "no futuro".</summary>
    [GeneratedRegex(@"\b(?:caso (?:um dia )?(?:eu )?(?:precise|queira|decida|resolva)|se (?:um dia |algum dia )?(?:eu )?(?:precisar|quiser|decidir|resolver)|um dia|algum dia|futuramente|mais para frente)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SomeDayLater();

    /// <summary>The pay form after "receber" ("receber em PF"): "PF" is not "por favor" there (raw text).</summary>
    [GeneratedRegex(@"(?<=(?<!\p{L})receb\p{L}*\s+(?:em|como|por|via)\s+)pf(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PayFormPf();

    /// <summary>"receber em PF" read as "receber em pessoa física" (raw text).</summary>
    static string WithThePayFormSpelled(string text) =>
        text.Contains("pf", StringComparison.OrdinalIgnoreCase) ? PayFormPf().Replace(text, "pessoa física") : text;
}
