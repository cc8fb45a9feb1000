using Microsoft.AspNetCore.WebUtilities;

namespace Julia.Infrastructure.Http;

/// <summary>
/// The answers ASP.NET writes by itself — no route (404), a method the route does not take (405), a body that is not
/// JSON (415)… — in pt-BR like every other error an operator reads, with a hint of what to check. Titles Júlia sets
/// herself are left alone: only the framework's English reason phrase is replaced.
/// </summary>
internal static class FrameworkProblems
{
    public static void InPortuguese(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        if (problem.Title is { } title && title != ReasonPhrases.GetReasonPhrase(status)) return;
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
            _ => (problem.Title, null),
        };
        problem.Detail ??= detail;
    }
}
