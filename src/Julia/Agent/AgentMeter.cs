using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.Agent;

/// <summary>Meter `Julia.Agent`: `llm_chamada` (docs/decisions.md#metrics).</summary>
internal sealed class AgentMeter(IMeterFactory meters) : OperationMeter(meters, "Agent")
{
    protected override IEnumerable<string> ErrorOperations => ["llm_chamada"];
}
