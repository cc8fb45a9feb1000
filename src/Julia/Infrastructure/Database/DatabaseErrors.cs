using Npgsql;

namespace Julia.Infrastructure.Database;

/// <summary>Tells "the database is down" (answer 503, the sender retries) from "the database refused this data" (a 4xx).</summary>
internal static class DatabaseErrors
{
    /// <summary>
    /// Connection failures, timeouts, a server shutting down or out of resources (SQLSTATE classes 08, 53, 57, 58), and any
    /// FATAL error: the server refused or ended the session (e.g. 55000 "database is not currently accepting connections"
    /// during maintenance), which says nothing about the request. A constraint or data error (classes 22, 23…) is the
    /// request's fault: retrying it would fail the same way.
    /// </summary>
    public static bool IsUnavailable(Exception ex) => Find(ex) switch
    {
        PostgresException pg => pg.InvariantSeverity is "FATAL" or "PANIC" || pg.SqlState[..2] is "08" or "53" or "57" or "58",
        NpgsqlException or TimeoutException => true,
        _ => false,
    };

    /// <summary>A server's refusal of the data (the request is wrong, the database is fine).</summary>
    public static bool IsDataError(Exception ex) => Find(ex) is PostgresException pg && !IsUnavailable(pg);

    static Exception? Find(Exception ex) =>
        ex is NpgsqlException or TimeoutException ? ex : ex.InnerException is { } inner ? Find(inner) : null;
}
