using Julia.DemoData;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Agent;

/// <summary>Júlia with the real Anthropic SDK pointed at <see cref="FakeAnthropic"/>, on a database holding the demo data.</summary>
public class AgentFixture : PipelineFixture
{
    public FakeAnthropic Anthropic { get; private set; } = null!;

    protected override bool UseScriptedAgent => false;

    protected virtual Dictionary<string, string?> AgentSettings => [];

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var s = new Dictionary<string, string?>
            {
                ["HUMANIZAR"] = "false", ["ANTHROPIC_API_KEY"] = "sk-ant-test-FAKE", ["ANTHROPIC_BASE_URL"] = Anthropic.Url,
                ["Agent:MaxRetries"] = "1",
            };
            foreach (var (k, v) in AgentSettings) s[k] = v;
            return s;
        }
    }

    public override async Task InitializeAsync()
    {
        Anthropic = await FakeAnthropic.StartAsync();
        await base.InitializeAsync();
        await new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await new DemoDataSeeder(Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Anthropic.DisposeAsync();
    }
}

public sealed class ResilienceFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0", ["Agent:CallTimeout"] = "00:00:01",
    };
}

public sealed class CircuitFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new() { ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0" };
}
