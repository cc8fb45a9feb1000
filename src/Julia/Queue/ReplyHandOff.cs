using Julia.WhatsApp;

namespace Julia.Queue;

/// <summary>
/// The reply lane of this process, for a turn that queues its reply with the first chunk already claimed and marked
/// (docs/decisions.md#queue, "Hand-off"): the chunk goes out at once from the turn's own thread, without a wake-up and
/// a claim of its own. Available only while this process's reply lane runs and WhatsApp can send; otherwise the reply
/// is queued as usual.
/// </summary>
internal sealed class ReplyHandOff(WhatsAppConnection connection, DispatchStore store, QueueSignals signals)
{
    QueueDispatcher? lane;

    public bool Available => Volatile.Read(ref lane) is not null && connection.CanSend;

    public void Attach(QueueDispatcher replies) => Volatile.Write(ref lane, replies);

    public void Detach(QueueDispatcher replies) => Interlocked.CompareExchange(ref lane, null, replies);

    /// <summary>
    /// Sends a chunk claimed by the turn's statement. Never throws. With no lane to take it (stopped, or stopping), the
    /// chunk goes back to `pendente`: this process knows it never sent it.
    /// </summary>
    public async Task SendAsync(ClaimedMessage message, SendState state, bool moreChunks)
    {
        if (Volatile.Read(ref lane)?.SendHandedOffAsync(message, state, moreChunks) is { } sending)
        {
            await sending;
            return;
        }
        // Should even this fail (database down), recovery ends the row `resultado_desconhecido`, as for a claim whose
        // release failed: never resent blindly (docs/decisions.md#queue).
        try { await store.ReleaseUnsentAsync([message.Id]); } catch { }
        signals.Wake();
    }
}
