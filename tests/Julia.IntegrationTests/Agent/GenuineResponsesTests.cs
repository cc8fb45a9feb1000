using System.Text.Json.Nodes;
using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Agent;

/// <summary>A person at once after a failure (FALLBACK_HANDOFF_MINUTOS=0), no SDK retries: each case ends in one turn.</summary>
public sealed class GenuineResponsesFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0", ["Agent:CallTimeout"] = "00:00:03",
    };
}

/// <summary>
/// Genuine Messages API answers that are not a plain finished text (docs/decisions.md#model-provider, "Genuine responses"):
/// what the doctor gets — one answer, or the fallback — and what is asked of the model again.
/// </summary>
public sealed class GenuineResponsesTests(GenuineResponsesFixture f) : IClassFixture<GenuineResponsesFixture>
{
    async Task<List<Conversations.QueueRow>> TurnAsync(string phone, string text)
    {
        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);
        return await f.QueueAsync(phone);
    }

    static string Sent(List<Conversations.QueueRow> queue) => string.Join(" ", queue.Where(q => q.Tipo == "resposta").Select(q => q.Conteudo));

    List<JsonObject> RequestsFor(string marker) =>
        f.Anthropic.RequestsCarrying(marker);

    static string LastRole(JsonObject request) => request["messages"]!.AsArray()[^1]!["role"]!.GetValue<string>();

    Task<string> HandoffAsync(string phone) => f.ScalarAsync<string>(
        "SELECT trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone });

    /// <summary>
    /// `stop_reason: refusal` (a streaming classifier stopped the answer): its words are partial and never reach the doctor;
    /// the complex model is asked with the refused turn left out — sent back, it is a prefill the model continues or
    /// refuses again — and its answer goes out once.
    /// </summary>
    [Fact]
    public async Task ARefusedAnswerIsNotSentAndTheComplexModelIsAskedWithoutIt()
    {
        f.Anthropic.ScriptFor("(901)", Response("response-refusal.json"), FakeAnthropic.Text("Tenho sim! Plantão sábado no Hospital Central."));

        var queue = await TurnAsync("5511999990901", "tem plantão sábado? (901)");

        Assert.Equal("Tenho sim! Plantão sábado no Hospital Central.", Sent(queue));
        Assert.DoesNotContain(queue, q => q.Conteudo.Contains("Posso te ajudar com"));
        var requests = RequestsFor("(901)");
        Assert.Equal(2, requests.Count);
        Assert.Equal(AgentModels.Complex, requests[1]["model"]!.GetValue<string>());
        Assert.Equal("user", LastRole(requests[1]));
        Assert.DoesNotContain("Posso te ajudar com", requests[1].ToJsonString());
        Assert.Contains(f.App.Logs.Lines, l => l.EventId == 2004 && l.Level == LogLevel.Warning && l.Message.Contains("resposta recusada pelo modelo (refusal)"));
    }

    /// <summary>Refused by both models: the fallback — the holding message and a person — never the refusal's words.</summary>
    [Fact]
    public async Task AnAnswerBothModelsRefuseFallsBack()
    {
        f.Anthropic.ScriptFor("(902)", Response("response-refusal.json"), Response("response-refusal.json"));

        var queue = await TurnAsync("5511999990902", "tem plantão sábado? (902)");

        Assert.Empty(Sent(queue));
        Assert.Contains(queue, q => q.TipoSistema == "espera");
        Assert.DoesNotContain(queue, q => q.Conteudo.Contains("Posso te ajudar com"));
        Assert.Equal("erro_sistema", await HandoffAsync("5511999990902"));
        await f.App.Logs.AssertLoggedAsync(l => l.Message.Contains("resposta recusada pelo modelo (refusal)") && l.EventId == 1115, "1115 with the refusal");
    }

    /// <summary>`pause_turn`: the model has not finished — "Deixa eu pesquisar isso pra você." is not the answer.</summary>
    [Fact]
    public async Task APausedTurnIsNotSentAsTheAnswer()
    {
        f.Anthropic.ScriptFor("(903)", Response("response-pause-turn.json"), FakeAnthropic.Text("Tenho sim, plantão sábado no Hospital Central."));

        var queue = await TurnAsync("5511999990903", "tem plantão sábado? (903)");

        Assert.Equal("Tenho sim, plantão sábado no Hospital Central.", Sent(queue));
        var requests = RequestsFor("(903)");
        Assert.Equal(2, requests.Count);
        Assert.Equal("user", LastRole(requests[1]));
    }

    /// <summary>Cut before any sentence ended: nothing to send, so the complex model (1 000 tokens) is asked, as after an empty answer.</summary>
    [Fact]
    public async Task AnAnswerCutBeforeASentenceEndedIsAskedOfTheComplexModel()
    {
        f.Anthropic.ScriptFor("(905)", CutText("Fica na Avenida Paulista, 1000, e você entra pela portaria"), FakeAnthropic.Text("Fica na Av. Paulista, 1000. Entra pela portaria B."));

        var queue = await TurnAsync("5511999990905", "como chego no hospital? (905)");

        Assert.Equal("Fica na Av. Paulista, 1000. Entra pela portaria B.", Sent(queue));
        Assert.Equal(2, RequestsFor("(905)").Count);
    }

    /// <summary>
    /// Text around the provider's own tool (`server_tool_use`, `web_search_tool_result`) inside one answer: what came
    /// before the search is not the answer, and was glued to it ("…endereço.O Hospital…").
    /// </summary>
    [Fact]
    public async Task TextBeforeTheProvidersOwnToolIsNotGluedToTheAnswer()
    {
        f.Anthropic.ScriptFor("(906)", Response("response-server-tool-use.json"));

        var queue = await TurnAsync("5511999990906", "qual o endereço do hospital? (906)");

        Assert.Equal("O Hospital Central fica na Av. Paulista, 1000.", Sent(queue));
    }

    /// <summary>A `thinking`-only answer is empty: the retry does not end with it (a prefill of reasoning), it ends with the doctor.</summary>
    [Fact]
    public async Task AThinkingOnlyAnswerIsRetriedEndingWithTheDoctorsMessage()
    {
        var thinking = FakeAnthropic.Fixture("response-thinking-citations.json");
        thinking["content"] = new JsonArray(thinking["content"]![0]!.DeepClone());
        f.Anthropic.ScriptFor("(907)", new Answer(200, thinking.ToJsonString()), FakeAnthropic.Text("Tenho sim, plantão sábado."));

        var queue = await TurnAsync("5511999990907", "tem plantão sábado? (907)");

        Assert.Equal("Tenho sim, plantão sábado.", Sent(queue));
        var requests = RequestsFor("(907)");
        Assert.Equal(2, requests.Count);
        Assert.Equal("user", LastRole(requests[1]));
    }
}
