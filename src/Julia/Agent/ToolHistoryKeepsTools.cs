using Microsoft.Extensions.AI;

namespace Julia.Agent;

/// <summary>
/// Anthropic refuses a request whose messages hold tool_use/tool_result blocks and that defines no tools (400 "Requests
/// which include tool_use or tool_result blocks must define tools"): the function-invoking client's last call after
/// its rounds are used up sends no tools, and that turn failed (docs/decisions.md#agent). Between that client and the
/// provider, such a request gets the tools back with tool_choice none — the model answers from the results it has.
/// </summary>
internal sealed class ToolHistoryKeepsTools(IChatClient inner, Func<IList<AITool>> tools) : DelegatingChatClient(inner)
{
    public override Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        return base.GetResponseAsync(list, Kept(list, options), cancellationToken);
    }

    public override IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        var list = messages as IList<ChatMessage> ?? [.. messages];
        return base.GetStreamingResponseAsync(list, Kept(list, options), cancellationToken);
    }

    ChatOptions? Kept(IList<ChatMessage> messages, ChatOptions? options)
    {
        if (options?.Tools is { Count: > 0 }) return options;
        if (!messages.Any(m => m.Contents.Any(c => c is FunctionCallContent or FunctionResultContent))) return options;
        var kept = options?.Clone() ?? new ChatOptions();
        kept.Tools = tools();
        kept.ToolMode = ChatToolMode.None;
        return kept;
    }
}
