using Julia.Infrastructure.Text;

namespace Julia.Conversations.Text;

/// <summary>
/// "Stop messaging me" in the many ways doctors write it (docs/decisions.md#opt-out): the word families of deteccao.json
/// matched on <see cref="PtBrText.Normalise"/>d text (<see cref="IntentVocabulary"/>). Refusing one shift, a date or a
/// hospital, cancelling a reservation or editing the schedule never opts a doctor out.
/// </summary>
internal static class OptOutDetector
{
    public static bool IsOptOut(string? text) => Family(text) is not null;

    /// <summary>Which family recognised the opt-out (`comando`, `recusa`, `remocao`, `parar_envio`, …), or null.</summary>
    public static string? Family(string? text)
    {
        var normalised = PtBrText.Normalise(text);
        if (normalised.Length == 0) return null;
        return IntentVocabulary.Instance.OptOutFamily(normalised.Split(' '));
    }
}
