namespace Julia.Infrastructure.Http;

/// <summary>
/// A request body sent compressed (`Content-Encoding: gzip`, `deflate`, `br`…) is a 415 that says so, on every endpoint
/// (docs/decisions.md#security, "Transport"): nobody Júlia serves compresses what he sends (Evolution posts with axios,
/// Chatwoot with plain JSON, the admin API is curl), and the bytes read as JSON were a 400 "JSON malformado" that sent
/// the operator looking for a bad field. Not decoded: a small gzip can inflate past every body limit.
/// </summary>
internal static class ContentEncodings
{
    public static IApplicationBuilder RefuseCompressedBodies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!IsEncoded(http.Request))
        {
            await next(http);
            return;
        }
        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            // The header's value is the sender's text: not echoed.
            ProblemDetails =
            {
                Status = StatusCodes.Status415UnsupportedMediaType, Title = "Corpo comprimido não aceito",
                Detail = "o corpo chegou com Content-Encoding: envie o JSON sem compressão (sem o cabeçalho Content-Encoding)",
            },
        });
    });

    /// <summary>Whether the request has a body and names a content coding other than `identity` (RFC 9110 §8.4).</summary>
    static bool IsEncoded(HttpRequest request) =>
        request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false
        && request.Headers.ContentEncoding.Any(value => value?.Split(',').Any(c => c.Trim() is { Length: > 0 } coding
            && !coding.Equals("identity", StringComparison.OrdinalIgnoreCase)) == true);
}
