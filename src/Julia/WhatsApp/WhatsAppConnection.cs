using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Redis;

namespace Julia.WhatsApp;

/// <summary>
/// The WhatsApp connection state of the instance (`open`, `connecting`, `close`), from `connection.update` webhooks:
/// kept in memory and in Redis `whatsapp:estado` so every process sees it.
/// </summary>
internal sealed partial class WhatsAppConnection(RedisGate redis, TimeProvider time, ILogger<WhatsAppConnection> logger)
{
    public const string Key = "whatsapp:estado";
    string state = "unknown";
    int? reason; // boxed reads are not atomic: guarded by `gate`
    readonly Lock gate = new();

    /// <summary>
    /// A flapping gateway (or a sender with the token) can change the state hundreds of times a minute: the first 20
    /// changes of a minute are logged as they come, the rest once, with the state it settled in (docs/decisions.md#configuration).
    /// The events below still fire on every change; the alerts keep their own cooldown.
    /// </summary>
    readonly LogBudget lines = new(time, lines: 20, window: TimeSpan.FromMinutes(1));

    public string State => Volatile.Read(ref state);

    /// <summary>This process's last reason code of the outage (null once `open`); see <see cref="ReasonAsync"/>.</summary>
    public int? Reason { get { lock (gate) return reason; } }

    /// <summary>
    /// The reason code of the current outage as every process sees it (`whatsapp:estado` `status_reason`, written by the
    /// process that got the webhook), else this process's own; null when none is known.
    /// </summary>
    public async Task<int?> ReasonAsync()
    {
        var shared = await redis.TryAsync(db => db.HashGetAsync(Key, "status_reason"), StackExchange.Redis.RedisValue.Null);
        if (shared.IsNull) return Reason;
        return int.TryParse((string?)shared, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? DisconnectReasons.Of(code) : null;
    }

    /// <summary>Raised when the state changes to anything but `open` (alert `whatsapp_desconectado`); must not throw.</summary>
    public event Action<string>? Disconnected;

    /// <summary>Raised when the state changes to `open` from a known other state (a reconnect, not the first news); must not throw.</summary>
    public event Action? Reconnected;

    /// <summary>Dispatch goes on unless the gateway said it is not connected ("unknown" at start-up does not block).</summary>
    public bool CanSend => State is "open" or "unknown";

    /// <summary>
    /// A state as Evolution's words are compared (docs/decisions.md#queue, "Waiting is not an attempt"): without the
    /// spaces around it, in lower case, at most 32 characters — " open", "OPEN" and "open\n" are `open`, not a
    /// disconnection.
    /// </summary>
    public static string StateWord(string state) => Infrastructure.Text.TextPrefix.Of(state.Trim(), MaxStateChars).Trim().ToLowerInvariant();

    public const int MaxStateChars = 32;

    public async Task UpdateAsync(string newState, int? statusReason)
    {
        newState = StateWord(newState); // the 30 s poll's answer too
        var previous = Interlocked.Exchange(ref state, newState);
        // The reason of an outage survives the answers that carry none (the poll, `connecting` with 200, a refused
        // gateway): only `open` ends it (docs/decisions.md#whatsapp-disconnect-reason). Before, the poll's `close` 30 s
        // after a logout wrote an empty reason over the 401, and the operator lost the one word saying waiting won't help.
        var known = DisconnectReasons.Of(statusReason);
        int? effective;
        lock (gate) effective = reason = newState == "open" ? null : known ?? (previous == "open" ? null : reason);
        var now = time.GetUtcNow().ToString("O");
        await redis.TryAsync(db => newState == "open" || known is not null
            ? db.HashSetAsync(Key, [new("estado", newState), new("atualizado_em", now), new("status_reason", known?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "")])
            : db.HashSetAsync(Key, [new("estado", newState), new("atualizado_em", now)]));
        if (previous == newState) return;
        var log = lines.TryTake(LogSettled);
        if (newState == "open")
        {
            if (log) LogConnected(LogText.Untrusted(previous));
            if (previous != "unknown") Reconnected?.Invoke();
        }
        else
        {
            // The webhook's words; the poll and an unreachable gateway give no reason code: "-", not "(null)".
            if (log) LogNotConnected(LogText.Untrusted(newState), effective?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
            Disconnected?.Invoke(newState);
        }
    }

    /// <summary>The line after a minute whose changes were not all logged: the state now, and how many were left out.</summary>
    void LogSettled(int left)
    {
        if (State == "open") LogConnectedAfterChanges(left);
        else LogNotConnectedAfterChanges(LogText.Untrusted(State), left);
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "WhatsApp connected (state open, was {Previous})")]
    private partial void LogConnected(string previous);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "WhatsApp not connected: state {State} (reason {StatusReason})")]
    private partial void LogNotConnected(string state, string statusReason);

    [LoggerMessage(EventId = 1303, Level = LogLevel.Information, Message = "WhatsApp connected (state open; {Left} more state changes since the last such line)")]
    private partial void LogConnectedAfterChanges(int left);

    [LoggerMessage(EventId = 1304, Level = LogLevel.Error, Message = "WhatsApp not connected: state {State} ({Left} more state changes since the last such line)")]
    private partial void LogNotConnectedAfterChanges(string state, int left);
}
