using System.Diagnostics;
using System.Text.Json;
using Julia.Infrastructure.Database;
using Julia.Infrastructure.Http;
using Julia.Infrastructure.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.WhatsApp;

/// <summary>
/// `POST /webhook/evolution` and `POST /webhook/evolution/{evento}` ("webhook by events"). Durable before
/// acknowledged: 200 only after the inbound row is committed, or the event is judged ignorable or a duplicate;
/// database down → 503 so Evolution retries.
/// </summary>
internal static partial class EvolutionWebhookEndpoints
{
    public static void MapEvolutionWebhook(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/webhook/evolution").WithTags("WhatsApp");
        group.MapPost("", (HttpContext http, Handler handler, CancellationToken ct) => handler.ReceiveAsync(http, null, ct));
        group.MapPost("/{evento}", (HttpContext http, string evento, Handler handler, CancellationToken ct) => handler.ReceiveAsync(http, evento, ct));
    }

    /// <summary>
    /// What Júlia never reads and a body may be made of: the media (`base64`) and the previews of a media, a link or an ad
    /// (`jpegThumbnail`, `thumbnail`), whatever their form (a base64 string, or the index-keyed object of 2.3.6+).
    /// </summary>
    internal static readonly string[] DroppedFields = ["base64", "jpegThumbnail", "thumbnail"];

    /// <summary>The error counter of webhooks refused for a wrong token (`erros:webhook_recusado`).</summary>
    public const string RefusedOperation = "webhook_recusado";

    internal sealed partial class Handler(
        IOptions<EvolutionOptions> options, IInboundMessageSink intake, WhatsAppConnection connection, WhatsAppMeter timings,
        TimeProvider time, ILogger<Handler> logger)
    {
        public async Task<IResult> ReceiveAsync(HttpContext http, string? eventFromPath, CancellationToken ct)
        {
            var started = Stopwatch.GetTimestamp();
            try
            {
                return await HandleAsync(http, eventFromPath, ct);
            }
            catch (Exception ex) when (DatabaseErrors.IsDataError(ex))
            {
                // The database refused this message's data: a 4xx, or Evolution would resend it ten times.
                timings.Error("webhook_evolution");
                LogDataRefused(((PostgresException)(ex as PostgresException ?? ex.InnerException!)).SqlState);
                return Invalid("dados recusados pelo banco");
            }
            catch (Exception ex) when (DatabaseErrors.IsUnavailable(ex))
            {
                timings.Error("webhook_evolution");
                LogDatabaseDown(ex);
                return TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Banco de dados indisponível",
                    detail: "A mensagem não foi gravada; a Evolution API deve reenviar.");
            }
            finally
            {
                timings.Time("webhook_evolution", Stopwatch.GetElapsedTime(started));
            }
        }

        async Task<IResult> HandleAsync(HttpContext http, string? eventFromPath, CancellationToken ct)
        {
            var o = options.Value;
            if (!string.IsNullOrEmpty(o.WebhookToken) && !WebhookAuthenticator.IsAuthorized(http.Request, o.WebhookToken, time.GetUtcNow()))
            {
                // Evolution does not resend a 401: a wrong token after a rotation loses every message, so it is said —
                // once a minute at most, whoever sends them.
                if (RefusedLogs.ShouldLog(time.GetUtcNow())) LogRefused();
                // A token that is there and wrong is Evolution configured with another one (a scanner sends none):
                // counted, for the health problem that says the messages are being lost (docs/decisions.md#metrics).
                if (WebhookAuthenticator.CarriesToken(http.Request)) timings.Error(RefusedOperation);
                return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Token do webhook ausente ou inválido");
            }
            // "Webhook by events" with the token in the URL: the event name came after the token.
            eventFromPath ??= WebhookAuthenticator.QueryToken(http.Request).Event;
            if (!http.Request.HasJsonContentType())
                return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Content-Type precisa ser application/json");
            // With the webhook's `base64` option on, Evolution puts each media file in the body: left out while it is read
            // (Júlia downloads nothing), so a video or a PDF is stored like any other message (docs/decisions.md#inbound).
            // So are the previews: since 2.3.6 each of their bytes is a `"1234":255` pair, and a PDF's or an ad's preview
            // alone could pass 1 MiB.
            var body = await WebhookRequests.ReadBodyDroppingAsync(http.Request, DroppedFields, ct);
            if (body is null)
            {
                if (TooLargeLogs.ShouldLog(time.GetUtcNow())) LogTooLarge();
                return TooLarge();
            }
            JsonDocument document;
            try { document = JsonDocument.Parse(WebhookRequests.WithoutBom(body)); }
            catch (JsonException) { return Invalid("JSON malformado"); }

            using (document)
            {
                EvolutionEvent parsed;
                // A field of an unexpected type deep in a body is a bad request, never a 500 (Evolution would retry it ten times).
                try { parsed = EvolutionWebhookParser.Parse(document.RootElement, o.Instance, eventFromPath); }
                catch (Exception ex) when (ex is InvalidOperationException or FormatException or OverflowException or ArgumentException or KeyNotFoundException)
                {
                    return Invalid("campo com tipo ou valor inesperado");
                }
                switch (parsed)
                {
                    case EvolutionEvent.Invalid invalid:
                        return Invalid(invalid.Problem);
                    case EvolutionEvent.Ignored ignored:
                        LogIgnored(ignored.Reason);
                        return TypedResults.Ok(new WebhookAnswer("ignored", ignored.Reason));
                    case EvolutionEvent.Connection update:
                        await connection.UpdateAsync(update.State, update.StatusReason);
                        return TypedResults.Ok(new WebhookAnswer("received", null));
                    case EvolutionEvent.Message message:
                        var result = await intake.AcceptAsync(message.Content, ct);
                        return TypedResults.Ok(result switch
                        {
                            IntakeResult.Accepted => new WebhookAnswer("received", null),
                            IntakeResult.Duplicate => new WebhookAnswer("duplicate", null),
                            _ => new WebhookAnswer("ignored", "endereço sem telefone nem LID"),
                        });
                    case EvolutionEvent.Revision revision:
                        // Applied: 200 `received` (the change is committed); otherwise nothing changed and it says why.
                        return TypedResults.Ok(await intake.ReviseAsync(revision.Content, ct)
                            ? new WebhookAnswer("received", null)
                            : new WebhookAnswer("ignored", revision.Content.Text is null
                                ? "apagamento de mensagem não gravada"
                                : "edição de mensagem já respondida ou não gravada"));
                    default:
                        return Invalid("evento não reconhecido");
                }
            }
        }

        static IResult Invalid(string problem) =>
            TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Webhook inválido", detail: problem);

        static IResult TooLarge() =>
            TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Corpo maior que 1 MiB");

        /// <summary>One line a minute at most: a sender of large bodies or wrong tokens never floods the log.</summary>
        readonly LogThrottle TooLargeLogs = new(TimeSpan.FromMinutes(1)), RefusedLogs = new(TimeSpan.FromMinutes(1));

        [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Evolution webhook refused with 401: token missing or not EVOLUTION_WEBHOOK_TOKEN (Evolution does not resend it: the message is lost)")]
        private partial void LogRefused();

        [LoggerMessage(EventId = 1013, Level = LogLevel.Warning, Message = "Evolution webhook refused with 413: over 1 MiB without its media and previews (base64, jpegThumbnail, thumbnail); the message was not stored")]
        private partial void LogTooLarge();

        [LoggerMessage(EventId = 1010, Level = LogLevel.Debug, Message = "Evolution webhook ignored: {Reason}")]
        private partial void LogIgnored(string reason);

        [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Evolution webhook refused with 400: the database rejected its data (SQLSTATE {SqlState})")]
        private partial void LogDataRefused(string sqlState);

        [LoggerMessage(EventId = 1011, Level = LogLevel.Error, Message = "Evolution webhook refused with 503: database unavailable")]
        private partial void LogDatabaseDown(Exception ex);
    }

    /// <summary>`{"status":"received"}` exactly as the contract writes it; `motivo` only when there is one (an ignored event).</summary>
    internal sealed record WebhookAnswer(string Status,
        [property: System.Text.Json.Serialization.JsonPropertyName("motivo")]
        [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
        string? Reason);
}
