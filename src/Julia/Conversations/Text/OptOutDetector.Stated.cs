using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-first blind set (docs/detection-history.md#opt-out): stops the word families miss because of how they are said — an order
/// phrased as a statement or a prediction ("vc n vai mais me mandar msg ok"), a stop with a word of urgency after it ("para
/// de mandar agora", "parem imediatamente": "agora" closing a command is "right now", not "for now"; "por agora" still pauses), his other number or
/// chip added to the stop ("para de mandar aqui e no meu outro número tb"), and a bare "para"/"chega" closing a complaint
/// about the messages ("ngm aguenta mais, para"). Read only when the families found nothing.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says in one of these ways (its family), or null.</summary>
    static string? StatedOrUrged(string text)
    {
        // "para de mandar msg agora", "quero que parem imediatamente", "para já com isso": the urgency word dropped.
        if (Urgency().IsMatch(text) && FamilyOf(Urgency().Replace(text, "${head}")) is { } urged) return urged;
        if (UrgencyAfterTheVerb().IsMatch(text) && FamilyOf(UrgencyAfterTheVerb().Replace(text, "${verb} ")) is { } urgedFirst) return urgedFirst;
        // "…aqui e no meu outro número tb", "…e o do consultório", "…de outro número": the other channel added, read without it.
        if (AlsoTheOtherNumber().IsMatch(text) && FamilyOf(AlsoTheOtherNumber().Replace(text, "")) is { } alsoOther) return alsoOther;
        var normalised = PtBrText.Normalise(text);
        if (normalised.Length == 0) return null;
        // "vc não vai mais me mandar msg ok", "vcs não vão me mandar mais nada, certo?" — told, not asked (a clause closed by
        // "?" asks: "vc n vai mais me mandar msg?").
        if (normalised.Contains(" vai", StringComparison.Ordinal) || normalised.Contains(" va", StringComparison.Ordinal) || normalised.Contains(" ira", StringComparison.Ordinal))
            if (AnyClause(text, c => WontSendAnymore().Match(c) is { Success: true } m && (m.Value.Contains("mais", StringComparison.Ordinal) || m.Value.Contains("nunca", StringComparison.Ordinal)), questionToo: false))
                return "comando";
        // "espero que essa seja a última mensagem que recebo de vcs".
        if (LastMessageWished().IsMatch(normalised)) return "comando";
        // "ngm aguenta mais, para", "todo dia a mesma coisa, chega" — a bare command closing a complaint about the messages.
        if (BareCommandAfterAComplaint().Match(text) is { Success: true } bare && bare.Index > 0
            && PtBrText.Normalise(text[..bare.Index]) is { Length: > 0 } complaint
            && ComplaintOfTheMessages().IsMatch(complaint) && !ComplaintOfSomethingElse().IsMatch(complaint))
            return "comando";
        // "já chega né", "chega né" as the whole message, not asked ("já chega?" asks whether it arrived).
        if (!text.TrimEnd().EndsWith('?') && EnoughAlready().IsMatch(normalised)) return "comando";
        // Fifty-third blind set (OptOutDetector.Ultimatum): "vc vai parar ou vou ter que bloquear?", "ou para ou eu denuncio",
        // "basta ya de mensajes", "não me add mais em nada", "tô fora dessa lista", "esse número não deve mais receber mensagens".
        return Ultimatum(normalised);
    }

    /// <summary>A word of urgency closing a clause that holds a command of stopping or removing (raw text); group "head" is
    /// the clause up to it. "para agora em dezembro" (a time after "agora") is untouched.</summary>
    [GeneratedRegex(@"(?<head>(?<!\p{L})(?:para|pare|parem|parar|tira|tire|tirem|retira|retirem|remove|remova|removam|exclui|exclua|excluam|apaga|apague|apaguem|descadastra|descadastrem|cancela|cancelem)(?!\p{L})[^,.;:!?\n]{0,60}?)\s+(?<!(?<!\p{L})(?:por|at[eé]|desde|de|pra|para)\s+)(?:agora\s+mesmo|agora|j[aá]|imediatamente|hoje\s+mesmo|hj\s+mesmo|de\s+imediato|neste\s+instante|nesse\s+instante|urgente)(?=\s*(?:pf|pfv|pfvr|por\s+favor|pls|please|ok|t[aá]|viu|porra|caramba)?\s*(?:[,.;:!?…\n]|$|\p{So}|\p{Cs}))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Urgency();

    /// <summary>"para já com isso", "parem já de mandar": the urgency word between the verb and its "de"/"com".</summary>
    [GeneratedRegex(@"(?<verb>(?<!\p{L})(?:para|pare|parem))\s+(?:j[aá]|agora|imediatamente|agora\s+mesmo)\s+(?=(?:de|com|d)\s)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex UrgencyAfterTheVerb();

    /// <summary>His other number, chip or e-mail joined to this one by "e"/"nem" ("aqui e no meu outro número tb", "e o do
    /// consultório"), or the sending "de outro número" (raw text). Not "manda no outro" (the contact moved there).</summary>
    [GeneratedRegex(@"\s+(?:aqui\s+|nesse\s+n[uú]mero\s+|neste\s+n[uú]mero\s+)?(?:e|nem)\s+(?:tamb[eé]m\s+)?(?:n[oa]|pr[oa]|para\s+[oa]|d[oa]|[oa]|pelo|pela)\s+(?:meu\s+|minha\s+|do\s+|da\s+)?(?:outr[oa]|segund[oa]|d[oa]\s+consult[oó]rio|d[oa]\s+cl[ií]nica|pessoal|comercial|antig[oa])(?:\s+(?:n[uú]mero|chip|whats|whatsapp|zap|wpp|celular|telefone|e-?mail|linha|contato|consult[oó]rio))?(?:\s+(?:tamb[eé]m|tb|tbm))?(?!\p{L})" +
        @"|(?<=(?<!\p{L})(?:mandar|enviar|mandando|enviando|escrever|ligar)(?:\s+(?:msg|mensagens?|nada))?)\s+de\s+outros?\s+n[uú]meros?(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AlsoTheOtherNumber();

    /// <summary>"(vc) não vai (mais) me mandar (mais) msg/nada (aqui) (ok/tá/entendeu…)" as a whole clause (normalised).</summary>
    [GeneratedRegex(@"^(?:(?:entao|olha|ok|beleza|bom|agora|e|daqui para frente|a partir de hoje|a partir de agora) )*(?:(?:voce|voces|tu|a senhora|o senhor|a empresa|voces ai) )?(?:nao|nunca) (?:vai|vao|vais|ira|irao)(?: mais)? (?:me |nos )?(?:mais )?(?:mandar|enviar|escrever|chamar|ligar|procurar|contatar|contactar|incomodar|perturbar)(?: para mim)?(?: mais)?(?: (?:nenhuma |mais )?(?:mensagem|mensagens|nada|vaga|vagas|oferta|ofertas|isso|propaganda|propagandas)(?: mais| nenhuma)?)?(?: (?:aqui|nesse numero|neste numero|para mim))?(?: (?:a partir de (?:hoje|agora|amanha)|daqui para frente|daqui em diante|de agora em diante|nunca mais))?(?: (?:ok|ta|entendeu|entendido|certo|ne|beleza|combinado|viu|ouviu|por favor|ta bom|ta certo|obrigado|obrigada|valeu|hein))*$", RegexOptions.CultureInvariant)]
    private static partial Regex WontSendAnymore();

    /// <summary>"(espero que) essa seja a última mensagem que recebo (de vcs)" (normalised).</summary>
    [GeneratedRegex(@"\b(essa|esta) (e|seja|sera|vai ser) a ultima (mensagem|msg) que (eu )?(recebo|receba|vou receber|recebi)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LastMessageWished();

    /// <summary>A bare "para"/"chega"/"pare"/"basta" as the last clause, after a mark (raw text); its index is the mark's.</summary>
    [GeneratedRegex(@"(?:[,.;!?…]\s*(?:(?:pelo\s+amor\s+de\s+deus|pelamor(?:\s+de\s+deus)?|por\s+favor)\s+)?|(?<=(?<!\p{L})(?:que\s+saco|amor\s+de\s+deus|pelamor))\s+)(?:para|pare|parem|chega|basta)(?:(?:\s*,\s*|\s+)(?:n[eé]|t[aá]|viu|pf|pfv|por\s+favor|poxa|hein|gente|pelo\s+amor\s+de\s+deus))?\s*[!.…]*\s*(?:\p{So}|\p{Cs})*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareCommandAfterAComplaint();

    /// <summary>The complaint before it is of the messages, their number or their repetition, or plain weariness (normalised).</summary>
    [GeneratedRegex(@"\b(ninguem aguenta|nao aguento|nao aguenta|que saco|saco cheio|chatice|que chato|insuportave(l|is)|irritante|insistente|insistentes|insistencia|que porre|todo dia|toda hora|todo santo dia|toda semana|a mesma coisa|de novo|outra vez|mais uma vez|por dia|por semana|\d+ (mensagens?|msgs?|vezes)|quantas mensagens|mensage(m|ns) demais|(recebi|recebo|mandam|mandaram|mandando|enviam|enviaram) demais|(mandam|mandaram|mandando|enviam|enviando) (mensagem|mensagens)|(duas|tres|quatro|cinco|seis|dez|varias|tantas) (mensagens|mensagem)|muita mensagem|muitas mensagens|spam|encheu|cansei|enchendo|essas mensagens|essa mensagem|esses avisos|essas vagas|essas ofertas" +
        // Sixty-fifth set's leftovers: "que empresa chata, não quero mais", "nao pedi nada, para" — annoyance at us, or the contact
        // never asked for.
        @"|chat[oa]s|(que|empresa|povo|gente|voces sao|vcs sao|isso e|muito|mto) chat[oa]|inconvenientes?|invasiv[oa]s?|pentelh\w*|abusad[oa]s?|sem nocao" +
        @"|(nao|nunca|jamais) (pedi|solicitei|autorizei|me cadastrei|me inscrevi)|nem (conheco|sei quem sao) voces)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ComplaintOfTheMessages();

    /// <summary>The complaint names another matter (the pay, the traffic, his shifts…): the bare word is of that, not of us.</summary>
    [GeneratedRegex(@"\b(pagamento|pagar|pago|paga|transito|valor|valores|hospital|paciente|pacientes|plantao|plantoes|dobra|escala|fila|sistema|app|aplicativo|chefe|governo|calor|chuva|trabalho|cirurgia|filho|filha|esposa|marido|reuniao|internet" +
        // Sixty-fifth set's leftovers: "a coordenadora é muito chata, não quero mais" — a person of the ward, not us.
        @"|coordenador|coordenadora|enfermeira|enfermeiro|enfermagem|colega|colegas|gestor|gestora|diretor|diretora|supervisor|supervisora|equipe)\b", RegexOptions.CultureInvariant)]
    private static partial Regex ComplaintOfSomethingElse();

    [GeneratedRegex(@"^(?:(?:ja|agora|entao|pronto) )?chega(?: (?:ne|ta|viu|hein|poxa|gente|neh))+$|^(?:ja|agora|pronto) chega$" +
        // Fifty-third blind set: a sigh before it ("aff chega"), "já deu" beside it or beside "não quero mais" ("chega, já deu",
        // "já deu, não quero mais").
        @"|^(?:af+s?|afe|putz|pf+|ah+|ai|ui) (?:(?:ja|agora|pronto) )?chega(?: (?:ne|ta|viu|hein|poxa|gente|neh|ja deu))*$" +
        @"|^chega(?: (?:ne|ta|viu|hein|poxa|gente|neh))* ja deu(?: (?:ne|viu|chega|nao quero mais|nao aguento mais))*$|^ja deu(?: (?:ne|viu))* (?:chega|nao quero mais|nao aguento mais)$", RegexOptions.CultureInvariant)]
    private static partial Regex EnoughAlready();
}
