using Julia.Conversations;

namespace Julia.UnitTests.Conversations;

/// <summary>
/// `abertura` staggers only the messages that waited for the opening: run late (a process that started at 09:40 catches
/// up the 08:00 run), a message of 09:39 is live, and staggering it would make the doctor wait up to 15 min for nothing.
/// </summary>
public sealed class OpeningSweepJobTests
{
    static readonly DateTimeOffset Opening = new(2026, 11, 25, 8, 0, 0, TimeSpan.FromHours(-3));

    [Fact]
    public void RunLateItTakesOnlyMessagesOlderThanTheOpening() =>
        Assert.Equal(TimeSpan.FromMinutes(100), OpeningSweepJob.WaitedSince(Opening.AddMinutes(100), Opening));

    [Fact]
    public void OnTimeOrEarlyItTakesEveryWaitingMessage()
    {
        Assert.Equal(TimeSpan.Zero, OpeningSweepJob.WaitedSince(Opening, Opening));
        Assert.Equal(TimeSpan.Zero, OpeningSweepJob.WaitedSince(Opening.AddMinutes(-5), Opening));
    }
}
