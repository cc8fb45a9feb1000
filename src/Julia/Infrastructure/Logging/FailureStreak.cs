using System.Globalization;

namespace Julia.Infrastructure.Logging;

/// <summary>
/// A background loop failing again and again (the database down for ten minutes) logs its first failure in full, then a
/// summary line that comes less often the longer the outage lasts (<see cref="Gap"/>), and one line when it works again —
/// not one ERROR with a stack trace per retry (docs/decisions.md#configuration). Every loop logs through this class, so the words an operator greps are the same
/// for all of them: `failed;` (ERROR, with the exception), `still failing` (WARNING: the count, for how long, the last
/// exception's type) and `working again after N failures` (INFO: the count and how long it lasted).
/// </summary>
/// <param name="loop">What failed, as the lines name it: "Dispatch loop respostas", "Job retencao".</param>
/// <param name="next">What the loop does next, ending the ERROR and WARNING lines: "continuing", "next sweep in 60 s".</param>
internal sealed partial class FailureStreak(string loop, string next, TimeProvider time, ILogger logger)
{
    readonly Lock gate = new();
    int failures;
    long attempts, lastAttemptAtFailure;
    DateTimeOffset since, lastReported;

    /// <summary>
    /// For loops running side by side on one streak (the reply dispatcher's MAX_WORKERS): a number for the attempt about to
    /// start, given back to <see cref="Succeed(long)"/>. An attempt that started before the last failure was seen proves
    /// nothing about the outage — it ended a streak a second old and started a new one with another ERROR.
    /// </summary>
    public long Attempt()
    {
        lock (gate) return ++attempts;
    }

    /// <summary>One more failure: the first is logged in full, then a summary when <see cref="Gap"/> has passed, the rest not at all.</summary>
    public void Fail(Exception ex)
    {
        Report report;
        int count;
        TimeSpan lasting;
        lock (gate)
        {
            failures++;
            lastAttemptAtFailure = attempts;
            count = failures;
            var now = time.GetUtcNow();
            if (failures == 1) since = now;
            lasting = now - since;
            report = failures == 1 ? Report.First : now - lastReported < Gap(lastReported - since) ? Report.Quiet : Report.Still;
            if (report != Report.Quiet) lastReported = now;
        }
        switch (report)
        {
            case Report.First: LogFailed(logger, ex, loop, next); break;
            case Report.Still: LogStillFailing(logger, loop, count, Duration(lasting), ex.GetType().Name, next); break;
        }
    }

    /// <summary>The loop worked: a streak that was going on is over, and the line says after how many failures and how long.</summary>
    public void Succeed() => Succeed(long.MaxValue);

    /// <summary>As <see cref="Succeed()"/>, for the attempt <see cref="Attempt"/> numbered: ignored when it started before the last failure.</summary>
    public void Succeed(long attempt)
    {
        int had;
        TimeSpan lasted;
        lock (gate)
        {
            if (failures == 0 || attempt <= lastAttemptAtFailure) return;
            had = failures;
            lasted = time.GetUtcNow() - since;
            failures = 0;
        }
        LogRecovered(logger, loop, had, Duration(lasted));
    }

    public int Failures { get { lock (gate) return failures; } }

    /// <summary>
    /// How long after a line, written <paramref name="into"/> the outage, the next `still failing` may come: every minute
    /// for the first 5 minutes (a blip, or the start of something the operator is watching live), then every 5 minutes up
    /// to the hour, then every 15 minutes — a one-hour outage is 16 lines per loop instead of 60, a night-long one 4 an
    /// hour, and the last line is never more than 15 minutes old (docs/decisions.md#configuration).
    /// </summary>
    internal static TimeSpan Gap(TimeSpan into) =>
        into < TimeSpan.FromMinutes(5) ? TimeSpan.FromMinutes(1)
        : into < TimeSpan.FromHours(1) ? TimeSpan.FromMinutes(5)
        : TimeSpan.FromMinutes(15);

    enum Report { First, Still, Quiet }

    /// <summary>"45 s", "12 min 5 s", "2 h 3 min": an outage's length as an operator reads it.</summary>
    internal static string Duration(TimeSpan t)
    {
        var s = (long)Math.Max(0, Math.Round(t.TotalSeconds));
        var c = CultureInfo.InvariantCulture;
        return s < 60 ? string.Create(c, $"{s} s")
            : s < 3600 ? string.Create(c, $"{s / 60} min {s % 60} s")
            : string.Create(c, $"{s / 3600} h {s % 3600 / 60} min");
    }

    [LoggerMessage(EventId = 170, Level = LogLevel.Error, Message = "{Loop} failed; {Next}")]
    private static partial void LogFailed(ILogger logger, Exception ex, string loop, string next);

    [LoggerMessage(EventId = 171, Level = LogLevel.Warning, Message = "{Loop} still failing ({Failures} times in a row for {Lasting}, {Error}); {Next}")]
    private static partial void LogStillFailing(ILogger logger, string loop, int failures, string lasting, string error, string next);

    [LoggerMessage(EventId = 172, Level = LogLevel.Information, Message = "{Loop} working again after {Failures} failures in {Lasted}")]
    private static partial void LogRecovered(ILogger logger, string loop, int failures, string lasted);
}
