// Webhook ingest (issue #12): 16 clients posting Evolution webhooks (durable, deduplicated 200s) to a process in the
// api role, against pgbench's one-row INSERTs with 4 clients on the same server, in the same run. Two phases: as
// deployed (the api role also runs each message's turn and reply), then with the turn runner stopped — the webhook path
// alone, as when turns fall behind. Half the senders are doctors already known, half new (first contact: doctor and
// message in one statement). Usage: bench/run.sh ingest [seconds]
using System.Diagnostics;
using Dapper;
using Julia.Host;
using Julia.Infrastructure.Hosting;
using Npgsql;
using StackExchange.Redis;

internal static class IngestBench
{
    /// <summary>8 clients writing from known numbers and 8 from new ones; accepted per second and CPU per webhook.</summary>
    static async Task<(double Rate, double CpuMs, string Statements)> PhaseAsync(HttpClient http, string dbUrl, int seconds, string knownPrefix, string newPrefix)
    {
        await ResetStatementsAsync(dbUrl);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var jit = System.Runtime.JitInfo.GetCompilationTime();
        var url = http.BaseAddress!.ToString().TrimEnd('/');
        var known = WrkLoad.Path is null ? EndToEndBench.IngestAsync(http, clients: 8, TimeSpan.FromSeconds(seconds), prefix: knownPrefix)
            : WrkLoad.RunAsync(url, connections: 8, seconds, knownPrefix, WrkLoad.Senders.Known, EndToEndBench.Token);
        var fresh = WrkLoad.Path is null ? EndToEndBench.IngestAsync(http, clients: 8, TimeSpan.FromSeconds(seconds), prefix: newPrefix)
            : WrkLoad.RunAsync(url, connections: 8, seconds, newPrefix, WrkLoad.Senders.New, EndToEndBench.Token);
        var (knownRate, freshRate) = (await known, await fresh);
        var rate = knownRate + freshRate;
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / (rate * seconds);
        var jitMs = (System.Runtime.JitInfo.GetCompilationTime() - jit).TotalMilliseconds;
        return (rate, cpuMs, $" (JIT {jitMs:F0} ms of it in all); known senders {knownRate:F0}/s, new {freshRate:F0}/s" + await StatementsAsync(dbUrl, rate * seconds));
    }

    /// <summary>
    /// BENCH_STATEMENTS=1: the statements PostgreSQL ran during a phase (pg_stat_statements of this database, reset before
    /// the phase), the dearest first, per accepted webhook.
    /// </summary>
    static readonly bool ReportStatements = Environment.GetEnvironmentVariable("BENCH_STATEMENTS") == "1";

    static async Task ResetStatementsAsync(string dbUrl)
    {
        if (!ReportStatements) return;
        await using var c = new NpgsqlConnection(dbUrl);
        await c.ExecuteAsync("SELECT pg_stat_statements_reset(0, (SELECT oid FROM pg_database WHERE datname = current_database()), 0)");
    }

    static async Task<string> StatementsAsync(string dbUrl, double accepted)
    {
        if (!ReportStatements) return "";
        await using var c = new NpgsqlConnection(dbUrl);
        var rows = await c.QueryAsync<(long Calls, double ExecMs, double PlanMs, long Plans, string Query)>("""
            SELECT calls, total_exec_time, total_plan_time, plans, left(regexp_replace(query, '\s+', ' ', 'g'), 90)
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time + total_plan_time DESC LIMIT 8
            """);
        return string.Concat(rows.Select(r =>
            $"\n      {r.Calls / accepted,5:F2} calls, {(r.ExecMs + r.PlanMs) / accepted,6:F3} ms per webhook (plans {r.Plans}): {r.Query}"));
    }

    /// <summary>Inbound messages consumed by turns so far, and those still waiting.</summary>
    static async Task<(long Processed, long Waiting)> InboundAsync(string dbUrl)
    {
        await using var c = new NpgsqlConnection(dbUrl);
        return await c.QuerySingleAsync<(long, long)>(
            "SELECT count(*) FILTER (WHERE processado_em IS NOT NULL), count(*) FILTER (WHERE processado_em IS NULL) FROM interacoes WHERE direcao = 'entrada'");
    }

    public static async Task RunAsync(NpgsqlConnectionStringBuilder admin, string redisUrl, int seconds)
    {
        var database = $"julia_bench_{DateTime.UtcNow:yyyyMMddHHmmss}";
        await using (var c = new NpgsqlConnection(admin.ConnectionString)) await c.ExecuteAsync($"CREATE DATABASE {database}");
        var dbUrl = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, MaxPoolSize = 50 }.ConnectionString;
        try
        {
            await using var fakes = await EndToEndBench.Fakes.StartAsync();
            await using (var flush = await ConnectionMultiplexer.ConnectAsync(EndToEndBench.RedisOptions(redisUrl)))
                await flush.GetServer(flush.GetEndPoints()[0]).FlushDatabaseAsync(flush.GetDatabase().Database);
            await using var api = JuliaHost.Build([
                $"--DATABASE_URL={dbUrl}", $"--REDIS_URL={redisUrl}", $"--EVOLUTION_URL={fakes.EvolutionUrl}", "--EVOLUTION_API_KEY=bench",
                $"--EVOLUTION_WEBHOOK_TOKEN={EndToEndBench.Token}", "--ANTHROPIC_API_KEY=bench", $"--ANTHROPIC_BASE_URL={fakes.AnthropicUrl}",
                "--HUMANIZAR=false", "--LOG_LEVEL=ERROR", $"--PORT={EndToEndBench.Fakes.FreePort()}",
            ], new HostRoleInfo(HostRole.Api), new StartupFlags(false));
            await api.StartAsync();
            using var http = new HttpClient { BaseAddress = new Uri(api.Urls.First()) };

            // Warm-up: JIT, pools, every connection's prepared statements (not measured); it also registers the known doctors.
            // Tiered compilation of the api role's paths (webhook, turn, reply) keeps the JIT busy for a minute or more on
            // this machine, so rounds of 5 s go on until it takes under 2 % of a round (at most 3 minutes), and until every
            // known sender's number (1 000 per client) is a registered doctor.
            var warmUp = Stopwatch.StartNew();
            var settled = false;
            while (!settled && warmUp.Elapsed < TimeSpan.FromMinutes(3))
            {
                var jit = System.Runtime.JitInfo.GetCompilationTime();
                await EndToEndBench.IngestAsync(http, clients: 16, TimeSpan.FromSeconds(5), prefix: "55819");
                settled = warmUp.Elapsed > TimeSpan.FromSeconds(Math.Max(10, seconds)) && System.Runtime.JitInfo.GetCompilationTime() - jit < TimeSpan.FromMilliseconds(100)
                    && Enumerable.Range(0, 16).All(client => EndToEndBench.Sent("55819", client) >= 1000);
            }
            Console.WriteLine(settled
                ? $"warm-up: {warmUp.Elapsed.TotalSeconds:F0} s until the JIT took under 2 % of a 5 s round"
                : $"warm-up: stopped after {warmUp.Elapsed.TotalSeconds:F0} s with the JIT still busy (the phases below include it)");
            await Task.Delay(TimeSpan.FromSeconds(5)); // the warm-up's turns
            var deployed = await PhaseAsync(http, dbUrl, seconds, "55819", "55929");
            // The backlog that phase left (accepted faster than turns run), drained for 10 s with no new webhooks:
            // what a turn costs while thousands of messages wait, as after an outage.
            var (processedBefore, waiting) = await InboundAsync(dbUrl);
            await Task.Delay(TimeSpan.FromSeconds(10));
            var drained = ((await InboundAsync(dbUrl)).Processed - processedBefore) / 10.0;
            // The same with the turn runner stopped (the rows wait, as for a worker that is down): the webhook path alone.
            await api.Services.GetRequiredService<Julia.Conversations.TurnRunner>().StopAsync(CancellationToken.None);
            await Task.Delay(TimeSpan.FromSeconds(2));
            var alone = await PhaseAsync(http, dbUrl, seconds, "55819", "55939");
            // The floor of this machine and load generator: the same webhooks from a group, read and parsed, then ignored
            // before any Redis or database work (HTTP, authentication, JSON).
            var floor = WrkLoad.Path is null
                ? await EndToEndBench.IngestAsync(http, clients: 16, TimeSpan.FromSeconds(seconds), prefix: "55819", group: true)
                : await WrkLoad.RunAsync(http.BaseAddress!.ToString().TrimEnd('/'), connections: 16, seconds, "55819", WrkLoad.Senders.Group, EndToEndBench.Token);
            await api.StopAsync();

            await using (var c = new NpgsqlConnection(dbUrl))
                await c.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_chain (id bigserial PRIMARY KEY, medico text, texto text, criado_em timestamptz DEFAULT now())");
            var pgbench = EndToEndBench.PgBench(dbUrl, clients: 4, seconds: seconds);
            var tps = double.TryParse(pgbench.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : double.NaN;
            Console.WriteLine($"pgbench one-row INSERT, 4 clients, {seconds} s, Júlia stopped: {pgbench}");
            Console.WriteLine($"webhook ingest, 16 clients (8 known doctors' numbers, 8 new), {seconds} s each, goal ≥ 50 % of pgbench; load generator: "
                + (WrkLoad.Path is null ? "this process (.NET HttpClient; CPU per webhook includes it)" : "wrk, its own process (CPU per webhook is Júlia's alone)"));
            Console.WriteLine($"  role api as deployed (each message's turn and reply in the same process): {deployed.Rate:F0} accepted/s, {deployed.Rate / tps:P0}; CPU of this process per webhook {deployed.CpuMs:F2} ms{deployed.Statements}");
            Console.WriteLine($"    then, no new webhooks for 10 s: turns consumed {drained:F0} messages/s from a backlog of {waiting} waiting");
            Console.WriteLine($"  the webhook path alone (turn runner stopped): {alone.Rate:F0} accepted/s, {alone.Rate / tps:P0}; CPU per webhook {alone.CpuMs:F2} ms{alone.Statements}");
            Console.WriteLine($"  floor, no storage (the same webhooks from a group: HTTP, token, JSON, then ignored): {floor:F0}/s, {floor / tps:P0}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var c = new NpgsqlConnection(admin.ConnectionString);
            await c.ExecuteAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }
}
