using StackExchange.Redis;
using Julia.Infrastructure.Redis;

namespace Julia.WhatsApp;

/// <summary>
/// The WhatsApp state as readiness, /admin/metricas/health and the `whatsapp_desconectado` alert see it: `sandbox`
/// without Evolution (`sandbox: close` after a `connection.update` said so: sends wait until one says `open`); otherwise Evolution asked live for one second at most — `inacessivel` when it refuses connections
/// (degraded: replies wait in the queue; before, the last state heard kept readiness green while nothing could be
/// sent) — else, when it is only slow or answers oddly, the last state any process heard (`whatsapp:estado`, written
/// from `connection.update`), else this process's own.
/// </summary>
internal sealed class WhatsAppStatus(IWhatsAppChannel channel, WhatsAppConnection connection, RedisGate redis)
{
    public const string Unreachable = "inacessivel";

    public bool IsSandbox => channel.IsSandbox;

    public async Task<string> CurrentAsync(CancellationToken ct)
    {
        // A connection.update posted to the sandbox still stops sends until an "open" (tests and demos of the alert use
        // it): say so here, or readiness stays green while nothing goes out.
        if (channel.IsSandbox) return connection.CanSend ? "sandbox" : $"sandbox: {connection.State}";
        if (await LiveStateAsync(ct) is { } live) return live;
        var shared = await redis.TryAsync(db => db.HashGetAsync(WhatsAppConnection.Key, "estado"), RedisValue.Null);
        return shared.HasValue && !shared.IsNullOrEmpty ? (string)shared! : connection.State;
    }

    /// <summary>
    /// The state as the operator reads it, with the reason of the outage when one is known: "close (401: sessão encerrada —
    /// escanear o QR code de novo)" (docs/decisions.md#whatsapp-disconnect-reason).
    /// </summary>
    public async Task<(string State, int? Reason)> CurrentWithReasonAsync(CancellationToken ct)
    {
        var state = await CurrentAsync(ct);
        return (state, state is "open" or "sandbox" ? null : await connection.ReasonAsync());
    }

    async Task<string?> LiveStateAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try { return await channel.ConnectionStateAsync(timeout.Token); }
        catch (Exception) when (!ct.IsCancellationRequested) { return null; } // timeout, open circuit, odd answer: last known state
    }
}
