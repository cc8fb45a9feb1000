using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-third blind set (docs/detection-history.md#opt-out): stops the word families miss — an ultimatum, asked or not ("vc vai parar ou
/// vou ter que bloquear?", "ou para ou eu denuncio": the question is the threat, not a doubt), "basta ya de mensajes", "não me
/// add mais em nada", "tô fora dessa lista", and the number told it must not receive any more ("esse número não deve mais
/// receber mensagens", as a relative writes after a death). Read only when the word families found nothing; on normalised text.
/// </summary>
internal static partial class OptOutDetector
{
    static string? Ultimatum(string normalised) =>
        normalised.Contains(" ou ", StringComparison.Ordinal) && StopOrIReport().IsMatch(normalised) ? "bloquear"
        : normalised.Contains("basta", StringComparison.Ordinal) && EnoughInSpanish().IsMatch(normalised) ? "comando"
        : normalised.Contains("mais em", StringComparison.Ordinal) && DontAddMeAnymore().IsMatch(normalised) ? "mandar_nao"
        : normalised.Contains("fora", StringComparison.Ordinal) && OutOfThisList().IsMatch(normalised) ? "remocao"
        : normalised.Contains("receber", StringComparison.Ordinal) && NumberMustNotReceive().IsMatch(normalised) ? "nao_quero_receber"
        // Sixty-eighth blind set: "só não bloqueio se me tirarem da lista agora" — the block spared only on the removal.
        : normalised.Contains("so nao", StringComparison.Ordinal) && SparedOnlyIfRemoved().IsMatch(normalised) ? "bloquear"
        // Sixty-eighth blind set: "acho que não faz mais sentido vocês me mandarem isso" — the sending said to be pointless now.
        : normalised.Contains("sentido", StringComparison.Ordinal) && NoSenseInSending().IsMatch(normalised) ? "desnecessario"
        : null;

    /// <summary>"só não bloqueio/denuncio se (vocês) me tirarem da lista / pararem (de mandar)".</summary>
    [GeneratedRegex(@"\bso nao (?:te |vos |os )?(?:bloqueio|bloqueie|denuncio|denuncie|reporto) (?:voces |vcs |esse numero )?se (?:voces |vcs )?(?:me (?:tirarem|tirar|removerem|remover|excluirem|excluir|descadastrarem|descadastrar)|pararem|parar)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SparedOnlyIfRemoved();

    /// <summary>"não faz (mais) sentido vocês me mandarem isso / continuarem me mandando vagas" (not a question, not "…eu aceitar").</summary>
    [GeneratedRegex(@"\bnao (?:faz|tem) (?:mais )?sentido (?:voces |vcs |voce |vc |a julia |a empresa )?(?:continuar(?:em)? (?:a )?)?(?:me )?(?:mandarem|enviarem|mandar|enviar|mandando|enviando|contatarem|contatar|escreverem|chamarem)(?: (?:isso|essas? \w+|mensagens?|vagas?|ofertas?|plantoes|nada|mais nada))?$", RegexOptions.CultureInvariant)]
    private static partial Regex NoSenseInSending();

    /// <summary>"(vc) vai parar (de me mandar msg) ou (eu) vou ter que bloquear/denunciar", "ou para ou eu denuncio": the stop of
    /// the sending (or bare), then "ou" and a block or a report. "vai parar de pegar plantão ou…" (another verb) is not.</summary>
    [GeneratedRegex(@"(?:\b(?:vai|vao|vais|voces vao|voce vai) parar|^ou (?:voce |voces )?(?:para|pare|parem|param))(?: (?:agora|ja|com isso|de (?:me |nos )?(?:mandar|enviar|escrever|ligar|chamar|encher|perturbar|incomodar)(?: (?:mensagem|mensagens|isso|essas mensagens|nada|essas coisas))?))? ou (?:eu )?(?:(?:vou|vai|vamos|terei|tenho|preciso)(?: ter| precisar)?(?: que| de)? )?(?:bloque\w*|denunci\w*|process\w*|report\w*|dar queixa|ir no procon|procon)\b", RegexOptions.CultureInvariant)]
    private static partial Regex StopOrIReport();

    /// <summary>The Spanish "basta (ya) de mensajes", "ya basta de mensajes" (the messages, not "basta con el contrato").</summary>
    [GeneratedRegex(@"\b(?:ya basta|basta ya|basta ja|basta) (?:ya |ja )?de (?:mensajes|mensaje|mensagens|mensagem|whatsapps|escribirme|molestar|spam)\b", RegexOptions.CultureInvariant)]
    private static partial Regex EnoughInSpanish();

    /// <summary>"não me add/adiciona/coloca/inclui mais em nada / em lista nenhuma / em grupo nenhum".</summary>
    [GeneratedRegex(@"\bnao me (?:add|adiciona|adicione|adicionem|coloca|coloque|coloquem|bota|botem|inclui|inclua|incluam|poe|ponha|ponham) mais em (?:nada|nenhuma lista|nenhum grupo|lista nenhuma|grupo nenhum|listas?|grupos?)$", RegexOptions.CultureInvariant)]
    private static partial Regex DontAddMeAnymore();

    /// <summary>"(tô) fora dessa lista" (his own leaving of ours; "fora da lista de plantonistas do hospital" is not).</summary>
    [GeneratedRegex(@"(?:^|\b(?:estou|to|tou|eu estou|me considere|me considera|me deixa|me deixem|quero ficar) )fora (?:dessa|desta) (?:lista|listinha)$", RegexOptions.CultureInvariant)]
    private static partial Regex OutOfThisList();

    /// <summary>"esse número não deve/precisa/pode mais receber (mensagens)" — not a kind of message ("…receber áudio").</summary>
    [GeneratedRegex(@"\b(?:esse|este|o|meu) (?:numero|whats|whatsapp|celular|telefone|contato|zap) (?:dele |dela )?nao (?:deve|deveria|precisa|pode|vai) mais receber\b(?! (?:audios?|fotos?|videos?|arquivos?|documentos?|pdfs?|links?|lembretes?)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex NumberMustNotReceive();
}
