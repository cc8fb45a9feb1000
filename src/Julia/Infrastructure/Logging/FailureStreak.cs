namespace Julia.Infrastructure.Logging;

/// <summary>
/// A background loop failing again and again (the database down for ten minutes) logs its first failure in full, then one
/// line a minute while it lasts, not one ERROR with a stack trace per retry (docs/decisions.md#configuration).
/// </summary>
internal sealed class FailureStreak(TimeProvider time)
{
    static readonly TimeSpan Every = TimeSpan.FromMinutes(1);
    readonly Lock gate = new();
    int failures;
    DateTimeOffset lastReported;

    /// <summary>What to log for this failure: <see cref="Report.First"/> in full, <see cref="Report.Still"/> as a summary, or nothing.</summary>
    public Report Fail()
    {
        lock (gate)
        {
            failures++;
            var now = time.GetUtcNow();
            if (failures == 1)
            {
                lastReported = now;
                return Report.First;
            }
            if (now - lastReported < Every) return Report.Quiet;
            lastReported = now;
            return Report.Still;
        }
    }

    /// <summary>The loop worked: the streak is over; how many failures it had (0 when there was none).</summary>
    public int Succeed()
    {
        lock (gate)
        {
            var had = failures;
            failures = 0;
            return had;
        }
    }

    public int Failures { get { lock (gate) return failures; } }

    public enum Report { First, Still, Quiet }
}
