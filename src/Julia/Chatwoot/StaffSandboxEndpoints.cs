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

    static async Task<IResult> ReplyAsync(Guid id, HttpRequest request, HandoffStore handoffs, ConversationStore conversations,
        ConversationControl control, CancellationToken ct)
    {
        var body = await WebhookRequests.ReadBodyAsync(request, ct);
        string? text = null, author = null;
        try
        {
            if (body is { Length: > 0 })
            {
                using var doc = JsonDocument.Parse(body);
                if (doc.RootElement.ValueKind == JsonValueKind.Object)
                {
                    text = HandoffAdminEndpoints.Text(doc.RootElement, "texto", 4000);
                    author = HandoffAdminEndpoints.Text(doc.RootElement, "autor", 200);
                }
            }
        }
        catch (JsonException) { return TypedResults.Problem(statusCode: 400, title: "JSON malformado"); }
        catch (InvalidOperationException) { return TypedResults.Problem(statusCode: 400, title: "Texto com UTF-16 inválido (surrogate solto)"); }
        if (string.IsNullOrWhiteSpace(text)) return TypedResults.Problem(statusCode: 400, title: "texto é obrigatório");
        if (await handoffs.FindAsync(id, ct) is not { } handoff || handoff.Status == "resolvido")
            return TypedResults.Problem(statusCode: 404, title: $"Handoff aberto {id} não encontrado");
        if (await conversations.FindAsync(handoff.ConversationId, ct) is not { } conversation)
            return TypedResults.Problem(statusCode: 404, title: "Conversa do handoff não encontrada");
        var interaction = await control.RecordStaffMessageAsync(conversation, text.Trim(), "chatwoot", null, deliver: true, author ?? "equipe (simulador)", ct);
        return TypedResults.Ok(new { handoff_id = id, interacao_id = interaction?.Id, status = "em_atendimento" });
    }
}
