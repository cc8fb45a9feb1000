using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// Júlia with LLM_PROVIDER=openai: the real `OpenAI` SDK (through Microsoft.Extensions.AI.OpenAI) pointed at
/// <see cref="FakeOpenAI"/>, on a database holding the demo data.
/// </summary>
public class OpenAIAgentFixture() : ModelFixture<FakeOpenAI>(FakeOpenAI.StartAsync)
{
    public const string Key = "sk-proj-FAKE-openai-key", Model = "gpt-4o-mini", ComplexModel = "gpt-4o";

    public FakeOpenAI OpenAI => Fake;

    protected override Dictionary<string, string?> ProviderSettings => new()
    {
        ["LLM_PROVIDER"] = "openai", ["OPENAI_BASE_URL"] = OpenAI.BaseUrl, ["OPENAI_API_KEY"] = Key,
        ["LLM_MODEL"] = Model, ["LLM_MODEL_COMPLEX"] = ComplexModel,
    };
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
