using Julia.Infrastructure.Configuration;
using Julia.Infrastructure.Database;
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
}
