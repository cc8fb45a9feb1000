using Julia.Infrastructure.Text;

namespace Julia.Shifts;

/// <summary>
/// "no Hospital São Luiz", "na Santa Casa de Santo André", "na UPA Vila Alpina": the contraction of "em" with the article
/// a hospital's name takes. Names read as masculine (a hospital, a pronto-socorro, "no Einstein", "no Santa Joana") unless
/// their first word is one of the feminine kinds of place below, or they are a Santa Casa.
/// </summary>
internal static class HospitalPreposition
{
    static readonly HashSet<string> FeminineFirstWords = new(StringComparer.Ordinal)
    {
        "casa", "upa", "ama", "ubs", "clinica", "policlinica", "maternidade", "unidade", "beneficencia", "fundacao",
        "associacao", "irmandade", "sociedade", "rede", "faculdade", "universidade", "escola",
    };

    /// <summary>"no {name}" or "na {name}".</summary>
    public static string In(string name)
    {
        var trimmed = name.Trim();
        var folded = PtBrText.Fold(trimmed);
        var first = folded.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim('.', ',', '-') ?? "";
        return FeminineFirstWords.Contains(first) || folded.StartsWith("santa casa", StringComparison.Ordinal) ? $"na {trimmed}" : $"no {trimmed}";
    }
}
