using Julia.Infrastructure.Telemetry;
using OpenTelemetry.Metrics;

namespace Julia.Metrics;

/// <summary>
/// At start-up, every feature's counters get their label sets known in advance recorded at 0 (messages sent per `tipo`,
/// cache lookups per family and result, errors per operation), so `/metrics` and `contadores` show them before the first
/// event and an operator's `rate(…) == 0` alert has a series to read (docs/decisions.md#metrics, "Counters at 0 from
/// start-up"). A measurement reaches only listeners attached when it is made, so this resolves both listeners first —
/// OpenTelemetry's <see cref="MeterProvider"/> (built on first resolution, whichever hosted service runs first) and the
/// runbook's <see cref="MetricsRecorder"/> — instead of relying on the order services are created in.
/// </summary>
internal sealed class CountersAtZero(IServiceProvider services, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!MetricsExtensions.Enabled(configuration)) return Task.CompletedTask;
        _ = services.GetService<MeterProvider>();
        _ = services.GetRequiredService<MetricsRecorder>();
        foreach (var meter in services.GetServices<OperationMeter>()) meter.RecordZeroes();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
