using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Julia.IntegrationTests.Alerts;

/// <summary>
/// An immediate alert (`circuito_aberto`) raised while the database is down cannot be recorded: it is tried again every
/// 30 s for an hour (docs/decisions.md#alerts). Back within the hour, it lands in `alertas_enviados`; down longer, it is
/// given up with an ERROR naming it — before (an audit, 2026-12-06) it was dropped without a word. A host on a fake
/// clock, on a Postgres the test stops.
/// </summary>
[LongRunning(1)]
public sealed class ImmediateAlertsDatabaseDownTests
{
    const int NotRecordedNow = 1703, GaveUp = 1704;

    [Fact]
    public async Task AnAlertRaisedWhileTheDatabaseIsDownIsRecordedWhenItComesBack()
    {
        await using var host = await DatabaseDownHost.StartAsync();
        var (postgres, clock, logs) = (host.Postgres, host.Clock, host.App.Logs);
        await logs.AssertLoggedAsync(l => l.EventId == NotRecordedNow && l.Message.StartsWith("alerta circuito_aberto ", StringComparison.Ordinal),
            "of the alert not recorded now", seconds: 30);

        await AdvanceAsync(clock, TimeSpan.FromMinutes(5));
        await postgres.StartAgainAsync();
        await using var db = postgres.CreateDataSource();
        var recorded = 0L;
        for (var i = 0; i < 20 && recorded == 0; i++)
        {
            await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
            recorded = await CountAsync(db, ClaudeAlerts);
        }
        Assert.Equal(1, recorded);
        Assert.DoesNotContain(logs.Lines, l => l.EventId == GaveUp);
    }

    [Fact]
    public async Task AnAlertTheDatabaseCannotTakeForAnHourIsGivenUpWithAnError()
    {
        await using var host = await DatabaseDownHost.StartAsync();
        var (postgres, clock, logs) = (host.Postgres, host.Clock, host.App.Logs);
        await logs.AssertLoggedAsync(l => l.EventId == NotRecordedNow, "of the alert not recorded now", seconds: 30);

        await AdvanceAsync(clock, TimeSpan.FromMinutes(55));
        Assert.DoesNotContain(logs.Lines, l => l.EventId == GaveUp);   // still trying inside the hour
        // The hour's attempts, each after a 30 s wait on the fake clock: on a loaded machine a step can pass before an
        // attempt has set its wait, so the clock runs on until each alert's last word comes (or three hours). The
        // database's own circuit opens too while it is down, a little later: one alert each, each given up once.
        int Count(int eventId) => logs.Lines.Count(l => l.EventId == eventId);
        for (var i = 0; i < 250 && Count(GaveUp) < Count(NotRecordedNow); i++) await AdvanceAsync(clock, TimeSpan.FromSeconds(30));
        var notRecorded = logs.Lines.Where(l => l.EventId == NotRecordedNow).ToList();
        var gaveUp = logs.Lines.Where(l => l.EventId == GaveUp).ToList();
        Assert.Equal(notRecorded.Count, gaveUp.Count);
        Assert.All(gaveUp, l => Assert.Equal(LogLevel.Error, l.Level));
        Assert.All(gaveUp, l => Assert.Matches(
            @"^alerta circuito_aberto perdido: não registrado em 60 min de tentativas \(\w+\); não está em alertas_enviados nem no Slack$", l.Message));
        // Only the first failure and the last word of each alert: no line per attempt.
        Assert.InRange(notRecorded.Count, 1, 2);

        await postgres.StartAgainAsync();
        await AdvanceAsync(clock, TimeSpan.FromMinutes(2));
        await using var db = postgres.CreateDataSource();
        Assert.Equal(0, await CountAsync(db, ClaudeAlerts));
    }

    const string ClaudeAlerts = "SELECT count(*) FROM alertas_enviados WHERE tipo = 'circuito_aberto' AND mensagem LIKE '%claude%'";

    /// <summary>A host on a fake clock, on a private Postgres already stopped, whose claude circuit has just opened.</summary>
    sealed class DatabaseDownHost(PrivatePostgresServer postgres, TestRedis redis, FakeTimeProvider clock, JuliaAppFactory app) : IAsyncDisposable
    {
        public PrivatePostgresServer Postgres => postgres;
        public FakeTimeProvider Clock => clock;
        public JuliaAppFactory App => app;

        public static async Task<DatabaseDownHost> StartAsync()
        {
            var server = await PrivatePostgresServer.StartAsync();
            var cache = TestRedis.Lease();
            var fake = new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T13:00:00Z"));
            var host = new JuliaAppFactory(server.Url, cache.Url, new Dictionary<string, string?>(), s => s.AddSingleton<TimeProvider>(fake));
            _ = host.Server;
            await server.StopAsync();
            var claude = host.Services.GetRequiredService<CircuitBreakers>().Claude;
            for (var i = 0; i < claude.FailuresToOpen; i++) claude.RecordFailure();
            Assert.Equal(CircuitState.Open, claude.State);
            return new(server, cache, fake, host);
        }

        public async ValueTask DisposeAsync()
        {
            await app.DisposeAsync();
            redis.Dispose();
            await postgres.DisposeAsync();
        }
    }

    static async Task<long> CountAsync(NpgsqlDataSource db, string sql)
    {
        await using var command = db.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>Moves the host's clock 30 s at a time (the retry's pace), giving its loops wall-clock time for each step.</summary>
    static async Task AdvanceAsync(FakeTimeProvider clock, TimeSpan by)
    {
        for (var t = TimeSpan.Zero; t < by; t += TimeSpan.FromSeconds(30))
        {
            clock.Advance(TimeSpan.FromSeconds(30));
            await Task.Delay(40);
        }
    }
}
