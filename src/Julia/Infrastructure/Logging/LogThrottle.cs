namespace Julia.Infrastructure.Logging;

/// <summary>
/// At most one log line per interval for a warning any sender can cause again and again (docs/decisions.md#logging):
/// the first is written, the repeats within the interval are not.
/// </summary>
internal sealed class LogThrottle(TimeSpan every)
{
    long lastTicks = long.MinValue;

    public bool ShouldLog(DateTimeOffset now)
    {
        var last = Interlocked.Read(ref lastTicks);
        if (last != long.MinValue && now.UtcTicks - last < every.Ticks) return false;
        return Interlocked.CompareExchange(ref lastTicks, now.UtcTicks, last) == last;
    }
}
