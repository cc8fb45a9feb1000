using Dapper;
using Julia.Agent;
using Julia.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// A reply's cost in PostgreSQL must not grow with the data (issue 12, "cost flat as data grows"): the same replies —
/// webhook, turn, queued reply handed off or claimed, sent record, through Júlia's own code — read about the same blocks
/// of each table and index in a database with 1 000 doctors' history and in one with 10 000 plus a backlog of 20 000
/// messages of other doctors waiting for their turns. Statistics are those of the empty tables (a table that grew
/// faster than auto-analyze), where plans go wrong first, or those of the seeded tables, where a generic plan that
/// cannot know an array's length goes wrong (the sent record, docs/decisions.md#prepared-statements). Counted in blocks (pg_statio), not timed. Every statement of
/// the path is covered without a copy of its SQL: a change that makes one of them scan something that grows fails here
/// with the index's name.
/// </summary>
public sealed class ReplyPathCostTests
{
    const int Replies = 20;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AReplyReadsTheSameBlocksWhateverTheHistoryAndTheBacklog(bool staleStatistics)
    {
        var small = await MeasureAsync(historyDoctors: 1000, backlogDoctors: 0, staleStatistics);
        var large = await MeasureAsync(historyDoctors: 10000, backlogDoctors: 200, staleStatistics);

        var grown = large
            .Select(l => (l.Key, Small: small.GetValueOrDefault(l.Key), Large: l.Value))
            // A B-tree one level deeper (a near-empty index against one of 20 000 rows) at most doubles a probe; a scan of
            // what grew reads tens of blocks more per reply.
            .Where(x => x.Large > x.Small * 2 + 2 * Replies)
            .Select(x => $"{x.Key}: {x.Small} → {x.Large} blocks for {Replies} replies")
            .ToList();
        Assert.True(grown.Count == 0, string.Join("; ", grown));
        // The path really ran in both: the inbound rows, the queue and the conversations were read.
        Assert.True(small.GetValueOrDefault("interacoes") > 0 && small.GetValueOrDefault("fila_mensagens") > 0, string.Join("; ", small));
    }

    /// <summary>Blocks read per table and per index (hit or read) by <see cref="Replies"/> replies, in a fresh database.</summary>
    static async Task<Dictionary<string, long>> MeasureAsync(int historyDoctors, int backlogDoctors, bool staleStatistics)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        // Two chunks per reply: the first handed off by its turn to the reply lane (docs/decisions.md#queue,
        // "Hand-off"), the second claimed by the lane after it — both ways out of the queue, through the real lanes.
        var agent = new ScriptedAgent
        {
            Respond = _ => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply("Tenho um plantão de clínica no sábado.\nQuer que eu reserve?")),
        };
        await using var app = new JuliaAppFactory(database, redis, new Dictionary<string, string?> { ["HUMANIZAR"] = "false" }, s =>
        {
            s.AddSingleton<IConversationAgent>(agent);
            // The turn runner is stopped right after start-up (below). If that lands before the runner's ExecuteAsync began,
            // its task ends cancelled, which the host, not itself stopping, takes for a crash and stops everything (once in
            // a full run, and twice in six runs next to another test class). Here that only means the runner is off.
            s.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.Ignore);
        });
        var client = app.CreateClient(); // starts the host: migrations have run
        // The turns are driven one by one below; the runner would take the backlog.
        await app.Services.GetRequiredService<TurnRunner>().StopAsync(CancellationToken.None);
        var turns = app.Services.GetRequiredService<TurnProcessor>();
        var channel = app.Services.GetRequiredService<SandboxChannel>();

        await using var seed = database.CreateDataSource();
        await SeedAsync(seed, historyDoctors, backlogDoctors, staleStatistics);
        var doctors = await NewDoctorsAsync(seed, "55219", Replies);
        await seed.DisposeAsync();
        // The host's pooled connections prepared their statements at start-up, on empty tables, and with autovacuum off
        // nothing ever makes them plan again: a generic plan made when interacoes had no pages scans it for the rest of
        // the run, on whichever connection a reply happens to get (half the runs of the stale-statistics case, 2026-12-04).
        // A running database analyzes as it grows, which replans them; here fresh connections plan on the seeded tables,
        // with the statistics the case asks for.
        app.Services.GetRequiredService<NpgsqlDataSource>().Clear();
        app.Services.GetRequiredService<TurnDataSource>().Source.Clear();
        app.Services.GetRequiredService<Julia.Queue.DispatchDataSource>().Source.Clear();
        var before = await BlocksAsync(database, waitForTheHost: false);

        try
        {
            foreach (var (id, phone) in doctors)
            {
                (await PostAsync(client, Text(phone, "tem plantão de clínica médica sábado?"))).EnsureSuccessStatusCode();
                Assert.IsType<TurnResult.Done>(await turns.ProcessAsync(id, CancellationToken.None));
            }
        }
        catch (ObjectDisposedException e)
        {
            // The host is gone: what it logged says why.
            throw new InvalidOperationException("the host stopped during the test; its warnings and errors:\n" + string.Join("\n",
                app.Logs.Lines.Where(l => l.Level >= LogLevel.Warning).Select(l => $"{l.Level} {l.Category}: {l.Message}")), e);
        }
        // Waited for in memory (the sandbox channel), not by reading the tables being counted; stopping the host then
        // lets the sends in flight finish and be recorded.
        await Eventually.MatchesAsync(() => Task.FromResult(channel.History.Count(e => e.Type == "mensagem")), n => n == 2 * Replies);
        // Every connection closed, so every backend has flushed its counters.
        await app.DisposeAsync();
        var after = await BlocksAsync(database, waitForTheHost: true);

        // Both ways really ran: every chunk went out, each first chunk without a claim of its own, each second by one.
        await using var check = database.CreateDataSource();
        await using var c = await check.OpenConnectionAsync();
        var rows = await c.QueryAsync<(short Sequence, string Status, bool HandedOff)>(
            "SELECT sequencia, status, processando_desde = created_at FROM fila_mensagens WHERE medico_id IN (SELECT id FROM medicos WHERE telefone LIKE '55219%')");
        Assert.Equal(2 * Replies, rows.Count());
        Assert.All(rows, r => Assert.Equal(("enviada", r.Sequence == 1), (r.Status, r.HandedOff)));
        return after.ToDictionary(a => a.Key, a => a.Value - before.GetValueOrDefault(a.Key));
    }

    /// <summary>History and backlog (<see cref="CostTestData"/>) on statistics of the empty tables or of the seeded ones, autovacuum off.</summary>
    static async Task SeedAsync(NpgsqlDataSource seed, int historyDoctors, int backlogDoctors, bool staleStatistics)
    {
        await using var c = await seed.OpenConnectionAsync();
        if (staleStatistics) await CostTestData.FreezeStatisticsAsync(c);
        await CostTestData.HistoryAsync(c, 1, historyDoctors);
        await CostTestData.BacklogAsync(c, backlogDoctors);
        if (!staleStatistics) await CostTestData.FreezeStatisticsAsync(c);
    }

    static async Task<List<(Guid Id, string Phone)>> NewDoctorsAsync(NpgsqlDataSource seed, string prefix, int count)
    {
        await using var c = await seed.OpenConnectionAsync();
        var doctors = new List<(Guid, string)>();
        for (var i = 0; i < count; i++)
        {
            var phone = $"{prefix}{i:D8}";
            doctors.Add((await c.ExecuteScalarAsync<Guid>(
                "INSERT INTO medicos (telefone, primeiro_nome, origem) VALUES (@phone, 'Ana', 'import') RETURNING id", new { phone }), phone));
        }
        return doctors;
    }

    /// <summary>
    /// Counters reach the statistics when a backend flushes them, at the latest when it exits: waits for the seeding
    /// connection to be gone, and with <paramref name="waitForTheHost"/> for the host's connections too.
    /// </summary>
    static async Task<Dictionary<string, long>> BlocksAsync(TestDatabase database, bool waitForTheHost)
    {
        await using var source = database.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        for (var i = 0; i < 600 && await c.ExecuteScalarAsync<long>("""
                 SELECT count(*) FROM pg_stat_activity
                 WHERE datname = current_database() AND pid <> pg_backend_pid() AND (@waitForTheHost OR application_name = '')
                 """, new { waitForTheHost }) > 0; i++)
            await Task.Delay(50);
        var rows = await c.QueryAsync<(string Name, long Blocks)>("""
            SELECT relname, COALESCE(heap_blks_hit, 0) + COALESCE(heap_blks_read, 0) FROM pg_statio_user_tables
            UNION ALL
            SELECT indexrelname, COALESCE(idx_blks_hit, 0) + COALESCE(idx_blks_read, 0) FROM pg_statio_user_indexes
            """);
        return rows.ToDictionary(r => r.Name, r => r.Blocks);
    }
}
