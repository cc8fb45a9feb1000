using Julia.Agent.Tools;
using Microsoft.Extensions.AI;

namespace Julia.PromptReview;

/// <summary>
/// Júlia's tools for a replay: the live <see cref="AgentToolbox"/>'s own tools — names, descriptions, schemas and
/// handlers — so the model sees the production list and each call is answered in the live tool's words from the
/// recorded state (docs/decisions.md#prompt-review). What they may do follows each tool's <see cref="ToolReplay"/>: a
/// tool that only reads runs as it is; one that writes runs its checks and writes nothing (the session is a replay:
/// <see cref="ToolSession.Replay"/>); a tool that says neither — one added later — is not run at all and answers "Feito.".
/// The verb's read-only database sessions stay the second guard.
/// </summary>
internal sealed class ReplayToolbox(AgentToolbox live, ILoggerFactory loggers)
{
    /// <summary>Marks, in the report, a call that would have changed something in a live turn and here changed nothing.</summary>
    public const string Simulated = " (simulada)";

    /// <param name="calls">Receives the name of each tool the model calls, marked when it changed nothing it would have.</param>
    public IList<AITool> For(ICollection<string> calls)
    {
        var logger = loggers.CreateLogger<JuliaTool>();
        return [.. live.Tools.OfType<AIFunction>().Select(tool =>
        {
            var replay = (tool as JuliaTool)?.Replay ?? ToolReplay.Simulated;
            return (AITool)new JuliaTool(tool.Name, tool.Description, tool.JsonSchema.GetRawText(),
                (session, a, ct) => RunAsync(tool, replay, session, a, calls, ct), logger, replay);
        })];
    }

    static Task<string> RunAsync(AIFunction tool, ToolReplay replay, ToolSession session, ToolArguments a, ICollection<string> calls, CancellationToken ct)
    {
        lock (calls) calls.Add(replay == ToolReplay.Reads ? tool.Name : tool.Name + Simulated);
        // Never a live session: a tool that writes skips its write only when the session says it is a replay.
        if (session.Replay is null) throw new InvalidOperationException("a replay's tool called outside a replayed turn");
        return replay != ToolReplay.Simulated && tool is JuliaTool run ? run.Handler(session, a, ct) : Task.FromResult("Feito.");
    }
}
