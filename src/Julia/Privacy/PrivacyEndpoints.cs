using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Time;
using Microsoft.AspNetCore.Mvc;

namespace Julia.Privacy;

/// <summary>
/// Body of `POST /admin/medicos/{id}/apagar` (optional): why, and who asked (default `admin`). A misspelt field is a 400
/// (docs/decisions.md#lgpd): the erasure cannot be undone, and its reason would be missing from the audit without a word.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record EraseRequest(
    [property: JsonPropertyName("motivo")] string? Motivo,
    [property: JsonPropertyName("solicitado_por")] string? SolicitadoPor);

/// <summary>
/// LGPD data-subject requests (bearer ADMIN_API_TOKEN): `GET /admin/medicos/{id}/dados` exports everything held about
/// the doctor; `POST /admin/medicos/{id}/apagar` erases it. Unknown doctor → 404; a second erasure → 200 `ja_apagado`.
/// </summary>
internal static class PrivacyEndpoints
{
    public const int MaxReason = 500, MaxRequester = 100;
    public const string DefaultRequester = "admin";

    public static void MapPrivacy(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/medicos").WithTags("LGPD").RequireAdminToken();
        group.MapGet("/{id:guid}/dados", ExportAsync);
        group.MapPost("/{id:guid}/apagar", EraseAsync);
    }

    static async Task<IResult> ExportAsync(Guid id, [FromQuery(Name = "solicitado_por")] string? solicitadoPor, SubjectExporter exporter, CancellationToken ct)
    {
        if (Invalid(null, solicitadoPor) is { } bad) return bad;
        return await exporter.ExportAsync(id, Requester(solicitadoPor), null, ct) is { } document
            ? TypedResults.Json(document)
            : NotFound(id);
    }

    static async Task<IResult> EraseAsync(Guid id, EraseRequest? request, SubjectEraser eraser, CancellationToken ct)
    {
        if (Invalid(request?.Motivo, request?.SolicitadoPor) is { } bad) return bad;
        var motivo = string.IsNullOrWhiteSpace(request?.Motivo) ? null : request.Motivo.Trim();
        if (await eraser.EraseAsync(id, Requester(request?.SolicitadoPor), motivo, ct) is not { } result) return NotFound(id);
        return TypedResults.Ok(new { status = result.AlreadyErased ? "ja_apagado" : "apagado", solicitacao = Dto(result.Request) });
    }

    /// <summary>Free text an operator typed: bounded, and no control characters (it lands in the audit table).</summary>
    public static IResult? Invalid(string? motivo, string? solicitadoPor)
    {
        if (motivo is { Length: > MaxReason }) return Bad($"motivo tem mais de {MaxReason} caracteres");
        if (solicitadoPor is { Length: > MaxRequester }) return Bad($"solicitado_por tem mais de {MaxRequester} caracteres");
        if ((motivo + solicitadoPor).Any(c => char.IsControl(c) && c is not ('\n' or '\t'))) return Bad("motivo e solicitado_por não podem ter caracteres de controle");
        return null;
    }

    public static string Requester(string? solicitadoPor) => string.IsNullOrWhiteSpace(solicitadoPor) ? DefaultRequester : solicitadoPor.Trim();

    static IResult Bad(string detail) => TypedResults.Problem(statusCode: 400, title: "Solicitação inválida", detail: detail);

    static IResult NotFound(Guid id) => TypedResults.Problem(statusCode: 404, title: "Médico não encontrado", detail: $"medico_id {id}");

    public static JsonObject Dto(SubjectRequest r) => new()
    {
        ["id"] = r.Id,
        ["tipo"] = r.Tipo,
        ["medico_id"] = r.MedicoId,
        ["solicitado_por"] = r.SolicitadoPor,
        ["motivo"] = r.Motivo,
        ["solicitado_em"] = Local(r.SolicitadoEm),
        ["concluido_em"] = r.ConcluidoEm is { } done ? Local(done) : null,
        ["contagens"] = JsonNode.Parse(r.Contagens),
        ["externos"] = JsonNode.Parse(r.Externos),
    };

    static string Local(DateTime utc) =>
        SaoPaulo.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc))).ToString("yyyy-MM-dd'T'HH:mm:sszzz");
}
