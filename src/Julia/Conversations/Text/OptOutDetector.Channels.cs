using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-fifth blind set (docs/detection-history.md#opt-out): stops the word families miss — his channels listed as what is removed
/// ("tira meu email e meu whats da lista", "apaga meu telefone e meu email do cadastro", "…, email telefone tudo"), every
/// channel denied ("não quero receber nem por email nem por whatsapp"), and a stop closing a question of how to leave
/// ("onde clico pra sair? não quero mais"). Read only when the word families found nothing; and words of another sense read
/// as nothing before the families (<see cref="WithoutOtherSenses"/>): "pare, pense e me responda", "o whats tava bloqueado",
/// "a forma de recebimento", "não quero mais nada além disso", "não autorizo vcs a passarem meu plantão".
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says in one of these ways (its family), or null. Raw text in, as <see cref="FamilyOf"/>.</summary>
    static string? ChannelsOrAskedHow(string text)
    {
        // "tira meu email (x@y) e meu whats da lista", "remove meu email e meu telefone de tudo", "tira meu número e o da minha
        // clínica": his channels listed after a verb of removing are read as "meu número".
        if (ChannelsListed().IsMatch(text) && !ChannelsReplaced().IsMatch(text) && FamilyOf(ChannelsListed().Replace(text, "${verb} meu número")) is { } listed) return listed;
        // "meu outro número também, tira os dois": both of his channels removed.
        if (BothRemoved().IsMatch(text) && OtherChannelNamed().IsMatch(text) && !ChannelsReplaced().IsMatch(text)) return "remocao";
        // "excluam todos os meus contatos, email telefone tudo": the channels named again after the stop, read without them.
        if (ChannelsNamedAgain().IsMatch(text) && FamilyOf(ChannelsNamedAgain().Replace(text, "")) is { } named) return named;
        // "não quero receber nem por email nem por whatsapp": every channel denied, read without them.
        if (EveryChannelDenied().IsMatch(text) && FamilyOf(EveryChannelDenied().Replace(text, "")) is { } denied) return denied;
        // "onde clico pra sair? não quero mais", "como bloqueio essas mensagens? não quero mais receber": a question of how to
        // leave, then a stop said on its own — the question is his way out asked, the last sentence the order.
        var asked = text.LastIndexOf('?');
        if (asked > 0 && asked < text.Length - 1 && PtBrText.Normalise(text[..asked]) is var question && LeavingAsked().IsMatch(question)
            && !LeavingSomethingElse().IsMatch(question)
            && text[(asked + 1)..].Trim() is { Length: > 0 } after && FamilyOf(after) is { } order)
            return order;
        return null;
    }

    /// <summary>Words of another sense read as nothing (raw text): the stop words there are not said to us.</summary>
    static string WithoutOtherSenses(string text) =>
        OtherSenses().IsMatch(text) ? OtherSenses().Replace(text, " ") : text;

    const string Channel = @"(?:e-?mail|whats(?:app)?|zap|wpp|n[uú]mero|telefone|celular|contato|fone)";

    /// <summary>A verb of removing, then two or more of his channels joined by "e" or commas (raw text); group "verb".</summary>
    [GeneratedRegex(@"(?<verb>(?<!\p{L})(?:tira|tire|tirem|retira|retire|retirem|remove|remova|removam|apaga|apague|apaguem|exclui|exclua|excluam|deleta|delete|deletem|descadastra|descadastre|descadastrem))\s+(?:tamb[eé]m\s+|tb\s+)?(?:meu|minha|o\s+meu|a\s+minha)\s+" + Channel +
        @"(?:\s+[^\s@]+@[^\s]+)?(?:\s*(?:,|\be\b)\s*(?:o\s+|a\s+)?(?:meu\s+|minha\s+)?(?:" + Channel + @"|d[oa]\s+(?:minha\s+|meu\s+)?(?:cl[ií]nica|consult[oó]rio))(?:\s+[^\s@]+@[^\s]+)?)+(?!\p{L})",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChannelsListed();

    /// <summary>", email telefone tudo", "(whatsapp, email, sms)" closing a message: the channels named again, with no verb (raw text).</summary>
    [GeneratedRegex(@"\s*[,:(-]\s*(?:" + Channel + @"s?|sms|tudo)(?:\s*(?:,|\be\b)?\s*(?:" + Channel + @"s?|sms|liga[cç](?:[aã]o|[oõ]es)|tudo))+\s*\)?\s*[.!]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChannelsNamedAgain();

    /// <summary>"nem por email nem por whatsapp (nem ligação)": two or more channels denied in a row (raw text).</summary>
    [GeneratedRegex(@"(?:[\s,]+nem\s+(?:por|pelo|pela|no|na|via)\s+(?:e-?mail|whats(?:app)?|zap|wpp|sms|liga[cç][aã]o|telefone|celular|mensagem|msg|instagram|linkedin)){2,}(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EveryChannelDenied();

    /// <summary>A question of how or where to leave, stop or block (normalised): "onde clico para sair", "como bloqueio essas
    /// mensagens", "tem como parar", "qual o comando para sair".</summary>
    [GeneratedRegex(@"\b(onde|como|qual|tem como|da para|o que)\b(?: \w+){0,6}? (sair|saio|parar|paro|pararem|bloquear|bloqueio|descadastrar|descadastro|cancelar|remover|tirar)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LeavingAsked();

    /// <summary>What he leaves or cancels is a shift, his schedule, an app or a group, or he leaves early (normalised question):
    /// "onde clico pra cancelar a reserva? não quero mais", "como faço pra sair mais cedo? não quero mais ficar até as 19".</summary>
    [GeneratedRegex(@"\b(reserva|reservas|plantao|vaga|escala|escalas|turno|agenda|app|aplicativo|sistema|site|portal|grupo|hospital|cedo|antes|fila|contrato|pagamento)\b", RegexOptions.CultureInvariant)]
    private static partial Regex LeavingSomethingElse();

    /// <summary>"tira os dois", "remove ambos" (raw text), closing a clause.</summary>
    [GeneratedRegex(@"(?<!\p{L})(?:tira|tire|tirem|retira|retirem|remove|remova|removam|apaga|apague|apaguem|exclui|exclua|excluam|deleta|deletem|descadastra|descadastrem)\s+(?:os\s+dois|ambos|as\s+duas|os\s+2)(?=\s*(?:[,.;!?…]|$|da\s+lista|do\s+cadastro|por\s+favor|pf|pfv|tb|tamb[eé]m))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BothRemoved();

    /// <summary>His other number, chip or e-mail named (raw text): "meu outro número", "o outro whats", "meu email".</summary>
    [GeneratedRegex(@"(?<!\p{L})(?:outr[oa]|segund[oa])\s+(?:n[uú]mero|whats(?:app)?|zap|wpp|celular|telefone|chip|e-?mail|contato)(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherChannelNamed();

    /// <summary>The channels changed, not removed (raw text): "…antigos e coloca esses", "troca pelo novo", "atualiza".</summary>
    [GeneratedRegex(@"(?<!\p{L})(?:antig[oa]s?|velh[oa]s?|errad[oa]s?|nov[oa]s?|coloca|coloque|coloquem|bota|bote|troca|troque|troquem|atualiza|atualize|atualizem|substitu\p{L}*|corrig\p{L}*|contrato|cadastra\s+(?:esse|este|o))(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ChannelsReplaced();

    /// <summary>
    /// "pare(,) pense", "pare e pense" (the saying); his phone or app "tava/estava/ficou bloqueado"; "a forma de
    /// recebimento" (of the pay); "não quero/preciso (de) mais nada além disso" (the conversation closed, not the contact);
    /// "não autorizo vcs a passarem meu plantão" (a permission refused for another act than writing to him); since the
    /// fifty-ninth blind set "me tira do sério" (anger, not a stop; docs/detection-history.md#opt-out).
    /// </summary>
    [GeneratedRegex(@"(?<!\p{L})pare\s*,?\s+(?:e\s+)?pense(?!\p{L})" +
        @"|(?<!\p{L})(?:t[aá]|tava|estava|est[aá]|ficou|esteve|foi)\s+bloquead[oa](?!\p{L})(?=[^.!?\n]*\b(?:por\s+isso|n[aã]o\s+(?:respondi|vi|recebi|consegui)|desculp\w*|agora\s+(?:j[aá]\s+)?(?:voltou|t[aá]|est[aá])))" +
        @"|(?<!\p{L})forma\s+de\s+(?:recebimento|pagamento)(?!\p{L})" +
        @"|(?<!\p{L})tir(?:a|ar|ou|ando|am|aram|ava|e)\s+do\s+s[eé]rio(?!\p{L})" +
        @"|(?<!\p{L})n[aã]o\s+(?:quero|preciso)\s+(?:de\s+)?mais\s+nada\s+al[eé]m\s+(?:disso|desse|dessa|deste|desta)(?!\p{L})" +
        @"|(?<!\p{L})n[aã]o\s+autorizo\s+(?:voc[eê]s?|vcs?|a\s+empresa|ningu[eé]m)\s+a\s+(?!me\s|mandar|enviar|usar|contatar|contactar|ligar|entrar|procurar|escrever|passar\s+(?:meu|o\s+meu)\s+(?:n[uú]mero|contato|telefone))\p{L}+",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OtherSenses();

    /// <summary>
    /// InTurn: the next line takes the shift after all ("cancela" then "vou pegar sim o plantão", "esquece" then "quero sim") —
    /// the line before took back what he had said, not the contact.
    /// </summary>
    [GeneratedRegex(@"^((eu|entao|ah|ok|blz) )*(vou pegar|pego|vou fazer|faco|quero|aceito|fico com|vou)( sim)?( (o|a|esse|essa))? ?(plantao|vaga|sim)\b", RegexOptions.CultureInvariant)]
    private static partial Regex TakesTheOfferAfterAll();
}
