using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.UnitTests.Infrastructure.Database;

/// <summary>503 (the sender retries) or 400 (the data is wrong): docs/reliability.md, "Found".</summary>
public sealed class DatabaseErrorsTests
{
    static PostgresException Error(string severity, string sqlState) => new("mensagem", severity, severity, sqlState);

    [Theory]
    [InlineData("FATAL", "55000")] // database is not currently accepting connections
    [InlineData("FATAL", "3D000")] // database does not exist (yet: a restore)
    [InlineData("FATAL", "28P01")] // password refused after a rotation
    [InlineData("FATAL", "57P01")] // terminated by an administrator
    [InlineData("ERROR", "08006")]
    [InlineData("ERROR", "53300")]
    public void ASessionTheServerRefusesOrEndsIsUnavailable(string severity, string sqlState)
    {
        Assert.True(DatabaseErrors.IsUnavailable(Error(severity, sqlState)));
        Assert.False(DatabaseErrors.IsDataError(Error(severity, sqlState)));
    }

    [Theory]
    [InlineData("22021")] // invalid byte sequence
    [InlineData("22001")] // value too long
    [InlineData("23514")] // check violation
    public void AStatementRefusingTheDataIsADataError(string sqlState)
    {
        Assert.True(DatabaseErrors.IsDataError(Error("ERROR", sqlState)));
        Assert.False(DatabaseErrors.IsUnavailable(Error("ERROR", sqlState)));
    }

    [Fact]
    public void AWrappedConnectionFailureIsUnavailable() =>
        Assert.True(DatabaseErrors.IsUnavailable(new InvalidOperationException("wrapper", new NpgsqlException("connection refused"))));
}
