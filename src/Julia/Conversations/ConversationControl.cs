using Julia.Doctors;
using Julia.Handoffs;
using Julia.Queue;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// Who speaks in a conversation (docs/decisions.md#handoff): a person takes over (a trigger, the label `humano`, a staff
/// reply), a person's messages are recorded and delivered, and the conversation comes back to Júlia. Conversations owns
/// `controlled_by`; the handoff row and its notices belong to Handoffs and are written in the same transaction.
/// </summary>
internal sealed partial class ConversationControl(
    ConversationStore conversations, HandoffService handoffs, QueueStore queue, QueueSignals queueSignals, DoctorDirectory doctors,
    TimeProvider time, ILogger<ConversationControl> logger)
{
    public const string StaffTextKind = "mensagem_equipe";

    /// <summary>The handoff (row, cancellations, transition message, notices), then human control — in the caller's transaction.</summary>
    public async Task<bool> TakeOverAsync(NpgsqlTransaction tx, Guid conversaId, Guid medicoId, string trigger, string reason, string? message,
        bool sendTransition, CancellationToken ct)
    {
        var totals = await conversations.TotalsAsync(tx, conversaId, ct);
        var (_, created) = await handoffs.OpenAsync(tx, new HandoffRequest(conversaId, medicoId, trigger, reason, message,
            totals.TotalInteractions, totals.DurationMinutes, sendTransition, totals.LatestInbound), ct);
        if (created) await conversations.SetHumanControlAsync(tx, conversaId, reason, ct);
        return created;
    }

    /// <summary>
    /// A staff-initiated takeover (label `humano` in Chatwoot): handoff `manual`. On a finished conversation it is the
    /// doctor's open one, opened for the staff when he has none — a handoff on a closed conversation is one nobody closes,
    /// and Júlia answered his next message in a new one.
    /// </summary>
    public async Task<bool> TakeOverAsync(ConversationRef c, string reason, bool sendTransition, CancellationToken ct)
    {
        bool created;
        await using (var connection = await conversations.DataSource.OpenConnectionAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            if (!c.IsOpen && await conversations.ReopenForStaffAsync(tx, c, TimeSpan.Zero, ct) is { } open) c = open;
            // Júlia's "a colleague takes over" is her own automated text: never to a doctor who asked for no more
            // messages — the staff, who put the label, write to him themselves if they must (docs/decisions.md#handoff).
            if (sendTransition && await conversations.DoctorOptedOutAsync(tx, c.MedicoId, ct))
            {
                sendTransition = false;
                LogNoTransitionOptedOut(c.Id);
            }
            created = c.IsOpen && await TakeOverAsync(tx, c.Id, c.MedicoId, HandoffTriggers.Manual, reason, null, sendTransition, ct);
            await tx.CommitAsync(ct);
        }
        queueSignals.Wake();
        await handoffs.AfterCommitAsync(c.MedicoId);
        return created;
    }

    /// <summary>
    /// Back to Júlia: controlled_by='ai', open handoff `resolvido` with who and notes, the notifiers told; `completed`
    /// when the staff closed the conversation. Nothing is sent to the doctor. False when Júlia was already in control
    /// and nothing was open.
    /// </summary>
    public async Task<bool> ReturnToJuliaAsync(ConversationRef c, string? resolvedBy, string? notes, bool complete, CancellationToken ct,
        bool inChatwoot = false) =>
        (await ReturnAsync(c, resolvedBy, notes, complete, inChatwoot, ct)).Changed;

    /// <summary>
    /// <see cref="ReturnToJuliaAsync"/> for one open handoff (`POST /admin/handoffs/{id}/resolver`): true only when this call
    /// resolved it — of two resolutions at once, the second finds it resolved and its notes are not written.
    /// </summary>
    public async Task<bool> ResolveHandoffAsync(ConversationRef c, string? resolvedBy, string? notes, CancellationToken ct) =>
        (await ReturnAsync(c, resolvedBy, notes, complete: false, inChatwoot: false, ct)).Resolved;

    async Task<(bool Changed, bool Resolved)> ReturnAsync(ConversationRef c, string? resolvedBy, string? notes, bool complete, bool inChatwoot,
        CancellationToken ct)
    {
        HandoffResolved? resolved;
        int changed;
        await using (var connection = await conversations.DataSource.OpenConnectionAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            (changed, resolved) = await ReturnAsync(tx, c.Id, c.HumanControlled, resolvedBy, notes, complete, inChatwoot, ct);
            await tx.CommitAsync(ct);
        }
        await handoffs.AfterCommitAsync(c.MedicoId);
        // Júlia had it and nothing was open: only a `complete` changed it (closed), and nobody needs to hear of it.
        if (resolved is null && !c.HumanControlled) return (changed > 0, false);
        LogReturned(c.Id, resolved?.HandoffId, complete);
        return (changed > 0 || resolved is not null, resolved is not null);
    }

    /// <summary>
    /// Back to Júlia in the caller's transaction: the open handoff `resolvido` (its notifiers told, unless
    /// <paramref name="inChatwoot"/>), controlled_by='ai', and `completed` with <paramref name="complete"/>. Returns the
    /// conversation rows changed and the handoff resolved, if one was open.
    /// </summary>
    public async Task<(int Changed, HandoffResolved? Resolved)> ReturnAsync(NpgsqlTransaction tx, Guid conversaId, bool humanControlled,
        string? resolvedBy, string? notes, bool complete, bool inChatwoot, CancellationToken ct)
    {
        var resolved = await handoffs.ResolveOpenAsync(tx, conversaId, resolvedBy, notes, inChatwoot, ct);
        var changed = humanControlled || resolved is not null || complete ? await conversations.SetAiControlAsync(tx, conversaId, complete, ct) : 0;
        return (changed, resolved);
    }

    /// <summary>
    /// A person wrote to the doctor (Chatwoot reply, or the simulator's staff pane): stored as `humano`; the open handoff
    /// is `em_atendimento`; if Júlia was in control this is an implicit takeover (`manual`, no transition message). With
    /// <paramref name="deliver"/> the text also goes to the doctor through the queue, at any hour, allowed under human control.
    /// A finished conversation (closed after idle days, by an opt-out) is the doctor's open one, opened for the staff when
    /// he has none: otherwise Júlia answered his reply to the recruiter in a new conversation. Except within
    /// <see cref="GoodbyeSettling"/> of its end: staff's goodbye processed after the resolve (Chatwoot sends the two
    /// webhooks in either order) is recorded on the finished conversation, which stays with Júlia — not after an opt-out,
    /// nor for a message <paramref name="writtenAt"/> after the end (ConversationStore.ReopenForStaffAsync).
    /// Null when <paramref name="chatwootMessageId"/> was already stored: nothing changes.
    /// </summary>
    public async Task<RecordedStaffMessage?> RecordStaffMessageAsync(ConversationRef c, string text, string origin, long? chatwootMessageId,
        bool deliver, string? author, CancellationToken ct, DateTimeOffset? writtenAt = null)
    {
        long id;
        bool takeOver;
        await using (var connection = await conversations.DataSource.OpenConnectionAsync(ct))
        await using (var tx = await connection.BeginTransactionAsync(ct))
        {
            // Before the insert: a second delivery of the same message waits for this one's new conversation and then
            // finds its row there (the duplicate key names the conversation).
            if (!c.IsOpen && await conversations.ReopenForStaffAsync(tx, c, GoodbyeSettling, ct, writtenAt) is { } open) c = open;
            // First of the writes to the conversation, so that a second delivery waits for the first one's commit here and
            // then changes nothing.
            if (await conversations.InsertStaffMessageAsync(tx, c.Id, c.MedicoId, text, origin, chatwootMessageId, ct) is not { } stored)
                return null;
            id = stored;
            takeOver = !c.HumanControlled && c.IsOpen;
            if (takeOver)
            {
                await TakeOverAsync(tx, c.Id, c.MedicoId, HandoffTriggers.Manual, $"resposta da equipe{(author is null ? "" : $" ({author})")}",
                    null, sendTransition: false, ct);
                LogImplicitTakeover(c.Id);
            }
            await handoffs.MarkInServiceAsync(tx, c.Id, ct);
            if (deliver)
                await queue.EnqueueAsync(tx, [new NewQueueItem(c.MedicoId, c.Id, QueueKinds.SystemMessage, text, time.GetUtcNow(),
                    Metadata: new Dictionary<string, object?>
                    {
                        ["tipo_sistema"] = StaffTextKind, ["permitido_sob_humano"] = true, [ConversationStore.StaffMessageKey] = id,
                        ["digitacao_ms"] = 0, // a person typed it in Chatwoot: no "digitando…" of Júlia's before it
                    })], ct);
            await tx.CommitAsync(ct);
        }
        if (deliver) queueSignals.Wake();
        if (takeOver) await doctors.InvalidateAsync(c.MedicoId, null);
        return new RecordedStaffMessage(id, c, takeOver);
    }

    /// <summary>How long after a conversation ends a staff message still belongs to it (a goodbye racing the resolve).</summary>
    public static readonly TimeSpan GoodbyeSettling = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A staff message deleted in Chatwoot: withdrawn from the history (the agent would go on quoting a value the recruiter
    /// took back), and not sent when its send has not started (`app` mirroring). False when nothing was stored for it.
    /// </summary>
    public async Task<bool> WithdrawStaffMessageAsync(ConversationRef c, long chatwootMessageId, CancellationToken ct)
    {
        await using var connection = await conversations.DataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var withdrawn = await conversations.WithdrawStaffMessageAsync(tx, c.Id, chatwootMessageId, ct);
        foreach (var id in withdrawn)
            await queue.CancelPendingByMetadataAsync(tx, QueueKinds.SystemMessage, ConversationStore.StaffMessageKey,
                id.ToString(System.Globalization.CultureInfo.InvariantCulture), "apagada_pela_equipe", ct);
        await tx.CommitAsync(ct);
        if (withdrawn.Length > 0) LogWithdrawn(c.Id, chatwootMessageId);
        return withdrawn.Length > 0;
    }

    [LoggerMessage(EventId = 1122, Level = LogLevel.Information, Message = "Staff message {ChatwootMessageId} of conversa {ConversaId} deleted in Chatwoot: withdrawn from the history")]
    private partial void LogWithdrawn(Guid conversaId, long chatwootMessageId);

    [LoggerMessage(EventId = 1120, Level = LogLevel.Information, Message = "Conversa {ConversaId} back with Júlia (handoff {HandoffId} resolved, completed {Completed})")]
    private partial void LogReturned(Guid conversaId, Guid? handoffId, bool completed);

    [LoggerMessage(EventId = 1124, Level = LogLevel.Information, Message = "Staff took over conversa {ConversaId} of a doctor who opted out: no transition message")]
    private partial void LogNoTransitionOptedOut(Guid conversaId);

    [LoggerMessage(EventId = 1121, Level = LogLevel.Information, Message = "Staff replied in conversa {ConversaId} while Júlia was in control: implicit takeover, handoff manual")]
    private partial void LogImplicitTakeover(Guid conversaId);
}

/// <summary>A staff message stored: its row, the conversation it went to (after a reopen, the new one) and whether it took it over.</summary>
internal sealed record RecordedStaffMessage(long Id, ConversationRef Conversation, bool TookOver);
