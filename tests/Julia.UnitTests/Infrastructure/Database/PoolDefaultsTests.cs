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
