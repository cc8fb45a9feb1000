namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// The host's clock set to an instant a test chooses (a Friday at 17:55 in São Paulo), running on from it at the real
/// pace: timers and delays stay the system's, so the dispatch loops poll as they always do and only "now" moves. The
/// database's now() does not move: a row the host schedules for a set instant is made due by the test when its clock
/// gets there (see WeekendJourneyTests).
/// </summary>
public sealed class JourneyClock : TimeProvider
{
    long offsetTicks;

    public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow().AddTicks(Interlocked.Read(ref offsetTicks));

    /// <summary>From now on the host's "now" is <paramref name="instant"/>, and runs on from there.</summary>
    public void Set(DateTimeOffset instant) => Interlocked.Exchange(ref offsetTicks, (instant - TimeProvider.System.GetUtcNow()).Ticks);
}
