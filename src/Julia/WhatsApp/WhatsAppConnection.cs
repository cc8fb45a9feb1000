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

    /// <summary>
    /// A flapping gateway (or a sender with the token) can change the state hundreds of times a minute: the first 20
    /// changes of a minute are logged as they come, the rest once, with the state it settled in (docs/decisions.md#configuration).
    /// The events below still fire on every change; the alerts keep their own cooldown.
    /// </summary>
    readonly LogBudget lines = new(time, lines: 20, window: TimeSpan.FromMinutes(1));

    public string State => Volatile.Read(ref state);

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
        await redis.TryAsync(db => db.HashSetAsync(Key, [
            new("estado", newState), new("atualizado_em", time.GetUtcNow().ToString("O")), new("status_reason", statusReason?.ToString() ?? "")]));
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
            if (log) LogNotConnected(LogText.Untrusted(newState), statusReason?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
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
