using System.Security.Cryptography;
using System.Text;

namespace Julia.Infrastructure.Admin;

/// <summary>
/// `Authorization: Bearer &lt;ADMIN_API_TOKEN&gt;` on /admin/*, /jobs/*, /campanhas/*, /metricas/* (docs/decisions.md#security). With no token
/// configured (development) the routes are open and start-up says so; ENVIRONMENT=production requires the token.
/// </summary>
internal sealed class AdminAuthFilter(IConfiguration configuration) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (IsAuthorized(context.HttpContext.Request, configuration)) return await next(context);
        return Unauthorized();
    }

    public static bool IsAuthorized(HttpRequest request, IConfiguration configuration)
    {
        var token = configuration["Admin:ApiToken"];
        if (string.IsNullOrEmpty(token)) return true;
        var header = request.Headers.Authorization.ToString();
        var given = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        return given.Length > 0 && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(token));
    }

    public static IResult Unauthorized() =>
        TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Authorization: Bearer <ADMIN_API_TOKEN> ausente ou inválido");
}

/// <summary>Endpoint metadata: the endpoint is behind ADMIN_API_TOKEN (<see cref="AdminAuthExtensions.RequireAdminToken"/>).</summary>
internal sealed class AdminTokenRequired
{
    public static readonly AdminTokenRequired Instance = new();
}

internal static class AdminAuthExtensions
{
    public static TBuilder RequireAdminToken<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(AdminTokenRequired.Instance).AddEndpointFilter<TBuilder, AdminAuthFilter>();

    /// <summary>
    /// The token of the endpoints marked by <see cref="RequireAdminToken"/>, checked before their route, query and body
    /// are bound (docs/decisions.md#security): an endpoint filter runs only after binding, so a request without the token
    /// had its body read and parsed first, and got the binder's 400 naming the endpoint's fields — or, for a charset .NET
    /// does not know, a 500 — instead of a 401. The filter stays as a second check.
    /// </summary>
    public static IApplicationBuilder UseAdminTokenBeforeBinding(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<AdminTokenRequired>() is null
            || AdminAuthFilter.IsAuthorized(http.Request, http.RequestServices.GetRequiredService<IConfiguration>()))
            await next(http);
        else await AdminAuthFilter.Unauthorized().ExecuteAsync(http);
    });

    /// <summary>The same check as middleware, for endpoints that are not route handlers (the Prometheus scrape).</summary>
    public static IApplicationBuilder UseAdminToken(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (AdminAuthFilter.IsAuthorized(http.Request, http.RequestServices.GetRequiredService<IConfiguration>())) await next(http);
        else await AdminAuthFilter.Unauthorized().ExecuteAsync(http);
    });
}
