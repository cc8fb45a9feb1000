using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-ninth blind set (docs/detection-history.md#opt-out): a stop that is not his own, permanent one — a pause told by his
/// return ("pode parar de mandar, vou viajar 2 meses e depois volto", "me tira da lista só esse mês": a temporary pause is
/// not an opt-out, docs/decisions.md#opt-out), unless the same message ends his work for good ("vou parar de fazer plantão,
/// pode me tirar da lista", "…e depois não volto mais"); and someone else taken off ("tira o dr Carlos da lista, ele não
/// trabalha mais aqui", "remove o número da minha secretária", "apaga o número da dra Lúcia que te passei"). Read after a
/// match. Also the stop after his data questioned with the deletion that closes it ("vcs ainda têm meu número? apaga por
/// favor", "quem passou meu número pra vcs? e por favor apaguem ele") and a sign of prohibition beside the messages ("🚫
/// msg"), read only when nothing else matched.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>Whether the stop found in <paramref name="normalised"/> is a pause until he returns or someone else's removal.</summary>
    static bool PausedOrSomeoneElses(string normalised) =>
        (PauseUntilHeReturns().IsMatch(normalised) && !ForGood().IsMatch(normalised))
        || (normalised.Contains(" o ", StringComparison.Ordinal) || normalised.Contains(" a ", StringComparison.Ordinal)) && SomeoneElseRemoved().IsMatch(normalised);

    /// <summary>"quem passou / vcs ainda têm / de onde pegaram meu número? … apaga (ele)": the stop the deletion asks (raw text in).</summary>
    static string? DataAskedThenDeleted(string text)
    {
        if (!text.Contains("meu", StringComparison.OrdinalIgnoreCase)) return null;
        var normalised = PtBrText.Normalise(text);
        return DataAsked().IsMatch(normalised) ? "remocao" : null;
    }

    /// <summary>
    /// A time away he comes back from (normalised): "depois (eu) volto", "quando/até eu voltar", "viajar/fora/afastado/de
    /// férias/de licença (por) 2 meses", "só esse mês", "só essa semana" — but not the month or week that counts what we sent
    /// ("é a quinta msg só esse mês, para", "já pedi 3 vezes só essa semana", "só esse mês foram 8 mensagens": a stop).
    /// </summary>
    [GeneratedRegex(@"\b(?:depois (?:eu )?volto|quando (?:eu )?voltar|ate (?:eu )?voltar|(?:viajar|viajando|viagem|fora|afastado|afastada|ferias|licenca) (?:por |durante |uns |umas )?(?:\d{1,2}|um|uma|dois|duas|tres|quatro|cinco|seis|alguns|algumas) (?:dias|semanas|meses)|(?:so |apenas )?(?:por|durante) (?:uns |umas |alguns |algumas )?(?:\d{1,2}|um|uma|dois|duas|tres|quatro|cinco|seis) (?:dias|semanas|meses)\b(?! (?:seguid\w*|direto|que|sem parar))|ate la\b|(?<!\b(?:msgs?|mensage(?:m|ns)|vez|vezes|ligac\w*|contatos?|envios?|disparos?|\d+)\b(?: \w+){0,3} )so (?:n)?(?:esse|este|essa|esta) (?:mes|semana)\b(?! (?:ja )?(?:foram|foi|recebi|mandaram|mandou|chegaram|sao|tive|deram|deu|\d)))\b", RegexOptions.CultureInvariant)]
    private static partial Regex PauseUntilHeReturns();

    /// <summary>An end for good in the same message (normalised): "não volto mais", "de vez", "me aposentei", "vou parar de fazer plantão".</summary>
    [GeneratedRegex(@"\b(?:nao volto|nao vou voltar|nunca mais|de vez|para sempre|definitiv\w*|aposent\w*|larguei|parar de fazer|parei de fazer|nao (?:vou )?(?:fazer|faco|pegar|pego) mais|nao quero mais (?:fazer|pegar|receber))\b", RegexOptions.CultureInvariant)]
    private static partial Regex ForGood();

    /// <summary>
    /// Someone else removed (normalised): the number, contact or name of a person of his ("o número da minha secretária", "o
    /// nome do residente"); the number of a named doctor he had passed on ("o número da dra Lúcia que te passei"); a named
    /// doctor who no longer works there ("o dr Carlos …, ele não trabalha mais aqui").
    /// </summary>
    [GeneratedRegex(@"\b(?:tira|tire|tirem|remove|remova|removam|apaga|apague|apaguem|exclui|exclua|excluam|deleta|delete|deletem|retira|retire|retirem) (?:o|a) " +
        @"(?:(?:numero|contato|telefone|nome|cadastro|whatsapp) (?:do|da) (?:meu |minha )?(?:secretaria|secretario|colega|socio|socia|residente|assistente|enfermeira|enfermeiro|funcionario|funcionaria|estagiario|estagiaria|recepcionista)\b" +
        @"|(?:numero|contato|telefone) (?:do|da) (?:dr|dra|doutor|doutora) \w+\b.* que (?:eu )?(?:te |lhe |vos )?(?:passei|mandei|enviei|indiquei)\b" +
        @"|(?:dr|dra|doutor|doutora|residente|colega) \w+\b.* (?:ele|ela) (?:nao (?:trabalha|esta|atende|faz parte) mais|saiu|foi embora|se desligou|nao vai)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex SomeoneElseRemoved();

    /// <summary>His number questioned ("quem (te) passou", "de onde pegaram", "vcs ainda têm") and a deletion closing the message (normalised).</summary>
    [GeneratedRegex(@"\b(?:quem (?:te |lhe |vos |lhes )?(?:passou|deu|forneceu)|onde (?:voces |voce )?(?:pegaram|conseguiram|arrumaram|tiraram|acharam)|como (?:voces |voce )?(?:conseguiram|pegaram|acharam)|ainda (?:tem|tiver|guardam|estao com|esta com)) (?:o )?meu (?:numero|contato|telefone|celular|whatsapp)\b" +
        @".* (?:apaga|apague|apaguem|exclui|exclua|excluam|deleta|delete|deletem|remove|remova|removam|tira|tirem|retirem)(?: (?:ele|isso|esse numero|o numero|ai|dai|agora|por favor|favor|obrigado|obrigada))*$", RegexOptions.CultureInvariant)]
    private static partial Regex DataAsked();

    /// <summary>Only signs of prohibition around "msg(s)", "mensagem/ns", "spam", "envios" (raw text).</summary>
    [GeneratedRegex(@"^\s*(?:(?:🚫|⛔|❌|📵)\s*)+(?:mais\s+)?(?:msgs?|mensage(?:m|ns)|spam|envios?)\s*(?:(?:🚫|⛔|❌|📵)\s*)*[.!]*\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SignBesideMessages();

    /// <summary>
    /// "🚫 msg", "⛔ mensagens ⛔": a sign of prohibition beside only the word for what we send — the sign is dropped by
    /// normalisation and the word alone is no stop (a lone "🛑" or "🚫" stays none; docs/decisions.md#opt-out). Raw text in.
    /// </summary>
    static string? ProhibitedSending(string text) =>
        text.Length <= 40 && (text.Contains("🚫", StringComparison.Ordinal) || text.Contains('⛔') || text.Contains('❌') || text.Contains("📵", StringComparison.Ordinal)) && SignBesideMessages().IsMatch(text) ? "comando" : null;
}
