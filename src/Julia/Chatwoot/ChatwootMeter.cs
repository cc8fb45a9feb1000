using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.Chatwoot;

/// <summary>Meter `Julia.Chatwoot`: `chatwoot_api`, every call to Chatwoot's Application API (docs/decisions.md#metrics).</summary>
internal sealed class ChatwootMeter(IMeterFactory meters) : OperationMeter(meters, "Chatwoot")
{
    protected override IEnumerable<string> ErrorOperations => ["chatwoot_api"];
}
