// What the model call costs on our side (issue #12, step 5): the agent's IChatClient (the provider SDK behind
// Microsoft.Extensions.AI, with function invocation and the six tools' schemas) against an instant fake model on
// loopback, versus one raw HttpClient POST of the same request body. Wall time and CPU per call, sequential.
// Usage: bench/run.sh modelo [calls]
using System.Diagnostics;
using System.Text;
using Julia.Agent;
using Julia.Agent.Tools;
using Microsoft.Extensions.AI;

internal static class ModelCallBench
{
    public static async Task RunAsync(int calls)
    {
        await using var fakes = await EndToEndBench.Fakes.StartAsync();
        string? lastBody = null;
        var options = new AgentOptions { ApiKey = "bench", BaseUrl = fakes.AnthropicUrl, MaxRetries = 0 };
        using var chat = ModelClients.Create(options).AsBuilder().UseFunctionInvocation(configure: f => f.MaximumIterationsPerRequest = 3).Build();
        static List<AITool> Tools() =>
        [
            Tool("buscar_vagas", ShiftTools.SearchSchema), Tool("reservar_plantao", ShiftTools.ReserveSchema),
            Tool("agendar_lembrete", ConversationTools.ReminderSchema), Tool("atualizar_preferencias", ConversationTools.PreferencesSchema),
            Tool("registrar_opt_out", ConversationTools.OptOutSchema), Tool("solicitar_humano", ConversationTools.HumanSchema),
        ];
        var tools = Tools(); // built once, as AgentToolbox does

        var system = new string('x', 4000); // about the size of the persona and context
        List<ChatMessage> Messages() =>
        [
            new(ChatRole.System, system), new(ChatRole.User, "Oi, tem plantão essa semana?"),
            new(ChatRole.Assistant, "Oi! Tenho sim."), new(ChatRole.User, "Quero ver os de sábado."),
        ];
        ChatOptions Chat(List<AITool>? fresh = null) =>
            new() { ModelId = options.Model, MaxOutputTokens = 300, Temperature = 0.7f, Tools = fresh ?? tools, ToolMode = ChatToolMode.Auto };

        // The same body as the SDK sends, captured once from the fake, for the raw baseline.
        fakes.OnModelRequest = body => lastBody ??= body;
        for (var i = 0; i < 200; i++) await chat.GetResponseAsync(Messages(), Chat()); // warm-up (JIT, connections)
        // Alternated, the second round kept (the JIT settles during the first): tools built once, and new tool objects for
        // every call, as the agent built them per turn until 2026-12-02 — the adapter's cache of converted schemas is
        // keyed by the tool object, so it converted all six schemas on every call.
        (double P50, double CpuMs) sdk = default, perCall = default;
        for (var round = 0; round < 2; round++)
        {
            sdk = await MeasureAsync(calls, () => chat.GetResponseAsync(Messages(), Chat()));
            perCall = await MeasureAsync(calls, () => chat.GetResponseAsync(Messages(), Chat(Tools())));
        }

        using var http = new HttpClient { BaseAddress = new Uri(fakes.AnthropicUrl) };
        async Task Raw()
        {
            using var response = await http.PostAsync("/v1/messages", new StringContent(lastBody!, Encoding.UTF8, "application/json"));
            await response.Content.ReadAsStringAsync();
        }
        for (var i = 0; i < 200; i++) await Raw();
        var raw = await MeasureAsync(calls, Raw);

        Console.WriteLine($"model call, {calls} sequential calls to an instant fake on loopback (request body {lastBody!.Length} bytes):");
        Console.WriteLine($"  agent's IChatClient: p50 {sdk.P50:F3} ms, CPU {sdk.CpuMs:F3} ms per call (this process: client and fake)");
        Console.WriteLine($"  the same, tools built per call: p50 {perCall.P50:F3} ms, CPU {perCall.CpuMs:F3} ms per call");
        Console.WriteLine($"  raw HttpClient POST: p50 {raw.P50:F3} ms, CPU {raw.CpuMs:F3} ms per call");
        Console.WriteLine($"  our side of the SDK path: +{sdk.P50 - raw.P50:F3} ms wall, +{sdk.CpuMs - raw.CpuMs:F3} ms CPU per call");
    }

    static async Task<(double P50, double CpuMs)> MeasureAsync(int calls, Func<Task> call)
    {
        var times = new List<double>(calls);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        for (var i = 0; i < calls; i++)
        {
            var t = Stopwatch.GetTimestamp();
            await call();
            times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }
        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / calls;
        return (EndToEndBench.Percentile(times, 50), cpuMs);
    }

    static AIFunction Tool(string name, string schema) => new SchemaOnlyTool(name, schema);

    sealed class SchemaOnlyTool(string name, string schema) : AIFunction
    {
        readonly System.Text.Json.JsonElement jsonSchema = System.Text.Json.JsonDocument.Parse(schema).RootElement.Clone();
        public override string Name => name;
        public override string Description => name;
        public override System.Text.Json.JsonElement JsonSchema => jsonSchema;
        protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken ct) => ValueTask.FromResult<object?>("ok");
    }
}
