using System.Text.RegularExpressions;

namespace Julia.Conversations.Text;

/// <summary>
/// Fiftieth blind set (docs/detection-history.md#triggers): two strong words about the traffic alone ("que trânsito horrível, caramba,
/// péssimo, mas tô chegando") are not anger at us, as one was not.
/// </summary>
internal static partial class HandoffTriggerDetector
{
    /// <summary>The traffic is what the message complains of, and nothing in it names us.</summary>
    static bool OnlyAboutTheTraffic(string t) =>
        (t.Contains("transito", StringComparison.Ordinal) || t.Contains("engarrafamento", StringComparison.Ordinal)) && !UsNamed().IsMatch(t);

    [GeneratedRegex(@"\b(voces|vcs|voce|vc|empresa|agencia|julia|robo|atendimento|pagamento|repasse)\b", RegexOptions.CultureInvariant)]
    private static partial Regex UsNamed();
}
