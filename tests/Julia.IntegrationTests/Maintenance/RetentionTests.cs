using System.Net;
using Dapper;
using Julia.IntegrationTests.TestHost;
using Npgsql;

namespace Julia.IntegrationTests.Maintenance;

/// <summary>
/// Retention on a database with rows on both sides of every boundary: `julia limpeza --dry-run` counts and deletes
/// nothing, `POST /jobs/retencao` deletes exactly the expired rows (RETENCAO_* honoured), in batches.
/// </summary>
public sealed class RetentionTests : IAsyncLifetime
{
    TestDatabase database = null!;
    TestRedis redis = null!;
    JuliaAppFactory app = null!;
    NpgsqlDataSource db = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        redis = TestRedis.Lease();
        // Conversations kept 60 days here, to show the variable is honoured; batches of 7 to show the loop.
        app = new JuliaAppFactory(database, redis, new Dictionary<string, string?>
        {
            ["RETENCAO_CONVERSAS_DIAS"] = "60", ["Maintenance:BatchSize"] = "7",
        });
        app.CreateClient();
        db = database.CreateDataSource();
        await using var c = await db.OpenConnectionAsync();
        await c.ExecuteAsync("""
            INSERT INTO medicos (id, telefone, origem) VALUES ('00000000-0000-0000-0000-00000000a001', '5511999997001', 'import');
            -- conversations: 61 days old and idle (goes), 61 days old but active yesterday (stays), 59 days (stays),
            -- 100 days old with an open handoff (stays)
            INSERT INTO conversations (id, medico_id, status, created_at, last_message_at) VALUES
                ('00000000-0000-0000-0000-0000000c0001', '00000000-0000-0000-0000-00000000a001', 'completed', now() - interval '61 days', now() - interval '61 days'),
                ('00000000-0000-0000-0000-0000000c0002', '00000000-0000-0000-0000-00000000a001', 'completed', now() - interval '61 days', now() - interval '1 day'),
                ('00000000-0000-0000-0000-0000000c0003', '00000000-0000-0000-0000-00000000a001', 'completed', now() - interval '59 days', now() - interval '59 days'),
                ('00000000-0000-0000-0000-0000000c0004', '00000000-0000-0000-0000-00000000a001', 'active', now() - interval '100 days', now() - interval '100 days');
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, status)
            VALUES ('00000000-0000-0000-0000-0000000c0004', '00000000-0000-0000-0000-00000000a001', 'manual', 'teste', 'pendente');
            -- interacoes: 20 at 91 days (go), 5 at 89 days (stay); answered long ago (processado_em), so the turn runner's
            -- start-up sweep does not take them for messages still waiting and add a reply of its own to the count
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em)
            SELECT '00000000-0000-0000-0000-00000000a001', 'entrada', 'texto', 'medico', 'whatsapp', 'antiga ' || g, now() - interval '91 days', now() - interval '91 days'
            FROM generate_series(1, 20) g;
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, created_at, processado_em)
            SELECT '00000000-0000-0000-0000-00000000a001', 'entrada', 'texto', 'medico', 'whatsapp', 'recente ' || g, now() - interval '89 days', now() - interval '89 days'
            FROM generate_series(1, 5) g;
            -- fila: sent 31 days ago (goes), sent 29 days ago (stays), pending from 200 days ago (stays), cancelled 91 days ago (goes)
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, enviada_em, created_at, agendar_para) VALUES
                ('00000000-0000-0000-0000-00000000a001', 'sistema', 'a', 'enviada', now() - interval '31 days', now() - interval '31 days', now()),
                ('00000000-0000-0000-0000-00000000a001', 'sistema', 'b', 'enviada', now() - interval '29 days', now() - interval '29 days', now()),
                ('00000000-0000-0000-0000-00000000a001', 'sistema', 'c', 'pendente', NULL, now() - interval '200 days', now() + interval '10 days'),
                ('00000000-0000-0000-0000-00000000a001', 'sistema', 'd', 'cancelada', NULL, now() - interval '91 days', now());
            """);
    }

    // The host's disposal may fail on a leaked value (docs/decisions.md#log-leak-guard); the database and Redis still close.
    public Task DisposeAsync() => new FixtureTeardown().RunAsync(
        () => app.DisposeAsync(), () => db.DisposeAsync(), () => database.DisposeAsync(), () => { redis.Dispose(); return ValueTask.CompletedTask; });

    [Fact]
    public async Task ADryRunCountsAndTheJobDeletesExactlyTheExpiredRows()
    {
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = database.Url, ["REDIS_URL"] = redis.Url, ["RETENCAO_CONVERSAS_DIAS"] = "60" };
        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "limpeza", "--dry-run");

        Assert.True(exit == 0, stderr);
        Assert.Contains("interacoes (> 90 dias): 20 linhas seriam apagadas", stdout);
        Assert.Contains("conversations (> 60 dias, sem handoff aberto): 1 linha seria apagada", stdout);
        Assert.Contains("fila_mensagens enviadas (> 30 dias): 1 linha seria apagada", stdout);
        Assert.Equal(25, await CountAsync("interacoes"));

        var run = await app.CreateClient().PostAsync("/jobs/retencao", null);

        Assert.Equal(HttpStatusCode.OK, run.StatusCode);
        Assert.Equal(5, await CountAsync("interacoes"));
        Assert.Equal(0, await CountAsync("interacoes WHERE conteudo LIKE 'antiga%'"));
        Assert.Equal(["00000000-0000-0000-0000-0000000c0002", "00000000-0000-0000-0000-0000000c0003", "00000000-0000-0000-0000-0000000c0004"],
            (await QueryAsync<Guid>("SELECT id FROM conversations ORDER BY id")).Select(g => g.ToString()));
        Assert.Equal(["b", "c"], await QueryAsync<string>("SELECT conteudo FROM fila_mensagens ORDER BY conteudo"));
        Assert.Equal(1, await CountAsync("handoffs"));
        Assert.Contains(app.Logs.Lines, l => l.Message.Contains("Retenção: interacoes (> 90 dias): 20 linhas apagadas"));
    }

    /// <summary>
    /// `julia limpeza | cat` (cron, a file): stdout is the counts once, one greppable line per table; the log lines go to
    /// stderr (an outside walk, 2026-12-04: each count came three times on stdout — a progress line, an INFO log line
    /// and the summary).
    /// </summary>
    [Fact]
    public async Task InAPipeLimpezaPrintsEachCountOnceAndLogsOnStderr()
    {
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = database.Url, ["REDIS_URL"] = redis.Url, ["RETENCAO_CONVERSAS_DIAS"] = "60" };
        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "limpeza");

        Assert.True(exit == 0, stderr);
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("interacoes (> 90 dias): 20 linhas apagadas", Assert.Single(lines, l => l.StartsWith("interacoes ", StringComparison.Ordinal)));
        Assert.Equal("conversations (> 60 dias, sem handoff aberto): 1 linha apagada", Assert.Single(lines, l => l.StartsWith("conversations ", StringComparison.Ordinal)));
        Assert.All(lines, l => Assert.Matches(@"^[^:]+: \d+ linhas? apagadas?$", l));
        Assert.Equal(5, await CountAsync("interacoes"));
    }

    /// <summary>
    /// `julia limpeza 2>&amp;1 | tee x`: each count once in the merged output — the CLI prints the counts itself, so its
    /// per-table log line is DEBUG there (an outside walk, 2026-12-04: the INFO line on stderr and the summary on stdout
    /// showed each twice). With DEBUG=true the log line is back on stderr; the job keeps it at INFO
    /// (<see cref="ADryRunCountsAndTheJobDeletesExactlyTheExpiredRows"/>).
    /// </summary>
    [Fact]
    public async Task LimpezaWithStderrMergedShowsEachCountOnce()
    {
        var env = new Dictionary<string, string> { ["DATABASE_URL"] = database.Url, ["REDIS_URL"] = redis.Url, ["RETENCAO_CONVERSAS_DIAS"] = "60" };
        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(new Dictionary<string, string>(env) { ["DEBUG"] = "true" }, "limpeza", "--dry-run");

        Assert.True(exit == 0, stderr);
        Assert.Contains("interacoes (> 90 dias): 20 linhas seriam apagadas (simulação)", stdout);
        Assert.Contains("RetentionRunner: Retenção (simulação): interacoes (> 90 dias): 20 linhas seriam apagadas", stderr);

        (exit, stdout, stderr) = await JuliaProcess.RunAsync(env, "limpeza");

        Assert.True(exit == 0, stderr);
        var merged = stdout + stderr;
        Assert.Equal(1, Occurrences(merged, "interacoes (> 90 dias): 20 linhas apagadas"));
        Assert.Equal(1, Occurrences(merged, "conversations (> 60 dias, sem handoff aberto): 1 linha apagada"));
        Assert.Equal(5, await CountAsync("interacoes"));
    }

    static int Occurrences(string text, string phrase)
    {
        var n = 0;
        for (var i = text.IndexOf(phrase, StringComparison.Ordinal); i >= 0; i = text.IndexOf(phrase, i + 1, StringComparison.Ordinal)) n++;
        return n;
    }

    async Task<long> CountAsync(string from)
    {
        await using var c = await db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM {from}");
    }

    async Task<List<T>> QueryAsync<T>(string sql)
    {
        await using var c = await db.OpenConnectionAsync();
        return [.. await c.QueryAsync<T>(sql)];
    }
}
