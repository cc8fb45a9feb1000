// Cost as data grows (issue #12): webhook p50, the turn's first batch (history included) and the reply queued and
// claimed (the hand-off statement) with 10k doctors / 100k interacoes, then with 100k doctors / 1M interacoes / 1M sent
// queue rows, on the same database and host.
// Usage: bench/run.sh escala [messages per level]
using System.Diagnostics;
using System.Text;
using Dapper;
using Julia.Host;
using Julia.Infrastructure.Hosting;
using Npgsql;
using StackExchange.Redis;

internal static class ScaleBench
{
    public static async Task RunAsync(NpgsqlConnectionStringBuilder admin, string redisUrl, int messages)
    {
        var database = $"julia_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var c = new NpgsqlConnection(admin.ConnectionString)) await c.ExecuteAsync($"CREATE DATABASE {database}");
        var dbUrl = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 50, CommandTimeout = 600 }.ConnectionString;
        try
        {
            await using var fakes = await EndToEndBench.Fakes.StartAsync();
            var app = JuliaHost.Build([
                $"--DATABASE_URL={dbUrl}", $"--REDIS_URL={redisUrl}", $"--EVOLUTION_URL={fakes.EvolutionUrl}", "--EVOLUTION_API_KEY=bench",
                $"--EVOLUTION_WEBHOOK_TOKEN={EndToEndBench.Token}", "--ANTHROPIC_API_KEY=bench", $"--ANTHROPIC_BASE_URL={fakes.AnthropicUrl}",
                "--HUMANIZAR=false", $"--PORT={EndToEndBench.Fakes.FreePort()}", "--LOG_LEVEL=ERROR",
            ], new HostRoleInfo(HostRole.All), new StartupFlags(false));
            await app.StartAsync();
            try
            {
                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
                var redis = await ConnectionMultiplexer.ConnectAsync(EndToEndBench.RedisOptions(redisUrl));
                var counter = new EndToEndBench.RoundTripCounter(redis);
                counter.Start(fakes);
                var levels = new List<(string Name, double Webhook, double History, double Claim, double Reply)>();
                var seeded = 0;
                foreach (var (name, doctors) in new[] { ("10k médicos, 100k interacoes", 10_000), ("100k médicos, 1M interacoes, 1M fila enviada", 100_000) })
                {
                    var watch = Stopwatch.StartNew();
                    await SeedAsync(dbUrl, seeded, doctors);
                    seeded = doctors;
                    Console.WriteLine($"seeded {name} in {watch.Elapsed.TotalSeconds:F0} s");
                    var runner = new EndToEndBench.Runner(http, fakes, "55719");
                    for (var i = 0; i < 20; i++) await runner.OneAsync(doctors - 1 - i); // warm-up
                    counter.Reset();
                    var webhook = new List<double>();
                    var reply = new List<double>();
                    for (var i = 0; i < messages; i++)
                    {
                        var n = Random.Shared.Next(0, doctors - 100); // a doctor with history
                        reply.Add(await runner.OneAsync(n, webhookMs: webhook));
                    }
                    levels.Add((name, EndToEndBench.Percentile(webhook, 50), 
                        // The history query runs inside the turn's first batch; the reply is queued and claimed with its
                        // send mark in one statement (the hand-off, docs/decisions.md#queue); the lane's claim query is
                        // EXPLAINed below.
                        counter.MeanMs("BEGIN; SET LOCAL synchronous_commit = off; UPDATE interacoes"),
                        counter.MeanMs("BEGIN; SET LOCAL synchronous_commit = on; WITH newer"),
                        EndToEndBench.Percentile(reply, 50)));
                }
                Console.WriteLine($"cost as data grows ({messages} messages per level, each from a random doctor with 10 earlier interacoes)");
                Console.WriteLine("| level | webhook p50 | turn's first batch (history included) mean | reply queued and claimed (hand-off) mean | reply p50 |");
                Console.WriteLine("|---|---|---|---|---|");
                foreach (var l in levels) Console.WriteLine($"| {l.Name} | {l.Webhook:F2} ms | {l.History:F2} ms | {l.Claim:F2} ms | {l.Reply:F1} ms |");
                Console.WriteLine($"| ratio | {levels[1].Webhook / levels[0].Webhook:F2}× | {levels[1].History / levels[0].History:F2}× | {levels[1].Claim / levels[0].Claim:F2}× | {levels[1].Reply / levels[0].Reply:F2}× |");
                await ExplainAsync(dbUrl);
            }
            finally { await app.StopAsync(); }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin.ConnectionString);
            await c.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    /// <summary>Doctors [from, to) with a closed conversation each, 10 interacoes each and 10 sent queue rows each.</summary>
    internal static async Task SeedAsync(string dbUrl, int from, int to)
    {
        await using var c = new NpgsqlConnection(dbUrl);
        await c.ExecuteAsync("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, stage_jornada)
            SELECT '55719' || lpad(n::text, 8, '0'), '55719' || lpad(n::text, 8, '0') || '@s.whatsapp.net', 'Bench', 'respondeu'
            FROM generate_series(@from, @to - 1) n;
            INSERT INTO conversations (medico_id, status, created_at)
            SELECT id, 'completed', now() - interval '30 days' FROM medicos WHERE telefone >= '55719' || lpad(@from::text, 8, '0')
              AND telefone < '55719' || lpad(@to::text, 8, '0');
            INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, processado_em, created_at)
            SELECT c.medico_id, c.id, CASE WHEN k % 2 = 0 THEN 'entrada' ELSE 'saida' END, CASE WHEN k % 2 = 0 THEN 'medico' ELSE 'julia' END,
                   CASE WHEN k % 2 = 0 THEN 'whatsapp' ELSE 'fila:resposta' END, 'mensagem antiga ' || k, now() - interval '30 days',
                   now() - interval '30 days' + k * interval '1 minute'
            FROM conversations c JOIN medicos m ON m.id = c.medico_id, generate_series(1, 10) k
            WHERE m.telefone >= '55719' || lpad(@from::text, 8, '0') AND m.telefone < '55719' || lpad(@to::text, 8, '0');
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, status, enviada_em, created_at)
            SELECT c.medico_id, c.id, 'resposta', 'antiga', 10, 'enviada', now() - interval '30 days', now() - interval '30 days'
            FROM conversations c JOIN medicos m ON m.id = c.medico_id, generate_series(1, 10) k
            WHERE m.telefone >= '55719' || lpad(@from::text, 8, '0') AND m.telefone < '55719' || lpad(@to::text, 8, '0');
            """, new { from, to }, commandTimeout: 1200);
        // Steady state before measuring: no autovacuum or checkpoint of the bulk load running under the messages.
        await c.ExecuteAsync("VACUUM (ANALYZE) medicos, conversations, interacoes, fila_mensagens", commandTimeout: 1200);
        await c.ExecuteAsync("CHECKPOINT", commandTimeout: 1200, commandType: System.Data.CommandType.Text);
    }

    static async Task ExplainAsync(string dbUrl)
    {
        await using var c = new NpgsqlConnection(dbUrl);
        var medico = await c.ExecuteScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = '5571900050000'");
        Console.WriteLine("\nEXPLAIN (ANALYZE, BUFFERS) at the large level:");
        foreach (var (name, sql) in new[]
        {
            ("history", $"""
                SELECT direcao, autor_tipo, conteudo FROM (SELECT direcao, autor_tipo, conteudo, created_at, id FROM interacoes
                WHERE medico_id = '{medico}' AND conteudo IS NOT NULL AND NOT (direcao = 'entrada' AND (processado_em IS NULL OR id >= 9223372036854775807))
                ORDER BY created_at DESC, id DESC LIMIT 20) recent ORDER BY created_at, id
                """),
            ("claim (candidates)", """
                SELECT q.id FROM fila_mensagens q WHERE q.status = 'pendente' AND q.agendar_para <= now() AND q.tipo = ANY('{resposta,sistema}')
                  AND NOT EXISTS (SELECT 1 FROM fila_mensagens p WHERE q.lote_id IS NOT NULL AND p.lote_id = q.lote_id AND p.sequencia < q.sequencia
                                  AND p.status IN ('pendente', 'processando'))
                ORDER BY q.prioridade DESC, q.agendar_para, q.created_at FOR UPDATE SKIP LOCKED LIMIT 16
                """),
            ("doctor by phone", "SELECT id FROM medicos WHERE telefone = '5571900050000' AND deleted_at IS NULL"),
            ("pending inbound of a doctor", $"SELECT EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = '{medico}' AND i.direcao = 'entrada' AND i.processado_em IS NULL)"),
        })
        {
            var plan = await c.QueryAsync<string>("EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + sql);
            Console.WriteLine($"-- {name}\n" + string.Join("\n", plan));
        }
    }
}
