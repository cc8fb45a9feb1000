using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;
using Julia.Slack;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Julia.IntegrationTests.Slack;

/// <summary>SlackClient against a fake incoming webhook on loopback: needs no database, Redis or app host.</summary>
public sealed class SlackClientTests : IAsyncLifetime
{
    FakeSlack fake = null!;

    public async Task InitializeAsync() => fake = await FakeSlack.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    static JsonObject Payload() => new() { ["text"] = "Júlia: teste" };

    SlackClient Client(TimeSpan? timeout = null, string? webhookUrl = null, ILogger<SlackClient>? logger = null) =>
        new(new HttpClient { Timeout = timeout ?? TimeSpan.FromSeconds(5) },
            Options.Create(new SlackOptions { WebhookUrl = webhookUrl ?? fake.WebhookUrl }),
            new SlackMeter(TestMeters.Factory), logger ?? NullLogger<SlackClient>.Instance);

    [Fact]
    public async Task OkFromSlackIsDeliveredAndTheFakeKeepsTheBody()
    {
        var result = await Client().PostAsync(Payload(), CancellationToken.None);

        Assert.Equal(SlackResult.Delivered, result);
        Assert.Equal("Júlia: teste", Assert.Single(fake.Received)["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task AServerErrorIsWorthRetrying()
    {
        fake.Respond = _ => (500, "rollup_error", null);

        var result = await Client().PostAsync(Payload(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.False(result.Permanent);
        Assert.Null(result.RetryAfter);
        Assert.Equal("Slack: HTTP 500 rollup_error", result.Error);
    }

    [Fact]
    public async Task ARateLimitCarriesSlacksRetryAfter()
    {
        fake.Respond = _ => (429, "rate_limited", 7);

        var result = await Client().PostAsync(Payload(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.False(result.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
    }

    [Fact]
    public async Task ARateLimitWithoutRetryAfterWaitsThirtySeconds()
    {
        fake.Respond = _ => (429, "rate_limited", null);

        var result = await Client().PostAsync(Payload(), CancellationToken.None);

        Assert.False(result.Permanent);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
    }

    [Theory]
    [InlineData(404, "channel_not_found")]
    [InlineData(410, "channel_is_archived")]
    [InlineData(403, "action_prohibited")]
    [InlineData(400, "invalid_payload")]
    [InlineData(404, "no_service")]
    [InlineData(500, "no_service")]
    [InlineData(422, "")]
    public async Task ARejectedWebhookOrPayloadIsPermanentAndTheErrorHidesTheUrl(int status, string body)
    {
        fake.Respond = _ => (status, body, null);

        var result = await Client().PostAsync(Payload(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.True(result.Permanent);
        Assert.Contains($"HTTP {status}", result.Error);
        Assert.Contains(body, result.Error);
        Assert.DoesNotContain(FakeSlack.WebhookPath, result.Error);
        Assert.DoesNotContain(fake.Url, result.Error);
    }

    [Fact]
    public async Task OnlyTheScriptedCallFails()
    {
        fake.Respond = call => call == 1 ? (503, "", null) : (200, "ok", null);
        var client = Client();

        Assert.False((await client.PostAsync(Payload(), CancellationToken.None)).Permanent);
        Assert.True((await client.PostAsync(Payload(), CancellationToken.None)).Ok);
        Assert.Equal(2, fake.Calls);
    }

    [Fact]
    public async Task ASlackThatHangsPastTheTimeoutIsWorthRetryingAndThrowsNothing()
    {
        fake.Delay = TimeSpan.FromSeconds(5);

        var result = await Client(timeout: TimeSpan.FromMilliseconds(300)).PostAsync(Payload(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.False(result.Permanent);
        Assert.Equal("Slack: tempo esgotado", result.Error);
    }

    [Fact]
    public async Task NobodyListeningIsANetworkFailureWorthRetrying()
    {
        var gone = await FakeSlack.StartAsync();
        var deadUrl = gone.WebhookUrl;
        await gone.DisposeAsync();

        var result = await Client(webhookUrl: deadUrl).PostAsync(Payload(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.False(result.Permanent);
        Assert.Equal("Slack: falha de rede", result.Error);
    }

    [Fact]
    public async Task OurOwnCancellationIsTheOneException()
    {
        fake.Delay = TimeSpan.FromSeconds(5);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().PostAsync(Payload(), cts.Token));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("hooks.slack.com/services/T/B/X")]
    public async Task AMissingOrRelativeWebhookUrlIsPermanent(string? url)
    {
        var client = new SlackClient(new HttpClient(), Options.Create(new SlackOptions { WebhookUrl = url }), new SlackMeter(TestMeters.Factory), NullLogger<SlackClient>.Instance);

        var result = await client.PostAsync(Payload(), CancellationToken.None);

        Assert.True(result.Permanent);
        Assert.Equal(0, fake.Calls);
    }

    [Fact]
    public async Task LogsNeverShowTheWebhookUrlNorTheMessage()
    {
        var logs = new CapturedLogs();
        using var factory = new LoggerFactory([logs]);
        // A timeout long enough that only the delayed call times out on a loaded machine (300 ms made the first call time out under load).
        var client = Client(timeout: TimeSpan.FromSeconds(2), logger: factory.CreateLogger<SlackClient>());
        var replies = new (int, string, int?)[] { (200, "ok", null), (404, "channel_not_found", null), (429, "", 3), (500, "", null) };
        fake.Respond = call => call <= replies.Length ? replies[call - 1] : (200, "ok", null);

        for (var i = 0; i < replies.Length; i++) await client.PostAsync(Payload(), CancellationToken.None);
        fake.Delay = TimeSpan.FromSeconds(5);
        await client.PostAsync(Payload(), CancellationToken.None);

        Assert.Equal([6101, 6103, 6102, 6104, 6106], logs.Lines.Select(l => l.EventId));
        Assert.All(logs.Lines, l =>
        {
            Assert.DoesNotContain("/services/", l.Message);
            Assert.DoesNotContain("Júlia: teste", l.Message);
        });
    }
}
