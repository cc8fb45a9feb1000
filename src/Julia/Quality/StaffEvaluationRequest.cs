using System.Text.Json.Serialization;

namespace Julia.Quality;

/// <summary>
/// The body of `POST /admin/avaliacoes`: a person's evaluation on the judge's scale (each criterion 1–10). A misspelt
/// field is a 400 (docs/decisions.md#quality): `nota` for `notas` was stored as an evaluation without its notes.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record StaffEvaluationRequest(
    [property: JsonPropertyName("conversa_id")] Guid? ConversaId,
    [property: JsonPropertyName("naturalidade")] int? Naturalidade,
    [property: JsonPropertyName("persona")] int? Persona,
    [property: JsonPropertyName("objetivo")] int? Objetivo,
    [property: JsonPropertyName("satisfacao")] int? Satisfacao,
    [property: JsonPropertyName("notas")] string? Notas,
    [property: JsonPropertyName("tags")] string?[]? Tags)
{
    public const int MaxNotes = 2_000, MaxTags = 20, MaxTagLength = 50;

    /// <summary>The scores, trimmed notes and distinct tags, or the first problem (pt-BR).</summary>
    public (QualityScores? Scores, string? Notes, string[] Tags, string? Problem) Validate()
    {
        if (ConversaId is null) return (null, null, [], "conversa_id ausente");
        var (scores, problem) = QualityScores.From(new Dictionary<string, int?>
        {
            ["naturalidade"] = Naturalidade, ["persona"] = Persona, ["objetivo"] = Objetivo, ["satisfacao"] = Satisfacao,
        });
        if (scores is null) return (null, null, [], problem);
        var notes = string.IsNullOrWhiteSpace(Notas) ? null : Notas.Trim();
        if (notes is { Length: > MaxNotes }) return (null, null, [], $"notas tem mais de {MaxNotes} caracteres");
        var tags = (Tags ?? []).Select(t => t?.Trim()).ToList();
        if (tags.Count > MaxTags) return (null, null, [], $"no máximo {MaxTags} tags");
        if (tags.Any(t => string.IsNullOrEmpty(t) || t.Length > MaxTagLength))
            return (null, null, [], $"cada tag precisa ter de 1 a {MaxTagLength} caracteres");
        if ((notes?.Contains('\0') ?? false) || tags.Any(t => t!.Contains('\0'))) return (null, null, [], "texto com caractere NUL");
        return (scores, notes, [.. tags.Distinct()!], null);
    }
}
