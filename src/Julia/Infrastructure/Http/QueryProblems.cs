namespace Julia.Infrastructure.Http;

/// <summary>
/// The 400 for a query-string value Júlia checks herself (`limite=0`, `status=aberto`), worded as the framework's own
/// binding error for the same parameter (`limite=abc`: "Requisição inválida", "parâmetro limite …"), so both read alike;
/// the detail names the parameter and what is allowed. The value sent is echoed only when it is a number.
/// </summary>
internal static class QueryProblems
{
    public const string Title = "Requisição inválida";

    public static IResult Invalid(string parameter, string rule) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: Title, detail: $"parâmetro {parameter}: {rule}");

    /// <summary>A filter outside its words.</summary>
    public static IResult OneOf(string parameter, IEnumerable<string> allowed) => Invalid(parameter, $"use um de: {string.Join(", ", allowed)}");

    /// <summary>`limite` outside 1–<paramref name="max"/> or a negative `offset`; null when both are fine.</summary>
    public static IResult? Paging(int? limite, int? offset, int max) =>
        limite is { } l && (l < 1 || l > max) ? Invalid("limite", $"precisa ser um número inteiro de 1 a {max} (recebido: {l})")
        : offset is { } o && o < 0 ? Invalid("offset", $"precisa ser 0 ou mais (recebido: {o})")
        : null;
}
