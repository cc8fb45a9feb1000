using System.Text.Json;
using Julia.Infrastructure.Database;
using Microsoft.AspNetCore.Diagnostics;

namespace Julia.Infrastructure.Http;

/// <summary>
/// The last line against hostile input on every endpoint (docs/decisions.md#security): a request the framework cannot bind
/// (malformed JSON, a field of the wrong type, no JSON content type, a query value that is not a number) gets its 4xx and a
/// value the database refuses a 400, as ProblemDetails in pt-BR and without an ERROR line; an unreachable database is a 503.
/// Anything else is not handled here: a 500 with an ERROR line, because it is a bug.
/// </summary>
internal sealed partial class HostileInputExceptionHandler(IProblemDetailsService problems, ILogger<HostileInputExceptionHandler> logger)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        int status;
        string title, detail;
        if (exception is BadHttpRequestException bad)
        {
            (status, title) = (bad.StatusCode, bad.StatusCode == StatusCodes.Status408RequestTimeout ? "Tempo da requisição esgotado" : "Requisição inválida");
            detail = bad.StatusCode switch
            {
                // Kestrel's minimum body rate (a body trickling in, or a Content-Length never reached): not "JSON malformado".
                StatusCodes.Status408RequestTimeout => "o corpo demorou demais para chegar (menos de 240 bytes por segundo): envie de novo",
                StatusCodes.Status415UnsupportedMediaType => "o corpo precisa ser JSON (Content-Type: application/json)",
                StatusCodes.Status413PayloadTooLarge => "corpo grande demais",
                // The JSON path or the parameter names a field of the endpoint's own; the value itself is never echoed.
                _ => bad.InnerException is JsonException { Path: { Length: > 0 } path } json
                    ? json.Message.Contains("could not be mapped", StringComparison.Ordinal)
                        ? $"campo desconhecido: {path.TrimStart('$', '.')} (confira o nome na documentação)"
                        : json.Message.Contains("uplicate", StringComparison.Ordinal)
                            ? $"campo repetido: {path.TrimStart('$', '.')} (envie cada campo uma vez)"
                            : $"campo {path} ausente, malformado ou com tipo inesperado"
                    : BoundParameter().Match(bad.Message) is { Success: true } p
                        ? $"parâmetro {WireName(http, p.Groups["name"].Value)} com tipo ou valor inesperado"
                        : RequiredParameter().Match(bad.Message) is { Success: true } r
                            ? $"parâmetro {WireName(http, r.Groups["name"].Value)} é obrigatório"
                            : "JSON malformado, ou parâmetro da URL ou do corpo com tipo ou valor inesperado",
            };
            LogBadRequest(Where(http), status);
        }
        else if (exception is InvalidOperationException { InnerException: ArgumentException } && UnknownJsonCharset(http.Request))
        {
            // ASP.NET's JSON binder throws a plain InvalidOperationException for a charset .NET has no encoding for
            // (`application/json; charset=bogus`): the sender's fault, a 415 like a body that is not JSON — not a 500
            // with an ERROR and a stack trace per request (docs/decisions.md#security).
            (status, title, detail) = (StatusCodes.Status415UnsupportedMediaType, "Requisição inválida",
                "charset desconhecido no Content-Type: envie o corpo em UTF-8 (Content-Type: application/json)");
            LogBadRequest(Where(http), status);
        }
        else if (DatabaseErrors.IsDataError(exception))
        {
            (status, title, detail) = (StatusCodes.Status400BadRequest, "Dados recusados pelo banco", "um valor da requisição não pode ser gravado");
            LogDataRefused(Where(http), DatabaseErrors.SqlState(exception));
        }
        else if (DatabaseErrors.IsUnavailable(exception))
        {
            (status, title, detail) = (StatusCodes.Status503ServiceUnavailable, "Banco de dados indisponível", "tente de novo em instantes");
            LogDatabaseDown(Where(http), exception);
        }
        else return false;

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        });
    }

    /// <summary>Whether the request's JSON Content-Type names a charset .NET has no encoding for (as the binder reads it).</summary>
    static bool UnknownJsonCharset(HttpRequest request)
    {
        if (!Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || type.Charset.Length == 0) return false;
        try
        {
            System.Text.Encoding.GetEncoding(type.Charset.ToString());
            return false;
        }
        catch (ArgumentException) { return true; }
    }

    /// <summary>The endpoint that failed (the middleware has already cleared the request's own), else the path.</summary>
    static string? Where(HttpContext http) =>
        http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.DisplayName ?? http.Request.Path.Value;

    /// <summary>
    /// The name the caller wrote for a handler's parameter: `[FromQuery(Name = "conversa_id")] Guid? conversaId` is
    /// `conversa_id` to an operator (ASP.NET's message names the C# parameter).
    /// </summary>
    static string WireName(HttpContext http, string parameter) =>
        http.Features.Get<IExceptionHandlerFeature>()?.Endpoint?.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.GetParameters()
            .FirstOrDefault(p => p.Name == parameter)?.GetCustomAttributes(inherit: false).OfType<Microsoft.AspNetCore.Http.Metadata.IFromQueryMetadata>()
            .FirstOrDefault()?.Name ?? parameter;

    // ASP.NET's own wording for a query/route value it cannot bind: `Failed to bind parameter "int? limite" from "abc".`
    [System.Text.RegularExpressions.GeneratedRegex("""^Failed to bind parameter "[^"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)" from """)]
    private static partial System.Text.RegularExpressions.Regex BoundParameter();

    [System.Text.RegularExpressions.GeneratedRegex("""^Required parameter "[^"]*?(?<name>[A-Za-z_][A-Za-z0-9_]*)" was not provided""")]
    private static partial System.Text.RegularExpressions.Regex RequiredParameter();

    [LoggerMessage(EventId = 160, Level = LogLevel.Debug, Message = "{Endpoint} refused with {Status}: the request could not be bound")]
    private partial void LogBadRequest(string? endpoint, int status);

    [LoggerMessage(EventId = 161, Level = LogLevel.Warning, Message = "{Endpoint} refused with 400: the database rejected a value (SQLSTATE {SqlState})")]
    private partial void LogDataRefused(string? endpoint, string? sqlState);

    [LoggerMessage(EventId = 162, Level = LogLevel.Error, Message = "{Endpoint} refused with 503: database unavailable")]
    private partial void LogDatabaseDown(string? endpoint, Exception ex);
}
