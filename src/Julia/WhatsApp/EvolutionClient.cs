using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.Options;

namespace Julia.WhatsApp;

/// <summary>
/// Evolution API v2 (and v1: the same calls, bodies that carry both versions' fields) over HTTP (tests/fixtures/README.md, "1.2 Calls we make to Evolution"): header `apikey`, `message/sendText`,
/// `chat/sendPresence`, `chat/markMessageAsRead`, `chat/whatsappNumbers`, `instance/connectionState`. Never retries a POST by itself (the queue
/// owns retries); the evolution circuit breaker (3 failures, 30 s) guards every call.
/// </summary>
internal sealed partial class EvolutionClient(HttpClient http, IOptions<EvolutionOptions> options, CircuitBreakers breakers, ILogger<EvolutionClient> logger)
    : IWhatsAppChannel
{
    string Instance => Uri.EscapeDataString(options.Value.Instance);

    public bool IsSandbox => false;

    public async Task<SendResult> SendTextAsync(string number, string text, CancellationToken ct)
    {
        var breaker = breakers.Evolution;
        if (!breaker.TryEnter()) return SendResult.CircuitOpen(breaker.RetryAt);
        try
        {
            // v2 reads the flat `text`, v1 requires `textMessage.text`; neither refuses the other's field, so one body
            // serves both (tests/fixtures/README.md, 1.3). Either answer carries the message id at `key.id`.
            using var response = await http.PostAsJsonAsync($"message/sendText/{Instance}", new { number, text, textMessage = new { text } }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                breaker.RecordSuccess();
                // A 2xx is a send only when it names the message. Without `key.id` (an empty body, an error object inside
                // a 200/201, an id that is no string) Evolution neither confirmed nor refused it: it may have gone out, so
                // the outcome is unknown and it is never sent again (docs/decisions.md#queue, "A 2xx that names no message").
                return ProviderId(body) is { } id
                    ? SendResult.Sent(id)
                    : SendResult.Unknown($"Evolution respondeu HTTP {(int)response.StatusCode} sem key.id");
            }
            if (response.StatusCode == HttpStatusCode.BadRequest && IsNotOnWhatsApp(body))
            {
                breaker.RecordSuccess(); // the gateway answered properly: the number is the problem
                return SendResult.NotOnWhatsApp;
            }
            if ((int)response.StatusCode is >= 400 and < 500) breaker.RecordSuccess(); else breaker.RecordFailure();
            LogSendRejected(PhoneMask.Mask(number), (int)response.StatusCode);
            return SendResult.Failed($"HTTP {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            breaker.Abandon();   // its caller gave up (shutdown): no outcome to record, but a trial must not stay in flight
            throw;
        }
        catch (Polly.CircuitBreaker.BrokenCircuitException)
        {
            breaker.RecordFailure(); // never leave a half-open trial in flight: every later call would be refused
            return SendResult.CircuitOpen(breaker.RetryAt);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException
                                   && !ct.IsCancellationRequested)
        {
            breaker.RecordFailure();
            // No connection could be made: the request never left, so waiting for the gateway costs no attempt
            // (docs/decisions.md#queue). Otherwise the POST left and no answer came: it may have been delivered, and a
            // duplicate to a doctor is worse than a loss — never sent again, neither by the queue nor the HTTP client.
            if (ex is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                    or HttpRequestError.SecureConnectionError })
                return SendResult.Unreachable;
            return SendResult.Unknown(ex is HttpRequestException ? "falha de rede depois do envio" : "tempo esgotado");
        }
    }

    public async Task<NumberCheck?> CheckNumberAsync(string number, CancellationToken ct)
    {
        var breaker = breakers.Evolution;
        if (!breaker.TryEnter()) return null;
        try
        {
            using var response = await http.PostAsJsonAsync($"chat/whatsappNumbers/{Instance}", new { numbers = new[] { number } }, ct);
            if ((int)response.StatusCode >= 500) breaker.RecordFailure(); else breaker.RecordSuccess();
            if (!response.IsSuccessStatusCode)
            {
                LogCheckRejected(PhoneMask.Mask(number), (int)response.StatusCode);
                return null;
            }
            return ReadNumberCheck(await response.Content.ReadAsStringAsync(ct));
        }
        catch (Exception ex) when (IsUnreachable(ex) && !ct.IsCancellationRequested)
        {
            breaker.RecordFailure();
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            breaker.Abandon();
            throw;
        }
    }

    /// <summary>
    /// `[{"exists": true, "jid": "5511…@s.whatsapp.net", "number": "5511…"}]`: the first item. A JID that is not a phone JID
    /// (digits@s.whatsapp.net) is not an answer Júlia can send to.
    /// </summary>
    internal static NumberCheck? ReadNumberCheck(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.ValueKind != JsonValueKind.Array || doc.RootElement.GetArrayLength() == 0) return null;
            var item = doc.RootElement[0];
            if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("exists", out var exists)) return null;
            if (exists.ValueKind == JsonValueKind.False) return NumberCheck.NotOnWhatsApp;
            if (exists.ValueKind != JsonValueKind.True) return null;
            return item.TryGetProperty("jid", out var jid) && jid.ValueKind == JsonValueKind.String && IsPhoneJid(jid.GetString()!)
                ? new NumberCheck(true, jid.GetString()) : null;
        }
        catch (JsonException) { return null; }
    }

    static bool IsPhoneJid(string jid) =>
        jid.EndsWith("@s.whatsapp.net", StringComparison.Ordinal) && jid.IndexOf('@') is >= 8 and <= 15 and var at
        && jid.AsSpan(0, at).IndexOfAnyExceptInRange('0', '9') < 0;

    public Task ShowOnlineAsync(string number, CancellationToken ct) => PresenceAsync(number, "available", 0, ct);

    public Task ShowTypingAsync(string number, TimeSpan duration, CancellationToken ct) =>
        PresenceAsync(number, "composing", (int)duration.TotalMilliseconds, ct);

    // v2 reads `presence`/`delay` at the top, v1 requires them under `options`; neither refuses the other's fields, so
    // one body serves both (tests/fixtures/README.md, 1.3).
    Task PresenceAsync(string number, string presence, int delay, CancellationToken ct) =>
        BestEffortAsync(HttpMethod.Post, $"chat/sendPresence/{Instance}", new { number, presence, delay, options = new { presence, delay } }, ct);

    // v1 names the list `read_messages` and takes it by PUT; v2 names it `readMessages` and takes it by POST. The body
    // carries both names; the method is learnt: when the gateway has no route for it (404/405), the other is tried
    // and kept from then on (a gateway upgraded while Júlia runs is followed the same way).
    volatile HttpMethod readReceiptMethod = HttpMethod.Post;

    public async Task MarkReadAsync(IReadOnlyList<ReadMessage> messages, CancellationToken ct)
    {
        var read = messages.Select(m => new { remoteJid = m.RemoteJid, fromMe = false, id = m.Id }).ToArray();
        var body = new { readMessages = read, read_messages = read };
        var path = $"chat/markMessageAsRead/{Instance}";
        var method = readReceiptMethod;
        if (await BestEffortAsync(method, path, body, ct) is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
        {
            var other = method == HttpMethod.Post ? HttpMethod.Put : HttpMethod.Post;
            if (await BestEffortAsync(other, path, body, ct) is { } status && (int)status < 400) readReceiptMethod = other;
        }
    }

    public async Task<string?> ConnectionStateAsync(CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"instance/connectionState/{Instance}", ct);
            // Answered, but not with a state: the key or the instance name is wrong, or it is not Evolution answering.
            // Thrown for the poll's loop to log (WhatsAppConnectionMonitor); health reads it as "no news".
            if (!response.IsSuccessStatusCode)
                throw new InvalidDataException($"Evolution answered GET instance/connectionState with HTTP {(int)response.StatusCode}");
            using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            return doc.RootElement is { ValueKind: JsonValueKind.Object } root && root.TryGetProperty("instance", out var i)
                && i.ValueKind == JsonValueKind.Object && i.TryGetProperty("state", out var s) && s.ValueKind == JsonValueKind.String
                ? s.GetString()
                : throw new InvalidDataException("Evolution answered GET instance/connectionState without instance.state");
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.CircuitBreaker.BrokenCircuitException && !ct.IsCancellationRequested)
        {
            return WhatsAppStatus.Unreachable; // refused, reset, no route, or the breaker open after such failures
        }
        catch (Exception ex) when (IsUnreachable(ex) && !ct.IsCancellationRequested)
        {
            return null; // slow: not proof that the gateway is gone
        }
        catch (JsonException ex) when (!ct.IsCancellationRequested)
        {
            throw new InvalidDataException("Evolution answered GET instance/connectionState with a body that is not JSON", ex);
        }
    }

    /// <summary>The gateway's answer, or null when it gave none (breaker open, unreachable).</summary>
    async Task<HttpStatusCode?> BestEffortAsync(HttpMethod method, string path, object body, CancellationToken ct)
    {
        if (!breakers.Evolution.TryEnter()) return null;
        try
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
            using var response = await http.SendAsync(request, ct);
            // An accepted typing or read receipt says nothing of whether messages go out: it never resets the sends'
            // failures (docs/decisions.md#queue). It only gives back a half-open trial, which the next send then takes.
            if ((int)response.StatusCode >= 500) breakers.Evolution.RecordFailure(); else breakers.Evolution.Abandon();
            return response.StatusCode;
        }
        catch (Exception ex) when (IsUnreachable(ex) && !ct.IsCancellationRequested)
        {
            // A timed-out read receipt or typing may be the breaker's half-open trial: it must be recorded, and never thrown.
            breakers.Evolution.RecordFailure();
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            breakers.Evolution.Abandon();   // cancelled by its caller (typing once the agent answered): no outcome
            throw;
        }
        return null;
    }

    /// <summary>
    /// Evolution did not answer: refused, reset, timed out (one attempt or the whole request: Polly's
    /// TimeoutRejectedException), or the HTTP handler's own breaker is open. None of these may escape a caller.
    /// </summary>
    static bool IsUnreachable(Exception ex) => ex is HttpRequestException or TaskCanceledException or TimeoutException
        or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException;

    /// <summary>The message id of a sendText answer (`key.id`, v2 and v1 alike): a non-blank string, else null.</summary>
    static string? ProviderId(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            return doc.RootElement is { ValueKind: JsonValueKind.Object } root
                   && root.TryGetProperty("key", out var key) && key.ValueKind == JsonValueKind.Object
                   && key.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                   && id.GetString() is { } text && !string.IsNullOrWhiteSpace(text)
                ? text
                : null;
        }
        catch (JsonException) { return null; }
    }

    static bool IsNotOnWhatsApp(string body) =>
        body.Contains("\"exists\":false", StringComparison.Ordinal) || body.Contains("\"exists\": false", StringComparison.Ordinal);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Warning, Message = "enviar: Evolution could not check whether {Phone} is on WhatsApp (HTTP {Status}); sent as it is")]
    private partial void LogCheckRejected(string phone, int status);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Warning, Message = "enviar: Evolution refused the message to {Phone} with HTTP {Status}")]
    private partial void LogSendRejected(string phone, int status);
}
