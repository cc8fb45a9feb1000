using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Julia.DemoData;
using Julia.IntegrationTests.Conversations;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Dashboard;

public sealed class OfferFunnelDemoFixture : PipelineFixture
{
    public const string Token = "tok-funil-demo";
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoDataSeeder(Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
    }
}

/// <summary>
/// GET /metricas/funil on the demo data (DemoData/seed-demo.sql, "Offer funnel" section): the numbers that follow from
/// its rows, the same after a second seed, and consistent with /metricas/resumo on the same data.
/// </summary>
public sealed class OfferFunnelDemoTests(OfferFunnelDemoFixture f) : IClassFixture<OfferFunnelDemoFixture>
{
    static readonly string[] Steps = ["contatados", "responderam", "vaga_oferecida", "reservaram", "confirmaram", "opt_out"];
    static readonly string[] Transitions = ["responderam", "vaga_oferecida", "reservaram", "confirmaram", "opt_out"];

    async Task<JsonNode> GetAsync(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", OfferFunnelDemoFixture.Token);
        using var response = await f.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    static long[] Counts(JsonNode g) => Steps.Select(s => g[s]!.GetValue<long>()).ToArray();
    static double?[] Conversions(JsonNode g) => Transitions.Select(s => g["conversao"]![s]?.GetValue<double>()).ToArray();
    static long?[] Medians(JsonNode g) => Transitions.Select(s => g["tempo_mediano_s"]![s]?.GetValue<long>()).ToArray();

    [Fact]
    public async Task TheDemoFunnelHasItsKnownNumbersEvenAfterASecondSeed()
    {
        await new DemoDataSeeder(f.Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);   // idempotent
        var funnel = await GetAsync("/metricas/funil?dias=7");

        var total = funnel["total"]!;
        // Fernanda, Lucas, Larissa; Eduardo, Gustavo, Patrícia, Felipe, Renata; Natália.
        Assert.Equal([9L, 7, 5, 2, 1, 1], Counts(total));
        Assert.Equal([0.7778, 0.7143, 0.4, 0.5, 0.1111], Conversions(total));
        // Contact→answer: 3 540, 3 600, 3 600, 7 200, 72 000, 79 200, 91 200 s; every offer 60 s after the answer;
        // offer→reservation 3 570 and 7 170 s; Eduardo's reservation confirmed by staff 7 200 s after it was made;
        // Renata opted out 7 200 s after her campaign.
        Assert.Equal([7200L, 60, 5370, 7200, 7200], Medians(total));

        var campaigns = funnel["por_campanha"]!.AsArray().Select(c => c!).ToList();
        Assert.Equal(["Cardiologia ABC (demo)", "Clínica médica ABC (demo)", "Sem campanha"], campaigns.Select(c => c["nome"]!.GetValue<string>()));
        Assert.Equal([(long?)2, 1, null], campaigns.Select(c => c["campanha_id"]?.GetValue<long>()));
        Assert.Equal([5L, 4, 3, 2, 1, 1], Counts(campaigns[0]));
        Assert.Equal([3L, 2, 1, 0, 0, 0], Counts(campaigns[1]));
        Assert.Equal([1L, 1, 1, 0, 0, 0], Counts(campaigns[2]));
        Assert.Equal([0.8, 0.75, 0.6667, 0.5, 0.2], Conversions(campaigns[0]));

        var specialties = funnel["por_especialidade"]!.AsArray().Select(c => c!).ToList();
        Assert.Equal(["cardiologia", "clinica_medica", "medicina_intensiva"], specialties.Select(c => c["nome"]!.GetValue<string>()));
        Assert.Equal([[5L, 4, 3, 2, 1, 1], [3L, 2, 1, 0, 0, 0], [1L, 1, 1, 0, 0, 0]], specialties.Select(Counts));

        // The same doctors the summary counts as contacted proactively; its reply rate is the first conversion here.
        var resumo = await GetAsync("/metricas/resumo?dias=7");
        Assert.Equal(9, resumo["medicos_contatados_proativamente"]!.GetValue<long>());
        Assert.Equal(0.7778, resumo["taxa_resposta"]!.GetValue<double>());
        Assert.Equal((60_000L, 60_000L), (resumo["tempo_resposta"]!["p50_ms"]!.GetValue<long>(), resumo["tempo_resposta"]!["p95_ms"]!.GetValue<long>()));
    }
}
