using System.Collections.Concurrent;
using Julia.Agent;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// Stands in for Claude in pipeline tests (the real agent is tested through the real SDK against a fake Anthropic
/// server): records every turn and answers with a reply built from what the doctor wrote.
/// </summary>
internal sealed class ScriptedAgent : IConversationAgent
{
    public ConcurrentQueue<AgentTurn> Turns { get; } = new();
    public Func<AgentTurn, Task<AgentOutcome>> Respond { get; set; } =
        turn => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply($"Oi! Recebi: {string.Join(" | ", turn.Parts)}"));

    public bool IsEnabled => true;

    public async Task<AgentOutcome> RespondAsync(AgentTurn turn, CancellationToken ct)
    {
        Turns.Enqueue(turn);
        return await Respond(turn);
    }
}
