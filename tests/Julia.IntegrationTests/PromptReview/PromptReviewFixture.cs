using Dapper;
using Julia.DemoData;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.IntegrationTests.PromptReview;

/// <summary>
/// A migrated database with the demo data, a fake Anthropic and a fake Evolution, and no running Júlia: the tests run
/// `julia avaliar-prompt` as an operator does, as a process.
/// </summary>
public sealed class PromptReviewFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public TestRedis Redis { get; private set; } = null!;
    public NpgsqlDataSource Db { get; private set; } = null!;
    public FakeAnthropic Anthropic { get; private set; } = null!;
    public FakeEvolution Evolution { get; private set; } = null!;
    public string Folder { get; } = Directory.CreateTempSubdirectory("avaliar-prompt-").FullName;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Redis = TestRedis.Lease();
        Db = Database.CreateDataSource();
        Anthropic = await FakeAnthropic.StartAsync();
        Evolution = await FakeEvolution.StartAsync();
        await new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await new DemoDataSeeder(Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
    }

    /// <summary>What an operator's shell would hold; <paramref name="withKey"/> false = the agent is off.</summary>
    public Dictionary<string, string> Environment(bool withKey = true)
    {
        var env = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = Database.Url, ["REDIS_URL"] = Redis.Url, ["ANTHROPIC_BASE_URL"] = Anthropic.Url,
            ["EVOLUTION_URL"] = Evolution.Url, ["EVOLUTION_API_KEY"] = "evo-key",
        };
        if (withKey) env["ANTHROPIC_API_KEY"] = "sk-ant-test-FAKE";
        return env;
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var c = await Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<T>(sql, args) ?? default!;
    }

    public async Task ExecuteAsync(string sql, object? args = null)
    {
        await using var c = await Db.OpenConnectionAsync();
        await c.ExecuteAsync(sql, args);
    }

    /// <summary>Every table of the schema → its row count and a digest of all its rows: any insert, update or delete changes it.</summary>
    public async Task<Dictionary<string, string>> SnapshotAsync()
    {
        await using var c = await Db.OpenConnectionAsync();
        var tables = await c.QueryAsync<string>("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1
            """);
        var snapshot = new Dictionary<string, string>();
        foreach (var table in tables)
            snapshot[table] = await c.ExecuteScalarAsync<string>(
                $"SELECT count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t") ?? "";
        return snapshot;
    }

    public async Task DisposeAsync()
    {
        await Anthropic.DisposeAsync();
        await Evolution.DisposeAsync();
        await Db.DisposeAsync();
        await Database.DisposeAsync();
        Redis.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
