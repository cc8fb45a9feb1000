using System.Diagnostics;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "Redis flushed" and "Redis hanging": Redis up but its keys gone (locks, caches, counters), and
/// Redis accepting commands without answering them. Redis only accelerates: nothing lost, nothing twice, and no key
/// written late by a command that timed out holds a doctor's next turn back.
/// </summary>
[LongRunning(1)]
public sealed class RedisFaultTests(ITestOutputHelper output)
{
    [Fact]
    public async Task FlushallTwiceMidTrafficOnTwoProcessesLosesNothingAndAnswersNoneTwice()
    {
        var redis = new PrivateRedisServer();
        await redis.StartAsync();
        await using var rig = await FaultRig.StartAsync(redis: redis);
        rig.Anthropic.Override = _ => new Answer(200, TextReply(DefaultReply), Delay: TimeSpan.FromMilliseconds(Random.Shared.Next(200, 1200)));
        var a = await rig.StartJuliaAsync("julia-a");
        var b = await rig.StartJuliaAsync("julia-b");
        var messages = new DoctorMessages(series: 72, count: 40);

        // Each message reaches both processes (a redelivery racing the first delivery), so both run turns for one doctor.
        var traffic = Parallel.ForEachAsync(messages.All, new ParallelOptions { MaxDegreeOfParallelism = 2 }, async (m, _) =>
        {
            await Task.Delay(150);
            await Task.WhenAll(messages.PostAsync(a.Http, m), messages.PostAsync(b.Http, m));
        });
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.Sends.Count()), n => n >= 8));
        await redis.CommandAsync("FLUSHALL");
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.Sends.Count()), n => n >= 20));
        await redis.CommandAsync("FLUSHALL");
        await traffic;
        var readyA = await Readiness.ReadAsync(a);

        Assert.All(messages.AllStatuses, s => Assert.Equal(200, s));
        Assert.Equal("ready", readyA.Status);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All, seconds: 60);
        output.WriteLine($"observed: {messages.AllStatuses.Count} webhooks all 200 (each message to both processes); after two FLUSHALLs {readyA}; " +
                         $"{rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors, each once");
    }

    /// <summary>`CLIENT PAUSE` (a Redis stuck on a fork, a slow disk, `DEBUG SLEEP`): connected, answering nothing.</summary>
    [Fact]
    public async Task RedisHangingAnswersWebhooksAndLeavesNoLockThatHoldsTheNextTurnBack()
    {
        var redis = new PrivateRedisServer();
        await redis.StartAsync();
        await using var rig = await FaultRig.StartAsync(redis: redis);
        var julia = await rig.StartJuliaAsync("julia");
        var first = new DoctorMessages(series: 73, count: 8);
        var second = new DoctorMessages(series: 73, count: 8); // the same doctors, a later message each

        await redis.CommandAsync("CLIENT", "PAUSE", "10000", "ALL");
        var paused = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;
        await Parallel.ForEachAsync(first.All, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (m, _) =>
        {
            var clock = Stopwatch.StartNew();
            await first.PostAsync(julia.Http, m);
            lock (first) if (clock.Elapsed > slowest) slowest = clock.Elapsed;
        });
        var readyClock = Stopwatch.StartNew();
        var whilePaused = await Readiness.ReadAsync(julia);
        var readyTook = readyClock.Elapsed;
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Answers.CountAsync(rig, first.All), t => t.Replies == first.All.Count, 60, pollMilliseconds: 250));
        var firstAnswered = paused.Elapsed;
        if (paused.Elapsed < TimeSpan.FromSeconds(11)) await Task.Delay(TimeSpan.FromSeconds(11) - paused.Elapsed);
        var ready = await rig.WithLogsAsync(() => Readiness.WaitForAsync(julia, "ready"));

        // Each doctor writes again: his turn must not wait for a lock:conversa a timed-out SET wrote when Redis woke.
        var secondAt = Stopwatch.StartNew();
        await second.PostEachAsync(() => julia.Http, second.All);
        await rig.WithLogsAsync(async () =>
        {
            var answered = await Eventually.MatchesAsync(() => Task.FromResult(second.All.Count(m => rig.Evolution.SendsByPhone().GetValueOrDefault(m.Phone)?.Count >= 2)),
                n => n == second.All.Count, 90, pollMilliseconds: 250);
            Assert.True(secondAt.Elapsed < TimeSpan.FromSeconds(20),
                $"the second messages were answered {secondAt.Elapsed.TotalSeconds:0} s after they arrived (a lock left by the hang?)");
            return answered;
        });
        var secondTook = secondAt.Elapsed;

        Assert.All(first.AllStatuses.Concat(second.AllStatuses), s => Assert.Equal(200, s));
        Assert.True(slowest < TimeSpan.FromSeconds(8), $"a webhook took {slowest.TotalSeconds:0.0} s while Redis hung\n{rig.Logs()}");
        Assert.True(readyTook < TimeSpan.FromSeconds(3), $"/health/ready took {readyTook.TotalSeconds:0.0} s while Redis hung");
        Assert.Equal("degraded", whilePaused.Status);
        Assert.Equal("ok", ready.Redis);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a late duplicate would show itself here
        var perDoctor = first.All.Select(m => rig.Evolution.SendsByPhone().GetValueOrDefault(m.Phone)?.Count ?? 0).ToList();
        Assert.True(perDoctor.All(n => n == 2), $"sends per doctor: {string.Join(",", perDoctor)}\n{rig.Logs()}");
        Assert.Equal(0, julia.CountLines("held elsewhere"));
        output.WriteLine($"observed: while paused the slowest webhook {slowest.TotalSeconds:0.0} s (all 200), /health/ready {whilePaused} in {readyTook.TotalSeconds:0.0} s; " +
                         $"{first.All.Count} first messages answered {firstAnswered.TotalSeconds:0} s after the pause began; after: {ready}; " +
                         $"the {second.All.Count} second messages answered within {secondTook.TotalSeconds:0} s; 2 sends per doctor");
    }
}
