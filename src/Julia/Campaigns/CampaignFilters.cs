using System.Text.Json.Serialization;

namespace Julia.Campaigns;

/// <summary>Segment filters (docs/decisions.md#proactive): AND across fields, OR inside a list.</summary>
internal sealed record CampaignFilters(
    [property: JsonPropertyName("especialidades")] string[]? Especialidades = null,
    [property: JsonPropertyName("regioes")] string[]? Regioes = null,
    [property: JsonPropertyName("cidades")] string[]? Cidades = null,
    [property: JsonPropertyName("estado")] string? Estado = null,
    [property: JsonPropertyName("stages")] string[]? Stages = null,
    [property: JsonPropertyName("tags")] string[]? Tags = null,
    [property: JsonPropertyName("pressure_score_max")] int? PressureScoreMax = null);

internal sealed record CreateCampaignRequest(
    [property: JsonPropertyName("nome")] string? Nome,
    [property: JsonPropertyName("tipo")] string? Kind,
    [property: JsonPropertyName("mensagem_template")] string? MensagemTemplate,
    [property: JsonPropertyName("filtros")] CampaignFilters? Filtros,
    [property: JsonPropertyName("max_por_dia")] int? MaxPorDia,
    [property: JsonPropertyName("agendar_para")] DateTimeOffset? ScheduledFor);

internal sealed record PreviewRequest([property: JsonPropertyName("filtros")] CampaignFilters? Filtros);
