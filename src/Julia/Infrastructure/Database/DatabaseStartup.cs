using Npgsql;

namespace Julia.Infrastructure.Database;

/// <summary>
/// Brings the schema up to date before any other hosted service starts (registered first). A database that does not
/// answer in time is asked again, up to <see cref="Attempts"/> times in all, before the process gives up with its one
/// failure line: the first connection of a process starting on a busy machine (its code still being compiled while
/// other processes take the cores) can outlast the 5 s connect timeout once, and a process that exits then is restarted
/// only by whoever watches it (docs/decisions.md#database-timeouts). A refused connection, a wrong password or a missing
/// database is not asked again: those answer at once and asking again changes nothing.
/// </summary>
internal sealed partial class DatabaseStartup(MigrationRunner migrations, ILogger<DatabaseStartup> logger) : IHostedService
{
    internal const int Attempts = 3;

    public async Task StartAsync(CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await migrations.RunAsync(ct);
                return;
            }
            catch (NpgsqlException ex) when (attempt < Attempts && !ct.IsCancellationRequested && TimedOut(ex))
            {
                LogNoAnswer(attempt, Attempts);
            }
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;

    static bool TimedOut(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
            if (ex is TimeoutException) return true;
        return false;
    }

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning,
        Message = "Database did not answer in time at start-up (attempt {Attempt} of {Attempts}); trying again")]
    private partial void LogNoAnswer(int attempt, int attempts);
}
