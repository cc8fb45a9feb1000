using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
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

    /// <summary>SPEC §5: LLM_MODEL_COMPLEX answers once after a failed answer; when it fails too, the fallback.</summary>
    [Fact]
    public async Task ATimeoutOfBothModelsFallsBack()
    {
        var late = new Answer(200, TextReply("tarde demais"), Delay: TimeSpan.FromSeconds(4));
        f.Anthropic.Enqueue(late, late);

        await PostAsync(f.Client, Text("5511999990701", "oi? (701)"));
        await f.WaitProcessedAsync("5511999990701");

        await AssertFellBackAsync("5511999990701", "tarde demais");
        Assert.Equal(2, RequestsFor("(701)").Count);
    }

    [Fact]
    public async Task AMalformedResponseOfBothModelsFallsBack()
    {
        var malformed = new Answer(200, """{"id":"msg_x","type":"message","content":""");
        f.Anthropic.Enqueue(malformed, malformed);

        await PostAsync(f.Client, Text("5511999990702", "oi? (702)"));
        await f.WaitProcessedAsync("5511999990702");

        await AssertFellBackAsync("5511999990702", "msg_x");
    }

    /// <summary>
    /// SPEC §5: "LLM_MODEL_COMPLEX for one retry after an empty/failed answer" — a timed-out or malformed answer is asked
    /// again of the complex model, and the doctor gets its reply (a SPEC audit, 2026-12-02: only an empty answer was).
    /// </summary>
    [Theory]
    [InlineData("5511999990703", "timeout")]
    [InlineData("5511999990704", "malformed")]
    public async Task AFailedAnswerIsAskedOnceMoreOfTheComplexModel(string phone, string failure)
    {
        f.Anthropic.Enqueue(failure == "timeout"
            ? new Answer(200, TextReply("tarde demais"), Delay: TimeSpan.FromSeconds(4))
            : new Answer(200, """{"id":"msg_x","type":"message","content":"""));
        f.Anthropic.Enqueue(FakeAnthropic.Text("Tenho sim! Plantão sábado no Hospital Central."));

        await PostAsync(f.Client, Text(phone, $"tem vaga? ({phone[^3..]})"));
        await f.WaitProcessedAsync(phone);

        var queue = await f.QueueAsync(phone);
        Assert.Contains(queue, q => q.Tipo == "resposta" && q.Conteudo.Contains("Hospital Central"));
        Assert.DoesNotContain(queue, q => q.TipoSistema == "espera");
        var models = RequestsFor($"({phone[^3..]})").Select(r => r["model"]!.GetValue<string>()).ToList();
        Assert.Equal(2, models.Count);
        Assert.NotEqual(models[0], models[1]); // LLM_MODEL, then LLM_MODEL_COMPLEX
    }

    List<System.Text.Json.Nodes.JsonObject> RequestsFor(string marker) =>
        f.Anthropic.RequestsCarrying(marker);
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
        // Written just after the turn marks its rows processed: waited for, not read at once (it raced a loaded host).
        await f.App.Logs.AssertLoggedAsync(l => l.Message.Contains("circuito claude aberto"), "with \"circuito claude aberto\"");
    }
}

/// <summary>
/// A request the model refuses (400, 413) is about that conversation, not the model's health: it does not open the
/// circuit every other doctor's turn goes through (a black-box fuzz, 2026-12-03: a million-character staff message in
/// one conversation's history refused its every turn, opened the circuit and left every doctor with the holding message).
/// </summary>
public sealed class RequestFaultTests(CircuitFixture f) : IClassFixture<CircuitFixture>
{
    [Fact]
    public async Task RequestsTheModelRefusesDoNotOpenTheCircuitForOthers()
    {
        var refused = new Answer(400, FakeAnthropic.Fixture("error-400-invalid-request.json").ToJsonString());
        string[] phones = ["5511999990811", "5511999990812", "5511999990813", "5511999990814"];
        foreach (var phone in phones)
        {
            f.Anthropic.Enqueue(refused, refused); // the conversation model, then LLM_MODEL_COMPLEX
            await PostAsync(f.Client, Text(phone, "tem vaga?"));
            await f.WaitProcessedAsync(phone);
        }

        f.Anthropic.Enqueue(FakeAnthropic.Text("Tenho sim, plantão sábado no Hospital Central."));
        await PostAsync(f.Client, Text("5511999990815", "e pra mim, tem vaga?"));
        await f.WaitProcessedAsync("5511999990815");

        Assert.Contains(await f.QueueAsync("5511999990815"), q => q.Tipo == "resposta" && q.Conteudo.Contains("Hospital Central"));
        Assert.DoesNotContain(f.App.Logs.Lines, l => l.Message.Contains("circuito claude aberto"));
        Assert.Contains(f.App.Logs.Lines, l => l.Message.Contains("pedido recusado pelo modelo (400)"));
    }
}

/// <summary>
/// A first model that keeps timing out leaves the complex model its call: the SDK's own retries used up the turn's
/// deadline, LLM_MODEL_COMPLEX was never asked and the doctor got the holding message (an operator walk, 2026-12-03).
/// </summary>
public sealed class SlowModelTests(SlowModelFixture f) : IClassFixture<SlowModelFixture>
{
    [Fact]
    public async Task AFirstModelThatKeepsTimingOutLeavesTheComplexModelItsCall()
    {
        var complex = f.App.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Julia.Agent.AgentOptions>>().Value.ComplexModel;
        f.Anthropic.Override = request => request["model"]!.GetValue<string>() == complex
            ? FakeAnthropic.Text("Tenho sim, plantão sábado no Hospital Central.")
            : new Answer(200, TextReply("tarde demais"), Delay: TimeSpan.FromSeconds(7)); // past the 5 s call timeout

        await PostAsync(f.Client, Text("5511999990821", "tem vaga? (821)"));
        await f.WaitProcessedAsync("5511999990821");

        Assert.Contains(await f.QueueAsync("5511999990821"), q => q.Tipo == "resposta" && q.Conteudo.Contains("Hospital Central"));
        Assert.Contains(f.Anthropic.Requests, r => r["model"]!.GetValue<string>() == complex);
    }
}
