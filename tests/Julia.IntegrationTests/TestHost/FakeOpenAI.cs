using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake OpenAI-compatible chat completions server on loopback (`POST /v1/chat/completions`, and `/chat/completions` for a
/// base URL without `/v1`) answering with the shapes in tests/fixtures/openai — the role of api.openai.com, Azure OpenAI's
/// v1 endpoint, vLLM or Ollama. Scripted answers are served in order; when the script runs out it answers a plain text
/// reply. Every request body and its headers are kept for assertions. The real `OpenAI` SDK talks to it through
/// OPENAI_BASE_URL.
/// </summary>
public sealed class FakeOpenAI : LoopbackServer
{
    public sealed record Answer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

    readonly ConcurrentQueue<Func<JsonObject, Answer>> script = new();
    readonly ConcurrentDictionary<string, Answer> byUserText = new();

    public ConcurrentQueue<JsonObject> Requests { get; } = new();
    public ConcurrentQueue<IHeaderDictionary> RequestHeaders { get; } = new();
    public ConcurrentQueue<string> RequestPaths { get; } = new();

    /// <summary>While set, answers every request (an outage, a hanging server) and the script waits.</summary>
    public Func<JsonObject, Answer>? Override { get; set; }

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
        app.MapPost("/chat/completions", HandleAsync);
    }

    async Task HandleAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        Requests.Enqueue(body);
        RequestPaths.Enqueue(http.Request.Path);
        RequestHeaders.Enqueue(new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
        var answer = Override is { } forced ? forced(body)
            : AnswerFor(body) is { } matched ? matched
            : script.TryDequeue(out var next) ? next(body) : Text(DefaultReply);
        if (answer.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(answer.Delay, http.RequestAborted); } catch (OperationCanceledException) { return; }
        }
        http.Response.StatusCode = answer.Status;
        foreach (var (k, v) in answer.Headers ?? new Dictionary<string, string>()) http.Response.Headers[k] = v;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.Body);
    }

    /// <summary>The text of the answer given when nothing is scripted.</summary>
    public const string DefaultReply = "Oi! Tudo bem?";

    /// <summary>The model id, prompt and completion tokens the fixtures report (`usage.prompt_tokens` includes cached ones).</summary>
    public const string FixtureModel = "gpt-4o-mini-2024-07-18";
    public const int TextPromptTokens = 1_210, TextCompletionTokens = 38, ToolPromptTokens = 1_180, ToolCompletionTokens = 17;

    /// <summary>
    /// Every request whose last user message contains <paramref name="userText"/> gets this answer, before the script: a
    /// test's answer cannot be taken by another turn, nor left behind for the next test by a call that never arrived.
    /// </summary>
    public void AnswerWhenUserSays(string userText, Answer answer) => byUserText[userText] = answer;

    Answer? AnswerFor(JsonObject request)
    {
        if (byUserText.IsEmpty) return null;
        var lastUser = Messages(request).LastOrDefault(m => m?["role"]?.GetValue<string>() == "user");
        var text = lastUser is null ? "" : Content(lastUser);
        return byUserText.FirstOrDefault(p => text.Contains(p.Key, StringComparison.Ordinal)).Value;
    }

    public void Enqueue(params Answer[] answers) { foreach (var a in answers) script.Enqueue(_ => a); }

    /// <summary>An answer computed from the request it answers (e.g. reserve the first vaga_id a tool returned).</summary>
    public void Enqueue(Func<JsonObject, Answer> answer) => script.Enqueue(answer);

    public static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "openai", name)))!.AsObject();

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

    /// <summary>The text content of a message (a string, or the text parts of a content array).</summary>
    public static string Content(JsonNode message) => message["content"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    public static string? FirstVagaId(JsonObject request) =>
        System.Text.RegularExpressions.Regex.Match(string.Concat(Messages(request).Select(m => Content(m!))), @"vaga_id=([0-9a-f-]{36})") is { Success: true } m
            ? m.Groups[1].Value : null;
}
