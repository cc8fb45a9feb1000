using Julia.Infrastructure.Health;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Julia.WhatsApp;

/// <summary>`whatsapp` in /health/ready: `sandbox`, `open`, or the gateway's other state (degraded: sends wait, nothing is lost).</summary>
internal sealed class WhatsAppHealthCheck(IWhatsAppChannel channel, WhatsAppConnection connection) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct)
    {
        var state = channel.IsSandbox ? "sandbox" : await LiveStateAsync(ct) ?? connection.State;
        return ReadinessChecks.Result(state is "open" or "sandbox" ? HealthStatus.Healthy : HealthStatus.Degraded, state);
    }

    /// <summary>Evolution asked live, for one second at most: a readiness probe must answer fast; otherwise the last known state.</summary>
    async Task<string?> LiveStateAsync(CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try { return await channel.ConnectionStateAsync(timeout.Token); }
        catch (Exception) when (!ct.IsCancellationRequested) { return null; } // timeout, open circuit, odd answer: last known state
    }
}
