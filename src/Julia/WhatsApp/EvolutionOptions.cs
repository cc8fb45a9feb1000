namespace Julia.WhatsApp;

internal sealed class EvolutionOptions
{
    public const string Section = "Evolution";
    public string? BaseUrl { get; set; }
    public string? ApiKey { get; set; }
    public string Instance { get; set; } = "julia";
    public string? WebhookToken { get; set; }
    /// <summary>Per-attempt HTTP timeout (internal setting `Evolution:TimeoutSeconds`).</summary>
    public int TimeoutSeconds { get; set; } = 10;
    /// <summary>How often the connection state is polled (internal setting `Evolution:StatePollSeconds`; tests shorten it).</summary>
    public int StatePollSeconds { get; set; } = 30;
}
