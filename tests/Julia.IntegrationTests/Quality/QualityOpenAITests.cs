using System.Net.Http.Headers;
using Julia.Agent;
using Julia.IntegrationTests.Agent;
using static Julia.IntegrationTests.Quality.QualityScenario;
using static Julia.IntegrationTests.TestHost.FakeOpenAI;
using static Julia.IntegrationTests.TestHost.FakeModelServer;

namespace Julia.IntegrationTests.Quality;

/// <summary>
/// LLM_PROVIDER=openai for a vLLM/Ollama-like server: OPENAI_BASE_URL of its own (here the bare server address, without
/// `/v1`: Júlia adds it) and no OPENAI_API_KEY (the agent is on), no LLM_MODEL_COMPLEX (it defaults to LLM_MODEL), and an
/// admin token.
/// </summary>
public sealed class QualityOpenAIFixture : OpenAIAgentFixture
{
    public const string Token = "admin-token-quality-openai";

    protected override Dictionary<string, string?> AgentSettings => new()
    {
        ["ADMIN_API_TOKEN"] = Token, ["Agent:MaxRetries"] = "0", ["OPENAI_API_KEY"] = null, ["LLM_MODEL_COMPLEX"] = null,
        ["LLM_MODEL"] = "llama3.1:8b", ["OPENAI_BASE_URL"] = OpenAI.Url,
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }
}

/// <summary>The nightly judge (job `qualidade`) works the same through an OpenAI-compatible server.</summary>
public sealed class QualityOpenAITests(QualityOpenAIFixture f) : IClassFixture<QualityOpenAIFixture>
{
    const string Verdict = """{"naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": 9, "pontos_positivos": ["ofereceu um plantão por vez"], "pontos_negativos": [], "sugestoes": []}""";

    [Fact]
    public async Task TheJudgeAsksTheServersModelWithoutAKeyAndStoresTheVerdict()
    {
        await ResetAsync(f);
        var id = await CompletedAsync(f);
        f.OpenAI.Enqueue(Text("```json\n" + Verdict + "\n```"));
        var before = f.OpenAI.Requests.Count;

        var result = await RunJobAsync(f);

        Assert.StartsWith("1 conversa avaliada, 0 puladas", result);
        var row = Assert.Single(await f.QueryAsync<(Guid ConversaId, int Naturalidade, int Satisfacao, int ScoreGeral, string Modelo)>(
            "SELECT conversa_id, naturalidade, satisfacao, score_geral, modelo FROM avaliacoes_qualidade WHERE avaliador = 'auto'"));
        Assert.Equal((id, 7, 9, 8, FixtureModel), row); // the model the answer names
        var request = Assert.Single(f.OpenAI.Requests.Skip(before));
        Assert.Equal("llama3.1:8b", request["model"]!.GetValue<string>()); // LLM_MODEL_COMPLEX unset: LLM_MODEL
        Assert.Null(request["tools"]);
        Assert.Equal("system", Messages(request)[0]!["role"]!.GetValue<string>());
        Assert.Contains("naturalidade", Content(Messages(request)[0]!));
        Assert.Contains("Médico: Oi, tem plantão no sábado?", Content(Messages(request)[^1]!));
        Assert.Equal($"Bearer {ModelClients.NoKey}", f.OpenAI.RequestHeaders.Last()["Authorization"].ToString());
        Assert.Equal("/v1/chat/completions", f.OpenAI.RequestPaths.Last());
    }
}
