using System.Net;
using System.Text.Json;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.WhatsApp;

/// <summary>Without EVOLUTION_URL the sends go to the in-app sandbox that /static/simulador.html shows.</summary>
public sealed class SandboxTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task WithoutEvolutionRepliesReachTheSandboxAndTheSimulatorPageIsServed()
    {
        const string phone = "5511999994001";

        await PostAsync(f.Client, Text(phone, "oi, simulador"));
        var history = await Eventually.MatchesAsync(async () =>
            JsonDocument.Parse(await f.Client.GetStringAsync("/sandbox/mensagens")).RootElement.EnumerateArray()
                .Where(e => e.GetProperty("number").GetString() == $"{phone}@s.whatsapp.net" && e.GetProperty("type").GetString() == "mensagem")
                .Select(e => e.GetProperty("text").GetString()).ToList(), l => l.Count >= 1);

        Assert.Equal("Oi! Recebi: oi, simulador", string.Join(' ', history));
        var page = await f.Client.GetAsync("/static/simulador.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/webhook/evolution", await page.Content.ReadAsStringAsync());
        // The send is recorded after it is made: the sandbox can show the message a moment before the record commits.
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'saida' AND i.provider_message_id LIKE 'SANDBOX-%'", new { phone }),
            n => n == 1);
    }
}
