using Julia.Infrastructure.Configuration;
using Julia.Infrastructure.Database;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.UnitTests.Infrastructure.Database;

public sealed class PoolDefaultsTests
{
    static NpgsqlConnectionStringBuilder Pool(string url)
    {
        Assert.True(ConnectionStrings.TryPostgres(url, out var csb, out var error), error);
        DatabaseExtensions.ApplyPoolDefaults(csb);
        return csb;
    }

    [Fact]
    public void ThePoolSkipsDiscardAllFailsFastAndPreparesNothingByItself()
    {
        var csb = Pool("postgres://postgres@db.example.supabase.co:5432/postgres");

        Assert.True(csb.NoResetOnClose);
        Assert.Equal(5, csb.Timeout);
        Assert.Equal(0, csb.MaxAutoPrepare); // npgsql/npgsql#6391: docs/decisions.md#turn-scheduling
    }

    /// <summary>SPEC §5: the `database` circuit's call timeout is 10 s (Npgsql's own default is 30 s).</summary>
    [Fact]
    public void AStatementMayTakeTenSeconds() =>
        Assert.Equal(CommandTimeouts.Call, Pool("postgres://postgres@db.example.supabase.co:5432/postgres").CommandTimeout);

    [Theory]
    [InlineData("postgres://postgres@localhost:5432/postgres?Command%20Timeout=45", 45)]
    [InlineData("Host=localhost;Username=postgres;Database=postgres;Command Timeout=3", 3)]
    [InlineData("Host=localhost;Username=postgres;Database=postgres;Command Timeout=0", 0)]
    public void ACommandTimeoutWrittenInTheUrlIsKept(string url, int expected) => Assert.Equal(expected, Pool(url).CommandTimeout);

    [Fact]
    public void AnExplicitTimeoutIsKept() =>
        Assert.Equal(30, Pool("postgres://postgres@localhost:5432/postgres?Timeout=30").Timeout);

    /// <summary>The turns' pool (julia-turno) is capped at MAX_WORKERS + 1, and a smaller Maximum Pool Size in DATABASE_URL still wins.</summary>
    [Theory]
    [InlineData("postgres://postgres@localhost:5432/postgres", 5)]
    [InlineData("postgres://postgres@localhost:5432/postgres?Maximum%20Pool%20Size=3", 3)]
    public void ACappedPoolTakesTheSmallerOfItsCapAndTheUrls(string url, int expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Url"] = url }).Build();
        using var source = DatabaseExtensions.CreateDataSource(configuration, NullLoggerFactory.Instance, "julia-turno", maxPoolSize: 5);
        var csb = new NpgsqlConnectionStringBuilder(source.ConnectionString);
        Assert.Equal(expected, csb.MaxPoolSize);
        Assert.Equal("julia-turno", csb.ApplicationName);
    }
}
