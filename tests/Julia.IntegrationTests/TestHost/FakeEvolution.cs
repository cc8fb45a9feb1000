using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake Evolution API v2 on loopback answering with the shapes in tests/fixtures/evolution: sendText (201 with a fresh
/// key.id, or scripted errors), sendPresence, markMessageAsRead, whatsappNumbers and connectionState. Every call is kept.
/// </summary>
public sealed class FakeEvolution : LoopbackServer
{
    public sealed record Call(string Path, JsonObject? Body, string? ApiKey, DateTimeOffset At, string Method = "POST");

    readonly ConcurrentQueue<(int Status, string Body)> sendScript = new();

    public ConcurrentQueue<Call> Calls { get; } = new();
    public string State { get; set; } = "open";

    /// <summary>When set, what connectionState answers instead of <see cref="State"/> (a 401 for a rotated key, another shape).</summary>
    public (int Status, string Body)? StateAnswer { get; set; }

    /// <summary>connectionState requests answered so far (the state poll and live probes; not in <see cref="Calls"/>).</summary>
    public int StateAsks => Volatile.Read(ref stateAsks);
    int stateAsks;

    public IEnumerable<Call> Sends => Calls.Where(c => c.Path.StartsWith("/message/sendText/", StringComparison.Ordinal));

    /// <summary>sendText calls received per phone (the digits before any `@`), to tell "answered once" from twice or never.</summary>
    public Dictionary<string, List<string>> SendsByPhone() => Sends
        .GroupBy(c => (c.Body?["number"]?.GetValue<string>() ?? "").Split('@')[0])
        .ToDictionary(g => g.Key, g => g.Select(c => c.Body?["text"]?.GetValue<string>() ?? "").ToList());

    /// <summary>The variables that point Júlia's real Evolution client at this fake, with a per-call timeout.</summary>
    public Dictionary<string, string?> Settings(int timeoutSeconds) => new()
    {
        ["EVOLUTION_URL"] = Url, ["EVOLUTION_API_KEY"] = "evo-key-FAKE", ["EVOLUTION_INSTANCE"] = "julia",
        ["Evolution:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static async Task<FakeEvolution> StartAsync()
    {
        var fake = new FakeEvolution();
        await fake.StartServerAsync();
        return fake;
    }

    /// <summary>
    /// A hung gateway: every request is accepted and never answered (the caller times out), and nothing is recorded or
    /// delivered. Requests already waiting stay unanswered after it is set back to false.
    /// </summary>
    public bool Hung { get; set; }

    /// <summary>Requests that met <see cref="Hung"/>, by path.</summary>
    public ConcurrentQueue<string> HungRequests { get; } = new();

    protected override void Map(WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            if (!Hung) { await next(http); return; }
            HungRequests.Enqueue(http.Request.Path.Value ?? "");
            try { await Task.Delay(Timeout.Infinite, http.RequestAborted); } catch (OperationCanceledException) { }
        });
        app.MapPost("/message/sendText/{instance}", (Delegate)SendTextAsync);
        app.MapPost("/chat/sendPresence/{instance}", (Delegate)PresenceAsync);
        app.MapPost("/chat/whatsappNumbers/{instance}", (Delegate)CheckNumbersAsync);
        app.MapMethods("/chat/markMessageAsRead/{instance}", ["POST", "PUT"], (Delegate)MarkReadAsync);
        app.MapGet("/instance/connectionState/{instance}", (HttpContext http) =>
            Interlocked.Increment(ref stateAsks) > 0 && StateAnswer is { } answer
                ? Results.Content(answer.Body, "application/json", statusCode: answer.Status)
                : Results.Json(new { instance = new { instanceName = "julia", state = State } }));
    }

    public void FailNextSends(int status, int times, string? body = null)
    {
        for (var i = 0; i < times; i++) sendScript.Enqueue((status, body ?? """{"status":500,"error":"Internal Server Error","response":{"message":["falha"]}}"""));
    }

    readonly ConcurrentQueue<TimeSpan> delays = new();

    /// <summary>The next sendText answers only after this delay (a gateway that hangs).</summary>
    public void DelayNextSend(TimeSpan delay) => delays.Enqueue(delay);

    public void NotOnWhatsAppNext() => sendScript.Enqueue((400, Fixture("send-text-error-400-not-on-whatsapp.json").ToJsonString()));

    /// <summary>
    /// Answer as Evolution v1 (tests/fixtures/README.md, 1.3): sendText requires `textMessage.text` (400 from its schema
    /// check otherwise) and answers with the raw Baileys message; sendPresence requires `options.presence`/`options.delay`;
    /// markMessageAsRead is a PUT with `read_messages` (a POST finds no route: 404). As v2 (the default) each call
    /// requires v2's fields, and markMessageAsRead is a POST with `readMessages`.
    /// </summary>
    public bool V1 { get; set; }

    async Task<IResult> SendTextAsync(HttpContext http)
    {
        var body = await Record(http);
        if (V1) return SendTextV1(body);
        if (delays.TryDequeue(out var delay))
        {
            try { await Task.Delay(delay, http.RequestAborted); } catch (OperationCanceledException) { }
        }
        if (sendScript.TryDequeue(out var scripted)) return Results.Content(scripted.Body, "application/json", statusCode: scripted.Status);
        var response = Fixture("send-text-response.json");
        response["key"]!["id"] = $"3EB0{Guid.NewGuid():N}"[..24].ToUpperInvariant();
        response["key"]!["remoteJid"] = body?["number"]?.GetValue<string>();
        response["message"] = new JsonObject { ["conversation"] = body?["text"]?.GetValue<string>() };
        return Results.Content(response.ToJsonString(), "application/json", statusCode: 201);
    }

    static IResult SendTextV1(JsonObject? body)
    {
        if (body?["textMessage"]?["text"] is not JsonValue text)
            return Results.Content("""{"status":400,"error":"Bad Request","response":{"message":[["instance requires property \"textMessage\""]]}}""",
                "application/json", statusCode: 400);
        var response = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", "v1", "send-text-response.v1.json")))!.AsObject();
        response["key"]!["id"] = $"BAE5{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        response["key"]!["remoteJid"] = body["number"]?.GetValue<string>() + "@s.whatsapp.net";
        response["message"] = new JsonObject { ["extendedTextMessage"] = new JsonObject { ["text"] = text.GetValue<string>() } };
        return Results.Content(response.ToJsonString(), "application/json", statusCode: 201);
    }

    /// <summary>
    /// Numbers whose `chat/whatsappNumbers` answer is scripted: the JID WhatsApp has them at, or null for "not on
    /// WhatsApp". Any other number is on WhatsApp at its own phone JID.
    /// </summary>
    public ConcurrentDictionary<string, string?> NumberJids { get; } = new();

    public IEnumerable<Call> NumberChecks => Calls.Where(c => c.Path.StartsWith("/chat/whatsappNumbers/", StringComparison.Ordinal));

    async Task<IResult> CheckNumbersAsync(HttpContext http)
    {
        var body = await Record(http);
        var answer = new JsonArray();
        foreach (var n in body?["numbers"]?.AsArray() ?? [])
        {
            var number = n!.GetValue<string>();
            var item = FixtureArray("whatsapp-numbers-response.json")[0]!.AsObject();
            var jid = NumberJids.TryGetValue(number, out var scripted) ? scripted : $"{number}@s.whatsapp.net";
            item["exists"] = jid is not null;
            item["jid"] = jid ?? $"{number}@s.whatsapp.net";
            item["number"] = number;
            answer.Add(item.DeepClone());
        }
        return Results.Content(answer.ToJsonString(), "application/json", statusCode: 200);
    }

    async Task<IResult> PresenceAsync(HttpContext http)
    {
        var body = await Record(http);
        var fields = V1 ? body?["options"] : body;
        return fields?["presence"] is JsonValue && fields["delay"] is JsonValue && body?["number"] is JsonValue
            ? Results.Json(new { status = "ok" }, statusCode: 201)
            : SchemaRefusal(V1 ? "options" : "presence");
    }

    async Task<IResult> MarkReadAsync(HttpContext http)
    {
        if (HttpMethods.IsPost(http.Request.Method) == V1)
            return Results.Content($"Cannot {http.Request.Method} {http.Request.Path}", "text/html", statusCode: 404);
        var body = await Record(http);
        return body?[V1 ? "read_messages" : "readMessages"] is JsonArray { Count: > 0 }
            ? Results.Json(new { message = "Read messages", read = "success" }, statusCode: 201)
            : SchemaRefusal(V1 ? "read_messages" : "readMessages");
    }

    static IResult SchemaRefusal(string property) =>
        Results.Content($$$"""{"status":400,"error":"Bad Request","response":{"message":[["instance requires property \"{{{property}}}\""]]}}""",
            "application/json", statusCode: 400);

    async Task<JsonObject?> Record(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))?.AsObject();
        Calls.Enqueue(new Call(http.Request.Path.Value!, body, http.Request.Headers["apikey"].ToString(), DateTimeOffset.UtcNow, http.Request.Method));
        return body;
    }

    static JsonObject Fixture(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", name)))!.AsObject();

    static JsonArray FixtureArray(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", name)))!.AsArray();
}
