using Julia.Doctors;
using Julia.Queue;
using Npgsql;

namespace Julia.Handoffs;

/// <summary>
/// The handoff of docs/decisions.md#handoff, idempotent per conversation, inside the caller's transaction: one open
/// handoff, pending AI rows cancelled, one transition message. The caller (Conversations) owns controlled_by and sets
/// it when a handoff is created. Chatwoot and Slack notices come with those integrations.
/// </summary>
internal sealed partial class HandoffService(
    HandoffStore store, QueueStore queue, DoctorDirectory doctors, TimeProvider time, ILogger<HandoffService> logger)
{
    public async Task<(Guid HandoffId, bool Created)> OpenAsync(NpgsqlTransaction tx, HandoffRequest request, CancellationToken ct)
    {
        var excerpt = request.TriggerMessage is { Length: > 200 } long_ ? long_[..200] : request.TriggerMessage;
        var metadata = new
        {
            ultima_mensagem = excerpt,
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
        if (request.SendTransition)
        {
            await queue.EnqueueAsync(tx, [new NewQueueItem(request.MedicoId, request.ConversaId, QueueKinds.SystemMessage,
                HandoffMessages.Transition(request.TriggerType), time.GetUtcNow(),
                Metadata: new Dictionary<string, object?> { ["tipo_sistema"] = "transicao_handoff", ["handoff_id"] = id })], ct);
        }
        LogOpened(id, request.ConversaId, request.TriggerType);
        return (id, true);
    }

    /// <summary>Call after the transaction commits: cached views of the doctor and his context are stale.</summary>
    public Task AfterCommitAsync(Guid medicoId) => doctors.InvalidateAsync(medicoId, null);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "handoff {HandoffId} opened for conversa {ConversaId} ({TriggerType}): controlled_by=human")]
    private partial void LogOpened(Guid handoffId, Guid conversaId, string triggerType);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "handoff {HandoffId} already open for conversa {ConversaId}: trigger {TriggerType} appended")]
    private partial void LogAppended(Guid handoffId, Guid conversaId, string triggerType);
}
