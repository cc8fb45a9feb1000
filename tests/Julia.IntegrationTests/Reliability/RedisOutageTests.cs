using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>docs/reliability.md, "Redis stopped": Redis only accelerates, so a minute without it loses nothing.</summary>
[LongRunning(2)]
public sealed class RedisOutageTests(ITestOutputHelper output)
{
    /// <summary>One minute without Redis, as the fault matrix asks (docs/reliability.md, "Durations").</summary>
    static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RedisStoppedForAMinuteLosesNothingReportsDegradedAndRecovers()
    {
        var redis = new PrivateRedisServer();
        await redis.StartAsync();
        await using var rig = await FaultRig.StartAsync(redis: redis);
        var julia = await rig.StartJuliaAsync("julia");
        var messages = new DoctorMessages(series: 21, count: 30);
        var before = messages.All.Take(10).ToList();
        var during = messages.All.Skip(10).Take(10).ToList();
        var after = messages.All.Skip(20).ToList();

        await messages.PostEachAsync(() => julia.Http, before);
        await Answers.AssertEachAnsweredOnceAsync(rig, before);

        redis.Stop();
        var stoppedAt = DateTime.UtcNow;
        var degraded = await rig.WithLogsAsync(() => Readiness.WaitForAsync(julia, "degraded"));
        await messages.PostEachAsync(() => julia.Http, during.Take(5));
        await Task.Delay(Outage / 2);
        await messages.PostEachAsync(() => julia.Http, during.Skip(5));
        var answeredWhileDown = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Answers.CountAsync(rig, during),
            t => t.Replies == during.Count, (int)Math.Max(5, (Outage - (DateTime.UtcNow - stoppedAt)).TotalSeconds), pollMilliseconds: 500));
        var remaining = Outage - (DateTime.UtcNow - stoppedAt);
        if (remaining > TimeSpan.Zero) await Task.Delay(remaining);

        await redis.StartAsync();
        var ready = await rig.WithLogsAsync(() => Readiness.WaitForAsync(julia, "ready"));
        await messages.PostEachAsync(() => julia.Http, after);

        Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
        Assert.Equal(200, degraded.Code);
        Assert.Equal("indisponivel", degraded.Redis);
        Assert.Equal("ok", ready.Redis);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All);
        output.WriteLine($"observed: {messages.AllStatuses.Count} webhooks all 200; while down: {degraded}, {answeredWhileDown.Replies}/{during.Count} " +
                         $"answered before Redis returned; after: {ready}; {rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors");
    }
}
