using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// SPEC §5: model ids are configuration and must be checked for availability at deployment
/// (docs/decisions.md#model-availability). The real SDK asks the fake Anthropic's Models API at start-up.
/// </summary>
public sealed class ModelAvailabilityTests
{
    const int Available = 5020, Unknown = 5021;

    [Fact]
    public async Task AModelTheAccountDoesNotHaveIsAnErrorNamingItsVariableAtStartUp()
    {
        await using var anthropic = await FakeAnthropic.StartAsync();
        anthropic.UnknownModels["claude-3-5-haiku-20241022"] = true;
        await using var host = await StartAsync(anthropic, new() { ["LLM_MODEL"] = "claude-3-5-haiku-20241022" });

        await host.App.Logs.AssertLoggedAsync(l => l.EventId == Unknown, "of the unknown model");
        await host.App.Logs.AssertLoggedAsync(l => l.EventId == Available, "of the complex model, which exists");
        var error = Assert.Single(host.App.Logs.Lines, l => l.EventId == Unknown);
        Assert.Equal(LogLevel.Error, error.Level);
        Assert.Equal("modelo indisponível: LLM_MODEL=claude-3-5-haiku-20241022 não existe nesta conta da Anthropic (404); " +
            "cada resposta vai falhar e cair no fallback até corrigir LLM_MODEL", error.Message);
        Assert.Contains(host.App.Logs.Lines, l => l.EventId == Available && l.Message.StartsWith($"Model available: LLM_MODEL_COMPLEX={AgentModels.Complex} ", StringComparison.Ordinal));
        Assert.Equal(["claude-3-5-haiku-20241022", AgentModels.Complex], anthropic.ModelsAsked.ToArray());
    }

    [Fact]
    public async Task TheDefaultModelsAreCheckedOnceEachAndNoErrorIsLogged()
    {
        await using var anthropic = await FakeAnthropic.StartAsync();
        await using var host = await StartAsync(anthropic, []);

        await Eventually.MatchesAsync(() => Task.FromResult(host.App.Logs.Lines.Count(l => l.EventId == Available)), n => n == 2);
        Assert.Equal([AgentModels.Conversation, AgentModels.Complex], anthropic.ModelsAsked.ToArray());
        Assert.DoesNotContain(host.App.Logs.Lines, l => l.EventId is Unknown or 5022 or 5023);
    }

    [Fact]
    public async Task AnUnreachableProviderIsAWarningAndStartUpGoesOn()
    {
        var deadPort = LoopbackPorts.Free();
        await using var host = await StartAsync(null, new() { ["ANTHROPIC_BASE_URL"] = $"http://127.0.0.1:{deadPort}" });

        await host.App.Logs.AssertLoggedAsync(l => l.EventId == 5023, "of the check that could not be made", seconds: 30);
        var warning = host.App.Logs.Lines.First(l => l.EventId == 5023);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.StartsWith($"modelo não conferido: LLM_MODEL={AgentModels.Conversation}: ", warning.Message);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await host.App.CreateClient().GetAsync("/health")).StatusCode);
    }

    static Task<StartUpCheckHost> StartAsync(FakeAnthropic? anthropic, Dictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?> { ["HUMANIZAR"] = "false", ["ANTHROPIC_API_KEY"] = "sk-ant-test-FAKE", ["ANTHROPIC_BASE_URL"] = anthropic?.Url };
        foreach (var (k, v) in settings) all[k] = v;
        return StartUpCheckHost.StartAsync(all);
    }
}
