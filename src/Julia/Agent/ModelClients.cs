using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Julia.Agent;

/// <summary>
/// The provider's SDK as a bare <see cref="IChatClient"/> (docs/decisions.md#model-provider): the same per-call timeout
/// (CallTimeout) and SDK retries (MaxRetries, 429/5xx/timeouts, honouring retry-after) whichever the provider.
/// </summary>
internal static class ModelClients
{
    /// <summary>Sent as the bearer when OPENAI_API_KEY is empty: vLLM and Ollama without authentication ignore it.</summary>
    public const string NoKey = "sem-chave";

    public static IChatClient Create(AgentOptions o) => o.UsesOpenAI ? OpenAICompatible(o) : Anthropic(o);

    static IChatClient Anthropic(AgentOptions o)
    {
        var client = new AnthropicClient { ApiKey = o.ApiKey!, BaseUrl = o.BaseUrl, MaxRetries = o.MaxRetries, Timeout = o.CallTimeout };
        return client.AsIChatClient(o.Model, o.MaxTokens);
    }

    static IChatClient OpenAICompatible(AgentOptions o)
    {
        var key = string.IsNullOrWhiteSpace(o.OpenAIApiKey) ? NoKey : o.OpenAIApiKey;
        var client = new OpenAIClient(new ApiKeyCredential(key), new OpenAIClientOptions
        {
            Endpoint = new Uri(o.OpenAIEndpoint),
            NetworkTimeout = o.CallTimeout,
            RetryPolicy = new ClientRetryPolicy(o.MaxRetries),
            // Other servers' bodies in OpenAI's shape before the SDK reads them (docs/decisions.md#model-provider,
            // "Other servers' shapes"); the per-call timeout stays NetworkTimeout's.
            Transport = new HttpClientPipelineTransport(new HttpClient(new OpenAICompatibleShapes(new SocketsHttpHandler()))
            {
                Timeout = Timeout.InfiniteTimeSpan,
            }),
        });
        return client.GetChatClient(o.Model).AsIChatClient();
    }
}
