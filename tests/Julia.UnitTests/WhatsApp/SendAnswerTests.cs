using System.Net;
using System.Text;
using Julia.Infrastructure.Resilience;
using Julia.WhatsApp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Julia.UnitTests.WhatsApp;

/// <summary>
/// A sendText answer is a send only when it names the message (`key.id`, a non-empty string): a 2xx without one — an
/// empty object, an error object inside a 200/201, a body that is no JSON — says neither "sent" nor "not sent", so the
/// outcome is unknown (docs/decisions.md#queue, "A 2xx that names no message"): `resultado_desconhecido`, never resent.
/// Before, such an answer was recorded `enviada` with no provider id and no line in the log (the fourth drill).
/// </summary>
public sealed class SendAnswerTests
{
    [Theory]
    [InlineData(200, "{}")]
    [InlineData(201, "")]
    [InlineData(200, "OK")]
    [InlineData(201, """{"key":{}}""")]
    [InlineData(201, """{"key":{"id":""}}""")]
    [InlineData(201, """{"key":{"id":"   "}}""")]
    [InlineData(201, """{"key":{"id":null}}""")]
    [InlineData(201, """{"key":{"id":12345}}""")]
    [InlineData(201, """{"key":"3EB0C767D26A1D8B5B8B"}""")]
    [InlineData(200, """{"status":"ERROR","error":"Internal Server Error","response":{"message":["Connection Closed"]}}""")]
    [InlineData(201, """{"error":true,"message":"instance not connected"}""")]
    [InlineData(200, """[{"key":{"id":"3EB0C767D26A1D8B5B8B"}}]""")]
    public async Task A2xxThatNamesNoMessageIsAnUnknownOutcomeNotASend(int status, string body)
    {
        var (client, breakers) = Client(status, body);

        var results = new List<SendResult>();
        for (var i = 0; i < 3; i++) results.Add(await client.SendTextAsync("5511987659901@s.whatsapp.net", "oi", default));

        Assert.All(results, r => Assert.Equal(("resultado_desconhecido", (string?)null), (r.Outcome, r.ProviderMessageId)));
        Assert.Contains($"HTTP {status}", results[0].Error);
        // Evolution answered, so it counts as up: three such answers open no breaker (3 failures would).
        Assert.Equal(CircuitState.Closed, breakers.Evolution.State);
    }

    [Theory]
    [InlineData(201, """{"key":{"remoteJid":"5511987659901@s.whatsapp.net","fromMe":true,"id":"3EB0C767D26A1D8B5B8B"},"status":"PENDING"}""", "3EB0C767D26A1D8B5B8B")]
    [InlineData(200, """{"key":{"id":"BAE5F2D1A8E3C4B7"},"message":{"extendedTextMessage":{"text":"oi"}}}""", "BAE5F2D1A8E3C4B7")]
    public async Task A2xxWithTheMessageIdIsASend(int status, string body, string id)
    {
        var (client, _) = Client(status, body);

        var result = await client.SendTextAsync("5511987659901@s.whatsapp.net", "oi", default);

        Assert.Equal(("enviada", id), (result.Outcome, result.ProviderMessageId));
    }

    static (EvolutionClient, CircuitBreakers) Client(int status, string body)
    {
        var breakers = new CircuitBreakers(new FakeTimeProvider(DateTimeOffset.Parse("2026-12-07T15:00:00Z")));
        var http = new HttpClient(new Answering(status, body)) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var client = new EvolutionClient(http,
            Microsoft.Extensions.Options.Options.Create(new EvolutionOptions { BaseUrl = "http://127.0.0.1:9", Instance = "julia" }),
            breakers, NullLogger<EvolutionClient>.Instance);
        return (client, breakers);
    }

    sealed class Answering(int status, string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(new HttpResponseMessage((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }
}
