using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Julia.WhatsApp;

/// <summary>One event of the sandbox channel, as the simulator page shows it.</summary>
internal sealed record SandboxEvent(string Type, string Number, string? Text, string? Id, DateTimeOffset At, int? TypingMs = null);

/// <summary>
/// The WhatsApp channel without EVOLUTION_URL (docs/decisions.md#modes): sends stay in memory and are pushed to subscribers
/// (/static/simulador.html via `GET /sandbox/eventos`), so `./run.sh` on a fresh machine shows the whole loop.
/// </summary>
internal sealed class SandboxChannel(TimeProvider time) : IWhatsAppChannel
{
    const int Keep = 500;
    readonly ConcurrentQueue<SandboxEvent> history = new();
    readonly ConcurrentDictionary<Guid, Channel<SandboxEvent>> subscribers = new();

    public bool IsSandbox => true;

    public IReadOnlyList<SandboxEvent> History => [.. history];

    public Task ShowOnlineAsync(string number, CancellationToken ct)
    {
        Publish(new SandboxEvent("online", number, null, null, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task ShowTypingAsync(string number, TimeSpan duration, CancellationToken ct)
    {
        Publish(new SandboxEvent("digitando", number, null, null, time.GetUtcNow(), (int)duration.TotalMilliseconds));
        return Task.CompletedTask;
    }

    public Task<SendResult> SendTextAsync(string number, string text, CancellationToken ct)
    {
        var id = $"SANDBOX-{Guid.NewGuid():N}"[..30].ToUpperInvariant();
        Publish(new SandboxEvent("mensagem", number, text, id, time.GetUtcNow()));
        return Task.FromResult(SendResult.Sent(id));
    }

    /// <summary>Every number is on WhatsApp in the sandbox, at its own phone JID.</summary>
    public Task<NumberCheck?> CheckNumberAsync(string number, CancellationToken ct) =>
        Task.FromResult<NumberCheck?>(new NumberCheck(true, $"{number}@s.whatsapp.net"));

    public Task MarkReadAsync(IReadOnlyList<ReadMessage> messages, CancellationToken ct)
    {
        foreach (var m in messages) Publish(new SandboxEvent("lida", m.RemoteJid, null, m.Id, time.GetUtcNow()));
        return Task.CompletedTask;
    }

    public Task<string?> ConnectionStateAsync(CancellationToken ct) => Task.FromResult<string?>("open");

    public (Guid Id, ChannelReader<SandboxEvent> Reader) Subscribe()
    {
        var channel = Channel.CreateBounded<SandboxEvent>(new BoundedChannelOptions(200) { FullMode = BoundedChannelFullMode.DropOldest });
        var id = Guid.NewGuid();
        subscribers[id] = channel;
        return (id, channel.Reader);
    }

    public void Unsubscribe(Guid id) => subscribers.TryRemove(id, out _);

    void Publish(SandboxEvent e)
    {
        history.Enqueue(e);
        while (history.Count > Keep) history.TryDequeue(out _);
        foreach (var s in subscribers.Values) s.Writer.TryWrite(e);
    }
}
