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
        if (newState == "open")
        {
            LogConnected(LogText.Untrusted(previous));
            if (previous != "unknown") Reconnected?.Invoke();
        }
        else
        {
            // The webhook's words; the poll and an unreachable gateway give no reason code: "-", not "(null)".
            LogNotConnected(LogText.Untrusted(newState), statusReason?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
            Disconnected?.Invoke(newState);
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "WhatsApp connected (state open, was {Previous})")]
    private partial void LogConnected(string previous);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Error, Message = "WhatsApp not connected: state {State} (reason {StatusReason})")]
    private partial void LogNotConnected(string state, string statusReason);
}
