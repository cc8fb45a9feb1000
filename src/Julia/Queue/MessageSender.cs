using Julia.Conversations;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Time;
using Julia.Metrics;
using Julia.WhatsApp;

namespace Julia.Queue;

/// <summary>
/// Sends one claimed message (SPEC §6): re-checks from fresh reads, limits, "digitando…", sendText, then records the
/// outcome — `enviada` with the outbound interacoes row in one transaction, or back to pending / blocked / cancelled /
/// error. Waiting never consumes an attempt; a send that may have happened is never blindly repeated.
/// </summary>
internal sealed partial class MessageSender(
    DispatchStore store, ConversationStore conversations, IWhatsAppChannel channel, SendLimiter limiter, BusinessHours hours,
    TurnSignals turns, OperationTimings timings, TimeProvider time, ILogger<MessageSender> logger)
{
    /// <summary>
    /// The re-checks, business hours and limits. Returns the address to send to, or null when the message was finished
    /// or postponed here (no attempt consumed).
    /// </summary>
    public async Task<string?> PrepareAsync(ClaimedMessage m, SendState state, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (Blocked(m, state) is { } block)
        {
            await store.FinishAsync(m.Id, block.Status, block.Reason, null, ct);
            if (block.Reason == "superado") turns.Notify(m.MedicoId);
            LogNotSent(m.Id, m.Tipo, block.Status, block.Reason);
            return null;
        }
        if (m.NeedsBusinessHours && !hours.IsOpen(now))
        {
            await store.PostponeAsync(m.Id, hours.NextOpening(now) + TimeSpan.FromSeconds(Random.Shared.Next(0, 900)), "fora_do_horario", ct);
            return null;
        }
        if (state.Address is not { Length: > 0 } address)
        {
            await store.FinishAsync(m.Id, "erro", "sem_whatsapp", "médico sem telefone nem JID", ct);
            return null;
        }
        if (m.IsProactive && await limiter.TryReserveAsync(m, address, now, ct) is { } retryAt)
        {
            await store.PostponeAsync(m.Id, retryAt, "limite", ct);
            return null;
        }
        return address;
    }

    /// <summary>
    /// "digitando…" for every message of a batch at once, then one wait for the longest typing time: each doctor sees
    /// typing for his chunk's time (at most 6 s), and no doctor waits for the others' typing.
    /// </summary>
    public async Task ShowTypingAsync(IReadOnlyList<(ClaimedMessage Message, string Address)> ready, CancellationToken ct)
    {
        var typing = ready.Where(r => r.Message.DigitacaoMs > 0).ToList();
        if (typing.Count == 0) return;
        foreach (var (m, address) in typing) await channel.ShowTypingAsync(address, TimeSpan.FromMilliseconds(m.DigitacaoMs), ct);
        await Task.Delay(TimeSpan.FromMilliseconds(typing.Max(t => t.Message.DigitacaoMs)), time, ct);
    }

    /// <summary>sendText. Called after the send-started mark is durable.</summary>
    public async Task<SendResult> DeliverAsync(ClaimedMessage m, string address, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var result = await channel.SendTextAsync(address, m.Conteudo, ct);
        timings.Record("evolution_enviar", time.GetElapsedTime(started));
        return result;
    }

    /// <summary>Replies and system messages sent in a batch are recorded together by the dispatcher.</summary>
    public static bool RecordedInBatch(ClaimedMessage m, SendResult result) => result.Succeeded && !m.IsProactive;

    public void LogBatchSent(ClaimedMessage m, string address) => LogSent(m.Id, m.Tipo, PhoneMask.Mask(address));

    /// <summary>Records one outcome (everything but batched reply successes).</summary>
    public async Task RecordAsync(ClaimedMessage m, string address, SendResult result, CancellationToken ct)
    {
        var phone = PhoneMask.Mask(address);
        switch (result.Outcome)
        {
            case "enviada":
                var recording = time.GetTimestamp();
                await using (var connection = await store.DataSource.OpenConnectionAsync(ct))
                await using (var tx = await connection.BeginTransactionAsync(ct))
                {
                    await store.MarkSentAsync(tx, m.Id, result.ProviderMessageId, ct);
                    await conversations.RecordOutboundAsync(tx, m.MedicoId, m.ConversaId, m.Tipo == QueueKinds.Sistema ? "sistema" : "julia",
                        $"fila:{m.Tipo}", m.Conteudo, result.ProviderMessageId, address, m.Llm, ct);
                    if (m.Tipo == QueueKinds.Followup && m.ConversaId is { } conversaId)
                        await conversations.AfterFollowUpAsync(tx, conversaId, m.MedicoId, m.TipoFollowup ?? "fu1", ct);
                    if (m.Tipo == QueueKinds.Campanha)
                        await conversations.AfterCampaignSendAsync(tx, m.Id, m.MedicoId, m.FirstContact, ct);
                    await tx.CommitAsync(ct);
                }
                timings.Record("db:fila_enviada", time.GetElapsedTime(recording));
                LogSent(m.Id, m.Tipo, phone);
                break;
            case "sem_whatsapp":
                await store.FinishAsync(m.Id, "erro", "sem_whatsapp", result.Error, ct);
                LogNotOnWhatsApp(m.Id, phone);
                break;
            case "circuito_aberto":
                await store.PostponeAsync(m.Id, time.GetUtcNow().AddSeconds(30), "circuito_aberto", ct);
                break;
            default:
                timings.RecordError("evolution_enviar");
                var (attempts, status) = await store.FailAsync(m.Id, result.Error ?? "falha", ct);
                if (status == "erro") LogGaveUp(m.Id, phone, attempts, result.Error ?? "falha");
                else LogRetry(m.Id, phone, attempts, result.Error ?? "falha");
                break;
        }
    }

    /// <summary>The re-checks that end a message without sending it (SPEC §6, checks 1–3).</summary>
    static (string Status, string Reason)? Blocked(ClaimedMessage m, SendState s)
    {
        if (s.DoctorDeleted) return ("bloqueada", "medico_removido");
        if (m.IsProactive && s.OptedOut) return ("bloqueada", "opt_out");
        if (m.IsProactive && s.Bloqueado) return ("bloqueada", "bloqueado");
        if (s.HumanControlled && !m.AllowedUnderHuman) return ("bloqueada", "controle_humano");
        if (m.Tipo == QueueKinds.Resposta && s.NewerInbound) return ("cancelada", "superado");
        if (m.Tipo == QueueKinds.Followup && s.InboundSinceEnqueue) return ("cancelada", "respondeu");
        return null;
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "enviar ok: {FilaId} ({Tipo}) to {Phone}")]
    private partial void LogSent(Guid filaId, string tipo, string phone);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "enviar falhou: {FilaId} to {Phone}, attempt {Attempt}: {Error}; retrying later")]
    private partial void LogRetry(Guid filaId, string phone, int attempt, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "enviar falhou: {FilaId} to {Phone} gave up after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(Guid filaId, string phone, int attempt, string error);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "enviar: {FilaId} not sent, {Phone} is not on WhatsApp")]
    private partial void LogNotOnWhatsApp(Guid filaId, string phone);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "enviar: {FilaId} ({Tipo}) not sent: {Status} ({Reason})")]
    private partial void LogNotSent(Guid filaId, string tipo, string status, string reason);
}
