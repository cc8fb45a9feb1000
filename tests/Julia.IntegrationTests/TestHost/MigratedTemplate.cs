using System.Security.Cryptography;
using System.Text;
using Julia.Infrastructure.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// The test server's database holding every migration, named by a hash of the migrations' text so a changed or added
/// migration makes a new one (older ones are dropped). Built once per run, under the server's advisory lock, through the
/// product's own <see cref="MigrationRunner"/>; nobody connects to it afterwards, so `CREATE DATABASE … TEMPLATE` can copy it.
/// </summary>
static class MigratedTemplate
{
    const string Prefix = "julia_tpl_";
    static readonly Lazy<Task<string>> Built = new(BuildAsync);

    public static Task<string> NameAsync() => Built.Value;

    static async Task<string> BuildAsync()
    {
        var text = string.Concat(EmbeddedSql.Migrations().Select(m => m.Name + "\n" + m.Sql));
        var name = Prefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
        var admin = TestServers.AdminConnection().ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        // Two test processes on one server (a developer's run beside ./test.sh) build it once.
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationRunner.LockKey} + 7)");
        try
        {
            await using (var exists = new NpgsqlCommand("SELECT count(*) FROM pg_database WHERE datname = @name", connection))
            {
                exists.Parameters.AddWithValue("name", name);
                if ((long)(await exists.ExecuteScalarAsync())! == 1) return name;
            }
            await using (var old = new NpgsqlCommand("SELECT datname FROM pg_database WHERE datname LIKE 'julia\\_tpl\\_%'", connection))
            await using (var reader = await old.ExecuteReaderAsync())
            {
                var stale = new List<string>();
                while (await reader.ReadAsync()) stale.Add(reader.GetString(0));
                await reader.CloseAsync();
                foreach (var db in stale) await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{db}\" WITH (FORCE)");
            }
            var building = name + "_b";
            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
            await ExecuteAsync(connection, $"CREATE DATABASE \"{building}\"");
            var target = new NpgsqlConnectionStringBuilder(admin) { Database = building, Pooling = false }.ConnectionString;
            await using (var source = NpgsqlDataSource.Create(target))
                await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
            await ExecuteAsync(connection, $"ALTER DATABASE \"{building}\" RENAME TO \"{name}\"");
            return name;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationRunner.LockKey} + 7)");
        }
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }
}
