using Julia.DemoData;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// Júlia with LLM_PROVIDER=openai: the real `OpenAI` SDK (through Microsoft.Extensions.AI.OpenAI) pointed at
/// <see cref="FakeOpenAI"/>, on a database holding the demo data.
/// </summary>
public class OpenAIAgentFixture : PipelineFixture
{
    public const string Key = "sk-proj-FAKE-openai-key", Model = "gpt-4o-mini", ComplexModel = "gpt-4o";

    public FakeOpenAI OpenAI { get; private set; } = null!;

    protected override bool UseScriptedAgent => false;

    protected virtual Dictionary<string, string?> AgentSettings => [];

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var s = new Dictionary<string, string?>
            {
                ["HUMANIZAR"] = "false", ["LLM_PROVIDER"] = "openai", ["OPENAI_BASE_URL"] = OpenAI.BaseUrl, ["OPENAI_API_KEY"] = Key,
                ["LLM_MODEL"] = Model, ["LLM_MODEL_COMPLEX"] = ComplexModel, ["Agent:MaxRetries"] = "1",
            };
            foreach (var (k, v) in AgentSettings) s[k] = v;
            return s;
        }
    }

    public override async Task InitializeAsync()
    {
        OpenAI = await FakeOpenAI.StartAsync();
        await base.InitializeAsync();
        await new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await new DemoDataSeeder(Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await OpenAI.DisposeAsync();
    }
}

/// <summary>
/// docs/decisions.md#agent fallback at once (FALLBACK_HANDOFF_MINUTOS=0), no SDK retries, a 5 s per-call timeout: short for
/// the hang test, long enough for a first call on a loaded machine (JIT, connection) to reach the fake.
/// </summary>
public sealed class OpenAIResilienceFixture : OpenAIAgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0", ["Agent:CallTimeout"] = "00:00:05",
    };
}

/// <summary>Fallback at once and no SDK retries, with the default per-call timeout: every failure is the server's answer.</summary>
public sealed class OpenAICircuitFixture : OpenAIAgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new() { ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0" };
}
