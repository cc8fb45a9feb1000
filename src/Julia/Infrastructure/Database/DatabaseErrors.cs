using Npgsql;

namespace Julia.Infrastructure.Database;

/// <summary>Tells "the database is down" (answer 503, the sender retries) from "the database refused this data" (a 4xx).</summary>
internal static class DatabaseErrors
{
    /// <summary>
    /// Anything but a refusal of the data: connection failures, timeouts, a server shutting down, out of resources, any
    /// FATAL error (the server refused or ended the session, e.g. 55000 "database is not currently accepting
    /// connections" during maintenance)… When in doubt the answer is 503, so the sender retries and nothing accepted is
    /// lost (docs/reliability.md).
    /// </summary>
    public static bool IsUnavailable(Exception ex) => Find(ex) switch
    {
        PostgresException pg => !Refused(pg),
        NpgsqlException or TimeoutException => true,
        _ => false,
    };

    /// <summary>
    /// The server refused this request's data (SQLSTATE class 22 data exception, 23 integrity constraint violation, 54
    /// program limit exceeded, e.g. an index row too large): retrying would fail the same way, so it is a 4xx.
    /// </summary>
    public static bool IsDataError(Exception ex) => Find(ex) is PostgresException pg && Refused(pg);

    static bool Refused(PostgresException pg) =>
        pg.InvariantSeverity is not ("FATAL" or "PANIC") && pg.SqlState[..2] is "22" or "23" or "54";

    /// <summary>The server's SQLSTATE of a refusal, for the log line (never the refused value).</summary>
    public static string? SqlState(Exception ex) => Find(ex) is PostgresException pg ? pg.SqlState : null;

    static Exception? Find(Exception ex) =>
        ex is NpgsqlException or TimeoutException ? ex : ex.InnerException is { } inner ? Find(inner) : null;
}
