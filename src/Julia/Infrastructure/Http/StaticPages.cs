namespace Julia.Infrastructure.Http;

/// <summary>
/// wwwroot pages with the headers a browser needs to keep them safe (no sniffing, no framing, scripts and connections
/// only from Júlia herself), minus the pages the host says this process does not serve (404).
/// </summary>
internal static class StaticPages
{
    const string Policy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; " +
                          "img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static void UseStaticPages(this WebApplication app, params string[] notServed)
    {
        app.Use(async (http, next) =>
        {
            if (notServed.Any(p => http.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase)))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            await next(http);
        });
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx =>
            {
                var headers = ctx.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers.ContentSecurityPolicy = Policy;
                headers["Referrer-Policy"] = "no-referrer";
            },
        });
    }
}
