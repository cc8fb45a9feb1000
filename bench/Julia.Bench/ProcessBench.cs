// Júlia as her own process (issue #12), as an operator runs her: `dotnet julia.dll serve` (role all), measured from
// outside. The e2e bench hosts Júlia inside the bench process, so its RSS and CPU include the fakes and the load
// generator; here they are Júlia's alone (/proc/<pid>), with PostgreSQL's and Redis's CPU beside them. Phases: start to
// first 200 on /health (a fresh database, then warm starts), sequential replies against the bare chain, then the open
// loop at a fixed rate with Júlia's RSS sampled every second.
// Usage: bench/run.sh processo [rate msg/s] [seconds] [warm starts]; BENCH_HISTORY=N seeds N doctors' history first
using System.Diagnostics;
using Dapper;
using Npgsql;
using StackExchange.Redis;

internal static class ProcessBench
{
    const int Sequential = 300;
    const int WarmUpSeconds = 30;

    public static async Task RunAsync(NpgsqlConnectionStringBuilder admin, string redisUrl, int rate, int seconds, int starts)
    {
        // bench/run.sh publishes her ReadyToRun, as ./run.sh and the Dockerfile do; "jit" or unset: the bench's own copy.
        var chosen = Environment.GetEnvironmentVariable("BENCH_JULIA");
        var julia = chosen is { Length: > 0 } and not "jit" ? Path.GetFullPath(chosen) : Path.Combine(AppContext.BaseDirectory, "julia.dll");
        var build = julia.StartsWith(AppContext.BaseDirectory, StringComparison.Ordinal) ? "JIT-compiled (the bench's copy)" : $"published build {julia}";
        var database = $"julia_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var c = new NpgsqlConnection(admin.ConnectionString)) await c.ExecuteAsync($"CREATE DATABASE {database}");
        var dbUrl = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database }.ConnectionString;
        var juliaDbUrl = $"postgres://{admin.Username ?? "postgres"}@{admin.Host}:{admin.Port}/{database}";
        try
        {
            await using var fakes = await EndToEndBench.Fakes.StartAsync();
            using var redis = await ConnectionMultiplexer.ConnectAsync(EndToEndBench.RedisOptions(redisUrl));
            await redis.GetServer(redis.GetEndPoints()[0]).FlushDatabaseAsync(redis.GetDatabase().Database);
            var port = EndToEndBench.Fakes.FreePort();
            var env = new Dictionary<string, string>
            {
                ["DATABASE_URL"] = juliaDbUrl, ["REDIS_URL"] = redisUrl, ["PORT"] = port.ToString(),
                ["EVOLUTION_URL"] = fakes.EvolutionUrl, ["EVOLUTION_API_KEY"] = "bench", ["EVOLUTION_WEBHOOK_TOKEN"] = EndToEndBench.Token,
                ["ANTHROPIC_API_KEY"] = "bench", ["ANTHROPIC_BASE_URL"] = fakes.AnthropicUrl,
                ["HUMANIZAR"] = "false", ["LOG_LEVEL"] = "ERROR", ["MAX_WORKERS"] = Environment.GetEnvironmentVariable("MAX_WORKERS") ?? "4",
            };
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            // 1. Start to the first 200 on /health: the first start migrates the new database; the others are warm.
            Progress("start-up");
            var startups = new List<double>();
            for (var s = 0; s <= starts; s++)
            {
                var (process, ms) = await StartAsync(julia, env, http);
                startups.Add(ms);
                await StopAsync(process);
            }

            // A history as a running service has (BENCH_HISTORY=N doctors, each with a closed conversation, 10 interacoes
            // and 10 sent queue rows; unset: a new database): a small table crosses autovacuum's thresholds (50 rows +
            // 10–20 %) every minute of the open loop, and each autovacuum makes every pooled connection plan again.
            var history = int.TryParse(Environment.GetEnvironmentVariable("BENCH_HISTORY"), out var h) && h > 0 ? h : 0;
            if (history > 0)
            {
                Progress($"seeding a history of {history} doctors");
                var watch = Stopwatch.StartNew();
                await ScaleBench.SeedAsync(new NpgsqlConnectionStringBuilder(dbUrl) { CommandTimeout = 1200 }.ConnectionString, 0, history);
                Console.Error.WriteLine($"  seeded in {watch.Elapsed.TotalSeconds:F0} s");
            }

            // Registered doctors, as in the e2e bench: each message is a conversation's first.
            await using (var c = new NpgsqlConnection(dbUrl))
                await c.ExecuteAsync("""
                    INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome)
                    SELECT p || lpad(n::text, 8, '0'), p || lpad(n::text, 8, '0') || '@s.whatsapp.net', 'Bench'
                    FROM unnest(ARRAY['55219', '55319', '55419', '55519']) p, generate_series(0, @count) n
                    """, new { count = Math.Max(Sequential, rate * Math.Max(seconds, WarmUpSeconds)) });

            var (julia1, _) = await StartAsync(julia, env, http);
            try
            {
                // 2. Warm-up (not measured): the JIT's tiers, the pools at the open loop's size, statistics and plans.
                Progress("warm-up");
                var warm = new EndToEndBench.Runner(http, fakes, "55219");
                for (var i = 0; i < Sequential; i++) await warm.OneAsync(i);
                await OpenLoopAsync(new EndToEndBench.Runner(http, fakes, "55519"), rate, WarmUpSeconds, _ => { });
                await using (var c = new NpgsqlConnection(dbUrl))
                    await c.ExecuteAsync("ANALYZE medicos, conversations, interacoes, fila_mensagens, vagas, reservas_vaga");
                for (var i = Sequential; i < Sequential + 200; i++) await warm.OneAsync(i);

                // 3. Sequential replies and the bare chain.
                Progress("sequential phase");
                var cpu = CpuSnapshot.Take(julia1.Id, redis, dbUrl);
                var seq = new EndToEndBench.Runner(http, fakes, "55319");
                var seqLatencies = new List<double>();
                for (var i = 0; i < Sequential; i++) seqLatencies.Add(await seq.OneAsync(i));
                var seqCpu = CpuSnapshot.Take(julia1.Id, redis, dbUrl) - cpu;
                Progress("bare chain");
                var bare = await EndToEndBench.BareChainAsync(dbUrl, redis, fakes, Sequential);
                var specChain = await EndToEndBench.SpecChainAsync(dbUrl, redis, fakes, Sequential);

                // 4. The open loop, Júlia's RSS every second.
                Progress("open loop");
                var rss = new List<long>();
                cpu = CpuSnapshot.Take(julia1.Id, redis, dbUrl);
                var openStart = DateTime.UtcNow;
                var open = await OpenLoopAsync(new EndToEndBench.Runner(http, fakes, "55419"), rate, seconds, _ => rss.Add(ProcStatus(julia1.Id, "VmRSS:")));
                var worstSeconds = WorstSeconds(open, rate, 3);
                var openCpu = CpuSnapshot.Take(julia1.Id, redis, dbUrl) - cpu;
                await Task.Delay(TimeSpan.FromSeconds(2)); // anything sent twice shows up now
                var lost = open.Count(double.IsNaN);
                open.RemoveAll(double.IsNaN);
                var peak = ProcStatus(julia1.Id, "VmHWM:");

                Console.WriteLine($"Júlia as her own process (dotnet julia.dll serve, role all), HUMANIZAR=false, fakes on loopback; registered doctors, first message of a conversation");
                Console.WriteLine($"  build: {build}");
                Console.WriteLine(history > 0
                    ? $"  database: a history of {history} doctors ({history * 10} interacoes, {history * 10} sent fila_mensagens) before the run (BENCH_HISTORY)"
                    : "  database: new, empty before the run (BENCH_HISTORY unset)");
                Console.WriteLine($"  start to first 200 on /health: {startups[0]:F0} ms on a new database (migrations), then {string.Join(" / ", startups.Skip(1).Select(ms => $"{ms:F0}"))} ms (warm build; goal ≤ 2 000 ms)");
                Print("sequential", seqLatencies, $"{Sequential} messages");
                Print("bare chain", bare, "INSERT+COMMIT, Redis GET, HTTP model, INSERT+COMMIT, HTTP evolution");
                EndToEndBench.PrintSpecChain(specChain, bare);
                var p50 = EndToEndBench.Percentile(seqLatencies, 50);
                var bare50 = EndToEndBench.Percentile(bare, 50);
                Console.WriteLine($"  p50 ratio sequential / bare: {p50 / bare50:F1}×, own time {p50 - bare50:F1} ms (goals ≤ 2×, ≤ 5 ms)");
                Print($"open loop {rate}/s", open, $"{rate * seconds} messages over {seconds} s; goal p99 ≤ 25 ms");
                Console.WriteLine($"  open loop: lost {lost}, duplicated {fakes.DuplicatesOf("55419")}");
                Console.WriteLine($"  open loop from {openStart:HH:mm:ss} UTC; its slowest seconds (by sending time): {worstSeconds}");
                Console.WriteLine($"  Júlia's RSS during the open loop: max {rss.DefaultIfEmpty().Max() / 1024} MB, median {Median(rss) / 1024} MB; peak since start (VmHWM) {peak / 1024} MB (goal ≤ 250 MB)");
                Console.WriteLine($"  CPU per message, sequential: {seqCpu.PerMessage(Sequential)}");
                Console.WriteLine($"  CPU per message, open loop:  {openCpu.PerMessage(rate * seconds)}");
            }
            finally { await StopAsync(julia1); }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin.ConnectionString);
            await c.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    static void Progress(string phase) => EndToEndBench.Progress(phase);

    static void Print(string name, List<double> ms, string what) =>
        Console.WriteLine($"  {name,-16} p50 {EndToEndBench.Percentile(ms, 50),7:F1} ms  p95 {EndToEndBench.Percentile(ms, 95),7:F1} ms  p99 {EndToEndBench.Percentile(ms, 99),7:F1} ms  ({what})");

    /// <summary>The seconds of the open loop whose messages waited longest (by p99), to lay beside the server's log
    /// (an autovacuum second makes every pooled connection plan its statements again).</summary>
    static string WorstSeconds(List<double> latencies, int rate, int count) =>
        string.Join(", ", latencies
            .Select((ms, i) => (Second: i / rate, Ms: ms))
            .Where(x => !double.IsNaN(x.Ms))
            .GroupBy(x => x.Second)
            .Select(g => (g.Key, P50: EndToEndBench.Percentile([.. g.Select(x => x.Ms)], 50), P99: EndToEndBench.Percentile([.. g.Select(x => x.Ms)], 99)))
            .OrderByDescending(x => x.P99)
            .Take(count)
            .Select(x => $"+{x.Key} s p50 {x.P50:F1} / p99 {x.P99:F1} ms"));

    static long Median(List<long> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);

    /// <summary>A message every 1/rate s for <paramref name="seconds"/>, whatever happened to the earlier ones; NaN = no reply in 120 s.</summary>
    static async Task<List<double>> OpenLoopAsync(EndToEndBench.Runner runner, int rate, int seconds, Action<int> everySecond)
    {
        var pending = new List<Task<double>>(rate * seconds);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < rate * seconds; i++)
        {
            var wait = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait);
            pending.Add(runner.OneAsync(i, timeout: TimeSpan.FromSeconds(120)));
            if (i % rate == 0) everySecond(i / rate);
        }
        return [.. await Task.WhenAll(pending)];
    }

    /// <summary>Starts Júlia and times it to the first 200 on /health (polled every 20 ms).</summary>
    static async Task<(Process Process, double Ms)> StartAsync(string julia, Dictionary<string, string> env, HttpClient http)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(julia);
        info.ArgumentList.Add("serve");
        foreach (var (k, v) in env) info.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 } line) Console.Error.WriteLine($"  julia: {line}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"julia exited with {process.ExitCode} before answering /health");
            try
            {
                using var response = await http.GetAsync("/health");
                if (response.IsSuccessStatusCode) return (process, clock.Elapsed.TotalMilliseconds);
            }
            catch (HttpRequestException) { }
            await Task.Delay(20);
        }
        process.Kill();
        throw new TimeoutException("julia did not answer /health within 60 s");
    }

    /// <summary>SIGTERM, as an orchestrator stops her; killed after 30 s.</summary>
    static async Task StopAsync(Process process)
    {
        if (process.HasExited) return;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString()])) await kill.WaitForExitAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(); }
        process.Dispose();
    }

    /// <summary>A kB field of /proc/&lt;pid&gt;/status (VmRSS, VmHWM).</summary>
    static long ProcStatus(int pid, string field)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0]);
        }
        catch (IOException) { return 0; }
    }

    /// <summary>CPU time (user + system, ms) of Júlia, of PostgreSQL (the postmaster's children), of Redis and of this process.</summary>
    sealed record CpuSnapshot(double Julia, double Postgres, double Redis, double Bench)
    {
        const double TickMs = 10; // CLK_TCK = 100 on Linux

        public static CpuSnapshot Take(int juliaPid, ConnectionMultiplexer redis, string dbUrl)
        {
            var redisPid = int.Parse(redis.GetServer(redis.GetEndPoints()[0]).Info("server").SelectMany(g => g).First(kv => kv.Key == "process_id").Value);
            return new CpuSnapshot(Ticks(juliaPid), PostgresTicks(dbUrl), Ticks(redisPid), Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds);
        }

        public static CpuSnapshot operator -(CpuSnapshot a, CpuSnapshot b) =>
            new(a.Julia - b.Julia, a.Postgres - b.Postgres, a.Redis - b.Redis, a.Bench - b.Bench);

        public string PerMessage(int messages) =>
            $"Júlia {Julia / messages:F2} ms, PostgreSQL {Postgres / messages:F2} ms, Redis {Redis / messages:F2} ms; the bench (fakes, load generator) {Bench / messages:F2} ms";

        static double Ticks(int pid)
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' '); // fields from the 3rd (state) on
                return (long.Parse(fields[11]) + long.Parse(fields[12])) * TickMs; // utime, stime: fields 14 and 15
            }
            catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException) { return 0; }
        }

        static int? postmaster;

        /// <summary>Every child of the postmaster of the server Júlia uses (backends, WAL writer, autovacuum …).</summary>
        static double PostgresTicks(string dbUrl)
        {
            postmaster ??= FindPostmaster(dbUrl);
            if (postmaster is not { } pm) return double.NaN;
            var total = 0.0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
                try
                {
                    var stat = File.ReadAllText($"{dir}/stat");
                    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (int.Parse(fields[1]) == pm || pid == pm) total += (long.Parse(fields[11]) + long.Parse(fields[12])) * TickMs;
                }
                catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException) { }
            }
            return total;
        }

        static int? FindPostmaster(string dbUrl)
        {
            using var c = new NpgsqlConnection(dbUrl);
            c.Open();
            var backend = c.ExecuteScalar<int>("SELECT pg_backend_pid()");
            var stat = File.ReadAllText($"/proc/{backend}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
        }
    }
}
