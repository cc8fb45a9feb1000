namespace Julia.Infrastructure.Logging;

/// <summary>
/// At most <c>lines</c> log lines per window for news that can flip back and forth (a connection state a flapping
/// gateway, or a sender, reports hundreds of times a minute; docs/decisions.md#configuration, "Logging"). The lines
/// within the budget are written as they come; the rest are counted, and once the window ends one summary is written
/// with how many were left out — so the last line about it always tells the state it settled in, which the summary
/// reads when it is written.
/// </summary>
internal sealed class LogBudget(TimeProvider time, int lines, TimeSpan window)
{
    readonly Lock gate = new();
    DateTimeOffset windowStart = DateTimeOffset.MinValue;
    int used;
    int withheld;
    ITimer? flush;
    Action<int>? summary;

    /// <summary>
    /// Whether to write this line now. When not, it is counted, and <paramref name="summarise"/> (the latest given)
    /// runs once when the window ends, with the number left out; it must not throw.
    /// </summary>
    public bool TryTake(Action<int> summarise)
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            if (withheld == 0 && now - windowStart >= window)
            {
                windowStart = now;
                used = 0;
            }
            if (used < lines)
            {
                used++;
                return true;
            }
            withheld++;
            summary = summarise;
            flush ??= time.CreateTimer(_ => Flush(), null, windowStart + window - now, Timeout.InfiniteTimeSpan);
            return false;
        }
    }

    void Flush()
    {
        int count;
        Action<int>? write;
        lock (gate)
        {
            count = withheld;
            write = summary;
            withheld = 0;
            summary = null;
            flush?.Dispose();
            flush = null;
            // A new window from now: news that keeps flipping gets its budget again, then one more summary.
            windowStart = time.GetUtcNow();
            used = 0;
        }
        if (count > 0) write?.Invoke(count);
    }
}
