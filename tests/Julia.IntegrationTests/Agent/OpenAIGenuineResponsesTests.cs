using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// An OpenAI-compatible answer the provider's filter stopped (`finish_reason: content_filter`) is never sent: its words
/// are partial (docs/decisions.md#model-provider, "Genuine responses"). Asked again, then the fallback.
/// </summary>
public sealed class OpenAIGenuineResponsesTests(OpenAIResilienceFixture f) : IClassFixture<OpenAIResilienceFixture>
{
    [Fact]
    public async Task AFilteredAnswerIsNotSentAndFallsBack()
    {
        const string phone = "5511999990971";
        var filtered = new Answer(200, FakeOpenAI.Fixture("response-content-filter.json").ToJsonString());
        f.OpenAI.ScriptFor("(971)", filtered, filtered);

        await PostAsync(f.Client, Text(phone, "tem plantão sábado? (971)"));
        await f.WaitProcessedAsync(phone);

        var queue = await f.QueueAsync(phone);
        Assert.DoesNotContain(queue, q => q.Conteudo.Contains("Posso te ajudar com"));
        Assert.Contains(queue, q => q.TipoSistema == "espera");
        Assert.Equal(2, f.OpenAI.Requests.Count(r => r.ToJsonString().Contains("(971)")));
        Assert.Contains(f.App.Logs.Lines, l => l.Message.Contains("resposta recusada pelo modelo (content_filter)"));
    }
}
