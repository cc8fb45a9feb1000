using System.Text.Json.Nodes;
using Julia.Agent;
using Julia.Alerts;
using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.Quality.QualityScenario;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Quality;

/// <summary>The nightly judge (job `qualidade`) through the real Anthropic SDK against the fake Anthropic.</summary>
public sealed class QualityJobTests(QualityFixture f) : IClassFixture<QualityFixture>
{
    const string Verdict = """{"naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": 9, "score_geral": 3, "pontos_positivos": ["ofereceu um plantão por vez"], "pontos_negativos": ["não confirmou o período"], "sugestoes": ["perguntar o período preferido"]}""";

    sealed record Row(Guid ConversaId, int Naturalidade, int Persona, int Objetivo, int Satisfacao, int ScoreGeral, string Avaliador, string Modelo, string Detalhes);

    Task<List<Row>> RowsAsync() => f.QueryAsync<Row>("""
        SELECT conversa_id AS ConversaId, naturalidade AS Naturalidade, persona AS Persona, objetivo AS Objetivo, satisfacao AS Satisfacao,
               score_geral AS ScoreGeral, avaliador AS Avaliador, modelo AS Modelo, detalhes::text AS Detalhes
        FROM avaliacoes_qualidade ORDER BY created_at
        """);

    /// <summary>Every string inside a request part (system blocks, message contents), one per line.</summary>
    static string Unescaped(JsonNode node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s + "\n",
        JsonArray a => string.Concat(a.Select(n => n is null ? "" : Unescaped(n))),
        JsonObject o => string.Concat(o.Select(p => p.Value is null ? "" : Unescaped(p.Value))),
        _ => "",
    };

    [Fact]
    public async Task AValidAnswerIsStoredWithTheOverallScoreTheSystemComputes()
    {
        await ResetAsync(f);
        var id = await ConversationAsync(f, "completed", 30,
            DoctorSays("Oi, é um robô?"), JuliaSays("Sou a assistente virtual (IA) da equipe de escalas. Quer falar com uma pessoa?"),
            DoctorSays("Sim, por favor"), SystemSays("Vou chamar alguém da equipe pra falar com vc."),
            StaffSays("Oi Dr., aqui é a Carla da equipe."), DoctorSays("Valeu!"));
        f.Anthropic.Enqueue(Text("```json\n" + Verdict + "\n```"));
        var before = f.Anthropic.Requests.Count;

        var result = await RunJobAsync(f);

        Assert.StartsWith("1 conversa avaliada, 0 puladas", result);
        var row = Assert.Single(await RowsAsync());
        Assert.Equal((id, 7, 8, 6, 9), (row.ConversaId, row.Naturalidade, row.Persona, row.Objetivo, row.Satisfacao));
        Assert.Equal(8, row.ScoreGeral); // round(7.5) half away from zero; the model's own 3 is ignored
        Assert.Equal("auto", row.Avaliador);
        Assert.Equal("claude-sonnet-4-5-20250929", row.Modelo); // the model the answer names
        var detalhes = JsonNode.Parse(row.Detalhes)!;
        Assert.Equal("ofereceu um plantão por vez", detalhes["pontos_positivos"]![0]!.GetValue<string>());
        Assert.Equal("perguntar o período preferido", detalhes["sugestoes"]![0]!.GetValue<string>());

        var request = Assert.Single(f.Anthropic.Requests.Skip(before));
        Assert.Equal(AgentModels.Complex, request["model"]!.GetValue<string>());
        Assert.Null(request["tools"]);
        Assert.Equal(500, request["max_tokens"]!.GetValue<int>()); // SPEC §5
        var system = Unescaped(request["system"]!);
        Assert.Contains("naturalidade", system);
        Assert.Contains("honesta sobre ser uma IA", system);
        Assert.Contains("Não é \"se passar por humana\"", system);
        var transcript = Unescaped(request["messages"]!);
        Assert.Contains("Médico: Oi, é um robô?", transcript);
        Assert.Contains("Júlia: Sou a assistente virtual (IA)", transcript);
        Assert.Contains("Júlia (mensagem automática): Vou chamar alguém", transcript);
        Assert.Contains("Equipe: Oi Dr., aqui é a Carla", transcript);
        Assert.True(transcript.IndexOf("Médico: Oi, é um robô?", StringComparison.Ordinal) < transcript.IndexOf("Médico: Valeu!", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnInvalidAnswerGetsOneRetryAndTheValidSecondAnswerIsStored()
    {
        await ResetAsync(f);
        var id = await CompletedAsync(f);
        f.Anthropic.Enqueue(Text("A conversa foi boa, nota 8."), Text(Verdict));
        var before = f.Anthropic.Requests.Count;

        await RunJobAsync(f);

        var requests = f.Anthropic.Requests.Skip(before).ToList();
        Assert.Equal(2, requests.Count);
        Assert.Contains("não pôde ser usada (nenhum objeto JSON na resposta)", Unescaped(requests[1]["messages"]!));
        var row = Assert.Single(await RowsAsync());
        Assert.Equal((id, 8), (row.ConversaId, row.ScoreGeral));
    }

    [Fact]
    public async Task TwoInvalidAnswersSkipTheConversationWithAWarningAndTheBatchGoesOn()
    {
        await ResetAsync(f);
        var newer = await ConversationAsync(f, "completed", 10, DoctorSays("segredo-do-medico-123"), JuliaSays("resposta-da-julia-456"));
        var older = await CompletedAsync(f, completedMinutesAgo: 120);
        f.Anthropic.Enqueue(Text("{\"naturalidade\": 11, \"persona\": 8, \"objetivo\": 6, \"satisfacao\": 9}"), Text("{ isto não é JSON }"), Text(Verdict));
        var before = f.Anthropic.Requests.Count;
        var logsBefore = f.App.Logs.Lines.Count;

        var result = await RunJobAsync(f);

        Assert.StartsWith("1 conversa avaliada, 1 pulada", result);
        Assert.Equal(3, f.Anthropic.Requests.Count - before);
        Assert.Equal(older, Assert.Single(await RowsAsync()).ConversaId);
        var logs = f.App.Logs.Lines.Skip(logsBefore).ToList();
        var warning = Assert.Single(logs, l => l.EventId == 9513);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains(newer.ToString(), warning.Message);
        Assert.Contains("JSON malformado", warning.Message);
        Assert.DoesNotContain(logs, l => l.Message.Contains("segredo-do-medico-123") || l.Message.Contains("resposta-da-julia-456"));
    }

    [Fact]
    public async Task ARerunJudgesNothingTwice()
    {
        await ResetAsync(f);
        await CompletedAsync(f);
        f.Anthropic.Enqueue(Text(Verdict));
        await RunJobAsync(f);
        var before = f.Anthropic.Requests.Count;

        var result = await RunJobAsync(f);

        Assert.StartsWith("0 conversas avaliadas", result);
        Assert.Equal(before, f.Anthropic.Requests.Count);
        Assert.Single(await RowsAsync());
    }

    [Fact]
    public async Task OnlyCompletedConversationsWithoutAnAutoEvaluationAreJudged()
    {
        await ResetAsync(f);
        var active = await ConversationAsync(f, "active", 0, DoctorSays("oi"), JuliaSays("oi Dr.!"));
        await ConversationAsync(f, "abandoned", 0, DoctorSays("oi"), JuliaSays("oi Dr.!"));
        var judged = await CompletedAsync(f, completedMinutesAgo: 5);
        await f.ExecuteAsync("""
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador, modelo)
            VALUES (@judged, 5, 5, 5, 5, 5, 'auto', 'x')
            """, new { judged });
        var staffRated = await CompletedAsync(f, completedMinutesAgo: 6);
        await f.ExecuteAsync("""
            INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador)
            VALUES (@staffRated, 9, 9, 9, 9, 9, 'gestor')
            """, new { staffRated });
        await ConversationAsync(f, "completed", 7, JuliaSays("Oi Dr., tenho plantões essa semana."));   // the doctor never wrote
        await ConversationAsync(f, "completed", 8, DoctorSays("oi?"), StaffSays("Oi, aqui é a equipe."));  // Júlia never spoke
        f.Anthropic.Enqueue(Text(Verdict));
        var before = f.Anthropic.Requests.Count;

        var result = await RunJobAsync(f);

        Assert.StartsWith("1 conversa avaliada, 0 puladas", result);
        Assert.Equal(before + 1, f.Anthropic.Requests.Count);
        var autos = (await RowsAsync()).Where(r => r.Avaliador == "auto").Select(r => r.ConversaId).Order().ToList();
        Assert.Equal(new[] { judged, staffRated }.Order(), autos);
        Assert.DoesNotContain(active, autos);
    }

    [Fact]
    public async Task AFailedModelCallStopsTheBatch()
    {
        await ResetAsync(f);
        await CompletedAsync(f, 10);
        await CompletedAsync(f, 20);
        f.Anthropic.Enqueue(Overloaded());
        var before = f.Anthropic.Requests.Count;

        var result = await RunJobAsync(f);

        Assert.Contains("interrompido", result);
        Assert.Contains("2 conversas ficam para a próxima execução", result);
        Assert.Equal(before + 1, f.Anthropic.Requests.Count);
        Assert.Empty(await RowsAsync());
    }

    /// <summary>
    /// A transcript the model refuses (400 — longer than an OpenAI-compatible model's context window, say) is skipped and
    /// the batch goes on (docs/decisions.md#quality). Before, it stopped the batch like a provider outage: the same
    /// conversation, first of the longest-waiting half every night, stopped every night's batch at itself, and no
    /// conversation behind it was judged again — the runbook's "nenhuma fica para sempre" broken by one long thread.
    /// </summary>
    [Fact]
    public async Task ATranscriptTheModelRefusesIsSkippedAndTheBatchGoesOn()
    {
        await ResetAsync(f);
        var breaker = f.App.Services.GetRequiredService<CircuitBreakers>().Claude;
        breaker.RecordSuccess();
        var refused = await CompletedAsync(f, 10);
        var judged = await CompletedAsync(f, 20);
        f.Anthropic.Enqueue(Error(400, "error-400-invalid-request.json"), Text(Verdict));
        var logsBefore = f.App.Logs.Lines.Count;

        var result = await RunJobAsync(f);

        Assert.StartsWith("1 conversa avaliada, 1 pulada", result);
        Assert.DoesNotContain("interrompido", result);
        Assert.Equal([judged], (await RowsAsync()).Select(r => r.ConversaId));
        Assert.Equal(CircuitState.Closed, breaker.State);
        var warning = Assert.Single(f.App.Logs.Lines.Skip(logsBefore).ToList(), l => l.EventId == 9518);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Equal($"Quality: conversa {refused} skipped, the model refused its request: pedido recusado pelo modelo (400)", warning.Message);
    }

    /// <summary>
    /// The nightly judge meeting a refused key or account (401, 403) says it as a doctor's turn would
    /// (docs/decisions.md#model-refused): the `claude` breaker opens at once, Redis `agente:recusa` makes health name the
    /// refusal, and the `circuito_aberto` page says the provider refused the key and that waiting will not help. Before,
    /// the judge counted one ordinary failure: breaker closed, health `healthy`, no page — at 02:00 the judge is often the
    /// first call of the night to meet a revoked key, and the first doctor of the morning found it instead.
    /// </summary>
    [Theory]
    [InlineData(401, "authentication_error", "chave da API recusada (401)")]
    [InlineData(403, "permission_error", "acesso negado pelo provedor (403)")]
    public async Task ARefusedKeyStopsTheBatchAndIsSaidAsTheReplyPathSaysIt(int status, string type, string words)
    {
        await ResetAsync(f);
        var breaker = f.App.Services.GetRequiredService<CircuitBreakers>().Claude;
        var refusal = f.App.Services.GetRequiredService<ModelRefusal>();
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        breaker.RecordSuccess();
        await refusal.ClearAsync(always: true);
        await f.ExecuteAsync("DELETE FROM alertas_enviados");
        await CompletedAsync(f, 10);
        await CompletedAsync(f, 20);
        f.Anthropic.Enqueue(new FakeModelServer.Answer(status,
            $$"""{"type":"error","error":{"type":"{{type}}","message":"refused"},"request_id":"req_011CSHoEeqs5C35K2UUqR7Fy"}"""));
        var before = f.Anthropic.Requests.Count;
        try
        {
            var result = await RunJobAsync(f);

            Assert.Contains("interrompido", result);
            Assert.Contains("2 conversas ficam para a próxima execução", result);
            Assert.Equal(before + 1, f.Anthropic.Requests.Count);
            Assert.Empty(await RowsAsync());
            Assert.Equal(CircuitState.Open, breaker.State);
            Assert.StartsWith(words, (string?)await redis.HashGetAsync(ModelRefusal.Key, "motivo"));
            var health = JsonNode.Parse(await f.Client.GetStringAsync("/admin/metricas/health"))!;
            Assert.Contains(health["problemas"]!.AsArray().Select(p => p!.GetValue<string>()),
                p => p.StartsWith("modelo recusando as chamadas: " + words, StringComparison.Ordinal));
            var page = await Eventually.MatchesAsync(
                () => f.ScalarAsync<string?>("SELECT mensagem FROM alertas_enviados WHERE tipo = 'circuito_aberto'"), m => m is not null);
            Assert.StartsWith("Circuito aberto: claude — " + AlertRules.ModelRefusedWords + " (" + words, page);
            Assert.Contains("esperar não resolve", page);
            Assert.DoesNotContain("até a próxima tentativa", page);
        }
        finally
        {
            breaker.RecordSuccess();
            await refusal.ClearAsync(always: true);
        }
    }

    /// <summary>An answer of the judge clears a refusal this process recorded: the key works again (as a doctor's turn does).</summary>
    [Fact]
    public async Task AnAnswerOfTheJudgeClearsTheRefusalThisProcessRecorded()
    {
        await ResetAsync(f);
        var breaker = f.App.Services.GetRequiredService<CircuitBreakers>().Claude;
        var refusal = f.App.Services.GetRequiredService<ModelRefusal>();
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        breaker.RecordSuccess();
        await refusal.RecordAsync("chave da API recusada (401): confira a variável da chave");
        await CompletedAsync(f, 10);
        f.Anthropic.Enqueue(Text(Verdict));

        var result = await RunJobAsync(f);

        Assert.Single(await RowsAsync());
        Assert.False(await redis.KeyExistsAsync(ModelRefusal.Key), result);
    }
}

/// <summary>No ANTHROPIC_API_KEY: the judge is off and the job says so.</summary>
public sealed class QualityAgentOffTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Fact]
    public async Task WithTheAgentOffTheJobSaysSoAndEvaluatesNothing()
    {
        await f.ExecuteAsync("INSERT INTO medicos (telefone, primeiro_nome, origem) VALUES ('5511999996001', 'Lia', 'import')");
        await CompletedAsync(f);

        var result = await RunJobAsync(f);

        Assert.Equal("agente desligado (sem ANTHROPIC_API_KEY): nenhuma conversa avaliada", result);
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM avaliacoes_qualidade"));
    }
}
