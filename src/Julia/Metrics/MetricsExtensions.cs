using Julia.Infrastructure.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Julia.Metrics;

internal static class MetricsExtensions
{
    /// <summary>
    /// The recorder that keeps the runbook's samples (shared through Redis) and OpenTelemetry over the same meters:
    /// Prometheus on /metrics always; by OTLP too each signal whose endpoint (its own or OTEL_EXPORTER_OTLP_ENDPOINT) is set
    /// (docs/decisions.md#metrics, docs/decisions.md#configuration).
    /// </summary>
    public static void AddMetrics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MetricsRecorder>();
        builder.Services.AddSingleton<SharedMetrics>();
        builder.Services.AddSingleton<MetricsReporter>();
        // The flusher is created with the host, and with it the recorder: the listener is there before the first request.
        builder.Services.AddHostedService<MetricsFlusher>();

        var configuration = builder.Configuration;
        var traces = OtlpSignal.From(configuration, OtlpSignal.Traces);
        var metrics = OtlpSignal.From(configuration, OtlpSignal.Metrics);
        var logs = OtlpSignal.From(configuration, OtlpSignal.Logs);
        var otel = builder.Services.AddOpenTelemetry()
            // OTEL_SERVICE_NAME (default "julia"): a fixed name here replaced the operator's, since the last resource wins.
            .ConfigureResource(r => r.AddService(ServiceName(builder.Configuration), serviceVersion: JuliaVersionText()))
            .WithMetrics(m => m
                .AddMeter(Enabled(builder.Configuration) ? [OperationMeter.MeterPrefix + "*"] : [])
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime", "Npgsql")
                .AddPrometheusExporter()
                .AddOtlpExporterIf(metrics))
            .WithTracing(t => t.AddSource(JuliaTelemetry.SourceName, "Npgsql").AddOtlpExporterIf(traces));
        // Per signal rather than UseOtlpExporter: that one sends all three, a signal without an endpoint to localhost.
        if (logs is not null) otel.WithLogging(l => l.AddOtlpExporter(logs.Apply));
        // After the exporter's registration; it resolves the listeners itself, so its place among hosted services does not matter.
        builder.Services.AddHostedService<CountersAtZero>();
    }

    static MeterProviderBuilder AddOtlpExporterIf(this MeterProviderBuilder m, OtlpSignal? signal) =>
        signal is null ? m : m.AddOtlpExporter(signal.Apply);

    static TracerProviderBuilder AddOtlpExporterIf(this TracerProviderBuilder t, OtlpSignal? signal) =>
        signal is null ? t : t.AddOtlpExporter(signal.Apply);

    /// <summary>Whether anyone listens to the `Julia.*` meters; off only to measure what listening costs (BENCHMARKS.md).</summary>
    public static bool Enabled(IConfiguration configuration) => !string.Equals(configuration["Metrics:Enabled"], "false", StringComparison.OrdinalIgnoreCase);

    public static string ServiceName(IConfiguration configuration) =>
        configuration["OTEL_SERVICE_NAME"] is { Length: > 0 } name ? name.Trim() : "julia";

    static string JuliaVersionText() => typeof(MetricsExtensions).Assembly.GetName().Version?.ToString() ?? "0";
}
