using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Julia.Agent;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.Metrics;
using Julia.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Metrics;

public sealed class MetricsFixture : PipelineFixture
{
    public const string Token = "metricas-token-FAKE";
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token };

    public async Task<JsonObject> GetAsync(string path, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        var response = await (client ?? Client).SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }
}

/// <summary>/admin/metricas/performance and /health: shapes, samples shared through Redis, and /metrics for Prometheus.</summary>
public sealed class MetricsEndpointsTests(MetricsFixture f) : IClassFixture<MetricsFixture>
{
    [Fact]
    public async Task PerformanceShowsTheRunbookFieldsAfterRealTraffic()
    {
        for (var i = 0; i < 3; i++)
        {
            var phone = $"551199999070{i}";
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, "oi, tem plantão?"))).StatusCode);
            await f.WaitProcessedAsync(phone);
        }

        var body = await f.GetAsync("/admin/metricas/performance");

        var webhook = body["tempos"]!["webhook_evolution"]!.AsObject();
        Assert.True(webhook["total"]!.GetValue<int>() >= 3);
        Assert.True(webhook["min_ms"]!.GetValue<double>() <= webhook["media_ms"]!.GetValue<double>());
        Assert.True(webhook["media_ms"]!.GetValue<double>() <= webhook["max_ms"]!.GetValue<double>());
        Assert.Null(webhook["p95_ms"]); // 20 samples or fewer: no p95
        Assert.NotNull(body["tempos"]!["processar_mensagem"]);
        Assert.True(body["contadores"]!["mensagens_recebidas"]!.GetValue<long>() >= 3);
        foreach (var family in new[] { "medico", "vagas", "contexto" })
            Assert.NotNull(body["cache"]![family]!["hits"]);
        Assert.True(body["cache"]!["medico"]!["misses"]!.GetValue<long>() >= 1);
        foreach (var field in new[] { "pendente", "processando", "erro_24h", "idade_mais_antiga_s" })
            Assert.NotNull(body["fila"]![field]);
        foreach (var field in new[] { "msgs_hora", "limite_hora", "msgs_dia", "limite_dia", "horario_permitido", "hora_atual" })
            Assert.NotNull(body["rate_limit"]![field]);
        Assert.Equal("closed", body["circuits"]!["claude"]!["estado"]!.GetValue<string>());
        Assert.False(body["parcial"]!.GetValue<bool>());
        Assert.True(DateTimeOffset.TryParse(body["gerado_em"]!.GetValue<string>(), out _));
        Assert.Equal("sandbox", body["whatsapp"]!["estado"]!.GetValue<string>());

        // Every sample reached Redis, where any other process reads it.
        var redis = f.App.Services.GetRequiredService<Julia.Infrastructure.Redis.RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        Assert.True(await redis.ListLengthAsync(MetricKeys.Samples("webhook_evolution")) >= 3);
        Assert.True((long)await redis.HashGetAsync(MetricKeys.Totals, "mensagens_recebidas") >= 3);
    }

    [Fact]
    public async Task TheEndpointsNeedTheAdminToken()
    {
        foreach (var path in new[] { "/admin/metricas/performance", "/admin/metricas/health", "/metrics" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await f.Client.GetAsync(path)).StatusCode);
            var wrong = new HttpRequestMessage(HttpMethod.Get, path);
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "errado");
            var response = await f.Client.SendAsync(wrong);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Contains("ADMIN_API_TOKEN", await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task PrometheusScrapeHasTheOperationHistogramAndCounters()
    {
        f.App.Services.GetRequiredService<WhatsAppMeter>().Time("webhook_evolution", TimeSpan.FromMilliseconds(12));
        f.App.Services.GetRequiredService<AgentMeter>().Error("llm_chamada");
        var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFixture.Token);

        // The exporter caches a scrape for a moment; the instruments appear once they have a measurement.
        var text = "";
        await Eventually.MatchesAsync(async () =>
        {
            var r = await f.Client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/metrics") { Headers = { Authorization = request.Headers.Authorization } });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return text = await r.Content.ReadAsStringAsync();
        }, t => t.Contains("julia_operacao_duracao") && t.Contains("julia_operacao_erros"));
        Assert.Contains("operacao=\"webhook_evolution\"", text);
        Assert.Contains("otel_scope_name=\"Julia.WhatsApp\"", text);
    }

    [Fact]
    public async Task HealthSaysWhetherTheAgentIsOffAndCarriesTheMetrics()
    {
        var health = await f.GetAsync("/admin/metricas/health");
        var problems = health["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        Assert.Equal(problems.Count == 0 ? "healthy" : "degraded", health["status"]!.GetValue<string>());
        Assert.NotNull(health["metricas"]!["tempos"]);
        Assert.NotNull(health["metricas"]!["fila"]);
        // The test host has no ANTHROPIC_API_KEY (a scripted agent answers): the agent counts as off, and says so.
        var agentOn = f.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<AgentOptions>>().Value.Enabled;
        Assert.Equal(agentOn, health["metricas"]!["agente"]!["ligado"]!.GetValue<bool>());
        Assert.Equal(!agentOn, problems.Any(p => p.Contains("agente desligado")));
    }
}

/// <summary>Two processes (api + worker) write into the same `metricas:*`; Redis down → each answers alone, partial.</summary>
public sealed class SharedMetricsTests
{
    static async Task<JsonObject> PerformanceAsync(JuliaAppFactory app)
    {
        var response = await app.CreateClient().GetAsync("/admin/metricas/performance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    [Fact]
    public async Task ApiAndWorkerSamplesMergeIntoOneView()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var api = new JuliaAppFactory(db, redis);
        await using var worker = new JuliaAppFactory(db, redis);
        _ = api.Server;
        _ = worker.Server;

        var apiMeter = api.Services.GetRequiredService<WhatsAppMeter>();
        var workerMeter = worker.Services.GetRequiredService<WhatsAppMeter>();
        for (var i = 0; i < 30; i++) apiMeter.Time("webhook_evolution", TimeSpan.FromMilliseconds(10));
        for (var i = 0; i < 20; i++) workerMeter.Time("webhook_evolution", TimeSpan.FromMilliseconds(40));
        workerMeter.Error("webhook_evolution");
        await worker.Services.GetRequiredService<SharedMetrics>().FlushAsync();

        var merged = (await PerformanceAsync(api))["tempos"]!["webhook_evolution"]!.AsObject();
        Assert.Equal(50, merged["total"]!.GetValue<int>());
        Assert.Equal(10, merged["min_ms"]!.GetValue<double>());
        Assert.Equal(40, merged["max_ms"]!.GetValue<double>());
        Assert.Equal(22, merged["media_ms"]!.GetValue<double>()); // (30×10 + 20×40) / 50
        Assert.Equal(40, merged["p95_ms"]!.GetValue<double>());
        var fromWorker = await PerformanceAsync(worker);
        Assert.Equal(50, fromWorker["tempos"]!["webhook_evolution"]!["total"]!.GetValue<int>());
        Assert.Equal(1, fromWorker["erros"]!["webhook_evolution"]!.GetValue<long>());
        Assert.False(fromWorker["parcial"]!.GetValue<bool>());
    }

    [Fact]
    public async Task WithRedisDownTheEndpointsAnswerFromTheProcessMarkedPartial()
    {
        await using var db = await TestDatabase.CreateAsync();
        var deadRedis = $"redis://127.0.0.1:{LoopbackPorts.Free()}/0";
        await using var app = new JuliaAppFactory(db.Url, deadRedis);
        _ = app.Server;
        var meter = app.Services.GetRequiredService<WhatsAppMeter>();
        for (var i = 0; i < 3; i++) meter.Time("webhook_evolution", TimeSpan.FromMilliseconds(5));

        var body = await PerformanceAsync(app);
        Assert.True(body["parcial"]!.GetValue<bool>());
        Assert.Equal(3, body["tempos"]!["webhook_evolution"]!["total"]!.GetValue<int>());
        var health = await app.CreateClient().GetAsync("/admin/metricas/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        var report = JsonNode.Parse(await health.Content.ReadAsStringAsync())!;
        Assert.Equal("degraded", report["status"]!.GetValue<string>());
        Assert.Contains(report["problemas"]!.AsArray(), p => p!.GetValue<string>().StartsWith("Redis indisponível"));
    }
}

public sealed class TokenMetricsFixture : PipelineFixture
{
    public const string Token = "metricas-token-FAKE", WebhookToken = "webhook-token-FAKE";
    protected override Dictionary<string, string?> Settings => new()
    {
        ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token, ["EVOLUTION_WEBHOOK_TOKEN"] = WebhookToken,
    };
}

/// <summary>
/// A webhook refused for a wrong token is a doctor's message lost (Evolution does not resend a 401): health says so. A
/// request with no token at all (a scanner) is not counted (an operator walk, 2026-12-03: health stayed `healthy` while
/// every message was refused).
/// </summary>
public sealed class RefusedWebhookHealthTests(TokenMetricsFixture f) : IClassFixture<TokenMetricsFixture>
{
    [Fact]
    public async Task WebhooksRefusedForAWrongTokenMakeHealthDegradedAndSaySo()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(f.Client, Text("5511999990791", "oi"), "/webhook/evolution?token=o-antigo")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostAsync(f.Client, Text("5511999990792", "oi"), "/webhook/evolution")).StatusCode);

        var problems = await Eventually.MatchesAsync(async () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/admin/metricas/health");
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TokenMetricsFixture.Token);
            var health = JsonNode.Parse(await (await f.Client.SendAsync(request)).Content.ReadAsStringAsync())!.AsObject();
            return health["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        }, p => p.Any(x => x.Contains("webhook da Evolution recusado")));

        Assert.Contains(problems, p => p.StartsWith("webhook da Evolution recusado 1 vez na última hora", StringComparison.Ordinal));
    }
}

public sealed class DeadSlackFixture : PipelineFixture
{
    public FakeSlack Slack { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings => new()
    {
        ["HUMANIZAR"] = "false", ["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl, ["Notifications:PollMilliseconds"] = "50",
    };

    public override async Task InitializeAsync()
    {
        Slack = Peer(await FakeSlack.StartAsync());
        Slack.Respond = _ => (404, "no_service", null); // the webhook was revoked: permanent
        await base.InitializeAsync();
    }

}

/// <summary>
/// A Slack notice given up (`falhou`) makes health degraded: alerts travel through Slack, so a dead webhook would lose
/// every later alert without a trace (an operator walk, 2026-12-03: `healthy` while the handoff notice had failed).
/// </summary>
public sealed class DeadSlackHealthTests(DeadSlackFixture f) : IClassFixture<DeadSlackFixture>
{
    [Fact]
    public async Task ASlackNoticeGivenUpMakesHealthDegradedAndSaysSo()
    {
        await PostAsync(f.Client, Text("5511999990793", "quero falar com um humano"));
        await f.WaitProcessedAsync("5511999990793");

        var problems = await Eventually.MatchesAsync(async () =>
        {
            var health = JsonNode.Parse(await f.Client.GetStringAsync("/admin/metricas/health"))!.AsObject();
            return health["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();
        }, p => p.Any(x => x.Contains("do Slack abandonado")));

        Assert.Contains(problems, p => p.Contains("SLACK_WEBHOOK_URL"));
        Assert.Equal("falhou", await f.ScalarAsync<string>("SELECT status FROM notificacoes WHERE canal = 'slack' ORDER BY id LIMIT 1"));
        // given up at the first answer (permanent): said in the singular, as an operator reads it
        await f.App.Logs.AssertLoggedAsync(l => l.EventId == 7003 && l.Message.Contains("desistiu após 1 tentativa:"), "7003 após 1 tentativa");
    }
}
