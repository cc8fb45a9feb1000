using Microsoft.Extensions.Options;

namespace Julia.Maintenance;

/// <summary>What retention did (or would do, in a dry run) to one table.</summary>
internal sealed record RetentionCount(string Name, long Expired, long Deleted);

/// <summary>
/// Retention (docs/decisions.md#retention): each owner's rule in order, deleted in batches of RETENCAO batch size
/// (1 000) — short transactions that never hold a long lock and skip rows others are using — until none is left.
/// </summary>
internal sealed partial class RetentionRunner(IEnumerable<IRetentionTarget> targets, IOptions<RetentionOptions> options, ILogger<RetentionRunner> logger)
{
    public IReadOnlyList<IRetentionTarget> Targets { get; } = [.. targets.OrderBy(t => t.Order)];

    /// <param name="progress">(target, deleted so far, expired at the start) after every batch.</param>
    /// <param name="callerPrintsCounts">
    /// True for `julia limpeza`, which prints the counts itself: each table's count is then a DEBUG log line, not INFO
    /// (with `2>&amp;1 | tee` it would show twice). The job (worker, `POST /jobs/retencao`) logs it at INFO.
    /// </param>
    public async Task<IReadOnlyList<RetentionCount>> RunAsync(bool dryRun, IProgress<(IRetentionTarget Target, long Done, long Total)>? progress,
        CancellationToken ct, bool callerPrintsCounts = false)
    {
        var level = callerPrintsCounts ? LogLevel.Debug : LogLevel.Information;
        var counts = new List<RetentionCount>();
        foreach (var target in Targets)
        {
            var expired = await target.CountExpiredAsync(ct);
            progress?.Report((target, 0, expired));
            long deleted = 0;
            if (!dryRun && expired > 0)
            {
                int batch;
                do
                {
                    batch = await target.DeleteExpiredBatchAsync(options.Value.BatchSize, ct);
                    deleted += batch;
                    progress?.Report((target, Math.Min(deleted, expired), expired));
                } while (batch > 0);
            }
            counts.Add(new RetentionCount(target.Name, expired, deleted));
            if (dryRun) LogWouldDelete(level, target.Name, expired); else LogDeleted(level, target.Name, deleted);
        }
        return counts;
    }

    [LoggerMessage(EventId = 8001, Message = "Retenção: {Name}: {Deleted} linhas apagadas")]
    private partial void LogDeleted(LogLevel level, string name, long deleted);

    [LoggerMessage(EventId = 8002, Message = "Retenção (simulação): {Name}: {Expired} linhas seriam apagadas")]
    private partial void LogWouldDelete(LogLevel level, string name, long expired);
}
