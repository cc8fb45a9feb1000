namespace Julia.Infrastructure.Http;

/// <summary>
/// The 400 for a JSON body's free text an operator typed (`notas`, `motivo`, `por`), titled as every other request Júlia
/// cannot take (<see cref="QueryProblems.Title"/>), with a detail naming the field.
/// </summary>
internal static class BodyProblems
{
    public static IResult Invalid(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: QueryProblems.Title, detail: detail);

    /// <summary>Each field bounded to its length and free of control characters but line breaks and tabs; null when all are fine.</summary>
    public static IResult? FreeText(params (string Name, string? Value, int Max)[] fields)
    {
        foreach (var (name, value, max) in fields)
        {
            if (value is null) continue;
            if (value.Length > max) return Invalid($"{name} tem mais de {max} caracteres");
            if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\t' or '\r'))) return Invalid($"{name} não pode ter caracteres de controle");
        }
        return null;
    }
}
