using System.Globalization;
using OpenTelemetry.Exporter;

namespace Julia.Metrics;

/// <summary>
/// Which signals (traces, metrics, logs) go out by OTLP, and where: a signal goes out when its own
/// `OTEL_EXPORTER_OTLP_{SIGNAL}_ENDPOINT` or the general `OTEL_EXPORTER_OTLP_ENDPOINT` is set, and only then — a signal
/// with neither is not sent to the library's `localhost` default (docs/decisions.md#configuration).
/// </summary>
internal sealed record OtlpSignal(string Name, string? Endpoint, string? Protocol, string? Headers, string? Timeout)
{
    public const string Traces = "TRACES";
    public const string Metrics = "METRICS";
    public const string Logs = "LOGS";

    /// <summary>The signal's settings, or null when nothing sends it anywhere.</summary>
    public static OtlpSignal? From(IConfiguration configuration, string signal)
    {
        var own = Value(configuration, $"OTEL_EXPORTER_OTLP_{signal}_ENDPOINT");
        if (own is null && Value(configuration, "OTEL_EXPORTER_OTLP_ENDPOINT") is null) return null;
        return new(signal, own, Value(configuration, $"OTEL_EXPORTER_OTLP_{signal}_PROTOCOL"),
            Value(configuration, $"OTEL_EXPORTER_OTLP_{signal}_HEADERS"), Value(configuration, $"OTEL_EXPORTER_OTLP_{signal}_TIMEOUT"));
    }

    /// <summary>
    /// Over the general variables the library has already read: the signal's own endpoint is used as written (the OTLP
    /// specification's rule: no `/v1/traces` appended), its own protocol, headers and timeout win over the general ones.
    /// </summary>
    public void Apply(OtlpExporterOptions options)
    {
        if (Protocol is not null) options.Protocol = Protocol == "grpc" ? OtlpExportProtocol.Grpc : OtlpExportProtocol.HttpProtobuf;
        if (Endpoint is not null) options.Endpoint = new Uri(Endpoint);
        if (Headers is not null) options.Headers = Headers;
        if (int.TryParse(Timeout, NumberStyles.Integer, CultureInfo.InvariantCulture, out var ms) && ms > 0) options.TimeoutMilliseconds = ms;
    }

    static string? Value(IConfiguration configuration, string key) => configuration[key] is { } v && !string.IsNullOrWhiteSpace(v) ? v.Trim() : null;
}
