using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Julia.Agent;

/// <summary>
/// Why the model stopped, as Júlia acts on it (docs/decisions.md#model-provider, "Genuine responses"): a finished answer
/// is sent; one the token limit or the context window cut off is sent as its whole sentences; one the model refused or
/// paused is never sent — its words are partial, or a refusal in the model's own voice — and is asked again like an
/// empty answer.
/// </summary>
internal enum AnswerEnd { Finished, Cut, Refused, Paused }

internal static class AnswerEnds
{
    /// <summary>
    /// Claude's `stop_reason` as it came on the wire (the chat client maps `pause_turn` and `model_context_window_exceeded`
    /// to a plain stop), else the OpenAI-compatible `finish_reason` (`length`, `content_filter`). `end_turn`,
    /// `stop_sequence`, `tool_use` and a value newer than this code are a finished answer.
    /// </summary>
    public static AnswerEnd Of(ChatResponse response) => StopReason(response) switch
    {
        "refusal" => AnswerEnd.Refused,
        "pause_turn" => AnswerEnd.Paused,
        "max_tokens" or "model_context_window_exceeded" => AnswerEnd.Cut,
        _ when response.FinishReason == ChatFinishReason.Length => AnswerEnd.Cut,
        _ when response.FinishReason == ChatFinishReason.ContentFilter => AnswerEnd.Refused,
        _ => AnswerEnd.Finished,
    };

    /// <summary>The raw `stop_reason` of a Claude answer (the last call's, after tool rounds); null for another provider.</summary>
    public static string? StopReason(ChatResponse response) =>
        response.RawRepresentation is Anthropic.Models.Messages.Message { StopReason: { } reason } && reason.Json.ValueKind == JsonValueKind.String
            ? reason.Json.GetString()
            : null;
}
