using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Queue;

/// <summary>The dispatcher's own connection pool, with `synchronous_commit = off` (see <see cref="DispatchStore"/>).</summary>
internal sealed class DispatchDataSource(IConfiguration configuration, ILoggerFactory loggers) : IAsyncDisposable
{
    public NpgsqlDataSource Source { get; } =
        DatabaseExtensions.CreateDataSource(configuration, loggers, "julia-dispatch", "-c synchronous_commit=off");

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
