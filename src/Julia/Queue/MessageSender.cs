using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Text;
using Julia.Infrastructure.Time;
using Julia.WhatsApp;
using Microsoft.Extensions.Options;

namespace Julia.Queue;

/// <summary>
/// Sends one claimed message (docs/decisions.md#queue): re-checks from fresh reads, limits, "digitando…", sendText, then
/// records the outcome — back to pending / blocked / cancelled / error here; `enviada` by the dispatcher for the batch. Waiting never consumes an attempt; a send that may have happened is never blindly repeated.
/// </summary>
internal sealed partial class MessageSender(
    DispatchStore store, IWhatsAppChannel channel, ISendAddressBook addresses, SendLimiter limiter, BusinessHours hours, QueueMeter timings, IOptions<QueueOptions> options, TimeProvider time, ILogger<MessageSender> logger,
    IEnumerable<ISendTextCheck> textChecks)
{
    readonly ISendTextCheck[] checks = [.. textChecks];

    /// <summary>
    /// The re-checks, business hours and limits. Returns the message as it goes out (its text rebuilt when the shift it
    /// named is gone) and the address to send to, or null when the message was finished or postponed here (no attempt consumed).
    /// </summary>
    public async Task<(ClaimedMessage Message, string Address)?> PrepareAsync(ClaimedMessage m, SendState state, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (Blocked(m, state) is { } block)
        {
            if (await store.FinishAsync(new EndedMessage(m, block.Status, block.Reason), null, ct)) LogNotSent(m.Id, m.Kind, block.Status, block.Reason);
            else LogCancelledAfterClaim(m);
            return null;
        }
        if (m.NeedsBusinessHours && !hours.IsOpen(now))
        {
            await store.PostponeAsync(m.Id, hours.NextOpening(now) + TimeSpan.FromSeconds(Random.Shared.Next(0, 900)), "fora_do_horario", ct);
            return null;
        }
        if (state.Address is not { Length: > 0 } address)
        {
            if (await store.FinishAsync(new EndedMessage(m, "erro", "sem_whatsapp"), "médico sem telefone nem JID", ct)) LogNoAddress(m.Id, m.Kind);
            return null;
        }
        if (!address.Contains('@'))
        {
            // A number no message came from and none was verified (an imported doctor): Evolution says whether it is on
            // WhatsApp and at which JID, which becomes his send address (docs/decisions.md#queue, "Never-seen numbers").
            // No usable answer: sent to the number as it is, and Evolution checks it itself.
            switch (await channel.CheckNumberAsync(address, ct))
            {
                case { OnWhatsApp: false }:
                    if (await store.FinishAsync(new EndedMessage(m, "erro", "sem_whatsapp"), SendResult.NotOnWhatsApp.Error, ct))
                        LogNotOnWhatsApp(m.Id, PhoneMask.Mask(address));
                    return null;
                case { Jid: { } verified }:
                    await addresses.RememberVerifiedJidAsync(m.MedicoId, verified, ct);
                    address = verified;
                    break;
            }
        }
        if (m.NamedShiftId is not null)
        {
            if (await RecheckTextAsync(m, ct) is not { } checkedText) return null;
            m = checkedText;
        }
        if (m.IsProactive && await limiter.TryReserveAsync(m, SendLimiter.NumberOf(state.Telefone, address), now, ct) is { } hold)
        {
            await store.PostponeAsync(m.Id, hold.RetryAt, hold.Reason, ct);
            return null;
        }
        return (m, address);
    }

    /// <summary>
    /// A text that names a shift, asked again of the feature that wrote it (docs/decisions.md#proactive): a rebuilt text is
    /// stored on the row before the send, so the outbound record says what the doctor got; a withdrawn one ends the row
    /// `cancelada` unsent (null).
    /// </summary>
    async Task<ClaimedMessage?> RecheckTextAsync(ClaimedMessage m, CancellationToken ct)
    {
        foreach (var check in checks)
        {
            switch (await check.CheckAsync(m, ct))
            {
                case RewrittenText rewritten:
                    if (await store.RewriteAsync(m.Id, rewritten, ct)) LogRewritten(m.Id, m.Kind, m.NamedShiftId, rewritten.Reason);
                    return m with { Content = rewritten.Content, NamedShiftId = rewritten.NamedShiftId };
                case WithdrawnText withdrawn:
                    if (await store.FinishAsync(new EndedMessage(m, "cancelada", withdrawn.Reason), withdrawn.Detail, ct))
                        LogNotSent(m.Id, m.Kind, "cancelada", withdrawn.Reason);
                    else LogCancelledAfterClaim(m);
                    return null;
            }
        }
        return m;
    }

    /// <summary>
    /// "digitando…" for every message of a batch at once, then one wait for the longest typing time: each doctor sees
    /// typing for his chunk's time (at most 6 s). A reply chunk carries its time from the turn's schedule and a staff
    /// message none (a person typed it); any other row (a follow-up, a campaign, a reminder, a system message) gets its
    /// text's typing time with HUMANIZAR on (docs/decisions.md#humanised-delays).
    /// </summary>
    public async Task ShowTypingAsync(IReadOnlyList<(ClaimedMessage Message, string Address)> ready, CancellationToken ct)
    {
        var typing = ready.Select(r => (r.Address, Time: TypingOf(r.Message))).Where(t => t.Time > TimeSpan.Zero).ToList();
        if (typing.Count == 0) return;
        // Evolution holds each presence request open for its delay: start them all, wait once for the longest.
        _ = Task.WhenAll(typing.Select(t => channel.ShowTypingAsync(t.Address, t.Time, ct)));
        await Task.Delay(typing.Max(t => t.Time), time, ct);
    }

    TimeSpan TypingOf(ClaimedMessage m) =>
        m.TypingMs is { } ms ? TimeSpan.FromMilliseconds(ms) : options.Value.Humanize ? TypingTime.For(m.Content) : TimeSpan.Zero;

    /// <summary>sendText. Called after the send-started mark is durable.</summary>
    public async Task<SendResult> DeliverAsync(ClaimedMessage m, string address, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var result = await channel.SendTextAsync(address, m.Content, ct);
        timings.Time("evolution_enviar", time.GetElapsedTime(started));
        return result;
    }

    public void LogBatchSent(ClaimedMessage m, string address) => LogSent(m.Id, m.Kind, PhoneMask.Mask(address));

    /// <summary>The send-started mark or an end found the row ended: a cancel took it after the claim (docs/decisions.md#queue).</summary>
    public void LogCancelledAfterClaim(ClaimedMessage m) => LogNotSent(m.Id, m.Kind, "cancelada", "cancelada depois de pega para envio");

    /// <summary>
    /// The doctor wrote while a follow-up or a campaign opening showed "digitando…" (its mark refused it): it ends as its
    /// re-check would have ended it, with the same effects — he has just written, so it does not go.
    /// </summary>
    public async Task AnsweredBeforeSendAsync(ClaimedMessage m, CancellationToken ct)
    {
        var reason = m.Kind == QueueKinds.FollowUp ? "respondeu" : "conversa_recente";
        if (await store.FinishAsync(new EndedMessage(m, "cancelada", reason), null, ct)) LogNotSent(m.Id, m.Kind, "cancelada", reason);
        else LogCancelledAfterClaim(m);
    }

    /// <summary>A prepared message that will not be sent after all: its limiter reservation is given back.</summary>
    public Task NotSentAsync(ClaimedMessage m) => limiter.ReleaseAsync(m);

    /// <summary>A message that went out: its reservation stands.</summary>
    public void Sent(ClaimedMessage m) => limiter.Keep(m.Id);

    /// <summary>Records a send that did not succeed; successes are recorded by the dispatcher, a batch at a time.</summary>
    public async Task RecordFailureAsync(ClaimedMessage m, string address, string? telefone, SendResult result, CancellationToken ct)
    {
        var phone = PhoneMask.Mask(address);
        if (result.Outcome == "resultado_desconhecido") limiter.Keep(m.Id); else await limiter.ReleaseAsync(m);
        switch (result.Outcome)
        {
            case "sem_whatsapp" when telefone is not null && address.EndsWith("@s.whatsapp.net", StringComparison.Ordinal)
                                     && await channel.CheckNumberAsync(telefone, ct) is { Jid: { } jid } && jid != address:
                // A stored JID refused, and his number is on WhatsApp at another one (the 9th digit, a new account): that
                // one is his address from now on, and the message goes to it without spending an attempt
                // (docs/decisions.md#queue, "Never-seen numbers"). Checked once per refusal: the same JID again ends it.
                await addresses.RememberVerifiedJidAsync(m.MedicoId, jid, ct);
                await store.PostponeAsync(m.Id, time.GetUtcNow(), "jid_reverificado", ct);
                LogJidChanged(m.Id, PhoneMask.Mask(jid));
                break;
            case "sem_whatsapp":
                await store.FinishAsync(new EndedMessage(m, "erro", "sem_whatsapp"), result.Error, ct);
                LogNotOnWhatsApp(m.Id, phone);
                break;
            case "resultado_desconhecido":
                timings.Error("evolution_enviar");
                await store.FinishAsync(new EndedMessage(m, "erro", "resultado_desconhecido"), result.Error, ct);
                LogUnknown(m.Id, phone, result.Error ?? "sem resposta");
                break;
            case "circuito_aberto" or "evolution_inacessivel":
                // Evolution did not get it (connection refused, or the breaker refused the call): no attempt used, again
                // when the breaker lets its trial through, 30 s at most. One line every 30 s at most says so — silence was
                // all an operator saw of an unreachable gateway.
                if (result.Outcome == "evolution_inacessivel") timings.Error("evolution_enviar");
                var retryIn = PostponedFor(result, time.GetUtcNow());
                await store.PostponeAsync(m.Id, time.GetUtcNow() + retryIn, result.Outcome, ct, overdue: true);
                var postponed = Interlocked.Increment(ref postponedSinceLog);
                if (PostponedLogs.ShouldLog(time.GetUtcNow()))
                {
                    Interlocked.Exchange(ref postponedSinceLog, 0);
                    LogPostponed(m.Id, phone, result.Error ?? result.Outcome, (int)Math.Ceiling(retryIn.TotalSeconds), postponed);
                }
                break;
            default:
                timings.Error("evolution_enviar");
                var (attempts, status) = await store.FailAsync(m, result.Error ?? "falha", ct);
                if (status == "erro") LogGaveUp(m.Id, phone, attempts, result.Error ?? "falha");
                else LogRetry(m.Id, phone, attempts, result.Error ?? "falha");
                break;
        }
    }

    /// <summary>The re-checks that end a message without sending it (docs/decisions.md#queue).</summary>
    static (string Status, string Reason)? Blocked(ClaimedMessage m, SendState s)
    {
        if (s.DoctorDeleted) return ("bloqueada", "medico_removido");
        if (m.IsProactive && s.OptedOut) return ("bloqueada", "opt_out");
        if ((m.IsProactive || m.HonoursBlock) && s.Bloqueado) return ("bloqueada", "bloqueado");
        // The pause he asked for ("só depois do carnaval") holds what Júlia chose to send — a campaign's opening, a
        // follow-up — queued before or during it; a reminder he asked for still goes (docs/decisions.md#contact-pause).
        if (m.CountsTowardLimits && s.ContactPaused) return ("bloqueada", "pausa_pedida");
        if (s.HumanControlled && !m.AllowedUnderHuman) return ("bloqueada", "controle_humano");
        // He deleted for everyone every line this reply answers, after its turn read them (docs/decisions.md#inbound,
        // "Edits and deletions"): he took those words back, and an answer to them is what a person would not send.
        if (m.Kind == QueueKinds.Reply && s.AnswersWithdrawn) return ("cancelada", QueueStore.WithdrawnReason);
        if (m.Kind == QueueKinds.Reply && s.NewerInbound) return ("cancelada", "superado");
        if (m.Kind == QueueKinds.FollowUp && s.InboundSinceEnqueue) return ("cancelada", "respondeu");
        // The feeder's `conversa_recente` exclusion, held at the send: an opening queued before he wrote must not land in
        // the conversation he started while it waited (docs/decisions.md#queue).
        if (m.Kind == QueueKinds.Campaign && s.InboundSinceEnqueue) return ("cancelada", "conversa_recente");
        return null;
    }

    [LoggerMessage(EventId = 3018, Level = LogLevel.Information, Message = "enviar: {FilaId} ({Tipo}) text rebuilt before the send: the shift it named ({VagaId}) is no longer as it was ({Reason})")]
    private partial void LogRewritten(Guid filaId, string tipo, Guid? vagaId, string reason);

    [LoggerMessage(EventId = 3009, Level = LogLevel.Information, Message = "enviar: {FilaId} refused at the stored JID; WhatsApp has the number at {Phone}: stored, sent again")]
    private partial void LogJidChanged(Guid filaId, string phone);

    readonly LogThrottle PostponedLogs = new(TimeSpan.FromSeconds(30));
    int postponedSinceLog;

    [LoggerMessage(EventId = 3008, Level = LogLevel.Warning, Message = "enviar adiado: {FilaId} to {Phone}: {Error}; nova tentativa em {Seconds} s sem gastar tentativa ({Count} adiadas desde a última linha)")]
    private partial void LogPostponed(Guid filaId, string phone, string error, int seconds, int count);

    static readonly TimeSpan LongestPostponement = TimeSpan.FromSeconds(30);
    static readonly TimeSpan WhileATrialIsInFlight = TimeSpan.FromSeconds(5);
    static readonly TimeSpan JustPast = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// How long a send Evolution did not get waits, without spending an attempt (docs/decisions.md#queue): until the
    /// `evolution` breaker lets its trial through, when it said when; a few seconds while its trial call is in flight (the
    /// trial's answer closes it or opens it again with a new instant); else — a refused connection — 30 s. Before, every
    /// such row waited a flat 30 s, up to 30 s past the moment Evolution was usable again.
    /// </summary>
    internal static TimeSpan PostponedFor(SendResult result, DateTimeOffset now) => result switch
    {
        { Outcome: "circuito_aberto", RetryAt: null } => WhileATrialIsInFlight,
        // Just past the breaker's instant, so the retry finds it half-open.
        { RetryAt: { } at } => TimeSpan.FromTicks(Math.Clamp((at - now + JustPast).Ticks, JustPast.Ticks, LongestPostponement.Ticks)),
        _ => LongestPostponement,
    };

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "enviar ok: {FilaId} ({Tipo}) to {Phone}")]
    private partial void LogSent(Guid filaId, string tipo, string phone);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Warning, Message = "enviar falhou: {FilaId} to {Phone}, attempt {Attempt}: {Error}; retrying later")]
    private partial void LogRetry(Guid filaId, string phone, int attempt, string error);

    [LoggerMessage(EventId = 3003, Level = LogLevel.Error, Message = "enviar falhou: {FilaId} to {Phone} gave up after {Attempt} attempts: {Error}")]
    private partial void LogGaveUp(Guid filaId, string phone, int attempt, string error);

    [LoggerMessage(EventId = 3007, Level = LogLevel.Error, Message = "enviar: {FilaId} to {Phone}: resultado desconhecido ({Error}), the message may have arrived; not resent (check WhatsApp)")]
    private partial void LogUnknown(Guid filaId, string phone, string error);

    [LoggerMessage(EventId = 3017, Level = LogLevel.Warning, Message = "enviar: {FilaId} ({Tipo}) not sent: the doctor has neither a phone nor a WhatsApp address (sem_whatsapp)")]
    partial void LogNoAddress(Guid filaId, string tipo);

    [LoggerMessage(EventId = 3004, Level = LogLevel.Warning, Message = "enviar: {FilaId} not sent, {Phone} is not on WhatsApp")]
    private partial void LogNotOnWhatsApp(Guid filaId, string phone);

    [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "enviar: {FilaId} ({Tipo}) not sent: {Status} ({Reason})")]
    private partial void LogNotSent(Guid filaId, string tipo, string status, string reason);
}
