using System.Globalization;
using System.Text.Json.Serialization;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Time;
using Microsoft.Extensions.Options;

namespace Julia.Shifts;

/// <summary>
/// Body of `POST /admin/reservas/{id}/confirmar` (optional): who confirmed, and notes. A misspelt field is a 400 (the
/// confirmation goes to the doctor and cannot be undone; `confirmado_por` was dropped without a word).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record ConfirmReservationRequest(
    [property: JsonPropertyName("por")] string? Por,
    [property: JsonPropertyName("notas")] string? Notas);

/// <summary>Body of `POST /admin/reservas/{id}/cancelar`: why (required), and who cancelled; a misspelt field is a 400.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record CancelReservationRequest(
    [property: JsonPropertyName("motivo")] string? Motivo,
    [property: JsonPropertyName("por")] string? Por);

/// <summary>
/// Body of `POST /admin/vagas/{id}/reservar`: the doctor (required), whether it is confirmed at once, notes (kept as the
/// reservation's `confirmacao`) and who; a misspelt field is a 400 (a hold for the wrong doctor is worse than none).
/// </summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
internal sealed record StaffReserveRequest(
    [property: JsonPropertyName("medico_id")] Guid? MedicoId,
    [property: JsonPropertyName("confirmar")] bool? Confirmar,
    [property: JsonPropertyName("notas")] string? Notas,
    [property: JsonPropertyName("por")] string? Por);

/// <summary>
/// Staff decisions on holds (bearer ADMIN_API_TOKEN; docs/decisions.md#reservations): `GET /admin/reservas?status=`
/// lists them, `POST /admin/reservas/{id}/confirmar` confirms one, `POST /admin/reservas/{id}/cancelar` cancels one,
/// `POST /admin/reservas/{id}/realizar` marks a confirmed one's shift as worked; `POST /admin/vagas/{id}/reservar`
/// reserves a shift for a doctor (201, the reservation; 404 unknown shift or doctor; 409 why not).
/// Doing it twice is harmless (200, same state); a reservation that ended otherwise is a 409.
/// </summary>
internal static class ReservationEndpoints
{
    public const int DefaultLimit = 20, MaxLimit = 100, MaxBy = 100, MaxNotes = 2000, MaxReason = 500, MaxReserveNotes = 500, MaxReserveBy = 80;

    public static void MapReservations(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/reservas").WithTags("Reservas").RequireAdminToken();
        group.MapGet("", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/{id:guid}/confirmar", ConfirmAsync);
        group.MapPost("/{id:guid}/cancelar", CancelAsync);
        group.MapPost("/{id:guid}/realizar", RealizeAsync);
        app.MapGroup("/admin/vagas").WithTags("Reservas").RequireAdminToken().MapPost("/{id:guid}/reservar", ReserveAsync);
    }

    static async Task<IResult> ReserveAsync(Guid id, StaffReserveRequest? request, StaffReserving reserving, ReservationQueries queries,
        IOptions<ShiftsOptions> options, CancellationToken ct)
    {
        if (request?.MedicoId is not { } medicoId || medicoId == Guid.Empty) return Bad("medico_id é obrigatório: o id (uuid) do médico");
        if (BodyProblems.FreeText(("notas", request.Notas, MaxReserveNotes), ("por", request.Por, MaxReserveBy)) is { } bad) return bad;
        var result = await reserving.ReserveAsync(id, medicoId, request.Confirmar ?? false, Clean(request.Notas), Clean(request.Por), ct);
        if (result.Missing is { } missing)
            return TypedResults.Problem(statusCode: 404, title: missing, detail: missing.StartsWith("Médico", StringComparison.Ordinal) ? $"médico {medicoId}" : $"plantão {id}");
        if (result.ReservationId is not { } reservationId)
            return TypedResults.Problem(statusCode: 409, title: "Plantão não pode ser reservado", detail: result.Problem);
        return await queries.FindAsync(reservationId, ct) is { } r
            ? TypedResults.Created($"/admin/reservas/{reservationId}", Dto(r, options.Value))
            : NotFound(reservationId);
    }

    static async Task<IResult> ListAsync(string? status, int? limite, int? offset, ReservationQueries queries, IOptions<ShiftsOptions> options,
        CancellationToken ct)
    {
        status ??= "ativa";
        if (!ReservationQueries.Statuses.Contains(status))
            return QueryProblems.OneOf("status", ReservationQueries.Statuses);
        if (QueryProblems.Paging(limite, offset, MaxLimit) is { } bad) return bad;
        var list = await queries.ListAsync(status, limite ?? DefaultLimit, offset ?? 0, ct);
        return TypedResults.Ok(list.Select(r => Dto(r, options.Value)));
    }

    static async Task<IResult> GetAsync(Guid id, ReservationQueries queries, IOptions<ShiftsOptions> options, CancellationToken ct) =>
        await queries.FindAsync(id, ct) is { } r ? TypedResults.Ok(Dto(r, options.Value)) : NotFound(id);

    static async Task<IResult> ConfirmAsync(Guid id, ConfirmReservationRequest? request, ReservationDecisions decisions, ReservationQueries queries,
        IOptions<ShiftsOptions> options, CancellationToken ct)
    {
        if (BodyProblems.FreeText(("por", request?.Por, MaxBy), ("notas", request?.Notas, MaxNotes)) is { } bad) return bad;
        var decision = await decisions.ConfirmAsync(id, Clean(request?.Por), Clean(request?.Notas), ct);
        return await AnswerAsync(id, decision, "Reserva não pode ser confirmada", queries, options.Value, ct);
    }

    static async Task<IResult> CancelAsync(Guid id, CancelReservationRequest? request, ReservationDecisions decisions, ReservationQueries queries,
        IOptions<ShiftsOptions> options, CancellationToken ct)
    {
        if (BodyProblems.FreeText(("motivo", request?.Motivo, MaxReason), ("por", request?.Por, MaxBy)) is { } bad) return bad;
        if (Clean(request?.Motivo) is not { } reason) return Bad("motivo é obrigatório: diga por que a reserva foi cancelada");
        var decision = await decisions.CancelAsync(id, reason, Clean(request?.Por), ct);
        return await AnswerAsync(id, decision, "Reserva não pode ser cancelada", queries, options.Value, ct);
    }

    static async Task<IResult> RealizeAsync(Guid id, ReservationDecisions decisions, ReservationQueries queries, IOptions<ShiftsOptions> options,
        CancellationToken ct) =>
        await AnswerAsync(id, await decisions.RealizeAsync(id, ct), "Plantão não pode ser marcado como realizado", queries, options.Value, ct);

    static async Task<IResult> AnswerAsync(Guid id, StaffDecision decision, string conflictTitle, ReservationQueries queries, ShiftsOptions options,
        CancellationToken ct) => decision.Outcome switch
    {
        DecisionOutcome.NotFound => NotFound(id),
        DecisionOutcome.Conflict => TypedResults.Problem(statusCode: 409, title: conflictTitle, detail: decision.Problem),
        _ => await queries.FindAsync(id, ct) is { } r ? TypedResults.Ok(Dto(r, options)) : NotFound(id),
    };


    static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    static IResult Bad(string detail) => BodyProblems.Invalid(detail);

    static IResult NotFound(Guid id) => TypedResults.Problem(statusCode: 404, title: "Reserva não encontrada", detail: $"reserva {id}");

    internal static object Dto(StaffReservation r, ShiftsOptions options) => new
    {
        id = r.Id,
        status = r.Status,
        created_at = Local(r.CreatedAt),
        // When the job `reservas-expiracao` will release an unconfirmed hold (it runs every 10 min).
        expira_em = r.Status == "ativa" ? Local(r.ExpiresAtUtc(options.ReservationExpiryHours)) : null,
        origem = r.Origem,
        reservada_por = r.ReservadaPor,
        confirmacao = r.Confirmacao,
        confirmada_em = r.ConfirmadaEm is { } confirmed ? Local(confirmed) : null,
        confirmada_por = r.ConfirmadaPor,
        notas = r.Notas,
        encerrada_em = r.EncerradaEm is { } ended ? Local(ended) : null,
        encerrada_por = r.EncerradaPor,
        motivo = r.Motivo,
        conversa_id = r.ConversaId,
        vaga = new
        {
            id = r.VagaId, status = r.VagaStatus, hospital = r.Hospital, cidade = r.Cidade,
            data = r.Data.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            hora_inicio = r.HoraInicio?.ToString("HH:mm", CultureInfo.InvariantCulture),
            hora_fim = r.HoraFim?.ToString("HH:mm", CultureInfo.InvariantCulture),
            periodo = r.Periodo, setor = r.Setor, valor = r.Valor, valor_texto = r.PayText,
            realizada_em = r.RealizadaEm is { } worked ? Local(worked) : null,
        },
        // Staff see the full phone, as in GET /admin/handoffs.
        medico = new { id = r.MedicoId, nome = r.MedicoNome, telefone = r.Telefone },
    };

    static string Local(DateTime utc) => Local(StaffReservation.Utc(utc));

    static string Local(DateTimeOffset utc) => SaoPaulo.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);
}
