using Julia.Infrastructure.Database;
using Julia.Infrastructure.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// The turns' own connection pool (`julia-turno` in pg_stat_activity), of MAX_WORKERS + 1 connections: a turn's
/// statements (its start, its check of its first row once it holds the lock, its reply) are prepared on these few connections only, so an ANALYZE of a hot table makes
/// ~5 connections plan them again instead of every connection of the main pool (docs/decisions.md#prepared-statements).
/// A turn holds at most one of them at a time; its conversation lock, when Redis is down, comes from the main pool.
/// </summary>
internal sealed class TurnDataSource(IConfiguration configuration, ILoggerFactory loggers, IOptions<WorkersOptions> workers) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } =
        DatabaseExtensions.CreateDataSource(configuration, loggers, "julia-turno", maxPoolSize: workers.Value.MaxWorkers + 1);

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
