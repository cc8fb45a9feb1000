// Retention under load (issue #10): delete N old `interacoes` (default 1 000 000) with the retention job while the
// Evolution webhook path runs, and compare the webhook's p99 with the same load when idle.
// Usage: bench/run.sh retencao [rows]
using System.Diagnostics;
using System.Text;
using Dapper;
using Julia.Host;
using Julia.Infrastructure.Hosting;
using Julia.Maintenance;
using Npgsql;

internal static class RetentionBench
{
    public static async Task RunAsync(NpgsqlConnectionStringBuilder admin, string redisUrl, int rows)
    {
        var database = $"julia_bench_ret_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var c = new NpgsqlConnection(admin.ConnectionString)) await c.ExecuteAsync($"CREATE DATABASE {database}");
        var dbUrl = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 50 }.ConnectionString;
        // Redis database 15 is the benchmarks' own: a previous run's cached doctors belong to a dropped database.
        using (var mux = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(RedisConfiguration(redisUrl)))
            await mux.GetServers()[0].FlushDatabaseAsync(mux.GetDatabase().Database);
        var port = FreePort();
        var app = JuliaHost.Build([
            $"--DATABASE_URL={dbUrl}", $"--REDIS_URL={redisUrl}", "--HUMANIZAR=false", $"--PORT={port}", "--LOG_LEVEL=ERROR",
            "--Jobs:Scheduler=false", "--MAX_WORKERS=4",
        ], new HostRoleInfo(HostRole.Api), new StartupFlags(false));
        await app.StartAsync();
        await using var source = NpgsqlDataSource.Create(dbUrl);

        var seeding = Stopwatch.StartNew();
        await using (var c = await source.OpenConnectionAsync())
        {
            await c.ExecuteAsync("INSERT INTO medicos (id, telefone, origem) VALUES ('00000000-0000-0000-0000-0000000be001', '5511900000001', 'import')");
            await c.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em)
                SELECT '00000000-0000-0000-0000-0000000be001', 'entrada', 'texto', 'medico', 'whatsapp', 'mensagem antiga ' || g,
                       now() - interval '120 days' - (g || ' seconds')::interval, now() - interval '120 days' - (g || ' seconds')::interval
                FROM generate_series(1, @rows) g
                """, new { rows }, commandTimeout: 600);
            await c.ExecuteAsync("VACUUM ANALYZE interacoes", commandTimeout: 600);
        }
        Console.WriteLine($"seeded {rows} old interacoes in {seeding.Elapsed.TotalSeconds:F1} s");

        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await LoadAsync(http, TimeSpan.FromSeconds(10), () => false, "warmup"); // JIT, pools, first turns: not measured
        var idle = await LoadAsync(http, TimeSpan.FromSeconds(30), () => false, "idle");

        var runner = app.Services.GetRequiredService<RetentionRunner>();
        var retention = Stopwatch.StartNew();
        var job = Task.Run(() => runner.RunAsync(dryRun: false, null, CancellationToken.None));
        var during = await LoadAsync(http, TimeSpan.FromMinutes(30), () => job.IsCompleted, "retention");
        var counts = await job;
        retention.Stop();

        Console.WriteLine($"webhook idle:             {Describe(idle)}");
        Console.WriteLine($"webhook during retention: {Describe(during)}");
        Console.WriteLine($"p99 ratio (during / idle): {Percentile(during, 0.99) / Percentile(idle, 0.99):F2}");
        var deleted = counts.Sum(c => c.Deleted);
        Console.WriteLine($"retention: {deleted} rows deleted in {retention.Elapsed.TotalSeconds:F1} s ({deleted / retention.Elapsed.TotalSeconds:F0} rows/s)");
        foreach (var c in counts) Console.WriteLine($"  {c.Name}: {c.Deleted}");

        await app.StopAsync();
        NpgsqlConnection.ClearAllPools();
        await using (var c = new NpgsqlConnection(admin.ConnectionString)) await c.ExecuteAsync($"DROP DATABASE {database} WITH (FORCE)");
    }

    /// <summary>4 senders posting text webhooks from 400 doctors, each waiting for its answer; latency of every request.</summary>
    static async Task<List<double>> LoadAsync(HttpClient http, TimeSpan max, Func<bool> stop, string label)
    {
        var latencies = new List<double>();
        var deadline = DateTime.UtcNow + max;
        var n = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async sender =>
        {
            while (DateTime.UtcNow < deadline && !stop())
            {
                var i = Interlocked.Increment(ref n);
                var phone = $"55119{(100 + i % 400):D8}";
                var body = "{\"event\":\"messages.upsert\",\"instance\":\"julia\",\"data\":{\"key\":{\"remoteJid\":\"" + phone +
                    "@s.whatsapp.net\",\"fromMe\":false,\"id\":\"BENCH" + label + i + "\"},\"pushName\":\"Bench\",\"message\":{\"conversation\":\"oi, tem plantão? " +
                    i + "\"},\"messageType\":\"conversation\",\"messageTimestamp\":" + DateTimeOffset.UtcNow.ToUnixTimeSeconds() + "}}";
                var watch = Stopwatch.StartNew();
                using var response = await http.PostAsync("/webhook/evolution", new StringContent(body, Encoding.UTF8, "application/json"));
                var ms = watch.Elapsed.TotalMilliseconds;
                if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"webhook answered {(int)response.StatusCode}");
                lock (latencies) latencies.Add(ms);
            }
        }));
        return latencies;
    }

    static string Describe(List<double> l) =>
        $"{l.Count} requests, p50 {Percentile(l, 0.5):F1} ms, p95 {Percentile(l, 0.95):F1} ms, p99 {Percentile(l, 0.99):F1} ms";

    static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    static StackExchange.Redis.ConfigurationOptions RedisConfiguration(string url)
    {
        var uri = new Uri(url);
        var options = StackExchange.Redis.ConfigurationOptions.Parse($"{uri.Host}:{uri.Port}");
        options.DefaultDatabase = int.TryParse(uri.AbsolutePath.Trim('/'), out var db) ? db : 0;
        options.AllowAdmin = true;
        return options;
    }

    static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        l.Start();
        return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
    }
}
