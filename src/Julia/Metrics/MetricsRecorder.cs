using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Telemetry;

namespace Julia.Metrics;

/// <summary>A timing sample: when it ended (epoch ms) and how long it took.</summary>
internal readonly record struct Sample(long AtMs, double Ms);

/// <summary>
/// Listens to every feature's `Julia.*` meter of this host (<see cref="OperationMeter"/>) and keeps what the runbook's
/// endpoints and the alerts read: the last 1 000 samples per operation and counters (totals and per minute), in memory
/// for this process and queued for Redis, where <see cref="MetricsFlusher"/> merges them with the other processes'.
/// A measurement costs a short lock and an enqueue; nothing here waits on I/O (docs/decisions.md#metrics).
/// </summary>
internal sealed class MetricsRecorder : IDisposable
{
    const int MaxPendingSamples = 20_000;

    readonly MeterListener listener = new();
    readonly TimeProvider time;
    readonly ConcurrentDictionary<string, Ring> local = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<string, long> localTotals = new(StringComparer.Ordinal);
    readonly ConcurrentDictionary<(string Field, long Minute), long> localMinutes = new();
    readonly ConcurrentQueue<(string Operation, Sample Sample)> pendingSamples = new();
    readonly ConcurrentDictionary<(string Field, long Minute), long> pendingCounts = new();
    int pendingSampleCount;

    public MetricsRecorder(IMeterFactory meters, TimeProvider time, IConfiguration configuration)
    {
        this.time = time;
        // Metrics:Enabled=false (benchmarks only: bench/run.sh metricas) measures the path with nobody listening.
        if (!MetricsExtensions.Enabled(configuration)) return;
        listener.InstrumentPublished = (instrument, l) =>
        {
            // Only this host's meters: two hosts in one process (tests) never mix their numbers.
            if (ReferenceEquals(instrument.Meter.Scope, meters) && instrument.Meter.Name.StartsWith(OperationMeter.MeterPrefix, StringComparison.Ordinal))
                l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>(OnDouble);
        listener.SetMeasurementEventCallback<long>(OnLong);
        listener.Start();
    }

    /// <summary>Whether samples or counts are waiting for Redis.</summary>
    public bool HasPending => !pendingSamples.IsEmpty || !pendingCounts.IsEmpty;

    public void RecordSample(string operation, double ms)
    {
        var sample = new Sample(time.GetUtcNow().ToUnixTimeMilliseconds(), ms);
        local.GetOrAdd(operation, _ => new Ring()).Add(sample);
        if (Interlocked.Increment(ref pendingSampleCount) <= MaxPendingSamples) pendingSamples.Enqueue((operation, sample));
        else Interlocked.Decrement(ref pendingSampleCount); // Redis has been away long: keep memory bounded, drop the overflow
    }

    public void Count(string field, long n = 1)
    {
        var minute = MetricKeys.MinuteOf(time.GetUtcNow());
        localTotals.AddOrUpdate(field, n, (_, v) => v + n);
        localMinutes.AddOrUpdate((field, minute), n, (_, v) => v + n);
        pendingCounts.AddOrUpdate((field, minute), n, (_, v) => v + n);
    }

    /// <summary>Takes what waits for Redis; <see cref="Requeue"/> gives it back when the write failed.</summary>
    public PendingMetrics Drain()
    {
        var samples = new List<(string, Sample)>();
        while (pendingSamples.TryDequeue(out var s))
        {
            Interlocked.Decrement(ref pendingSampleCount);
            samples.Add(s);
        }
        var counts = new List<((string Field, long Minute) Key, long N)>();
        foreach (var key in pendingCounts.Keys)
            if (pendingCounts.TryRemove(key, out var n)) counts.Add((key, n));
        return new PendingMetrics(samples, counts);
    }

    public void Requeue(PendingMetrics pending)
    {
        foreach (var s in pending.Samples)
            if (Interlocked.Increment(ref pendingSampleCount) <= MaxPendingSamples) pendingSamples.Enqueue(s);
            else Interlocked.Decrement(ref pendingSampleCount);
        foreach (var (key, n) in pending.Counts) pendingCounts.AddOrUpdate(key, n, (_, v) => v + n);
    }

    /// <summary>This process's own view: what the endpoints answer while Redis is down (marked partial).</summary>
    public MetricsSnapshot LocalSnapshot(TimeSpan window)
    {
        var now = time.GetUtcNow();
        var oldest = MetricKeys.MinuteOf(now - MetricKeys.MinuteTtl);
        foreach (var key in localMinutes.Keys.Where(k => k.Minute < oldest)) localMinutes.TryRemove(key, out _);
        var since = MetricKeys.MinuteOf(now - window);
        var windowed = localMinutes.Where(p => p.Key.Minute >= since)
            .GroupBy(p => p.Key.Field).ToDictionary(g => g.Key, g => g.Sum(p => p.Value), StringComparer.Ordinal);
        return new MetricsSnapshot(
            local.ToDictionary(p => p.Key, p => p.Value.NewestFirst(), StringComparer.Ordinal),
            new Dictionary<string, long>(localTotals, StringComparer.Ordinal), windowed, Partial: true);
    }

    void OnDouble(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        if (instrument.Name == OperationMeter.Duration && Tag(tags, OperationMeter.OperationTag) is { } op) RecordSample(op, value);
    }

    void OnLong(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        switch (instrument.Name)
        {
            case OperationMeter.Errors:
                if (Tag(tags, OperationMeter.OperationTag) is { } op) Count(CounterNames.Errors(op), value);
                break;
            case CacheMeter.Lookups:
                if (Tag(tags, CacheMeter.FamilyTag) is { } family)
                    Count(Tag(tags, CacheMeter.ResultTag) == "hit" ? CounterNames.CacheHits(family) : CounterNames.CacheMisses(family), value);
                break;
            default:
                if (instrument is Counter<long>) Count(CounterNames.Of(instrument.Name), value);
                break;
        }
    }

    static string? Tag(ReadOnlySpan<KeyValuePair<string, object?>> tags, string name)
    {
        foreach (var t in tags)
            if (t.Key == name) return t.Value as string;
        return null;
    }

    public void Dispose() => listener.Dispose();

    /// <summary>The last 1 000 samples of one operation.</summary>
    sealed class Ring
    {
        readonly Sample[] items = new Sample[MetricKeys.Keep];
        readonly Lock gate = new();
        int next, count;

        public void Add(Sample s)
        {
            lock (gate)
            {
                items[next] = s;
                next = (next + 1) % items.Length;
                if (count < items.Length) count++;
            }
        }

        public IReadOnlyList<Sample> NewestFirst()
        {
            lock (gate)
            {
                var list = new Sample[count];
                for (var i = 0; i < count; i++) list[i] = items[(next - 1 - i + items.Length) % items.Length];
                return list;
            }
        }
    }
}

/// <summary>Samples and counts on their way to Redis.</summary>
internal sealed record PendingMetrics(List<(string Operation, Sample Sample)> Samples, List<((string Field, long Minute) Key, long N)> Counts)
{
    public bool IsEmpty => Samples.Count == 0 && Counts.Count == 0;
}

/// <summary>Counter names as they appear in `metricas:contadores` and in /admin/metricas/performance.</summary>
internal static class CounterNames
{
    public const string Received = "mensagens_recebidas", Sent = "mensagens_enviadas";
    public static string Errors(string operation) => $"erros:{operation}";
    public static string CacheHits(string family) => $"cache:{family}:hits";
    public static string CacheMisses(string family) => $"cache:{family}:misses";

    /// <summary>`julia.mensagens.recebidas` → `mensagens_recebidas`.</summary>
    public static string Of(string instrument) =>
        (instrument.StartsWith("julia.", StringComparison.Ordinal) ? instrument[6..] : instrument).Replace('.', '_');
}
