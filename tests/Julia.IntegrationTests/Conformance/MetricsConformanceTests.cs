using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;
using Julia.Metrics;
using Julia.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The performance report's statistics at their edges: p95 only above 20 samples, mean/min/max over the last 100 samples
/// (older ones do not count), at most 1 000 samples kept per operation.
/// </summary>
public sealed class MetricsConformanceTests(AppFixture f) : IClassFixture<AppFixture>
{
    async Task<JsonObject> WebhookStatsAsync()
    {
        await f.Factory.Services.GetRequiredService<SharedMetrics>().FlushAsync();
        var response = await f.Factory.CreateClient().GetAsync("/admin/metricas/performance");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["tempos"]!["webhook_evolution"]!.AsObject();
    }

    [Fact]
    public async Task P95AppearsAbove20SamplesStatisticsUseTheLast100AndAtMost1000AreKept()
    {
        var meter = f.Factory.Services.GetRequiredService<WhatsAppMeter>();
        for (var i = 0; i < 20; i++) meter.Time("webhook_evolution", TimeSpan.FromMilliseconds(2_000));
        Assert.Null((await WebhookStatsAsync())["p95_ms"]);

        meter.Time("webhook_evolution", TimeSpan.FromMilliseconds(2_000));
        Assert.Equal(2_000, (await WebhookStatsAsync())["p95_ms"]!.GetValue<double>());

        // 100 newer samples of 10 ms: the 21 of 2 s fall out of the statistics but stay counted as kept.
        for (var i = 0; i < 100; i++) meter.Time("webhook_evolution", TimeSpan.FromMilliseconds(10));
        var last100 = await WebhookStatsAsync();
        Assert.Equal((10.0, 10.0, 10.0, 121), (last100["media_ms"]!.GetValue<double>(), last100["max_ms"]!.GetValue<double>(),
            last100["min_ms"]!.GetValue<double>(), last100["total"]!.GetValue<int>()));

        for (var i = 0; i < 1_000; i++) meter.Time("webhook_evolution", TimeSpan.FromMilliseconds(10));
        Assert.Equal(1_000, (await WebhookStatsAsync())["total"]!.GetValue<int>());
    }
}
