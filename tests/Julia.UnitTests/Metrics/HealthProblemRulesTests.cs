using Julia.Metrics;
using Julia.Queue;

namespace Julia.UnitTests.Metrics;

/// <summary>The problem rules of /admin/metricas/health (docs/decisions.md#metrics): each fires above its threshold and not at it.</summary>
public sealed class HealthProblemRulesTests
{
    static readonly DateTimeOffset Now = new(2026, 12, 1, 15, 0, 0, TimeSpan.Zero);

    static MetricsReport Report(
        Dictionary<string, double[]>? samples = null, Dictionary<string, long>? window = null, QueueDepth? queue = null,
        string whatsApp = "open", bool agentOn = true, Dictionary<string, string>? circuits = null, DateTimeOffset? sampledAt = null)
    {
        var s = (samples ?? []).ToDictionary(p => p.Key, p => (IReadOnlyList<Sample>)p.Value.Select(ms => new Sample((sampledAt ?? Now).ToUnixTimeMilliseconds(), ms)).ToList());
        var snapshot = new MetricsSnapshot(s, window ?? [], window ?? [], Partial: false) { SharedCircuits = circuits ?? [] };
        var ops = s.ToDictionary(p => p.Key, p => OperationStats.From(p.Value)!);
        return new MetricsReport(snapshot, ops, queue ?? new QueueDepth(0, 0, 0, null, 0),
            new RateLimitUsage(0, 20, 0, 100, true, "2026-12-01T12:00:00-03:00"), [], agentOn, "m", whatsApp, Now);
    }

    static double[] Times(double ms, int n = 10) => Enumerable.Repeat(ms, n).ToArray();

    /// <summary>An operation that has not run for an hour no longer makes health `degraded` (an audit, 2026-12-03).</summary>
    [Fact]
    public void SamplesOlderThanAnHourAreNoProblem()
    {
        Assert.Empty(Report(samples: new() { ["chatwoot_api"] = Times(5_000) }, sampledAt: Now.AddHours(-2)).Problems());
        Assert.NotEmpty(Report(samples: new() { ["chatwoot_api"] = Times(5_000) }, sampledAt: Now.AddMinutes(-10)).Problems());
    }

    [Fact]
    public void NothingWrongIsHealthy() => Assert.Empty(Report(samples: new() { ["webhook_evolution"] = Times(1_000) }).Problems());

    [Theory]
    [InlineData("webhook_evolution", 1_000, null)]
    [InlineData("webhook_evolution", 1_000.5, "lento")]
    [InlineData("webhook_evolution", 2_000, "lento")]
    [InlineData("webhook_evolution", 2_001, "crítico")]
    [InlineData("llm_chamada", 5_000, null)]
    [InlineData("llm_chamada", 5_001, "lento")]
    [InlineData("llm_chamada", 10_001, "crítico")]
    [InlineData("processar_mensagem", 6_000, "lento")]
    [InlineData("db:fila_claim", 1_500, "lento")]
    public void MeanTimeAboveTheLimitIsSlowOrCritical(string op, double ms, string? word)
    {
        var problems = Report(samples: new() { [op] = Times(ms) }).Problems();
        if (word is null) Assert.Empty(problems);
        else Assert.StartsWith($"{op} {word}:", Assert.Single(problems));
    }

    [Fact]
    public void OnlyTheLast100SamplesCount()
    {
        // Newest first: 100 fast samples, then 900 slow old ones that no longer matter.
        var samples = Times(10, 100).Concat(Times(50_000, 900)).ToArray();
        Assert.Empty(Report(samples: new() { ["webhook_evolution"] = samples }).Problems());
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(11, true)]
    public void MoreThanTenErrorsOfOneOperationInTheHour(long errors, bool problem)
    {
        var problems = Report(window: new() { ["erros:llm_chamada"] = errors, ["erros:webhook_evolution"] = 5 }).Problems();
        Assert.Equal(problem, problems.Any(p => p.StartsWith("llm_chamada: 11 erros")));
        Assert.Equal(problem ? 1 : 0, problems.Count);
    }

    [Theory]
    [InlineData(80, 20, false)]  // exactly 80 %
    [InlineData(79, 21, true)]
    [InlineData(0, 99, false)]   // fewer than 100 lookups: no verdict
    [InlineData(0, 100, true)]
    public void CacheHitRateBelow80PercentWithAtLeast100Lookups(long hits, long misses, bool problem)
    {
        var problems = Report(window: new() { ["cache:vagas:hits"] = hits, ["cache:vagas:misses"] = misses }).Problems();
        Assert.Equal(problem, problems.Any(p => p.StartsWith("cache vagas")));
    }

    [Fact]
    public void AnOpenCircuitInAnyProcessIsAProblem()
    {
        Assert.Contains("circuito claude aberto", Report(circuits: new() { ["claude"] = "open", ["slack"] = "closed" }).Problems());
        Assert.Empty(Report(circuits: new() { ["claude"] = "halfopen" }).Problems());
    }

    [Theory]
    [InlineData(600L, false)]
    [InlineData(601L, true)]
    public void OldestDuePendingOverTenMinutes(long seconds, bool problem) =>
        Assert.Equal(problem, Report(queue: new QueueDepth(1, 0, 0, seconds, 1)).Problems().Any(p => p.StartsWith("fila:")));

    [Theory]
    [InlineData("open", false)]
    [InlineData("sandbox", false)]
    [InlineData("close", true)]
    [InlineData("connecting", true)]
    [InlineData("unknown", true)]
    public void WhatsAppNotOpen(string state, bool problem) =>
        Assert.Equal(problem, Report(whatsApp: state).Problems().Any(p => p.Contains("WhatsApp não conectado")));

    [Fact]
    public void AgentOffAndDatabaseDownAreSaid()
    {
        Assert.Contains(Report(agentOn: false).Problems(), p => p.StartsWith("agente desligado"));
        var noDb = Report() with { Queue = null };
        Assert.Contains(noDb.Problems(), p => p.StartsWith("banco de dados indisponível"));
    }

    [Fact]
    public void StatisticsUseTheLast100AndP95OnlyAbove20Samples()
    {
        var twenty = OperationStats.From(Enumerable.Range(1, 20).Select(i => new Sample(0, i)).ToList())!;
        Assert.Null(twenty.P95Ms);
        Assert.Equal(20, twenty.Total);
        var many = OperationStats.From(Enumerable.Range(1, 1_000).Select(i => new Sample(0, i)).ToList())!; // newest first: 1..100 count
        Assert.Equal(1_000, many.Total);
        Assert.Equal(100, many.Window);
        Assert.Equal((50.5, 100, 1, 95), (many.MeanMs, many.MaxMs, many.MinMs, many.P95Ms!.Value));
    }

    /// <summary>
    /// Counts in a problem agree with their noun, with pt-BR digits and percent: "1 vez", "1 aviso do Slack abandonado",
    /// "na última amostra" — the texts said "vez(es)", "aviso(s) do Slack desistido(s)" and "nas últimas 1 amostras".
    /// </summary>
    [Fact]
    public void CountsInProblemsAgreeWithTheirNoun()
    {
        var refused = CounterNames.Errors(global::Julia.WhatsApp.EvolutionWebhookEndpoints.RefusedOperation);
        var gaveUp = CounterNames.Errors(global::Julia.Notifications.NotificationsMeter.GaveUp("slack"));

        var one = Report(window: new() { [refused] = 1, [gaveUp] = 1 }).Problems();
        Assert.Contains(one, p => p.StartsWith("webhook da Evolution recusado 1 vez na última hora", StringComparison.Ordinal));
        Assert.Contains(one, p => p.StartsWith("1 aviso do Slack abandonado na última hora", StringComparison.Ordinal));

        var many = Report(window: new() { [refused] = 3, [gaveUp] = 2 }).Problems();
        Assert.Contains(many, p => p.StartsWith("webhook da Evolution recusado 3 vezes na última hora", StringComparison.Ordinal));
        Assert.Contains(many, p => p.StartsWith("2 avisos do Slack abandonados na última hora", StringComparison.Ordinal));
        Assert.DoesNotContain(one.Concat(many), p => p.Contains("(s)") || p.Contains("(es)") || p.Contains("desistido"));
    }

    /// <summary>
    /// A Chatwoot notice given up is a handoff note the staff will never see: one is a problem that says where the reason is
    /// and what to check, and many are that line, not the generic "aviso_chatwoot: 12 erros" (a revoked CHATWOOT_API_TOKEN
    /// ends each notice at its first attempt, so the outbox's "failed 3 times or more" never shows it).
    /// </summary>
    [Theory]
    [InlineData(1, "1 aviso do Chatwoot abandonado na última hora")]
    [InlineData(12, "12 avisos do Chatwoot abandonados na última hora")]
    public void ChatwootNoticesGivenUpAreOneProblemThatNamesTheTokenAndTheRequeue(int gaveUp, string head)
    {
        var counter = CounterNames.Errors(global::Julia.Notifications.NotificationsMeter.GaveUp("chatwoot"));
        var problems = Report(window: new() { [counter] = gaveUp }).Problems();
        var line = Assert.Single(problems);
        Assert.StartsWith(head, line, StringComparison.Ordinal);
        Assert.Contains("CHATWOOT_API_TOKEN", line, StringComparison.Ordinal);
        Assert.Contains("reenfileire", line, StringComparison.Ordinal);
        Assert.Empty(Report(window: new() { [counter] = 0 }).Problems());
    }

    /// <summary>
    /// Health judges an operation's mean from the same 5 samples as the alerts (`MetricsReport.MinSamples`): it said
    /// "lento" from 3 slow Chatwoot calls while `performance_warning` waited for 5 (an operator drill, 2026-12-06), so
    /// health and Slack disagreed about the same operation.
    /// </summary>
    [Theory]
    [InlineData(1, false)]
    [InlineData(3, false)]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void SlowOrCriticalNeedsFiveSamplesLikeTheAlerts(int samples, bool problem)
    {
        var report = Report(samples: new() { ["chatwoot_api"] = Times(1_500, samples), ["evolution_enviar"] = Times(5_000, samples) });
        Assert.Equal(problem, report.Problems().Any(p => p.StartsWith("chatwoot_api lento:", StringComparison.Ordinal)));
        Assert.Equal(problem, report.Problems().Any(p => p.StartsWith("evolution_enviar crítico:", StringComparison.Ordinal)));
        var alerts = global::Julia.Alerts.AlertRules.Evaluate(report, new global::Julia.Alerts.AlertFacts(0, 0, 0, null, 1, 0), Now).Select(a => a.Tipo).ToList();
        Assert.Equal(problem, alerts.Contains(global::Julia.Alerts.AlertTypes.PerformanceWarning));
        Assert.Equal(problem, alerts.Contains(global::Julia.Alerts.AlertTypes.PerformanceCritica));
    }

    [Fact]
    public void MillisecondsHavePtBrDigits()
    {
        Assert.Equal("chatwoot_api crítico: média de 5.000 ms nas últimas 5 amostras (limite 2.000 ms)",
            Assert.Single(Report(samples: new() { ["chatwoot_api"] = Times(5_000, 5) }).Problems()));
        Assert.Equal("chatwoot_api lento: média de 1.500 ms nas últimas 10 amostras (limite 1.000 ms)",
            Assert.Single(Report(samples: new() { ["chatwoot_api"] = Times(1_500) }).Problems()));
    }

    [Fact]
    public void ALowCacheRateIsAPtBrPercent()
    {
        var problem = Assert.Single(Report(window: new() { ["cache:vagas:hits"] = 75, ["cache:vagas:misses"] = 25 }).Problems());
        Assert.Equal("cache vagas: taxa de acerto 75% em 100 consultas na última hora (mínimo 80%)", problem);
    }

    /// <summary>
    /// 79.996 % is below 80 % although it rounds to 80.00 % (the rule compared the rounded rate and said nothing), and it
    /// reads "79,9%", cut rather than rounded; exactly 80 % is no problem.
    /// </summary>
    [Fact]
    public void ACacheRateAHairBelowEightyPercentIsAProblem()
    {
        var problem = Assert.Single(Report(window: new() { ["cache:medico:hits"] = 19_999, ["cache:medico:misses"] = 5_001 }).Problems());
        Assert.StartsWith("cache medico: taxa de acerto 79,9% em 25", problem);
        Assert.Empty(Report(window: new() { ["cache:medico:hits"] = 20_000, ["cache:medico:misses"] = 5_000 }).Problems());
    }
}
