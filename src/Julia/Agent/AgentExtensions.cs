using Anthropic;
using Julia.Agent.Tools;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace Julia.Agent;

internal static class AgentExtensions
{
    /// <summary>Claude when ANTHROPIC_API_KEY is set; otherwise the agent is off and every turn takes the fallback (docs/decisions.md#modes).</summary>
    public static void AddAgent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentOptions>().BindConfiguration("Agent");
        builder.Services.AddSingleton<AgentMeter>();
        builder.Services.AddSingleton<ShiftTools>();
        builder.Services.AddSingleton<ConversationTools>();
        builder.Services.AddSingleton<AgentToolbox>();

        if (string.IsNullOrWhiteSpace(builder.Configuration["Agent:ApiKey"]))
        {
            builder.Services.AddSingleton<IConversationAgent, AgentOff>();
            return;
        }
        builder.Services.AddSingleton<IChatClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
            var client = new AnthropicClient { ApiKey = o.ApiKey!, BaseUrl = o.BaseUrl, MaxRetries = o.MaxRetries, Timeout = o.CallTimeout };
            return client.AsIChatClient(o.Model, o.MaxTokens)
                .AsBuilder()
                .UseFunctionInvocation(sp.GetRequiredService<ILoggerFactory>(), f => f.MaximumIterationsPerRequest = 3)
                .Build(sp);
        });
        builder.Services.AddSingleton<IConversationAgent, ClaudeAgent>();
    }
}
