using System.Net;
using Dapper;
using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>Crashes, restarts, Redis and Postgres outages, and two processes sharing one database.</summary>
public sealed class RecoveryTests
{
    static readonly Dictionary<string, string?> NoDelays = new() { ["HUMANIZAR"] = "false" };

    [Fact]
    public async Task InboundRowsLeftByACrashAreAnsweredAfterRestart()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var first = new ScriptedAgent { Respond = _ => throw new OperationCanceledException("process killed") };
        await using (var crashed = new JuliaAppFactory(db, redis, NoDelays, s => s.AddSingleton<IConversationAgent>(first)))
        {
            var response = await PostAsync(crashed.CreateClient(), Text("5511999990401", "oi, tem vaga?"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            await Eventually.MatchesAsync(() => Task.FromResult(first.Turns.Count), n => n >= 1);
        }

        var agent = new ScriptedAgent();
        await using var restarted = new JuliaAppFactory(db, redis, NoDelays, s => s.AddSingleton<IConversationAgent>(agent));
        _ = restarted.Server;
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        await Eventually.MatchesAsync(() => c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE direcao = 'entrada' AND processado_em IS NULL"), n => n == 0);

        Assert.Single(agent.Turns);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(DISTINCT lote_id) FROM fila_mensagens WHERE tipo = 'resposta'"));
    }

    /// <summary>
    /// An agent call that lasts until the turn is cancelled (the model slow when the process stops), and takes a second
    /// to give up — an HTTP call's unwinding on a loaded machine — so the host's own stopping goes on meanwhile.
    /// </summary>
    sealed class UntilStoppedAgent : IConversationAgent
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public bool IsEnabled => true;

        public async Task<AgentOutcome> RespondAsync(AgentTurn turn, CancellationToken ct)
        {
            Called.TrySetResult();
            try { await Task.Delay(Timeout.Infinite, ct); }
            catch (OperationCanceledException) { await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None); throw; }
            throw new InvalidOperationException("unreachable");
        }
    }

    /// <summary>
    /// A turn running when its process stops lets its conversation's lock go before Redis is disposed with the host: the
    /// next process answers at once, not after the 120 s lock:conversa lease. Before, the runner did not wait for its
    /// turns at shutdown, and a turn between taking the lock and letting it go when the host disposed Redis left it held
    /// (a restarted host then waited out the lease: RecoveryTests failed so, once, on a loaded machine).
    /// </summary>
    [Fact]
    public async Task ATurnStoppedWithItsProcessLetsItsConversationLockGo()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var agent = new UntilStoppedAgent();
        await using (var stopping = new JuliaAppFactory(db, redis, NoDelays, s => s.AddSingleton<IConversationAgent>(agent)))
        {
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(stopping.CreateClient(), Text("5511999990405", "oi, tem vaga?"))).StatusCode);
            await agent.Called.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Julia.Infrastructure.Configuration.ConnectionStrings.TryRedis(redis.Url, out var options, out _);
        await using var mux = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(options);
        Assert.Empty(mux.GetServers()[0].Keys(redis.Database, "lock:conversa:*"));
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        Assert.Equal(1, await c.ExecuteScalarAsync<long>( // stopped, not answered: the next process's sweeper takes it
            "SELECT count(*) FROM interacoes WHERE direcao = 'entrada' AND processado_em IS NULL"));
    }

    [Fact]
    public async Task WithRedisStoppedMessagesAreStillProcessed()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var server = new PrivateRedisServer();
        await server.StartAsync();
        var agent = new ScriptedAgent();
        await using var app = new JuliaAppFactory(db.Url, server.Url, NoDelays, s => s.AddSingleton<IConversationAgent>(agent));
        var client = app.CreateClient();
        await PostAsync(client, Text("5511999990402", "primeira"));
        await Eventually.MatchesAsync(() => Task.FromResult(agent.Turns.Count), n => n == 1);

        server.Stop();
        var response = await PostAsync(client, Text("5511999990402", "segunda, sem redis"));
        await Eventually.MatchesAsync(() => Task.FromResult(agent.Turns.Count), n => n == 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("segunda, sem redis", agent.Turns.Last().Parts[^1]); // the pending first reply was superseded
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM interacoes WHERE processado_em IS NULL AND direcao = 'entrada'"));
    }

    [Fact]
    public async Task DatabaseDownAnswers503AndNeverASilent200()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis, NoDelays, s => s.AddSingleton<IConversationAgent>(new ScriptedAgent()));
        var client = app.CreateClient();
        await using (var admin = new NpgsqlConnection(TestServers.AdminConnection().ConnectionString))
        {
            await admin.OpenAsync();
            await admin.ExecuteAsync($"ALTER DATABASE \"{db.Name}\" WITH ALLOW_CONNECTIONS false");
            await admin.ExecuteAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = @name", new { name = db.Name });
        }
        NpgsqlConnection.ClearAllPools();

        var response = await PostAsync(client, Text("5511999990403", "oi"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(app.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("503"));
    }

    /// <summary>
    /// docs/decisions.md#inbound, "Rows read before the lock": a turn reads the doctor's pending messages, and before it
    /// holds the conversation lock another process's turn answers them and lets the lock go, leaving the highest id it
    /// read in `processado:conversa:{id}`. The model is not asked again (before 2026-12-07 it was, and only the reply was
    /// dropped: a second bill, and its tools acting on answered words). Without that mark — rows answered by no turn that
    /// let the lock go — the turn skips the database's check (one statement fewer per reply) and its reply's own guard
    /// drops it. Redis is paused for writes between the read and the lock, so the other turn's answer lands there.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ATurnWhoseMessagesWereAnsweredElsewhereBeforeItHeldTheLockDoesNotAskTheModel(bool answeringTurnLetTheLockGo)
    {
        await using var db = await TestDatabase.CreateAsync();
        using var server = new PrivateRedisServer();
        await server.StartAsync();
        var agent = new ScriptedAgent();
        await using var app = new JuliaAppFactory(db.Url, server.Url, NoDelays, s => s.AddSingleton<IConversationAgent>(agent));
        _ = app.Server;
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        var medicoId = await DoctorWithAPendingMessageAsync(app, c, answeringTurnLetTheLockGo ? "5511999990407" : "5511999990409");
        var conversaId = await c.ExecuteScalarAsync<Guid>("INSERT INTO conversations (medico_id) VALUES (@medicoId) RETURNING id", new { medicoId });
        var rowId = await c.ExecuteScalarAsync<long>("SELECT id FROM interacoes WHERE medico_id = @medicoId", new { medicoId });
        if (answeringTurnLetTheLockGo)
            await server.CommandAsync("SET", Julia.Conversations.ConversationLock.AnsweredKey(conversaId), rowId.ToString(), "PX", "120000");
        var processor = app.Services.GetRequiredService<Julia.Conversations.TurnProcessor>();

        await server.CommandAsync("CLIENT", "PAUSE", "10000", "WRITE");
        Julia.Conversations.TurnResult result;
        try
        {
            var turn = processor.ProcessAsync(medicoId, CancellationToken.None);
            // Its first round trip attached the message to the conversation (and read it in the same transaction).
            await Eventually.MatchesAsync(() => c.ExecuteScalarAsync<Guid?>("SELECT conversa_id FROM interacoes WHERE id = @rowId", new { rowId }), id => id == conversaId);
            // The other process's turn answers it and lets the lock go.
            await c.ExecuteAsync("UPDATE interacoes SET processado_em = now() WHERE medico_id = @medicoId", new { medicoId });
            await server.CommandAsync("CLIENT", "UNPAUSE");
            result = await turn;
        }
        finally { await server.CommandAsync("CLIENT", "UNPAUSE"); }

        Assert.IsType<Julia.Conversations.TurnResult.Superseded>(result);
        if (answeringTurnLetTheLockGo)
        {
            Assert.Empty(agent.Turns);
            Assert.Contains(app.Logs.Lines, l => l.Message.Contains("not run: another turn (another process) already answered its messages"));
        }
        else
        {
            Assert.Single(agent.Turns);
            Assert.Contains(app.Logs.Lines, l => l.Message.Contains("dropped: another turn (another process) already answered its messages"));
        }
        Assert.Equal(0, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM fila_mensagens"));
    }

    /// <summary>
    /// What the check above reads: a turn that lets the lock go leaves the highest inbound id it read, for one lease,
    /// and never lowers it (an older turn's release after a newer one's).
    /// </summary>
    [Fact]
    public async Task ATurnLettingTheLockGoLeavesTheHighestIdItRead()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var server = new PrivateRedisServer();
        await server.StartAsync();
        var agent = new ScriptedAgent { Respond = _ => Task.FromResult<AgentOutcome>(new AgentOutcome.Reply("Oi! Tenho sim.")) };
        await using var app = new JuliaAppFactory(db.Url, server.Url, NoDelays, s => s.AddSingleton<IConversationAgent>(agent));
        _ = app.Server;
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        var medicoId = await DoctorWithAPendingMessageAsync(app, c, "5511999990410");
        var rowId = await c.ExecuteScalarAsync<long>("SELECT id FROM interacoes WHERE medico_id = @medicoId", new { medicoId });
        var processor = app.Services.GetRequiredService<Julia.Conversations.TurnProcessor>();

        Assert.IsType<Julia.Conversations.TurnResult.Done>(await processor.ProcessAsync(medicoId, CancellationToken.None));

        var conversaId = await c.ExecuteScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medicoId", new { medicoId });
        var key = Julia.Conversations.ConversationLock.AnsweredKey(conversaId);
        Assert.Equal(rowId.ToString(), await server.CommandAsync("GET", key));
        var ttl = long.Parse(await server.CommandAsync("PTTL", key));
        Assert.InRange(ttl, 1, 120_000);
        Assert.Equal("0", await server.CommandAsync("EXISTS", Julia.Conversations.ConversationLock.Key(conversaId)));

        // An older turn letting go later does not lower it.
        var locks = app.Services.GetRequiredService<Julia.Conversations.ConversationLock>();
        await using (var older = await locks.TryAcquireAsync(conversaId, rowId - 5, rowId - 1, CancellationToken.None))
            Assert.True(older!.MayBeAnswered); // the turn above read up to rowId
        Assert.Equal(rowId.ToString(), await server.CommandAsync("GET", key));
        await using (var newer = await locks.TryAcquireAsync(conversaId, rowId + 1, rowId + 1, CancellationToken.None))
            Assert.False(newer!.MayBeAnswered);
    }

    /// <summary>
    /// Redis slow, not down: the lock's SET times out (1 s) but Redis applies it later. The turn runs under the database's
    /// advisory lock and, when it ends, lets the Redis key go too if it holds its token — before, the key kept the
    /// doctor's next turns out for the whole 120 s lease ("waiting … held elsewhere").
    /// </summary>
    [Fact]
    public async Task ALockWhoseSetTimedOutButWasAppliedIsLetGoWithTheTurn()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var server = new PrivateRedisServer();
        await server.StartAsync();
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var agent = new ScriptedAgent
        {
            Respond = async _ =>
            {
                called.TrySetResult();
                await release.Task;
                return new AgentOutcome.Reply("Oi! Tenho sim.");
            },
        };
        await using var app = new JuliaAppFactory(db.Url, server.Url, NoDelays, s => s.AddSingleton<IConversationAgent>(agent));
        _ = app.Server;
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        var medicoId = await DoctorWithAPendingMessageAsync(app, c, "5511999990408");
        var processor = app.Services.GetRequiredService<Julia.Conversations.TurnProcessor>();

        await server.CommandAsync("CLIENT", "PAUSE", "20000", "WRITE");
        Task<Julia.Conversations.TurnResult> turn;
        try
        {
            turn = processor.ProcessAsync(medicoId, CancellationToken.None);
            await called.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the SET timed out: the turn holds the advisory lock
        }
        finally { await server.CommandAsync("CLIENT", "UNPAUSE"); }
        var conversaId = await c.ExecuteScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medicoId", new { medicoId });
        var key = Julia.Conversations.ConversationLock.Key(conversaId);
        // The SET sent before the timeout is applied once Redis goes on.
        await Eventually.MatchesAsync(() => server.CommandAsync("EXISTS", key), n => n == "1");
        release.SetResult();
        var result = await turn;

        Assert.IsType<Julia.Conversations.TurnResult.Done>(result);
        Assert.Equal("0", await server.CommandAsync("EXISTS", key));
    }

    /// <summary>A doctor with a message no turn was signalled for (stored by another process), past its debounce.</summary>
    /// <remarks>
    /// Only once the host's start-up sweep is over: that sweep takes every unprocessed message, and a turn of its own for
    /// this doctor would hold his lock against the test's (a full run met it: the test's turn `Busy`).
    /// </remarks>
    static async Task<Guid> DoctorWithAPendingMessageAsync(JuliaAppFactory app, NpgsqlConnection c, string phone)
    {
        await app.Services.GetRequiredService<Julia.Conversations.TurnRunner>().FirstSweepDone.WaitAsync(TimeSpan.FromSeconds(60));
        var medicoId = await c.ExecuteScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem) VALUES (@phone, @phone || '@s.whatsapp.net', 'Ana', 'import')
            RETURNING id
            """, new { phone });
        await c.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, created_at)
            VALUES (@medicoId, 'entrada', 'texto', 'medico', 'whatsapp', 'tem vaga amanhã?', 'PENDING-' || @phone, @phone || '@s.whatsapp.net', now() - interval '1 minute')
            """, new { medicoId, phone });
        return medicoId;
    }

    [Fact]
    public async Task TwoProcessesSharingTheDatabaseRunOneTurnForDeliveriesSplitBetweenThem()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var agentA = new ScriptedAgent();
        var agentB = new ScriptedAgent();
        await using var a = new JuliaAppFactory(db, redis, NoDelays, s => s.AddSingleton<IConversationAgent>(agentA));
        await using var b = new JuliaAppFactory(db, redis, NoDelays, s => s.AddSingleton<IConversationAgent>(agentB));
        var clients = new[] { a.CreateClient(), b.CreateClient() };
        var body = Text("5511999990404", "vaga de anestesia?", id: "TWO-PROCESSES-1");

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => PostAsync(clients[i % 2], body)));
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();
        await Eventually.MatchesAsync(() => c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE direcao = 'entrada' AND processado_em IS NULL"), n => n == 0);
        await Task.Delay(500); // let a late duplicate run show itself, if the lock failed

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.True(agentA.Turns.Count + agentB.Turns.Count == 1, $"{agentA.Turns.Count} + {agentB.Turns.Count} turns; the turns' lines:\n" +
            string.Join("\n", a.Logs.Lines.Concat(b.Logs.Lines).Where(l => l.Category.StartsWith("Julia.Conversations", StringComparison.Ordinal) || l.Category.Contains("Redis"))
                .Select(l => $"{l.Level} {l.Category}: {l.Message}")));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(DISTINCT lote_id) FROM fila_mensagens"));
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM conversations"));
    }
}
