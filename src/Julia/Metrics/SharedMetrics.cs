using System.Globalization;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Resilience;
using StackExchange.Redis;

namespace Julia.Metrics;

/// <summary>
/// Writes this process's samples into `metricas:*` and reads everyone's back (docs/decisions.md#metrics). Redis down:
/// writes wait in memory (bounded) and reads answer this process's own view, marked partial.
/// </summary>
internal sealed class SharedMetrics(RedisGate redis, MetricsRecorder recorder, CircuitBreakers breakers, TimeProvider time)
{
    /// <summary>Hash `{breaker}@{process}` → `{state}|{epoch_ms}`: every process's breakers, so an open one shows wherever you ask.</summary>
    public const string CircuitsKey = "metricas:circuitos";
    static readonly TimeSpan CircuitFreshness = TimeSpan.FromSeconds(30);
    /// <summary>This instance's name in `metricas:circuitos` (one per host, so two hosts in one test process stay apart).</summary>
    readonly string process = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public async Task<bool> FlushAsync()
    {
        var pending = recorder.Drain();
        var now = time.GetUtcNow();
        var written = await redis.TryAsync(async db =>
        {
            var batch = db.CreateBatch();
            var tasks = new List<Task>();
            foreach (var group in pending.Samples.GroupBy(s => s.Operation))
            {
                var key = MetricKeys.Samples(group.Key);
                tasks.Add(batch.ListLeftPushAsync(key, group.Select(s => (RedisValue)Format(s.Sample)).ToArray()));
                tasks.Add(batch.ListTrimAsync(key, 0, MetricKeys.Keep - 1));
            }
            if (pending.Samples.Count > 0)
                tasks.Add(batch.SetAddAsync(MetricKeys.Operations, pending.Samples.Select(s => (RedisValue)s.Operation).Distinct().ToArray()));
            foreach (var ((field, minute), n) in pending.Counts)
            {
                tasks.Add(batch.HashIncrementAsync(MetricKeys.Totals, field, n));
                tasks.Add(batch.HashIncrementAsync(MetricKeys.Minute(minute), field, n));
                tasks.Add(batch.KeyExpireAsync(MetricKeys.Minute(minute), MetricKeys.MinuteTtl));
            }
            tasks.Add(batch.HashSetAsync(CircuitsKey, breakers.All
                .Select(b => new HashEntry($"{b.Name}@{process}", $"{b.State.ToString().ToLowerInvariant()}|{now.ToUnixTimeMilliseconds()}")).ToArray()));
            tasks.Add(batch.KeyExpireAsync(CircuitsKey, TimeSpan.FromHours(1)));
            batch.Execute();
            await Task.WhenAll(tasks);
        });
        if (!written) recorder.Requeue(pending);
        return written;
    }

    /// <summary>Everyone's samples and counters; <paramref name="window"/> (≤ 2 h) sets which minutes <see cref="MetricsSnapshot.Window"/> sums.</summary>
    public async Task<MetricsSnapshot> ReadAsync(TimeSpan window)
    {
        if (!await FlushAsync()) return LocalView(window);
        var now = time.GetUtcNow();
        var shared = await redis.TryAsync<MetricsSnapshot?>(async db =>
        {
            var operations = await db.SetMembersAsync(MetricKeys.Operations);
            var batch = db.CreateBatch();
            var lists = operations.Select(o => ((string)o!, batch.ListRangeAsync(MetricKeys.Samples(o!), 0, MetricKeys.Keep - 1))).ToList();
            var totals = batch.HashGetAllAsync(MetricKeys.Totals);
            var minutes = Minutes(now - window, now).Select(m => batch.HashGetAllAsync(MetricKeys.Minute(m))).ToList();
            var circuits = batch.HashGetAllAsync(CircuitsKey);
            batch.Execute();
            await Task.WhenAll([.. lists.Select(l => l.Item2), totals, .. minutes, circuits]);

            var samples = new Dictionary<string, IReadOnlyList<Sample>>(StringComparer.Ordinal);
            foreach (var (op, list) in lists)
                samples[op] = list.Result.Select(v => Parse(v)).OfType<Sample>().ToList();
            var windowed = minutes.SelectMany(m => m.Result).GroupBy(e => (string)e.Name!)
                .ToDictionary(g => g.Key, g => g.Sum(e => (long)e.Value), StringComparer.Ordinal);
            // Entries of processes that stopped reporting (restarted, scaled down) are dropped after 10 min.
            var gone = circuits.Result.Where(e => Age(e, now) > TimeSpan.FromMinutes(10)).Select(e => e.Name).ToArray();
            if (gone.Length > 0) _ = db.HashDeleteAsync(CircuitsKey, gone, CommandFlags.FireAndForget);
            return new MetricsSnapshot(samples, totals.Result.ToDictionary(e => (string)e.Name!, e => (long)e.Value, StringComparer.Ordinal),
                windowed, Partial: false) { SharedCircuits = FreshCircuits(circuits.Result, now) };
        }, null);
        return shared ?? LocalView(window);
    }

    MetricsSnapshot LocalView(TimeSpan window) => recorder.LocalSnapshot(window) with
    {
        SharedCircuits = breakers.All.ToDictionary(b => b.Name, b => b.State.ToString().ToLowerInvariant()),
    };

    /// <summary>Per breaker, the worst state any process reported in the last 30 s (open &gt; halfopen &gt; closed).</summary>
    static Dictionary<string, string> FreshCircuits(HashEntry[] entries, DateTimeOffset now)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in entries)
        {
            var name = ((string)e.Name!).Split('@')[0];
            var parts = ((string)e.Value!).Split('|');
            if (parts.Length != 2 || !long.TryParse(parts[1], out var at) || now.ToUnixTimeMilliseconds() - at > CircuitFreshness.TotalMilliseconds) continue;
            if (!result.TryGetValue(name, out var seen) || Rank(parts[0]) > Rank(seen)) result[name] = parts[0];
        }
        return result;
        static int Rank(string s) => s switch { "open" => 2, "halfopen" => 1, _ => 0 };
    }

    static TimeSpan Age(HashEntry e, DateTimeOffset now)
    {
        var parts = ((string?)e.Value ?? "").Split('|');
        return parts.Length == 2 && long.TryParse(parts[1], out var at) ? TimeSpan.FromMilliseconds(now.ToUnixTimeMilliseconds() - at) : TimeSpan.MaxValue;
    }

    static IEnumerable<long> Minutes(DateTimeOffset from, DateTimeOffset to)
    {
        var start = new DateTimeOffset(from.UtcDateTime.Year, from.UtcDateTime.Month, from.UtcDateTime.Day, from.UtcDateTime.Hour, from.UtcDateTime.Minute, 0, TimeSpan.Zero);
        for (var m = start; m <= to; m = m.AddMinutes(1)) yield return MetricKeys.MinuteOf(m);
    }

    static string Format(Sample s) => $"{s.AtMs}:{s.Ms.ToString("0.###", CultureInfo.InvariantCulture)}";

    static Sample? Parse(RedisValue value)
    {
        var text = (string?)value;
        var colon = text?.IndexOf(':') ?? -1;
        return colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.Integer, CultureInfo.InvariantCulture, out var at)
            && double.TryParse(text.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var ms)
            ? new Sample(at, ms) : null;
    }
}
