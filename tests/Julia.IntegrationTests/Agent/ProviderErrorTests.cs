using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// The Messages API's failures with their genuine bodies (docs/decisions.md#model-provider, "Genuine responses"): the
/// doctor gets the fallback once — the holding message and a person (FALLBACK_HANDOFF_MINUTOS=0) — and the operator one
/// line naming the cause with its status code, at ERROR when it is configuration to fix; no stack trace, no key.
/// </summary>
public sealed class ProviderErrorTests(GenuineResponsesFixture f) : IClassFixture<GenuineResponsesFixture>
{
    static Answer Case(string name) => name switch
    {
        "429-spend" => Error(429, "error-429-spend-limit.json"),
        "500" => Error(500, "error-500-api-error.json"),
        "504" => Error(504, "error-504-timeout.json"),
        "502-html" => new Answer(502, Raw("error-502-proxy.html"), ContentType: "text/html"),
        "200-html" => new Answer(200, Raw("error-502-proxy.html"), ContentType: "text/html"),
        "reset" => new Answer(200, TextReply("nunca chega inteiro"), CutMidBody: true),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [InlineData("429-spend", "5511999990923", "limite de gastos da conta atingido (429)", LogLevel.Error)]
    [InlineData("500", "5511999990924", "Anthropic indisponível (500)", LogLevel.Warning)]
    [InlineData("504", "5511999990925", "Anthropic indisponível (504)", LogLevel.Warning)]
    [InlineData("502-html", "5511999990926", "Anthropic indisponível (502)", LogLevel.Warning)]
    [InlineData("200-html", "5511999990927", "resposta inválida do modelo", LogLevel.Warning)]
    [InlineData("reset", "5511999990928", "falha de rede com a Anthropic", LogLevel.Warning)]
    public async Task AFailureFallsBackOnceAndIsLoggedWithItsCause(string failure, string phone, string reason, LogLevel level)
    {
        f.App.Services.GetRequiredService<CircuitBreakers>().Claude.RecordSuccess();   // each case starts with a closed circuit
        f.Anthropic.Override = _ => Case(failure);
        var before = f.App.Logs.Lines.Count;
        try
        {
            await PostAsync(f.Client, Text(phone, $"tem plantão? ({phone[^3..]})"));
            await f.WaitProcessedAsync(phone);
        }
        finally { f.Anthropic.Override = null; }

        var queue = await f.QueueAsync(phone);
        Assert.Single(queue, q => q.TipoSistema == "espera");
        Assert.DoesNotContain(queue, q => q.Tipo == "resposta");
        Assert.Equal("erro_sistema", await f.ScalarAsync<string>(
            "SELECT trigger_type FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
        var lines = f.App.Logs.Lines.Skip(before).ToList();
        Assert.Contains(lines, l => l.EventId == 2002 && l.Level == level && l.Message.Contains(reason));
        Assert.DoesNotContain(lines, l => l.Message.Contains("sk-ant-test-FAKE") || l.Message.Contains("   at "));
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Information && l.Message.Contains("tem plantão?"));
    }

    /// <summary>
    /// A wrong LLM_MODEL (404 not_found_error) that LLM_MODEL_COMPLEX answers for: the doctor gets his answer, and the
    /// operator an ERROR naming the model — before, every turn paid a failed call and nothing said so.
    /// </summary>
    [Fact]
    public async Task AWrongConversationModelIsLoggedAtErrorEvenWhenTheComplexModelAnswers()
    {
        f.App.Services.GetRequiredService<CircuitBreakers>().Claude.RecordSuccess();
        f.Anthropic.ScriptFor("(929)", Error(404, "error-404-not-found.json"), FakeAnthropic.Text("Tenho sim, plantão sábado no Hospital Central."));
        var before = f.App.Logs.Lines.Count;

        await PostAsync(f.Client, Text("5511999990929", "tem plantão sábado? (929)"));
        await f.WaitProcessedAsync("5511999990929");

        Assert.Contains(await f.QueueAsync("5511999990929"), q => q.Tipo == "resposta" && q.Conteudo.Contains("Hospital Central"));
        Assert.Contains(f.App.Logs.Lines.Skip(before), l => l.EventId == 2003 && l.Level == LogLevel.Error
            && l.Message.Contains("modelo não encontrado (404)") && l.Message.Contains(Julia.Agent.AgentModels.Conversation));
    }
}
