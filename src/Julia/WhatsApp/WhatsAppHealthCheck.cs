using Julia.Infrastructure.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Julia.WhatsApp;

/// <summary>
/// `whatsapp` in /health/ready: `sandbox`, `open`, or the gateway's other state (degraded: sends wait, nothing is lost),
/// with the reason of the outage when known: "close (401: sessão encerrada — escanear o QR code de novo)".
/// </summary>
internal sealed class WhatsAppHealthCheck(WhatsAppStatus status) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var (state, reason) = await status.CurrentWithReasonAsync(ct);
        return ReadinessChecks.Result(state is "open" or "sandbox" ? HealthStatus.Healthy : HealthStatus.Degraded, DisconnectReasons.Shown(state, reason));
    }
}
