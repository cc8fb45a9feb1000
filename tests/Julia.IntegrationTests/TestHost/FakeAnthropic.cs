using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake Anthropic Messages API on loopback (`POST /v1/messages`) answering with the shapes in tests/fixtures/anthropic.
/// The real SDK talks to it through ANTHROPIC_BASE_URL; scripting and recording are <see cref="FakeModelServer"/>'s.
/// </summary>
public sealed class FakeAnthropic : FakeModelServer
{
    public static async Task<FakeAnthropic> StartAsync()
    {
        var fake = new FakeAnthropic();
        await fake.StartServerAsync();
        return fake;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/messages", HandleAsync);
        // The Models API (`GET /v1/models/{model_id}`), which Júlia asks at start-up for each configured model: every id
        // is known except those in UnknownModels, answered 404 `not_found_error` as Anthropic does.
        app.MapGet("/v1/models/{id}", (string id) =>
        {
            ModelsAsked.Enqueue(id);
            return UnknownModels.ContainsKey(id)
                ? Results.Json(new { type = "error", error = new { type = "not_found_error", message = $"model: {id}" } }, statusCode: 404)
                : Results.Json(new { type = "model", id, display_name = $"Fake {id}", created_at = "2025-10-01T00:00:00Z" });
        });
    }

    /// <summary>Model ids the Models API answers 404 for.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> UnknownModels { get; } = new();

    /// <summary>The ids asked for at `GET /v1/models/{id}`, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ModelsAsked { get; } = new();

    protected override Answer TextAnswer(string text) => Text(text);

    protected override string LastUserText(JsonObject request) => LastUser(request);

    /// <summary>All text the request carries (system, messages, tool results), to look for ids and phrases.</summary>
    public static string AllText(JsonObject request) => request.ToJsonString();

    public static string? FirstVagaId(JsonObject request) =>
        System.Text.RegularExpressions.Regex.Match(System.Text.RegularExpressions.Regex.Unescape(AllText(request)), @"vaga_id=([0-9a-f-]{36})") is { Success: true } m ? m.Groups[1].Value : null;

    public static JsonObject Fixture(string name) => LoadFixture("anthropic", name);

    public static string TextReply(string text)
    {
        var body = Fixture("response-text.json");
        body["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text });
        return body.ToJsonString();
    }

    public static string ToolUse(string name, JsonObject input, string? text = null)
    {
        var body = Fixture("response-tool-use.json");
        var content = new JsonArray();
        if (text is not null) content.Add(new JsonObject { ["type"] = "text", ["text"] = text });
        content.Add(new JsonObject { ["type"] = "tool_use", ["id"] = $"toolu_{Guid.NewGuid():N}", ["name"] = name, ["input"] = input });
        body["content"] = content;
        return body.ToJsonString();
    }

    public static Answer Text(string text) => new(200, TextReply(text));

    /// <summary>A text answer the token limit cut off (`stop_reason: max_tokens`).</summary>
    public static Answer CutText(string text)
    {
        var body = JsonNode.Parse(TextReply(text))!.AsObject();
        body["stop_reason"] = "max_tokens";
        return new(200, body.ToJsonString());
    }
    public static Answer Tool(string name, JsonObject input) => new(200, ToolUse(name, input));

    /// <summary>A response fixture as it is (tests/fixtures/anthropic/response-*.json).</summary>
    public static Answer Response(string fixture) => new(200, Fixture(fixture).ToJsonString());

    /// <summary>A response fixture with another `stop_reason` (a value newer than the SDK, say).</summary>
    public static Answer Response(string fixture, string stopReason)
    {
        var body = Fixture(fixture);
        body["stop_reason"] = stopReason;
        return new(200, body.ToJsonString());
    }

    /// <summary>An error fixture with its HTTP status (tests/fixtures/anthropic/error-*.json).</summary>
    public static Answer Error(int status, string fixture, IReadOnlyDictionary<string, string>? headers = null) =>
        new(status, Fixture(fixture).ToJsonString(), headers);

    /// <summary>A text file of tests/fixtures/anthropic (a proxy's HTML error page).</summary>
    public static string Raw(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "anthropic", name));
    public static Answer RateLimited(int retryAfterSeconds) =>
        new(429, Fixture("error-429-rate-limit.json").ToJsonString(), new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString() });
    public static Answer Overloaded() => new(529, Fixture("error-529-overloaded.json").ToJsonString());
}
