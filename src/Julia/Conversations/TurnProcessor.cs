using System.Diagnostics;
using Julia.Agent;
using Julia.Conversations.Text;
using Julia.Doctors;
using Julia.Handoffs;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Telemetry;
using Julia.Infrastructure.Time;
using Microsoft.Extensions.Options;

namespace Julia.Conversations;

/// <summary>How a run for one doctor ended, and what the runner should do next.</summary>
internal abstract record TurnResult
{
    public sealed record Done : TurnResult;
    /// <summary>Debounce not over, or deferred: run again at this instant.</summary>
    public sealed record NotYet(DateTimeOffset DueAt) : TurnResult;
    /// <summary>Another process (or a lock nobody releases) holds the conversation's lock.</summary>
    public sealed record Busy(Guid ConversaId) : TurnResult;
    /// <summary>A newer message arrived while the reply was generated: regenerate now.</summary>
    public sealed record Superseded : TurnResult;
}

/// <summary>
/// One turn of docs/decisions.md#inbound for one doctor: conversation, debounce, lock, opt-out, human control, handoff
/// triggers, business hours, then the agent (or a canned reply / the fallback), and the reply queued in chunks.
/// Before the agent it costs one Postgres round trip (open conversation, apply inbound, read state and history) and a
/// few Redis calls (lock, doctor cache).
/// </summary>
internal sealed partial class TurnProcessor(
    ConversationStore conversations, DoctorDirectory doctors, DoctorContext context, ConversationLock locks, IConversationAgent agent,
    TurnOutcomes outcomes, Shifts.ShiftStore shifts, BusinessHours businessHours, RedisGate redis, WhatsApp.IWhatsAppChannel channel, IOptions<ConversationsOptions> options, IOptions<AgentOptions> agentOptions, TimeProvider time,
    ConversationsMeter timings, DetectionFeedback feedback, BotQuestionLog botQuestions, ILogger<TurnProcessor> logger)
{
    public async Task<TurnResult> ProcessAsync(Guid medicoId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        using var activity = JuliaTelemetry.Source.StartActivity("turno");
        activity?.SetTag("medico_id", medicoId);
        if (await BeginAsync(medicoId, ct) is not { } input)
        {
            LogErased(medicoId);
            return new TurnResult.Done();
        }
        if (input.Pending.Count == 0) return new TurnResult.Done();
        var conversaId = input.Conversation.Id;

        var o = options.Value;
        var now = time.GetUtcNow();
        var due = Min(input.Pending[^1].CreatedAt + o.Debounce, input.Pending[0].CreatedAt + o.DebounceMax);
        // An opt-out or a handoff trigger does not wait for the burst to end: until it is recorded, a campaign or
        // reminder due meanwhile would still go out to a doctor who just said "pare", and a doctor who asked for a
        // person would wait for a silence (docs/decisions.md#inbound).
        if (due > now && !input.Pending.Any(RunsAtOnce))
        {
            // Visible to operators while a burst is being collected; the durable rows remain the source of truth.
            await redis.TryAsync(db => db.StringSetAsync($"debounce:conversa:{conversaId}", due.ToUnixTimeMilliseconds(), TimeSpan.FromSeconds(60)));
            await ForgetMovedStageAsync(input, medicoId);
            return new TurnResult.NotYet(due);
        }

        // The lock and the cached doctor and profile in one Redis round trip: Redis runs one connection's commands in the
        // order sent, so the reads run after the SET NX, and the database is read on a miss only once the lock is held
        // (docs/decisions.md#turn-scheduling). The profile is only needed when the agent is called; on the other paths
        // it is a cache read for nothing, and it is finished before any outcome writes, so it never races an
        // invalidation (opt-out, handoff).
        var acquiring = locks.TryAcquireAsync(conversaId, input.Pending[0].Id, input.LastInboundId, ct);
        var doctorRead = doctors.StartFindById(medicoId);
        var profileRead = context.StartProfileRead(medicoId);
        await using var held = await acquiring;
        if (held is null)
        {
            await ForgetMovedStageAsync(input, medicoId);
            return new TurnResult.Busy(conversaId);
        }
        var profiling = profileRead(ct);
        var doctor = await doctorRead(ct) ?? throw new InvalidOperationException($"medico {medicoId} not found");
        var profile = await profiling;
        if (input.AnsweredStage is { } stage && profile is not null && profile.StageJornada != stage)
        {
            // The cached profile is from before this answer moved his funnel: the agent sees where he is now, and so
            // does the next turn (a SET that nothing waits for).
            profile = profile with { StageJornada = stage };
            await context.RememberAsync(profile);
        }
        if (input.AnsweredStage is { } moved && doctor.StageJornada != moved)
        {
            // Likewise the doctor the webhook cached by phone and by id (SETs that nothing waits for).
            doctor = doctor with { StageJornada = moved };
            await doctors.RememberAsync(doctor);
        }

        // Asked now, answered by the time the model would be called — only when a turn that let the lock go may have read
        // these rows (docs/decisions.md#inbound, "Rows read before the lock").
        var stillPending = held.MayBeAnswered ? conversations.StillPendingAsync(input.Pending[0].Id, ct) : Unanswered;
        TurnResult result;
        try
        {
            // "vc é robô?" is no trigger (the agent answers it), but the team counts such questions (docs/decisions.md#agent).
            await botQuestions.RecordAsync(medicoId, conversaId, input.Pending, ct);
            result = await DecideAsync(doctor, profile, input, stillPending, now, ct);
        }
        finally
        {
            // A path that did not need the answer (an opt-out, a handoff) still lets the read end before the turn does.
            await stillPending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        if (result is TurnResult.Done)
            timings.Time("processar_mensagem", Stopwatch.GetElapsedTime(started));
        return result;
    }

    /// <summary>
    /// The turn failed the same way twice (<see cref="TurnRunner"/>): its pending messages go to a person through the
    /// fallback's give-up — holding message, handoff `erro_sistema`, messages marked processed — without the steps that
    /// failed (docs/reliability.md, "A turn that fails the same way").
    /// </summary>
    public async Task<TurnResult> GiveUpAsync(Guid medicoId, string reason, CancellationToken ct)
    {
        if (await BeginAsync(medicoId, ct) is not { Pending.Count: > 0 } input) return new TurnResult.Done();
        await using var held = await locks.TryAcquireAsync(input.Conversation.Id, input.Pending[0].Id, input.LastInboundId, ct);
        if (held is null) return new TurnResult.Busy(input.Conversation.Id);
        return await outcomes.FallbackAsync(input, reason, agentEnabled: false, ct);
    }

    /// <summary>
    /// This attempt's answer moved the doctor's funnel, but the turn that reads him runs later and finds nothing moved:
    /// every cached view of him goes now — by id, his profile, and by phone (the webhook's lookup).
    /// </summary>
    Task ForgetMovedStageAsync(TurnInput input, Guid medicoId) =>
        input.AnsweredStage is null ? Task.CompletedTask : doctors.InvalidateAsync(medicoId, input.AnsweredPhone);

    async Task ShowPresenceAsync(string jid, CancellationToken ct)
    {
        try
        {
            await channel.ShowOnlineAsync(jid, ct);
            await Task.Delay(TimeSpan.FromSeconds(1), time, ct);
            await channel.ShowTypingAsync(jid, TimeSpan.FromSeconds(5), ct);
        }
        catch (OperationCanceledException) { } // shutting down: presence is best effort
    }

    /// <summary>Null when the doctor was erased (docs/decisions.md#lgpd): no conversation is opened for him.</summary>
    async Task<TurnInput?> BeginAsync(Guid medicoId, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        for (var attempt = 0; ; attempt++)
        {
            var (begun, erased) = await conversations.BeginTurnAsync(medicoId, agentOptions.Value.HistoryLimit, ct);
            if (erased) return null;
            // Null: another process closed the conversation between the statements; the next round opens a new one.
            if (begun is { } input)
            {
                timings.Time("db:turno_entrada", Stopwatch.GetElapsedTime(started));
                return input;
            }
            if (attempt == 3) throw new InvalidOperationException($"could not open a conversation for medico {medicoId}");
        }
    }

    /// <summary>
    /// The doctor's words of the turn's messages: a caption is his words too ("pare de me mandar mensagens" under a
    /// photo is an opt-out), and so is the end a long message's stored text cut off.
    /// </summary>
    static IEnumerable<string> WordsOf(PendingInbound p) =>
        new[] { p.Kind == WhatsApp.MessageKinds.Text ? p.Content : p.Caption, p.CutTail }.OfType<string>();

    static bool RunsAtOnce(PendingInbound p) => WordsOf(p).Any(ArrivalRules.RunsAtOnce);

    async Task<TurnResult> DecideAsync(DoctorRecord doctor, DoctorProfile? profile, TurnInput input, Task<bool> stillPending, DateTimeOffset now, CancellationToken ct)
    {
        var conversation = input.Conversation;
        var texts = input.Pending.SelectMany(WordsOf).ToList();

        var optOutText = OptOutDetector.InTurn(texts);
        // A bare "cancela" minutes after Júlia told him of his hold (or staff's confirmation reached him) is about that
        // hold, not the contact: staff cancel it, so the turn goes to them, whatever the opt-out rules read in it
        // (docs/decisions.md#reservations, "A bare cancel right after a hold"). The read is made only for such a turn.
        var cancelsHold = HoldCancel.IsWholeTurn(texts) && await shifts.HoldJustToldAsync(doctor.Id, ct);
        if (cancelsHold) optOutText = null;
        if (optOutText is not null)
        {
            // Answered at once, at any hour: read, as any message processed is (staff read it themselves under human control).
            if (!conversation.HumanControlled) MarkRead(input);
            await outcomes.OptOutAsync(doctor, input, optOutText, ct);
            return new TurnResult.Done();
        }
        if (conversation.HumanControlled)
        {
            // Not answered, but a new trigger (he now names a lawyer) joins the open handoff for the staff (docs/decisions.md#handoff).
            await outcomes.SkipAsync(input, "controle humano", ct, trigger: HandoffTriggerDetector.DetectInTurn(texts) is var (late, _) ? late : null);
            return new TurnResult.Done();
        }
        // Staff removed him from the register (`deleted_at`, by hand): no model, no hold, no handoff — every message to him
        // would end `bloqueada` `medico_removido` anyway, and a hold made for him would reach Slack as if he were a
        // doctor. His message stays in Chatwoot's mirror for staff, who restore him if it was a mistake
        // (docs/decisions.md#inbound, "A removed doctor who writes").
        if (input.DoctorRemoved)
        {
            await outcomes.SkipAsync(input, "médico removido do cadastro", ct);
            return new TurnResult.Done();
        }
        if (cancelsHold)
        {
            MarkRead(input);
            LogHoldCancel(conversation.Id);
            await outcomes.HandoffAsync(input, HandoffTriggers.LowConfidence, HoldCancelReason, string.Join("\n", texts), ct);
            return new TurnResult.Done();
        }
        // Over the whole turn: two strong words in two messages of a burst count, and a request for a person wins over anger.
        if (HandoffTriggerDetector.DetectInTurn(texts) is var (trigger, triggerText))
        {
            MarkRead(input);
            await outcomes.HandoffAsync(input, trigger, TurnOutcomes.TriggerReason(trigger), triggerText, ct);
            return new TurnResult.Done();
        }
        if (!options.Value.AnswerOutsideBusinessHours)
        {
            if (!businessHours.IsOpen(now))
            {
                // Not read yet either: the doctor sees his message read when it is answered, in the morning.
                LogDeferred(conversation.Id);
                return new TurnResult.NotYet(businessHours.NextOpening(now) + OpeningStagger(conversation.Id));
            }
            // The night's messages are answered over the first 15 min after the opening (docs/decisions.md#turn-scheduling), each
            // conversation at its own fixed offset — whichever process or restart runs the turn (docs/decisions.md#inbound).
            var opened = businessHours.OpeningOf(now);
            if (input.Pending[0].CreatedAt < opened && now < opened + OpeningStagger(conversation.Id))
                return new TurnResult.NotYet(opened + OpeningStagger(conversation.Id));
        }
        MarkRead(input);

        var turnParts = AgentTurnBuilder.PartsOf(input.Pending);
        var parts = turnParts.Parts;
        if (turnParts.Nothing)
        {
            await outcomes.SkipAsync(input, "nada a responder: figurinhas ou tipo não suportado", ct, nothingToAnswer: true);
            return new TurnResult.Done();
        }
        if (turnParts.OnlyPlaceholders) return await outcomes.ReplyAsync(input, turnParts.CannedReply, null, ct);
        // Another process's turn answered these messages between this turn's first round trip and its lock: the model is
        // not asked again (a second bill, and its tools — a hold — acting on words already answered); the turn runs
        // again on whatever is left.
        if (!await stillPending)
        {
            LogAnsweredElsewhere(conversation.Id);
            return new TurnResult.Superseded();
        }

        // "online", a second, then "digitando…" while the model thinks (docs/decisions.md#humanised-delays); Evolution holds a presence request open
        // for its delay, so it is never awaited on the reply path (docs/decisions.md#turn-scheduling).
        // Stopped once the agent has answered: a fast outcome (the holding message, a handoff) must not be followed by a
        // "digitando…" that nothing follows; a reply's chunks show their own typing when they are sent.
        using var presence = CancellationTokenSource.CreateLinkedTokenSource(ct);
        if (options.Value.Humanize && input.Pending[^1].RemoteJid is { } jid) _ = ShowPresenceAsync(jid, presence.Token);
        AgentOutcome outcome;
        using (JuliaTelemetry.Source.StartActivity("agente"))
        {
            // The agent reads no conversation state: its history is part of its input.
            try
            {
                outcome = await agent.RespondAsync(AgentTurnBuilder.Build(doctor, profile, conversation.Id, conversation.MessageCount,
                    turnParts, input.History, input.Holdings, input.EndedHolds, options.Value.MaxMessageChars), ct);
            }
            finally { await presence.CancelAsync(); }
        }
        return outcome switch
        {
            AgentOutcome.Reply reply => await outcomes.ReplyAsync(input, reply.Text, reply.Accounting, ct),
            AgentOutcome.OptOut optOut => await Done(Missed("opt_out", conversation, parts, () => outcomes.OptOutAsync(doctor, input, optOut.Reason, ct))),
            AgentOutcome.Handoff handoff => await Done(DetectionFeedback.IsPersonRequest(handoff.TriggerType)
                ? Missed("pedido_humano", conversation, parts, () => outcomes.HandoffAsync(input, handoff.TriggerType, handoff.Reason, input.Pending[^1].Content, ct))
                : outcomes.HandoffAsync(input, handoff.TriggerType, handoff.Reason, input.Pending[^1].Content, ct)),
            AgentOutcome.Unavailable unavailable => await outcomes.FallbackAsync(input, unavailable.Reason, agent.IsEnabled, ct),
            _ => throw new InvalidOperationException("unknown agent outcome"),
        };
    }

    /// <summary>
    /// Read receipts when processing starts, not at arrival nor while the turn waits for business hours
    /// (docs/decisions.md#inbound); best effort, one call for the turn's messages, and never waited for: the reply does
    /// not depend on them (docs/decisions.md#turn-scheduling).
    /// </summary>
    void MarkRead(TurnInput input)
    {
        if (input.Pending.Where(p => p.ProviderMessageId is not null && p.RemoteJid is not null)
                .Select(p => new WhatsApp.ReadMessage(p.RemoteJid!, p.ProviderMessageId!)).ToList() is { Count: > 0 } read)
            _ = MarkReadAsync(read);
    }

    async Task MarkReadAsync(IReadOnlyList<WhatsApp.ReadMessage> messages)
    {
        // Building and sending the request is not free (~0.2 ms): let a pool thread do it while the turn goes on.
        await Task.Yield();
        try
        {
            await channel.MarkReadAsync(messages, CancellationToken.None);
        }
        catch (Exception ex)
        {
            LogReadReceiptFailed(ex.GetType().Name);
        }
    }

    /// <summary>
    /// The rules ran first and let this through: the agent's call is the second net (<see cref="DetectionFeedback"/>).
    /// Reported before the work starts, so the report is in the log before the outcome is.
    /// </summary>
    Task Missed(string kind, ConversationState conversation, IReadOnlyList<TurnPart> parts, Func<Task> work)
    {
        feedback.RulesMissed(kind, conversation.Id, parts.Select(p => p.Text));
        return work();
    }

    static async Task<TurnResult> Done(Task work)
    {
        await work;
        return new TurnResult.Done();
    }

    static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    static readonly Task<bool> Unanswered = Task.FromResult(true);

    /// <summary>How long after the opening the night's messages are spread (docs/decisions.md#turn-scheduling).</summary>
    internal static readonly TimeSpan OpeningSpread = TimeSpan.FromMinutes(15);

    /// <summary>0–15 min after the opening, the same for a conversation every time it is computed.</summary>
    internal static TimeSpan OpeningStagger(Guid conversaId) =>
        TimeSpan.FromSeconds(BitConverter.ToUInt32(conversaId.ToByteArray(), 0) % (uint)OpeningSpread.TotalSeconds);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Read receipt not sent: {Error}")]
    private partial void LogReadReceiptFailed(string error);

    /// <summary>The handoff's reason when a bare "cancela" follows his hold: staff read it in Slack and Chatwoot.</summary>
    internal const string HoldCancelReason = "o médico pediu para cancelar o plantão que acabou de reservar (\"cancela\" logo depois da reserva)";

    [LoggerMessage(EventId = 1104, Level = LogLevel.Information, Message = "Turn of conversa {ConversaId}: a bare cancel right after his hold is about the hold, not an opt-out; handed to staff")]
    private partial void LogHoldCancel(Guid conversaId);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Information,
        Message = "Turn of conversa {ConversaId} not run: another turn (another process) already answered its messages")]
    private partial void LogAnsweredElsewhere(Guid conversaId);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Information, Message = "Turn of conversa {ConversaId} deferred to business hours")]
    private partial void LogDeferred(Guid conversaId);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Turn for medico {MedicoId} not run: the doctor was erased (LGPD)")]
    private partial void LogErased(Guid medicoId);
}
