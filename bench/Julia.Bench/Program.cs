// Dispatcher throughput (issue #5): drain N due messages to a fake Evolution on loopback with limits lifted and
// MAX_WORKERS=4, and, in the same run and database, the rate of a bare `UPDATE … SKIP LOCKED` claim loop (the ceiling).
// Usage: dotnet run -c Release --project bench/Julia.Bench -- <postgres admin url> <redis url> [messages] [evolution|sandbox]
//        … <postgres admin url> <redis url> retencao [rows]   (RetentionBench.cs)
//        … <postgres admin url> <redis url> escala [messages per level]   (ScaleBench.cs)
//        … <postgres admin url> <redis url> metricas [messages] [rounds]   (MetricsBench.cs)
//        … <postgres admin url> <redis url> e2e [sequential] [rate] [seconds]   (EndToEndBench.cs)
//        … <postgres admin url> <redis url> ingest [seconds]   (IngestBench.cs)
//        … <postgres admin url> <redis url> processo [rate] [seconds] [warm starts]   (ProcessBench.cs)
//        … modelo [calls]   (ModelCallBench.cs; no database)
using System.Diagnostics;
using Dapper;
using Julia.Host;
using Julia.Infrastructure.Hosting;
using Npgsql;

var adminUrl = args.ElementAtOrDefault(0) ?? "postgres://postgres@127.0.0.1:55432/postgres";
var redisUrl = args.ElementAtOrDefault(1) ?? "redis://127.0.0.1:56379/15";
var count = int.TryParse(args.ElementAtOrDefault(2), out var n) ? n : 20000;
var channelArg = args.ElementAtOrDefault(3) ?? "evolution"; // "sandbox": no HTTP, to see what the HTTP hop costs

Julia.Infrastructure.Configuration.ConnectionStrings.TryPostgres(adminUrl, out var admin, out _);
if (args.ElementAtOrDefault(2) == "deteccao")
{
    DetectionBench.Run(Path.Combine(AppContext.BaseDirectory, "deteccao.tsv"), int.Parse(args.ElementAtOrDefault(3) ?? "100000"));
    return;
}
if (args.ElementAtOrDefault(0) == "modelo")
{
    await ModelCallBench.RunAsync(int.Parse(args.ElementAtOrDefault(1) ?? "3000"));
    return;
}
if (args.ElementAtOrDefault(2) == "e2e")
{
    await EndToEndBench.RunAsync(admin, redisUrl, int.Parse(args.ElementAtOrDefault(3) ?? "300"),
        int.Parse(args.ElementAtOrDefault(4) ?? "100"), int.Parse(args.ElementAtOrDefault(5) ?? "60"));
    return;
}
if (args.ElementAtOrDefault(2) == "ingest")
{
    await IngestBench.RunAsync(admin, redisUrl, int.Parse(args.ElementAtOrDefault(3) ?? "20"));
    return;
}
if (args.ElementAtOrDefault(2) == "processo")
{
    await ProcessBench.RunAsync(admin, redisUrl, int.Parse(args.ElementAtOrDefault(3) ?? "100"), int.Parse(args.ElementAtOrDefault(4) ?? "60"),
        int.Parse(args.ElementAtOrDefault(5) ?? "3"));
    return;
}
if (args.ElementAtOrDefault(2) == "escala")
{
    await ScaleBench.RunAsync(admin, redisUrl, int.Parse(args.ElementAtOrDefault(3) ?? "300"));
    return;
}
if (args.ElementAtOrDefault(2) == "metricas")
{
    await MetricsBench.RunAsync(admin, redisUrl, int.Parse(args.ElementAtOrDefault(3) ?? "5000"), int.Parse(args.ElementAtOrDefault(4) ?? "3"));
    return;
}
if (args.ElementAtOrDefault(2) == "retencao")
{
    await RetentionBench.RunAsync(admin, redisUrl, int.Parse(args.ElementAtOrDefault(3) ?? "1000000"));
    return;
}
var database = $"julia_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
await using (var c = new NpgsqlConnection(admin.ConnectionString)) { await c.ExecuteAsync($"CREATE DATABASE {database}"); }
var dbUrl = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 50 }.ConnectionString;

// Fake Evolution answering sendText with the fixture's shape.
var fake = WebApplication.CreateSlimBuilder();
fake.Logging.ClearProviders();
fake.WebHost.UseUrls("http://127.0.0.1:0");
var evolution = fake.Build();
var sent = 0;
evolution.MapPost("/message/sendText/{instance}", () =>
{
    Interlocked.Increment(ref sent);
    return Results.Json(new { key = new { id = Guid.NewGuid().ToString("N"), fromMe = true }, status = "PENDING" }, statusCode: 201);
});
evolution.MapGet("/instance/connectionState/{instance}", () => Results.Json(new { instance = new { state = "open" } }));
await evolution.StartAsync();

var app = JuliaHost.Build([
    $"--DATABASE_URL={dbUrl}", $"--REDIS_URL={redisUrl}", channelArg == "sandbox" ? "--EVOLUTION_INSTANCE=julia" : $"--EVOLUTION_URL={evolution.Urls.First()}", "--EVOLUTION_API_KEY=bench",
    "--HUMANIZAR=false", "--MAX_WORKERS=4", $"--PORT={FreePort()}", "--LOG_LEVEL=ERROR", "--Queue:PollMilliseconds=50",
], new HostRoleInfo(HostRole.Api), new StartupFlags(false));
await app.StartAsync(); // migrations, then the reply dispatcher (4 loops)

await using var source = NpgsqlDataSource.Create(dbUrl);
await using (var c = await source.OpenConnectionAsync())
{
    await c.ExecuteAsync("""
        INSERT INTO medicos (telefone, whatsapp_jid) SELECT '55119' || lpad(n::text, 8, '0'), '55119' || lpad(n::text, 8, '0') || '@s.whatsapp.net'
        FROM generate_series(1, @count) n
        """, new { count });
}

// 1. The dispatcher: every message claimed, re-checked, sent over HTTP and recorded (enviada + interacoes saida).
var watch = Stopwatch.StartNew();
await using (var c = await source.OpenConnectionAsync())
    await c.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade) SELECT id, 'sistema', 'bench', 10 FROM medicos");
while (true)
{
    await using var c = await source.OpenConnectionAsync();
    if (await c.ExecuteScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE status <> 'enviada'") == 0) break;
    await Task.Delay(100);
}
var dispatcherRate = count / watch.Elapsed.TotalSeconds;
var timings = app.Services.GetRequiredService<Julia.Metrics.MetricsRecorder>().LocalSnapshot(TimeSpan.FromHours(1)).Samples;
foreach (var (op, samples) in timings.OrderBy(p => p.Key))
    Console.WriteLine($"  {op}: mean {samples.Select(x => x.Ms).DefaultIfEmpty().Average():F2} ms over the last {samples.Count} samples");
await app.StopAsync();

// 2. The ceiling: 4 loops of a bare claim + mark-sent on the same database, no HTTP, no checks.
await using (var c = await source.OpenConnectionAsync())
    await c.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade) SELECT id, 'sistema', 'teto', 10 FROM medicos");
watch.Restart();
await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
{
    await using var c = await source.OpenConnectionAsync();
    while (true)
    {
        var id = await c.QueryFirstOrDefaultAsync<Guid?>("""
            UPDATE fila_mensagens SET status = 'processando', processando_desde = now()
            WHERE id = (SELECT id FROM fila_mensagens WHERE status = 'pendente' AND agendar_para <= now()
                        ORDER BY prioridade DESC, agendar_para, created_at FOR UPDATE SKIP LOCKED LIMIT 1)
            RETURNING id
            """);
        if (id is null) break;
        await c.ExecuteAsync("UPDATE fila_mensagens SET status = 'enviada', enviada_em = now() WHERE id = @id", new { id });
    }
}));
var ceilingRate = count / watch.Elapsed.TotalSeconds;

Console.WriteLine($"messages: {count}, channel: {channelArg}, evolution sends received: {sent}");
Console.WriteLine($"dispatcher: {dispatcherRate:F0} msg/s");
Console.WriteLine($"bare SKIP LOCKED claim loop (ceiling): {ceilingRate:F0} msg/s");
Console.WriteLine($"ratio: {dispatcherRate / ceilingRate:P0}");
await evolution.StopAsync();
NpgsqlConnection.ClearAllPools();
await using (var c = new NpgsqlConnection(admin.ConnectionString)) { await c.ExecuteAsync($"DROP DATABASE {database} WITH (FORCE)"); }

static int FreePort()
{
    using var l = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
    l.Start();
    return ((System.Net.IPEndPoint)l.LocalEndpoint).Port;
}
