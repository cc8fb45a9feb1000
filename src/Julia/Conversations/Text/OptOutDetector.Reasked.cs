using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-fifth blind set (docs/detection-history.md#opt-out): a stop closed by "já pedi antes" ("como faço pra não receber
/// mais?? já pedi antes" — "antes" read as a time word after the match made it one shift's), the list named and then said
/// as a pronoun ("mudem a lista, eu não quero estar nela"), and "pedi pra sair" beside the sending that goes on ("por que eu
/// ainda recebo isso? pedi pra sair"; "pedi pra sair" alone is also resigning, so it needs the sending). Read only when
/// every other family found nothing; each is guarded by a plain word test first, so most messages pay three
/// IndexOf calls and no normalisation.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says in one of these ways, or null. Raw text in.</summary>
    static string? Reasked(string text)
    {
        // "…? já pedi antes", "…, já falei isso antes": the repetition names nothing; what it closes decides.
        if (text.Contains("antes", StringComparison.OrdinalIgnoreCase) && AskedBeforeClosing().Match(text) is { Success: true, Index: > 0 } before
            && FamilyOf(text[..before.Index]) is not null)
            return "pedido_anterior";
        // Normalised only when a word of the two forms below is there: most messages reach here (nothing matched).
        if (!text.Contains("nela", StringComparison.OrdinalIgnoreCase) && !text.Contains("sair", StringComparison.OrdinalIgnoreCase)) return null;
        var normalised = PtBrText.Normalise(text);
        // "mudem a lista, eu não quero estar nela": "nela" is the list named before it.
        if (normalised.Contains("nela", StringComparison.Ordinal) && ListThenInIt().IsMatch(normalised)) return "recusa";
        // "por que eu ainda recebo isso? pedi pra sair", "continuo recebendo, pedi pra sair": asked before, the sending goes on.
        if (normalised.Contains("para sair", StringComparison.Ordinal) && AskedToLeaveAndStillSent().IsMatch(normalised)) return "pedido_anterior";
        return null;
    }

    /// <summary>"já pedi antes", "eu já falei isso antes", "já disse antes!!" as the last clause after a mark (raw text).</summary>
    [GeneratedRegex(@"[,.;!?…]\s*(?:e\s+)?(?:eu\s+)?j[aá]\s+(?:pedi|falei|disse|avisei|solicitei|mandei)(?:\s+(?:isso|isto|issu))?\s+antes(?:\s+(?:tamb[eé]m|tb|inclusive))?\s*[!.?…]*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AskedBeforeClosing();

    /// <summary>The list named, then "não quero (mais) estar / ficar / continuar / permanecer nela" (normalised).</summary>
    [GeneratedRegex(@"\blistas?\b.*\bnao (?:quero|desejo) (?:mais )?(?:estar|ficar|continuar|permanecer) nela\b", RegexOptions.CultureInvariant)]
    private static partial Regex ListThenInIt();

    /// <summary>The sending that goes on and "(eu) pedi para sair" in either order (normalised).</summary>
    [GeneratedRegex(@"\b(?:ainda (?:recebo|estou recebendo|to recebendo)|continuo recebendo|continuam (?:mandando|enviando|me mandando))\b.*\bpedi para sair\b|\bpedi para sair\b.*\b(?:ainda (?:recebo|estou recebendo)|continuo recebendo|continuam (?:mandando|enviando|me mandando))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex AskedToLeaveAndStillSent();

    /// <summary>"a mesma vaga (duas vezes)", "as mesmas mensagens": the repeats named as what is sent (normalised).</summary>
    static bool SameOfferAgain(string normalised) =>
        normalised.Contains("mesm", StringComparison.Ordinal) && SameOfferNamed().IsMatch(normalised);

    /// <summary>The app and its notifications in one message (normalised): a setting of the app, not the contact.</summary>
    static bool TheAppsNotifications(string normalised) =>
        normalised.Contains("notificac", StringComparison.Ordinal) && AppNamed().IsMatch(normalised);

    [GeneratedRegex(@"\b(?:a mesma|as mesmas|o mesmo|os mesmos) (?:vaga|vagas|plantao|plantoes|mensagem|mensagens|oferta|ofertas)\b", RegexOptions.CultureInvariant)]
    private static partial Regex SameOfferNamed();

    [GeneratedRegex(@"\b(?:app|aplicativo)\b.*\bnotificac(?:ao|oes)\b|\bnotificac(?:ao|oes)\b.*\b(?:app|aplicativo)\b", RegexOptions.CultureInvariant)]
    private static partial Regex AppNamed();
}
