using System.Net.Sockets;
using Julia.Infrastructure.Configuration;
using Npgsql;

namespace Julia.Cli;

/// <summary>
/// The one stderr line a failed `julia` run ends with (exit 1): what is wrong and what to do, in pt-BR, with the
/// server's own words in parentheses — never a stack trace, never DATABASE_URL's user or password (only host, port and
/// database name). The runbook lists them ("A Júlia não sobe").
/// </summary>
internal static class FailureLine
{
    /// <summary>The line for a database failure, or null when <paramref name="ex"/> is not one.</summary>
    public static string? Database(Exception ex, string? databaseUrl)
    {
        // Only what Npgsql raised: a socket error or a timeout elsewhere (HOST, Redis) is not the database's.
        if (Find<NpgsqlException>(ex) is not { } npgsql) return null;
        var at = Target(databaseUrl) is { } target ? $" em {target}" : "";
        switch (npgsql as PostgresException)
        {
            case { SqlState: "28P01" or "28000" } pg:
                return $"julia: ERROR banco de dados recusou o login{at} ({pg.SqlState}: {pg.MessageText}): confira usuário e senha em DATABASE_URL";
            case { SqlState: "3D000" } pg:
                return $"julia: ERROR banco de dados não existe{at} ({pg.SqlState}: {pg.MessageText}): crie o banco (createdb) ou corrija o nome no fim de DATABASE_URL";
            case { } pg when pg.InvariantSeverity is "FATAL" or "PANIC" || pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                             || pg.SqlState.StartsWith("53", StringComparison.Ordinal) || pg.SqlState.StartsWith("57", StringComparison.Ordinal):
                return $"julia: ERROR banco de dados inacessível{at} ({pg.SqlState}: {pg.MessageText}): o servidor recusou a sessão; tente de novo em instantes e, se continuar, veja o PostgreSQL";
            case { } pg:
                return $"julia: ERROR banco de dados recusou um comando{at} ({pg.SqlState}: {pg.MessageText}): confira as permissões do usuário de DATABASE_URL";
        }
        if (Find<SocketException>(npgsql) is { } socket)
        {
            return socket.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => $"julia: ERROR banco de dados inacessível{at} (conexão recusada): o PostgreSQL está no ar? confira host e porta em DATABASE_URL",
                SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.NoRecovery
                    => $"julia: ERROR banco de dados inacessível{at} (host não encontrado: {socket.Message}): confira o host em DATABASE_URL",
                _ => $"julia: ERROR banco de dados inacessível{at} ({socket.Message}): confira host e porta em DATABASE_URL e a rede até o servidor",
            };
        }
        if (Find<TimeoutException>(npgsql) is not null)
            return $"julia: ERROR banco de dados inacessível{at} (sem resposta no prazo): confira host e porta em DATABASE_URL e a rede até o servidor";
        return $"julia: ERROR banco de dados inacessível{at} ({OneLine(npgsql.Message)}): confira DATABASE_URL e se o PostgreSQL está no ar";
    }

    /// <summary>Anything else that stopped the run: its type and message, and how to see the whole trace.</summary>
    public static string Unexpected(string verb, Exception ex)
    {
        var inner = ex is AggregateException { InnerExceptions.Count: 1 } aggregate ? aggregate.InnerExceptions[0] : ex;
        return $"julia: ERROR {verb} falhou ({inner.GetType().Name}: {OneLine(inner.Message)}); o stack trace sai com DEBUG=true";
    }

    /// <summary>"host:porta/banco" of a DATABASE_URL; null when it does not parse.</summary>
    static string? Target(string? databaseUrl) =>
        databaseUrl is { Length: > 0 } && ConnectionStrings.TryPostgres(databaseUrl, out var csb, out _) ? $"{csb.Host}:{csb.Port}/{csb.Database}" : null;

    static T? Find<T>(Exception? ex) where T : Exception
    {
        for (; ex is not null; ex = ex is AggregateException { InnerExceptions.Count: 1 } a ? a.InnerExceptions[0] : ex.InnerException)
            if (ex is T found) return found;
        return null;
    }

    static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
