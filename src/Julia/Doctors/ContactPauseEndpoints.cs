using System.Globalization;
using System.Text.Json.Serialization;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Time;

namespace Julia.Doctors;

/// <summary>
/// Body of `POST /admin/medicos/{id}/pausar`: the first day he may be contacted again (`ate`, AAAA-MM-DD) and why
/// (`motivo`), both required; `por` (who, logged; default `admin`). A misspelt field is a 400: a pause that silently
/// lost its date would keep him out of every campaign for nothing.
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record PauseRequest(
    [property: JsonPropertyName("ate")] string? Ate,
    [property: JsonPropertyName("motivo")] string? Motivo,
    [property: JsonPropertyName("por")] string? Por);

/// <summary>Body of `POST /admin/medicos/{id}/retomar` (optional): who (logged; default `admin`).</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ResumeRequest([property: JsonPropertyName("por")] string? Por);

/// <summary>
/// Staff's path to a doctor's contact pause (bearer ADMIN_API_TOKEN; docs/decisions.md#contact-pause):
/// `GET /admin/medicos/pausados` lists the pauses in force, nearest end first; `POST /admin/medicos/{id}/pausar`
/// records one with the agent's rules (<see cref="PauseRules"/>), `POST /admin/medicos/{id}/retomar` ends it. Both
/// answer 200 with his state and are idempotent; unknown (or erased) doctor → 404; a bad date or reason → 400 (as every
/// admin endpoint answers a request it cannot take); an opted-out doctor → 409 (his state, not the request, is why).
/// </summary>
internal static class ContactPauseEndpoints
{
    public const int DefaultLimit = 100, MaxLimit = 500, MaxBy = 100;

    public static void MapContactPauses(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/medicos").WithTags("Pausa de contato").RequireAdminToken();
        group.MapGet("/pausados", ListAsync);
        group.MapPost("/{id:guid}/pausar", PauseAsync);
        group.MapPost("/{id:guid}/retomar", ResumeAsync);
    }

    static async Task<IResult> ListAsync(int? limite, int? offset, ContactPauses pauses, CancellationToken ct)
    {
        if (QueryProblems.Paging(limite, offset, MaxLimit) is { } bad) return bad;
        var list = await pauses.InForceAsync(limite ?? DefaultLimit, offset ?? 0, ct);
        return TypedResults.Ok(list.Select(s => Dto(s)));
    }

    static async Task<IResult> PauseAsync(Guid id, PauseRequest? request, ContactPauses pauses, TimeProvider time, CancellationToken ct)
    {
        if (BodyProblems.FreeText(("motivo", request?.Motivo, PauseRules.MaxReasonChars), ("por", request?.Por, MaxBy)) is { } bad) return bad;
        if (string.IsNullOrWhiteSpace(request?.Ate)) return Bad("ate é obrigatório: o primeiro dia em que podemos procurá-lo de novo, AAAA-MM-DD");
        var day = PauseRules.ParseIso(request.Ate) is { } d && request.Ate.Trim().Length == 10 ? d : (DateOnly?)null;
        if (await pauses.StateAsync(id, ct) is not { } state) return NotFound(id);
        var today = PauseRules.Today(time.GetUtcNow());
        switch (PauseRules.Check(state.OptedOut, request.Motivo, day, today))
        {
            case PauseRefusal.OptedOut:
                return TypedResults.Problem(statusCode: 409, title: "Médico com opt-out",
                    detail: "ele pediu para não receber mensagens nossas: não há o que pausar (reverter um opt-out: runbook §12)");
            case PauseRefusal.Unreadable:
                return Bad("ate: use AAAA-MM-DD, o primeiro dia em que podemos procurá-lo de novo (calendário de São Paulo)");
            case PauseRefusal.NotAhead:
                return Bad($"ate precisa ser uma data futura (hoje é {Iso(today)})");
            case PauseRefusal.TooFar:
                return Bad($"ate vai no máximo até {Iso(PauseRules.Latest(today))} ({PauseRules.MaxMonths} meses)");
            case PauseRefusal.NoReason:
                return Bad("motivo é obrigatório: por que ele não quer contato (ex.: licença maternidade)");
        }
        if (await pauses.PauseReplacingAsync(id, day!.Value, request.Motivo!, By(request.Por), ct) is not { } written) return NotFound(id);
        return await pauses.StateAsync(id, ct) is { } now ? TypedResults.Ok(Dto(now, replaced: written.ReplacedDay)) : NotFound(id);
    }

    static async Task<IResult> ResumeAsync(Guid id, ResumeRequest? request, ContactPauses pauses, CancellationToken ct)
    {
        if (BodyProblems.FreeText(("por", request?.Por, MaxBy)) is { } bad) return bad;
        if (await pauses.StateAsync(id, ct) is null) return NotFound(id);
        var ended = await pauses.ResumeAsync(id, By(request?.Por), ct);
        return await pauses.StateAsync(id, ct) is { } now ? TypedResults.Ok(Dto(now, ended)) : NotFound(id);
    }

    /// <summary>
    /// His pause as staff read it: `ate` is the day given (AAAA-MM-DD, the first day he may be contacted again), null
    /// without a pause in force; `encerrada` (retomar only) the `ate` of the pause just ended, null when none was;
    /// `substituida` (pausar only) the `ate` of a different pause in force that this one replaced, null when none was
    /// (a repeat of the same pause replaces nothing) — so whoever overwrote a colleague's date sees which.
    /// Name and full phone, as GET /admin/handoffs and /admin/reservas show doctors: staff call him.
    /// </summary>
    static object Dto(ContactPauseState s, DateOnly? ended = null, DateOnly? replaced = null) => new
    {
        medico_id = s.MedicoId,
        medico = s.Nome,
        telefone = s.Telefone,
        status = s.Paused ? "pausado" : "sem_pausa",
        ate = s.Ate is { } ate ? Iso(PauseRules.DayOf(ate)) : null,
        motivo = s.Motivo,
        em = s.Em is { } em ? SaoPaulo.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(em, DateTimeKind.Utc))).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture) : null,
        encerrada = ended is { } e ? Iso(e) : null,
        substituida = replaced is { } r ? Iso(r) : null,
    };

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    static string By(string? por) => string.IsNullOrWhiteSpace(por) ? "admin" : por.Trim();


    static IResult Bad(string detail) => BodyProblems.Invalid(detail);

    static IResult NotFound(Guid id) => TypedResults.Problem(statusCode: 404, title: "Médico não encontrado", detail: $"medico_id {id}");
}
