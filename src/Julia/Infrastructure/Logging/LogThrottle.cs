namespace Julia.Infrastructure.Logging;

/// <summary>
/// At most one log line per interval for a warning any sender can cause again and again (docs/decisions.md#configuration, "Logging"):
/// the first is written, the repeats within the interval are not, and are counted for the next line that is.
/// </summary>
internal sealed class LogThrottle(TimeSpan every)
{
    long lastTicks = long.MinValue;
    long skipped;

    public bool ShouldLog(DateTimeOffset now) => ShouldLog(now, out _);

    /// <summary>Whether to write the line now; when so, <paramref name="skipped"/> is how many were not written since the last one.</summary>
    public bool ShouldLog(DateTimeOffset now, out long skipped)
    {
        skipped = 0;
        var last = Interlocked.Read(ref lastTicks);
        if ((last != long.MinValue && now.UtcTicks - last < every.Ticks) || Interlocked.CompareExchange(ref lastTicks, now.UtcTicks, last) != last)
        {
            Interlocked.Increment(ref this.skipped);
            return false;
        }
        skipped = Interlocked.Exchange(ref this.skipped, 0);
        return true;
    }
}
