namespace Julia.WhatsApp;

/// <summary>Where Júlia's WhatsApp texts go: Evolution API in production, the in-app sandbox without EVOLUTION_URL.</summary>
internal interface IWhatsAppChannel
{
    bool IsSandbox { get; }

    /// <summary>"online" (Evolution `chat/sendPresence` available), before "digitando…" (docs/decisions.md#humanised-delays). Best effort.</summary>
    Task ShowOnlineAsync(string number, CancellationToken ct);

    /// <summary>"digitando…" for the given time (Evolution `chat/sendPresence` composing). Best effort.</summary>
    Task ShowTypingAsync(string number, TimeSpan duration, CancellationToken ct);

    Task<SendResult> SendTextAsync(string number, string text, CancellationToken ct);

    /// <summary>
    /// Whether a number is on WhatsApp, and at which JID (Evolution `chat/whatsappNumbers`): a number Júlia never saw is
    /// checked before its first send, a stored JID again when a send to it was refused (docs/decisions.md#queue). Null
    /// when the gateway gave no usable answer: the caller sends as before and Evolution checks the number itself.
    /// </summary>
    Task<NumberCheck?> CheckNumberAsync(string number, CancellationToken ct);

    /// <summary>Read receipts for a doctor's messages, all in one call (`chat/markMessageAsRead`). Best effort.</summary>
    Task MarkReadAsync(IReadOnlyList<ReadMessage> messages, CancellationToken ct);

    /// <summary>
    /// `open`, `connecting`, `close`; <see cref="WhatsAppStatus.Unreachable"/> when the gateway refuses connections (or the
    /// breaker is open after such failures); null when it answered too slowly; throws when it answered, but not with a
    /// state (an HTTP error, another shape) — the poll's loop logs it, health keeps the last state heard.
    /// </summary>
    Task<string?> ConnectionStateAsync(CancellationToken ct);
}

/// <summary>What `chat/whatsappNumbers` said of one number: on WhatsApp at <see cref="Jid"/>, or not on WhatsApp.</summary>
internal sealed record NumberCheck(bool OnWhatsApp, string? Jid)
{
    public static readonly NumberCheck NotOnWhatsApp = new(false, null);
}

/// <summary>A message to mark as read: the address it came from and its WhatsApp id.</summary>
internal readonly record struct ReadMessage(string RemoteJid, string Id);

/// <summary>Outcome of one send. <see cref="Transient"/> failures are retried by the queue, never by the HTTP client.</summary>
internal sealed record SendResult(string Outcome, string? ProviderMessageId = null, string? Error = null, DateTimeOffset? RetryAt = null)
{
    public static SendResult Sent(string? id) => new("enviada", id);
    public static readonly SendResult NotOnWhatsApp = new("sem_whatsapp", Error: "número não está no WhatsApp");
    /// <summary>The breaker refused the call; <paramref name="retryAt"/> is when it lets its trial through (null: a trial is in flight).</summary>
    public static SendResult CircuitOpen(DateTimeOffset? retryAt) => new("circuito_aberto", Error: "circuito evolution aberto", RetryAt: retryAt);
    /// <summary>No connection to the gateway could be made: nothing was sent, retry later without spending an attempt.</summary>
    public static readonly SendResult Unreachable = new("evolution_inacessivel", Error: "Evolution inacessível (conexão recusada)");
    /// <summary>
    /// The request left and no answer came (a timeout, a connection lost mid-answer): the message may have reached the
    /// doctor. The queue ends it `resultado_desconhecido` and never sends it again (docs/decisions.md#queue).
    /// </summary>
    public static SendResult Unknown(string error) => new("resultado_desconhecido", Error: error);
    public static SendResult Failed(string error) => new("falhou", Error: error);
    public bool Succeeded => Outcome == "enviada";
}
