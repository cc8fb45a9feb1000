using Npgsql;

namespace Julia.Infrastructure.Database;

/// <summary>
/// Applies the embedded, numbered SQL files in order, each in its own transaction, recording them in
/// <c>schema_migrations</c>. A session advisory lock makes concurrent runs (two processes starting together) safe.
/// </summary>
internal sealed partial class MigrationRunner(NpgsqlDataSource dataSource, ILogger<MigrationRunner> logger)
{
    internal const long LockKey = 0x4A554C49_41000001; // "JULIA" + 1: one key for schema changes.

    public async Task<int> RunAsync(CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", ct);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, ct);
            var applied = await AppliedAsync(connection, ct);
            var count = 0;
            foreach (var script in EmbeddedSql.Migrations())
            {
                if (applied.Contains(script.Name)) continue;
                await ApplyAsync(connection, script, ct);
                LogApplied(script.Name);
                count++;
            }
            await EnsureStatStatementsAsync(connection, ct);
            if (count == 0) LogUpToDate(applied.Count);
            return count;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    static async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        await using var cmd = new NpgsqlCommand("SELECT version FROM schema_migrations", connection);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result.Add(reader.GetString(0));
        return result;
    }

    static async Task ApplyAsync(NpgsqlConnection connection, EmbeddedSql.Script script, CancellationToken ct)
    {
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand(script.Sql, connection, tx) { CommandTimeout = CommandTimeouts.Migration })
            await cmd.ExecuteNonQueryAsync(ct);
        await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version) VALUES (@v)", connection, tx))
        {
            record.Parameters.AddWithValue("v", script.Name);
            await record.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
    }

    // The runbook's "Performance de queries" reads pg_stat_statements; managed servers may refuse the extension.
    async Task EnsureStatStatementsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        try
        {
            await ExecuteAsync(connection, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements", ct);
        }
        catch (PostgresException ex)
        {
            LogStatStatementsUnavailable(ex.MessageText);
        }
    }

    static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        // The lock waits for another process's migration, however long it takes (CommandTimeouts.Migration).
        await using var cmd = new NpgsqlCommand(sql, connection) { CommandTimeout = CommandTimeouts.Migration };
        await cmd.ExecuteNonQueryAsync(ct);
    }

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Migration {Name} applied")]
    private partial void LogApplied(string name);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Database schema up to date ({Count} migrations)")]
    private partial void LogUpToDate(int count);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "pg_stat_statements not available: {Reason}")]
    private partial void LogStatStatementsUnavailable(string reason);
}
