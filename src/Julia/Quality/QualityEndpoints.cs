using System.Text.Json.Nodes;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;

namespace Julia.Quality;

/// <summary>
/// Staff evaluations (bearer ADMIN_API_TOKEN): `POST /admin/avaliacoes` records one (`avaliador='gestor'`, score_geral
/// computed here), `GET /admin/avaliacoes?conversa_id=&amp;limite=&amp;offset=` lists judge and staff evaluations, newest first.
/// </summary>
internal static class QualityEndpoints
{
    public const int DefaultLimit = 20, MaxLimit = 100;

    public static void MapQuality(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/avaliacoes").WithTags("Qualidade").RequireAdminToken();
        group.MapPost("", CreateAsync);
        group.MapGet("", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
    }

    /// <summary>The 400 for a `limite` outside 1–<see cref="MaxLimit"/> or a negative `offset`; null when both are fine.</summary>
    internal static IResult? Paging(int? limite, int? offset) => QueryProblems.Paging(limite, offset, MaxLimit);

    static IResult Bad(string detail) => TypedResults.Problem(statusCode: 400, title: "Avaliação inválida", detail: detail);

    static async Task<IResult> CreateAsync(StaffEvaluationRequest request, QualityStore store, CancellationToken ct)
    {
        var (scores, notes, tags, problem) = request.Validate();
        if (scores is null) return Bad(problem!);
        if (await store.InsertStaffAsync(request.ConversaId!.Value, scores, notes, tags, ct) is not { } created)
            return TypedResults.Problem(statusCode: 404, title: "Conversa não encontrada", detail: $"conversa_id {request.ConversaId}");
        return TypedResults.Created($"/admin/avaliacoes/{created.Id}", Dto(created));
    }

    static async Task<IResult> ListAsync([FromQuery(Name = "conversa_id")] Guid? conversaId, int? limite, int? offset, QualityStore store,
        CancellationToken ct)
    {
        if (Paging(limite, offset) is { } bad) return bad;
        var list = await store.ListAsync(conversaId, limite ?? DefaultLimit, offset ?? 0, ct);
        return TypedResults.Ok(list.Select(Dto));
    }

    static async Task<IResult> GetAsync(Guid id, QualityStore store, CancellationToken ct) =>
        await store.FindAsync(id, ct) is { } e ? TypedResults.Ok(Dto(e)) : TypedResults.Problem(statusCode: 404, title: $"Avaliação {id} não encontrada");

    internal static object Dto(QualityEvaluation e) => new
    {
        id = e.Id, conversa_id = e.ConversaId, naturalidade = e.Naturalidade, persona = e.Persona, objetivo = e.Objetivo,
        satisfacao = e.Satisfacao, score_geral = e.ScoreGeral, avaliador = e.Avaliador, modelo = e.Modelo,
        detalhes = JsonNode.Parse(e.Detalhes), notas = e.Notas, tags = JsonNode.Parse(e.Tags), created_at = e.CreatedAt,
    };
}
