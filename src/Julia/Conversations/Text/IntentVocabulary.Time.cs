namespace Julia.Conversations.Text;

/// <summary>
/// Time in a stop: a pause counted out or waited for ("nos próximos 6 meses", "até 2027") is not an opt-out; a date
/// of a past change ("me aposentei em março") or "a partir de hoje" does not limit one (docs/decisions.md#opt-out).
/// </summary>
internal sealed partial class IntentVocabulary
{
    /// <summary>
    /// Twenty-first blind set: a pause counted out — "nos próximos (6) meses", "por 3 semanas", "durante dois meses" — or a
    /// year waited for ("até 2027", "só em 2027") or a date written in numbers ("até 15/02"), anywhere in the message.
    /// </summary>
    static bool CountedPause(string[] words)
    {
        for (var k = 0; k + 1 < words.Length; k++)
        {
            var w = words[k];
            if (w is "proximos" or "proximas")
            {
                var n = k + 1 < words.Length && IsCount(words[k + 1]) ? k + 2 : k + 1;
                if (n < words.Length && words[n] is "dias" or "semanas" or "meses" or "anos") return true;
            }
            else if (w is "por" or "durante" && IsCount(words[k + 1]) && k + 2 < words.Length && words[k + 2] is "dias" or "semanas" or "meses")
                return true;
            // Twenty-seventh blind set: a date written in numbers ("suspende minhas ofertas até 15/02", "até 20/3").
            else if (w == "ate" && k + 2 < words.Length && IsDay(words[k + 1]) && IsMonth(words[k + 2]))
                return true;
            else if (w is "ate" or "em" && words[k + 1] is { Length: 4 } year && year.StartsWith("20", StringComparison.Ordinal) && char.IsAsciiDigit(year[2]) && char.IsAsciiDigit(year[3])
                     && (w == "ate" || (k > 0 && words[k - 1] is "so" or "somente" or "apenas")))
                return true;
        }
        return false;
    }

    static bool IsDay(string w) => int.TryParse(w, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var d) && w.Length <= 2 && d is >= 1 and <= 31;

    static bool IsMonth(string w) => int.TryParse(w, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var m) && w.Length <= 2 && m is >= 1 and <= 12;

    static bool IsCount(string w) =>
        (w.Length is > 0 and <= 2 && char.IsAsciiDigit(w[0]) && char.IsAsciiDigit(w[^1]))
        || w is "dois" or "duas" or "tres" or "quatro" or "cinco" or "seis" or "alguns" or "algumas" or "uns" or "umas";

    /// <summary>
    /// A refusal that says it is for now: "não tenho interesse agora / no momento / por enquanto" right after it, or
    /// "talvez no próximo semestre", "mais pra frente" anywhere. Only for refusals and stops of sending, never for a removal.
    /// </summary>
    bool Paused(string[] words, int end, bool pauseInMessage, bool bareAgora = false)
    {
        if (pauseInMessage) return true;
        for (var k = bareAgora ? 0 : end; k < (bareAgora ? words.Length : Math.Min(words.Length, end + 3)); k++)
            // "agora que saí do hospital…" gives a reason, not a pause; "um pouco que tô em cirurgia" is still one.
            if (pauseAfter.EndAt(words, k) is { } e && !(k > 0 && words[k - 1] is "nem" or "mais") && !(e < words.Length && words[e] is "que" or "mais" && e - k == 1)
                // Twenty-sixth blind set: "pode parar de enviar, agora sou CLT" — "agora" opening what the doctor now is, for good.
                && !(words[k] == "agora" && e == k + 1 && e < words.Length && NowForGood.Contains(words[e]))
                // Forty-ninth blind set: "não tenho interesse agora nem no futuro", "no momento e nem depois" — the time denied
                // its end in the same breath: for good.
                && !(e < words.Length && (words[e] == "nem" || (words[e] == "e" && e + 1 < words.Length && words[e + 1] == "nem"))))
                return true;
        return false;
    }

    /// <summary>
    /// Thirtieth blind set: "Me aposentei em março, favor retirar meu número", "comecei a residência em março, pode me excluir"
    /// — a month closing an earlier clause whose verb is in the past tells when his life changed, not when the stop ends.
    /// </summary>
    static bool DateOfAPastChange(string[] words, int from, int end, int start, ulong clauseEnds)
    {
        if (!Crosses(clauseEnds, end - 1, start)) return false;
        // Sixty-third blind set: "me aposentei esse ano, favor não mandar mais" — "esse ano / este mês / essa semana" after a
        // verb of a change of life (not any past: "trabalhei demais essa semana, não me manda nada" may pause).
        if (end - from == 2 && words[from] is "esse" or "este" or "nesse" or "neste" or "essa" or "esta" or "nessa" or "nesta"
            && words[from + 1] is "ano" or "mes" or "semana")
        {
            for (var k = from - 1; k >= 0 && k >= from - 3 && !Crosses(clauseEnds, k, k + 1); k--)
                if (LifeChanged.Contains(words[k])) return true;
            return false;
        }
        if (end - from != 1 || !Months.Contains(words[from]) || from == 0 || words[from - 1] is not ("em" or "desde")) return false;
        for (var k = from - 2; k >= 0 && k >= from - 5 && !Crosses(clauseEnds, k, k + 1); k--)
            if (words[k] is "fui" or "foi" or "entrei" or "comecei" or "passei" || words[k].Length >= 5 && words[k] != "estou"
                && (words[k].EndsWith("ei", StringComparison.Ordinal) && !words[k].EndsWith("rei", StringComparison.Ordinal) || words[k].EndsWith("ou", StringComparison.Ordinal)))
                return true;
        return false;
    }

    static readonly HashSet<string> LifeChanged =
        ["aposentei", "aposentou", "formei", "mudei", "mudou", "larguei", "deixei", "parei", "entrei", "comecei", "passei", "sai", "fechei", "assumi", "fui", "foi"];

    static readonly HashSet<string> Months = ["janeiro", "fevereiro", "marco", "abril", "maio", "junho", "julho", "agosto", "setembro", "outubro", "novembro", "dezembro"];

    /// <summary>"a partir de hoje", "de janeiro em diante": the time starts a stop for good instead of limiting it.</summary>
    bool Permanent(string[] words, int from, int to)
    {
        // Seventy-first blind set: "não mande mais nada. nem hoje, nem amanhã, nem nunca" — the times denied one by one up
        // to never: for good.
        if (from > 0 && words[from - 1] == "nem")
            for (var j = to + 1; j < Math.Min(words.Length, to + 8); j++)
                if (words[j] is "nunca" or "jamais" && words[j - 1] is "nem" or "e" or "ou") return true;
        for (var j = Math.Max(0, from - 3); j < from; j++)
            if (permanentBefore.EndAt(words, j) == from) return true;
        return permanentAfter.EndAt(words, to) is not null;
    }
}
