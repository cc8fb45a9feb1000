using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Metrics;

/// <summary>A host nobody has sent anything to: what its counters show before the first event.</summary>
public sealed class FreshMetricsFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = MetricsFixture.Token };

    public async Task<string> GetTextAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsFixture.Token);
        var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

/// <summary>
/// Every counter the README lists is there at 0 from start-up for the label sets known in advance (docs/decisions.md#metrics,
/// "Counters at 0 from start-up"): before, a counter appeared only after its first sample, so `rate(…) == 0` had no series.
/// </summary>
public sealed class CountersAtZeroTests(FreshMetricsFixture f) : IClassFixture<FreshMetricsFixture>
{
    static readonly (string Metric, string[] Labels)[] Expected =
    [
        ("julia_mensagens_recebidas_total", []),
        .. new[] { "resposta", "sistema", "lembrete_solicitado", "followup", "campanha" }
            .Select(t => ("julia_mensagens_enviadas_total", new[] { $"tipo=\"{t}\"" })),
        .. from family in new[] { "medico", "vagas", "contexto" }
           from result in new[] { "hit", "miss" }
           select ("julia_cache_consultas_total", new[] { $"familia=\"{family}\"", $"resultado=\"{result}\"" }),
        .. new[] { "webhook_evolution", "webhook_recusado", "processar_mensagem", "llm_chamada", "evolution_enviar", "chatwoot_api", "slack_enviar", "aviso_slack", "aviso_chatwoot" }
            .Select(op => ("julia_operacao_erros_total", new[] { $"operacao=\"{op}\"" })),
        // The detectors' misses the agent caught, per kind and nearest rule family (`nenhuma`: no family's words).
        .. new[] { ("opt_out", "parar_envio"), ("opt_out", "remocao"), ("opt_out", "nenhuma"), ("pedido_humano", "falar_com"), ("pedido_humano", "nenhuma") }
            .Select(m => ("julia_deteccao_perdida_total", new[] { $"tipo=\"{m.Item1}\"", $"familia=\"{m.Item2}\"" })),
    ];

    [Fact]
    public async Task AFreshProcessScrapeHasEveryListedCounterWithItsKnownLabels()
    {
        var text = "";
        // The exporter caches a scrape for a moment.
        await Eventually.MatchesAsync(async () => text = await f.GetTextAsync("/metrics"),
            t => Expected.All(e => SeriesValue(t, e.Metric, e.Labels) is not null));

        foreach (var (metric, labels) in Expected)
            // Another host in this test process may share the meter names (OpenTelemetry listens by name), so the value is
            // checked on this host's own counters below; here: the series is there, with a number.
            Assert.True(SeriesValue(text, metric, labels) >= 0, $"{metric}{{{string.Join(',', labels)}}} missing");
        // Every family deteccao.json names, for its kind: 17 opt-out and 10 person-request families, and `nenhuma` for each.
        var misses = Julia.Conversations.ConversationsMeter.KnownMisses.ToList();
        Assert.True(misses.Count >= 29, $"{misses.Count} known misses");
        foreach (var (kind, family) in misses)
            Assert.True(SeriesValue(text, "julia_deteccao_perdida_total", [$"tipo=\"{kind}\"", $"familia=\"{family}\""]) >= 0, $"{kind}/{family} missing");
    }

    [Fact]
    public async Task AFreshProcessPerformanceReportHasTheCountersAtZero()
    {
        JsonObject? body = null;
        await Eventually.MatchesAsync(async () => body = JsonNode.Parse(await f.GetTextAsync("/admin/metricas/performance"))!.AsObject(),
            b => b["contadores"]?["mensagens_enviadas"] is not null);

        Assert.Equal(0, body!["contadores"]!["mensagens_recebidas"]!.GetValue<long>());
        Assert.Equal(0, body["contadores"]!["mensagens_enviadas"]!.GetValue<long>());
        Assert.Equal(0, body["contadores"]!["deteccao_perdida"]!.GetValue<long>());
        foreach (var op in new[] { "webhook_evolution", "processar_mensagem", "llm_chamada", "evolution_enviar", "chatwoot_api", "slack_enviar" })
            Assert.Equal(0, body["erros"]![op]!.GetValue<long>());
        foreach (var family in new[] { "medico", "vagas", "contexto" })
        {
            Assert.Equal(0, body["cache"]![family]!["hits"]!.GetValue<long>());
            Assert.Equal(0, body["cache"]![family]!["misses"]!.GetValue<long>());
        }
    }

    /// <summary>The value of the series of <paramref name="metric"/> carrying every label in <paramref name="labels"/>; null when none.</summary>
    static double? SeriesValue(string scrape, string metric, string[] labels)
    {
        foreach (var line in scrape.Split('\n'))
        {
            if (!line.StartsWith(metric + "{", StringComparison.Ordinal) && line.Split(' ')[0] != metric) continue;
            var close = line.LastIndexOf('}');
            var series = close < 0 ? "" : line[..(close + 1)];
            if (!labels.All(series.Contains)) continue;
            var value = line[(close + 1)..].Trim().Split(' ')[0];
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) return v;
        }
        return null;
    }
}
