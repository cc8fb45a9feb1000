using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.Slack;

/// <summary>Meter `Julia.Slack`: `slack_enviar`, every post to the incoming webhook (docs/decisions.md#metrics).</summary>
internal sealed class SlackMeter(IMeterFactory meters) : OperationMeter(meters, "Slack")
{
    protected override IEnumerable<string> ErrorOperations => ["slack_enviar"];
}
