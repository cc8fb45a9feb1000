using System.Text.Json;
using Julia.Infrastructure.Database;
using Julia.Infrastructure.Http;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Chatwoot;

/// <summary>
/// `POST /chatwoot/webhook`: CHATWOOT_WEBHOOK_TOKEN as `?token=` (Chatwoot's webhook settings take only a URL), header
/// `X-Chatwoot-Token` or `Authorization: Bearer`; with CHATWOOT_WEBHOOK_SECRET, `X-Chatwoot-Signature` too. A body that is
/// not a usable event is a 400 ProblemDetails or a 200 "ignored" — never a 5xx; the database being down is a 503.
/// </summary>
internal static partial class ChatwootWebhookEndpoints
{
    static readonly TimeSpan SignatureTolerance = TimeSpan.FromMinutes(5);

    public static void MapChatwootWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/chatwoot/webhook", (HttpContext http, Handler handler, CancellationToken ct) => handler.ReceiveAsync(http, ct)).WithTags("Chatwoot");

    internal sealed partial class Handler(ChatwootEventHandler events, IOptions<ChatwootOptions> options, TimeProvider time, ILogger<Handler> logger)
    {
        public async Task<IResult> ReceiveAsync(HttpContext http, CancellationToken ct)
        {
            try
            {
                return await HandleAsync(http, ct);
            }
            catch (Exception ex) when (DatabaseErrors.IsDataError(ex))
            {
                return Invalid("dados recusados pelo banco");
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                LogDatabaseDown(ex);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Banco de dados indisponível");
            }
        }

        async Task<IResult> HandleAsync(HttpContext http, CancellationToken ct)
        {
            var o = options.Value;
            var request = http.Request;
            if (!string.IsNullOrEmpty(o.WebhookToken) && !IsAuthorized(request, o.WebhookToken))
            {
                if (RefusedLogs.ShouldLog(time.GetUtcNow())) LogRefused("token ausente ou diferente de CHATWOOT_WEBHOOK_TOKEN");
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Token do webhook do Chatwoot ausente ou inválido");
            }
            var body = await WebhookRequests.ReadBodyAsync(request, ct);
            if (body is null) return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Corpo maior que 1 MiB");
            if (!string.IsNullOrEmpty(o.WebhookSecret) && !ChatwootSignature.IsValid(o.WebhookSecret, request.Headers["X-Chatwoot-Timestamp"],
                    request.Headers["X-Chatwoot-Signature"], body, time.GetUtcNow(), SignatureTolerance))
            {
                if (RefusedLogs.ShouldLog(time.GetUtcNow())) LogRefused("assinatura X-Chatwoot-Signature ausente, vencida ou diferente (CHATWOOT_WEBHOOK_SECRET)");
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Assinatura X-Chatwoot-Signature ausente ou inválida");
            }

            JsonDocument document;
            try { document = JsonDocument.Parse(WebhookRequests.WithoutBom(body)); }
            catch (JsonException) { return Invalid("JSON malformado"); }
            using (document)
            {
                var parsed = ChatwootWebhookParser.Parse(document.RootElement);
                if (parsed is ChatwootEvent.Invalid invalid) return Invalid(invalid.Problem);
                var outcome = await events.HandleAsync(parsed, ct);
                return TypedResults.Ok(new { status = outcome.Handled ? "ok" : "ignored", acao = outcome.Action });
            }
        }

        static bool IsAuthorized(HttpRequest request, string token) =>
            WebhookRequests.SecretMatches(request.Query["token"], token) ||
            WebhookRequests.SecretMatches(request.Headers["X-Chatwoot-Token"], token) ||
            WebhookRequests.SecretMatches(WebhookRequests.Bearer(request), token);

        static IResult Invalid(string problem) =>
            TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook do Chatwoot inválido", detail: problem);

        /// <summary>One line a minute at most, whoever sends them: a staff reply refused is a reply the doctor never gets.</summary>
        readonly Infrastructure.Logging.LogThrottle RefusedLogs = new(TimeSpan.FromMinutes(1));

        [LoggerMessage(EventId = 6316, Level = LogLevel.Warning, Message = "Chatwoot webhook refused with 401: {Reason}")]
        private partial void LogRefused(string reason);

        [LoggerMessage(EventId = 6310, Level = LogLevel.Error, Message = "Chatwoot webhook refused with 503: database unavailable")]
        private partial void LogDatabaseDown(Exception ex);
    }
}
