using System.Net;
using Dapper;
using Julia.Agent;
using Julia.Conversations;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Julia.Maintenance;
using Julia.Queue;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Infrastructure.Database;

/// <summary>
/// SPEC §5's `database` call timeout (docs/decisions.md#database-timeouts): every pool's statements fail after 10 s, so a
/// hung database answers a webhook 503 (Evolution re-sends it) instead of holding it; retention and migrations, long by
/// nature, have their own limits. A table held by another session (LOCK TABLE) stands in for the hung server; the
/// timeout is written short in DATABASE_URL (a written one is kept) so the test waits seconds, not ten.
/// </summary>
public sealed class CommandTimeoutTests
{
    static readonly Dictionary<string, string?> NoDelays = new() { ["HUMANIZAR"] = "false" };

    [Fact]
    public async Task EveryPoolOfTheHostGivesAStatementTenSeconds()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis, NoDelays);
        var services = app.Services;

        NpgsqlDataSource[] pools =
        [
            services.GetRequiredService<NpgsqlDataSource>(),
            services.GetRequiredService<TurnDataSource>().Source,
            services.GetRequiredService<DispatchDataSource>().Source,
        ];
        Assert.All(pools, p => Assert.Equal(CommandTimeouts.Call, new NpgsqlConnectionStringBuilder(p.ConnectionString).CommandTimeout));
    }

    [Fact]
    public async Task AWebhookOnAHungTableIsAnswered503AndItsResendOnce()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var agent = new ScriptedAgent();
        await using var app = new JuliaAppFactory(db.Url + ";Command Timeout=2", redis.Url, NoDelays,
            s => s.AddSingleton<IConversationAgent>(agent));
        var client = app.CreateClient();
        var body = Text("5511999990931", "oi, tem vaga sexta?", id: "3EB0TIMEOUT0001");

        await using var source = db.CreateDataSource();
        await using (var holder = await source.OpenConnectionAsync())
        {
            await using var held = await holder.BeginTransactionAsync();
            await holder.ExecuteAsync("LOCK TABLE interacoes IN ACCESS EXCLUSIVE MODE", transaction: held);
            var hung = await PostAsync(client, body);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, hung.StatusCode);
            Assert.Contains("application/problem+json", hung.Content.Headers.ContentType?.ToString());
        }

        var again = await PostAsync(client, body);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await Eventually.MatchesAsync(() => Task.FromResult(agent.Turns.Count), n => n == 1);
        await using var c = await source.OpenConnectionAsync();
        await Eventually.MatchesAsync(() => c.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens WHERE tipo = 'resposta'"), n => n == 1);
        Assert.Equal(1, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM interacoes WHERE direcao = 'entrada'"));
        Assert.Single(agent.Turns);
    }

    [Fact]
    public async Task RetentionWaitsPastTheCallTimeoutForATableInUse()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = OneSecondStatements(db, redis);
        var retention = app.Services.GetRequiredService<RetentionRunner>();

        await using var source = db.CreateDataSource();
        await using var holder = await source.OpenConnectionAsync();
        var held = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("LOCK TABLE interacoes IN ACCESS EXCLUSIVE MODE", transaction: held);
        var run = retention.RunAsync(dryRun: true, progress: null, CancellationToken.None);
        await StillWaitingPastThePoolsLimitAsync(run);   // the count waits, it does not fail
        await held.RollbackAsync();

        var counts = await run;
        Assert.Contains(counts, count => count.Name.StartsWith("interacoes", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AMigrationWaitsForAnotherProcesssMigrationHoweverLongItTakes()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = OneSecondStatements(db, redis);
        var migrations = app.Services.GetRequiredService<MigrationRunner>();

        await using var source = db.CreateDataSource();
        await using var other = await source.OpenConnectionAsync();
        await other.ExecuteAsync("SELECT pg_advisory_lock(@key)", new { key = MigrationRunner.LockKey });
        var run = migrations.RunAsync(CancellationToken.None);
        await StillWaitingPastThePoolsLimitAsync(run);
        await other.ExecuteAsync("SELECT pg_advisory_unlock(@key)", new { key = MigrationRunner.LockKey });

        Assert.Equal(0, await run);   // the host had migrated already: nothing left, and no timeout on the way
    }

    /// <summary>A host whose DATABASE_URL writes a 1 s statement limit (a written one is kept).</summary>
    static JuliaAppFactory OneSecondStatements(TestDatabase db, TestRedis redis) => new(db.Url + ";Command Timeout=1", redis.Url, NoDelays);

    /// <summary>Well past the host's 1 s, the statement is still waiting for what holds it, not failed.</summary>
    static async Task StillWaitingPastThePoolsLimitAsync(Task run)
    {
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        Assert.False(run.IsCompleted);
    }
}
