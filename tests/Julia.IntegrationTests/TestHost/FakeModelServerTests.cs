using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// The fake model's script matching (<see cref="FakeModelServer.ScriptFor"/>): a test's marker is found in what the app
/// sent however the accents are written — the request's JSON escapes them, and a doctor's phone may send them decomposed.
/// </summary>
public sealed class FakeModelServerTests : IAsyncLifetime
{
    FakeAnthropic anthropic = null!;
    readonly HttpClient http = new();

    public async Task InitializeAsync() => anthropic = await FakeAnthropic.StartAsync();

    public async Task DisposeAsync()
    {
        http.Dispose();
        await anthropic.DisposeAsync();
    }

    /// <summary>The text of the first content block of what the fake answered a request whose user message is <paramref name="said"/>.</summary>
    async Task<string> AnswerToAsync(string said)
    {
        var request = new JsonObject
        {
            ["model"] = "claude-test", ["max_tokens"] = 100, ["system"] = "Você é a Júlia.",
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = said }),
        };
        using var answer = await http.PostAsJsonAsync($"{anthropic.Url}/v1/messages", request);
        var body = (await answer.Content.ReadFromJsonAsync<JsonObject>())!;
        return body["content"]![0]!["text"]!.GetValue<string>();
    }

    [Theory]
    [InlineData("(manhã)", "tem plantão de manhã? (manhã)")]
    [InlineData("(plantão açaí)", "quero o plantão açaí (plantão açaí)")]
    [InlineData("(sábado)", "pode ser sa\u0301bado (sa\u0301bado)")]          // he typed it decomposed, the test wrote it composed
    [InlineData("(sa\u0301bado)", "pode ser sábado (sábado)")]               // and the other way round
    [InlineData("\"aspas\" (j99)", "ele disse \"aspas\" (j99)")]             // a quote is escaped in JSON too
    public async Task AMarkerWithAccentsIsMatchedHoweverTheAccentsAreWritten(string marker, string said)
    {
        anthropic.ScriptFor(marker, FakeAnthropic.Text("resposta do roteiro"));

        Assert.Equal("resposta do roteiro", await AnswerToAsync(said));
        Assert.Single(anthropic.RequestsCarrying(marker));
        Assert.Equal(FakeModelServer.DefaultReply, await AnswerToAsync(said));   // its one answer is spent
    }

    [Fact]
    public async Task AMarkerNotInTheRequestIsNotMatchedByItsUnaccentedLetters()
    {
        anthropic.ScriptFor("(manhã)", FakeAnthropic.Text("resposta do roteiro"));

        Assert.Equal(FakeModelServer.DefaultReply, await AnswerToAsync("tem plantão de manha? (manha)"));
        Assert.Empty(anthropic.RequestsCarrying("(manhã)"));
    }
}
