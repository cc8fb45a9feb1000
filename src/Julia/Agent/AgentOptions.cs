using System.Text.Json;
using Anthropic.Models.Messages;

namespace Julia.Agent;

internal sealed class AgentOptions
{
    public string? ApiKey { get; set; }
    public string BaseUrl { get; set; } = "https://api.anthropic.com";
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
    public bool Enabled => !string.IsNullOrWhiteSpace(ApiKey);
}

/// <summary>Default model ids, taken from the SDK's own constants so they stay current with the package.</summary>
internal static class AgentModels
{
    public static readonly string Conversation = IdOf(Model.ClaudeHaiku5_5);
    public static readonly string Complex = IdOf(Model.ClaudeSonnet5_5);

    static string IdOf(Model model) => JsonSerializer.Serialize(model).Trim('"');
}
