using Npgsql;

namespace Julia.IntegrationTests.TestHost;

/// <summary>A fresh, empty database of its own on the test server; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    TestDatabase(string name, string url) { Name = name; Url = url; }

    public string Name { get; }
    /// <summary>Npgsql connection string for this database (what DATABASE_URL receives).</summary>
    public string Url { get; }

    public static Task<TestDatabase> CreateAsync() => CreateAsync(template: null);

    /// <summary>
    /// A database that already holds every migration: a copy of <see cref="MigratedTemplate"/>, made once per run (a
    /// copy takes a fraction of the migrations' time, and 150-odd test classes each wanted a migrated database). The host
    /// still runs its migrations at start and finds nothing to do. Tests of the migrations themselves use <see cref="CreateAsync()"/>.
    /// </summary>
    public static async Task<TestDatabase> CreateMigratedAsync() => await CreateAsync(await MigratedTemplate.NameAsync());

    static async Task<TestDatabase> CreateAsync(string? template)
    {
        var name = $"julia_test_{Guid.NewGuid():N}"[..32];
        var admin = TestServers.AdminConnection();
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            // FILE_COPY (PostgreSQL 15+) copies the template's files; the default, WAL_LOG, writes each of its blocks to the
            // WAL too — about 1.7× the server's time per copy, hundreds of copies a run.
            var strategy = connection.PostgreSqlVersion.Major >= 15 ? " STRATEGY FILE_COPY" : "";
            var sql = template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"{strategy}";
            await using var cmd = new NpgsqlCommand(sql, connection);
            await cmd.ExecuteNonQueryAsync();
        }
        var csb = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true };
        return new TestDatabase(name, csb.ConnectionString);
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(Url);

    public async ValueTask DisposeAsync()
    {
        // This database's own pooled connections, not every pool of the process (other classes' and the admin's).
        await using (var mine = new NpgsqlConnection(Url)) NpgsqlConnection.ClearPool(mine);
        var admin = TestServers.AdminConnection();
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
