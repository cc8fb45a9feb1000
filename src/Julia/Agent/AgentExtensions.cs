using Julia.Infrastructure.Telemetry;
using Julia.Agent.Tools;
using Microsoft.Extensions.AI;
using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.Options;

namespace Julia.Agent;

internal static class AgentExtensions
{
    /// <summary>
    /// The model named by LLM_PROVIDER (docs/decisions.md#model-provider) behind one <see cref="IChatClient"/>: Claude when
    /// ANTHROPIC_API_KEY is set, or any OpenAI-compatible server; with no model to ask the agent is off and every turn takes
    /// the fallback (docs/decisions.md#modes).
    /// </summary>
    public static void AddAgent(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AgentOptions>().BindConfiguration("Agent").PostConfigure(o =>
        {
            // An OpenAI-compatible server often serves one model: LLM_MODEL_COMPLEX defaults to LLM_MODEL there.
            if (o.UsesOpenAI && string.IsNullOrWhiteSpace(builder.Configuration["Agent:ComplexModel"])) o.ComplexModel = o.Model;
        });
        builder.Services.AddSingleton(sp => new CircuitCallTimeout("claude", sp.GetRequiredService<IOptions<AgentOptions>>().Value.CallTimeout));
        builder.Services.AddOperationMeter<AgentMeter>();
        builder.Services.AddSingleton<ShiftTools>();
        builder.Services.AddSingleton<ConversationTools>();
        builder.Services.AddSingleton<Queue.ISendTextCheck, ReminderShiftCheck>();
        builder.Services.AddSingleton<AgentToolbox>();
        builder.Services.AddSingleton<AgentModelCall>();
        builder.Services.AddSingleton<ModelRefusal>();

        var configured = new AgentOptions();
        builder.Configuration.GetSection("Agent").Bind(configured);
        if (!configured.Enabled)
        {
            builder.Services.AddSingleton<IConversationAgent, AgentOff>();
            return;
        }
        builder.Services.AddSingleton<IChatClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<AgentOptions>>().Value;
            return ModelClients.Create(o)
                .AsBuilder()
                .UseFunctionInvocation(sp.GetRequiredService<ILoggerFactory>(), f => f.MaximumIterationsPerRequest = 3)
                .Use(inner => new ToolHistoryKeepsTools(inner, () => sp.GetRequiredService<AgentToolbox>().Tools))
                .Build(sp);
        });
        builder.Services.AddSingleton<IConversationAgent, ClaudeAgent>();
        builder.Services.AddHttpClient(nameof(ModelAvailabilityCheck));
        builder.Services.AddHostedService<ModelAvailabilityCheck>();
    }
}
