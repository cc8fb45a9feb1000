using System.Collections.Concurrent;

namespace Julia.Metrics;

/// <summary>
/// Timings of named operations (`webhook_evolution`, `processar_mensagem`, `llm_chamada`, …) kept in memory:
/// recording is a lock-free enqueue, so it never adds latency to the path it measures (docs/decisions.md#health-and-metrics).
/// </summary>
internal sealed class OperationTimings
{
    const int Keep = 1_000;
    readonly ConcurrentDictionary<string, ConcurrentQueue<double>> samples = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long> errors = new(StringComparer.Ordinal);

    public void Record(string operation, TimeSpan elapsed)
    {
        var queue = samples.GetOrAdd(operation, _ => new ConcurrentQueue<double>());
        queue.Enqueue(elapsed.TotalMilliseconds);
        while (queue.Count > Keep) queue.TryDequeue(out _);
    }

    public void RecordError(string operation) => errors.AddOrUpdate(operation, 1, (_, n) => n + 1);

    public IReadOnlyList<double> Samples(string operation) => samples.TryGetValue(operation, out var q) ? [.. q] : [];

    public long Errors(string operation) => errors.GetValueOrDefault(operation);

    public IReadOnlyCollection<string> Operations => [.. samples.Keys];
}
