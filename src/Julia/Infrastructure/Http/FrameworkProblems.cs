using Microsoft.AspNetCore.WebUtilities;

namespace Julia.Infrastructure.Http;

/// <summary>
/// The answers ASP.NET writes by itself — no route (404), a method the route does not take (405), a body that is not
/// JSON (415), a byte range past the end of a static page (416)… — in pt-BR like every other error an operator reads,
/// with a hint of what to check. Titles Júlia sets herself are left alone: only the framework's English reason phrase
/// is replaced, whatever the status (the 416 said "Range Not Satisfiable": an audit of what people read, 2026-12-04).
/// </summary>
internal static class FrameworkProblems
{
    /// <summary>The title ASP.NET's writer gives a 500 instead of its reason phrase (an unhandled exception: a bug).</summary>
    const string DefaultServerErrorTitle = "An error occurred while processing your request.";

    /// <summary>
    /// Titles ASP.NET's problem writer takes from RFC 9110 where they differ from its reason phrases: a body over Kestrel's
    /// limit on a typed admin body was a 413 "Content Too Large" (the phrase is "Payload Too Large"; an outside pass over
    /// the transport, 2026-12-06).
    /// </summary>
    static readonly Dictionary<int, string> Rfc9110Titles = new()
    {
        [StatusCodes.Status413PayloadTooLarge] = "Content Too Large",
        [StatusCodes.Status416RangeNotSatisfiable] = "Range Not Satisfiable",
        [StatusCodes.Status422UnprocessableEntity] = "Unprocessable Content",
    };

    public static void InPortuguese(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is { } title && title != ReasonPhrases.GetReasonPhrase(status) && title != DefaultServerErrorTitle
            && title != Rfc9110Titles.GetValueOrDefault(status)) return;
        (problem.Title, var detail) = status switch
        {
            StatusCodes.Status400BadRequest => ("Requisição inválida", null),
            StatusCodes.Status401Unauthorized => ("Não autorizado", "envie o token no cabeçalho Authorization: Bearer …"),
            StatusCodes.Status403Forbidden => ("Proibido", null),
            StatusCodes.Status404NotFound => ("Não encontrado", context.HttpContext.Request.Path.StartsWithSegments("/campanhas")
                ? "nada neste endereço: confira o caminho e o id (o id de uma campanha é um número, o da resposta 201)"
                : "nada neste endereço: confira o caminho e o id (um id é o UUID completo, não só os primeiros caracteres)"),
            StatusCodes.Status405MethodNotAllowed => ("Método não permitido",
                $"este endereço não aceita {context.HttpContext.Request.Method}"),
            StatusCodes.Status415UnsupportedMediaType => ("Tipo de conteúdo não suportado",
                "o corpo precisa ser JSON (Content-Type: application/json)"),
            StatusCodes.Status406NotAcceptable => ("Formato de resposta não disponível", "esta rota responde em JSON (Accept: application/json)"),
            StatusCodes.Status408RequestTimeout => ("Tempo da requisição esgotado", "o corpo demorou demais para chegar: tente de novo"),
            StatusCodes.Status409Conflict => ("Conflito", null),
            StatusCodes.Status411LengthRequired => ("Content-Length obrigatório", null),
            StatusCodes.Status413PayloadTooLarge => ("Corpo grande demais", "o corpo passa de 30 MB, o limite desta rota"),
            StatusCodes.Status414UriTooLong => ("Endereço longo demais", null),
            StatusCodes.Status416RangeNotSatisfiable => ("Intervalo de bytes fora do arquivo",
                "o cabeçalho Range pede bytes que o arquivo não tem: peça sem Range"),
            StatusCodes.Status429TooManyRequests => ("Requisições demais", "espere um pouco e tente de novo"),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => ("Cabeçalhos grandes demais", null),
            StatusCodes.Status500InternalServerError => ("Erro interno", "veja os logs da Júlia"),
            StatusCodes.Status502BadGateway => ("Resposta inválida de um serviço externo", null),
            StatusCodes.Status503ServiceUnavailable => ("Serviço indisponível", "tente de novo em instantes"),
            StatusCodes.Status504GatewayTimeout => ("Tempo esgotado esperando um serviço externo", null),
            // Any other status the framework writes by itself: never its English reason phrase.
            _ => (status >= 500 ? $"Erro {status} do servidor" : $"Erro {status} na requisição", null),
        };
        problem.Detail ??= detail;
    }
}
