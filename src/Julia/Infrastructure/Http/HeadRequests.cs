using Microsoft.AspNetCore.Routing;

namespace Julia.Infrastructure.Http;

/// <summary>
/// Which methods an endpoint answers (docs/decisions.md#security, "Methods"): HEAD wherever GET is (RFC 9110 §9.3.2 —
/// an uptime monitor's default, which got a 405 on `/health`), and the endpoints mapped without a method (`/health/ready`,
/// `/metrics`) only GET and HEAD, like every other read — any method was a 200 there.
/// </summary>
internal static class HeadRequests
{
    static readonly string[] GetAndHead = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// The group every route is mapped in: each endpoint that answers GET answers HEAD too (Kestrel sends the same status and
    /// headers without the body). Run last, so it sees the methods each endpoint ended with.
    /// </summary>
    public static RouteGroupBuilder MapRoutesWithHead(this IEndpointRouteBuilder app)
    {
        var routes = app.MapGroup("");
        ((IEndpointConventionBuilder)routes).Finally(endpoint =>
        {
            if (endpoint.Metadata.OfType<IHttpMethodMetadata>().LastOrDefault() is not { } methods) return;
            if (!methods.HttpMethods.Contains(HttpMethods.Get) || methods.HttpMethods.Contains(HttpMethods.Head)) return;
            endpoint.Metadata.Add(new HttpMethodMetadata([.. methods.HttpMethods, HttpMethods.Head], methods.AcceptCorsPreflight));
        });
        return routes;
    }

    /// <summary>GET and HEAD only, for an endpoint mapped without a method (a health check, the Prometheus scrape).</summary>
    public static TBuilder OnlyGetAndHead<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new HttpMethodMetadata(GetAndHead));
}
