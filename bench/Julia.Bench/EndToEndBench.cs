// End-to-end reply latency (issue #12): webhook received → sendText at a fake Evolution, everything on loopback,
// HUMANIZAR=false and an instant fake Anthropic. Sequential and open loop at a fixed rate, and in the same run the
// bare chain of round trips (INSERT+COMMIT, Redis GET, HTTP to the model, INSERT+COMMIT, HTTP to Evolution) as the
// baseline. Counts SQL statements, Redis commands and HTTP calls per message.
// Usage: bench/run.sh e2e [sequential messages] [rate msg/s] [seconds]
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Dapper;
using Julia.Host;
using Julia.Infrastructure.Hosting;
using Npgsql;
using StackExchange.Redis;

internal static class EndToEndBench
{
    internal const string Token = "bench-token";

    public static async Task RunAsync(NpgsqlConnectionStringBuilder admin, string redisUrl, int sequential, int rate, int seconds)
    {
        var database = $"julia_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var c = new NpgsqlConnection(admin.ConnectionString)) await c.ExecuteAsync($"CREATE DATABASE {database}");
        // Plans are counted per second of the open loop (SecondSampler), so every session of the run tracks its planning.
        // BENCH_MAX_POOL caps each of Júlia's pools (default 50).
        var dbUrl = new NpgsqlConnectionStringBuilder(admin.ConnectionString)
        {
            Database = database, MaxPoolSize = int.TryParse(Environment.GetEnvironmentVariable("BENCH_MAX_POOL"), out var maxPool) ? maxPool : 50,
            Options = "-c pg_stat_statements.track_planning=on",
        }.ConnectionString;
        try
        {
            await using var fakes = await Fakes.StartAsync();
            // Each run has a new database: cached doctors of an earlier run would name ids it does not have.
            await using (var flush = await ConnectionMultiplexer.ConnectAsync(RedisOptions(redisUrl)))
                await flush.GetServer(flush.GetEndPoints()[0]).FlushDatabaseAsync(flush.GetDatabase().Database);
            string[] hostArgs = [
                $"--DATABASE_URL={dbUrl}", $"--REDIS_URL={redisUrl}", $"--EVOLUTION_URL={fakes.EvolutionUrl}", "--EVOLUTION_API_KEY=bench",
                $"--EVOLUTION_WEBHOOK_TOKEN={Token}", $"--ANTHROPIC_API_KEY=bench", $"--ANTHROPIC_BASE_URL={fakes.AnthropicUrl}",
                "--HUMANIZAR=false", "--LOG_LEVEL=ERROR", $"--MAX_WORKERS={Environment.GetEnvironmentVariable("MAX_WORKERS") ?? "4"}",
            ];
            var app = JuliaHost.Build([.. hostArgs, $"--PORT={Fakes.FreePort()}"], new HostRoleInfo(HostRole.All), new StartupFlags(false));
            await app.StartAsync();
            var stopped = false;
            try
            {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            var redis = await ConnectionMultiplexer.ConnectAsync(RedisOptions(redisUrl));
            var counters = new RoundTripCounter(redis);

            // Doctors already registered (the common case: a known doctor writes); the warm-up ones are new.
            await using (var c = new NpgsqlConnection(dbUrl))
                await c.ExecuteAsync("""
                    INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome)
                    SELECT p || lpad(n::text, 8, '0'), p || lpad(n::text, 8, '0') || '@s.whatsapp.net', 'Bench'
                    FROM unnest(ARRAY['55319', '55419', '55519', '55619']) p, generate_series(0, @count) n
                    """, new { count = Math.Max(sequential, rate * seconds) });

            // Warm-up (not measured): pools, caches, and the JIT's tier-1 and PGO recompilation of the hot path, which runs
            // on a background thread and took a quarter of the CPU of the first minute. At least 300 messages, then until
            // compiling takes under 2 % of the time, at most 5 000.
            var warm = new Runner(http, fakes, "55219");
            var warmed = 0;
            for (; warmed < 300; warmed++) await warm.OneAsync(warmed);
            while (warmed < 5000)
            {
                var jitBefore = System.Runtime.JitInfo.GetCompilationTime();
                var round = Stopwatch.StartNew();
                for (var k = 0; k < 100; k++, warmed++) await warm.OneAsync(warmed);
                if ((System.Runtime.JitInfo.GetCompilationTime() - jitBefore).TotalMilliseconds < 0.02 * round.ElapsedMilliseconds) break;
            }
            // Statistics as a production database has them. This database is minutes old, and the plans its statements
            // settle on depended on whether auto-analyze had run yet: the turn's first batch took 1.8–5.6 ms p50 from run
            // to run of the same code. ANALYZE invalidates every cached plan; 200 more messages let each pooled
            // connection plan again.
            await using (var c = new NpgsqlConnection(dbUrl))
                await c.ExecuteAsync("ANALYZE medicos, conversations, interacoes, fila_mensagens, vagas, reservas_vaga");
            for (var k = 0; k < 200; k++, warmed++) await warm.OneAsync(warmed);
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var jitAtStart = (Time: System.Runtime.JitInfo.GetCompilationTime(), Methods: System.Runtime.JitInfo.GetCompiledMethodCount());

            // 1. Sequential: one doctor's message at a time, each from a new number.
            Progress("sequential phase");
            await ResetStatementsAsync(dbUrl);
            counters.Start(fakes);
            var seq = new Runner(http, fakes, "55319");
            var seqLatencies = new List<double>();
            using var timeline = Environment.GetEnvironmentVariable("BENCH_TIMELINE") == "1" ? new Timeline() : null;
            for (var i = 0; i < sequential; i++)
            {
                timeline?.Begin();
                seqLatencies.Add(await seq.OneAsync(i));
                if (timeline is not null)
                {
                    // The dispatcher's post-send record, and anything else the message caused (BENCH_TIMELINE_GAP_MS, default 20;
                    // 0 shows how the previous message's tail slows the next one).
                    var gap = int.TryParse(Environment.GetEnvironmentVariable("BENCH_TIMELINE_GAP_MS"), out var g) ? g : 20;
                    if (gap > 0) await Task.Delay(gap);
                    timeline.End(seqLatencies[^1]);
                }
            }
            timeline?.Dispose();
            var perMessage = counters.Stop(sequential, fakes);
            var serverSide = await ServerTimesAsync(dbUrl, sequential);
            var cpuSequential = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / sequential;
            var jitDuring = $"{System.Runtime.JitInfo.GetCompiledMethodCount() - jitAtStart.Methods} methods, {(System.Runtime.JitInfo.GetCompilationTime() - jitAtStart.Time).TotalMilliseconds:F0} ms";
            var timings = app.Services.GetRequiredService<Julia.Metrics.MetricsRecorder>().LocalSnapshot(TimeSpan.FromHours(1)).Samples;
            var spans = string.Join("\n", timings.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p =>
                $"    {p.Key}: p50 {Percentile([.. p.Value.Select(x => x.Ms)], 50):F2} ms over the last {p.Value.Count}"));

            // 1b. A message in an ongoing conversation: each doctor's second message, sent once Júlia answered his first
            // (his conversation open, his cached views warm, his funnel already moved). Only the second is timed.
            Progress("ongoing conversations");
            var ongoing = new Runner(http, fakes, "55619");
            var ongoingLatencies = new List<double>();
            for (var i = 0; i < sequential; i++)
            {
                await ongoing.OneAsync(i);
                await Task.Delay(20); // a doctor takes seconds to answer; the first reply's sent record is done by then
                ongoingLatencies.Add(await ongoing.OneAsync(i, next: true));
            }

            // 2. The bare chain, the same number of times, same servers.
            Progress("bare chain");
            var bare = await BareChainAsync(dbUrl, redis, fakes, sequential);
            var specChain = await SpecChainAsync(dbUrl, redis, fakes, sequential);

            // The pools at the open loop's size before it is measured (not measured): the sequential phase used three or four
            // connections, and each connection the open loop opens plans every statement it runs once more — 200–250 plans
            // in its first second, that second's p99 ~100 ms (BENCHMARKS.md, "The open loop measured on warm pools").
            // Registered doctors of their own, so the open loop's are still first messages.
            Progress("open loop warm-up");
            var warmOpen = new Runner(http, fakes, "55519");
            var warmOpenClock = Stopwatch.StartNew();
            var warmOpenPending = new List<Task<double>>();
            for (var i = 0; i < Math.Min(rate * OpenWarmUpSeconds, rate * seconds); i++)
            {
                var wait = TimeSpan.FromSeconds((double)i / rate) - warmOpenClock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                warmOpenPending.Add(warmOpen.OneAsync(i, timeout: TimeSpan.FromSeconds(120)));
            }
            var warmOpenLatencies = (await Task.WhenAll(warmOpenPending)).Where(ms => !double.IsNaN(ms)).ToList();

            // 3. Open loop: a message every 1/rate s for `seconds`, whatever happened to the earlier ones.
            Progress("open loop");
            await ResetStatementsAsync(dbUrl);
            var open = new Runner(http, fakes, "55419");
            var cpuOpen = Process.GetCurrentProcess().TotalProcessorTime;
            var gcBefore = (Pause: GC.GetTotalPauseDuration(), Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2));
            var total = rate * seconds;
            var pending = new List<Task<double>>(total);
            var clock = Stopwatch.StartNew();
            var sampler = new SecondSampler(dbUrl, clock);
            var rss = new List<long>();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero) await Task.Delay(wait);
                pending.Add(open.OneAsync(i, timeout: TimeSpan.FromSeconds(120)));
                if (i % rate == 0) rss.Add(Environment.WorkingSet);
            }
            var sendSeconds = clock.Elapsed.TotalSeconds;
            var openLatencies = (await Task.WhenAll(pending)).ToList();
            var drained = clock.Elapsed.TotalSeconds;
            await sampler.DisposeAsync();
            var cpuPerMessage = (Process.GetCurrentProcess().TotalProcessorTime - cpuOpen).TotalMilliseconds / total;
            var gcOpen = $"{GC.CollectionCount(0) - gcBefore.Gen0} gen0, {GC.CollectionCount(1) - gcBefore.Gen1} gen1, {GC.CollectionCount(2) - gcBefore.Gen2} gen2, paused {(GC.GetTotalPauseDuration() - gcBefore.Pause).TotalMilliseconds:F0} ms in all";
            // Where the tail comes from: the seconds (by send time) with the highest p99.
            var slowest = string.Join("; ", openLatencies.Select((ms, i) => (Second: i / rate, Ms: ms)).Where(x => !double.IsNaN(x.Ms))
                .GroupBy(x => x.Second).Select(g => (g.Key, P99: Percentile([.. g.Select(x => x.Ms)], 99), P50: Percentile([.. g.Select(x => x.Ms)], 50)))
                .OrderByDescending(g => g.P99).Take(3).Select(g => $"\n    second {g.Key}: p50 {g.P50:F0} ms, p99 {g.P99:F0} ms; {sampler.Describe(g.Key)}"));
            var planning = await PlanningAsync(dbUrl);
            await Task.Delay(TimeSpan.FromSeconds(2)); // anything sent twice shows up now
            var lost = openLatencies.Count(double.IsNaN);
            openLatencies.RemoveAll(double.IsNaN);

            // 4. Ingest: 16 clients posting webhooks as fast as they are answered, against pgbench's one-row inserts.
            Progress("ingest");
            var ingest = await IngestAsync(http, clients: 16, TimeSpan.FromSeconds(10));

            // pgbench runs with Júlia stopped: the turns of the ingest's messages would otherwise still be running under it.
            await app.StopAsync();
            stopped = true;
            var pgbench = PgBench(dbUrl, clients: 4, seconds: 10);
            var tps = double.TryParse(pgbench.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : double.NaN;

            Console.WriteLine($"end to end (webhook → sendText), HUMANIZAR=false, fakes on loopback, MAX_WORKERS default; registered doctors, first message of a conversation");
            Console.WriteLine($"  warm-up: {warmed} messages; compiled by the JIT during the sequential phase: {jitDuring}");
            Print("sequential", seqLatencies, $"{sequential} messages");
            Print("ongoing", ongoingLatencies, $"{sequential} messages: a doctor's second, 20 ms after his first was answered");
            Print("bare chain", bare, "INSERT+COMMIT, Redis GET, HTTP model, INSERT+COMMIT, HTTP evolution");
            PrintSpecChain(specChain, bare);
            Print("open warm-up", warmOpenLatencies, $"not in the open loop: {warmOpenLatencies.Count} messages at {rate}/s on pools of the sequential phase's size");
            Print($"open loop {rate}/s", openLatencies, $"{total} messages over {sendSeconds:F0} s");
            Console.WriteLine($"  open loop: lost {lost}, duplicated {fakes.DuplicatesOf("55419")}; all {total - lost} answered {drained:F0} s after the first was sent ({(total - lost) / drained:F0} replies/s)");
            Console.WriteLine($"  open loop, GC in this process: {gcOpen}; {sampler.Summary()}; slowest seconds (by send time, what was running then):{slowest}");
            Console.WriteLine($"  planning during the open loop (pg_stat_statements, by total planning time):\n{planning}");
            Console.WriteLine($"  CPU of this process (host + fakes + load generator) per message: sequential {cpuSequential:F1} ms, open loop {cpuPerMessage:F1} ms; MAX_WORKERS {Environment.GetEnvironmentVariable("MAX_WORKERS") ?? "4"}");
            Console.WriteLine($"  p50 ratio sequential / bare: {Percentile(seqLatencies, 50) / Percentile(bare, 50):F1}×, own time {Percentile(seqLatencies, 50) - Percentile(bare, 50):F1} ms; ongoing / bare: {Percentile(ongoingLatencies, 50) / Percentile(bare, 50):F1}×, own time {Percentile(ongoingLatencies, 50) - Percentile(bare, 50):F1} ms");
            Console.WriteLine($"  per message (sequential): {perMessage}");
            Console.WriteLine($"    the same statements in PostgreSQL (pg_stat_statements; a batch is one line per statement, BEGIN/SET/COMMIT apart):\n{serverSide}");
            Console.WriteLine($"  pgbench one-row INSERT, 4 clients: {pgbench}");
            Console.WriteLine($"  webhook ingest, 16 clients (durable, deduplicated 200s; turns running in the same process): {ingest:F0} accepted/s, {ingest / tps:P0} of pgbench (bench/run.sh ingest: the webhook path alone)");
            Console.WriteLine($"  timings recorded by Júlia (sequential phase and before):\n{spans}");
            timeline?.Print();
            Console.WriteLine($"  RSS during the open loop: max {rss.DefaultIfEmpty().Max() / 1024 / 1024} MB (this process: host + fakes + load generator)");
            }
            finally { if (!stopped) await app.StopAsync(); }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin.ConnectionString);
            await c.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    internal static ConfigurationOptions RedisOptions(string url)
    {
        var uri = new Uri(url);
        var options = ConfigurationOptions.Parse($"{uri.Host}:{uri.Port}");
        options.AllowAdmin = true; // INFO, to count commands
        if (int.TryParse(uri.AbsolutePath.Trim('/'), out var db)) options.DefaultDatabase = db;
        return options;
    }

    /// <summary>The SPEC's own chain against the bare chain: the floor of "p50 ≤ 2× the bare chain" for any implementation.</summary>
    internal static void PrintSpecChain(List<double> specChain, List<double> bare)
    {
        Print("SPEC chain, bare", specChain, "webhook HTTP [Redis GET, INSERT+COMMIT, 200], SELECT, Redis SET NX, HTTP model, INSERT+COMMIT, HTTP evolution");
        Console.WriteLine($"  SPEC chain / bare chain p50: {Percentile(specChain, 50) / Percentile(bare, 50):F1}× with no Júlia code (the goal is ≤ 2× for Júlia)");
    }

    static void Print(string name, List<double> ms, string what) =>
        Console.WriteLine($"  {name,-16} p50 {Percentile(ms, 50),7:F1} ms  p95 {Percentile(ms, 95),7:F1} ms  p99 {Percentile(ms, 99),7:F1} ms  ({what})");

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    internal static async Task<List<double>> BareChainAsync(string dbUrl, ConnectionMultiplexer redis, Fakes fakes, int count)
    {
        await using var source = NpgsqlDataSource.Create(dbUrl);
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_chain (id bigserial PRIMARY KEY, medico text, texto text, criado_em timestamptz DEFAULT now())");
        using var client = new HttpClient();
        var db = redis.GetDatabase();
        var latencies = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await using (var c = await source.OpenConnectionAsync())
                await c.ExecuteAsync("INSERT INTO bench_chain (medico, texto) VALUES (@m, 'oi')", new { m = $"55519{i:D8}" });
            await db.StringGetAsync($"medico:bench:{i}");
            using (var r = await client.PostAsync($"{fakes.AnthropicUrl}/v1/messages", new StringContent("{}", Encoding.UTF8, "application/json"))) await r.Content.ReadAsStringAsync();
            await using (var c = await source.OpenConnectionAsync())
                await c.ExecuteAsync("INSERT INTO bench_chain (medico, texto) VALUES (@m, 'resposta')", new { m = $"55519{i:D8}" });
            using (var r = await client.PostAsync($"{fakes.EvolutionUrl}/message/sendText/bare", new StringContent("""{"number":"0"}""", Encoding.UTF8, "application/json"))) await r.Content.ReadAsStringAsync();
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        return latencies;
    }

    /// <summary>
    /// The round trips the SPEC's flow itself needs, replayed bare (no Júlia code): the webhook's HTTP request to a
    /// minimal endpoint that reads the doctor's cache key (Redis GET) and commits the message durably (INSERT+COMMIT)
    /// before its 200; then, as a turn, one state read (SELECT), the conversation lock (Redis SET NX), the model (HTTP),
    /// the durable reply (INSERT+COMMIT) and sendText (HTTP). Eight dependent round trips against the bare chain's five:
    /// what no implementation of that flow can go below on these servers (BENCHMARKS.md, "The SPEC's chain, bare").
    /// </summary>
    internal static async Task<List<double>> SpecChainAsync(string dbUrl, ConnectionMultiplexer redis, Fakes fakes, int count)
    {
        await using var source = NpgsqlDataSource.Create(dbUrl);
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_chain (id bigserial PRIMARY KEY, medico text, texto text, criado_em timestamptz DEFAULT now())");
        var db = redis.GetDatabase();
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        app.MapPost("/webhook", async (Microsoft.AspNetCore.Http.HttpRequest request) =>
        {
            var body = await System.Text.Json.JsonDocument.ParseAsync(request.Body);
            var phone = body.RootElement.GetProperty("n").GetString()!;
            await db.StringGetAsync($"medico:telefone:{phone}");
            await using (var c = await source.OpenConnectionAsync())
                await c.ExecuteAsync("INSERT INTO bench_chain (medico, texto) VALUES (@phone, 'oi')", new { phone });
            return Microsoft.AspNetCore.Http.Results.Json(new { status = "received" });
        });
        await app.StartAsync();
        var url = app.Urls.First();
        using var client = new HttpClient();
        var latencies = new List<double>(count);
        for (var i = 0; i < count + 50; i++)
        {
            var phone = $"55529{i:D8}";
            var started = Stopwatch.GetTimestamp();
            using (var r = await client.PostAsync($"{url}/webhook", new StringContent($$"""{"n":"{{phone}}"}""", Encoding.UTF8, "application/json")))
                await r.Content.ReadAsStringAsync();
            await using (var c = await source.OpenConnectionAsync())
                await c.ExecuteScalarAsync<long?>("SELECT max(id) FROM bench_chain WHERE medico = @phone", new { phone });
            await db.StringSetAsync($"lock:bench:{phone}", "1", TimeSpan.FromSeconds(120), When.NotExists);
            using (var r = await client.PostAsync($"{fakes.AnthropicUrl}/v1/messages", new StringContent("{}", Encoding.UTF8, "application/json"))) await r.Content.ReadAsStringAsync();
            await using (var c = await source.OpenConnectionAsync())
                await c.ExecuteAsync("INSERT INTO bench_chain (medico, texto) VALUES (@phone, 'resposta')", new { phone });
            using (var r = await client.PostAsync($"{fakes.EvolutionUrl}/message/sendText/bare", new StringContent("""{"number":"0"}""", Encoding.UTF8, "application/json"))) await r.Content.ReadAsStringAsync();
            if (i >= 50) latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds); // the first 50 warm the endpoint's JIT
        }
        await app.StopAsync();
        return latencies;
    }

    /// <summary>Where each client of a prefix goes on in its 1 000 numbers: a later call with the same prefix (after a warm-up) meets the doctors already registered first.</summary>
    static readonly ConcurrentDictionary<(string Prefix, int Client), int> NextNumber = new();

    /// <summary>How many webhooks this client of the prefix has sent so far (from 1 000 on, every number of it was used).</summary>
    internal static int Sent(string prefix, int client) => NextNumber.GetValueOrDefault((prefix, client));

    /// <param name="group">Sent from a group (…@g.us): read, parsed and ignored, nothing stored.</param>
    /// <summary>Where the run is, on stderr as it happens (the results come at the end), for a profiler to start on.</summary>
    /// <summary>Forgets what this database's statements did so far (pg_stat_statements of this database only).</summary>
    static async Task ResetStatementsAsync(string dbUrl)
    {
        await using var c = new NpgsqlConnection(dbUrl);
        await c.ExecuteAsync("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)");
    }

    /// <summary>
    /// What PostgreSQL itself spent per statement since <see cref="ResetStatementsAsync"/> (execution and planning, mean
    /// per call), beside the client's times above: the difference is the round trip, the commit's WAL flush (counted in
    /// COMMIT's line), and the client.
    /// </summary>
    static async Task<string> ServerTimesAsync(string dbUrl, int messages)
    {
        await using var c = new NpgsqlConnection(dbUrl);
        var rows = await c.QueryAsync<(string Query, long Calls, double ExecMs, double PlanMs)>("""
            SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 60), calls, mean_exec_time, mean_plan_time
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
              AND query NOT LIKE '%pg_stat_statements%'
            ORDER BY total_exec_time + total_plan_time DESC LIMIT 12
            """);
        return string.Join("\n", rows.Select(r =>
            $"    {(double)r.Calls / messages,4:F1}×  exec {r.ExecMs,5:F2} ms  plan {r.PlanMs,5:F2} ms  {r.Query}"));
    }

    /// <summary>
    /// The statements PostgreSQL planned most since <see cref="ResetStatementsAsync"/>: a plan invalidated by an ANALYZE is
    /// made again on every pooled connection that runs the statement, so this is where an autovacuum second's CPU goes.
    /// </summary>
    static async Task<string> PlanningAsync(string dbUrl)
    {
        await using var c = new NpgsqlConnection(dbUrl);
        var rows = await c.QueryAsync<(string Query, long Calls, long Plans, double MeanMs, double TotalMs)>("""
            SELECT left(regexp_replace(query, '\s+', ' ', 'g'), 70), calls, plans, mean_plan_time, total_plan_time
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND plans > 0
            ORDER BY total_plan_time DESC LIMIT 8
            """);
        return string.Join("\n", rows.Select(r => $"    {r.Plans,5} plans of {r.Calls,6} calls, {r.MeanMs,5:F2} ms each, {r.TotalMs,7:F0} ms in all  {r.Query}"));
    }

    /// <summary>How long the pools are warmed at the open loop's rate before it is measured.</summary>
    const int OpenWarmUpSeconds = 5;

    internal static void Progress(string phase) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {phase}");

    internal static async Task<double> IngestAsync(HttpClient http, int clients, TimeSpan duration, string prefix = "55619", bool group = false)
    {
        var accepted = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async client =>
        {
            for (var i = NextNumber.GetValueOrDefault((prefix, client)); clock.Elapsed < duration; i++)
            {
                NextNumber[(prefix, client)] = i + 1;
                var body = Webhook($"{prefix}{client:D2}{i % 1000:D6}", "oi", group);
                using var response = await http.PostAsync($"/webhook/evolution?token={Token}", new StringContent(body, Encoding.UTF8, "application/json"));
                if (response.IsSuccessStatusCode) Interlocked.Increment(ref accepted);
            }
        }));
        return accepted / clock.Elapsed.TotalSeconds;
    }

    /// <summary>pgbench (PGBENCH, set by bench/run.sh) inserting one row per transaction into a scratch table.</summary>
    internal static string PgBench(string dbUrl, int clients, int seconds)
    {
        var pgbench = Environment.GetEnvironmentVariable("PGBENCH");
        if (string.IsNullOrEmpty(pgbench) || !File.Exists(pgbench)) return "not run (no PGBENCH)";
        var csb = new NpgsqlConnectionStringBuilder(dbUrl);
        var script = Path.GetTempFileName();
        File.WriteAllText(script, "INSERT INTO bench_chain (medico, texto) VALUES ('pgbench', 'x');\n");
        var info = new ProcessStartInfo(pgbench) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-n", "-h", csb.Host!, "-p", csb.Port.ToString(), "-U", csb.Username ?? "postgres", "-c", clients.ToString(), "-j", "2",
                     "-T", seconds.ToString(), "-f", script, csb.Database! }) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(script);
        var tps = System.Text.RegularExpressions.Regex.Match(output, @"tps = ([\d.]+)");
        return tps.Success ? $"{tps.Groups[1].Value} tps" : "failed: " + output.Trim();
    }

    /// <summary>Sends one doctor's message and waits for the reply at the fake Evolution.</summary>
    internal sealed class Runner(HttpClient http, Fakes fakes, string prefix)
    {
        /// <param name="next">A later message of the same doctor: waits for a new reply, not the first one.</param>
        public async Task<double> OneAsync(int i, TimeSpan? timeout = null, List<double>? webhookMs = null, bool next = false)
        {
            var phone = $"{prefix}{i:D8}";
            var reply = next ? fakes.ExpectNext(phone) : fakes.Expect(phone);
            var body = Webhook(phone, "Oi, tem plantão essa semana?");
            var started = Stopwatch.GetTimestamp();
            using (var response = await http.PostAsync($"/webhook/evolution?token={Token}", new StringContent(body, Encoding.UTF8, "application/json")))
                if (!response.IsSuccessStatusCode) return double.NaN;
            webhookMs?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            var done = await Task.WhenAny(reply, Task.Delay(timeout ?? TimeSpan.FromSeconds(30)));
            return done == reply ? Stopwatch.GetElapsedTime(started, await reply).TotalMilliseconds : double.NaN;
        }
    }

    static readonly Lazy<string> WebhookFixture = new(() =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", "webhook-messages-upsert-text.json")));

    internal static string Webhook(string phone, string text, bool group = false)
    {
        var body = JsonNode.Parse(WebhookFixture.Value)!.AsObject();
        var data = body["data"]!.AsObject();
        var key = data["key"]!.AsObject();
        key["remoteJid"] = group ? $"{phone}-1600000000@g.us" : $"{phone}@s.whatsapp.net";
        key.Remove("remoteJidAlt");
        key["id"] = Guid.NewGuid().ToString("N").ToUpperInvariant();
        data["pushName"] = "Dra. Bench";
        data["message"] = new JsonObject { ["conversation"] = text };
        data["messageTimestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return body.ToJsonString();
    }

    /// <summary>SQL statements (Npgsql's activity source), Redis commands (server INFO) and HTTP calls per message.</summary>
    /// <summary>
    /// SQL statements (Npgsql's activities), Redis commands (INFO stats) and calls to the fakes over a phase. A statement
    /// is only queued when its activity stops — it stops on Júlia's path, inside the reader's dispose — and summarised
    /// when the phase is printed: splitting every statement's text there cost ~3 % of this process's CPU and sat on
    /// the path being measured (BENCHMARKS.md, "The bench's own statement counter…").
    /// </summary>
    internal sealed class RoundTripCounter(ConnectionMultiplexer redis)
    {
        readonly ConcurrentQueue<(object? Text, double Ms)> stopped = new();
        readonly Dictionary<string, (int Count, double Ms)> statements = [];
        ActivityListener? listener;
        long redisBefore, modelBefore, evolutionBefore;

        public void Start(Fakes fakes)
        {
            modelBefore = fakes.ModelCalls;
            evolutionBefore = fakes.EvolutionCalls;
            listener = new ActivityListener
            {
                ShouldListenTo = s => s.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = a => stopped.Enqueue((a.GetTagItem("db.query.text") ?? a.GetTagItem("db.statement") ?? a.DisplayName, a.Duration.TotalMilliseconds)),
            };
            ActivitySource.AddActivityListener(listener);
            redisBefore = RedisCommands();
        }

        /// <summary>Moves what stopped since the last call into the per-statement totals (off the measured path).</summary>
        int Drain()
        {
            var count = 0;
            while (stopped.TryDequeue(out var s))
            {
                count++;
                var key = Summary(s.Text?.ToString());
                var (n, ms) = statements.GetValueOrDefault(key);
                statements[key] = (n + 1, ms + s.Ms);
            }
            return count;
        }

        /// <summary>Mean time of the statements whose text starts with <paramref name="prefix"/>.</summary>
        public double MeanMs(string prefix)
        {
            Drain();
            var matching = statements.Where(k => k.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(k => k.Value).ToList();
            var count = matching.Sum(v => v.Count);
            return count == 0 ? double.NaN : matching.Sum(v => v.Ms) / count;
        }

        public void Reset()
        {
            Drain();
            statements.Clear();
        }

        public string Stop(int messages, Fakes fakes)
        {
            listener?.Dispose();
            Drain();
            var sql = statements.Values.Sum(v => v.Count);
            var redisCommands = RedisCommands() - redisBefore - 1; // the INFO itself
            var top = string.Join("\n    ", statements.OrderByDescending(s => s.Value.Ms).Take(16)
                .Select(s => $"{s.Value.Count / (double)messages:F1}× {s.Value.Ms / s.Value.Count,6:F2} ms  {s.Key}"));
            return $"{sql / (double)messages:F1} SQL statements, {redisCommands / (double)messages:F1} Redis commands, " +
                   $"{(fakes.ModelCalls - modelBefore) / (double)messages:F1} model calls, {(fakes.EvolutionCalls - evolutionBefore) / (double)messages:F1} Evolution calls\n    statements (count per message, mean time, by total time):\n    {top}";
        }

        long RedisCommands()
        {
            var server = redis.GetServer(redis.GetEndPoints()[0]);
            var stats = server.Info("stats").SelectMany(g => g).First(kv => kv.Key == "total_commands_processed");
            return long.Parse(stats.Value);
        }

        internal static string Summary(string? sql, int length = 60)
        {
            if (string.IsNullOrWhiteSpace(sql)) return "?";
            var flat = string.Join(' ', sql.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
            return flat.Length > length ? flat[..length] : flat;
        }
    }

    /// <summary>Fake Evolution (sendText, connectionState, presence) and fake Anthropic (an instant text reply).</summary>
    internal sealed class Fakes : IAsyncDisposable
    {
        readonly WebApplication app;
        readonly ConcurrentDictionary<string, TaskCompletionSource<long>> expected = new();
        readonly ConcurrentDictionary<string, int> sends = new();
        int modelCalls, evolutionCalls;

        /// <summary>Sees each model request body (ModelCallBench).</summary>
        public Action<string>? OnModelRequest { get; set; }
        public string EvolutionUrl { get; private set; } = "";
        public string AnthropicUrl => EvolutionUrl;
        public int ModelCalls => modelCalls;
        public int EvolutionCalls => evolutionCalls;
        public int SendCount => sends.Values.Sum();
        /// <summary>Numbers of this prefix that got more than one sendText (each of them sent one message).</summary>
        public int DuplicatesOf(string prefix) => sends.Count(p => p.Key.StartsWith(prefix, StringComparison.Ordinal) && p.Value > 1);

        Fakes(WebApplication app) => this.app = app;

        public static async Task<Fakes> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var fakes = new Fakes(app);
            var fixtures = Path.Combine(AppContext.BaseDirectory, "fixtures");
            var modelReply = JsonNode.Parse(File.ReadAllText(Path.Combine(fixtures, "anthropic", "response-text.json")))!.AsObject();
            modelReply["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = "Oi! Tenho sim, quer que eu veja as vagas da sua especialidade?" });
            var modelJson = modelReply.ToJsonString();
            app.MapPost("/v1/messages", async (HttpRequest request) =>
            {
                Interlocked.Increment(ref fakes.modelCalls);
                if (fakes.OnModelRequest is { } capture) capture(await new StreamReader(request.Body).ReadToEndAsync());
                return Results.Text(modelJson, "application/json");
            });
            // The Models API Júlia asks once per configured model at start-up: without it every bench run logged two ERROR
            // "modelo indisponível" lines (a 404) that are no part of what is measured.
            app.MapGet("/v1/models/{id}", (string id) => Results.Json(new { type = "model", id, display_name = id, created_at = "2025-10-01T00:00:00Z" }));
            app.MapPost("/message/sendText/{instance}", async (HttpRequest request) =>
            {
                Interlocked.Increment(ref fakes.evolutionCalls);
                var at = Stopwatch.GetTimestamp();
                var body = await JsonNode.ParseAsync(request.Body);
                var number = (body?["number"]?.GetValue<string>() ?? "").Split('@')[0];
                if (request.RouteValues["instance"] as string == "bare") return Results.Json(new { key = new { id = "bare" } }, statusCode: 201);
                fakes.sends.AddOrUpdate(number, 1, (_, n) => n + 1);
                if (fakes.expected.TryGetValue(number, out var waiting)) waiting.TrySetResult(at);
                return Results.Json(new { key = new { remoteJid = $"{number}@s.whatsapp.net", fromMe = true, id = Guid.NewGuid().ToString("N") }, status = "PENDING" }, statusCode: 201);
            });
            app.MapPost("/chat/sendPresence/{instance}", () => { Interlocked.Increment(ref fakes.evolutionCalls); return Results.Json(new { presence = "composing" }, statusCode: 201); });
            app.MapGet("/instance/connectionState/{instance}", () => Results.Json(new { instance = new { instanceName = "julia", state = "open" } }));
            await app.StartAsync();
            fakes.EvolutionUrl = app.Urls.First();
            return fakes;
        }

        public Task<long> Expect(string phone) =>
            expected.GetOrAdd(phone, _ => new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        /// <summary>The next reply to a number whose earlier reply came already.</summary>
        public Task<long> ExpectNext(string phone)
        {
            var next = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            expected[phone] = next;
            return next.Task;
        }

        public static int FreePort()
        {
            using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            l.Start();
            return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
