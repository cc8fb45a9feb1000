using Julia.Doctors;
using Julia.Queue;
using Npgsql;
using Julia.Infrastructure.Logging;
using Julia.Infrastructure.Text;

namespace Julia.Handoffs;

/// <summary>
/// The handoff of docs/decisions.md#handoff, idempotent per conversation, inside the caller's transaction: one open
/// handoff, pending AI rows cancelled, one transition message. The caller (Conversations) owns controlled_by and sets
/// it when a handoff is created. Notifiers (Slack, Chatwoot) learn of it through <see cref="IHandoffEffect"/>, in the
/// same transaction.
/// </summary>
internal sealed partial class HandoffService(
    HandoffStore store, QueueStore queue, DoctorDirectory doctors, IEnumerable<IHandoffEffect> effects, TimeProvider time,
    ILogger<HandoffService> logger)
{
    public async Task<(Guid HandoffId, bool Created)> OpenAsync(NpgsqlTransaction tx, HandoffRequest request, CancellationToken ct)
    {
        var excerpt = request.TriggerMessage is { } trigger ? TextPrefix.Of(trigger, 200) : null;
        var metadata = new
        {
            // A takeover by staff (label, reply) has no message of its own: the doctor's latest is what staff need to see.
            ultima_mensagem = excerpt ?? (request.LatestMessage is { } latest ? TextPrefix.Of(latest, 200) : null),
            mensagem_gatilho = excerpt,
            total_interacoes = request.TotalInteractions,
            duracao_conversa_minutos = request.ConversationMinutes,
        };
        var (id, created) = await store.OpenAsync(tx, request, metadata, ct);
        if (!created)
        {
            LogAppended(id, request.ConversaId, request.TriggerType);
            return (id, false);
        }

        // Cancel first, then queue the transition: it is the one automated message allowed under human control.
        await queue.CancelPendingAsync(tx, request.ConversaId, QueueKinds.AiGenerated, "handoff", ct);
        // A label put on and taken off again (staff trying labels, a mis-click) would tell the doctor "a colleague takes
        // over" each time: a staff takeover's transition goes once per TransitionRepeatWindow. A doctor who asks again
        // is answered again.
        if (request.SendTransition && !(request.TriggerType == HandoffTriggers.Manual
                && await queue.HasRecentSystemMessageAsync(tx, request.ConversaId, TransitionKind, time.GetUtcNow() - TransitionRepeatWindow, ct)))
        {
            await queue.EnqueueAsync(tx, [new NewQueueItem(request.MedicoId, request.ConversaId, QueueKinds.SystemMessage,
                HandoffMessages.Transition(request.TriggerType), time.GetUtcNow(),
                Metadata: new Dictionary<string, object?> { ["tipo_sistema"] = TransitionKind, ["handoff_id"] = id })], ct);
        }
        foreach (var effect in effects)
            await effect.OnOpenedAsync(tx, new HandoffOpened(id, request.ConversaId, request.MedicoId, request.TriggerType, request.Reason), ct);
        LogOpened(id, request.ConversaId, request.TriggerType);
        return (id, true);
    }

    const string TransitionKind = "transicao_handoff";

    /// <summary>How long a staff takeover's transition message is not repeated (docs/decisions.md#handoff).</summary>
    static readonly TimeSpan TransitionRepeatWindow = TimeSpan.FromMinutes(30);

    /// <summary>
    /// Closes the conversation's open handoff (`resolvido`, by whom, notes) and tells the notifiers, in the caller's
    /// transaction. Null when none was open.
    /// </summary>
    public async Task<HandoffResolved?> ResolveOpenAsync(NpgsqlTransaction tx, Guid conversaId, string? resolvedBy, string? notes, bool inChatwoot,
        CancellationToken ct)
    {
        var resolved = await store.ResolveOpenAsync(tx, conversaId, resolvedBy, notes, ct) is { } r ? r with { InChatwoot = inChatwoot } : null;
        if (resolved is null) return null;
        foreach (var effect in effects) await effect.OnResolvedAsync(tx, resolved, ct);
        // Who resolved it is a name from Chatwoot's webhook or the admin API's body: outside text.
        LogResolved(resolved.HandoffId, conversaId, LogText.Untrusted(resolvedBy ?? "equipe"));
        return resolved;
    }

    /// <summary>
    /// A trigger in the doctor's words while a person has the conversation: it only joins the open handoff's metadata, so
    /// staff see he now names a lawyer or is angry — no row, no message, no notice (docs/decisions.md#handoff).
    /// </summary>
    public async Task AppendTriggerAsync(NpgsqlTransaction tx, Guid conversaId, string triggerType, string reason, CancellationToken ct)
    {
        if (await store.AppendTriggerAsync(tx, conversaId, triggerType, reason, ct) is { } id) LogAppended(id, conversaId, triggerType);
    }

    /// <summary>A person answered: the open handoff is `em_atendimento` (no-op when none is open or it already is).</summary>
    public async Task MarkInServiceAsync(NpgsqlTransaction tx, Guid conversaId, CancellationToken ct)
    {
        if (await store.MarkInServiceAsync(tx, conversaId, ct) is { } id) LogInService(id, conversaId);
    }

    /// <summary>Call after the transaction commits: cached views of the doctor and his context are stale.</summary>
    public Task AfterCommitAsync(Guid medicoId) => doctors.InvalidateAsync(medicoId, null);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "handoff {HandoffId} opened for conversa {ConversaId} ({TriggerType}): controlled_by=human")]
    private partial void LogOpened(Guid handoffId, Guid conversaId, string triggerType);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "handoff {HandoffId} resolved for conversa {ConversaId} by {ResolvedBy}: controlled_by=ai")]
    private partial void LogResolved(Guid handoffId, Guid conversaId, string resolvedBy);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Information, Message = "handoff {HandoffId} of conversa {ConversaId} em_atendimento: a person answered")]
    private partial void LogInService(Guid handoffId, Guid conversaId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "handoff {HandoffId} already open for conversa {ConversaId}: trigger {TriggerType} appended")]
    private partial void LogAppended(Guid handoffId, Guid conversaId, string triggerType);
}
