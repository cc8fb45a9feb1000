using Npgsql;

namespace Julia.IntegrationTests.TestHost;

/// <summary>A fresh, empty database of its own on the test server; dropped on dispose.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    TestDatabase(string name, string url) { Name = name; Url = url; }

    public string Name { get; }
    /// <summary>Npgsql connection string for this database (what DATABASE_URL receives).</summary>
    public string Url { get; }

    public static async Task<TestDatabase> CreateAsync()
    {
        var name = $"julia_test_{Guid.NewGuid():N}"[..32];
        var admin = TestServers.AdminConnection();
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var cmd = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await cmd.ExecuteNonQueryAsync();
        }
        var csb = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = name, Pooling = true };
        return new TestDatabase(name, csb.ConnectionString);
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(Url);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        var admin = TestServers.AdminConnection();
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
