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

    /// <summary>The operations whose errors this feature counts: their series exist at 0 from start-up.</summary>
    protected virtual IEnumerable<string> ErrorOperations => [];

    /// <summary>
    /// Records 0 on every counter for each label set known in advance (the errors of <see cref="ErrorOperations"/>, and
    /// the feature's own counters in <see cref="RecordOwnZeroes"/>), so Prometheus has each series from start-up and
    /// `rate(…) == 0` alerts work before the first event (docs/decisions.md#metrics, "Counters at 0 from start-up").
    /// Called once the listeners are attached (<c>Metrics.CountersAtZero</c>): a measurement nobody listens to is lost.
    /// </summary>
    public void RecordZeroes()
    {
        foreach (var operation in ErrorOperations) errors.Add(0, new KeyValuePair<string, object?>(OperationTag, operation));
        RecordOwnZeroes();
    }

    /// <inheritdoc cref="RecordZeroes"/>
    protected virtual void RecordOwnZeroes() { }
}

/// <summary>Registers a feature's meter, also as one of the <see cref="OperationMeter"/>s whose counters start at 0.</summary>
internal static class OperationMeterRegistration
{
    public static IServiceCollection AddOperationMeter<TMeter>(this IServiceCollection services) where TMeter : OperationMeter
    {
        services.AddSingleton<TMeter>();
        services.AddSingleton<OperationMeter>(sp => sp.GetRequiredService<TMeter>());
        return services;
    }
}
