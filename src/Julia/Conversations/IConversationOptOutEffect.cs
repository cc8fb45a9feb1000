using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// What a doctor's opt-out in a conversation means to another feature (Doctors' IOptOutEffect is the doctor's side),
/// written in the opt-out's own transaction: with a person in control,
/// the Chatwoot private note that takes the place of the confirmation Júlia would have sent (docs/decisions.md#handoff).
/// </summary>
internal interface IConversationOptOutEffect
{
    Task OnOptedOutAsync(NpgsqlTransaction tx, OptedOut optedOut, CancellationToken ct);
}

/// <param name="HumanControlled">A person controls the conversation: Júlia sent the doctor nothing.</param>
internal sealed record OptedOut(Guid MedicoId, Guid ConversationId, bool HumanControlled, string Text);
