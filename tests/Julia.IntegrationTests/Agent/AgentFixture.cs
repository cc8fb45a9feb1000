using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Agent;

/// <summary>Júlia with the real Anthropic SDK pointed at <see cref="FakeAnthropic"/>, on a database holding the demo data.</summary>
public class AgentFixture() : ModelFixture<FakeAnthropic>(FakeAnthropic.StartAsync)
{
    public FakeAnthropic Anthropic => Fake;

    protected override Dictionary<string, string?> ProviderSettings => new()
    {
        ["ANTHROPIC_API_KEY"] = "sk-ant-test-FAKE", ["ANTHROPIC_BASE_URL"] = Anthropic.Url,
    };
}

/// <summary>
/// Fallback at once, no SDK retries, a 3 s per-call timeout: the tests' late answers come after 4 s, and a retry through
/// the real SDK still fits on a loaded machine (it did not at 1 s).
/// </summary>
public sealed class ResilienceFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0", ["Agent:CallTimeout"] = "00:00:03",
    };
}

public sealed class CircuitFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new() { ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0" };
}

/// <summary>
/// The SDK's retries of a slow answer (2 of them, 5 s each) would outlast a 12 s turn: the first model gets 7 s, the
/// turn's deadline less one call, so that the complex model is asked in time. The complex model's window is one call
/// (5 s): with 3 s it was missed once on a host at load 15.
/// </summary>
public sealed class SlowModelFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "2", ["Agent:CallTimeout"] = "00:00:05", ["Agent:TurnDeadline"] = "00:00:12",
    };
}
