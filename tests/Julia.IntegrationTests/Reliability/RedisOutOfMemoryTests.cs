using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Redis refusing writes" (fifth drill): Redis at its `maxmemory` with `noeviction` answers every
/// write with OOM while reads and PING still work. Webhooks 200; turns take their lock from Postgres (as with Redis
/// down); each message answered once; `/health/ready` `degraded` with `redis` `sem_memoria`; the log says it once, not
/// "unavailable" / "available again" for every read after a refused write.
/// </summary>
[LongRunning(1)]
public sealed class RedisOutOfMemoryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task RedisRefusingWritesUnderNoevictionLosesNothingAnswersOnceAndSaysSoOnce()
    {
        var redis = new PrivateRedisServer();
        await redis.StartAsync();
        await using var rig = await FaultRig.StartAsync(redis: redis);
        var julia = await rig.StartJuliaAsync("julia");
        var messages = new DoctorMessages(series: 93, count: 20);
        var before = messages.All.Take(4).ToList();
        var during = messages.All.Skip(4).Take(10).ToList();
        var after = messages.All.Skip(14).ToList();
        await messages.PostEachAsync(() => julia.Http, before);
        await Answers.AssertEachAnsweredOnceAsync(rig, before, seconds: 60);

        // Any maxmemory below what Redis holds: every write refused (OOM), reads answered.
        await redis.CommandAsync("CONFIG", "SET", "maxmemory-policy", "noeviction");
        await redis.CommandAsync("CONFIG", "SET", "maxmemory", "1");
        var outageLinesBefore = julia.CountLines("Redis unavailable") + julia.CountLines("Redis available again");
        await messages.PostEachAsync(() => julia.Http, during, parallel: 2, gap: TimeSpan.FromMilliseconds(200));
        await Answers.AssertEachAnsweredOnceAsync(rig, [.. before, .. during], seconds: 90);
        var ready = await Readiness.ReadAsync(julia);
        var flaps = julia.CountLines("Redis unavailable") + julia.CountLines("Redis available again") - outageLinesBefore;
        var refusedLines = julia.CountLines("refuses writes");

        await redis.CommandAsync("CONFIG", "SET", "maxmemory", "0");
        await messages.PostEachAsync(() => julia.Http, after, parallel: 2);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 90);

        output.WriteLine($"observed: while refusing writes [{string.Join(' ', during.SelectMany(messages.Statuses))}]; /health/ready {ready}; " +
                         $"{flaps} 'unavailable'/'available again' lines, {refusedLines} 'refuses writes' lines; {rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors");
        Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
        Assert.Equal((200, "degraded", "sem_memoria"), (ready.Code, ready.Status, ready.Redis));
        Assert.True(flaps == 0 && refusedLines == 1, $"{flaps} outage/recovery lines and {refusedLines} 'refuses writes' lines for one spell of OOM\n{rig.Logs(300)}");
        Assert.False(julia.HasExited);
    }
}
