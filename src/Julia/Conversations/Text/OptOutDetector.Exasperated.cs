using System.Text;
using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-first blind set (docs/detection-history.md#opt-out): a refusal closing a complaint of our messages ("3 msgs de vcs só
/// essa semana, chega, não quero mais", "duas mensagens por dia não dá, não quero mais": "não quero mais" alone closes the
/// complaint, as a bare "chega" did), only signs of prohibition around the no-phone sign ("🚫📵"; a lone "📵" or "🛑" stays
/// none), and, against false stops, another sender asked to stop ("pedi pra outra empresa parar de me mandar msg") and a
/// teasing "para com isso" at a price ("para com isso, 800 reais num plantão de 12h?"), and his fixed roster left ("quero
/// sair do fixo"). The refusal and the signs are read only when the families found nothing; the others before (another
/// sender, the roster) or after (the price) a match.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says in one of these ways ("comando"), or null. Raw text in.</summary>
    static string? Exasperated(string text)
    {
        // "…, chega, não quero mais", "…, não quero mais" closing a complaint of the messages, their number or repetition.
        if (text.Contains("quero", StringComparison.OrdinalIgnoreCase) && RefusalClosing().Match(text) is { Success: true } refusal && refusal.Index > 0
            && PtBrText.Normalise(text[..refusal.Index]) is { Length: > 0 } complaint
            && ComplaintOfTheMessages().IsMatch(complaint) && !ComplaintOfSomethingElse().IsMatch(complaint) && !OneOfferNamed().IsMatch(complaint))
            return "comando";
        return NoPhoneProhibited(text) ? "comando" : null;
    }

    /// <summary>
    /// "🚫📵", "📵⛔": the message only signs, the no-phone sign among them beside a sign of prohibition — the picture of "no
    /// messages", as "🚫 msg" is. A lone "📵" (no signal, phone off in theatre) or a lone "🛑" stays none.
    /// </summary>
    static bool NoPhoneProhibited(string text)
    {
        if (text.Length > 24 || !text.Contains("📵", StringComparison.Ordinal)) return false;
        // Sixty-third blind set: a bare "para" beside the signs adds nothing, either way ("🚫📵 para" is "🚫📵"; "🛑 para" is "🛑"):
        // docs/decisions.md#opt-out, signs alone.
        text = BareParaWord().Replace(text, " ");
        var prohibition = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsWhiteSpace(rune) || rune.Value is 0xFE0F or '!' or '.') continue;
            if (rune.Value is 0x1F6AB or 0x26D4 or 0x274C or 0x1F6D1) { prohibition = true; continue; } // 🚫 ⛔ ❌ 🛑
            if (rune.Value != 0x1F4F5) return false; // 📵
        }
        return prohibition;
    }

    [GeneratedRegex(@"(?<!\p{L})p+a+r+a+(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BareParaWord();

    /// <summary>
    /// "pedi pra outra empresa parar de me mandar msg", "falei pro hospital parar de me ligar": another sender asked to stop,
    /// told — read as nothing; and "quero sair do fixo" read as "da escala fixa" (<see cref="WithTheFixedRosterNamed"/>). What
    /// else the message says decides (raw text in and out).
    /// </summary>
    static string WithoutOthersAskedToStop(string text)
    {
        text = WithTheFixedRosterNamed(text);
        return text.Contains("outr", StringComparison.OrdinalIgnoreCase) || text.Contains("hospital", StringComparison.OrdinalIgnoreCase)
               || text.Contains("operadora", StringComparison.OrdinalIgnoreCase) || text.Contains("banco", StringComparison.OrdinalIgnoreCase)
            ? OthersAskedToStop().Replace(text, " ") : text;
    }

    /// <summary>
    /// "quero sair do fixo": "o fixo" after leaving is his fixed roster, read as "da escala fixa" (one roster left, not the
    /// contact); "já trabalho fixo", "tenho plantão fixo" (no article) are untouched (raw text).
    /// </summary>
    static string WithTheFixedRosterNamed(string text) =>
        text.Contains("fix", StringComparison.OrdinalIgnoreCase) ? LeavingTheFixed().Replace(text, "da escala fixa") : text;

    /// <summary>"sair/saio/sai do fixo", "da fixa" (raw text): the article and "fixo" after a form of "sair".</summary>
    [GeneratedRegex(@"(?<=(?<!\p{L})sa(?:ir|io|i|ia|iria)\s+)d[oa]\s+fix[oa]s?(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LeavingTheFixed();

    /// <summary>"para com isso, 800 reais num plantão de 12h?": the teasing stop at a price, nothing of the sending (raw text).</summary>
    static bool AtThePrice(string text) =>
        text.Length <= 120 && TeasingAtAPrice().IsMatch(text) && !SendingWord().IsMatch(text);

    /// <summary>A refusal ("(e) não quero/aguento mais"), maybe after a bare "chega"/"para", as the last clause after a mark (raw text).</summary>
    [GeneratedRegex(@"[,.;!?…]\s*(?:(?:j[aá]\s+)?(?:chega|basta|para|pare|parem)\s*[,.;!…]*\s*)?(?:e\s+)?(?:n[aã]o|n|ñ|naum)\s+(?:quero|aguento)\s+mais(?:\s+(?:nada|isso|n[aã]o|nenhuma))?(?:\s*,?\s*(?:por\s+favor|pf|pfv|obrigad[oa]|ok|viu|t[aá]|n[eé]))?\s*[!.…]*\s*(?:\p{So}|\p{Cs}|\uFE0F)*\s*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex RefusalClosing();

    /// <summary>One offer named in the complaint ("essa vaga de novo?"): the refusal may be of it (normalised).</summary>
    [GeneratedRegex(@"\b(essa|esta|aquela|esse|este|aquele) (vaga|oferta|proposta|plantao|hospital)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OneOfferNamed();

    /// <summary>"pedi pra outra empresa parar…", "falei pro hospital parar…" up to the end of the sentence (raw text).</summary>
    [GeneratedRegex(@"(?<!\p{L})(?:pedi|pedimos|mandei|falei)\s+(?:pra|pro|para|a|ao|à|que)\s+(?:(?:[oa]|essa|esse|aquela|aquele|uma|um)\s+)?(?:outr[oa]s?\s+\p{L}+(?:\s+de\s+\p{L}+)?|(?:hospital|operadora|banco|concorrente|concorr[eê]ncia))\s+(?:me\s+)?(?:parar(?:em)?|parasse(?:m)?|tirar(?:em)?|remover(?:em)?|tirasse(?:m)?)(?!\p{L})[^.!?\n]*",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OthersAskedToStop();

    /// <summary>"para/pare com isso", then a price in the message (raw text).</summary>
    [GeneratedRegex(@"^\s*(?:para|pare|parem)\s+com\s+isso(?!\p{L}).*?(?:r\$\s*\d|(?<!\p{L})\d[\d.,]*\s*(?:reais|conto|contos|pila|mil|k)(?!\p{L}))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex TeasingAtAPrice();

    /// <summary>A word of the sending or the list (raw text).</summary>
    [GeneratedRegex(@"(?<!\p{L})(?:mensage\p{L}*|msgs?|mand\p{L}*|envi\p{L}*|lista|spam)(?!\p{L})", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex SendingWord();
}
