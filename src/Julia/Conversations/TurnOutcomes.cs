using Julia.Agent;
using Julia.Conversations.Text;
using Julia.Doctors;
using Julia.Handoffs;
using Julia.Queue;
using Microsoft.Extensions.Options;
using Npgsql;
using Julia.Infrastructure.Text;

namespace Julia.Conversations;

/// <summary>
/// The write side of a turn. Each outcome commits in one transaction together with processado_em of the rows it
/// consumed, so a message is answered once or left to a human on purpose — never both, never neither.
/// </summary>
internal sealed partial class TurnOutcomes(
    ConversationStore conversations, DoctorStore doctorStore, DoctorDirectory doctors, QueueStore queue,
    HandoffService handoffs, ConversationControl control, QueueSignals queueSignals, ReplyHandOff replyHandOff, IEnumerable<IConversationOptOutEffect> optOutEffects,
    IOptions<ConversationsOptions> options, IOptions<AgentOptions> agentOptions, TimeProvider time, ILogger<TurnOutcomes> logger)
{
    public const string OptOutConfirmation = "Combinado, não te mando mais mensagens. Se precisar de plantão é só chamar aqui.";

    /// <summary>The confirmation when the number's owner died (<see cref="OptOutConfirmationFor"/>).</summary>
    public const string OptOutConfirmationDeath = "Sinto muito pela perda. Não vamos mais mandar mensagens para este número.";

    /// <summary>The confirmation when the number is not a doctor's (<see cref="OptOutConfirmationFor"/>).</summary>
    public const string OptOutConfirmationWrongNumber = "Desculpe o engano! Não vamos mais mandar mensagens para este número.";

    /// <summary>
    /// The confirmation an opt-out gets, by what asked it (docs/decisions.md#opt-out): "se precisar de plantão é só chamar"
    /// is no answer to a relative telling the doctor died, nor to someone who is not a doctor.
    /// </summary>
    public static string OptOutConfirmationFor(string text) => Text.OptOutDetector.Circumstance(text) switch
    {
        "falecimento" => OptOutConfirmationDeath,
        "engano" => OptOutConfirmationWrongNumber,
        _ => OptOutConfirmation,
    };
    public const string HoldingMessage = "Me dá só um minutinho que já te respondo";

    public async Task<TurnResult> ReplyAsync(TurnInput input, string reply, AgentAccounting? accounting, CancellationToken ct)
    {
        var chunks = ReplySplitter.Split(reply);
        // A reply made only of what the clean-up takes out (an id, a speaker tag) leaves nothing to send: as an empty
        // answer of the agent, the fallback path (it threw on every retry of the turn: an audit, 2026-12-03).
        if (chunks.Count == 0) return await FallbackAsync(input, "resposta vazia depois da limpeza", agentEnabled: true, ct);
        failures.TryRemove(input.Conversation.Id, out _);
        var lastInbound = input.Pending[^1];
        var plan = new ReplySchedule(options.Value.Humanize, Random.Shared)
            .Plan(chunks, string.Join('\n', input.Pending.Select(p => p.Content)), lastInbound.CreatedAt, time.GetUtcNow());
        var lote = Guid.NewGuid();
        var c = input.Conversation;
        var items = plan.Select(p => new NewQueueItem(c.MedicoId, c.Id, QueueKinds.Reply, p.Text, p.DueAt, lote, (short)p.Sequence,
            new Dictionary<string, object?>
            {
                ["turno_de"] = input.Pending[0].Id, ["turno_ate"] = lastInbound.Id, ["gerado_ate_interacao_id"] = lastInbound.Id,
                ["digitacao_ms"] = (int)p.Typing.TotalMilliseconds,
                ["modelo"] = accounting?.Model, ["tokens_entrada"] = accounting?.InputTokens, ["tokens_saida"] = accounting?.OutputTokens,
                ["latencia_llm_ms"] = accounting?.LatencyMs, ["ferramentas"] = accounting?.ToolCalls,
                ["vagas_oferecidas"] = accounting?.OfferedShifts, ["termos_oferecidos"] = accounting?.OfferedTerms,
            })).ToList();

        // The first chunk straight to this process's reply lane when it is due now with no "digitando…": no wake-up
        // and no claim of its own (docs/decisions.md#queue, "Hand-off").
        var handOff = replyHandOff.Available && plan[0].Typing == TimeSpan.Zero && plan[0].DueAt <= time.GetUtcNow();
        var (superseded, taken, erased, revised, handedOff) = await conversations.FinishTurnWithReplyAsync(c.MedicoId, c.Id, input.Pending, items, handOff, ct);
        if (erased)
        {
            LogErased(c.Id);
            return new TurnResult.Done();
        }
        // A message that arrived while the reply was generated makes it stale: regenerate with it (docs/decisions.md#inbound).
        if (superseded)
        {
            LogSuperseded(c.Id);
            return new TurnResult.Superseded();
        }
        // He edited or deleted a line of the turn while the model was writing: the reply is to words he no longer has
        // there; the turn runs again on what he has now, once per change (docs/decisions.md#inbound, "Edits and deletions").
        if (revised)
        {
            LogRevisedWhileWriting(c.Id);
            return new TurnResult.Superseded();
        }
        // Another process's turn answered these messages first: run again on whatever is left (docs/decisions.md#inbound).
        if (taken)
        {
            LogTaken(c.Id);
            return new TurnResult.Superseded();
        }
        if (handedOff is { } first) _ = replyHandOff.SendAsync(first.Message, first.State, moreChunks: items.Count > 1);
        else queueSignals.Wake();
        LogReplyQueued(c.Id, items.Count, lote);
        return new TurnResult.Done();
    }

    public async Task OptOutAsync(DoctorRecord doctor, TurnInput input, string text, CancellationToken ct)
    {
        var c = input.Conversation;
        await using var connection = await conversations.DataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginUnlessErasedAsync(connection, c, ct);
        if (tx is null) return;
        if (doctor.OptedOut)
        {
            // Already out: the confirmation was given once; nothing more to cancel or say.
            await CloseOnOptOutAsync(tx, c, ct);
            await conversations.MarkProcessedAsync(tx, c, input.LastInboundId, ct);
            await tx.CommitAsync(ct);
            queueSignals.Wake();
            LogSkipped(c.Id, input.Pending.Count, "opt-out repetido");
            return;
        }
        var updated = await doctorStore.OptOutAsync(tx, doctor.Id, TextPrefix.Of(text, 500), ct);
        var cancelled = await queue.CancelAllPendingForDoctorAsync(tx, doctor.Id, "opt_out", ct);
        await CloseOnOptOutAsync(tx, c, ct);
        if (!c.HumanControlled)
            await queue.EnqueueAsync(tx, [new NewQueueItem(doctor.Id, c.Id, QueueKinds.SystemMessage, OptOutConfirmationFor(text), time.GetUtcNow(),
                Metadata: new Dictionary<string, object?> { ["tipo_sistema"] = "confirmacao_opt_out" })], ct);
        foreach (var effect in optOutEffects)
            await effect.OnOptedOutAsync(tx, new OptedOut(doctor.Id, c.Id, c.HumanControlled, TextPrefix.Of(text, 500)), ct);
        await conversations.MarkProcessedAsync(tx, c, input.LastInboundId, ct);
        await tx.CommitAsync(ct);
        queueSignals.Wake();
        await doctors.InvalidateAsync(updated);
        LogOptOut(doctor.Id, c.Id, cancelled, c.HumanControlled);
    }

    /// <summary>Who resolves a person's handoff when the doctor opts out (`handoffs.resolvido_por`).</summary>
    public const string OptOutResolver = "opt_out";

    /// <summary>
    /// An opt-out completes the conversation. A person's handoff closes with it (docs/decisions.md#opt-out): left
    /// open on a completed conversation, nothing ever resolved it — the idle-close job and retention pass it by — and the
    /// runbook's pending list kept it for good. The staff's private note about the opt-out says what happened, so the
    /// resolution adds no "Júlia answers again" note of its own; Slack hears of it as of any resolution. If staff write to
    /// the doctor again, that opens a conversation of their own (ConversationControl.RecordStaffMessageAsync).
    /// </summary>
    Task CloseOnOptOutAsync(NpgsqlTransaction tx, ConversationState c, CancellationToken ct) =>
        control.ReturnAsync(tx, c.Id, c.HumanControlled, OptOutResolver, "o médico pediu para não receber mais mensagens", complete: true,
            inChatwoot: true, ct);

    /// <param name="nothingToAnswer">The messages needed no answer (stickers, an unsupported kind): a reply they superseded goes out after all.</param>
    /// <param name="trigger">A handoff trigger among messages a person has: it only joins the open handoff's metadata.</param>
    public async Task SkipAsync(TurnInput input, string reason, CancellationToken ct, bool nothingToAnswer = false, string? trigger = null)
    {
        await using var connection = await conversations.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        if (trigger is not null)
            await handoffs.AppendTriggerAsync(tx, input.Conversation.Id, trigger, TriggerReason(trigger), ct);
        var n = await conversations.MarkProcessedAsync(tx, input.Conversation, input.LastInboundId, ct);
        if (nothingToAnswer && await queue.RestoreSupersededAsync(tx, input.Conversation.Id, ct) is > 0 and var restored)
            LogRestored(input.Conversation.Id, restored);
        await tx.CommitAsync(ct);
        queueSignals.Wake();
        LogSkipped(input.Conversation.Id, n, reason);
    }

    /// <summary>The reason staff read in Slack and Chatwoot ("assunto jurídico na mensagem do médico"), not the stored type's word.</summary>
    public static string TriggerReason(string trigger) => $"{HandoffTriggers.Label(trigger)} na mensagem do médico";

    public async Task HandoffAsync(TurnInput input, string trigger, string reason, string triggerMessage, CancellationToken ct)
    {
        var c = input.Conversation;
        await using var connection = await conversations.DataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginUnlessErasedAsync(connection, c, ct);
        if (tx is null) return;
        await OpenHandoffAsync(tx, c, trigger, reason, triggerMessage, sendTransition: true, ct);
        await conversations.MarkProcessedAsync(tx, c, input.LastInboundId, ct);
        await tx.CommitAsync(ct);
        queueSignals.Wake();
        await handoffs.AfterCommitAsync(c.MedicoId);
    }

    /// <summary>
    /// How many times in a row the agent failed on a conversation's waiting messages (keyed by the oldest of them): the
    /// retry waits 30 s, 60 s, then 120 s after each failure. In memory: a restart begins again at 30 s.
    /// </summary>
    readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (long OldestPendingId, int Failures)> failures = new();

    /// <summary>
    /// The wait before the <paramref name="failure"/>th retry (1-based): 30 s, 60 s, then 120 s (`Conversations:RetryBaseSeconds`
    /// 30; shorter only in the fault drills, docs/reliability.md).
    /// </summary>
    TimeSpan RetryAfter(int failure) => TimeSpan.FromSeconds(options.Value.RetryBaseSeconds * (1 << Math.Clamp(failure - 1, 0, 2)));

    int CountFailure(Guid conversaId, long oldestPendingId)
    {
        if (failures.Count > 10_000) failures.Clear(); // a bound, never reached in practice: only the retry spacing is lost
        return failures.AddOrUpdate(conversaId, _ => (oldestPendingId, 1),
            (_, f) => f.OldestPendingId == oldestPendingId ? (oldestPendingId, f.Failures + 1) : (oldestPendingId, 1)).Failures;
    }

    /// <summary>
    /// The agent could not answer (docs/decisions.md#agent, fallback). One holding message at most every 30 min per conversation; the
    /// turn stays unprocessed and is retried 30 s, 60 s, then every 120 s after each failure; once the oldest waiting message is
    /// FALLBACK_HANDOFF_MINUTOS old — or at once when the agent is off — the conversation goes to a person
    /// (erro_sistema). Raw error text never reaches the doctor.
    /// </summary>
    public async Task<TurnResult> FallbackAsync(TurnInput input, string reason, bool agentEnabled, CancellationToken ct)
    {
        var c = input.Conversation;
        var now = time.GetUtcNow();
        var waited = now - input.Pending[0].CreatedAt;
        var giveUp = !agentEnabled || waited >= TimeSpan.FromMinutes(agentOptions.Value.FallbackHandoffMinutes);
        await using var connection = await conversations.DataSource.OpenConnectionAsync(ct);
        await using var tx = await BeginUnlessErasedAsync(connection, c, ct);
        if (tx is null) return new TurnResult.Done();
        var window = TimeSpan.FromMinutes(options.Value.HoldingMessageWindowMinutes);
        var held = await queue.HasRecentSystemMessageAsync(tx, c.Id, "espera", now - window, ct);
        // Queued with the erro_sistema handoff, the holding message is the doctor's transition message: it may go out
        // although a person now controls the conversation (docs/decisions.md#queue, sistema row).
        if (!held)
            await queue.EnqueueAsync(tx, [new NewQueueItem(c.MedicoId, c.Id, QueueKinds.SystemMessage, HoldingMessage, now,
                Metadata: new Dictionary<string, object?> { ["tipo_sistema"] = "espera", ["permitido_sob_humano"] = giveUp })], ct);
        if (giveUp)
        {
            // A holding message that went out on an earlier attempt promised an answer that is not coming: the doctor
            // hears that a person goes on (the erro_sistema transition message; a doctor-side walk, 2026-12-03).
            await OpenHandoffAsync(tx, c, HandoffTriggers.SystemError, reason, input.Pending[^1].Content, sendTransition: held, ct);
            await conversations.MarkProcessedAsync(tx, c, input.LastInboundId, ct);
        }
        await tx.CommitAsync(ct);
        queueSignals.Wake();
        if (!giveUp)
        {
            var retryIn = RetryAfter(CountFailure(c.Id, input.Pending[0].Id));
            LogRetrying(c.Id, reason, (int)retryIn.TotalSeconds);
            return new TurnResult.NotYet(now + retryIn);
        }
        failures.TryRemove(c.Id, out _);
        await handoffs.AfterCommitAsync(c.MedicoId);
        LogFallback(c.Id, reason);
        return new TurnResult.Done();
    }

    /// <summary>
    /// The outcome's transaction, or null when the doctor was erased (docs/decisions.md#lgpd) while the turn waited for the
    /// model: nothing about him is written — no reply, no handoff — and the erasure already marked his messages processed.
    /// </summary>
    async Task<NpgsqlTransaction?> BeginUnlessErasedAsync(NpgsqlConnection connection, ConversationState c, CancellationToken ct)
    {
        var tx = await connection.BeginTransactionAsync(ct);
        if (!await DoctorStore.IsErasedAsync(tx, c.MedicoId, ct)) return tx;
        await tx.DisposeAsync();
        LogErased(c.Id);
        return null;
    }

    Task OpenHandoffAsync(NpgsqlTransaction tx, ConversationState c, string trigger, string reason, string? message, bool sendTransition, CancellationToken ct) =>
        control.TakeOverAsync(tx, c.Id, c.MedicoId, trigger, reason, message, sendTransition, ct);

    [LoggerMessage(EventId = 1111, Level = LogLevel.Information, Message = "Reply queued for conversa {ConversaId}: {Chunks} chunks, lote {LoteId}")]
    private partial void LogReplyQueued(Guid conversaId, int chunks, Guid loteId);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Information, Message = "Reply for conversa {ConversaId} superseded by a newer message: regenerating")]
    private partial void LogSuperseded(Guid conversaId);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Information, Message = "Reply for conversa {ConversaId} dropped: the doctor edited or deleted a message while it was written; regenerating")]
    private partial void LogRevisedWhileWriting(Guid conversaId);

    [LoggerMessage(EventId = 1118, Level = LogLevel.Information, Message = "Reply for conversa {ConversaId} dropped: another turn (another process) already answered its messages")]
    private partial void LogTaken(Guid conversaId);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Information, Message = "Opt-out of medico {MedicoId} (conversa {ConversaId}): {Cancelled} pending messages cancelled, human control {HumanControlled}")]
    private partial void LogOptOut(Guid medicoId, Guid conversaId, int cancelled, bool humanControlled);

    [LoggerMessage(EventId = 1119, Level = LogLevel.Information, Message = "Reply for conversa {ConversaId}: {Chunks} superseded chunks sent after all (the newer messages needed no answer)")]
    private partial void LogRestored(Guid conversaId, int chunks);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Turn of conversa {ConversaId} skipped on purpose ({Reason}): {Count} messages marked processed")]
    private partial void LogSkipped(Guid conversaId, int count, string reason);

    [LoggerMessage(EventId = 1115, Level = LogLevel.Error, Message = "Agent unavailable for conversa {ConversaId} ({Reason}): holding message and handoff erro_sistema")]
    private partial void LogFallback(Guid conversaId, string reason);

    [LoggerMessage(EventId = 1117, Level = LogLevel.Information, Message = "Turn of conversa {ConversaId} dropped: the doctor was erased (LGPD) while it ran")]
    private partial void LogErased(Guid conversaId);

    [LoggerMessage(EventId = 1116, Level = LogLevel.Warning, Message = "Agent unavailable for conversa {ConversaId} ({Reason}): retrying in {Seconds} s")]
    private partial void LogRetrying(Guid conversaId, string reason, int seconds);
}
