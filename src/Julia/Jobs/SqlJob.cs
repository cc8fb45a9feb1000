using Dapper;
using Npgsql;

namespace Julia.Jobs;

/// <summary>A job that is one statement on its owner's tables: runs it and says how many rows it changed.</summary>
internal abstract class SqlJob(NpgsqlDataSource db) : IJob
{
    public abstract string Name { get; }
    public abstract JobSchedule Schedule { get; }
    protected abstract string Sql { get; }
    protected abstract string Describe(int rows);

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return Describe(await c.ExecuteAsync(new CommandDefinition(Sql, cancellationToken: ct)));
    }
}
