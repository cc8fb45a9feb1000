using System.Text.Json.Serialization;

namespace Julia.Campaigns;

/// <summary>
/// Segment filters (docs/decisions.md#proactive): AND across fields, OR inside a list. An unknown field sent to the API
/// is a 400 (<see cref="Unknown"/>, checked by CampaignEndpoints), never ignored: a misspelt filter left out would widen
/// the segment. Filters already stored are read tolerantly (a row written by hand still starts).
/// </summary>
internal sealed record CampaignFilters(
    [property: JsonPropertyName("especialidades")] string[]? Especialidades = null,
    [property: JsonPropertyName("regioes")] string[]? Regioes = null,
    [property: JsonPropertyName("cidades")] string[]? Cidades = null,
    [property: JsonPropertyName("estado")] string? Estado = null,
    [property: JsonPropertyName("stages")] string[]? Stages = null,
    [property: JsonPropertyName("tags")] string[]? Tags = null,
    [property: JsonPropertyName("pressure_score_max")] int? PressureScoreMax = null)
{
    /// <summary>Fields that are not filters (a misspelling): the API refuses them.</summary>
    [JsonExtensionData]
    public Dictionary<string, System.Text.Json.JsonElement>? Unknown { get; init; }
}

/// <summary>The campaign's body: an unknown field (`segmento` for `filtros`, which targeted every doctor) is a 400.</summary>

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CreateCampaignRequest(
    [property: JsonPropertyName("nome")] string? Nome,
    [property: JsonPropertyName("tipo")] string? Kind,
    [property: JsonPropertyName("mensagem_template")] string? MensagemTemplate,
    [property: JsonPropertyName("filtros")] CampaignFilters? Filtros,
    [property: JsonPropertyName("max_por_dia")] int? MaxPorDia,
    [property: JsonPropertyName("agendar_para"), JsonConverter(typeof(Infrastructure.Time.SaoPauloTimeJsonConverter))] DateTimeOffset? ScheduledFor);

[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PreviewRequest([property: JsonPropertyName("filtros")] CampaignFilters? Filtros);
