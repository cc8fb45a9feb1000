using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Julia.IntegrationTests.TestHost;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.HostileInput;

namespace Julia.IntegrationTests.Host;

/// <summary>One route and method of the running app, with what it reads: route values, query names, a declared JSON body type.</summary>
internal sealed record RouteInfo(RoutePattern Pattern, string Method, IReadOnlySet<string> PatternMethods, Type? BodyType, IReadOnlyList<string> QueryNames)
{
    public string Text => Pattern.RawText ?? "";
    public bool HasBody => Method is "POST" or "PUT" or "PATCH";
}

/// <summary>
/// One hostile request. A route value left null is filled, when sent, with an id that exists; <see cref="Authorization"/>
/// null means the valid admin token, "" no header at all.
/// </summary>
internal sealed record HostileCase(string Name, RouteInfo Route, string Method, IReadOnlyDictionary<string, string?> RouteValues, string Query,
    byte[]? Body, string? ContentType, string? Authorization = null);

/// <summary>
/// Hostile requests generated from the real route table, so a new endpoint is covered the day it is mapped: route and
/// query values, every body (raw, and each field of its declared type × <see cref="HostileInput.Mutations"/>), a wrong
/// method and hostile admin tokens.
/// </summary>
internal static class RouteCorpus
{
    static readonly string[] HostileValues =
    [
        "", "0", "-1", "9223372036854775807", "99999999999999999999", "abc", "1.5", "1e308", " 1", "\0", "\u202E🧨\u200B", new string('9', 5_000),
        "<script>alert(1)</script>", "../../etc/passwd", "%", "00000000-0000-0000-0000-000000000000", "{}", "null", "pendente\0",
    ];

    static readonly string[] HostileAuthorizations =
    [
        "", "Bearer", "Bearer ", "Bearer x", "Basic dXNlcjpwYXNz", "Bearer " + new string('t', 100_000), "Bearer \u00e9\u202E", "Token tok", "Bearer a b c",
        "Bearer eyJhbGciOiJub25lIn0.eyJleHAiOjk5OTk5OTk5OTl9.", "Bearer eyJhbGciOiJIUzI1NiJ9.W10.c2ln",
    ];

    public static List<RouteInfo> Routes(IServiceProvider services, params string[] excludedPrefixes)
    {
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => !excludedPrefixes.Any(p => (e.RoutePattern.RawText ?? "").StartsWith(p, StringComparison.Ordinal))).ToList();
        var methodsByPattern = endpoints.GroupBy(e => e.RoutePattern.RawText ?? "").ToDictionary(
            g => g.Key, g => (IReadOnlySet<string>)g.SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).ToHashSet());
        // HEAD is the GET endpoint without its body (Infrastructure/Http/HeadRequests): its cases are the GET's.
        return [.. endpoints.SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Where(m => m != "HEAD").Select(method => new RouteInfo(
            e.RoutePattern, method, methodsByPattern[e.RoutePattern.RawText ?? ""], e.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType,
            QueryNames(e.Metadata.GetMetadata<MethodInfo>(), e.RoutePattern))))];
    }

    /// <summary>The cases of one route; <paramref name="body"/> is a valid body for it (null when it takes none or it is unknown).</summary>
    public static IEnumerable<HostileCase> Cases(RouteInfo route, JsonObject? body)
    {
        var existing = route.Pattern.Parameters.ToDictionary(p => p.Name, _ => (string?)null);
        var validBody = body is null ? null : Encoding.UTF8.GetBytes(body.ToJsonString());
        const string json = "application/json";
        var name = $"{route.Method} {route.Text}";

        yield return new($"{name} existente", route, route.Method, existing, "", validBody, json);
        foreach (var parameter in route.Pattern.Parameters)
            foreach (var value in HostileValues.Where(v => !v.Contains('\0'))) // Kestrel refuses a NUL in the path before the app (400)
                yield return new($"{name} {{{parameter.Name}}} = {Show(value)}", route, route.Method,
                    new Dictionary<string, string?>(existing) { [parameter.Name] = value }, "", validBody, json);
        foreach (var query in route.QueryNames)
        {
            foreach (var value in HostileValues)
                yield return new($"{name} ?{query}={Show(value)}", route, route.Method, existing, $"?{query}={Uri.EscapeDataString(value)}", validBody, json);
            yield return new($"{name} ?{query} repetido", route, route.Method, existing, $"?{query}=1&{query}=2", validBody, json);
        }
        yield return new($"{name} query desconhecida", route, route.Method, existing, $"?%00=%00&x={new string('x', 5_000)}&%E2%80%AE=1", validBody, json);
        if (route.PatternMethods.Count > 0 && route.Method == route.PatternMethods.Order().First()
            && new[] { "PATCH", "DELETE", "PUT" }.FirstOrDefault(m => !route.PatternMethods.Contains(m)) is { } wrong)
            yield return new($"{wrong} {route.Text}", route, wrong, existing, "", validBody, json);
        foreach (var authorization in HostileAuthorizations)
            yield return new($"{name} Authorization {Show(authorization)}", route, route.Method, Unknown(route), "", validBody, json, authorization);
        // Without a token, hostile input is refused for the token, before anything is bound: an endpoint filter checked it
        // only after binding, so these were the binder's 400 naming the endpoint's fields, or a 500 (an outside fuzzing pass).
        foreach (var query in route.QueryNames)
            yield return new($"{name} sem token ?{query}=abc", route, route.Method, Unknown(route), $"?{query}=abc", validBody, json, "");
        if (route.HasBody)
            foreach (var (raw, bytes, contentType) in new[] { ("não é JSON", "isto não é JSON"u8.ToArray(), json), ("campo desconhecido", "{\"campo_que_nao_existe\":1}"u8.ToArray(), json),
                         ("charset desconhecido", "{}"u8.ToArray(), "application/json; charset=bogus-9") })
                yield return new($"{name} sem token, corpo {raw}", route, route.Method, Unknown(route), "", bytes, contentType, "");

        if (!route.HasBody) yield break;
        foreach (var (raw, bytes, contentType) in RawBodies())
            yield return new($"{name} corpo {raw}", route, route.Method, existing, "", bytes, contentType);
        if (body is null) yield break;
        foreach (var field in Fields(body))
            foreach (var (mutation, value) in Mutations)
            {
                var mutated = body.DeepClone();
                Set(mutated, field, value);
                yield return new($"{name} {field} = {mutation}", route, route.Method, existing, "", Encoding.UTF8.GetBytes(mutated.ToJsonString()), json);
            }
    }

    /// <summary>The path of a route with these values (escaped), e.g. `/campanhas/%00/iniciar`.</summary>
    public static string Path(RoutePattern pattern, IReadOnlyDictionary<string, string> values) =>
        "/" + string.Join("/", pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart v => Uri.EscapeDataString(values[v.Name]),
            RoutePatternSeparatorPart s => s.Content,
            _ => "",
        }))));

    public static string? Constraint(RoutePatternParameterPart parameter) => parameter.ParameterPolicies.FirstOrDefault()?.Content;

    /// <summary>A valid JSON body for a declared type: every property with a plausible value (nested records too).</summary>
    public static JsonObject Sample(Type type, IReadOnlyDictionary<string, Func<JsonNode?>> known, int depth = 0)
    {
        var body = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetCustomAttribute<JsonExtensionDataAttribute>() is null))
        {
            var jsonName = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicyCamel(property.Name);
            var t = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            body[jsonName] = known.TryGetValue(jsonName, out var value) ? value()
                : t == typeof(string) ? "teste"
                : t == typeof(bool) ? false
                : t.IsPrimitive || t == typeof(decimal) ? 1
                : t == typeof(DateTimeOffset) || t == typeof(DateTime) ? DateTimeOffset.UtcNow.AddDays(1).ToString("O")
                : t == typeof(Guid) ? Guid.NewGuid().ToString()
                : t.IsArray || t.IsAssignableTo(typeof(System.Collections.IEnumerable)) ? new JsonArray()
                : depth < 3 ? Sample(t, known, depth + 1) : null;
        }
        return body;
    }

    static IEnumerable<string> Fields(JsonObject body, string prefix = "")
    {
        foreach (var (key, value) in body)
        {
            yield return prefix + key;
            if (value is JsonObject inner)
                foreach (var nested in Fields(inner, $"{prefix}{key}.")) yield return nested;
        }
    }

    static IReadOnlyList<string> QueryNames(MethodInfo? handler, RoutePattern pattern) =>
        handler is null ? [] : [.. handler.GetParameters().Where(p => IsSimple(p.ParameterType) && pattern.GetParameter(p.Name!) is null).Select(p => p.Name!)];

    static bool IsSimple(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(Guid) || t == typeof(DateTime)
               || t == typeof(DateTimeOffset) || t == typeof(DateOnly) || t == typeof(TimeSpan);
    }

    /// <summary>Route values that name nothing (no id is minted for a request that must be refused anyway).</summary>
    static Dictionary<string, string?> Unknown(RouteInfo route) => route.Pattern.Parameters.ToDictionary(p => p.Name, p => (string?)(Constraint(p) switch
    {
        "guid" => Guid.NewGuid().ToString(),
        "long" or "int" => "987654321",
        _ => "desconhecido",
    }));

    static string JsonNamingPolicyCamel(string name) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(name);

    static string Show(string value) => value.Length > 24 ? $"{value[..12]}…({value.Length})" : value.Replace("\0", "\\0");
}
