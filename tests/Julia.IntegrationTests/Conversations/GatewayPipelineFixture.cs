using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// A pipeline that sends through the real Evolution client to a <see cref="FakeEvolution"/> on loopback: the fake starts
/// before the host (whose settings point at it) and stops after it. Settings come from <c>Evolution.Settings(...)</c>.
/// </summary>
public abstract class GatewayPipelineFixture : PipelineFixture
{
    public FakeEvolution Evolution { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Evolution = Peer(await FakeEvolution.StartAsync());
        await base.InitializeAsync();
    }

}
