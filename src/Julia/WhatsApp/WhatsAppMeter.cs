using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.WhatsApp;

/// <summary>Meter `Julia.WhatsApp`: `webhook_evolution` (docs/decisions.md#metrics).</summary>
internal sealed class WhatsAppMeter(IMeterFactory meters) : OperationMeter(meters, "WhatsApp")
{
    protected override IEnumerable<string> ErrorOperations => ["webhook_evolution", EvolutionWebhookEndpoints.RefusedOperation];
}
