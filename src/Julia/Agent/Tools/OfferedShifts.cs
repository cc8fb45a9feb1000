using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Julia.Shifts;

namespace Julia.Agent.Tools;

/// <summary>
/// Which of the shifts known to a turn (context list and `buscar_vagas` results) Júlia's reply actually offers: those whose
/// hospital it names (docs/decisions.md#agent "Offers"). A hospital is named when the reply has one of its distinctive words
/// — a word of 4+ letters of its name that is neither generic (hospital, santa, geral…) nor part of its city — or, when
/// the name has no such word, the whole name without "hospital". Case and accents are ignored. Recorded per reply as
/// `vagas_oferecidas` (interacoes.llm) for the offer funnel (GET /metricas/funil).
/// </summary>
internal static partial class OfferedShifts
{
    static readonly HashSet<string> Generic = new(StringComparer.Ordinal)
    {
        "hospital", "hosp", "maternidade", "geral", "santa", "santo", "nossa", "senhora", "municipal", "estadual", "regional",
        "federal", "clinicas", "clinica", "pronto", "socorro", "centro", "medico", "medica", "unidade", "saude", "infantil",
        "zona", "norte", "leste", "oeste", "vila", "jardim", "parque", "instituto", "policlinica", "casa", "misericordia",
    };

    public static IReadOnlyList<Guid> In(string reply, IEnumerable<Shift> known)
    {
        var text = Normalize(reply);
        var words = Words(text).ToList();
        var set = words.ToHashSet(StringComparer.Ordinal);
        var padded = " " + string.Join(' ', words) + " ";
        var found = new List<Guid>();
        foreach (var shift in known)
        {
            if (found.Contains(shift.Id)) continue;
            if (Names(shift, set, padded)) found.Add(shift.Id);
        }
        return found;
    }

    static bool Names(Shift shift, HashSet<string> replyWords, string paddedReply)
    {
        var name = Words(Normalize(shift.Hospital)).ToList();
        var city = Words(Normalize(shift.Cidade)).ToHashSet(StringComparer.Ordinal);
        var distinctive = name.Where(w => w.Length >= 4 && !Generic.Contains(w) && !city.Contains(w)).ToList();
        if (distinctive.Count > 0) return distinctive.Any(replyWords.Contains);
        var phrase = string.Join(' ', name.SkipWhile(w => w is "hospital" or "hosp"));
        return phrase.Length > 0 && paddedReply.Contains(" " + phrase + " ", StringComparison.Ordinal);
    }

    static IEnumerable<string> Words(string normalized) => NonWord().Split(normalized).Where(w => w.Length > 0);

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWord();

    static string Normalize(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in Infrastructure.Text.PtBrText.Decomposed(s))
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) sb.Append(char.ToLowerInvariant(c));
        return sb.ToString();
    }
}
