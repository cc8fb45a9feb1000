using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Forty-third blind set (docs/detection-history.md#opt-out): the stop said the way WhatsApp is spoken — the messages named by a slang
/// word ("me tira dessa parada aí", "chega desse trem"), the voice typing that splits a verb ("des cadastra"), the trailing
/// "não" of dictation before the command ("não quero mais isso não tira meu número daí"), a boss's order passed on ("meu chefe
/// pediu pra vcs pararem"), a block of us already made elsewhere, the next message threatened, and the data whose origin he
/// questions told to be deleted ("…não autorizei, apaguem").
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>
    /// The vague name of what we send — a slang noun after a demonstrative ("dessa parada", "esse trem", "desse bagulho", "esse
    /// lance"; since the sixty-seventh blind set "desse spam"), maybe "de vaga" / "de mensagem" after it — closing its clause (an "aí", a trailing "não" or a courtesy aside):
    /// it stands for "isso", so the message is read again with "isso"/"disso"/"nisso" there. "esse trem de horário não serve",
    /// "essa parada de pagar em 60 dias", "chega desse trem de plantão de 24h" name one thing and are left as they are.
    /// Null when the text has no such name.
    /// </summary>
    static string? WithTheThingAsIsso(string text)
    {
        var match = VagueThing().Match(text);
        if (!match.Success) return null;
        var demonstrative = match.Groups["dem"].Value.ToLowerInvariant();
        var isso = demonstrative.StartsWith('d') ? "disso" : demonstrative.StartsWith('n') ? "nisso" : "isso";
        return string.Concat(text.AsSpan(0, match.Index), isso, text.AsSpan(match.Index + match.Length));
    }

    [GeneratedRegex(@"(?<!\p{L})(?<dem>d?ess[ea]s?|d?est[ea]s?|n?ess[ea]s?)\s+(trem|trens|bagulho|bagulhos|parada|paradas|neg[oó]cio|neg[oó]cios|tro[cç]o|tro[cç]os|treco|trecos|lance|esquema|rol[eê]|coisa|coisas|coisarada|babado|papo|spam|spams)(\s+de\s+(vagas?|mensagens?|msgs?|mensagem|plant[aã]o|plant[oõ]es|ofertas?|propagandas?|spam|zap|whats))?(?=\s*(a[ií]|aqui|da[ií]|ae|l[aá])?\s*(n[aã]o|n|ñ)?\s*(\s+(todo|toda)\s+(santo\s+)?(dia|hora|semana))?\s*(pf|pfv|pfvr|por\s+favor|vlw|valeu|obg|obrigad[oa]|tchau)?\s*([,.;:!?…\n]|$|\p{So}|\p{Cs}))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VagueThing();

    /// <summary>
    /// Voice typing splits a verb of leaving at its prefix ("des cadastra meu número", "des inscrever"): the two halves are
    /// joined again on the normalised text. The text as it was when there is none.
    /// </summary>
    static string JoinSplitPrefix(string normalised) =>
        normalised.Contains("des ", StringComparison.Ordinal) ? SplitPrefix().Replace(normalised, "des$1") : normalised;

    [GeneratedRegex(@"\bdes (cadastr|inscrev|inscrit|credenci)", RegexOptions.CultureInvariant)]
    private static partial Regex SplitPrefix();

    /// <summary>
    /// Dictated speech closes a refusal with a second "não" ("não quero mais isso não", "não tenho interesse não") and goes on
    /// with no pause: "…não quero mais isso não tira meu número daí" is the refusal, then "tira meu número". The "não" right
    /// before a verb of removing negates it only when the words it closes are not already a refusal of their own: the
    /// nearest "não" up to six words before opens them, and they are read alone. Null when they are no stop.
    /// </summary>
    static string? RefusalClosedByNao(string[] words, ulong clauseEnds, HashSet<string>? names)
    {
        for (var j = 2; j + 1 < words.Length; j++)
        {
            if (words[j] != "nao" || !RemovalHeads.Contains(words[j + 1] == "me" && j + 2 < words.Length ? words[j + 2] : words[j + 1])) continue;
            for (var s = j - 2; s >= Math.Max(0, j - 6); s--)
            {
                if (s < 64 && ((clauseEnds >> s) & ((1UL << (j - s)) - 1)) != 0) break;
                if (words[s] != "nao") continue;
                return IntentVocabulary.Instance.OptOutFamily(words[s..(j + 1)], null, 0, names: names);
            }
        }
        return null;
    }

    static readonly HashSet<string> RemovalHeads =
        ["tira", "tire", "tirem", "retira", "retire", "remove", "remova", "removam", "exclui", "exclua", "excluam", "apaga", "apague", "apaguem",
         "deleta", "delete", "deletem", "descadastra", "descadastre"];

    /// <summary>
    /// "tira aí pf", "tira daí", "me tira daqui" — the verb of taking out with the place it points at ("aí", "daí", "daqui": the
    /// list he is on) and nothing else but courtesies. The bare "tira" stays none (it may be the offered shift), and so does the
    /// verb with an object ("tira aí o plantão de quarta").
    /// </summary>
    static bool TakeMeOutOfThere(string[] words) =>
        words.Length >= 2 && words[0] is "tira" or "tire" or "tirem" or "retira" or "retire" && words[1] is "ai" or "dai" or "daqui" or "ae"
        && IntentVocabulary.Instance.WithoutCourtesies(words[2..]).Length == 0;

    /// <summary>
    /// "finaliza meu cadastro aí, não quero mais", "encerra minha conta. chega" — the registration closed (a verb that alone may
    /// also mean completing it) and a last sentence that is a stop of its own: together, the registration closed for good.
    /// "finaliza meu cadastro aí pra eu poder pegar plantão" has no such sentence.
    /// </summary>
    static bool RegistrationClosedWithAStop(string normalised, string[]? lastSentence, HashSet<string>? names) =>
        lastSentence is not null && RegistrationClosed().IsMatch(normalised) && IntentVocabulary.Instance.OptOutFamily(lastSentence, null, 0, names: names) is not null;

    [GeneratedRegex(@"\b(finaliza|finalize|finalizem|finalizar|encerra|encerre|encerrem|encerrar|fecha|feche|fechem|fechar|inativa|inative|inativar|desativa|desative|desativar) (o |meu |o meu |minha |a minha )?(cadastro|conta|perfil|registro)\b", RegexOptions.CultureInvariant)]
    private static partial Regex RegistrationClosed();

    /// <summary>
    /// "vcs são chatos demais, me tirem dessa", "julia, chega de mensagem… me tira dessa" — the idiom "me tira dessa" (get me out
    /// of this) closing a message about us or our messages, with no shift in it: "this" is the contact. After "esse plantão é
    /// furada, me tira dessa" it is the shift, and the final-command rule's caution about a demonstrative stands.
    /// </summary>
    static bool OutOfThisAfterUs(string normalised, string[]? lastSentence)
    {
        if (lastSentence is null) return false;
        var core = IntentVocabulary.Instance.WithoutCourtesies(lastSentence);
        return core is ["me", "tira" or "tire" or "tirem" or "tirar", "dessa" or "desta"] or ["tira" or "tirem", "eu", "dessa" or "desta"]
               && AboutUs().IsMatch(normalised) && !AboutAShift().IsMatch(normalised);
    }

    [GeneratedRegex(@"\b(voces|voce|julia|empresa|agencia|mensagem|mensagens|spam|insistencia)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AboutUs();

    [GeneratedRegex(@"\b(plantao|plantoes|vaga|vagas|escala|escalas|turno|turnos|hospital|clinica|reserva|sobreaviso|valor)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AboutAShift();

    /// <summary>
    /// "oi tudo bem eu tô dirigindo agora mas queria pedir pra vocês pararem de me mandar mensagem…" — what he is doing right now
    /// (driving, operating, on a shift) told before a "mas" is why he writes briefly, not the stop's term: the words after the
    /// "mas" are read alone. "para de mandar que eu tô dirigindo" (the moment as the reason, no "mas") stays a pause.
    /// </summary>
    static string? StopAfterTheMoment(string normalised, HashSet<string>? names)
    {
        if (!normalised.Contains(" mas ", StringComparison.Ordinal)) return null;
        var moment = BusyRightNow().Match(normalised);
        if (!moment.Success) return null;
        var but = normalised.IndexOf(" mas ", moment.Index + moment.Length, StringComparison.Ordinal);
        if (but < 0) return null;
        var tail = IntentVocabulary.Instance.WithoutCourtesies(normalised[(but + 5)..].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        // "tô ocupado no momento, mas não para de mandar" — a "não" opening the words after the "mas" begs to go on or refuses
        // something else; read alone it could look like the complaint "(vocês) não param".
        return tail.Length == 0 || tail[0] is "nao" or "nunca" or "nem" ? null : IntentVocabulary.Instance.OptOutFamily(tail, null, 0, names: names);
    }

    [GeneratedRegex(@"\b(estou|to|tou|ando) (dirigindo|no transito|em cirurgia|operando|no centro cirurgico|atendendo|no plantao|de plantao|na correria|ocupad[oa]|no consultorio)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BusyRightNow();

    /// <summary>
    /// Someone the doctor works for ordering the stop through him — "meu chefe pediu pra vcs pararem", "a coordenação mandou
    /// que parem de me mandar vaga", "o hospital exige que vocês me tirem da lista": the order is given to us about the number
    /// he writes from, so it is read as his own command. Not when what is asked points at someone else ("…mandar pra ele").
    /// Null when the message has no such order or it is no stop.
    /// </summary>
    static string? EmployersOrder(string normalised, HashSet<string>? names)
    {
        var order = EmployerOrders().Match(normalised);
        if (!order.Success) return null;
        var rest = normalised[(order.Index + order.Length)..];
        if (SomeoneElse().IsMatch(rest)) return null;
        var command = order.Groups["verb"].Value switch
        {
            "pararem" or "parem" or "parar" => "parem",
            "tirarem" or "tirem" or "tirar" => "me tirem",
            "removerem" or "removam" or "remover" => "me removam",
            "excluirem" or "excluam" or "excluir" => "me excluam",
            _ => "nao me mandem",
        };
        var words = (command + rest).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return IntentVocabulary.Instance.OptOutFamily(words, null, 0, names: names);
    }

    [GeneratedRegex(@"\b(meu|minha|o|a|nosso|nossa) (chefe|chefia|coordenador|coordenadora|coordenacao|diretor|diretora|diretoria|gestor|gestora|gerente|supervisor|supervisora|patrao|patroa|empregador|empregadora|rh|clinica|hospital|instituicao)( \w+){0,4}? (pediu|pede|pediram|mandou|manda|quer|exigiu|exige|determinou|solicitou|orientou) (para|que) (voces |voce )?(?<verb>pararem|parem|parar|tirarem|tirem|removerem|removam|excluirem|excluam|nao mandarem|nao mandem|nao enviarem|nao enviem)\b(?! (a|o|as|os) )", RegexOptions.CultureInvariant)]
    private static partial Regex EmployerOrders();

    [GeneratedRegex(@"\b(ele|ela|eles|elas|dele|dela|deles|delas|colega|colegas|paciente|pacientes)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SomeoneElse();

    /// <summary>
    /// "já bloqueei vcs no outro número", "bloqueei vocês lá no meu pessoal" — us blocked, wherever: he wants none of it here
    /// either (a block told as a slip is still none: <see cref="BlockedElsewhere"/>).
    /// </summary>
    [GeneratedRegex(@"\b(ja )?(bloqueei|bloquiei|bloquei) (voces|voce|o numero de voces|o numero da empresa|essa empresa de voces)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BlockedUs();

    /// <summary>
    /// The next message threatened: "mais uma mensagem e eu denuncio", "mais uma vez e bloqueio" — a report or a block if the
    /// sending goes on even once (the report to an authority, "…e vou no procon", stays the legal step: no stop).
    /// </summary>
    [GeneratedRegex(@"\bmais uma( mensagem| msg| vez| dessas| dessa| so)? e (eu )?(ja )?(vou )?(denuncio|bloqueio|denunciar|bloquear|reporto|reportar|te bloqueio|te denuncio)\b(?! (no|na|ao|a|para o|para a) (procon|justica|policia|ministerio|anpd|conselho|crm|cfm))", RegexOptions.CultureInvariant)]
    private static partial Regex NextMessageThreatened();

    /// <summary>
    /// A bare verb of deleting closing a message that questions where his number or data came from or says he never allowed
    /// it ("de onde vcs tiraram meu número? não autorizei, apaguem"): the object left out is that number. "mandei a foto
    /// errada, apaga" questions nothing and stays no stop.
    /// </summary>
    static bool DeletesTheDataQuestioned(string[]? lastSentence, string normalised)
    {
        if (lastSentence is null) return false;
        var core = IntentVocabulary.Instance.WithoutCourtesies(lastSentence);
        return core is [var verb] && BareDeletions.Contains(verb) && HisDataQuestioned().IsMatch(normalised);
    }

    static readonly HashSet<string> BareDeletions =
        ["apaga", "apague", "apaguem", "exclui", "exclua", "excluam", "deleta", "delete", "deletem", "remove", "remova", "removam", "tira", "tirem", "retirem"];

    [GeneratedRegex(@"\b(meu numero|meu contato|meus dados|meu telefone|meu celular|meu whatsapp|meu zap|minhas informacoes)\b(?! (antigo|fixo|comercial|novo|errado))" +
        @".*\b(nao autorizei|nao autorizo|sem (minha )?autorizacao|sem (meu )?consentimento|nao dei (autorizacao|consentimento|permissao)|lgpd)\b" +
        @"|\b(nao autorizei|nao autorizo|sem (minha )?autorizacao|sem (meu )?consentimento|nao dei (autorizacao|consentimento|permissao)|lgpd)\b.*\b(meu numero|meu contato|meus dados|meu telefone|meu celular)\b", RegexOptions.CultureInvariant)]
    private static partial Regex HisDataQuestioned();

    /// <summary>
    /// Somebody else's words quoted after a verb of saying in the third person ("o cara do lado falou \"para de me mandar
    /// mensagem\" pro ex dele", "minha mulher vive dizendo \"me tira dessa\"") are not the doctor's own: the quotation is read as
    /// nothing. His own told again ("eu disse \"parem\"", "já falei: \"me tira da lista\"") still count.
    /// </summary>
    [GeneratedRegex(@"(?<=(?<!\b(eu|ja|j[aá]|n[oó]s)\s+)(?<!\p{L})(falou|gritou|escreveu|respondeu|postou|comentou|brincou|disse|dizia|dizendo|falando|mandou|perguntou|fala|falam|diz|dizem|escreve|escrevem|responde|respondem)\s*:?\s*)[""“][^""”]{1,80}[""”]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OthersQuote();

    /// <summary>
    /// A stop said laughing, then the shift asked for in the same message ("😂 para com isso kkk, me manda o plantão", "para de
    /// me mandar isso rs, manda a vaga de sábado aí"): teasing, as the praise of the offers is (<see cref="StopInJest"/>).
    /// </summary>
    [GeneratedRegex(@"\b(me )?(manda|mande|mandem|passa|passe|envia|envie|mostra) (ai |logo )?(o|a|os|as|esse|essa|mais|logo|outro|outra)? ?(plantao|plantoes|vaga|vagas|oferta|ofertas|valor|escala)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ShiftAskedFor();

    /// <summary>
    /// InTurn: the next line takes or asks for another offer ("desencana" then "eu pego o outro", "para" then "tem outro?") —
    /// the line before refused the one offered, not the contact.
    /// </summary>
    [GeneratedRegex(@"^((eu|entao|ai|ah|ok|blz) )*(pego|pegar|vou pegar|fico com|quero|prefiro|aceito|faco|vou fazer|tem|teria|manda|me manda) (o |a )?(outr[oa]s?|proxim[oa]|seguinte|algum[a]?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TakesAnotherOffer();

    /// <summary>Laughter in normalised text ("kkk", "rs", "haha") or a laughing emoji in the raw one.</summary>
    static bool Laughs(string text, string normalised) =>
        text.Contains("😂", StringComparison.Ordinal) || text.Contains("🤣", StringComparison.Ordinal) || Laughter().IsMatch(normalised);
}
