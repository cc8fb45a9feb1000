using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>
/// Chatwoot down when Júlia starts (every endpoint 503, a proxy that lost it): the start-up profile read asks again
/// until it answers. Before (an audit, 2026-12-05) the client's `chatwoot: profile …` WARNING came with every try, one
/// a minute for as long as it lasted; now the loop logs its outage as every loop does (docs/decisions.md#configuration):
/// one ERROR, `still failing` at the streak's pace, `working again` and `Chatwoot answers at …` once it is back. A host
/// on a fake clock and a real HTTP fake Chatwoot.
/// </summary>
public sealed class ChatwootDownAtStartTests
{
    const int FailureStreakFirst = 170, FailureStreakStill = 171, FailureStreakRecovered = 172, ChatwootAnswers = 6301;
    const string Loop = "Chatwoot profile read at ";

    [Fact]
    public async Task AChatwootDownAtStartIsOneOutageInTheLogNotALinePerTry()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var chatwoot = await FakeChatwoot.StartAsync();
        chatwoot.Down = true;
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T13:00:00Z"));
        await using var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?>
        {
            ["CHATWOOT_URL"] = chatwoot.Url, ["CHATWOOT_API_TOKEN"] = "tok-api", ["CHATWOOT_ACCOUNT_ID"] = "1", ["CHATWOOT_INBOX_ID"] = "1",
            ["Chatwoot:TimeoutSeconds"] = "2",
        }, s => s.AddSingleton<TimeProvider>(clock));
        _ = app.Server;
        var logs = app.Logs;
        await Eventually.MatchesAsync(() => Task.FromResult(Of(logs, FailureStreakFirst).Count), n => n == 1);

        // Ten minutes down: the read is tried again after 5, 10, 20, 40 s, then every minute — about 13 tries.
        for (var second = 0; second < 10 * 60; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(15);
        }
        var tries = chatwoot.Requests.Count(r => r.Path.EndsWith("/api/v1/profile", StringComparison.Ordinal));
        Assert.True(tries >= 5, $"{tries} profile reads in 10 minutes");
        var first = Assert.Single(Of(logs, FailureStreakFirst));
        Assert.Equal(LogLevel.Error, first.Level);
        Assert.Contains(new Uri(chatwoot.Url).Authority, first.Message, StringComparison.Ordinal);
        Assert.Contains("failed; handoff notes wait in the outbox; asking again within a minute", first.Message, StringComparison.Ordinal);
        var still = Of(logs, FailureStreakStill);
        Assert.InRange(still.Count, 1, 7);   // a minute apart at most for the first 5, then every 5 minutes
        Assert.All(still, l => Assert.Matches(@"still failing \(\d+ times in a row for \d+ min \d+ s, ChatwootException\)", l.Message));
        // The client's own line per try is gone for this read.
        Assert.DoesNotContain(logs.Lines, l => l.Message.StartsWith("chatwoot: profile", StringComparison.Ordinal));

        chatwoot.Down = false;
        for (var second = 0; second < 90 && Of(logs, FailureStreakRecovered).Count == 0; second++)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(30);
        }
        var recovered = await Eventually.MatchesAsync(() => Task.FromResult(Of(logs, FailureStreakRecovered)), l => l.Count == 1);
        Assert.Matches(@"working again after \d+ failures in \d+ min \d+ s$", recovered[0].Message);
        await Eventually.MatchesAsync(() => Task.FromResult(logs.Lines.Count(l => l.EventId == ChatwootAnswers)), n => n == 1);
    }

    /// <summary>
    /// A token Chatwoot refuses (401) at start is said as such, not as an outage whose notes "wait in the outbox": each
    /// note is given up at its first 401 until the token is fixed.
    /// </summary>
    [Fact]
    public async Task ATokenRefusedAtStartIsSaidAsARefusalNotAnOutage()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var chatwoot = await FakeChatwoot.StartAsync();
        chatwoot.RequiredToken = "tok-rotated";
        await using var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?>
        {
            ["CHATWOOT_URL"] = chatwoot.Url, ["CHATWOOT_API_TOKEN"] = "tok-api", ["CHATWOOT_ACCOUNT_ID"] = "1", ["CHATWOOT_INBOX_ID"] = "1",
        });
        _ = app.Server;

        var line = (await Eventually.MatchesAsync(() => Task.FromResult(app.Logs.Lines.Where(l => l.EventId == FailureStreakFirst).ToList()), l => l.Count > 0)).Single();
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.StartsWith("Chatwoot refused CHATWOOT_API_TOKEN at ", line.Message, StringComparison.Ordinal);
        Assert.Contains("given up until the token is fixed", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-api", line.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(app.Logs.Lines, l => l.Message.Contains("handoff notes wait in the outbox", StringComparison.Ordinal));
    }

    static List<CapturedLogs.Line> Of(CapturedLogs logs, int eventId) =>
        logs.Lines.Where(l => l.EventId == eventId && l.Message.StartsWith(Loop, StringComparison.Ordinal)).ToList();
}
