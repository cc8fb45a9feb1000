using Julia.Agent;

namespace Julia.UnitTests.Agent;

/// <summary>When the agent is on, per provider (docs/decisions.md#model-provider).</summary>
public sealed class AgentOptionsTests
{
    [Theory]
    [InlineData("anthropic", "sk-ant-x", null, "https://api.openai.com/v1", true)]
    [InlineData("anthropic", null, "sk-x", "https://api.openai.com/v1", false)]     // the OpenAI key does not turn Claude on
    [InlineData("openai", null, "sk-x", "https://api.openai.com/v1", true)]
    [InlineData("openai", "sk-ant-x", null, "https://api.openai.com/v1", false)]    // nor the Anthropic key an OpenAI model
    [InlineData("openai", null, null, "https://api.openai.com/v1/", false)]         // api.openai.com never answers without a key
    [InlineData("openai", null, null, "http://localhost:11434/v1", true)]          // Ollama: no key needed
    [InlineData("OpenAI", null, "", "http://vllm.interno:8000/v1", true)]
    public void TheAgentIsOnWhenItsProviderCanBeAsked(string provider, string? anthropicKey, string? openAIKey, string openAIUrl, bool on)
    {
        var o = new AgentOptions { Provider = provider, ApiKey = anthropicKey, OpenAIApiKey = openAIKey, OpenAIBaseUrl = openAIUrl };

        Assert.Equal(on, o.Enabled);
    }

    [Fact]
    public void TheOffReasonNamesTheVariablesOfTheProvider()
    {
        Assert.Equal("agente desligado (sem ANTHROPIC_API_KEY)", new AgentOptions().OffReason);
        Assert.Contains("OPENAI_API_KEY", new AgentOptions { Provider = "openai" }.OffReason);
        Assert.Contains("OPENAI_BASE_URL", new AgentOptions { Provider = "openai" }.OffReason);
    }

    [Theory]
    [InlineData("http://localhost:11434", "http://localhost:11434/v1")]          // Ollama's bare address
    [InlineData("http://vllm.interno:8000/", "http://vllm.interno:8000/v1")]
    [InlineData("https://api.openai.com", "https://api.openai.com/v1")]
    [InlineData("http://localhost:11434/v1", "http://localhost:11434/v1")]
    [InlineData("http://localhost:11434/v1/", "http://localhost:11434/v1/")]
    [InlineData("https://recurso.openai.azure.com/openai/v1/", "https://recurso.openai.azure.com/openai/v1/")]
    [InlineData(" https://gateway.interno/llm ", "https://gateway.interno/llm")]    // a path of its own is kept
    public void ABareServerAddressGetsV1AndAUrlWithAPathIsUsedAsGiven(string configured, string endpoint)
    {
        var o = new AgentOptions { Provider = "openai", OpenAIBaseUrl = configured };

        Assert.Equal(endpoint, o.OpenAIEndpoint);
        Assert.Equal(endpoint, o.Endpoint);
    }

    [Fact]
    public void ApiOpenAiComWithoutV1AndWithoutAKeyIsStillOff() =>
        Assert.False(new AgentOptions { Provider = "openai", OpenAIBaseUrl = "https://api.openai.com/" }.Enabled);
}
