using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>docs/reliability.md, "Postgres restarted": webhooks get 503 while it is down (Evolution retries), nothing accepted is lost.</summary>
[LongRunning(1)]
public sealed class PostgresRestartTests(ITestOutputHelper output)
{
    static readonly TimeSpan DownFor = TimeSpan.FromSeconds(8);

    [Fact]
    public async Task ADatabaseRefusingSessionsAnswers503NotA400AndTheMessagesAreAnsweredAfter()
    {
        var postgres = await PrivatePostgresServer.StartAsync();
        await using var rig = await FaultRig.StartAsync(postgres: postgres);
        var julia = await rig.StartJuliaAsync("julia");
        var messages = new DoctorMessages(series: 32, count: 6);

        // Maintenance: the database stops accepting sessions (FATAL 55000 at connect) and the open ones are ended.
        await postgres.AllowConnectionsAsync(false);
        await messages.PostEachAsync(() => julia.Http, messages.All, parallel: 1);
        var refused = messages.AllStatuses.ToList();
        await postgres.AllowConnectionsAsync(true);
        await messages.RedeliverUntilAcceptedAsync(julia.Http);

        Assert.True(refused.All(s => s == 503), $"webhooks answered [{string.Join(' ', refused)}], expected 503 each (a 4xx is never retried by Evolution)\n{rig.Logs()}");
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All);
    }

    [Fact]
    public async Task PostgresRestartedMidTrafficAnswers503WhileDownAndLosesNothingAccepted()
    {
        var postgres = await PrivatePostgresServer.StartAsync();
        await using var rig = await FaultRig.StartAsync(postgres: postgres);
        // Rows claimed just before the stop come back after this lease instead of the default 5 min (docs/decisions.md#queue).
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string> { ["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "15" });
        var messages = new DoctorMessages(series: 31, count: 40);

        var traffic = messages.PostEachAsync(() => julia.Http, messages.All, parallel: 2, gap: TimeSpan.FromMilliseconds(600));
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(messages.Accepted.Count), n => n >= 10));
        await postgres.StopAsync();
        var acceptedBeforeStop = messages.Accepted.Count;
        var whileDown = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Readiness.ReadAsync(julia), s => s.Code == 503, pollMilliseconds: 250));
        // The `database` breaker shows the outage (it stayed `closed` through one: an outside pass, 2026-12-02).
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => DatabaseCircuitAsync(julia), s => s == "open", pollMilliseconds: 250));
        await Task.Delay(DownFor);
        await postgres.StartAgainAsync();
        var back = DateTime.UtcNow;
        await traffic;
        var refused = messages.AllStatuses.Count(s => s != 200);
        await messages.RedeliverUntilAcceptedAsync(julia.Http);

        Assert.All(messages.AllStatuses, s => Assert.True(s is 200 or 503, $"webhook answered {s}, expected 200 or 503\n{rig.Logs()}"));
        Assert.Contains(503, messages.AllStatuses);
        Assert.Equal("unavailable", whileDown.Status);
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All);
        Assert.Equal("closed", await DatabaseCircuitAsync(julia));
        output.WriteLine($"observed: {acceptedBeforeStop} accepted before the stop; while down {whileDown}; {refused} webhooks answered 503 " +
                         $"({string.Join(", ", messages.AllStatuses.GroupBy(s => s).Select(g => $"{g.Key} x{g.Count()}"))} in all, redeliveries included); " +
                         $"{rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors, all answered {(DateTime.UtcNow - back).TotalSeconds:0} s after Postgres was back");
    }

    static async Task<string?> DatabaseCircuitAsync(JuliaServer julia) =>
        System.Text.Json.Nodes.JsonNode.Parse(await julia.Http.GetStringAsync("/health/circuits"))?["database"]?["estado"]?.GetValue<string>();

    /// <summary>
    /// docs/decisions.md#turn-scheduling: the turn's commits are asynchronous, so a server crash (`pg_ctl -m immediate`:
    /// no shutdown checkpoint, WAL buffers not flushed) may lose the last of them. What it loses is derived again from
    /// the durable inbound rows: every accepted message is still answered, and none twice.
    /// </summary>
    [Fact]
    public async Task PostgresCrashingMidTrafficLosesNoAcceptedMessageAndAnswersNoneTwice()
    {
        var postgres = await PrivatePostgresServer.StartAsync();
        await using var rig = await FaultRig.StartAsync(postgres: postgres);
        var julia = await rig.StartJuliaAsync("julia", extra: new Dictionary<string, string>
        {
            ["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "15",
            // Inbound rows a lost turn left unprocessed are found again in seconds instead of minutes.
            ["Conversations__SweepIntervalSeconds"] = "3", ["Conversations__SweepAgeSeconds"] = "3",
        });
        var messages = new DoctorMessages(series: 33, count: 40);

        var traffic = messages.PostEachAsync(() => julia.Http, messages.All, parallel: 4, gap: TimeSpan.FromMilliseconds(100));
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(messages.Accepted.Count), n => n >= 15));
        await postgres.StopAsync("immediate");
        var acceptedBeforeCrash = messages.Accepted.Count;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await postgres.StartAgainAsync();
        await traffic;
        await messages.RedeliverUntilAcceptedAsync(julia.Http);

        Assert.All(messages.AllStatuses, s => Assert.True(s is 200 or 503, $"webhook answered {s}, expected 200 or 503\n{rig.Logs()}"));
        await Answers.AssertEachAnsweredOnceAsync(rig, messages.All);
        output.WriteLine($"observed: {acceptedBeforeCrash} accepted before the crash; {rig.Evolution.Sends.Count()} sends for {messages.All.Count} doctors");
    }
}
