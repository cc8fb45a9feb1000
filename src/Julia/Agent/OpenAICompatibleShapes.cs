using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Julia.Agent;

/// <summary>
/// Other OpenAI-compatible servers' chat completion bodies, brought to OpenAI's own shape before the `OpenAI` SDK reads
/// them (docs/decisions.md#model-provider, "Other servers' shapes"). The SDK throws on any `finish_reason` but OpenAI's
/// five (Together's `eos`, llama.cpp's null, LocalAI's "", Mistral's `model_length`), on a tool call without `type`, on
/// `arguments` sent as an object (Mistral) and on content parts it does not know (Magistral's `thinking`); the
/// function-invoking client answers several calls with one empty id (Gemini, vLLM) as one. A 200 whose body is an error
/// (OpenRouter: "any error occurred while the LLM is producing the output will be emitted in the response body") is given
/// the error's status, so it fails as that status would. Reasoning a server leaves in the text (`&lt;think&gt;…&lt;/think&gt;`,
/// DeepSeek-R1 on Ollama or vLLM without a reasoning parser) is not the answer and is taken out.
/// </summary>
internal sealed partial class OpenAICompatibleShapes : DelegatingHandler
{
    public OpenAICompatibleShapes(HttpMessageHandler inner) : base(inner) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var response = await base.SendAsync(request, ct);
        if (request.Method != HttpMethod.Post || !response.IsSuccessStatusCode
            || request.RequestUri?.AbsolutePath.EndsWith("/chat/completions", StringComparison.Ordinal) != true)
            return response;
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var (body, status) = Normalize(bytes);
        if (body is null)
        {
            // Not JSON (a proxy's page, an empty body): left as it came, for the SDK to fail on as before.
            response.Content = Copy(new ByteArrayContent(bytes), response.Content);
            return response;
        }
        response.Content = Copy(new StringContent(body, Encoding.UTF8), response.Content);
        if (status is { } failed) response.StatusCode = (HttpStatusCode)failed;
        return response;
    }

    static HttpContent Copy(HttpContent content, HttpContent from)
    {
        foreach (var (name, values) in from.Headers)
            if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) content.Headers.TryAddWithoutValidation(name, values);
        return content;
    }

    /// <summary>
    /// The body in OpenAI's shape, and the status it must fail with when it carries an error instead of an answer; a null
    /// body when it is no JSON object (left to the SDK).
    /// </summary>
    public static (string? Body, int? FailWith) Normalize(ReadOnlySpan<byte> bytes)
    {
        JsonObject root;
        try
        {
            if (JsonNode.Parse(bytes) is not JsonObject parsed) return (null, null);
            root = parsed;
        }
        catch (JsonException)
        {
            return (null, null);
        }

        var choices = root["choices"] as JsonArray;
        // A 200 carrying an error (OpenRouter, a gateway): top level with no choices, or a choice that ended in error.
        if (root["error"] is JsonObject error && (choices is null || choices.Count == 0))
            return (root.ToJsonString(), ErrorStatus(error));
        if (choices is null) return (root.ToJsonString(), null);
        foreach (var choice in choices.OfType<JsonObject>())
        {
            if (choice["error"] is JsonObject || Text(choice["finish_reason"]) is "error")
                return (root.ToJsonString(), ErrorStatus(choice["error"] as JsonObject));
            if (choice["message"] is not JsonObject message)
            {
                choice["message"] = message = new JsonObject();
            }
            if (Text(message["role"]) is null or "") message["role"] = "assistant";
            var calls = NormalizeToolCalls(message);
            NormalizeContent(message);
            choice["finish_reason"] = FinishReason(Text(choice["finish_reason"]), calls);
        }
        return (root.ToJsonString(), null);
    }

    /// <summary>The status a body's error fails with: its own `code` when that is an HTTP error status, else 502 (a bad gateway answer).</summary>
    static int ErrorStatus(JsonObject? error)
    {
        var code = error?["code"] switch
        {
            JsonValue v when v.TryGetValue<int>(out var n) => n,
            JsonValue v when v.TryGetValue<string>(out var s) && int.TryParse(s, out var n) => n,
            _ => 0,
        };
        return code is >= 400 and <= 599 ? code : 502;
    }

    /// <summary>
    /// OpenAI's five finish reasons from any server's: a stop under another name (`eos`, `end_turn`, `normal`, null, "")
    /// is `stop` — or `tool_calls` when the message calls tools; a cut (`max_tokens`, `model_length`) is `length`; a
    /// safety stop is `content_filter`. Unknown values are a finished answer, as Claude's unknown stop reasons are.
    /// </summary>
    static string FinishReason(string? reason, int calls) => reason?.ToLowerInvariant() switch
    {
        "length" or "max_tokens" or "model_length" or "max_output_tokens" => "length",
        "content_filter" or "safety" or "recitation" or "prohibited_content" or "blocklist" or "spii" => "content_filter",
        "function_call" => "function_call",
        _ when calls > 0 => "tool_calls",
        _ => "stop",
    };

    /// <summary>Each tool call with a unique id, `type: function`, and `arguments` as a JSON string; the count of calls.</summary>
    static int NormalizeToolCalls(JsonObject message)
    {
        if (message["tool_calls"] is not JsonArray calls) return 0;
        if (calls.Count == 0)
        {
            message.Remove("tool_calls");
            return 0;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var call in calls.OfType<JsonObject>().ToList())
        {
            var id = Text(call["id"]);
            // Two calls under one id (Gemini's "" for each) would be answered as one: each gets its own.
            if (string.IsNullOrWhiteSpace(id) || !seen.Add(id))
            {
                id = $"call_{Guid.NewGuid():N}";
                seen.Add(id);
                call["id"] = id;
            }
            if (Text(call["type"]) is null or "") call["type"] = "function";
            if (call["function"] is JsonObject function)
            {
                function["arguments"] = function["arguments"] switch
                {
                    null => "{}",
                    JsonValue v when v.TryGetValue<string>(out var s) => string.IsNullOrWhiteSpace(s) ? "{}" : s,
                    var other => other.ToJsonString(),
                };
                // Arguments that are no JSON object (cut by the token limit, Python quotes) were run with none: the call
                // is dropped, never run on half of what the model meant (docs/decisions.md#model-provider).
                if (!IsObject(function["arguments"]!.GetValue<string>())) calls.Remove(call);
            }
        }
        if (calls.Count == 0) message.Remove("tool_calls");
        return calls.Count;
    }

    /// <summary>
    /// `content` as a string: the text parts of a parts array (not `thinking`/`reasoning` ones), without reasoning a server
    /// left inline in `&lt;think&gt;` tags — an unclosed one is reasoning cut by the token limit, nothing of it the answer.
    /// </summary>
    static void NormalizeContent(JsonObject message)
    {
        if (message["content"] is JsonArray parts)
        {
            var text = new StringBuilder();
            foreach (var part in parts.OfType<JsonObject>())
                if (Text(part["type"]) is null or "text" or "output_text" && Text(part["text"]) is { } t) text.Append(t);
            message["content"] = text.ToString();
        }
        if (Text(message["content"]) is { } content && content.Contains("<think>", StringComparison.OrdinalIgnoreCase))
            message["content"] = Unclosed().Replace(Think().Replace(content, ""), "").TrimStart();
    }

    [GeneratedRegex(@"<think>.*?</think>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Think();

    [GeneratedRegex(@"<think>.*\z", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Unclosed();

    static bool IsObject(string json)
    {
        try { return JsonNode.Parse(json) is JsonObject; }
        catch (JsonException) { return false; }
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
