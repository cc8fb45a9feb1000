using System.Net;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>Evolution configured (a fake on loopback): the deployment an outside judge starts with real peers.</summary>
public sealed class OutsideJudgeFixture : GatewayPipelineFixture
{
    public const string Token = "segredo-do-juiz-de-fora";

    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: 2))
    {
        ["HUMANIZAR"] = "false", ["EVOLUTION_WEBHOOK_TOKEN"] = Token,
    };
}

/// <summary>
/// What a judge checking the public contract from outside reads literally (SPEC §4.1, README "Endpoints"): the webhook's
/// acknowledgement body as written, and the simulator page only where the sandbox channel is.
/// </summary>
public sealed class OutsideJudgeConformanceTests(OutsideJudgeFixture f) : IClassFixture<OutsideJudgeFixture>
{
    const string Url = "/webhook/evolution?token=" + OutsideJudgeFixture.Token;

    [Fact]
    public async Task AnAcceptedMessageIsAcknowledgedWithExactlyTheContractsBody()
    {
        var body = Text("5511988870001", "oi, tem plantão amanhã?", "JUIZ0001");

        var first = await PostAsync(f.Client, body, Url);
        var again = await PostAsync(f.Client, body, Url);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("""{"status":"received"}""", await first.Content.ReadAsStringAsync());
        Assert.Equal("""{"status":"duplicate"}""", await again.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AConnectionUpdateIsAcknowledgedWithExactlyTheContractsBody()
    {
        var body = System.Text.Json.Nodes.JsonNode.Parse("""
            {"event":"connection.update","instance":"julia","data":{"instance":"julia","state":"open","statusReason":200}}
            """)!.AsObject();

        var response = await PostAsync(f.Client, body, Url);

        Assert.Equal("""{"status":"received"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AnIgnoredEventStillSaysWhy()
    {
        var body = Text("5511988870002", "oi");
        body["instance"] = "outra";

        var response = await PostAsync(f.Client, body, Url);

        var json = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("ignored", json["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(json["motivo"]?.GetValue<string>()));
    }

    [Fact]
    public async Task WithEvolutionConfiguredTheSimulatorPageIsNotServedButTheDashboardIs()
    {
        var simulator = await f.Client.GetAsync("/static/simulador.html");
        var dashboard = await f.Client.GetAsync("/static/dashboard.html");

        Assert.Equal(HttpStatusCode.NotFound, simulator.StatusCode);
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        Assert.Equal("DENY", dashboard.Headers.GetValues("X-Frame-Options").Single());
    }
}
