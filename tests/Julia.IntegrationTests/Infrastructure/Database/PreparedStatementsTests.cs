using Dapper;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Npgsql;

namespace Julia.IntegrationTests.Infrastructure.Database;

/// <summary>
/// The hot path's statements run explicitly prepared (docs/decisions.md#prepared-statements) on Júlia's pool (no DISCARD
/// ALL). They must map like Dapper, keep a null's type, be prepared once per physical connection, and — unlike
/// Npgsql's automatic preparation (npgsql/npgsql#6391) — leave the connection sound when a value the database refuses
/// fails the statement, inside a BEGIN…COMMIT batch or an open transaction.
/// </summary>
public sealed class PreparedStatementsTests
{
    enum Mood { Calm = 1, Angry = 2 }

    sealed record Row(int Id, string? V, Guid? Ref);

    sealed record Split(int SplitId, string Name);

    [Fact]
    public async Task MapsRowsAndTypesParametersFromTheirDeclaredTypes()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = PoolOfOne(db);
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, v text, ref uuid, mood int)");

        Guid? none = null;
        var some = Guid.NewGuid();
        await using (var c = await source.OpenConnectionAsync())
        {
            const string Insert = "INSERT INTO t VALUES (@id, @v, @ref, @mood)";
            Assert.Equal(1, await c.ExecutePreparedAsync(Insert, default, new { id = 1, v = (string?)null, @ref = none, mood = Mood.Angry }));
            Assert.Equal(1, await c.ExecutePreparedAsync(Insert, default, new { id = 2, v = "dois", @ref = (Guid?)some, mood = Mood.Calm }));
            // A dictionary (an enqueue's arrays) and an object together; names the SQL does not use are left out.
            Assert.Equal(1, await c.ExecutePreparedAsync(Insert, default,
                new Dictionary<string, object?> { ["id"] = 3, ["v"] = null, ["unused"] = 9 }, new { @ref = none, mood = (Mood?)null }));
        }

        await using (var c = await source.OpenConnectionAsync())
        {
            var rows = await c.QueryPreparedAsync<Row>("SELECT id AS Id, v AS V, ref AS Ref FROM t ORDER BY id", default);
            Assert.Equal([new Row(1, null, null), new Row(2, "dois", some), new Row(3, null, null)], rows);
            Assert.Equal(2, await c.QuerySinglePreparedAsync<int>("SELECT mood FROM t WHERE id = @id", default, new { id = 1 }));
            Assert.Equal((true, 2L), await c.QuerySinglePreparedAsync<(bool, long)>("SELECT true, count(*) FROM t WHERE v IS NULL", default));
            Assert.Null(await c.QueryFirstOrDefaultPreparedAsync<Row>("SELECT id AS Id, v AS V, ref AS Ref FROM t WHERE id = @id", default, new { id = 99 }));
            var split = await c.QueryPreparedAsync<Row, Split, (Row, Split)>(
                "SELECT id AS Id, v AS V, ref AS Ref, id AS SplitId, 'n' || id AS Name FROM t WHERE id = ANY(@ids) ORDER BY id",
                (r, s) => (r, s), splitOn: "splitid", default, new { ids = new[] { 2, 3 } });
            Assert.Equal([(new Row(2, "dois", some), new Split(2, "n2")), (new Row(3, null, null), new Split(3, "n3"))], split);
            // @id is a prefix of @ids: only the parameter the statement names is sent.
            Assert.Equal(2L, await c.QuerySinglePreparedAsync<long>("SELECT count(*) FROM t WHERE id = ANY(@ids)", default,
                new { id = "not an int", ids = new[] { 1, 2 } }));
        }
    }

    [Theory]
    [InlineData("WHERE id = @id", "id", true)]
    [InlineData("WHERE id = ANY(@ids)", "id", false)]
    [InlineData("WHERE id = ANY(@ids)", "ids", true)]
    [InlineData("VALUES (@Id, @medico_id)", "medico", false)]
    [InlineData("VALUES (@ID)", "id", true)]
    [InlineData("@id::uuid", "id", true)]
    public void AParameterIsSentOnlyWhenTheStatementNamesIt(string sql, string name, bool used) =>
        Assert.Equal(used, PreparedStatements.Mentions(sql, name));

    [Fact]
    public void AStatementIsKnownByItsTextWhicheverInstanceCarriesIt()
    {
        var text = "SELECT @a, @b FROM t WHERE id = @id -- " + Guid.NewGuid();
        var again = new string(text.AsSpan()); // the same text built again, as a statement interpolated per call is

        var first = PreparedStatements.Statement.Of(text);
        Assert.Same(first, PreparedStatements.Statement.Of(text));
        Assert.Same(first, PreparedStatements.Statement.Of(again));
        Assert.NotSame(first, PreparedStatements.Statement.Of(text + " "));
        Assert.True(first.Mentions("id"));
        Assert.False(first.Mentions("ids"));
        Assert.Equal(["a", "id"], first.Properties(new { a = 1, c = 2, id = 3 }.GetType()).Select(p => p.Name).Order());
    }

    [Fact]
    public async Task AStatementBuiltPerCallAndOneBuiltOnceMapAlike()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = PoolOfOne(db);
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, v text); INSERT INTO t VALUES (1, 'um'), (2, 'dois')");
        const string Once = "SELECT id AS Id, v AS V, NULL::uuid AS Ref FROM t WHERE id = @id";
        await using var conn = await source.OpenConnectionAsync();
        for (var id = 1; id <= 2; id++)
        {
            var perCall = string.Concat(Once.AsSpan(0, Once.Length - 3), "@id"); // another instance of the same text
            Assert.NotSame(Once, perCall);
            var a = await conn.QueryPreparedAsync<Row>(Once, CancellationToken.None, new { id });
            var b = await conn.QueryPreparedAsync<Row>(perCall, CancellationToken.None, new Dictionary<string, object?> { ["id"] = id, ["unused"] = 5 });
            Assert.Equal(a, b);
            Assert.Equal(id == 1 ? "um" : "dois", Assert.Single(a).V);
        }
    }

    sealed record Loose(int Id, object? V);

    sealed record Echoed(int Id, string? V);

    [Fact]
    public async Task ACommandRunAgainOnItsConnectionSendsEachCallsValues()
    {
        // One physical connection: from the second call on, the command it last ran the statement with is run again
        // (no parse of the text) when only the values changed, and a new one is prepared when their types changed.
        await using var db = await TestDatabase.CreateAsync();
        await using var source = PoolOfOne(db);
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, v text, ref uuid)");
        const string Insert = "INSERT INTO t (id, v, ref) VALUES (@id, @v, @ref)";
        const string Read = "SELECT id AS Id, v AS V, ref AS Ref FROM t WHERE id = @id";
        var refs = new Guid?[] { null, Guid.NewGuid(), null, Guid.NewGuid(), Guid.NewGuid() };
        for (var id = 1; id <= refs.Length; id++)
            await using (var c = await source.OpenConnectionAsync())
            {
                var v = id % 2 == 0 ? null : $"v{id}";
                var inserted = id % 3 == 0
                    ? await c.ExecutePreparedAsync(Insert, default, new Dictionary<string, object?> { ["id"] = id, ["v"] = v, ["ref"] = refs[id - 1] })
                    : await c.ExecutePreparedAsync(Insert, default, new { id, v, @ref = refs[id - 1] });
                Assert.Equal(1, inserted);
                Assert.Equal(new Row(id, v, refs[id - 1]), Assert.Single(await c.QueryPreparedAsync<Row>(Read, default, new { id })));
            }

        await using (var c = await source.OpenConnectionAsync())
        {
            var statement = PreparedStatements.Statement.Of(Read);
            var last = statement.Take(c.ProcessID);
            Assert.NotNull(last);
            statement.Release(c.ProcessID, last);
            Assert.Equal("v5", Assert.Single(await c.QueryPreparedAsync<Row>(Read, default, new { id = 5 })).V);
            Assert.Same(last, statement.Take(c.ProcessID)); // run again, not parsed and prepared anew
        }

        // An untyped value whose type changes: the statement is typed again, not run with the first call's types.
        const string Echo = "SELECT @id AS Id, @V::text AS V";
        await using (var c = await source.OpenConnectionAsync())
            foreach (var (id, value) in new (int, object)[] { (1, "texto"), (2, 42), (3, "de novo"), (4, 7L), (5, 8L) })
            {
                var row = Assert.Single(await c.QueryPreparedAsync<Echoed>(Echo, default, new Loose(id, value)));
                Assert.Equal(id, row.Id);
                Assert.Equal(value.ToString(), row.V);
            }
    }

    [Fact]
    public void ParametersHaveTheSameShapeOnlyWithTheSameNamesParameterTypesAndValueTypes()
    {
        static List<NpgsqlParameter> Of(params NpgsqlParameter[] p) => [.. p];
        using var prepared = new NpgsqlCommand();
        prepared.Parameters.Add(new NpgsqlParameter<int>("id", 1));
        prepared.Parameters.Add(new NpgsqlParameter<Guid?>("ref", Guid.NewGuid()));
        prepared.Parameters.Add(new NpgsqlParameter("v", DBNull.Value));

        Assert.True(PreparedStatements.SameShape(prepared.Parameters,
            Of(new NpgsqlParameter<int>("id", 2), new NpgsqlParameter<Guid?>("ref", Guid.NewGuid()), new NpgsqlParameter("v", DBNull.Value))));
        Assert.False(PreparedStatements.SameShape(prepared.Parameters, // a null where there was a value
            Of(new NpgsqlParameter<int>("id", 2), new NpgsqlParameter<Guid?>("ref", null), new NpgsqlParameter("v", DBNull.Value))));
        Assert.False(PreparedStatements.SameShape(prepared.Parameters, // another parameter type
            Of(new NpgsqlParameter<long>("id", 2), new NpgsqlParameter<Guid?>("ref", Guid.NewGuid()), new NpgsqlParameter("v", DBNull.Value))));
        Assert.False(PreparedStatements.SameShape(prepared.Parameters, // another name
            Of(new NpgsqlParameter<int>("id", 2), new NpgsqlParameter<Guid?>("refs", Guid.NewGuid()), new NpgsqlParameter("v", DBNull.Value))));
        Assert.False(PreparedStatements.SameShape(prepared.Parameters, Of(new NpgsqlParameter<int>("id", 2)))); // fewer
    }

    [Fact]
    public async Task PreparesOncePerPhysicalConnectionAndReadsEveryResultOfABatch()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = PoolOfOne(db);
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, v text)");
        const string Batch = """
            BEGIN; SET LOCAL synchronous_commit = off;
            INSERT INTO t VALUES (@id, 'x') ON CONFLICT DO NOTHING;
            SELECT count(*) FROM t;
            SELECT id FROM t WHERE id = -1;
            SELECT id, v FROM t ORDER BY id;
            COMMIT;
            """;
        long prepared = 0;
        for (var round = 1; round <= 4; round++)
        {
            await using (var c = await source.OpenConnectionAsync())
            {
                await using var grid = await c.QueryPreparedMultipleAsync(Batch, default, new { id = round });
                Assert.Equal(round, await grid.ReadSingleAsync<long>());
                Assert.Null(await grid.ReadSingleOrDefaultAsync<int?>());
                Assert.Equal(round, (await grid.ReadAsync<(int, string)>()).Count);
            }
            await using (var c = await source.OpenConnectionAsync())
            {
                var now = await c.QuerySingleAsync<long>("SELECT count(*) FROM pg_prepared_statements");
                if (round == 1) prepared = now;
                Assert.True(now >= 6, $"{now} statements prepared"); // BEGIN, SET, INSERT, 3 SELECTs, COMMIT (some may share)
                Assert.Equal(prepared, now); // reused, not prepared again, across pool borrowings
                await AssertCleanAsync(c);
            }
        }
    }

    [Fact]
    public async Task AFailedStatementLeavesTheConnectionSoundForEveryLaterCommand()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = PoolOfOne(db);
        await using (var c = await source.OpenConnectionAsync())
            await c.ExecuteAsync("CREATE TABLE t (id int PRIMARY KEY, v text CHECK (length(v) < 10))");
        const string Batch = """
            BEGIN; SET LOCAL synchronous_commit = off;
            WITH x AS (INSERT INTO t VALUES (@id, @v) RETURNING id) SELECT count(*) FROM x;
            COMMIT;
            """;
        const string Single = "INSERT INTO t VALUES (@id, @v) RETURNING id";
        var id = 0;
        foreach (var first in new[] { "NUL \0", "far too long a value", "ok" }) // the first execution on the connection fails, or not
            for (var round = 0; round < 4; round++)
            {
                var bad = round % 2 == 0 ? first : "ok";
                // Each on a connection borrowed for it, as Júlia's stores do: a failed batch leaves its transaction for the
                // pool to end.
                Exception? batch, single, inTx;
                await using (var c = await source.OpenConnectionAsync())
                    batch = await Record(() => c.QuerySinglePreparedAsync<long>(Batch, default, new { id = ++id, v = bad }));
                await using (var c = await source.OpenConnectionAsync())
                    single = await Record(() => c.QuerySinglePreparedAsync<int>(Single, default, new { id = ++id, v = bad }));
                await using (var c = await source.OpenConnectionAsync())
                await using (var tx = await c.BeginTransactionAsync()) // the npgsql#6391 shape: inside a transaction
                {
                    inTx = await Record(() => c.QuerySinglePreparedAsync<int>(Single, default, new { id = ++id, v = bad }));
                    if (inTx is null) await tx.CommitAsync();
                    else await tx.RollbackAsync();
                }
                Assert.Equal(bad == "ok", batch is null);
                Assert.Equal(bad == "ok", single is null);
                Assert.Equal(bad == "ok", inTx is null);
                await using (var c = await source.OpenConnectionAsync())
                {
                    Assert.Equal(1L, await c.QuerySinglePreparedAsync<long>(Batch, default, new { id = ++id, v = "sound" }));
                    var next = ++id;
                    Assert.Equal(next, await c.QuerySinglePreparedAsync<int>(Single, default, new { id = next, v = "sound" }));
                    await AssertCleanAsync(c);
                }
            }
    }

    static async Task<Exception?> Record(Func<Task> action)
    {
        try { await action(); return null; }
        catch (PostgresException e) { return e; }
    }

    static NpgsqlDataSource PoolOfOne(TestDatabase db)
    {
        var csb = new NpgsqlConnectionStringBuilder(db.Url) { MaxPoolSize = 1 };
        DatabaseExtensions.ApplyPoolDefaults(csb);
        return NpgsqlDataSource.Create(csb.ConnectionString);
    }

    static async Task AssertCleanAsync(NpgsqlConnection c)
    {
        Assert.Equal(42, await c.QuerySingleAsync<int>("SELECT 42"));
        var notices = new List<string>();
        c.Notice += (_, e) => notices.Add(e.Notice.MessageText);
        await c.ExecuteAsync("COMMIT"); // outside a transaction: only a warning
        Assert.Contains(notices, n => n.Contains("no transaction in progress", StringComparison.Ordinal));
    }
}
