using System.Text.Json;
using System.Text.Json.Serialization;

namespace Julia.Quality;

/// <summary>What the judge said about one conversation: the four scores and the texts kept in `detalhes`.</summary>
internal sealed record QualityVerdict(QualityScores Scores, QualityDetails Details);

/// <summary>`avaliacoes_qualidade.detalhes`: short pt-BR phrases from the judge.</summary>
internal sealed record QualityDetails(
    [property: JsonPropertyName("pontos_positivos")] IReadOnlyList<string> PontosPositivos,
    [property: JsonPropertyName("pontos_negativos")] IReadOnlyList<string> PontosNegativos,
    [property: JsonPropertyName("sugestoes")] IReadOnlyList<string> Sugestoes)
{
    public string ToJson() => JsonSerializer.Serialize(this);
}
