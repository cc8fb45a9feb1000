// What was going on in each second of the open loop (issue #12, where the tail comes from): this process's thread pool
// (threads, most work items queued) and PostgreSQL's background work (autovacuum/autoanalyze workers and the tables they
// were on, checkpoints), sampled every 100 ms from a connection of its own.
using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

internal sealed class SecondSampler : IAsyncDisposable
{
    readonly ConcurrentDictionary<int, Second> seconds = new();
    readonly CancellationTokenSource stop = new();
    readonly Task loop;

    internal sealed class Second
    {
        public int Threads, Queued, Gen2, Connections;
        public long Plans;
        public double GcPauseMs;
        public readonly HashSet<string> Background = [];
        public readonly Dictionary<string, int> Waits = [];
        public bool Checkpoint;
    }

    public SecondSampler(string dbUrl, Stopwatch clock) => loop = RunAsync(dbUrl, clock);

    async Task RunAsync(string dbUrl, Stopwatch clock)
    {
        await using var c = new NpgsqlConnection(dbUrl);
        await c.OpenAsync();
        // Prepared once: planned on every sample, it was ten of the "plans made" each second and ~1.5 ms of CPU each.
        await using var sample = new NpgsqlCommand("""
                SELECT (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter),
                       (SELECT string_agg(regexp_replace(query, '^autovacuum: ', ''), ', ') FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'),
                       (SELECT string_agg(COALESCE(wait_event, 'CPU'), ',') FROM pg_stat_activity
                        WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()),
                       (SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()),
                       -- Plans made (pg_stat_statements with track_planning on, else 0): a cached plan invalidated by an
                       -- ANALYZE is planned again on every pooled connection.
                       (SELECT COALESCE((SELECT sum(plans)::bigint FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())), 0))
            """, c);
        await sample.PrepareAsync();
        long? checkpoints = null, plans = null;
        var gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        while (!stop.IsCancellationRequested)
        {
            var s = seconds.GetOrAdd((int)clock.Elapsed.TotalSeconds, _ => new Second());
            lock (s)
            {
                s.Threads = Math.Max(s.Threads, ThreadPool.ThreadCount);
                s.Queued = Math.Max(s.Queued, (int)ThreadPool.PendingWorkItemCount);
                s.Gen2 += GC.CollectionCount(2) - gen2;
                s.GcPauseMs += (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
            }
            gen2 = GC.CollectionCount(2);
            paused = GC.GetTotalPauseDuration();
            (long Checkpoints, string? Workers, string? Waits, int Connections, long Plans) row;
            await using (var r = await sample.ExecuteReaderAsync())
            {
                await r.ReadAsync();
                row = (r.GetInt64(0), r.IsDBNull(1) ? null : r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt32(3), r.GetInt64(4));
            }
            lock (s)
            {
                if (row.Workers is not null) s.Background.Add(row.Workers);
                s.Connections = Math.Max(s.Connections, row.Connections);
                foreach (var w in (row.Waits ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)) s.Waits[w] = s.Waits.GetValueOrDefault(w) + 1;
                if (checkpoints is not null && row.Checkpoints != checkpoints) s.Checkpoint = true;
            }
            checkpoints = row.Checkpoints;
            if (plans is not null) lock (s) s.Plans += row.Plans - plans.Value;
            plans = row.Plans;
            try { await Task.Delay(100, stop.Token); } catch (OperationCanceledException) { }
        }
    }

    /// <summary>"threads 9 (queued ≤ 3), GC paused 12 ms, active statements in 10 samples: CPU×4 WALSync×2; autovacuum: VACUUM ANALYZE public.interacoes; checkpoint" for one second.</summary>
    public string Describe(int second)
    {
        if (!seconds.TryGetValue(second, out var s)) return "not sampled";
        lock (s)
            return $"threads {s.Threads} (queued ≤ {s.Queued}), connections {s.Connections}, plans made {s.Plans}, GC paused {s.GcPauseMs:F0} ms{(s.Gen2 > 0 ? $" (gen2 ×{s.Gen2})" : "")}"
                + $", active statements in 10 samples: {(s.Waits.Count == 0 ? "none" : string.Join(" ", s.Waits.OrderByDescending(w => w.Value).Select(w => $"{w.Key}×{w.Value}")))}"
                + (s.Background.Count > 0 ? $", autovacuum: {string.Join(" | ", s.Background)}" : "")
                + (s.Checkpoint ? ", checkpoint" : "");
    }

    /// <summary>Seconds in which autovacuum ran or a checkpoint happened, of all sampled.</summary>
    public string Summary() =>
        $"autovacuum during {seconds.Values.Count(s => s.Background.Count > 0)} of {seconds.Count} s, checkpoints during {seconds.Values.Count(s => s.Checkpoint)} s";

    public async ValueTask DisposeAsync()
    {
        stop.Cancel();
        await loop;
        stop.Dispose();
    }
}
