using System.Collections.Concurrent;
using System.Diagnostics;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.TestHost;
using Julia.Metrics;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// Issue #3 item 13, counted (not timed) from trace spans: an accepted message costs one Postgres command before the
/// 200, and the turn at most three Postgres round trips before the agent is called.
/// </summary>
public sealed class HotPathBudgetTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task AcceptedMessageIsOneCommitAndTheTurnAtMostThreeRoundTripsBeforeTheAgent()
    {
        const string phone = "5511999990501";
        await PostAsync(f.Client, Text(phone, "primeira mensagem, cria o médico"));
        await f.WaitProcessedAsync(phone);
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "Julia" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // Other test classes run in parallel: this request carries its own trace id, and the turn is found by its doctor.
        var traceId = ActivityTraceId.CreateRandom();
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text(phone, "segunda mensagem")) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        var sent = DateTime.UtcNow;
        await f.Client.SendAsync(request);
        await f.WaitProcessedAsync(phone);
        var medicoId = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });

        // The turn's span ends once its reply is queued, a moment after the message is marked processed.
        bool IsThisTurn(Activity a, IEnumerable<Activity> l) => a.Source.Name == "Julia" && a.OperationName == "turno"
            && Equals(a.GetTagItem("medico_id"), medicoId) && a.StartTimeUtc >= sent && l.Any(b => b.OperationName == "agente" && b.ParentSpanId == a.SpanId);
        var all = await Eventually.MatchesAsync(() => Task.FromResult(stopped.ToList()), l => l.Any(a => IsThisTurn(a, l)));
        // Commands only: a pool that opens a new physical connection adds a CONNECT span, which is not a statement.
        static bool IsCommand(Activity a) => a.Source.Name == "Npgsql" && !a.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal);
        var requestQueries = all.Where(a => IsCommand(a) && a.TraceId == traceId).ToList();
        Assert.Single(requestQueries);

        var turn = all.Last(a => IsThisTurn(a, all));
        var agentCall = all.Single(a => a.Source.Name == "Julia" && a.OperationName == "agente" && a.ParentSpanId == turn.SpanId);
        var beforeAgent = all.Count(a => IsCommand(a) && a.ParentSpanId == turn.SpanId && a.StartTimeUtc < agentCall.StartTimeUtc);
        Assert.InRange(beforeAgent, 1, 3);
    }

    [Fact]
    public async Task AKnownDoctorWhomTheCacheForgotCostsOneCommandBeforeThe200AndIsCachedAgain()
    {
        const string phone = "5511999990503";
        await PostAsync(f.Client, Text(phone, "primeira mensagem, cria o médico"));
        await f.WaitProcessedAsync(phone);
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        await redis.KeyDeleteAsync([$"medico:telefone:{phone}", $"medico:id:{await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone })}"]);
        var commands = new ConcurrentQueue<Activity>();
        var traceId = ActivityTraceId.CreateRandom();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { if (a.TraceId == traceId && a.Source.Name == "Npgsql" && !a.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal)) commands.Enqueue(a); },
        };
        ActivitySource.AddActivityListener(listener);

        var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text(phone, "voltei depois de um tempo")) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        await f.Client.SendAsync(request);
        await f.WaitProcessedAsync(phone);

        // The lookup by phone and the insert are one statement; the doctor is cached again for his next message and his turn.
        Assert.Single(commands);
        Assert.True(await redis.KeyExistsAsync($"medico:telefone:{phone}"));
        var medicoId = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        Assert.True(await redis.KeyExistsAsync($"medico:id:{medicoId}"));
        Assert.Equal(2, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @medicoId AND direcao = 'entrada'", new { medicoId }));
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = @phone", new { phone }));
    }

    [Fact]
    public async Task ADoctorInTheCacheIsReadOnceFromItByTheWebhookAndOnceByHisTurn()
    {
        const string phone = "5511999990504";
        await PostAsync(f.Client, Text(phone, "primeira mensagem, cria o médico"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "segunda, ele já está no cache"));
        await f.WaitProcessedAsync(phone);
        var recorder = f.App.Services.GetRequiredService<MetricsRecorder>();
        var before = recorder.LocalSnapshot(TimeSpan.FromHours(1));
        var (hits, misses) = (before.Total("cache:medico:hits"), before.Total("cache:medico:misses"));

        await PostAsync(f.Client, Text(phone, "terceira"));
        await f.WaitProcessedAsync(phone);

        // medico:telefone by the webhook, medico:id by the turn: a cached doctor costs no second read of either.
        var after = recorder.LocalSnapshot(TimeSpan.FromHours(1));
        Assert.Equal(2, after.Total("cache:medico:hits") - hits);
        Assert.Equal(0, after.Total("cache:medico:misses") - misses);
    }

    [Fact]
    public async Task TimingsAndCacheCountsAreRecordedForMetrics()
    {
        const string phone = "5511999990502";
        await PostAsync(f.Client, Text(phone, "oi"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "de novo"));
        await f.WaitProcessedAsync(phone);

        var seen = f.App.Services.GetRequiredService<MetricsRecorder>().LocalSnapshot(TimeSpan.FromHours(1));
        Assert.NotEmpty(seen.Samples["webhook_evolution"]);
        Assert.NotEmpty(seen.Samples["processar_mensagem"]);
        Assert.True(seen.Total("cache:medico:hits") >= 1);
        Assert.True(seen.Total("cache:contexto:hits") + seen.Total("cache:contexto:misses") >= 2);
    }
}
