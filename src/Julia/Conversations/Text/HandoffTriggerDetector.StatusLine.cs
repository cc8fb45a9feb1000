using System.Text.RegularExpressions;
using Julia.Handoffs;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// Fifty-sixth blind set (docs/detection-history.md#triggers), in a turn: a short line finished by the next one's predicate — "meu
/// processo no CRM" then "já saiu", "o financeiro" then "já liberou?" — is one sentence about his registration or his money,
/// read as one (<see cref="DetectInTurn"/>); and a one-word request ("suporte", "sac") stays one when the next line begins a
/// sentence of its own ("o app travou"), not the request's complement.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>The next line is the predicate of the line before: it opens on a verb of progress or outcome.</summary>
    static bool ReportsOnTheLineBefore(string next) => StatusPredicate().IsMatch(PtBrText.Normalise(next));

    [GeneratedRegex(@"^((ja|ainda|nao|so|finalmente|enfim|hoje|ontem) )?(saiu|sairam|liberou|liberaram|pagou|pagaram|caiu|chegou|andou|terminou|demorou|travou|" +
        @"(foi|foram|ficou|ficaram|esta|ta|estao|tao) (aprovad[oa]s?|deferid[oa]s?|liberad[oa]s?|pag[oa]s?|concluid[oa]s?|finalizad[oa]s?|pront[oa]s?|em andamento|demorando|parad[oa]s?|travad[oa]s?|andando))\b",
        RegexOptions.CultureInvariant)]
    private static partial Regex StatusPredicate();

    /// <summary>A line of one word that asks for a person ("suporte", "atendente"), followed by a line that does not complement it.</summary>
    static bool OneWordRequestStands(string line, string next)
    {
        var t = PtBrText.Normalise(line);
        if (t.Length == 0 || t.Contains(' ') || Detect(line) != HandoffTriggers.PersonRequested) return false;
        var n = PtBrText.Normalise(next);
        var space = n.IndexOf(' ');
        return space > 0 && n[..space] is not ("com" or "para" or "pro" or "pros" or "de" or "do" or "da" or "dos" or "das" or "sobre" or "no" or "na"
            or "ao" or "aos" or "pelo" or "pela" or "que" or "con" or "with");
    }
}
