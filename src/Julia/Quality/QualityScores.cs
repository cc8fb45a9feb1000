namespace Julia.Quality;

/// <summary>
/// The four criteria of an evaluation (1–10 each) and the overall score the system computes from them:
/// round(mean), half away from zero (7, 8, 6, 9 → 7.5 → 8). The model is never asked for the overall score.
/// </summary>
internal sealed record QualityScores(int Naturalidade, int Persona, int Objetivo, int Satisfacao)
{
    public const int Min = 1, Max = 10;

    /// <summary>The criteria as the database and the JSON bodies name them, in the order the judge is asked.</summary>
    public static readonly string[] Criteria = ["naturalidade", "persona", "objetivo", "satisfacao"];

    public int Overall => (int)Math.Round((Naturalidade + Persona + Objetivo + Satisfacao) / 4m, MidpointRounding.AwayFromZero);

    public static bool InRange(int value) => value is >= Min and <= Max;

    /// <summary>Scores from values by criterion name, or the first problem (pt-BR, no value echoed).</summary>
    public static (QualityScores? Scores, string? Problem) From(IReadOnlyDictionary<string, int?> values)
    {
        foreach (var name in Criteria)
        {
            if (values.GetValueOrDefault(name) is not { } v) return (null, $"{name} ausente");
            if (!InRange(v)) return (null, $"{name} precisa ser um inteiro de {Min} a {Max}");
        }
        return (new QualityScores(values["naturalidade"]!.Value, values["persona"]!.Value, values["objetivo"]!.Value,
            values["satisfacao"]!.Value), null);
    }
}
