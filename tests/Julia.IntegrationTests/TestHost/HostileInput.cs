using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// What the bad-input corpora (docs/decisions.md#security, "Hostile input") put in place of a field, the raw bodies
/// every endpoint with a body gets, and the checks every answer must pass: no 5xx, a 4xx is ProblemDetails, no stack
/// trace and no echo of markup.
/// </summary>
internal static class HostileInput
{
    /// <summary>The values a field gets instead of its own (a null function means: removed).</summary>
    public static readonly (string Name, Func<JsonNode?>? Value)[] Mutations =
    [
        ("ausente", null), ("null", () => null), ("numero", () => 12345), ("numero enorme", () => JsonValue.Create(1e308)),
        ("negativo", () => -1), ("fracao", () => 0.5), ("bool", () => true), ("texto", () => "abc"), ("vazio", () => ""),
        ("array", () => new JsonArray(1, "x", null)), ("objeto", () => new JsonObject { ["x"] = 1 }), ("NUL", () => "a\u0000b"),
        ("texto enorme", () => new string('9', 100_000)), ("unicode hostil", () => "\u202E\u0000\uFEFF🧨\u200B" + new string('é', 50)),
        ("textos hostis", () => new JsonArray("a\u0000b", "\u202E🧨\u200B", new string('x', 10_000), "<script>alert(1)</script>")),
    ];

    /// <summary>Bodies that are not a usable JSON object at all, whatever the endpoint: (case, bytes, content type).</summary>
    public static IEnumerable<(string Case, byte[] Body, string? ContentType)> RawBodies()
    {
        const string json = "application/json";
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);
        yield return ("corpo vazio", [], json);
        yield return ("só espaços", U("   \n\t "), json);
        foreach (var top in new[] { "null", "[]", "42", "\"x\"", "true", "{}", "-1e999", "[{}]" })
            yield return ($"topo {top}", U(top), json);
        yield return ("JSON truncado", U("{\"a\": "), json);
        yield return ("JSON com vírgula sobrando", U("{\"a\": 1,}"), json);
        yield return ("não é JSON", U("isto não é JSON <script>alert(1)</script>"), json);
        yield return ("XML", U("<?xml version=\"1.0\"?><a>1</a>"), json);
        yield return ("surrogate solto", U("{\"a\": \"\\ud800 solto\", \"\\udc00\": 1}"), json);
        yield return ("escape quebrado", U("{\"a\": \"\\u12\"}"), json);
        yield return ("NUL cru", U("{\"a\": \"x\u0000y\"}"), json);
        yield return ("UTF-8 inválido", [(byte)'{', (byte)'"', 0xC3, 0x28, 0xFF, (byte)'"', (byte)':', (byte)'1', (byte)'}'], json);
        yield return ("BOM", [0xEF, 0xBB, 0xBF, .. U("{}")], json);
        yield return ("aninhamento profundo", U(new string('[', 10_000) + new string(']', 10_000)), json);
        yield return ("objeto profundo", U(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)), json);
        yield return ("chave repetida", U("{\"a\": 1, \"a\": \"x\", \"a\": null}"), json);
        yield return ("texto enorme", U($"{{\"a\": \"{new string('x', 900_000)}\"}}"), json);
        yield return ("maior que 1 MiB", U($"{{\"a\": \"{new string('x', 1_100_000)}\"}}"), json);
        yield return ("text/plain", U("{}"), "text/plain");
        yield return ("form", U("a=1&b=%00"), "application/x-www-form-urlencoded");
        yield return ("sem content-type", U("{}"), null);
        yield return ("content-type hostil", U("{}"), "application/json; charset=\u00e9bc");
        // A charset .NET has no encoding for: ASP.NET's JSON binder threw a plain InvalidOperationException, a 500 with
        // an ERROR and a stack trace (an outside fuzzing pass against a real Kestrel, 2026-12-04).
        yield return ("charset desconhecido", U("{}"), "application/json; charset=bogus-9");
        yield return ("charset entre aspas", U("{}"), "application/json; charset=\"utf-8\"");
    }

    /// <summary>Sets (or, for a null function, removes) the value at a dotted path; numbers index arrays. A missing parent: nothing.</summary>
    public static void Set(JsonNode root, string path, Func<JsonNode?>? value)
    {
        var parts = path.Split('.');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
        {
            node = node switch
            {
                JsonObject o => o[part],
                JsonArray a when int.TryParse(part, out var i) && i < a.Count => a[i],
                _ => null,
            };
            if (node is null) return;
        }
        var last = parts[^1];
        switch (node)
        {
            case JsonObject o when value is null: o.Remove(last); break;
            case JsonObject o: o[last] = value(); break;
            case JsonArray a when int.TryParse(last, out var i) && i < a.Count:
                if (value is null) a.RemoveAt(i);
                else a[i] = value();
                break;
        }
    }

    /// <summary>Null when the answer is acceptable for hostile input; otherwise what is wrong with it.</summary>
    public static async Task<string?> ProblemWithAsync(HttpResponseMessage response, string name)
    {
        var status = (int)response.StatusCode;
        if (status >= 500) return $"{status} {name}";
        if (response.Content.Headers.ContentType?.MediaType == "text/event-stream") return null;
        var text = await response.Content.ReadAsStringAsync();
        // The Prometheus scrape names exception types as label values (OpenTelemetry's error.type): data, not a leak.
        var exposition = response.Content.Headers.ContentType?.MediaType is "text/plain" or "application/openmetrics-text" && text.StartsWith('#');
        if (text.Contains("   at ", StringComparison.Ordinal) || (!exposition && text.Contains("Exception", StringComparison.Ordinal)))
            return $"stack trace or exception in the answer: {name}";
        if (text.Contains("<script>", StringComparison.OrdinalIgnoreCase)) return $"markup echoed in the answer: {name}";
        if (response.Content.Headers.ContentType?.MediaType is "application/json" or "application/problem+json" && text.Length > 16_384) return $"an answer of {text.Length} characters (the input echoed?): {name}";
        if (status < 400) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            return $"{status} without ProblemDetails ({response.Content.Headers.ContentType?.MediaType ?? "no content type"}): {name}";
        try
        {
            using var problem = JsonDocument.Parse(text);
            return problem.RootElement.TryGetProperty("status", out var s) && s.TryGetInt32(out var n) && n == status
                   && problem.RootElement.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String
                ? null
                : $"{status} ProblemDetails without its status or title: {name}";
        }
        catch (JsonException) { return $"{status} with a body that is not JSON: {name}"; }
    }
}
