using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Seventieth blind set (docs/detection-history.md#opt-out): a stop in the formal written register the word families miss —
/// his data asked to be removed in the passive, several of them joined ("Solicito que meu nome e telefone sejam excluídos
/// do cadastro", "quero que meu telefone seja removido"), and being included no more ("Peço a gentileza de não mais me
/// incluírem nos envios", "não me incluam nas listas"). Not when the request is negated ("não quero que meu nome seja
/// excluído") or the data is someone else's ("o telefone dele"). Read only when every other family found nothing.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says in one of these ways, or null. Raw text in.</summary>
    static string? Formal(string text)
    {
        if (!text.Contains("sej", StringComparison.OrdinalIgnoreCase) && !text.Contains("inclu", StringComparison.OrdinalIgnoreCase)) return null;
        var normalised = PtBrText.Normalise(text);
        if (DataRemovedAsked().IsMatch(normalised)) return "remocao";
        return IncludedNoMore().IsMatch(normalised) ? "mandar_nao" : null;
    }

    const string HisData = "(?:" + IntentVocabulary.HisDataNouns + ")";

    /// <summary>
    /// A request ("solicito/peço/quero/gostaria (de) que"), not negated, that his data — one or more, joined by "e" or commas —
    /// "seja(m) excluído(s)/removido(s)/apagado(s)…" (normalised).
    /// </summary>
    [GeneratedRegex(@"(?<!\b(?:nao|nunca|nem) )\b(?:solicito|solicitamos|peco|pedimos|quero|queria|gostaria|desejo|exijo|requeiro|requisito|favor|preciso)(?: (?:a gentileza|encarecidamente|formalmente|gentilmente|por gentileza))?(?: de)? que (?:o |a |os |as |todos os |todas as )?(?:meu|minha|meus|minhas) " + HisData +
        @"(?:(?: e|,) (?:o |a |os |as )?(?:meu |minha |meus |minhas )?" + HisData + @")*(?: (?:pessoal|pessoais|de contato|de telefone))? (?:seja|sejam) (?:definitivamente |imediatamente |permanentemente )?(?:excluid|removid|apagad|deletad|retirad|descadastrad|eliminad)(?:o|a|os|as)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex DataRemovedAsked();

    /// <summary>"não (mais) me incluam/incluírem (mais) nos envios / nas listas / em campanhas" (normalised).</summary>
    [GeneratedRegex(@"\b(?:nao|nunca) (?:mais )?me inclu(?:am|irem|ir|a|ao)(?: mais)? (?:em|nos|nas|no|na|nessa|nesta|nesse|neste|nessas|nestas|nesses|nestes|de|dos|das|do|da)(?: \w+)? (?:envios?|listas?|disparos?|mensagens|comunicacoes|comunicados|grupos?|campanhas?|contatos|mailings?|cadastros?|divulgac\w+|ofertas|oportunidades|newsletters?)\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex IncludedNoMore();
}
