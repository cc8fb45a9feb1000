using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Julia.IntegrationTests.Conversations;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.WhatsApp;

/// <summary>
/// A gateway (or a sender with the token) flapping `connection.update` wrote one line per change — 200 webhooks, 100
/// ERROR and 100 INFO (an outside fuzzing pass). Its own host: the budget is per process and per minute, and other
/// classes expect their state lines.
/// </summary>
public sealed class ConnectionFlappingTests(WebhookFixture f) : IClassFixture<WebhookFixture>
{
    const string Url = "/webhook/evolution?token=" + WebhookFixture.Token;

    [Fact]
    public async Task AFlappingConnectionWritesABoundedNumberOfLinesAndEveryChangeStillCounts()
    {
        var connection = f.App.Services.GetRequiredService<Julia.WhatsApp.WhatsAppConnection>();
        var disconnections = 0;
        connection.Disconnected += _ => Interlocked.Increment(ref disconnections);
        var before = f.App.Logs.Lines.Count;
        string[] states = ["close", "open", "connecting", "open"];
        for (var i = 0; i < 200; i++)
        {
            using var response = await PostAsync(f.Client, new JsonObject { ["event"] = "connection.update", ["instance"] = "julia",
                ["data"] = new JsonObject { ["instance"] = "julia", ["state"] = states[i % states.Length], ["statusReason"] = 400 + i } }, Url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(states[i % states.Length], connection.State); // every change is still read…
        }
        Assert.Equal(100, disconnections); // …and still raises its event (the alerts have their own cooldown)
        Assert.True(connection.CanSend);

        // The budget is 20 lines a minute; the rest is summed up in one line once the minute ends (LogBudgetTests).
        // The dispatch lanes' pause and resume lines have a budget of their own, 10 a minute per lane.
        var lines = f.App.Logs.Lines.Skip(before).Where(l => l.Message.StartsWith("WhatsApp connected") || l.Message.StartsWith("WhatsApp not connected")).ToList();
        Assert.True(lines.Count(l => l.Category == "Julia.WhatsApp.WhatsAppConnection") <= 20
            && lines.Count(l => l.Category == "Julia.Queue.QueueDispatcher" && l.Message.Contains("respostas dispatch")) <= 10
            && lines.Count(l => l.Category == "Julia.Queue.QueueDispatcher" && l.Message.Contains("proativas dispatch")) <= 10, string.Join("\n", lines.Select(l => $"{l.Level} {l.Category} {l.Message}")));
        Assert.Contains(lines, l => l.Level == LogLevel.Error && l.Message.StartsWith("WhatsApp not connected: state close"));
        Assert.Contains(lines, l => l.Level == LogLevel.Information && l.Message.StartsWith("WhatsApp connected (state open, was "));
    }
}
