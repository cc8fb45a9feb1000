using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// A pipeline whose Slack notices go to a <see cref="FakeSlack"/> on loopback: the fake starts before the host (whose
/// settings point at it through <c>Slack.WebhookUrl</c>) and stops after it.
/// </summary>
public abstract class SlackPipelineFixture : PipelineFixture
{
    public FakeSlack Slack { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        Slack = Peer(await FakeSlack.StartAsync());
        await base.InitializeAsync();
    }

}
