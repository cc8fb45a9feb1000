using Dapper;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Maintenance;

/// <summary>
/// One retention rule of a table, contributed by the table's owner (docs/decisions.md#retention): how many rows are past
/// it, and one bounded batch of deletes. Register with <c>services.AddSingleton&lt;IRetentionTarget, …&gt;()</c>.
/// </summary>
internal interface IRetentionTarget
{
    /// <summary>What the operator reads: the table and the rule, e.g. "interacoes (> 90 dias)".</summary>
    string Name { get; }

    /// <summary>Deletion order: rows that others point to (conversations) go after the rows pointing at them.</summary>
    int Order { get; }

    Task<long> CountExpiredAsync(CancellationToken ct);

    /// <summary>Deletes at most <paramref name="batchSize"/> expired rows, skipping rows locked by others; returns how many.</summary>
    Task<int> DeleteExpiredBatchAsync(int batchSize, CancellationToken ct);
}

/// <summary>A rule that is a count and a batched delete, each one statement written by the table's owner.</summary>
internal abstract class SqlRetentionTarget(NpgsqlDataSource db) : IRetentionTarget
{
    public abstract string Name { get; }
    public abstract int Order { get; }
    protected abstract int Days { get; }

    /// <summary>`SELECT count(*) …` with @days.</summary>
    protected abstract string CountSql { get; }

    /// <summary>`DELETE … WHERE id IN (SELECT id … LIMIT @batch FOR UPDATE SKIP LOCKED)` with @days and @batch.</summary>
    protected abstract string DeleteSql { get; }

    public async Task<long> CountExpiredAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<long>(new CommandDefinition(CountSql, new { days = Days },
            commandTimeout: CommandTimeouts.Maintenance, cancellationToken: ct));
    }

    public async Task<int> DeleteExpiredBatchAsync(int batchSize, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(DeleteSql, new { days = Days, batch = batchSize },
            commandTimeout: CommandTimeouts.Maintenance, cancellationToken: ct));
    }
}
