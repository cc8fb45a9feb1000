using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake OpenAI-compatible chat completions server on loopback answering with the shapes in tests/fixtures/openai — the
/// role of api.openai.com, vLLM or Ollama (`POST /v1/chat/completions`) and of Azure OpenAI's v1 endpoint
/// (`POST /openai/v1/chat/completions`). Like those servers it has nothing at `/chat/completions`: a base URL without
/// `/v1` works only because Júlia adds it. The real `OpenAI` SDK talks to it through OPENAI_BASE_URL; scripting and
/// recording are <see cref="FakeModelServer"/>'s.
/// </summary>
public sealed class FakeOpenAI : FakeModelServer
{
    /// <summary>The base URL an operator would put in OPENAI_BASE_URL (with `/v1`, as OpenAI, vLLM and Ollama publish it).</summary>
    public string BaseUrl => Url + "/v1";

    public static async Task<FakeOpenAI> StartAsync()
    {
        var fake = new FakeOpenAI();
        await fake.StartServerAsync();
        return fake;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/chat/completions", HandleAsync);
        app.MapPost("/openai/v1/chat/completions", HandleAsync);
    }

    protected override Answer TextAnswer(string text) => Text(text);

    protected override string LastUserText(JsonObject request) => LastUser(request);

    /// <summary>The model id, prompt and completion tokens the fixtures report (`usage.prompt_tokens` includes cached ones).</summary>
    public const string FixtureModel = "gpt-4o-mini-2024-07-18";
    public const int TextPromptTokens = 1_210, TextCompletionTokens = 38, ToolPromptTokens = 1_180, ToolCompletionTokens = 17;

    public static JsonObject Fixture(string name) => LoadFixture("openai", name);

    public static string TextReply(string? text)
    {
        var body = Fixture("response-text.json");
        body["choices"]![0]!["message"]!["content"] = text;
        return body.ToJsonString();
    }

    /// <summary>An assistant message with one tool call; `function.arguments` travels as a JSON string, as on the wire.</summary>
    public static string ToolCall(string name, JsonObject arguments, string? callId = null)
    {
        var body = Fixture("response-tool-calls.json");
        var call = body["choices"]![0]!["message"]!["tool_calls"]![0]!;
        call["id"] = callId ?? $"call_{Guid.NewGuid():N}";
        call["function"]!["name"] = name;
        call["function"]!["arguments"] = arguments.ToJsonString();
        return body.ToJsonString();
    }

    public static Answer Text(string? text) => new(200, TextReply(text));
    public static Answer Tool(string name, JsonObject arguments, string? callId = null) => new(200, ToolCall(name, arguments, callId));
    public static Answer RateLimited(int retryAfterSeconds) =>
        new(429, Fixture("error-429-rate-limit.json").ToJsonString(), new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString() });
    public static Answer ServerError() => new(500, Fixture("error-500-server.json").ToJsonString());
    public static Answer Hang(TimeSpan delay, string text = "tarde demais") => new(200, TextReply(text), Delay: delay);

    /// <summary>The messages of a request, in order.</summary>
    public static JsonArray Messages(JsonObject request) => request["messages"]!.AsArray();

    public static string? FirstVagaId(JsonObject request) =>
        System.Text.RegularExpressions.Regex.Match(string.Concat(Messages(request).Select(m => Content(m!))), @"vaga_id=([0-9a-f-]{36})") is { Success: true } m
            ? m.Groups[1].Value : null;
}
