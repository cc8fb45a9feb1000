using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.Infrastructure.Logging;

/// <summary>
/// Requests anyone can send without a token write no framework WARNING or ERROR each (an outside fuzzing pass against a
/// real Kestrel, 2026-12-04): every `GET /health/ready` while WhatsApp was not connected wrote the health service's
/// WARNING (an ERROR each while the database is down), every static page asked for a byte range past its end a WARNING.
/// </summary>
public sealed class AnonymousRequestLogTests(WebhookFixture f) : IClassFixture<WebhookFixture>
{
    [Fact]
    public async Task ReadinessPollsAndByteRangesPastTheEndWriteNoLinePerRequest()
    {
        var closed = new JsonObject { ["event"] = "connection.update", ["instance"] = "julia",
            ["data"] = new JsonObject { ["instance"] = "julia", ["state"] = "close" } };
        Assert.Equal(HttpStatusCode.OK, (await EvolutionWebhooks.PostAsync(f.Client, closed, "/webhook/evolution?token=" + WebhookFixture.Token)).StatusCode);
        var before = f.App.Logs.Lines.Count;

        for (var i = 0; i < 30; i++)
        {
            using var ready = await f.Client.GetAsync("/health/ready");
            Assert.Contains("degraded", await ready.Content.ReadAsStringAsync());
            using var range = new HttpRequestMessage(HttpMethod.Get, "/static/dashboard.html");
            range.Headers.TryAddWithoutValidation("Range", "bytes=999999999-");
            using var answer = await f.Client.SendAsync(range);
            Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, answer.StatusCode);
            // In pt-BR like every other problem an operator reads (it said "Range Not Satisfiable").
            if (i == 0) Assert.Equal("Intervalo de bytes fora do arquivo", JsonNode.Parse(await answer.Content.ReadAsStringAsync())?["title"]?.GetValue<string>());
        }

        // A line per request would come 30 times. A background worker's own line about the state this test set (the
        // dispatcher's "WhatsApp not connected … paused", once, whenever its cycle sees it) is not the subject.
        var perRequest = f.App.Logs.Lines.Skip(before).Where(l => l.Level >= LogLevel.Warning)
            .GroupBy(l => l.Category).Where(g => g.Count() >= 10).SelectMany(g => g).ToList();
        Assert.True(perRequest.Count == 0, string.Join("\n", perRequest.Take(3).Select(l => $"{l.Level} {l.Category}: {l.Message}")));
    }
}
