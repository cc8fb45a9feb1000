using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake Anthropic Messages API on loopback (`POST /v1/messages`) answering with the shapes in tests/fixtures/anthropic.
/// Scripted answers are served in order; when the script runs out it answers a plain text reply. Every request body
/// is kept for assertions. The real SDK talks to it through ANTHROPIC_BASE_URL.
/// </summary>
public sealed class FakeAnthropic : LoopbackServer
{
    public sealed record Answer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default);

    readonly ConcurrentQueue<Func<JsonObject, Answer>> script = new();

    public ConcurrentQueue<JsonObject> Requests { get; } = new();
    public ConcurrentQueue<IHeaderDictionary> RequestHeaders { get; } = new();

    /// <summary>While set, answers every request (an outage, a slow Anthropic) and the script waits.</summary>
    public Func<JsonObject, Answer>? Override { get; set; }

    public static async Task<FakeAnthropic> StartAsync()
    {
        var fake = new FakeAnthropic();
        await fake.StartServerAsync();
        return fake;
    }

    protected override void Map(WebApplication app)
    {
        app.MapPost("/v1/messages", HandleAsync);
    }

    async Task HandleAsync(HttpContext http)
    {
        var body = await JsonNode.ParseAsync(http.Request.Body);
        Requests.Enqueue(body!.AsObject());
        RequestHeaders.Enqueue(new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
        var answer = Override is { } forced ? forced(body.AsObject())
            : script.TryDequeue(out var next) ? next(body.AsObject()) : new Answer(200, TextReply(DefaultReply));
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

    public void Enqueue(params Answer[] answers) { foreach (var a in answers) script.Enqueue(_ => a); }

    /// <summary>An answer computed from the request it answers (e.g. reserve the first vaga_id a tool returned).</summary>
    public void Enqueue(Func<JsonObject, Answer> answer) => script.Enqueue(answer);

    /// <summary>All text the request carries (system, messages, tool results), to look for ids and phrases.</summary>
    public static string AllText(JsonObject request) => request.ToJsonString();

    public static string? FirstVagaId(JsonObject request) =>
        System.Text.RegularExpressions.Regex.Match(System.Text.RegularExpressions.Regex.Unescape(AllText(request)), @"vaga_id=([0-9a-f-]{36})") is { Success: true } m ? m.Groups[1].Value : null;

    public static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "anthropic", name)))!.AsObject();

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
    public static Answer Tool(string name, JsonObject input) => new(200, ToolUse(name, input));
    public static Answer RateLimited(int retryAfterSeconds) =>
        new(429, Fixture("error-429-rate-limit.json").ToJsonString(), new Dictionary<string, string> { ["retry-after"] = retryAfterSeconds.ToString() });
    public static Answer Overloaded() => new(529, Fixture("error-529-overloaded.json").ToJsonString());

}
