using System.Text.RegularExpressions;
using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// A bare "cancela" ("cancelar", "pode cancelar", "cancela aí por favor") — the whole message, with at most a courtesy or a
/// "sim"/"pode"/"quero" around the verb. Alone it is an opt-out (issue 11's bare command); sent by a doctor whom Júlia has
/// just told of his hold, it is about that hold, and the turn hands him to staff instead
/// (<see cref="TurnProcessor"/>; docs/decisions.md#reservations, "A bare cancel right after a hold"). Only the context
/// decides: this reads the words, not the moment.
/// </summary>
internal static partial class HoldCancel
{
    /// <summary>Every message of the turn is a bare cancel (a burst "pode cancelar" / "por favor" included).</summary>
    public static bool IsWholeTurn(IReadOnlyList<string> texts)
    {
        var bare = false;
        foreach (var text in texts)
        {
            var n = PtBrText.Normalise(text);
            if (Bare().IsMatch(n)) bare = true;
            else if (!Courtesy().IsMatch(n)) return false;
        }
        return bare;
    }

    // "não" is left out on purpose: "não cancela" keeps the hold, and "não, cancela" is read as the opt-out it always was.
    [GeneratedRegex(@"^(?:(?:sim|ok|ah|entao|pode|podem|pode sim|quero|melhor|por favor|favor|ai)\s)*(?:cancela|cancelar|cancele|cancelem|cancelo|cancel)(?:\s(?:ai|isso|entao|sim|por favor|favor|para mim|obrigad[oa]|ta|tudo bem))*$", RegexOptions.CultureInvariant)]
    private static partial Regex Bare();

    [GeneratedRegex(@"^(?:por favor|favor|obrigad[oa]|valeu|sim|ok)$", RegexOptions.CultureInvariant)]
    private static partial Regex Courtesy();
}
