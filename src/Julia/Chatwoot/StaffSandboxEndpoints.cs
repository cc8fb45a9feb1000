using System.Text.Json;
using Julia.Conversations;
using Julia.Handoffs;
using Julia.Infrastructure.Admin;
using Julia.Infrastructure.Http;

namespace Julia.Chatwoot;

/// <summary>
/// Without CHATWOOT_URL the simulator page stands in for Chatwoot (docs/decisions.md#modes): its staff pane lists open
/// handoffs, replies as staff — stored as a `humano` message and sent to the doctor through the queue — and resolves
/// through `POST /admin/handoffs/{id}/resolver`. Bearer ADMIN_API_TOKEN when one is set.
/// </summary>
internal static class StaffSandboxEndpoints
{
    public static void MapStaffSandbox(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/sandbox/equipe").WithTags("Sandbox").RequireAdminToken();
        group.MapGet("/handoffs", ListAsync);
        group.MapPost("/handoffs/{id:guid}/responder", ReplyAsync);
    }

    static async Task<IResult> ListAsync(HandoffStore handoffs, CancellationToken ct)
    {
        var open = (await handoffs.ListAsync("pendente", 100, ct)).Concat(await handoffs.ListAsync("em_atendimento", 100, ct))
            .OrderBy(h => h.CreatedAt);
        return TypedResults.Ok(open.Select(HandoffAdminEndpoints.Dto));
    }

    /// <summary>The longest staff reply and author name the pane takes.</summary>
    public const int MaxText = 4000, MaxAuthor = 200;

    static async Task<IResult> ReplyAsync(Guid id, HttpRequest request, HandoffStore handoffs, ConversationStore conversations,
        ConversationControl control, CancellationToken ct)
    {
        var body = await WebhookRequests.ReadBodyAsync(request, ct);
        string? text = null, author = null;
        try
        {
            if (body is { Length: > 0 })
            {
                using var doc = HandReadJson.Parse(request, body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    // As /admin/handoffs/{id}/resolver: a misspelt field or a text over its bound is a 400 naming it — the
                    // doctor never gets a reply cut at 4 000 characters without the sender knowing.
                    if (HandoffAdminEndpoints.UnknownField(doc.RootElement, "texto", "autor") is { } unknown) return BadBody(unknown);
                    if (HandReadJson.RepeatedField(doc.RootElement) is { } repeated) return BadBody(repeated);
                    if (HandoffAdminEndpoints.TooLong(doc.RootElement, ("texto", MaxText), ("autor", MaxAuthor)) is { } tooLong) return BadBody(tooLong);
                    if (HandoffAdminEndpoints.ControlCharacter(doc.RootElement, "texto", "autor") is { } controlCharacter) return BadBody(controlCharacter);
                    text = HandoffAdminEndpoints.Text(doc.RootElement, "texto", MaxText);
                    author = HandoffAdminEndpoints.Text(doc.RootElement, "autor", MaxAuthor);
                }
            }
        }
        // The same words and statuses as POST /admin/handoffs/{id}/resolver: a body problem is "Corpo inválido" with what
        // is wrong, a handoff that does not exist a 404, one already resolved a 409.
        catch (JsonException) { return BadBody("JSON malformado"); }
        catch (InvalidOperationException) { return BadBody(HandReadJson.UnreadableText); }
        if (string.IsNullOrWhiteSpace(text)) return BadBody("texto é obrigatório: envie {\"texto\": \"…\"} (autor é opcional)");
        if (await handoffs.FindAsync(id, ct) is not { } handoff)
            return TypedResults.Problem(statusCode: 404, title: $"Handoff {id} não encontrado");
        if (handoff.Status == "resolvido")
            return TypedResults.Problem(statusCode: 409, title: $"Handoff {id} já está resolvido", detail: "a conversa voltou para a Júlia; responda por um handoff aberto");
        if (await conversations.FindAsync(handoff.ConversationId, ct) is not { } conversation)
            return TypedResults.Problem(statusCode: 404, title: "Conversa do handoff não encontrada");
        var interaction = await control.RecordStaffMessageAsync(conversation, text.Trim(), "chatwoot", null, deliver: true, author ?? "equipe (simulador)", ct);
        return TypedResults.Ok(new { handoff_id = id, interacao_id = interaction?.Id, status = "em_atendimento" });
    }

    static IResult BadBody(string detail) => TypedResults.Problem(statusCode: 400, title: "Corpo inválido", detail: detail);
}
