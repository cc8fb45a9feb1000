namespace Julia.Agent;

internal static class AgentExtensions
{
    public static void AddAgent(this IHostApplicationBuilder builder)
    {
        // The Claude agent replaces this when ANTHROPIC_API_KEY is set (issue #4); until then every turn falls back.
        builder.Services.AddSingleton<IConversationAgent, AgentOff>();
    }
}
