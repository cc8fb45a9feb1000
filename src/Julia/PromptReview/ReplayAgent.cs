using Julia.Agent;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Julia.PromptReview;

/// <summary>
/// The candidate's answer to one recorded turn. <see cref="Automatic"/>: the model handed the turn to the system
/// (opt-out, handoff) and the text says what would have happened. <see cref="Unavailable"/>: no answer.
/// </summary>
internal sealed record ReplayReply(string Text, bool Automatic, IReadOnlyList<string> Tools, string? Unavailable = null);

/// <summary>
/// Asks the conversation model one recorded turn again with a candidate persona: context and call are the live agent's
/// (<see cref="AgentModelCall"/>, its empty-answer retry included), "now" is when the doctor wrote, and the tools are
/// <see cref="ReplayToolbox"/>'s; behind the same `claude` breaker.
/// </summary>
internal sealed class ReplayAgent(
    AgentModelCall call, ReplayToolbox toolbox, CircuitBreakers breakers, IOptions<AgentOptions> options, IChatClient? chat = null)
{
    public bool IsEnabled => chat is not null && options.Value.Enabled;
    public string Model => options.Value.Model;

    /// <summary>Why the agent is off, in the provider's words (no ANTHROPIC_API_KEY, no OPENAI_API_KEY nor a server of its own).</summary>
    public string OffReason => options.Value.OffReason;

    public async Task<ReplayReply> RespondAsync(AgentTurn turn, DateTimeOffset at, string persona, CancellationToken ct)
    {
        var calls = new List<string>();
        if (chat is null) return new("", false, calls, options.Value.OffReason);
        if (!breakers.Claude.TryEnter()) return new("", false, calls, "circuito claude aberto");
        var prepared = await call.PrepareAsync(turn, new ReplayOf(persona, at), ct);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(options.Value.TurnDeadline);
        try
        {
            var (response, _, _) = await call.AskAsync(chat, prepared, toolbox.For(calls), deadline.Token);
            breakers.Claude.RecordSuccess();
            var text = AgentModelCall.Sendable(response);
            return prepared.Session.TakeOver switch
            {
                AgentOutcome.Handoff h => new($"[passaria a conversa para uma pessoa da equipe ({h.TriggerType}): {h.Reason}]", true, calls),
                AgentOutcome.OptOut x => new($"[registraria o opt-out do médico: {x.Reason}]", true, calls),
                _ when text is null => new("", false, calls, AgentModelCall.NoAnswerReason(response)),
                _ => new(text, false, calls),
            };
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            breakers.Claude.RecordFailure();
            return new("", false, calls, AgentModelCall.Describe(ex));
        }
    }
}
