using Julia.Maintenance;
using Spectre.Console;

namespace Julia.Cli;

/// <summary>
/// `julia limpeza [--dry-run]`: the retention rules now, with a progress bar per table on a terminal, then the counts
/// on stdout (only the counts when stdout is a pipe or a file; the log lines go to stderr, src/Julia/Cli/JuliaCli.cs, and
/// each table's count is a log line only with DEBUG=true, so `2>&amp;1 | tee` shows it once).
/// </summary>
internal static class RetentionConsole
{
    public static bool Interactive => AnsiConsole.Profile.Capabilities.Interactive && !Console.IsOutputRedirected;

    public static async Task RunAsync(RetentionRunner runner, bool dryRun)
    {
        IReadOnlyList<RetentionCount> counts;
        if (Interactive)
        {
            counts = await AnsiConsole.Progress().AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var tasks = runner.Targets.ToDictionary(t => t, t => ctx.AddTask(Markup.Escape(t.Name), autoStart: false));
                    var progress = new SyncProgress<(IRetentionTarget Target, long Done, long Total)>(p =>
                    {
                        var task = tasks[p.Target];
                        task.MaxValue = Math.Max(1, p.Total);
                        task.Value = dryRun ? task.MaxValue : p.Done;
                        task.StartTask();
                    });
                    return await runner.RunAsync(dryRun, progress, CancellationToken.None, callerPrintsCounts: true);
                });
        }
        else
        {
            // A pipe, a file, cron: stdout is the counts once, at the end (greppable); each table's count is not logged
            // again at INFO (`2>&1 | tee` showed it twice; DEBUG=true shows it on stderr), and a long deletion says where
            // it is on stderr every 10 000 rows.
            var progress = new SyncProgress<(IRetentionTarget Target, long Done, long Total)>(p =>
            {
                if (p.Done > 0 && p.Done < p.Total && p.Done % 10_000 == 0) Console.Error.WriteLine($"julia: {p.Target.Name}: {p.Done}/{p.Total} apagadas…");
            });
            counts = await runner.RunAsync(dryRun, progress, CancellationToken.None, callerPrintsCounts: true);
        }
        foreach (var c in counts)
            Console.WriteLine(dryRun ? $"{c.Name}: {Infrastructure.Text.PtBrCount.Of(c.Expired, "linha seria apagada", "linhas seriam apagadas")} (simulação)"
                : $"{c.Name}: {Infrastructure.Text.PtBrCount.Of(c.Deleted, "linha apagada", "linhas apagadas")}");
    }

    /// <summary>Reports on the caller's thread (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
