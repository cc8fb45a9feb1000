using System.Text.Json;
using Julia.Handoffs;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Text;

namespace Julia.Conversations;

/// <summary>
/// The operators' handoff API (bearer ADMIN_API_TOKEN): `GET /admin/handoffs?status=pendente` and
/// `POST /admin/handoffs/{id}/resolver {"notas": "…"}` — the same return to Júlia as resolving in Chatwoot.
/// </summary>
internal static class HandoffAdminEndpoints
{
    static readonly string[] Statuses = ["pendente", "em_atendimento", "resolvido"];

    public static void MapHandoffAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/admin/handoffs").WithTags("Handoffs").RequireAdminToken();
        group.MapGet("", ListAsync);
        group.MapPost("/{id:guid}/resolver", ResolveAsync);
    }

    static async Task<IResult> ListAsync(string? status, int? limite, int? offset, HandoffStore handoffs, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status)) return QueryProblems.OneOf("status", Statuses);
        if (QueryProblems.Paging(limite, offset, 500) is { } bad) return bad;
        var list = await handoffs.ListAsync(status, limite ?? 100, ct, offset ?? 0);
        return TypedResults.Ok(list.Select(Dto));
    }

    static async Task<IResult> ResolveAsync(Guid id, HttpRequest request, HandoffStore handoffs, ConversationStore conversations,
        ConversationControl control, CancellationToken ct)
    {
        var (notes, by, problem) = await ReadResolutionAsync(request, ct);
        if (problem is not null) return TypedResults.Problem(statusCode: 400, title: "Corpo inválido", detail: problem);
        if (await handoffs.FindAsync(id, ct) is not { } handoff) return TypedResults.Problem(statusCode: 404, title: $"Handoff {id} não encontrado");
        if (handoff.Status == "resolvido") return TypedResults.Problem(statusCode: 409, title: $"Handoff {id} já está resolvido");
        if (await conversations.FindAsync(handoff.ConversationId, ct) is not { } conversation)
            return TypedResults.Problem(statusCode: 404, title: "Conversa do handoff não encontrada");
        // Two resolutions at once: both saw it open, one resolved it; the other's notes were not written — a 409, as if it
        // had come second.
        if (!await control.ResolveHandoffAsync(conversation, by ?? "operador", notes, ct))
            return TypedResults.Problem(statusCode: 409, title: $"Handoff {id} já está resolvido");
        return TypedResults.Ok(Dto((await handoffs.FindAsync(id, ct))!));
    }

    /// <summary>
    /// Optional JSON body `{notas, resolvido_por}`; anything else is a 400, never a 500 — a misspelt field too (`nota`):
    /// the resolution cannot be undone, and its notes would be lost without a word.
    /// </summary>
    internal static async Task<(string? Notes, string? By, string? Problem)> ReadResolutionAsync(HttpRequest request, CancellationToken ct)
    {
        var body = await WebhookRequests.ReadBodyAsync(request, ct);
        if (body is null) return (null, null, "corpo maior que 1 MiB");
        if (body.Length == 0) return (null, null, null);
        try
        {
            // A UTF-8 BOM first (PowerShell, Windows editors) is read past, as by the typed bodies and the webhooks.
            // A declared charset is honoured and a field given twice is a 400, as in the typed bodies (HandReadJson).
            using var doc = HandReadJson.Parse(request, body);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return (null, null, "esperado um objeto JSON");
            if (UnknownField(doc.RootElement, "notas", "resolvido_por") is { } unknown) return (null, null, unknown);
            if (HandReadJson.RepeatedField(doc.RootElement) is { } repeated) return (null, null, repeated);
            foreach (var field in new[] { "notas", "resolvido_por" })
                if (doc.RootElement.TryGetProperty(field, out var v) && v.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                    return (null, null, $"{field} precisa ser texto");
            if (TooLong(doc.RootElement, ("notas", MaxNotes), ("resolvido_por", MaxBy)) is { } tooLong) return (null, null, tooLong);
            // A control character (NUL above all) is a 400 naming the field here, not the database's refusal after the lookup.
            if (ControlCharacter(doc.RootElement, "notas", "resolvido_por") is { } control) return (null, null, control);
            return (Text(doc.RootElement, "notas", MaxNotes), Text(doc.RootElement, "resolvido_por", MaxBy), null);
        }
        catch (JsonException) { return (null, null, "JSON malformado"); }
        catch (InvalidOperationException) { return (null, null, HandReadJson.UnreadableText); }
    }

    /// <summary>"notas não pode ter caracteres de controle" for the first text field with one (line breaks and tabs allowed); null when none has.</summary>
    internal static string? ControlCharacter(JsonElement root, params string[] fields) =>
        fields.FirstOrDefault(f => root.TryGetProperty(f, out var v) && v.ValueKind == JsonValueKind.String
                                   && v.GetString()!.Any(c => char.IsControl(c) && c is not ('\n' or '\t' or '\r'))) is { } name
            ? $"{name} não pode ter caracteres de controle"
            : null;

    /// <summary>The longest resolution notes and name kept: longer is a 400 naming the field, never a silent cut (docs/decisions.md#security).</summary>
    public const int MaxNotes = 2000, MaxBy = 200;

    /// <summary>"campo desconhecido: …" for the first field that is not one of <paramref name="known"/>; null when all are.</summary>
    internal static string? UnknownField(JsonElement root, params string[] known) =>
        root.EnumerateObject().Select(p => p.Name).FirstOrDefault(name => !known.Contains(name)) is { } name
            ? $"campo desconhecido: {FrameworkName(name)} (use {string.Join(" e ", known)})"
            : null;

    /// <summary>"notas tem mais de 2000 caracteres" for the first text field longer than its bound; null when none is.</summary>
    internal static string? TooLong(JsonElement root, params (string Name, int Max)[] fields) =>
        fields.FirstOrDefault(f => root.TryGetProperty(f.Name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > f.Max)
            is { Name: { } name, Max: var max } ? $"{name} tem mais de {max} caracteres" : null;

    /// <summary>A field name as sent, when it is a plain name: hostile text is never echoed.</summary>
    static string FrameworkName(string name) =>
        name.Length is > 0 and <= 40 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? name : "(nome inválido)";

    internal static string? Text(JsonElement root, string name, int max) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s
            ? TextPrefix.Of(s, max)
            : null;

    internal static object Dto(HandoffNotice h) => new
    {
        id = h.HandoffId, conversa_id = h.ConversationId, medico_id = h.DoctorId, medico = h.DoctorName, telefone = h.Phone,
        trigger_type = h.TriggerType, motivo = h.Reason, ultima_mensagem = h.LastMessage, status = h.Status, created_at = h.CreatedAt,
        resolvido_em = h.ResolvedAt, resolvido_por = h.ResolvedBy, notas = h.Notes, chatwoot_conversation_id = h.ChatwootConversationId,
        mensagem_mais_recente = h.LatestMessage, mensagem_mais_recente_em = h.LatestMessageAt, medico_opted_out = h.DoctorOptedOut,
    };
}
