using Julia.Infrastructure.Configuration;
using Npgsql;

namespace Julia.Queue;

/// <summary>The dispatcher's own connection pool, with `synchronous_commit = off` (see <see cref="DispatchStore"/>).</summary>
internal sealed class DispatchDataSource : IAsyncDisposable
{
    public DispatchDataSource(IConfiguration configuration)
    {
        ConnectionStrings.TryPostgres(configuration["Database:Url"]!, out var csb, out _);
        csb.ApplicationName = "julia-dispatch";
        csb.Options = string.IsNullOrEmpty(csb.Options) ? "-c synchronous_commit=off" : csb.Options + " -c synchronous_commit=off";
        Source = NpgsqlDataSource.Create(csb);
    }

    public NpgsqlDataSource Source { get; }

    public ValueTask DisposeAsync() => Source.DisposeAsync();
}
