using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Agent;

/// <summary>docs/decisions.md#agent fallback with FALLBACK_HANDOFF_MINUTOS=0: a failure gives a holding message and a person, never an error text.</summary>
public sealed class ResilienceTests(ResilienceFixture f) : IClassFixture<ResilienceFixture>
{
    async Task AssertFellBackAsync(string phone, string notSent)
    {
        var queue = await f.QueueAsync(phone);
        Assert.Contains(queue, q => q.TipoSistema == "espera" && q.Conteudo == "Me dá só um minutinho que já te respondo");
        Assert.DoesNotContain(queue, q => q.Conteudo.Contains(notSent) || q.Conteudo.Contains("error", StringComparison.OrdinalIgnoreCase));
        Assert.Equal("erro_sistema", await f.ScalarAsync<string>(
            "SELECT trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
    }

    [Fact]
    public async Task ATimeoutFallsBack()
    {
        f.Anthropic.Enqueue(new Answer(200, TextReply("tarde demais"), Delay: TimeSpan.FromSeconds(4)));

        await PostAsync(f.Client, Text("5511999990701", "oi?"));
        await f.WaitProcessedAsync("5511999990701");

        await AssertFellBackAsync("5511999990701", "tarde demais");
    }

    [Fact]
    public async Task AMalformedResponseFallsBack()
    {
        f.Anthropic.Enqueue(new Answer(200, """{"id":"msg_x","type":"message","content":"""));

        await PostAsync(f.Client, Text("5511999990702", "oi?"));
        await f.WaitProcessedAsync("5511999990702");

        await AssertFellBackAsync("5511999990702", "msg_x");
    }
}

public sealed class CircuitTests(CircuitFixture f) : IClassFixture<CircuitFixture>
{
    [Fact]
    public async Task OverloadedUntilTheCircuitOpensThenNoMoreCallsAndEveryoneGetsAPerson()
    {
        string[] phones = ["5511999990801", "5511999990802", "5511999990803", "5511999990804"];
        for (var i = 0; i < 3; i++) f.Anthropic.Enqueue(Overloaded());

        foreach (var phone in phones)
        {
            await PostAsync(f.Client, Text(phone, "tem vaga?"));
            await f.WaitProcessedAsync(phone);
        }

        Assert.Equal(3, f.Anthropic.Requests.Count); // the fourth turn met an open circuit: no call
        foreach (var phone in phones)
            Assert.Equal("erro_sistema", await f.ScalarAsync<string>(
                "SELECT trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Contains(f.App.Logs.Lines, l => l.Message.Contains("circuito claude aberto"));
    }
}
