using Julia.DemoData;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// Júlia with the real model SDK of a provider pointed at its fake server (<typeparamref name="TFake"/>), on a database
/// holding the demo data: no deliberate delays, one SDK retry; <see cref="AgentSettings"/> of a subclass win.
/// </summary>
public abstract class ModelFixture<TFake>(Func<Task<TFake>> start) : PipelineFixture where TFake : FakeModelServer
{
    protected TFake Fake { get; private set; } = null!;

    protected override bool UseScriptedAgent => false;

    /// <summary>The provider's variables: which SDK, where its fake listens, the key.</summary>
    protected abstract Dictionary<string, string?> ProviderSettings { get; }

    protected virtual Dictionary<string, string?> AgentSettings => [];

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var s = new Dictionary<string, string?> { ["HUMANIZAR"] = "false", ["Agent:MaxRetries"] = "1" };
            foreach (var (k, v) in ProviderSettings.Concat(AgentSettings)) s[k] = v;
            return s;
        }
    }

    public override async Task InitializeAsync()
    {
        Fake = Peer(await start());
        await base.InitializeAsync();
        await new MigrationRunner(Db, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await new DemoDataSeeder(Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
    }

}
