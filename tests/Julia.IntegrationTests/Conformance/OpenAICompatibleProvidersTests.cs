using System.Text.Json.Nodes;
using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// "Any OpenAI-compatible model" (docs/decisions.md#model-provider, "Other servers' shapes"): response bodies as real
/// servers send them — OpenAI, Azure OpenAI, OpenRouter, Groq, Together, DeepSeek, Mistral, Ollama, vLLM, LM Studio,
/// llama.cpp, LocalAI, Gemini's compatibility layer, a proxy — each in tests/fixtures/openai/blind-round with the outcome a
/// doctor must see (`expected`), run through the real host and the real `OpenAI` SDK. The fake answers a case's
/// `exchanges` in order, the last one again for every later call (the complex model's retry, another tool round).
/// </summary>
public sealed class OpenAICompatibleProvidersTests(OpenAIResilienceFixture f) : IClassFixture<OpenAIResilienceFixture>
{
    /// <summary>The text every answering body carries, and the one every tool case's follow-up carries.</summary>
    const string Reply = "Oi Dr. Carlos!", FollowUp = "Achei duas vagas para você no sábado.";

    static string Folder => Path.Combine(AppContext.BaseDirectory, "fixtures", "openai", "blind-round");

    static readonly List<string> Names = [.. Directory.GetFiles(Folder, "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    public static TheoryData<string> Cases() => [.. Names];

    static Answer AnswerOf(JsonNode exchange)
    {
        var headers = exchange["headers"]!.AsObject().ToDictionary(h => h.Key, h => h.Value!.GetValue<string>());
        var contentType = headers.Remove("content-type", out var type) ? type : "application/json";
        var body = exchange["body"]!;
        var text = body is JsonValue v && v.TryGetValue<string>(out var raw) ? raw : body.ToJsonString();
        return new Answer(exchange["status"]!.GetValue<int>(), text, headers, ContentType: contentType);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachProvidersShapeGetsTheDoctorTheExpectedOutcome(string name)
    {
        var spec = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Folder, name + ".json")))!;
        var expected = spec["expected"]!.GetValue<string>();
        var answers = spec["exchanges"]!.AsArray().Select(e => AnswerOf(e!)).ToList();
        var index = Names.IndexOf(name);
        var phone = $"55119977{index:D5}";
        var marker = $"(bc-{index})";
        // Every case on a closed breaker and no recorded refusal: a case's failures are its own (three in a row open it).
        f.App.Services.GetRequiredService<CircuitBreakers>().Claude.RecordSuccess();
        f.OpenAI.ScriptFor(marker, [.. answers, .. Enumerable.Repeat(answers[^1], 6)]);
        var logsBefore = f.App.Logs.Lines.Count;

        var posted = await PostAsync(f.Client, Text(phone, $"oi, tem plantão sábado? {marker}"));
        Assert.True(posted.IsSuccessStatusCode, $"webhook answered {(int)posted.StatusCode}");
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        var requests = f.OpenAI.RequestsCarrying(marker);
        var queue = await f.QueueAsync(phone);
        var answered = string.Join(' ', queue.Where(q => q.Tipo == "resposta").Select(q => q.Conteudo));
        var fellBack = queue.Any(q => q.TipoSistema == "espera");
        // The tool results the model was given, as the turn's last request carries them (each call's once).
        static IEnumerable<string> ToolResults(JsonObject request) =>
            FakeOpenAI.Messages(request).Where(m => m!["role"]?.GetValue<string>() == "tool").Select(m => Content(m!));
        List<string> toolResults = requests.Count == 0 ? [] : [.. ToolResults(requests[^1])];
        var everyToolResult = requests.SelectMany(ToolResults).ToList();
        var calls = spec["exchanges"]![0]!["body"] is JsonObject { } first && first["choices"] is JsonArray { Count: > 0 } choices
                    && choices[0]?["message"]?["tool_calls"] is JsonArray toolCalls ? toolCalls.Count : 0;
        var logs = f.App.Logs.Lines.Skip(logsBefore).ToList();
        var story = $"{name}: {requests.Count} request(s), queue [{string.Join(" | ", queue.Select(q => $"{q.Tipo}/{q.TipoSistema}: {q.Conteudo}"))}], "
                    + $"tool results [{string.Join(" | ", toolResults.Select(t => t[..Math.Min(60, t.Length)]))}], "
                    + $"warnings [{string.Join(" | ", logs.Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Warning).Select(l => l.Message))}]";

        // Whatever the shape: never a reasoning text, a provider's error words or a JSON fragment to the doctor.
        Assert.All(queue, q => Assert.DoesNotMatch(@"(?i)okay|<think>|the doctor|error|\{""|sorry", q.Conteudo));
        switch (expected)
        {
            case "ANSWER" when name == "tool-unknown-name":
                Assert.True(answered.Contains(FollowUp) && !fellBack, story);
                Assert.Contains(toolResults, t => t.Contains("buscar_plantoes"));
                break;
            case "ANSWER" or "ANSWER_NO_REASONING":
                Assert.True(answered.Contains(Reply) && !fellBack, story);
                break;
            case "TOOL_ONCE_ANSWER" or "TOOLS_ONCE_EACH_ANSWER":
                Assert.True(answered.Contains(FollowUp) && !fellBack, story);
                // Each call ran once, with its own result, and the turn took two calls: no retry ran a tool again.
                Assert.True(toolResults.Count == calls && requests.Count == 2, story);
                Assert.All(toolResults, t => Assert.DoesNotMatch("(?i)erro|error|inválid", t));
                break;
            case "FALLBACK" or "FALLBACK_NO_SECRET":
                Assert.True(fellBack && !answered.Contains(Reply), story);
                var (trigger, motivo) = Assert.Single(await f.QueryAsync<(string, string)>(
                    "SELECT trigger_type, motivo FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone", new { phone }));
                Assert.Equal("erro_sistema", trigger);
                // Where the case names it, the reason an operator reads (a 200 carrying an error fails as its status).
                if (spec["reason"]?.GetValue<string>() is { } reason) Assert.Equal(reason, motivo);
                break;
            case "ANSWER_OR_FALLBACK":
                Assert.True(answered.Contains(Reply) ^ fellBack, story);
                break;
            case "NO_TOOL_RUN_FALLBACK" or "NO_BAD_TOOL_RUN_THEN_FALLBACK_OR_ANSWER":
                // A call whose arguments are not a JSON object is never run (it ran with no arguments: a search with
                // the defaults, a reminder refused only because its tool checks the date).
                Assert.True(everyToolResult.Count == 0, story);
                Assert.Equal(0, await f.ScalarAsync<long>("""
                    SELECT count(*) FROM fila_mensagens q JOIN medicos m ON m.id = q.medico_id WHERE m.telefone = @phone AND q.tipo = 'lembrete_solicitado'
                    """, new { phone }));
                Assert.True(fellBack || answered.Length > 0, story);
                break;
            default:
                Assert.Fail($"unknown expectation {expected}");
                break;
        }
        // The key, and the fragment of it a 401 echoes, are never logged.
        Assert.DoesNotContain(f.App.Logs.Lines, l => l.Message.Contains(OpenAIAgentFixture.Key) || l.Message.Contains("wXyZ"));
    }
}
