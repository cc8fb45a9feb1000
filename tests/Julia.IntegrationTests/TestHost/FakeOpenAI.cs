using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        // The model list (`GET /v1/models`), which Júlia reads at start-up: the ids in ListedModels, or a 404 when the
        // server is one that does not serve it (ListsModels false).
        app.MapGet("/v1/models", ListModels);
        app.MapGet("/openai/v1/models", ListModels);
    }

    IResult ListModels(Microsoft.AspNetCore.Http.HttpRequest request)
    {
        ModelListAuthorization.Enqueue(request.Headers.Authorization.ToString());
        if (!ListsModels) return Results.NotFound();
        if (RefuseKey) return Results.Json(new { error = new { message = "Incorrect API key provided", type = "invalid_request_error", code = "invalid_api_key" } }, statusCode: 401);
        return Results.Json(new { @object = "list", data = ListedModels.Keys.Order().Select(id => new { id, @object = "model", created = 1_721_172_741, owned_by = "system" }) });
    }

    /// <summary>What `GET /v1/models` lists: the test fixtures' models, Ollama's tagged name, unless a test changes it.</summary>
    public System.Collections.Concurrent.ConcurrentDictionary<string, bool> ListedModels { get; } =
        new(new[] { "gpt-4o-mini", "gpt-4o", FixtureModel, "llama3.1:8b" }.ToDictionary(id => id, _ => true));

    /// <summary>False: the server has no `GET /v1/models` (404), as some gateways.</summary>
    public bool ListsModels { get; set; } = true;

    /// <summary>True: `GET /v1/models` answers 401, as for a wrong key.</summary>
    public bool RefuseKey { get; set; }

    /// <summary>The Authorization header of each `GET /v1/models`, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> ModelListAuthorization { get; } = new();

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
