namespace Julia.Infrastructure.Database;

/// <summary>
/// How long one statement may take (docs/decisions.md#database-timeouts). Every pool's default is <see cref="Call"/>, the
/// `database` circuit's call timeout (docs/decisions.md#agent, "Circuit breakers"): a hung server fails the call in 10 s (a failure for the breaker, a 503 for
/// a webhook) instead of holding a worker for Npgsql's 30 s. A `Command Timeout` written in DATABASE_URL is kept.
/// The few statements that are long by nature say so: maintenance over whole tables, and schema changes.
/// </summary>
internal static class CommandTimeouts
{
    /// <summary>Seconds; the default of every command of every pool.</summary>
    public const int Call = 10;

    /// <summary>Npgsql's own default, replaced by <see cref="Call"/> when DATABASE_URL does not set one.</summary>
    public const int NpgsqlDefault = 30;

    /// <summary>Retention's counts and batches over tables of millions of rows (`julia limpeza`, the 03:00 job).</summary>
    public const int Maintenance = 300;

    /// <summary>Schema changes: an index on a large table, or waiting for another process's migration. No limit.</summary>
    public const int Migration = 0;
}
