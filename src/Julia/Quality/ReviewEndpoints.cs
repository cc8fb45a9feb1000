using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Http;
using Microsoft.AspNetCore.Mvc;

namespace Julia.Quality;

/// <summary>
/// The review UI's API (docs/decisions.md#quality: `/admin/conversas`, `/admin/conversas/{id}`, `/admin/sugestoes`, `/admin/tags`, with
/// `POST /admin/avaliacoes` in <see cref="QualityEndpoints"/>; page `/static/avaliar.html`), bearer ADMIN_API_TOKEN:
/// filters `status`, `controlled_by`, `avaliada`; `limite` 1–100 (default 20), `offset` ≥ 0; a bad filter is a 400.
/// </summary>
internal static class ReviewEndpoints
{
    /// <summary>The transcript shows a conversation's latest lines, at most this many.</summary>
    public const int MaxTranscriptLines = 500;

    static readonly string[] Statuses = ["active", "paused", "completed", "abandoned", "escalated"];
    static readonly string[] Controllers = ["ai", "human"];
    static readonly string[] SuggestionStatuses = ["pendente", "implementada", "rejeitada"];

    /// <summary>The staff's tags, by group (docs/decisions.md#quality: qualidade, situação, problema, destaque); free tags are accepted too.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Tags = new Dictionary<string, string[]>
    {
        ["qualidade"] = ["excelente", "boa", "regular", "ruim"],
        ["situacao"] = ["reservou", "interessado", "sem_interesse", "opt_out", "handoff", "sem_resposta"],
        ["problema"] = ["tom_robotico", "resposta_longa", "informacao_errada", "nao_entendeu", "insistente", "demorou", "prometeu_demais"],
        ["destaque"] = ["exemplo_bom", "exemplo_ruim", "treinar_equipe"],
    };

    public static void MapReview(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin").WithTags("Revisão").RequireAdminToken();
        group.MapGet("/conversas", ListAsync);
        group.MapGet("/conversas/{id:guid}", GetAsync);
        group.MapGet("/sugestoes", SuggestionsAsync);
        group.MapGet("/tags", () => TypedResults.Ok(Tags));
    }

    static async Task<IResult> ListAsync(string? status, [FromQuery(Name = "controlled_by")] string? controlledBy, string? avaliada,
        int? limite, int? offset, ReviewStore store, CancellationToken ct)
    {
        if (QualityEndpoints.Paging(limite, offset) is { } bad) return bad;
        if (status is not null && !Statuses.Contains(status)) return QueryProblems.OneOf("status", Statuses);
        if (controlledBy is not null && !Controllers.Contains(controlledBy)) return QueryProblems.OneOf("controlled_by", Controllers);
        bool? rated = avaliada switch { null => null, "true" or "sim" => true, "false" or "nao" or "não" => false, _ => (bool?)null };
        if (avaliada is not null && rated is null) return QueryProblems.Invalid("avaliada", "use true ou false");
        var list = await store.ListAsync(status, controlledBy, rated, limite ?? QualityEndpoints.DefaultLimit, offset ?? 0, ct);
        return TypedResults.Ok(list.Select(Dto));
    }

    static async Task<IResult> GetAsync(Guid id, ReviewStore store, QualityStore evaluations, CancellationToken ct)
    {
        if (await store.FindAsync(id, MaxTranscriptLines, ct) is not { } found)
            return TypedResults.Problem(statusCode: 404, title: $"Conversa {id} não encontrada");
        var rated = await evaluations.ListAsync(id, QualityEndpoints.MaxLimit, 0, ct);
        return TypedResults.Ok(new
        {
            conversa = Dto(found.Conversation),
            interacoes = found.Lines.Select(l => new { id = l.Id, direcao = l.Direcao, autor_tipo = l.AutorTipo, tipo = l.Tipo, conteudo = l.Conteudo, created_at = Utc(l.CreatedAt) }),
            avaliacoes = rated.Select(QualityEndpoints.Dto),
        });
    }

    static async Task<IResult> SuggestionsAsync(string? status, int? limite, int? offset, ReviewStore store, CancellationToken ct)
    {
        if (QualityEndpoints.Paging(limite, offset) is { } bad) return bad;
        if (status is not null && !SuggestionStatuses.Contains(status)) return QueryProblems.OneOf("status", SuggestionStatuses);
        var list = await store.SuggestionsAsync(status, limite ?? QualityEndpoints.DefaultLimit, offset ?? 0, ct);
        return TypedResults.Ok(list.Select(s => new
        {
            id = s.Id, tipo = s.Tipo, status = s.Status, descricao = s.Descricao, exemplo_ruim = s.ExemploRuim, exemplo_bom = s.ExemploBom,
            conversa_id = s.ConversaId, avaliacao_id = s.AvaliacaoId, created_at = Utc(s.CreatedAt),
        }));
    }

    static object Dto(ReviewConversation c) => new
    {
        id = c.Id, medico_id = c.MedicoId, medico = c.Medico, status = c.Status, controlled_by = c.ControlledBy, stage = c.Stage,
        message_count = c.MessageCount, created_at = Utc(c.CreatedAt), last_message_at = c.LastMessageAt is { } l ? Utc(l) : (DateTimeOffset?)null,
        completed_at = c.CompletedAt is { } d ? Utc(d) : (DateTimeOffset?)null, avaliada = c.Avaliacoes > 0, avaliacoes = c.Avaliacoes,
        ultimo_score = c.UltimoScore,
    };

    static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
