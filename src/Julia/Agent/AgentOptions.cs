using System.Text.Json;
using Anthropic.Models.Messages;

namespace Julia.Agent;

internal sealed class AgentOptions
{
    public const string Anthropic = "anthropic", OpenAI = "openai", DefaultOpenAIBaseUrl = "https://api.openai.com/v1";

    /// <summary>LLM_PROVIDER (docs/decisions.md#model-provider): `anthropic` (default) or `openai` — any OpenAI-compatible server.</summary>
    public string Provider { get; set; } = Anthropic;
    public string? ApiKey { get; set; }
    public string BaseUrl { get; set; } = "https://api.anthropic.com";
    public string? OpenAIApiKey { get; set; }
    public string OpenAIBaseUrl { get; set; } = DefaultOpenAIBaseUrl;
    public string Model { get; set; } = AgentModels.Conversation;
    public string ComplexModel { get; set; } = AgentModels.Complex;
    public int MaxTokens { get; set; } = 300;
    public float Temperature { get; set; } = 0.7f;
    public int FallbackHandoffMinutes { get; set; } = 10;
    public int HistoryLimit { get; set; } = 10;
    public int ShiftsInContext { get; set; } = 5;
    /// <summary>Per-call timeout (docs/decisions.md#agent: 30 s) and the deadline of a whole turn, tool rounds included.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan TurnDeadline { get; set; } = TimeSpan.FromSeconds(75);
    public int MaxRetries { get; set; } = 2;

    public bool UsesOpenAI => string.Equals(Provider, OpenAI, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Anthropic: ANTHROPIC_API_KEY is set. OpenAI-compatible: OPENAI_API_KEY is set, or OPENAI_BASE_URL names a server of
    /// the team's own (vLLM, Ollama) that may need no key; api.openai.com without a key would only refuse every call.
    /// </summary>
    public bool Enabled => UsesOpenAI
        ? !string.IsNullOrWhiteSpace(OpenAIApiKey) || !IsDefaultOpenAIUrl(OpenAIEndpoint)
        : !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>
    /// OPENAI_BASE_URL as the SDK gets it (docs/decisions.md#model-provider): a bare server address
    /// (`http://ollama:11434`, `https://api.openai.com`) gets the `/v1` that OpenAI, vLLM and Ollama serve under; a URL
    /// with a path (`…/v1`, `…/v1/`, Azure's `…/openai/v1/`) is used as given, the SDK appending `/chat/completions`.
    /// </summary>
    public string OpenAIEndpoint => Uri.TryCreate(OpenAIBaseUrl.Trim(), UriKind.Absolute, out var uri) && uri.AbsolutePath is "" or "/" && uri.Query == ""
        ? OpenAIBaseUrl.Trim().TrimEnd('/') + "/v1"
        : OpenAIBaseUrl.Trim();

    /// <summary>The provider's name as logs, the banner and fallback reasons say it.</summary>
    public string ProviderName => UsesOpenAI ? "OpenAI-compatível" : "Anthropic";

    /// <summary>The endpoint the model is asked at (never a key).</summary>
    public string Endpoint => UsesOpenAI ? OpenAIEndpoint : BaseUrl;

    /// <summary>Why the agent is off, in the words the fallback reason, the quality job and the banner use.</summary>
    public string OffReason => UsesOpenAI ? "agente desligado (sem OPENAI_API_KEY nem OPENAI_BASE_URL própria)" : "agente desligado (sem ANTHROPIC_API_KEY)";

    static bool IsDefaultOpenAIUrl(string url) =>
        string.Equals(url.Trim().TrimEnd('/'), DefaultOpenAIBaseUrl, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Default model ids, taken from the SDK's own constants so they stay current with the package.</summary>
internal static class AgentModels
{
    public static readonly string Conversation = IdOf(Model.ClaudeHaiku5_5);
    public static readonly string Complex = IdOf(Model.ClaudeSonnet5_5);

    static string IdOf(Model model) => JsonSerializer.Serialize(model).Trim('"');
}
