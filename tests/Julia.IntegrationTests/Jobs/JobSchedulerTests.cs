using Julia.Infrastructure.Time;
using Julia.IntegrationTests.TestHost;
using Julia.Jobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Julia.IntegrationTests.Jobs;

/// <summary>
/// The scheduler's clock on a real database (advisory locks): an "every minute" job checked after a slow one still runs
/// every minute — it ran every 90 s, because each job read the clock after the jobs before it (an outside pass, 2026-12-02).
/// </summary>
public sealed class JobSchedulerTests
{
    static Task MigrateAsync(Npgsql.NpgsqlDataSource db) =>
        new Julia.Infrastructure.Database.MigrationRunner(db, NullLogger<Julia.Infrastructure.Database.MigrationRunner>.Instance).RunAsync(default);

    /// <summary>
    /// Moves a running scheduler's fake clock to a tick 30 s before <paramref name="at"/> and waits until that tick has been
    /// looked at and the checks it started have ended (but those of <paramref name="stillRunning"/>): a tick that comes
    /// while a job's check of the last one is pending skips that job. A fixed 100 ms wait here failed on a loaded machine
    /// (the minute's run never came), and so did a probe job, skipped by the same race.
    /// </summary>
    static async Task HalfMinuteBeforeAsync(JobScheduler scheduler, FakeTimeProvider clock, DateTimeOffset at, params string[] stillRunning)
    {
        var before = scheduler.TicksLookedAt;
        clock.SetUtcNow(at - TimeSpan.FromSeconds(30));
        await Eventually.MatchesAsync(
            () => Task.FromResult(scheduler.TicksLookedAt > before && scheduler.EndedBut(stillRunning)),
            settled => settled, seconds: 10);
    }

    /// <summary>
    /// Moves a running scheduler's fake clock: to the tick 30 s short of the time first (<see cref="HalfMinuteBeforeAsync"/>),
    /// then to the time, and waits until the every-minute job beside the one under test has run at that tick — the tick
    /// has been looked at.
    /// </summary>
    sealed class Ticks(JobScheduler scheduler, FakeTimeProvider clock, CountingJob beat)
    {
        int seen = 1; // the start-up tick runs it once

        public async Task ToAsync(DateTimeOffset at)
        {
            await Eventually.MatchesAsync(() => Task.FromResult(beat.Runs), n => n >= seen, seconds: 10);
            await HalfMinuteBeforeAsync(scheduler, clock, at);
            clock.SetUtcNow(at);
            var expected = ++seen;
            await Eventually.MatchesAsync(() => Task.FromResult(beat.Runs), n => n >= expected, seconds: 10);
        }
    }

    sealed class CountingJob(string name, FakeTimeProvider clock, TimeSpan every, TimeSpan takes) : IJob
    {
        public int Runs;
        public string Name => name;
        public JobSchedule Schedule => new(Every: every);

        public Task<string> RunAsync(CancellationToken ct)
        {
            Runs++;
            clock.Advance(takes); // the time the job's work takes, as the scheduler sees it
            return Task.FromResult("ok");
        }
    }

    [Fact]
    public async Task AnEveryMinuteJobAfterASlowOneStillRunsEveryMinute()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));
        // A 15-minute job that takes 3 s runs first at the first tick only: every later tick reaches the other job sooner.
        var slow = new CountingJob("lento", clock, TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(3));
        var fast = new CountingJob("rapido", clock, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var hours = new BusinessHours(Options.Create(new BusinessHoursOptions()));
        var runner = new JobRunner([slow, fast], db, hours, clock, NullLogger<JobRunner>.Instance);
        using var scheduler = new JobScheduler(runner, new ConfigurationBuilder().Build(), clock, NullLogger<JobScheduler>.Instance);

        await scheduler.StartAsync(default);
        await Eventually.MatchesAsync(() => Task.FromResult(fast.Runs), n => n == 1);
        var start = DateTimeOffset.Parse("2026-12-02T12:00:00Z");
        for (var minute = 1; minute <= 5; minute++) // five minutes of the scheduler's 30 s ticks, on the wall clock's beat
        {
            await HalfMinuteBeforeAsync(scheduler, clock, start + TimeSpan.FromSeconds(60 * minute));
            clock.SetUtcNow(start + TimeSpan.FromSeconds(60 * minute));
            await Eventually.MatchesAsync(() => Task.FromResult(fast.Runs), n => n == minute + 1, seconds: 10);
        }
        await scheduler.StopAsync(default);

        Assert.Equal(6, fast.Runs); // at 0, 1, 2, 3, 4 and 5 minutes
        Assert.Equal(1, slow.Runs);
    }

    sealed class HangingJob(TaskCompletionSource release) : IJob
    {
        public int Runs;
        public string Name => "demorado";
        public JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(1));

        public async Task<string> RunAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            await release.Task.WaitAsync(ct);
            return "ok";
        }
    }

    /// <summary>
    /// A job that runs for minutes holds up no other, and is not started again while it runs (an audit, 2026-12-03: the
    /// jobs ran one after the other, so `qualidade` at 02:00 kept stuck-send recovery and the alerts waiting).
    /// </summary>
    [Fact]
    public async Task AJobThatRunsForMinutesHoldsUpNoOther()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var hanging = new HangingJob(release);
        var fast = new CountingJob("rapido", clock, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var runner = new JobRunner([hanging, fast], db, new BusinessHours(Options.Create(new BusinessHoursOptions())), clock, NullLogger<JobRunner>.Instance);
        using var scheduler = new JobScheduler(runner, new ConfigurationBuilder().Build(), clock, NullLogger<JobScheduler>.Instance);

        await scheduler.StartAsync(default);
        await Eventually.MatchesAsync(() => Task.FromResult(fast.Runs), n => n == 1);
        // In its run before the minutes pass (its first connection once took longer than the other job's four runs).
        await Eventually.MatchesAsync(() => Task.FromResult(hanging.Runs), n => n == 1);
        var start = DateTimeOffset.Parse("2026-12-02T12:00:00Z");
        for (var minute = 1; minute <= 3; minute++)
        {
            await HalfMinuteBeforeAsync(scheduler, clock, start + TimeSpan.FromSeconds(60 * minute), hanging.Name);
            clock.SetUtcNow(start + TimeSpan.FromSeconds(60 * minute));
            await Eventually.MatchesAsync(() => Task.FromResult(fast.Runs), n => n == minute + 1, seconds: 10);
        }

        Assert.Equal(1, hanging.Runs); // still in its first run: not started again
        release.SetResult();
        await scheduler.StopAsync(default);
    }

    /// <summary>
    /// A daily run whose process was killed mid-run (its claim never ended) is run again the same day; one that ended is
    /// not (an audit, 2026-12-03: the claim stayed, and the day's report, `encerramento` or `retencao` waited for the next day).
    /// </summary>
    [Fact]
    public async Task ADailyRunKilledMidRunIsRunAgainTheSameDay()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-02T12:00:00Z"));
        var job = new CountingJob("diario", clock, TimeSpan.FromDays(1), TimeSpan.Zero);
        var runner = new JobRunner([job], db, new BusinessHours(Options.Create(new BusinessHoursOptions())), clock, NullLogger<JobRunner>.Instance);
        // What a process killed during the run leaves: the day claimed, the run never ended.
        await using (var c = await db.OpenConnectionAsync())
        await using (var cmd = new Npgsql.NpgsqlCommand("INSERT INTO execucoes_job (nome, dia) VALUES ('diario', '2026-12-02')", c))
            await cmd.ExecuteNonQueryAsync();

        Assert.Equal(JobRunOutcome.Ran, (await runner.RunAsync("diario", claimDay: true, default)).Outcome);
        Assert.Equal(JobRunOutcome.AlreadyRanToday, (await runner.RunAsync("diario", claimDay: true, default)).Outcome);
        Assert.Equal(1, job.Runs);
    }

    sealed class DailyJob(TimeOnly at) : IJob
    {
        public int Runs;
        public string Name => "diario_sp";
        public JobSchedule Schedule => new(DailyAt: at);

        public Task<string> RunAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            return Task.FromResult("ok");
        }
    }

    /// <summary>
    /// A daily job (`pressao`, 00:30) runs once a São Paulo day at its São Paulo hour: not again at 21:00 in São Paulo
    /// (midnight UTC, a new UTC day), not at 00:30 UTC (21:30 in São Paulo), and at 00:30 in São Paulo (03:30 UTC); its
    /// claims in execucoes_job are São Paulo dates. A job every minute beside it tells when a tick has been looked at.
    /// </summary>
    [Fact]
    public async Task ADailyJobRunsOnceASaoPauloDayAtItsSaoPauloHour()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var start = DateTimeOffset.Parse("2026-12-02T23:58:00Z");   // 20:58 in São Paulo: the 2nd's run is due (a start after its hour)
        var clock = new FakeTimeProvider(start);
        var daily = new DailyJob(new TimeOnly(0, 30));
        var beat = new CountingJob("batida", clock, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var runner = new JobRunner([daily, beat], db, new BusinessHours(Options.Create(new BusinessHoursOptions())), clock, NullLogger<JobRunner>.Instance);
        using var scheduler = new JobScheduler(runner, new ConfigurationBuilder().Build(), clock, NullLogger<JobScheduler>.Instance);

        await scheduler.StartAsync(default);
        await Eventually.MatchesAsync(() => Task.FromResult(daily.Runs), n => n == 1);
        var ticks = new Ticks(scheduler, clock, beat);
        foreach (var (at, runs) in new[]
                 {
                     ("2026-12-03T00:00:30Z", 1),   // 21:00:30 in São Paulo, the 2nd still
                     ("2026-12-03T00:30:30Z", 1),   // 21:30:30
                     ("2026-12-03T03:29:30Z", 1),   // 00:29:30 on the 3rd: not yet its hour
                     ("2026-12-03T03:30:30Z", 2),   // 00:30:30 on the 3rd
                     ("2026-12-03T12:00:00Z", 2),
                 })
        {
            await ticks.ToAsync(DateTimeOffset.Parse(at));
            await Eventually.MatchesAsync(() => Task.FromResult(daily.Runs), n => n == runs, seconds: 10);
        }
        await scheduler.StopAsync(default);

        Assert.Equal(2, daily.Runs);
        await using var c = await db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT string_agg(dia::text, ',' ORDER BY dia) FROM execucoes_job WHERE nome = 'diario_sp'", c);
        Assert.Equal("2026-12-02,2026-12-03", (string?)await cmd.ExecuteScalarAsync());
    }

    /// <summary>
    /// Daylight saving time: Brazil has had none since 2019, and the documents only say "São Paulo time" — the tz database
    /// decides, so a change back to DST (a decree, a tzdata update) must neither skip nor repeat a daily job. Checked on
    /// the last real changes. 2018-11-04: midnight jumped to 01:00, so a job at 00:30 has no such minute that day — it
    /// runs at 01:00, once. 2019-02-16: 23:00–23:59 happened twice (midnight went back to 23:00) — a job at 23:30 runs
    /// at the first 23:30 only. Claims are São Paulo dates.
    /// </summary>
    [Theory]
    [InlineData("2018-11-03T12:00:00Z", "00:30", "2018-11-04T02:59:30Z", "2018-11-04T03:00:30Z", "2018-11-04T04:30:30Z", "2018-11-03,2018-11-04")]
    [InlineData("2019-02-16T01:45:00Z", "23:30", "2019-02-17T01:29:30Z", "2019-02-17T01:30:30Z", "2019-02-17T02:30:30Z", "2019-02-15,2019-02-16")]
    public async Task ADaylightSavingChangeNeitherSkipsNorRepeatsADailyJob(string start, string at, string before, string due, string later, string days)
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse(start));
        var daily = new DailyJob(TimeOnly.Parse(at));
        var beat = new CountingJob("batida", clock, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var runner = new JobRunner([daily, beat], db, new BusinessHours(Options.Create(new BusinessHoursOptions())), clock, NullLogger<JobRunner>.Instance);
        using var scheduler = new JobScheduler(runner, new ConfigurationBuilder().Build(), clock, NullLogger<JobScheduler>.Instance);

        await scheduler.StartAsync(default);
        await Eventually.MatchesAsync(() => Task.FromResult(daily.Runs), n => n == 1);   // the start day's run (after its hour)
        var ticks = new Ticks(scheduler, clock, beat);
        foreach (var (instant, runs) in new[] { (before, 1), (due, 2), (later, 2) })
        {
            await ticks.ToAsync(DateTimeOffset.Parse(instant));
            await Eventually.MatchesAsync(() => Task.FromResult(daily.Runs), n => n == runs, seconds: 10);
        }
        await scheduler.StopAsync(default);

        Assert.Equal(2, daily.Runs);
        await using var c = await db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT string_agg(dia::text, ',' ORDER BY dia) FROM execucoes_job WHERE nome = 'diario_sp'", c);
        Assert.Equal(days, (string?)await cmd.ExecuteScalarAsync());
    }

    sealed class WorkdayJob : IJob
    {
        public int Runs;
        public string Name => "abertura_teste";
        public JobSchedule Schedule => new(DailyAt: new TimeOnly(8, 0), BusinessHoursOnly: true);

        public Task<string> RunAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref Runs);
            return Task.FromResult("ok");
        }
    }

    /// <summary>
    /// A daily job kept to business hours (`abertura`, 08:00 Mon–Fri) skips the weekend and a FERIADOS date — all day, not
    /// only at 08:00 (a worker up at 19:59 on the holiday does not run it) — and runs at 08:00 on the next working day, not
    /// at 07:59:30. Claims are the days it ran.
    /// </summary>
    [Fact]
    public async Task ABusinessHoursDailyJobSkipsTheWeekendAndAHolidayAndRunsTheNextWorkingMorning()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-04T12:00:00Z"));   // Friday 09:00 in São Paulo
        var job = new WorkdayJob();
        var beat = new CountingJob("batida", clock, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var hours = new BusinessHours(Options.Create(new BusinessHoursOptions { Holidays = "2026-12-07" }));   // Monday
        var runner = new JobRunner([job, beat], db, hours, clock, NullLogger<JobRunner>.Instance);
        using var scheduler = new JobScheduler(runner, new ConfigurationBuilder().Build(), clock, NullLogger<JobScheduler>.Instance);

        await scheduler.StartAsync(default);
        await Eventually.MatchesAsync(() => Task.FromResult(job.Runs), n => n == 1);
        var ticks = new Ticks(scheduler, clock, beat);
        foreach (var (at, runs) in new[]
                 {
                     ("2026-12-05T11:00:30Z", 1),   // Saturday 08:00:30
                     ("2026-12-07T11:00:30Z", 1),   // Monday 08:00:30, a holiday
                     ("2026-12-07T22:59:30Z", 1),   // Monday 19:59:30, still the holiday
                     ("2026-12-08T10:59:30Z", 1),   // Tuesday 07:59:30
                     ("2026-12-08T11:00:30Z", 2),   // Tuesday 08:00:30
                     ("2026-12-08T18:00:00Z", 2),
                 })
        {
            await ticks.ToAsync(DateTimeOffset.Parse(at));
            await Eventually.MatchesAsync(() => Task.FromResult(job.Runs), n => n == runs, seconds: 10);
        }
        await scheduler.StopAsync(default);

        Assert.Equal(2, job.Runs);
        await using var c = await db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT string_agg(dia::text, ',' ORDER BY dia) FROM execucoes_job WHERE nome = 'abertura_teste'", c);
        Assert.Equal("2026-12-04,2026-12-08", (string?)await cmd.ExecuteScalarAsync());
    }

    /// <summary>
    /// A daily job another process holds at its hour (its advisory lock: a second worker, or a `POST /jobs/{nome}` by hand)
    /// is not taken for the day's run: that run may still fail and give the day back. Before, the scheduler that found it
    /// busy marked the day done and never looked again — the day was lost when the other run failed or its process died.
    /// Now it looks again at the next tick and runs it once the lock is free and the day unclaimed.
    /// </summary>
    [Fact]
    public async Task ADailyJobFoundBusyIsLookedAtAgainAndRunsWhenTheOtherRunGaveTheDayBack()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-03T03:29:00Z"));   // 00:29 in São Paulo
        var daily = new DailyJob(new TimeOnly(0, 30));
        var beat = new CountingJob("batida", clock, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var runner = new JobRunner([daily, beat], db, new BusinessHours(Options.Create(new BusinessHoursOptions())), clock, NullLogger<JobRunner>.Instance);
        using var scheduler = new JobScheduler(runner, new ConfigurationBuilder().Build(), clock, NullLogger<JobScheduler>.Instance);
        await using var other = await db.OpenConnectionAsync();

        await scheduler.StartAsync(default);
        await Eventually.MatchesAsync(() => Task.FromResult(beat.Runs), n => n >= 1);
        // The other process holds the job at its hour …
        await using (var hold = new Npgsql.NpgsqlCommand("SELECT pg_advisory_lock(hashtextextended('job:diario_sp', 0))", other))
            await hold.ExecuteScalarAsync();
        var ticks = new Ticks(scheduler, clock, beat);
        await ticks.ToAsync(DateTimeOffset.Parse("2026-12-03T03:30:30Z"));
        Assert.Equal(0, daily.Runs);
        // … and its run fails: the lock is released with no claim left for the day.
        await using (var release = new Npgsql.NpgsqlCommand("SELECT pg_advisory_unlock_all()", other))
            await release.ExecuteScalarAsync();
        await ticks.ToAsync(DateTimeOffset.Parse("2026-12-03T03:31:30Z"));
        await Eventually.MatchesAsync(() => Task.FromResult(daily.Runs), n => n == 1, seconds: 10);
        await ticks.ToAsync(DateTimeOffset.Parse("2026-12-03T03:32:30Z"));
        await scheduler.StopAsync(default);

        Assert.Equal(1, daily.Runs);
    }

    sealed class FailingOnceDailyJob(TimeOnly at) : IJob
    {
        public int Attempts;
        public int Runs;
        public string Name => "diario_falha";
        public JobSchedule Schedule => new(DailyAt: at);

        public Task<string> RunAsync(CancellationToken ct)
        {
            if (Interlocked.Increment(ref Attempts) == 1) throw new Npgsql.NpgsqlException("the database blinked");
            Interlocked.Increment(ref Runs);
            return Task.FromResult("ok");
        }
    }

    /// <summary>
    /// A daily run that throws (the database blinked during `retencao`) gives its São Paulo day back and is tried again
    /// <see cref="JobScheduler.DailyRetry"/> later, the same day — not at the next tick, and not only tomorrow; the day is
    /// claimed once, by the run that ended (docs/decisions.md#jobs).
    /// </summary>
    [Fact]
    public async Task AFailedDailyRunIsTriedAgainTheSameDay()
    {
        await using var database = await TestDatabase.CreateMigratedAsync();
        await using var db = database.CreateDataSource();
        await MigrateAsync(db);
        var start = DateTimeOffset.Parse("2026-12-03T09:00:00Z");   // 06:00 in São Paulo: the job's hour
        var clock = new FakeTimeProvider(start);
        var daily = new FailingOnceDailyJob(new TimeOnly(6, 0));
        var beat = new CountingJob("batida", clock, TimeSpan.FromMinutes(1), TimeSpan.Zero);
        var runner = new JobRunner([daily, beat], db, new BusinessHours(Options.Create(new BusinessHoursOptions())), clock, NullLogger<JobRunner>.Instance);
        using var scheduler = new JobScheduler(runner, new ConfigurationBuilder().Build(), clock, NullLogger<JobScheduler>.Instance);

        await scheduler.StartAsync(default);
        await Eventually.MatchesAsync(() => Task.FromResult(daily.Attempts), n => n == 1);
        var ticks = new Ticks(scheduler, clock, beat);
        foreach (var (minutes, attempts) in new[] { (1, 1), (5, 1), (14, 1), (15, 2), (16, 2), (45, 2) })
        {
            await ticks.ToAsync(start + TimeSpan.FromMinutes(minutes));
            await Eventually.MatchesAsync(() => Task.FromResult(daily.Attempts), n => n == attempts, seconds: 10);
        }
        await scheduler.StopAsync(default);

        Assert.Equal(1, daily.Runs);
        await using var c = await db.OpenConnectionAsync();
        await using var cmd = new Npgsql.NpgsqlCommand(
            "SELECT string_agg(dia::text || ':' || (concluido_em IS NOT NULL)::text, ',') FROM execucoes_job WHERE nome = 'diario_falha'", c);
        Assert.Equal("2026-12-03:true", (string?)await cmd.ExecuteScalarAsync());
    }
}
