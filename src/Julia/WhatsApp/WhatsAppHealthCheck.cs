using Julia.Infrastructure.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Julia.WhatsApp;

/// <summary>`whatsapp` in /health/ready: `sandbox`, `open`, or the gateway's other state (degraded: sends wait, nothing is lost).</summary>
internal sealed class WhatsAppHealthCheck(WhatsAppStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var state = await status.CurrentAsync(ct);
        return ReadinessChecks.Result(state is "open" or "sandbox" ? HealthStatus.Healthy : HealthStatus.Degraded, state);
    }
}
