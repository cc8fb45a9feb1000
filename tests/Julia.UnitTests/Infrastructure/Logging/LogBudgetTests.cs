using Julia.Infrastructure.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Julia.UnitTests.Infrastructure.Logging;

/// <summary>
/// A connection state flipped 200 times in a few seconds (an outside fuzzing pass) wrote 200 lines: now the budget's
/// lines as they come, then one summary at the window's end that counts the rest and reads the state it settled in.
/// </summary>
public sealed class LogBudgetTests
{
    [Fact]
    public void LinesBeyondTheBudgetAreCountedAndSummedUpOnceWhenTheWindowEnds()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T10:00:00Z"));
        var budget = new LogBudget(time, lines: 5, window: TimeSpan.FromMinutes(1));
        var state = "";
        var summaries = new List<(int Left, string State)>();

        var written = 0;
        for (var i = 0; i < 200; i++)
        {
            state = i % 2 == 0 ? "close" : "open";
            if (budget.TryTake(left => summaries.Add((left, state)))) written++;
            time.Advance(TimeSpan.FromMilliseconds(100)); // 20 s for the 200
        }
        Assert.Equal(5, written);
        Assert.Empty(summaries); // not before the window ends

        time.Advance(TimeSpan.FromSeconds(40));
        Assert.Equal([(195, "open")], summaries); // the state it settled in, read when the summary is written

        // A new window: a single change later is written at once, and nothing more is summed up.
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.True(budget.TryTake(left => summaries.Add((left, "again"))));
        time.Advance(TimeSpan.FromMinutes(2));
        Assert.Single(summaries);
    }

    [Fact]
    public void NewsThatKeepsFlippingGetsItsBudgetAndOneSummaryEveryWindow()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T10:00:00Z"));
        var budget = new LogBudget(time, lines: 3, window: TimeSpan.FromMinutes(1));
        var written = 0;
        var summaries = new List<int>();
        for (var second = 0; second < 600; second++) // ten minutes, one change a second
        {
            if (budget.TryTake(summaries.Add)) written++;
            time.Advance(TimeSpan.FromSeconds(1));
        }
        Assert.InRange(written, 28, 31); // three a minute
        Assert.InRange(summaries.Count, 9, 10);
        Assert.Equal(600, written + summaries.Sum());
    }
}
