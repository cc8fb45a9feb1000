using System.Net.Sockets;
using Julia.Cli;
using Npgsql;

namespace Julia.UnitTests.Cli;

/// <summary>The one line a failed run ends with: the cause in pt-BR, what to do, and never the password.</summary>
public sealed class FailureLineTests
{
    const string Url = "postgres://julia:senha-secreta@db.interno:6543/julia_prod";

    [Fact]
    public void WrongPasswordSaysLoginAndNeverThePassword()
    {
        var line = FailureLine.Database(new PostgresException("password authentication failed for user \"julia\"", "FATAL", "FATAL", "28P01"), Url)!;

        Assert.StartsWith("julia: ERROR banco de dados recusou o login em db.interno:6543/julia_prod (28P01", line);
        Assert.Contains("confira usuário e senha em DATABASE_URL", line);
        Assert.DoesNotContain("senha-secreta", line);
    }

    [Fact]
    public void MissingDatabaseSaysSo() =>
        Assert.Contains("banco de dados não existe em db.interno:6543/julia_prod (3D000",
            FailureLine.Database(new PostgresException("database \"julia_prod\" does not exist", "FATAL", "FATAL", "3D000"), Url));

    [Fact]
    public void ConnectionRefusedAsksWhetherPostgresIsUp()
    {
        var line = FailureLine.Database(new NpgsqlException("Failed to connect to 10.0.0.5:6543", new SocketException((int)SocketError.ConnectionRefused)), Url)!;

        Assert.Equal("julia: ERROR banco de dados inacessível em db.interno:6543/julia_prod (conexão recusada): o PostgreSQL está no ar? confira host e porta em DATABASE_URL", line);
    }

    [Fact]
    public void UnknownHostPointsAtTheHost() =>
        Assert.Contains("host não encontrado", FailureLine.Database(new NpgsqlException("x", new SocketException((int)SocketError.HostNotFound)), Url));

    [Fact]
    public void TimeoutIsUnreachable() =>
        Assert.Contains("inacessível em db.interno:6543/julia_prod (sem resposta no prazo)",
            FailureLine.Database(new NpgsqlException("The operation has timed out", new TimeoutException()), Url));

    [Fact]
    public void ARefusedStatementIsNotCalledUnreachable()
    {
        var line = FailureLine.Database(new PostgresException("permission denied for schema public", "ERROR", "ERROR", "42501"), Url)!;

        Assert.Contains("recusou um comando", line);
        Assert.DoesNotContain("inacessível", line);
    }

    [Fact]
    public void AServerShuttingDownIsUnreachable() =>
        Assert.Contains("inacessível", FailureLine.Database(new PostgresException("the database system is shutting down", "FATAL", "FATAL", "57P03"), Url));

    [Fact]
    public void AnUnparsableUrlLeavesTheTargetOut() =>
        Assert.StartsWith("julia: ERROR banco de dados inacessível (conexão recusada)",
            FailureLine.Database(new NpgsqlException("x", new SocketException((int)SocketError.ConnectionRefused)), null));

    [Fact]
    public void OtherExceptionsAreNotDatabaseFailures() =>
        Assert.Null(FailureLine.Database(new InvalidOperationException("x"), Url));

    /// <summary>A socket error or a timeout Npgsql did not raise (HOST not of this machine, Redis) is not blamed on DATABASE_URL.</summary>
    [Fact]
    public void SocketErrorsAndTimeoutsOutsideNpgsqlAreNotDatabaseFailures()
    {
        Assert.Null(FailureLine.Database(new SocketException((int)SocketError.AddressNotAvailable), Url));
        Assert.Null(FailureLine.Database(new InvalidOperationException("x", new TimeoutException()), Url));
    }

    [Fact]
    public void AnythingElseIsOneLineWithItsTypeAndMessage()
    {
        var line = FailureLine.Unexpected("serve", new AggregateException(new InvalidOperationException("linha um\nlinha dois")));

        Assert.Equal("julia: ERROR serve falhou (InvalidOperationException: linha um linha dois); o stack trace sai com DEBUG=true", line);
    }
}
