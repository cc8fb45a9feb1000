// What recording metrics costs (issue #13): the same run measures, with nobody listening to the Julia.* meters
// (--Metrics:Enabled=false) and with the recorder + OpenTelemetry listening (the default), alternating rounds on fresh
// databases: (1) the webhook path — 16 clients posting webhooks for 8 s (durable, deduplicated 200s) and 400 sequential
// webhooks' latency; (2) the dispatcher draining N due messages to a fake Evolution. Plus the cost of one recording.
// Usage: bench/run.sh metricas [messages] [rounds]
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Text;
using Dapper;
using Julia.Host;
using Julia.Infrastructure.Hosting;
using Microsoft.Extensions.Configuration;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;

static class MetricsBench
{
    sealed record Round(bool Metrics, double IngestPerSecond, double WebhookP50Ms, double DrainPerSecond);

    public static async Task RunAsync(NpgsqlConnectionStringBuilder admin, string redisUrl, int messages, int rounds)
    {
        var results = new List<Round>();
        await using var fakes = await EndToEndBench.Fakes.StartAsync();
        for (var r = 0; r < rounds * 2; r++)
        {
            var on = r % 2 == 1; // off, on, off, on …: drift of the machine hits both alike
            results.Add(await OneRoundAsync(admin, redisUrl, fakes, messages, on));
            var last = results[^1];
            Console.WriteLine($"  round {r + 1} metrics {(on ? "on " : "off")}: ingest {last.IngestPerSecond:F0}/s, webhook p50 {last.WebhookP50Ms:F2} ms, drain {last.DrainPerSecond:F0} msg/s");
        }

        var recordNs = RecordingCost(listening: true);
        var idleNs = RecordingCost(listening: false);
        Console.WriteLine($"metrics on vs off, {rounds} rounds each, {messages} messages drained per round, HUMANIZAR=false, fakes on loopback");
        Compare("webhook ingest, 16 clients (accepted/s)", results, x => x.IngestPerSecond, higherIsBetter: true);
        Compare("webhook p50, sequential (ms)", results, x => x.WebhookP50Ms, higherIsBetter: false);
        Compare("dispatcher drain (msg/s)", results, x => x.DrainPerSecond, higherIsBetter: true);
        Console.WriteLine($"  one recording (histogram + tag) with the recorder and OpenTelemetry listening: {recordNs:F0} ns; with nobody listening: {idleNs:F0} ns");
        Console.WriteLine($"  recordings per message: webhook 1-2 (webhook_evolution, cache_get), dispatcher ~4 (db:fila_claim, db:fila_inicio_envio, evolution_enviar, db:fila_enviada, mensagens_enviadas)");
    }

    static void Compare(string name, List<Round> rounds, Func<Round, double> value, bool higherIsBetter)
    {
        var off = rounds.Where(r => !r.Metrics).Select(value).ToList();
        var on = rounds.Where(r => r.Metrics).Select(value).ToList();
        var change = (on.Average() - off.Average()) / off.Average();
        var cost = higherIsBetter ? -change : change;
        Console.WriteLine($"  {name,-42} off {off.Average(),9:F2} (±{Spread(off):P1})  on {on.Average(),9:F2} (±{Spread(on):P1})  cost of metrics {cost:+0.0%;-0.0%}");
    }

    static double Spread(List<double> xs) => xs.Count < 2 ? 0 : (xs.Max() - xs.Min()) / 2 / xs.Average();

    static async Task<Round> OneRoundAsync(NpgsqlConnectionStringBuilder admin, string redisUrl, EndToEndBench.Fakes fakes, int messages, bool metrics)
    {
        var database = $"julia_bench_m_{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        await using (var c = new NpgsqlConnection(admin.ConnectionString)) await c.ExecuteAsync($"CREATE DATABASE {database}");
        var dbUrl = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 50 }.ConnectionString;
        try
        {
            var app = JuliaHost.Build([
                $"--DATABASE_URL={dbUrl}", $"--REDIS_URL={redisUrl}", $"--EVOLUTION_URL={fakes.EvolutionUrl}", "--EVOLUTION_API_KEY=bench",
                $"--EVOLUTION_WEBHOOK_TOKEN={EndToEndBench.Token}", "--ANTHROPIC_API_KEY=bench", $"--ANTHROPIC_BASE_URL={fakes.AnthropicUrl}",
                "--HUMANIZAR=false", $"--PORT={EndToEndBench.Fakes.FreePort()}", "--LOG_LEVEL=ERROR", "--MAX_WORKERS=4",
                "--Queue:PollMilliseconds=50", $"--Metrics:Enabled={(metrics ? "true" : "false")}",
            ], new HostRoleInfo(HostRole.All), new StartupFlags(false));
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                // Warm-up: JIT, pools.
                for (var i = 0; i < 50; i++) await PostAsync(http, $"55719{i:D8}");

                // 1. The webhook path: sequential latency, then 16 clients.
                var latencies = new List<double>();
                for (var i = 0; i < 400; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    await PostAsync(http, $"55729{i:D8}");
                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }
                var ingest = await EndToEndBench.IngestAsync(http, clients: 16, TimeSpan.FromSeconds(8));
                await WaitAsync(dbUrl, "SELECT count(*) FROM interacoes WHERE direcao = 'entrada' AND processado_em IS NULL", TimeSpan.FromSeconds(120));

                // 2. The dispatcher: N due messages to registered doctors, drained to the fake Evolution.
                await using (var c = new NpgsqlConnection(dbUrl))
                {
                    await c.ExecuteAsync("""
                        INSERT INTO medicos (telefone, whatsapp_jid) SELECT '55739' || lpad(n::text, 8, '0'), '55739' || lpad(n::text, 8, '0') || '@s.whatsapp.net'
                        FROM generate_series(1, @messages) n
                        """, new { messages });
                }
                var watch = Stopwatch.StartNew();
                await using (var c = new NpgsqlConnection(dbUrl))
                    await c.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade) SELECT id, 'sistema', 'bench', 10 FROM medicos WHERE telefone LIKE '55739%'");
                await WaitAsync(dbUrl, "SELECT count(*) FROM fila_mensagens WHERE status NOT IN ('enviada', 'erro', 'cancelada', 'bloqueada')", TimeSpan.FromMinutes(10));
                return new Round(metrics, ingest, EndToEndBench.Percentile(latencies, 50), messages / watch.Elapsed.TotalSeconds);
            }
            finally
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin.ConnectionString);
            await c.ExecuteAsync($"DROP DATABASE {database} WITH (FORCE)");
        }
    }

    static async Task PostAsync(HttpClient http, string phone)
    {
        using var response = await http.PostAsync($"/webhook/evolution?token={EndToEndBench.Token}",
            new StringContent(EndToEndBench.Webhook(phone, "oi"), Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    static async Task WaitAsync(string dbUrl, string countSql, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        await using var c = new NpgsqlConnection(dbUrl);
        while (await c.ExecuteScalarAsync<long>(countSql) > 0)
        {
            if (clock.Elapsed > limit) throw new TimeoutException(countSql);
            await Task.Delay(20);
        }
    }

    /// <summary>ns per <c>OperationMeter.Time</c> call, with the Metrics recorder and OpenTelemetry listening, or nobody.</summary>
    static double RecordingCost(bool listening)
    {
        var services = new ServiceCollection().AddMetrics().AddSingleton(TimeProvider.System)
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Metrics:Enabled"] = listening ? "true" : "false" }).Build())
            .AddSingleton<Julia.Metrics.MetricsRecorder>().AddSingleton<Julia.WhatsApp.WhatsAppMeter>().BuildServiceProvider();
        var recorder = services.GetRequiredService<Julia.Metrics.MetricsRecorder>();
        // OpenTelemetry aggregating the same meters, as the host does for /metrics.
        using var otel = listening ? Sdk.CreateMeterProviderBuilder().AddMeter("Julia.*").Build() : null;
        var meter = services.GetRequiredService<Julia.WhatsApp.WhatsAppMeter>();
        const int n = 2_000_000;
        for (var i = 0; i < 100_000; i++) meter.Time("webhook_evolution", TimeSpan.FromMilliseconds(1)); // warm-up
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            meter.Time("webhook_evolution", TimeSpan.FromMilliseconds(1));
            if (i % 1_000 == 0) recorder.Drain(); // what the flusher takes every second (without its Redis round trip)
        }
        var ns = Stopwatch.GetElapsedTime(started).TotalNanoseconds / n;
        services.Dispose();
        return ns;
    }
}
