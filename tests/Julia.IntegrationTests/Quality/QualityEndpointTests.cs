using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using static Julia.IntegrationTests.Quality.QualityScenario;

namespace Julia.IntegrationTests.Quality;

/// <summary>Staff evaluations: `POST /admin/avaliacoes` and `GET /admin/avaliacoes` behind ADMIN_API_TOKEN.</summary>
public sealed class QualityEndpointTests(QualityFixture f) : IClassFixture<QualityFixture>
{
    static object Body(Guid conversaId, int naturalidade = 7, int persona = 8, int objetivo = 6, int satisfacao = 9) => new
    {
        conversa_id = conversaId, naturalidade, persona, objetivo, satisfacao, notas = "  Boa condução, faltou confirmar o período. ",
        tags = new[] { "destaque", "boa_negociacao", "destaque" },
    };

    static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task AStaffEvaluationIsStoredWithTheOverallScoreTheSystemComputes()
    {
        await ResetAsync(f);
        var conversa = await CompletedAsync(f);

        var response = await f.Client.PostAsJsonAsync("/admin/avaliacoes", Body(conversa));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var created = await JsonAsync(response);
        Assert.Equal(conversa, created.GetProperty("conversa_id").GetGuid());
        Assert.Equal(8, created.GetProperty("score_geral").GetInt32());
        Assert.Equal("gestor", created.GetProperty("avaliador").GetString());
        Assert.Equal("Boa condução, faltou confirmar o período.", created.GetProperty("notas").GetString());
        Assert.Equal(["destaque", "boa_negociacao"], created.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"/admin/avaliacoes/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal((8, "gestor", 7), (await f.QueryAsync<(int, string, int)>(
            "SELECT score_geral, avaliador, naturalidade FROM avaliacoes_qualidade WHERE id = @id", new { id })).Single());
        Assert.Equal(id, (await JsonAsync(await f.Client.GetAsync($"/admin/avaliacoes/{id}"))).GetProperty("id").GetGuid());
    }

    [Fact]
    public async Task EvaluationsAreListedNewestFirstByConversationAndInPages()
    {
        await ResetAsync(f);
        var first = await CompletedAsync(f);
        var second = await CompletedAsync(f);
        foreach (var (conversa, score) in new[] { (first, 2), (second, 5), (first, 10) })
            Assert.Equal(HttpStatusCode.Created, (await f.Client.PostAsJsonAsync("/admin/avaliacoes", Body(conversa, score, score, score, score))).StatusCode);

        var all = await JsonAsync(await f.Client.GetAsync("/admin/avaliacoes"));
        var ofFirst = await JsonAsync(await f.Client.GetAsync($"/admin/avaliacoes?conversa_id={first}"));
        var page = await JsonAsync(await f.Client.GetAsync("/admin/avaliacoes?limite=1&offset=1"));

        Assert.Equal([10, 5, 2], all.EnumerateArray().Select(e => e.GetProperty("score_geral").GetInt32()));
        Assert.Equal([10, 2], ofFirst.EnumerateArray().Select(e => e.GetProperty("score_geral").GetInt32()));
        Assert.Equal(5, Assert.Single(page.EnumerateArray()).GetProperty("score_geral").GetInt32());
        Assert.Equal(HttpStatusCode.BadRequest, (await f.Client.GetAsync("/admin/avaliacoes?limite=101")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await f.Client.GetAsync("/admin/avaliacoes?offset=-1")).StatusCode);
    }

    [Theory]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": 11, "persona": 8, "objetivo": 6, "satisfacao": 9}""", "naturalidade precisa ser um inteiro de 1 a 10")]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": 7, "persona": 0, "objetivo": 6, "satisfacao": 9}""", "persona precisa ser um inteiro de 1 a 10")]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": 7, "persona": 8, "objetivo": 6}""", "satisfacao ausente")]
    [InlineData("""{"naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": 9}""", "conversa_id ausente")]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": "sete", "persona": 8, "objetivo": 6, "satisfacao": 9}""", "naturalidade")]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": 7.5, "persona": 8, "objetivo": 6, "satisfacao": 9}""", "naturalidade")]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": 9, "tags": [""]}""", "cada tag")]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": 7, "persona": 8, "objetivo": 6, "satisfacao": 9, "tags": "destaque"}""", "tags")]
    [InlineData("""{"conversa_id": "{id}", "naturalidade": 7,""", "malformado")]
    public async Task BadEvaluationsAre400ProblemDetailsInPortuguese(string body, string detail)
    {
        var conversa = await CompletedAsync(f);
        var before = await f.ScalarAsync<long>("SELECT count(*) FROM avaliacoes_qualidade");

        var response = await f.Client.PostAsync("/admin/avaliacoes",
            new StringContent(body.Replace("{id}", conversa.ToString()), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, (await JsonAsync(response)).GetProperty("detail").GetString());
        Assert.Equal(before, await f.ScalarAsync<long>("SELECT count(*) FROM avaliacoes_qualidade"));
    }

    [Fact]
    public async Task AnUnknownConversationIs404()
    {
        var response = await f.Client.PostAsJsonAsync("/admin/avaliacoes", Body(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Conversa não encontrada", (await JsonAsync(response)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task WithoutTheAdminTokenIs401()
    {
        var conversa = await CompletedAsync(f);
        using var anonymous = f.App.CreateClient();

        var post = await anonymous.PostAsJsonAsync("/admin/avaliacoes", Body(conversa));
        var list = await anonymous.GetAsync("/admin/avaliacoes");

        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM avaliacoes_qualidade WHERE conversa_id = @conversa", new { conversa }));
    }
}
