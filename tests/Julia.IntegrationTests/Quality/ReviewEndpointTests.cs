using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using static Julia.IntegrationTests.Quality.QualityScenario;

namespace Julia.IntegrationTests.Quality;

/// <summary>
/// The review UI's API (SPEC §9: `/admin/conversas`, `/admin/conversas/{id}`, `/admin/sugestoes`, `/admin/tags`, page
/// `/static/avaliar.html`): conversations to rate with filters, one transcript with its evaluations, the prompt suggestions,
/// the staff's tags (an outside pass, 2026-12-02: all 404).
/// </summary>
public sealed class ReviewEndpointTests(QualityFixture f) : IClassFixture<QualityFixture>
{
    static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task ConversationsAreListedWithFiltersAndOneIsShownWithItsTranscriptAndEvaluations()
    {
        await ResetAsync(f);
        var rated = await ConversationAsync(f, "completed", 30, DoctorSays("tem plantão sábado?"), JuliaSays("Tenho sim, noturno no Hospital Leste"));
        var open = await ConversationAsync(f, "active", 0, DoctorSays("oi"));
        (await f.Client.PostAsJsonAsync("/admin/avaliacoes", new { conversa_id = rated, naturalidade = 8, persona = 8, objetivo = 9, satisfacao = 7 }))
            .EnsureSuccessStatusCode();

        var completed = await JsonAsync(await f.Client.GetAsync("/admin/conversas?status=completed"));
        var notRated = await JsonAsync(await f.Client.GetAsync("/admin/conversas?avaliada=false&controlled_by=ai"));
        var one = await JsonAsync(await f.Client.GetAsync($"/admin/conversas/{rated}"));

        Assert.Equal([rated], completed.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()));
        Assert.True(completed[0].GetProperty("avaliada").GetBoolean());
        Assert.Equal(8, completed[0].GetProperty("ultimo_score").GetInt32());
        var notRatedIds = notRated.EnumerateArray().Select(c => c.GetProperty("id").GetGuid()).ToList();
        Assert.Contains(open, notRatedIds);
        Assert.DoesNotContain(rated, notRatedIds);
        Assert.All(notRated.EnumerateArray(), c => Assert.Equal(("ai", false), (c.GetProperty("controlled_by").GetString(), c.GetProperty("avaliada").GetBoolean())));
        Assert.Equal(["tem plantão sábado?", "Tenho sim, noturno no Hospital Leste"],
            one.GetProperty("interacoes").EnumerateArray().Select(l => l.GetProperty("conteudo").GetString()));
        Assert.Equal("gestor", one.GetProperty("avaliacoes")[0].GetProperty("avaliador").GetString());
    }

    [Theory]
    [InlineData("/admin/conversas?status=aberta")]
    [InlineData("/admin/conversas?controlled_by=robo")]
    [InlineData("/admin/conversas?avaliada=talvez")]
    [InlineData("/admin/conversas?limite=101")]
    [InlineData("/admin/conversas?offset=-1")]
    [InlineData("/admin/sugestoes?status=aprovada")]
    public async Task ABadFilterIsA400(string url)
    {
        var response = await f.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task SuggestionsTagsAndThePageAreThereAndTheApiNeedsTheToken()
    {
        await ResetAsync(f);
        await f.ExecuteAsync("INSERT INTO sugestoes_prompt (tipo, descricao) VALUES ('ajustar_tom', 'menos formal no primeiro contato')");

        var suggestions = await JsonAsync(await f.Client.GetAsync("/admin/sugestoes?status=pendente"));
        var tags = await JsonAsync(await f.Client.GetAsync("/admin/tags"));
        var page = await f.Client.GetAsync("/static/avaliar.html");
        using var anonymous = f.App.CreateClient();
        var refused = await anonymous.GetAsync("/admin/conversas");
        var unknown = await f.Client.GetAsync($"/admin/conversas/{Guid.NewGuid()}");

        Assert.Equal("menos formal no primeiro contato", suggestions[0].GetProperty("descricao").GetString());
        Assert.Equal(["qualidade", "situacao", "problema", "destaque"], tags.EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("/admin/conversas", await page.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
