using Npgsql;

namespace Julia.Handoffs;

/// <summary>A handoff that was just created (not a trigger appended to an open one).</summary>
internal sealed record HandoffOpened(Guid HandoffId, Guid ConversationId, Guid DoctorId, string TriggerType, string Reason);

/// <summary>A handoff closed: the conversation is back with Júlia.</summary>
internal sealed record HandoffResolved(Guid HandoffId, Guid ConversationId, Guid DoctorId, string TriggerType, string? ResolvedBy, string? Notes)
{
    /// <summary>Resolved in Chatwoot itself (the conversation resolved, the label removed): Chatwoot needs no word of it.</summary>
    public bool InChatwoot { get; init; }
}

/// <summary>
/// What opening or resolving a handoff means to the notifiers (Slack, Chatwoot): written in the handoff's own
/// transaction — as outbox rows — so a notice exists exactly when the handoff does, and a peer being down never undoes
/// it. Register with <c>services.AddSingleton&lt;IHandoffEffect, …&gt;()</c> in the notifier's AddXxx.
/// </summary>
internal interface IHandoffEffect
{
    Task OnOpenedAsync(NpgsqlTransaction tx, HandoffOpened opened, CancellationToken ct) => Task.CompletedTask;
    Task OnResolvedAsync(NpgsqlTransaction tx, HandoffResolved resolved, CancellationToken ct) => Task.CompletedTask;
}
