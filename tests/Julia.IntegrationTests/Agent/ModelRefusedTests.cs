using System.Text.Json.Nodes;
using Julia.Agent;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Agent;

public sealed class ModelRefusedFixture : AgentFixture
{
    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["FALLBACK_HANDOFF_MINUTOS"] = "0", ["Agent:MaxRetries"] = "0", ["Agent:CallTimeout"] = "00:00:03",
    };
}

/// <summary>
/// A refused `ANTHROPIC_API_KEY` (401 `authentication_error`, Anthropic's genuine body) is said at once
/// (docs/decisions.md#model-refused): `/admin/metricas/health` read `healthy` until the `claude` breaker had counted three
/// failures — three doctors' messages later on a quiet night — although a refused key never clears by retrying.
/// </summary>
public sealed class ModelRefusedTests(ModelRefusedFixture f) : IClassFixture<ModelRefusedFixture>
{
    static readonly string Unauthorized =
        """{"type":"error","error":{"type":"authentication_error","message":"invalid x-api-key"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}""";

    async Task<JsonNode> HealthAsync() => JsonNode.Parse(await f.Client.GetStringAsync("/admin/metricas/health"))!;

    static List<string> Problems(JsonNode health) => health["problemas"]!.AsArray().Select(p => p!.GetValue<string>()).ToList();

    [Fact]
    public async Task TheFirstRefusedCallMakesHealthSayItAndOpensTheBreakerUntilTheModelAnswersAgain()
    {
        var breaker = f.App.Services.GetRequiredService<CircuitBreakers>().Claude;
        breaker.RecordSuccess();
        await f.App.Services.GetRequiredService<ModelRefusal>().ClearAsync(always: true);
        await f.ExecuteAsync("DELETE FROM alertas_enviados");
        Assert.DoesNotContain(Problems(await HealthAsync()), p => p.StartsWith("modelo recusando", StringComparison.Ordinal));

        f.Anthropic.Override = _ => new Answer(401, Unauthorized);
        try
        {
            await PostAsync(f.Client, Text("5511999990941", "tem plantão sábado?"));
            await f.WaitProcessedAsync("5511999990941");
        }
        finally { f.Anthropic.Override = null; }

        // One refused call: the doctor got the fallback, and the operator sees why now — not after two more doctors.
        var health = await HealthAsync();
        Assert.Equal("degraded", health["status"]!.GetValue<string>());
        var problem = Assert.Single(Problems(health), p => p.StartsWith("modelo recusando", StringComparison.Ordinal));
        Assert.StartsWith("modelo recusando as chamadas: chave da API recusada (401): confira a variável da chave (a última às ", problem);
        Assert.Contains("esperar não resolve", problem);
        Assert.Equal("chave da API recusada (401): confira a variável da chave",
            health["metricas"]!["agente"]!["recusa"]!["motivo"]!.GetValue<string>());
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Contains("circuito claude aberto", Problems(health));
        // The breaker's opening pages (`circuito_aberto`, any time) without waiting for the job.
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>("SELECT count(*) FROM alertas_enviados WHERE tipo = 'circuito_aberto'"), n => n == 1);
        // …saying the model refused the key and that waiting will not help, not "até a próxima tentativa" (docs/decisions.md#model-refused).
        var page = await f.ScalarAsync<string>("SELECT mensagem FROM alertas_enviados WHERE tipo = 'circuito_aberto'");
        Assert.StartsWith("Circuito aberto: claude — o provedor do modelo recusou a chave ou a conta (chave da API recusada (401)", page);
        Assert.Contains("esperar não resolve", page);
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        Assert.Equal("chave da API recusada (401): confira a variável da chave", (string?)await redis.HashGetAsync(ModelRefusal.Key, "motivo"));

        // Fixed: the breaker's trial passes (closed here instead of waiting its 60 s) and the model answers — the problem goes.
        breaker.RecordSuccess();
        await PostAsync(f.Client, Text("5511999990942", "e domingo?"));
        await f.WaitProcessedAsync("5511999990942");
        Assert.Contains(await f.QueueAsync("5511999990942"), q => q.Tipo == "resposta");
        health = await HealthAsync();
        Assert.DoesNotContain(Problems(health), p => p.StartsWith("modelo recusando", StringComparison.Ordinal));
        Assert.Null(health["metricas"]!["agente"]!["recusa"]);
        Assert.False(await redis.KeyExistsAsync(ModelRefusal.Key));
    }

    /// <summary>A failure that retrying may clear (a 529 overload) is not a refusal: the breaker still counts to 3, health says nothing yet.</summary>
    [Fact]
    public async Task ATransientFailureIsNoRefusal()
    {
        var breaker = f.App.Services.GetRequiredService<CircuitBreakers>().Claude;
        breaker.RecordSuccess();
        await f.App.Services.GetRequiredService<ModelRefusal>().ClearAsync(always: true);
        f.Anthropic.Override = _ => FakeAnthropic.Error(529, "error-529-overloaded.json");
        try
        {
            await PostAsync(f.Client, Text("5511999990943", "tem plantão?"));
            await f.WaitProcessedAsync("5511999990943");
        }
        finally { f.Anthropic.Override = null; }

        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.DoesNotContain(Problems(await HealthAsync()), p => p.StartsWith("modelo recusando", StringComparison.Ordinal));
        breaker.RecordSuccess();
    }
}
