using System.Text;
using System.Text.Json.Nodes;
using Julia.Agent;

namespace Julia.UnitTests.Agent;

/// <summary>
/// Other servers' chat completion bodies in OpenAI's shape (docs/decisions.md#model-provider, "Other servers' shapes");
/// the whole path through the SDK and the host is <c>Conformance/OpenAICompatibleProvidersTests</c>.
/// </summary>
public sealed class OpenAICompatibleShapesTests
{
    static (JsonObject Body, int? FailWith) Run(string json)
    {
        var (body, status) = OpenAICompatibleShapes.Normalize(Encoding.UTF8.GetBytes(json));
        return (JsonNode.Parse(body!)!.AsObject(), status);
    }

    static string Completion(string message, string finish) =>
        $$"""{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{{message}},"finish_reason":{{finish}}}]}""";

    [Theory]
    [InlineData("\"eos\"", "stop")]            // Together
    [InlineData("null", "stop")]               // llama.cpp, Jan
    [InlineData("\"\"", "stop")]               // LocalAI
    [InlineData("\"normal\"", "stop")]
    [InlineData("\"end_turn\"", "stop")]
    [InlineData("\"model_length\"", "length")] // Mistral
    [InlineData("\"max_tokens\"", "length")]
    [InlineData("\"SAFETY\"", "content_filter")]
    [InlineData("\"length\"", "length")]
    [InlineData("\"content_filter\"", "content_filter")]
    public void AnyFinishReasonBecomesOneOfOpenAIs(string finish, string expected)
    {
        var (body, status) = Run(Completion("""{"role":"assistant","content":"Oi!"}""", finish));
        Assert.Equal(expected, body["choices"]![0]!["finish_reason"]!.GetValue<string>());
        Assert.Null(status);
    }

    [Fact]
    public void ToolCallsGetTheirOwnIdsATypeAndStringArguments()
    {
        var (body, _) = Run(Completion("""
            {"content":"","tool_calls":[
              {"id":"","function":{"name":"buscar_vagas","arguments":{"periodo":"diurno"}}},
              {"id":"","type":"function","function":{"name":"atualizar_preferencias","arguments":""}},
              {"id":"D681PevKs","type":"function","function":{"name":"buscar_vagas","arguments":"{\"limite\":2}"}}]}
            """, "\"stop\""));

        var choice = body["choices"]![0]!;
        var calls = choice["message"]!["tool_calls"]!.AsArray();
        Assert.Equal("tool_calls", choice["finish_reason"]!.GetValue<string>()); // Ollama says stop beside its calls
        Assert.Equal("assistant", choice["message"]!["role"]!.GetValue<string>());
        Assert.Equal(3, calls.Select(c => c!["id"]!.GetValue<string>()).Distinct().Count(id => id.Length > 0));
        Assert.Equal("D681PevKs", calls[2]!["id"]!.GetValue<string>());
        Assert.All(calls, c => Assert.Equal("function", c!["type"]!.GetValue<string>()));
        Assert.Equal(["{\"periodo\":\"diurno\"}", "{}", "{\"limite\":2}"], calls.Select(c => c!["function"]!["arguments"]!.GetValue<string>()));
    }

    [Fact]
    public void ACallWhoseArgumentsAreNoJsonObjectIsDropped()
    {
        var (body, _) = Run(Completion("""
            {"role":"assistant","content":null,"tool_calls":[
              {"id":"c1","type":"function","function":{"name":"agendar_lembrete","arguments":"{\"data_hora\":\"2026-12-08T1"}},
              {"id":"c2","type":"function","function":{"name":"buscar_vagas","arguments":"{'periodo': 'diurno'}"}}]}
            """, "\"length\""));
        var choice = body["choices"]![0]!;
        Assert.Null(choice["message"]!["tool_calls"]);
        Assert.Equal("length", choice["finish_reason"]!.GetValue<string>());

        (body, _) = Run(Completion("""
            {"role":"assistant","content":null,"tool_calls":[
              {"id":"c1","type":"function","function":{"name":"buscar_vagas","arguments":"[1"}},
              {"id":"c2","type":"function","function":{"name":"buscar_vagas","arguments":"{\"limite\":2}"}}]}
            """, "\"tool_calls\""));
        Assert.Equal("c2", Assert.Single(body["choices"]![0]!["message"]!["tool_calls"]!.AsArray())!["id"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""[{"type":"thinking","thinking":[{"type":"text","text":"hmm"}]},{"type":"text","text":"Oi Dr!"}]""", "Oi Dr!")]
    [InlineData("\"<think>\\nOkay, the doctor asks.\\n</think>\\n\\nOi Dr!\"", "Oi Dr!")]
    [InlineData("\"<think>Okay, the doctor asks and I\"", "")]
    [InlineData("\"Oi Dr!\"", "Oi Dr!")]
    public void ReasoningIsNeverTheAnswer(string content, string expected)
    {
        var (body, _) = Run(Completion($$"""{"role":"assistant","content":{{content}},"reasoning_content":"Okay"}""", "\"stop\""));
        Assert.Equal(expected, body["choices"]![0]!["message"]!["content"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"error":{"code":502,"message":"Provider returned error","metadata":{"provider_name":"Together"}}}""", 502)]
    [InlineData("""{"error":{"code":"429","message":"Rate limit"}}""", 429)]
    [InlineData("""{"error":{"message":"boom","type":"server_error"}}""", 502)]
    [InlineData("""{"id":"g","choices":[{"index":0,"finish_reason":"error","message":{"role":"assistant","content":""},"error":{"code":503,"message":"Upstream"}}]}""", 503)]
    public void AnErrorInASuccessfulBodyFailsWithItsStatus(string json, int status) => Assert.Equal(status, Run(json).FailWith);

    [Theory]
    [InlineData("<html><body>proxy login</body></html>")]
    [InlineData("")]
    [InlineData("[1,2]")]
    public void ABodyThatIsNoJsonObjectIsLeftAsItCame(string body) => Assert.Null(OpenAICompatibleShapes.Normalize(Encoding.UTF8.GetBytes(body)).Body);
}
