using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.AI;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// OPENAI_BASE_URL as operators write it (docs/decisions.md#model-provider) reaches the server's chat completions route:
/// with or without `/v1`, with or without a trailing slash, and Azure OpenAI's `/openai/v1/` — through the real SDK.
/// </summary>
public sealed class OpenAIBaseUrlTests : IAsyncLifetime
{
    FakeOpenAI fake = null!;

    public async Task InitializeAsync() => fake = await FakeOpenAI.StartAsync();

    public async Task DisposeAsync() => await fake.DisposeAsync();

    [Theory]
    [InlineData("/v1", "/v1/chat/completions")]
    [InlineData("/v1/", "/v1/chat/completions")]
    [InlineData("", "/v1/chat/completions")]            // Ollama's or vLLM's bare address
    [InlineData("/", "/v1/chat/completions")]
    [InlineData("/openai/v1/", "/openai/v1/chat/completions")]  // Azure OpenAI's v1 endpoint
    public async Task EveryUsualFormOfTheBaseUrlReachesChatCompletions(string path, string requested)
    {
        var options = new AgentOptions { Provider = "openai", OpenAIBaseUrl = fake.Url + path, Model = "llama3.1:8b", MaxRetries = 0 };
        var chat = ModelClients.Create(options);

        var response = await chat.GetResponseAsync([new ChatMessage(ChatRole.User, "oi")]);

        Assert.Equal(FakeModelServer.DefaultReply, response.Text);
        Assert.Equal(requested, fake.RequestPaths.Last());
        Assert.Equal($"Bearer {ModelClients.NoKey}", fake.RequestHeaders.Last()["Authorization"].ToString()); // Ollama: no key
    }
}
