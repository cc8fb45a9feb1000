using Dapper;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Npgsql;

namespace Julia.IntegrationTests.Infrastructure.Database;

/// <summary>
/// The reply path sends "BEGIN; SET LOCAL …; statement; COMMIT" as one batch (docs/decisions.md#turn-scheduling), through
/// Dapper's single-row, multi-map and multiple-result reads, on a pool that prepares statements and skips DISCARD ALL.
/// Whatever the read, the connection must go back to the pool clean: the next command on it works and is outside any
/// transaction.
/// </summary>
public sealed class StatementBatchTests
{
    [Fact]
    public async Task EveryKindOfReadLeavesTheConnectionCleanForTheNextCommand()
    {
        await using var db = await TestDatabase.CreateAsync();
        var csb = new NpgsqlConnectionStringBuilder(db.CreateDataSource().ConnectionString) { MaxPoolSize = 1 };
        DatabaseExtensions.ApplyPoolDefaults(csb);
        await using var source = NpgsqlDataSource.Create(csb.ConnectionString);
        string serverDefault;
        await using (var c = await source.OpenConnectionAsync())
            serverDefault = await c.QuerySingleAsync<string>("SHOW synchronous_commit");
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t SELECT g, 'v' || g FROM generate_series(1, 5) g");

        const string Single = "BEGIN; SET LOCAL synchronous_commit = off; WITH x AS (UPDATE t SET v = v WHERE id = 1 RETURNING id) SELECT count(*) > 0 FROM x; COMMIT;";
        const string Rows = "BEGIN; SET LOCAL synchronous_commit = on; WITH x AS (UPDATE t SET v = v WHERE id <= 3 RETURNING id, v) SELECT x.id, x.v, t.id AS other FROM x JOIN t ON t.id = x.id; COMMIT;";
        const string Grid = "BEGIN; SET LOCAL synchronous_commit = off; INSERT INTO t VALUES (99, 'x') ON CONFLICT DO NOTHING; SELECT count(*) FROM t; SELECT id FROM t WHERE id = 99; SELECT id, v FROM t ORDER BY id; COMMIT;";
        for (var round = 0; round < 5; round++) // the first uses are unprepared, the later ones prepared
        {
            await using (var c = await source.OpenConnectionAsync())
                Assert.True(await c.QuerySingleAsync<bool>(Single));
            await AssertCleanAsync(source, serverDefault);

            await using (var c = await source.OpenConnectionAsync())
                Assert.Equal(3, (await c.QueryAsync<(int Id, string V), int, int>(Rows, (a, b) => b, splitOn: "other")).Count());
            await AssertCleanAsync(source, serverDefault);

            await using (var c = await source.OpenConnectionAsync())
            {
                await using var grid = await c.QueryMultipleAsync(Grid);
                Assert.True(await grid.ReadSingleAsync<long>() >= 6);
                Assert.Equal(99, await grid.ReadSingleOrDefaultAsync<int?>());
                // The last result set is left unread on purpose: disposing the reader must consume it.
            }
            await AssertCleanAsync(source, serverDefault);
        }
    }

    static async Task AssertCleanAsync(NpgsqlDataSource source, string synchronousCommit)
    {
        await using var c = await source.OpenConnectionAsync();
        Assert.Equal(42, await c.QuerySingleAsync<int>("SELECT 42"));
        // Outside a transaction, COMMIT only warns "there is no transaction in progress".
        var notices = new List<string>();
        c.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await c.ExecuteAsync("COMMIT");
        Assert.Contains(notices, n => n.Contains("no transaction in progress", StringComparison.Ordinal));
        Assert.Equal(synchronousCommit, await c.QuerySingleAsync<string>("SHOW synchronous_commit")); // SET LOCAL ended with its transaction
    }
}
