using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Sixty-seventh blind set (docs/detection-history.md#opt-out): what surrounds a stop without changing it — dictation fillers
/// between commas ("eu queria pedir pra vocês né, é, pararem de me mandar…"), the voice message's own preface ("tô mandando
/// esse áudio pra dizer que não quero mais receber…"), an aside asked after the stop ("… podem me descadastrar. Aliás,
/// vocês atendem só SP?", "Por favor me retirem. E, só por curiosidade, vocês são de qual cidade?"), and a complaint of our
/// messages told in sentences before a stop that closes the message ("estou recebendo mensagens de vocês e não solicitei.
/// Peço que parem imediatamente.", "…três por dia. Eu trabalho em UTI… Não quero mais. Remove."). Each is left out and the
/// rest read again. Read only when every other family found nothing.
/// </summary>
internal static partial class OptOutDetector
{
    /// <summary>The stop the message says once its asides are left out, or null. Raw text in.</summary>
    static string? AsideOfAStop(string text)
    {
        // Each form is looked for only when one of its words is there (one vectorised scan each): most messages reach here.
        var span = text.AsSpan();
        if (HasFillerBeforeAComma(span) && DictationFiller().IsMatch(text) && FamilyOf(DictationFiller().Replace(text, " ")) is { } plain) return plain;
        if (span.ContainsAny(PrefaceWords) && VoicePreface().Match(text) is { Success: true } preface && FamilyOf(text.Remove(preface.Index, preface.Length)) is { } said)
            return said;
        if (span.ContainsAny(AsideWords) && AsideAfter().Match(text) is { Success: true, Index: > 0 } aside && FamilyOf(text[..aside.Index]) is { } before) return before;
        return span.ContainsAny(ComplaintWords) ? StopAfterAComplaint(text) : null;
    }

    static readonly System.Buffers.SearchValues<string> PrefaceWords = System.Buffers.SearchValues.Create(
        ["mandando", "enviando", "gravando", "escrevendo", "deixando"], StringComparison.OrdinalIgnoreCase);

    static readonly System.Buffers.SearchValues<string> AsideWords = System.Buffers.SearchValues.Create(
        ["alias", "aliás", "curiosidade", "pra saber", "para saber", "aproveitando"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Raw-text words one of which <see cref="ComplaintOfTheMessages"/> needs in the sentences before the stop.</summary>
    static readonly System.Buffers.SearchValues<string> ComplaintWords = System.Buffers.SearchValues.Create(
        ["mensag", "msg", "dia", "hora", "semana", "vez", "vezes", "chat", "saco", "aguent", "spam", "pedi", "solicit", "autoriz",
         "cadastr", "inscrev", "demais", "insist", "irrit", "porre", "cansei", "ench", "insuport", "inconvenient", "invasiv",
         "pentelh", "abusad", "noção", "nocao", "conheço", "conheco", "sei quem", "de novo", "avisos", "vagas", "ofertas"],
        StringComparison.OrdinalIgnoreCase);

    static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Fillers = new HashSet<string>(
        ["ne", "né", "e", "é", "ee", "éé", "tipo", "assim", "entao", "então", "ai", "aí", "hum", "humm", "ahn", "ah", "hmm"],
        StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether a word of <see cref="Fillers"/> stands right before a comma (the regex runs only then).</summary>
    static bool HasFillerBeforeAComma(ReadOnlySpan<char> text)
    {
        for (var comma = 0; comma < text.Length; comma++)
        {
            if (text[comma] != ',') continue;
            var end = comma;
            while (end > 0 && text[end - 1] == ' ') end--;
            var start = end;
            while (start > 0 && char.IsLetter(text[start - 1])) start--;
            if (end > start && end - start <= 6 && Fillers.Contains(text[start..end])) return true;
        }
        return false;
    }

    /// <summary>
    /// The last sentence, or the last two, a stop of their own, after sentences that complain of our messages (their number,
    /// their repetition, never asked for). A complaint that names the messages outright counts even beside another matter
    /// ("Eu trabalho em UTI, não posso ficar olhando celular").
    /// </summary>
    static string? StopAfterAComplaint(string text)
    {
        var ends = new List<int>();
        for (var i = 0; i < text.Length; i++)
            if (text[i] is '.' or '!' or '?' or '…' or '\n' && (i + 1 == text.Length || text[i + 1] is ' ' or '\n' or '.' or '!' or '?'))
                ends.Add(i);
        // Sentence starts after each mark run that leaves text behind it.
        var starts = new List<int>();
        foreach (var end in ends)
        {
            var s = end + 1;
            while (s < text.Length && text[s] is ' ' or '\n' or '.' or '!' or '?' or '…') s++;
            if (s < text.Length && (starts.Count == 0 || starts[^1] != s)) starts.Add(s);
        }
        for (var take = 1; take <= 2 && take <= starts.Count; take++)
        {
            var from = starts[^take];
            if (text.Length - from > 80) break;
            var complaint = PtBrText.Normalise(text[..from]);
            if (complaint.Length == 0 || !ComplaintOfTheMessages().IsMatch(complaint)) continue;
            if (ComplaintOfSomethingElse().IsMatch(complaint) && !MessagesNamed().IsMatch(complaint)) continue;
            if (OneOfferNamed().IsMatch(complaint)) continue;
            if (FamilyOf(text[from..]) is { } family) return family;
        }
        return null;
    }

    /// <summary>"né, é," / ", tipo," / " hum," — fillers of dictation each closed by a comma, after a comma, a space or at the start (raw text).</summary>
    [GeneratedRegex(@"(?:^|,|\s)\s*(?:(?:n[eé]|[eé]+|tipo|assim|ent[aã]o|hum+|ahn*|hmm+|a[ií])\s*,\s*)+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex DictationFiller();

    /// <summary>"(eu) tô mandando esse áudio pra dizer que", "estou escrevendo pra avisar que" — the message's own preface (raw text).</summary>
    [GeneratedRegex(@"(?<!\p{L})(?:eu\s+)?(?:t[oôó]|tou|estou|t[aá])\s+(?:te\s+|lhes?\s+)?(?:mandando|enviando|gravando|escrevendo|deixando)(?:\s+(?:esse|este|um|essa|esta|uma)\s+(?:[aá]udio|audio|mensagem|msg|recado|texto))?\s+(?:s[oó]\s+)?(?:pra|para|pro)\s+(?:(?:te|lhes?|vos)\s+)?(?:dizer|falar|avisar|informar|pedir|comunicar)(?:\s+(?:pra|para)\s+(?:voc[eê]s|vcs))?\s+(?:que\s+)?",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VoicePreface();

    /// <summary>
    /// "Aliás, …", "E, só por curiosidade, …", "Por curiosidade: …" opening a sentence after a stop told, to the end (raw text).
    /// Not after a question: "como faço pra parar de receber? so por curiosidade, por enquanto pode mandar" asks how.
    /// </summary>
    [GeneratedRegex(@"[.!…]\s*(?:e\s*,?\s*)?(?:ali[aá]s|(?:s[oó]\s+)?(?:por|de)\s+curiosidade|s[oó]\s+(?:pra|para)\s+saber|aproveitando)\b.*$",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex AsideAfter();

    /// <summary>The messages themselves named in the complaint ("recebendo mensagem de vocês", "msgs de vcs", "vocês mandam") (normalised).</summary>
    [GeneratedRegex(@"\b(recebendo|recebo|recebi|chegando|chega|chegam)( \w+){0,3} (mensagem|mensagens|msg|msgs)\b|\b(mensagem|mensagens|msg|msgs) de voces\b|\bvoces (mandam|mandando|enviam|enviando|me mandam)\b", RegexOptions.CultureInvariant)]
    private static partial Regex MessagesNamed();
}
