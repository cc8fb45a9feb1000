namespace Julia.Metrics;

/// <summary>
/// What the processes measured: per operation its last 1 000 samples (newest first), counters since the samples began,
/// counters of the asked window, the breakers' states as every process reported them. <see cref="Partial"/>: Redis
/// could not be read, so this is only the answering process's own view.
/// </summary>
internal sealed record MetricsSnapshot(
    IReadOnlyDictionary<string, IReadOnlyList<Sample>> Samples,
    IReadOnlyDictionary<string, long> Totals,
    IReadOnlyDictionary<string, long> Window,
    bool Partial)
{
    public IReadOnlyDictionary<string, string> SharedCircuits { get; init; } = new Dictionary<string, string>();

    public long Total(string counter) => Totals.GetValueOrDefault(counter);
    public long InWindow(string counter) => Window.GetValueOrDefault(counter);

    /// <summary>Errors of every operation in the window.</summary>
    public long ErrorsInWindow => Window.Where(p => p.Key.StartsWith("erros:", StringComparison.Ordinal)).Sum(p => p.Value);
}

/// <summary>
/// Statistics over an operation's last 100 samples; <see cref="Total"/> is how many samples are kept (≤ 1 000),
/// <see cref="NewestAt"/> when the newest was taken.
/// </summary>
internal sealed record OperationStats(double MeanMs, double MaxMs, double MinMs, double? P95Ms, int Total, int Window)
{
    public DateTimeOffset NewestAt { get; init; }

    public static OperationStats? From(IReadOnlyList<Sample> newestFirst)
    {
        if (newestFirst.Count == 0) return null;
        var window = newestFirst.Take(MetricKeys.StatisticsWindow).Select(s => s.Ms).Order().ToArray();
        // p95 by nearest rank, and only when there are enough samples for it to mean something (null up to 20: docs/decisions.md#health-and-metrics).
        double? p95 = window.Length > 20 ? window[(int)Math.Ceiling(0.95 * window.Length) - 1] : null;
        return new OperationStats(Round(window.Average()), Round(window[^1]), Round(window[0]), p95 is { } p ? Round(p) : null,
            newestFirst.Count, window.Length) { NewestAt = DateTimeOffset.FromUnixTimeMilliseconds(newestFirst.Max(s => s.AtMs)) };
    }

    static double Round(double ms) => Math.Round(ms, 2);

    public Dictionary<string, object?> ToJson() => new()
    {
        ["media_ms"] = MeanMs, ["max_ms"] = MaxMs, ["min_ms"] = MinMs, ["p95_ms"] = P95Ms, ["total"] = Total,
    };
}
