using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-third blind set (docs/detection-history.md#opt-out): words around a stop that say nothing of it — the system or the
/// assistant addressed before it ("sistema, favor remover meu contato"), an adverb of manner ("peço encarecidamente que
/// parem") — and the name he wants to be called by ("não me chama mais de doutor, me chama de Pedro": how, not whether, we
/// write to him) are read as nothing; a bare refusal said again and counted ("pela 3ª vez: não quero") is a stop; a group of
/// others left ("sai do grupo dos residentes") and a message told to be meant for another chat ("…, ops, mensagem errada")
/// are none.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The text without the assistant addressed at its start, adverbs of manner and "chamar de …" (raw text in and out).</summary>
    static string WithoutAddressMannerOrName(string text)
    {
        if (AssistantAddressed().Match(text) is { Success: true } address) text = text[address.Length..];
        if (text.Contains("mente", StringComparison.OrdinalIgnoreCase)) text = MannerAdverb().Replace(text, " ");
        if (text.Contains("cham", StringComparison.OrdinalIgnoreCase)) text = CalledBy().Replace(text, " ");
        return text;
    }

    /// <summary>"pela 3ª vez: não quero", "é a quarta vez que eu digo: não quero mais" — a refusal counted ("pedido_anterior").</summary>
    static string? RefusalCounted(string text)
    {
        if (!text.Contains("vez", StringComparison.OrdinalIgnoreCase)) return null;
        return RefusalSaidAgain().IsMatch(PtBrText.Normalise(text)) ? "pedido_anterior" : null;
    }

    /// <summary>The group left is named as others' ("do grupo dos residentes", "do grupo da família"), not ours.</summary>
    static bool OthersGroupLeft(string normalised) =>
        normalised.Contains("grupo", StringComparison.Ordinal) && OthersGroup().IsMatch(normalised) && !OffersToo().IsMatch(normalised);

    /// <summary>"…, ops, mensagem errada", "…, foi mal, chat errado", "sai do grupo, foi sem querer": the message was not for us.</summary>
    static bool WrongChat(string text)
    {
        var mark = text.IndexOfAny(SentenceEnds);
        return mark > 0 && WrongChatClosing().IsMatch(PtBrText.Normalise(text[mark..]));
    }

    /// <summary>"sistema,", "ô robô:", "assistente virtual," opening the message (raw text).</summary>
    [GeneratedRegex(@"^\s*((oi|ei|ol[aá]|olha|[oô])[\s,]+)?((seu|sua|sr\.?|senhor|senhora|dona)\s+)?(sistema|rob[oô]|robozinho|bot|m[aá]quina|assistente(\s+virtual)?|atendente(\s+virtual)?)\s*[,:!]+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AssistantAddressed();

    [GeneratedRegex(@"(?<!\p{L})(encarecidamente|gentilmente|educadamente|humildemente|respeitosamente|cordialmente|carinhosamente|sinceramente)(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MannerAdverb();

    /// <summary>"me chama mais de doutor", "chamar de Dra." — the name he is called by; not "de novo", "de jeito nenhum", "de forma alguma".</summary>
    [GeneratedRegex(@"(?<!\p{L})(me\s+)?(chama|chame|chamem|chamar|chamando|chamarem)(\s+mais)?\s+de\s+(?!(novo|volta|jeito|forma|maneira|modo|nenhum|nenhuma|madrugada|noite|manh[aã]|tarde|domingo|s[aá]bado|feriado)(?!\p{L}))\p{L}+\.?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CalledBy();

    [GeneratedRegex(@"^((e )?(pela|e a|ja e a|essa e a|esta e a) (\d+a?|segunda|terceira|quarta|quinta|sexta|decima|ultima|enesima|milesima|centesima) vez|(eu )?ja (disse|falei|pedi|respondi) (\d+|duas|tres|quatro|cinco|dez|mil|varias|muitas) vezes)( (que|q))?( eu)?( (digo|falo|repito|peco|disse|falei))?( que)? nao( (quero|quero mais|quero nada|quero mais nada|tenho interesse))?$", RegexOptions.CultureInvariant)]
    private static partial Regex RefusalSaidAgain();

    [GeneratedRegex(@"\bgrupo( (de|do) (whatsapp|whats|zap))? (d[aoe]s?) (residentes?|familia|turma|faculdade|condominio|igreja|escola|colegas|amigos|futebol|pelada|plantonistas|residencia|internato|formatura|pais|bairro|academia|time|sala|ex alunos|congresso|curso)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OthersGroup();

    [GeneratedRegex(@"\b(lista|cadastro|vagas|mensagens|ofertas|voces|vcs|me manda|me mandar|nao quero mais receber)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OffersToo();

    /// <summary>A later clause that only says the message went to the wrong chat or was a slip; never "número errado" (a stop).</summary>
    [GeneratedRegex(@"^((ops|opa|oops|ah|ai|foi mal|desculpa|desculpe|perdao|sorry) )*((a |essa |esta )?(mensagem|msg|conversa|chat) errad[oa]|errei (o |a )?(chat|conversa|grupo|pessoa)|era (para|pro|pra) (outra pessoa|outro contato|outra conversa|outro grupo|minha esposa|meu marido)|(foi )?sem querer|nao era para voce|nao era para voces)( (desculpa|desculpe|foi mal|kkk+|rs+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex WrongChatClosing();

    /// <summary>"para com isso", "ah, pare com isso, Júlia" opening the message: teasing when what follows praises her or us.</summary>
    [GeneratedRegex(@"^((ah|ai|ei|ah julia|ai julia|julia|ahh) )?(para|pare|paraa+) com isso\b", RegexOptions.CultureInvariant)]
    private static partial Regex TeasingStop();
}
