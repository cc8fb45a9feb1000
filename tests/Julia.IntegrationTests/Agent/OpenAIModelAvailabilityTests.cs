using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// SPEC §5's availability check with LLM_PROVIDER=openai (docs/decisions.md#model-availability): the server's model list
/// (`GET {OPENAI_BASE_URL}/models`, the fake OpenAI-compatible server on loopback) read once at start-up, the same log
/// events as for Claude. Before, an OpenAI-compatible provider was not checked at all.
/// </summary>
public sealed class OpenAIModelAvailabilityTests
{
    const int Available = 5020, Unknown = 5021, KeyRefused = 5022, NotChecked = 5023;

    [Fact]
    public async Task AModelTheServerDoesNotListIsAnErrorNamingItsVariable()
    {
        await using var openai = await FakeOpenAI.StartAsync();
        await using var host = await StartAsync(openai, new() { ["LLM_MODEL"] = "gpt-4o-mini-typo", ["LLM_MODEL_COMPLEX"] = "gpt-4o" });

        await host.App.Logs.AssertLoggedAsync(l => l.EventId == Unknown, "of the model the server does not list");
        await host.App.Logs.AssertLoggedAsync(l => l.EventId == Available, "of the complex model, which it lists");
        var error = Assert.Single(host.App.Logs.Lines, l => l.EventId == Unknown);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal("modelo indisponível: LLM_MODEL=gpt-4o-mini-typo não existe na lista de modelos do servidor OpenAI-compatível (GET /models); " +
            "cada resposta vai falhar e cair no fallback até corrigir LLM_MODEL", error.Message);
        Assert.StartsWith("Model available: LLM_MODEL_COMPLEX=gpt-4o ", Assert.Single(host.App.Logs.Lines, l => l.EventId == Available).Message);
        Assert.Equal(["Bearer sk-proj-FAKE-openai-key"], openai.ModelListAuthorization.ToArray()); // one request for both models
    }

    [Fact]
    public async Task ListedModelsAreAvailableAndAnOllamaNameWithoutItsTagIsItsLatest()
    {
        await using var openai = await FakeOpenAI.StartAsync();
        openai.ListedModels["llama3.1:latest"] = true;
        await using var host = await StartAsync(openai, new() { ["LLM_MODEL"] = "llama3.1", ["LLM_MODEL_COMPLEX"] = "gpt-4o" });

        await Eventually.MatchesAsync(() => Task.FromResult(host.App.Logs.Lines.Count(l => l.EventId == Available)), n => n == 2);
        Assert.DoesNotContain(host.App.Logs.Lines, l => l.EventId is Unknown or KeyRefused or NotChecked);
    }

    [Fact]
    public async Task AServerThatDoesNotListModelsIsAWarningNeverAnError()
    {
        await using var openai = await FakeOpenAI.StartAsync();
        openai.ListsModels = false;
        await using var host = await StartAsync(openai, new() { ["LLM_MODEL"] = "gpt-4o-mini", ["LLM_MODEL_COMPLEX"] = "gpt-4o" });

        await Eventually.MatchesAsync(() => Task.FromResult(host.App.Logs.Lines.Count(l => l.EventId == NotChecked)), n => n == 2);
        var warning = host.App.Logs.Lines.First(l => l.EventId == NotChecked);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal("modelo não conferido: LLM_MODEL=gpt-4o-mini: o servidor não lista modelos (GET /models respondeu 404) (a subida continua)", warning.Message);
        Assert.DoesNotContain(host.App.Logs.Lines, l => l.EventId is Unknown or KeyRefused);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.App.CreateClient().GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ARefusedKeyIsOneErrorNamingTheKeysVariable()
    {
        await using var openai = await FakeOpenAI.StartAsync();
        openai.RefuseKey = true;
        await using var host = await StartAsync(openai, new() { ["LLM_MODEL"] = "gpt-4o-mini", ["LLM_MODEL_COMPLEX"] = "gpt-4o" });

        await host.App.Logs.AssertLoggedAsync(l => l.EventId == KeyRefused, "of the refused key");
        var error = Assert.Single(host.App.Logs.Lines, l => l.EventId == KeyRefused);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.EndsWith("; confira OPENAI_API_KEY", error.Message);
        Assert.DoesNotContain("sk-proj", error.Message);
        Assert.DoesNotContain(host.App.Logs.Lines, l => l.EventId is Unknown or Available);
    }

    [Fact]
    public async Task AnUnreachableServerIsAWarningAndStartUpGoesOn()
    {
        var deadPort = LoopbackPorts.Free();
        await using var host = await StartAsync(null, new()
        {
            ["OPENAI_BASE_URL"] = $"http://127.0.0.1:{deadPort}/v1", ["LLM_MODEL"] = "gpt-4o-mini", ["LLM_MODEL_COMPLEX"] = null,
        });

        await host.App.Logs.AssertLoggedAsync(l => l.EventId == NotChecked, "of the check that could not be made", seconds: 30);
        var warning = host.App.Logs.Lines.First(l => l.EventId == NotChecked);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith("modelo não conferido: LLM_MODEL=gpt-4o-mini: ", warning.Message);
        Assert.DoesNotContain(host.App.Logs.Lines, l => l.EventId is Unknown or KeyRefused);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.App.CreateClient().GetAsync("/health")).StatusCode);
    }

    static Task<StartUpCheckHost> StartAsync(FakeOpenAI? openai, Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?>
        {
            ["HUMANIZAR"] = "false", ["LLM_PROVIDER"] = "openai", ["OPENAI_API_KEY"] = OpenAIAgentFixture.Key, ["OPENAI_BASE_URL"] = openai?.BaseUrl,
            ["ANTHROPIC_API_KEY"] = null,
        };
        foreach (var (k, v) in settings) all[k] = v;
        return StartUpCheckHost.StartAsync(all);
    }
}
