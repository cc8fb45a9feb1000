using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// A fake Slack incoming webhook on loopback (tests/fixtures/README.md, "3. Slack incoming webhook"): keeps every JSON
/// body it receives and answers `200 ok` in plain text, or whatever <see cref="Respond"/> scripts for the n-th call
/// (status, plain-text error code, Retry-After). <see cref="Delay"/> holds each answer back, to play a hanging Slack.
/// </summary>
public sealed class FakeSlack : LoopbackServer
{
    public const string WebhookPath = "/services/T000/B000/XXXX";

    int calls;
    int matched;

    public ConcurrentQueue<JsonObject> Received { get; } = new();

    /// <summary>The answer to the n-th call (1-based); null answers `200 ok`.</summary>
    public Func<int, (int Status, string Body, int? RetryAfterSeconds)>? Respond { get; set; }

    /// <summary>How long each call waits before answering (a Slack that hangs); zero answers at once.</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>How long the n-th call (1-based) waits, instead of <see cref="Delay"/>: scripted before the calls come.</summary>
    public Func<int, TimeSpan>? DelayOf { get; set; }

    /// <summary>
    /// When set, <see cref="Respond"/> and <see cref="DelayOf"/> number only the calls whose body it matches (1-based,
    /// from when it is set) and every other call answers `200 ok` at once: a test scripts its own notice's answers
    /// without a notice of an earlier test, still on its way, taking one of its numbers.
    /// </summary>
    public Func<JsonObject, bool>? ScriptOnly
    {
        get => scriptOnly;
        set { Volatile.Write(ref matched, 0); scriptOnly = value; }
    }

    Func<JsonObject, bool>? scriptOnly;

    public string WebhookUrl => Url + WebhookPath;

    public int Calls => Volatile.Read(ref calls);

    public static async Task<FakeSlack> StartAsync()
    {
        var fake = new FakeSlack();
        await fake.StartServerAsync();
        return fake;
    }

    protected override void Map(WebApplication app) => app.MapPost(WebhookPath, (Delegate)WebhookAsync);

    async Task WebhookAsync(HttpContext http)
    {
        var call = Interlocked.Increment(ref calls);
        var body = await JsonNode.ParseAsync(http.Request.Body) as JsonObject;
        if (body is not null) Received.Enqueue(body);
        if (scriptOnly is { } only)
        {
            if (body is null || !only(body))
            {
                http.Response.ContentType = "text/plain";
                await http.Response.WriteAsync("ok");
                return;
            }
            call = Interlocked.Increment(ref matched);
        }

        var delay = DelayOf?.Invoke(call) ?? Delay;
        if (delay > TimeSpan.Zero)
        {
            try { await Task.Delay(delay, http.RequestAborted); }
            catch (OperationCanceledException) { return; }
        }

        var (status, text, retryAfter) = Respond?.Invoke(call) ?? (200, "ok", null);
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/plain";
        if (retryAfter is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsync(text);
    }
}
