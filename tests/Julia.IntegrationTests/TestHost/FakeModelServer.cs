using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// What the fake model servers (<see cref="FakeAnthropic"/>, <see cref="FakeOpenAI"/>) share, on loopback: scripted
/// answers served in order (a plain text reply when the script runs out), answers chosen by what the doctor said, an
/// override for outages and hangs, and every request's body, headers and path kept for assertions. Each subclass maps
/// its provider's routes and builds its wire shapes from tests/fixtures/{provider}.
/// </summary>
public abstract class FakeModelServer : LoopbackServer
{
    /// <param name="ContentType">What the body is sent as (a proxy's error page is `text/html`).</param>
    /// <param name="CutMidBody">The connection is reset halfway through the body, after the status and headers went out.</param>
    public sealed record Answer(int Status, string Body, IReadOnlyDictionary<string, string>? Headers = null, TimeSpan Delay = default,
        string ContentType = "application/json", bool CutMidBody = false);

    /// <summary>The text of the answer given when nothing is scripted.</summary>
    public const string DefaultReply = "Oi! Tudo bem?";

    readonly ConcurrentQueue<Func<JsonObject, Answer>> script = new();
    readonly ConcurrentDictionary<string, Answer> byUserText = new();
    readonly ConcurrentDictionary<string, ConcurrentQueue<Answer>> byMarker = new();

    public ConcurrentQueue<JsonObject> Requests { get; } = new();
    public ConcurrentQueue<IHeaderDictionary> RequestHeaders { get; } = new();
    public ConcurrentQueue<string> RequestPaths { get; } = new();

    /// <summary>While set, answers every request (an outage, a hanging server) and the script waits.</summary>
    public Func<JsonObject, Answer>? Override { get; set; }

    public void Enqueue(params Answer[] answers) { foreach (var a in answers) script.Enqueue(_ => a); }

    /// <summary>An answer computed from the request it answers (e.g. reserve the first vaga_id a tool returned).</summary>
    public void Enqueue(Func<JsonObject, Answer> answer) => script.Enqueue(answer);

    /// <summary>
    /// Every request whose last user message contains <paramref name="userText"/> gets this answer, before the script: a
    /// test's answer cannot be taken by another turn, nor left behind for the next test by a call that never arrived.
    /// </summary>
    public void AnswerWhenUserSays(string userText, Answer answer) => byUserText[userText] = answer;

    /// <summary>
    /// Answers served in order to the requests that carry <paramref name="marker"/> anywhere (a turn's text, which the
    /// retry and the tool rounds carry too), before the script: a turn's sequence cannot be taken by another test's turn,
    /// and an answer one test left unused is never served to the next. A marker may hold accents ("(café)"): it is matched
    /// as <see cref="Carries"/> matches, not against the request's escaped JSON.
    /// </summary>
    public void ScriptFor(string marker, params Answer[] answers) => byMarker[Normalized(marker)] = new ConcurrentQueue<Answer>(answers);

    /// <summary>The requests received so far that carry <paramref name="marker"/> (as <see cref="Carries"/>).</summary>
    public List<JsonObject> RequestsCarrying(string marker) => [.. Requests.Where(r => Carries(r, marker))];

    /// <summary>
    /// Whether any text of the request — a string value anywhere in it — contains <paramref name="marker"/>, both in
    /// Unicode NFC. Not the request's JSON text: the serializer writes "é" as "\u00E9", so a marker with an accent never
    /// matched it, and a marker typed decomposed (e + U+0301) would not match the composed text the app sends.
    /// </summary>
    public static bool Carries(JsonNode request, string marker) => TextsOf(request).Contains(Normalized(marker), StringComparison.Ordinal);

    /// <summary>Every string value of the request, unescaped and in NFC, one per line.</summary>
    static string TextsOf(JsonNode node)
    {
        var texts = new System.Text.StringBuilder();
        void Walk(JsonNode? n)
        {
            switch (n)
            {
                case JsonObject o: foreach (var (_, v) in o) Walk(v); break;
                case JsonArray a: foreach (var v in a) Walk(v); break;
                case JsonValue v when v.TryGetValue<string>(out var s): texts.Append(s).Append('\n'); break;
            }
        }
        Walk(node);
        return Normalized(texts.ToString());
    }

    static string Normalized(string text) => text.Normalize(System.Text.NormalizationForm.FormC);

    /// <summary>The plain text reply of this provider's wire shape.</summary>
    protected abstract Answer TextAnswer(string text);

    /// <summary>The text of the request's last user message.</summary>
    protected abstract string LastUserText(JsonObject request);

    protected async Task HandleAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        Requests.Enqueue(body);
        RequestPaths.Enqueue(http.Request.Path);
        RequestHeaders.Enqueue(new HeaderDictionary(http.Request.Headers.ToDictionary(h => h.Key, h => h.Value)));
        var answer = Override is { } forced ? forced(body)
            : Scripted(body) is { } scripted ? scripted
            : AnswerFor(body) is { } matched ? matched
            : script.TryDequeue(out var next) ? next(body) : TextAnswer(DefaultReply);
        if (answer.Delay > TimeSpan.Zero)
        {
            try { await Task.Delay(answer.Delay, http.RequestAborted); } catch (OperationCanceledException) { return; }
        }
        http.Response.StatusCode = answer.Status;
        foreach (var (k, v) in answer.Headers ?? new Dictionary<string, string>()) http.Response.Headers[k] = v;
        http.Response.ContentType = answer.ContentType;
        if (answer.CutMidBody)
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(answer.Body);
            http.Response.ContentLength = bytes.Length;
            await http.Response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await http.Response.Body.FlushAsync();
            http.Abort();
            return;
        }
        await http.Response.WriteAsync(answer.Body);
    }

    Answer? Scripted(JsonObject request)
    {
        if (byMarker.IsEmpty) return null;
        var text = TextsOf(request);
        foreach (var (marker, answers) in byMarker)
            if (text.Contains(marker, StringComparison.Ordinal) && answers.TryDequeue(out var next)) return next;
        return null;
    }

    Answer? AnswerFor(JsonObject request)
    {
        if (byUserText.IsEmpty) return null;
        var text = Normalized(LastUserText(request));
        return byUserText.FirstOrDefault(p => text.Contains(Normalized(p.Key), StringComparison.Ordinal)).Value;
    }

    /// <summary>A response body of tests/fixtures/{provider}.</summary>
    protected static JsonObject LoadFixture(string provider, string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", provider, name)))!.AsObject();

    /// <summary>The text of a message's content: a string, or the text parts of a content array (both providers' shapes).</summary>
    public static string Content(JsonNode message) => message["content"] switch
    {
        JsonValue v => v.GetValue<string>(),
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => "",
    };

    /// <summary>The text of the last message with role user in a `messages` array (empty when there is none).</summary>
    protected static string LastUser(JsonObject request) =>
        request["messages"]?.AsArray().LastOrDefault(m => m?["role"]?.GetValue<string>() == "user") is { } user ? Content(user) : "";
}
