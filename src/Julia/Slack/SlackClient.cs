using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace Julia.Slack;

/// <summary>
/// What a Slack incoming-webhook POST came to. <see cref="Permanent"/>: the same payload will never be accepted (bad
/// payload, revoked or unknown webhook, archived channel), so the caller gives up; otherwise it may try again, after
/// <see cref="RetryAfter"/> when Slack said so. <see cref="Error"/> is pt-BR, short, and never holds the webhook URL.
/// </summary>
internal sealed record SlackResult(bool Ok, bool Permanent, TimeSpan? RetryAfter, string? Error)
{
    public static readonly SlackResult Delivered = new(true, false, null, null);

    public static SlackResult Transient(string error, TimeSpan? retryAfter = null) => new(false, false, retryAfter, error);

    public static SlackResult Rejected(string error) => new(false, true, null, error);
}

/// <summary>
/// Slack incoming webhook over HTTP (tests/fixtures/README.md, "3. Slack incoming webhook"): one JSON POST, answered with
/// plain-text `ok` or a plain-text error code. Never retries by itself (the notification outbox owns retries) and never
/// throws except when <c>ct</c> is cancelled. The webhook URL is the secret: it is neither logged nor put in an error.
/// </summary>
internal sealed partial class SlackClient(HttpClient http, IOptions<SlackOptions> options, SlackMeter meter, ILogger<SlackClient> logger)
{
    /// <summary>Slack's default pause when a 429 comes without a usable Retry-After.</summary>
    static readonly TimeSpan DefaultRetryAfter = TimeSpan.FromSeconds(30);

    /// <summary>Error codes that mean this webhook or this payload will never work, whatever the status code says.</summary>
    static readonly HashSet<string> PermanentCodes = new(StringComparer.Ordinal)
    {
        "no_service", "invalid_payload", "channel_not_found", "channel_is_archived", "action_prohibited",
    };

    public async Task<SlackResult> PostAsync(JsonObject payload, CancellationToken ct)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var result = await PostUntimedAsync(payload, ct);
        meter.Time("slack_enviar", System.Diagnostics.Stopwatch.GetElapsedTime(started));
        if (!result.Ok) meter.Error("slack_enviar");
        return result;
    }

    async Task<SlackResult> PostUntimedAsync(JsonObject payload, CancellationToken ct)
    {
        if (!Uri.TryCreate(options.Value.WebhookUrl, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            LogNoWebhook();
            return SlackResult.Rejected("SLACK_WEBHOOK_URL ausente ou inválida");
        }

        try
        {
            using var content = new StringContent(payload.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(url, content, ct);
            var status = (int)response.StatusCode;
            var code = ErrorCode(await response.Content.ReadAsStringAsync(ct));

            if (response.IsSuccessStatusCode && (code is null or "ok"))
            {
                LogDelivered(status);
                return SlackResult.Delivered;
            }
            if (code is not null && PermanentCodes.Contains(code))
                return Rejected(status, code);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var after = RetryAfter(response);
                LogRateLimited((int)after.TotalSeconds);
                return SlackResult.Transient("Slack: limite de envio (429)", after);
            }
            if (status is >= 400 and < 500)
                return Rejected(status, code);
            if (response.IsSuccessStatusCode)
            {
                // A 2xx is an accepted post even if the body is unexpected; re-sending it would post twice.
                LogDelivered(status);
                return SlackResult.Delivered;
            }

            LogServerError(status, code ?? "-");
            return SlackResult.Transient(Describe(status, code));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A failure racing our own cancellation still reports the cancellation, the one exception callers expect.
            ct.ThrowIfCancellationRequested();
            return Failure(ex);
        }
    }

    /// <summary>Everything that is not an answer from Slack may work next time. Only the kind of failure is logged: an
    /// exception's message may name the request, and the URL is the secret.</summary>
    SlackResult Failure(Exception ex)
    {
        switch (ex)
        {
            case HttpRequestException network:
                LogNetworkFailure(network.HttpRequestError.ToString());
                return SlackResult.Transient("Slack: falha de rede");
            case TaskCanceledException or TimeoutException or Polly.Timeout.TimeoutRejectedException:
                // HttpClient.Timeout ends as a TaskCanceledException while our own token is still live. The post may
                // have arrived; the outbox decides whether to try again.
                LogTimedOut(http.Timeout.TotalSeconds);
                return SlackResult.Transient("Slack: tempo esgotado");
            case Polly.CircuitBreaker.BrokenCircuitException:
                LogUnexpected("circuit open");
                return SlackResult.Transient("Slack: circuito aberto");
            default:
                LogUnexpected(ex.GetType().Name);
                return SlackResult.Transient($"Slack: erro inesperado ({ex.GetType().Name})");
        }
    }

    SlackResult Rejected(int status, string? code)
    {
        LogRejected(status, code ?? "-");
        return SlackResult.Rejected(Describe(status, code));
    }

    static string Describe(int status, string? code) => code is null ? $"Slack: HTTP {status}" : $"Slack: HTTP {status} {code}";

    static TimeSpan RetryAfter(HttpResponseMessage response)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta && delta >= TimeSpan.Zero) return delta;
        if (header?.Date is { } date)
        {
            var wait = date - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }
        return DefaultRetryAfter;
    }

    /// <summary>
    /// Slack answers with a bare code such as `channel_not_found`. Anything else (a proxy's HTML page, an empty body)
    /// yields null, so neither logs nor errors carry arbitrary text.
    /// </summary>
    static string? ErrorCode(string body)
    {
        var text = body.Trim();
        if (text.Length is 0 or > 64) return null;
        foreach (var c in text)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return null;
        return text.ToLowerInvariant();
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Debug, Message = "Slack: notice accepted (HTTP {Status})")]
    private partial void LogDelivered(int status);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Warning, Message = "Slack: rate limited (HTTP 429), retry after {Seconds} s")]
    private partial void LogRateLimited(int seconds);

    [LoggerMessage(EventId = 6103, Level = LogLevel.Error, Message = "Slack: notice rejected for good (HTTP {Status}, {Code})")]
    private partial void LogRejected(int status, string code);

    [LoggerMessage(EventId = 6104, Level = LogLevel.Warning, Message = "Slack: server error (HTTP {Status}, {Code}); will retry")]
    private partial void LogServerError(int status, string code);

    [LoggerMessage(EventId = 6105, Level = LogLevel.Warning, Message = "Slack: network failure ({Kind}); will retry")]
    private partial void LogNetworkFailure(string kind);

    [LoggerMessage(EventId = 6106, Level = LogLevel.Warning, Message = "Slack: no answer within {Seconds} s; will retry")]
    private partial void LogTimedOut(double seconds);

    [LoggerMessage(EventId = 6107, Level = LogLevel.Error, Message = "Slack: SLACK_WEBHOOK_URL is missing or not an absolute http(s) URL; notice not sent")]
    private partial void LogNoWebhook();

    [LoggerMessage(EventId = 6108, Level = LogLevel.Warning, Message = "Slack: post failed ({Reason}); will retry")]
    private partial void LogUnexpected(string reason);
}
