using System.Diagnostics.Metrics;

namespace Julia.Infrastructure.Telemetry;

/// <summary>
/// A feature's own <see cref="Meter"/> (`Julia.{Feature}`) with the instruments every feature shares: the duration of a
/// named operation (`webhook_evolution`, `llm_chamada`, `db:fila_claim`, …) and its errors. Recording is one call into
/// System.Diagnostics.Metrics and costs nanoseconds; the Metrics feature listens to these meters and keeps the samples
/// the runbook's endpoints read, OpenTelemetry exports them on /metrics (docs/decisions.md#metrics).
/// Created through <see cref="IMeterFactory"/>, so two hosts in one process (tests) never see each other's numbers.
/// </summary>
internal abstract class OperationMeter
{
    public const string MeterPrefix = "Julia.";
    public const string Duration = "julia.operacao.duracao";
    public const string Errors = "julia.operacao.erros";
    public const string OperationTag = "operacao";

    readonly Histogram<double> duration;
    readonly Counter<long> errors;

    protected OperationMeter(IMeterFactory meters, string feature)
    {
        Meter = meters.Create(MeterPrefix + feature);
        duration = Meter.CreateHistogram<double>(Duration, "ms", "Duração de uma operação nomeada (tag operacao)");
        errors = Meter.CreateCounter<long>(Errors, "{erro}", "Erros de uma operação nomeada (tag operacao)");
    }

    public Meter Meter { get; }

    public void Time(string operation, TimeSpan elapsed) =>
        duration.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>(OperationTag, operation));

    public void Error(string operation) => errors.Add(1, new KeyValuePair<string, object?>(OperationTag, operation));
}
