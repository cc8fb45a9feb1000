using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Julia.Doctors;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// The operators' path to a contact pause (docs/decisions.md#contact-pause): `GET /admin/medicos/pausados`,
/// `POST /admin/medicos/{id}/pausar` with the agent's rules and `POST /admin/medicos/{id}/retomar` — idempotent, the
/// cached profile changed at once, campaigns honouring it.
/// </summary>
public sealed class StaffPauseEndpointTests(ContactPauseFixture f) : IClassFixture<ContactPauseFixture>
{
    static DateOnly Today => PauseRules.Today(DateTimeOffset.UtcNow);

    static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    async Task<Guid> DoctorAsync(string phone, string tag) => await f.ScalarAsync<Guid>("""
        INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, titulo, origem, tags)
        VALUES (@phone, @phone || '@s.whatsapp.net', 'Paulo', 'Dr.', 'import', jsonb_build_array(@tag::text)) RETURNING id
        """, new { phone, tag });

    async Task<(HttpStatusCode Status, JsonNode? Body)> PostAsync(string path, object? body)
    {
        using var response = body is null ? await f.Client.PostAsync(path, null) : await f.Client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    Task<DoctorProfile?> CachedProfileAsync(Guid medico) =>
        f.App.Services.GetRequiredService<DoctorContext>().StartProfileRead(medico)(default);

    Task<DateTime?> PausedUntilAsync(Guid medico) =>
        f.ScalarAsync<DateTime?>("SELECT contato_pausado_ate FROM medicos WHERE id = @medico", new { medico });

    async Task<long> CampaignAsync(string tag)
    {
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Pausa equipe " + tag + Guid.NewGuid().ToString("N")[..6], tipo = "oferta_plantao",
            mensagem_template = "Oi {nome}! Temos plantões no ABC, quer ver?", filtros = new { tags = new[] { tag } },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<long>();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        return id;
    }

    Task<List<(Guid Medico, string Status, string? Motivo)>> SendsAsync(long campanha) => f.QueryAsync<(Guid, string, string?)>(
        "SELECT medico_id, status, motivo FROM envios_campanha WHERE campanha_id = @campanha", new { campanha });

    [Fact]
    public async Task PausarListsHimKeepsACampaignAwayAndRetomarEndsItAtOnce()
    {
        const string tag = "pausa-admin";
        var medico = await DoctorAsync("5511990056001", tag);
        var sooner = await DoctorAsync("5511990056002", tag + "-outro");
        var running = await CampaignAsync(tag + "-antes");
        await f.ExecuteAsync("INSERT INTO envios_campanha (campanha_id, medico_id) VALUES (@running, @medico)", new { running, medico });
        Assert.Null((await CachedProfileAsync(medico))!.ContatoPausadoAte);   // cached, without a pause
        var day = Today.AddMonths(4);

        var (status, body) = await PostAsync($"/admin/medicos/{medico}/pausar", new { ate = Iso(day), motivo = "licença", por = "Marina (operação)" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("pausado", Iso(day), "licença"), (body!["status"]!.GetValue<string>(), body["ate"]!.GetValue<string>(), body["motivo"]!.GetValue<string>()));
        Assert.Equal("Dr. Paulo", body["medico"]!.GetValue<string>());
        Assert.Equal(PauseRules.StartOf(day).UtcDateTime, (await PausedUntilAsync(medico))!.Value.ToUniversalTime());
        Assert.Equal(PauseRules.StartOf(day).UtcDateTime, (await CachedProfileAsync(medico))!.ContatoPausadoAte?.ToUniversalTime());

        // The same request again, an hour later: 200, the same state — when it was asked for is kept, not renewed.
        await f.ExecuteAsync("UPDATE medicos SET contato_pausado_em = contato_pausado_em - interval '1 hour' WHERE id = @medico", new { medico });
        var asked = await f.ScalarAsync<DateTime>("SELECT contato_pausado_em FROM medicos WHERE id = @medico", new { medico });
        var (again, same) = await PostAsync($"/admin/medicos/{medico}/pausar", new { ate = Iso(day), motivo = "licença" });
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(asked, await f.ScalarAsync<DateTime>("SELECT contato_pausado_em FROM medicos WHERE id = @medico", new { medico }));
        same!.AsObject().Remove("em");
        body.AsObject().Remove("em");
        Assert.Equal(body.ToJsonString(), same.ToJsonString());

        // Listed, the nearest end first.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync($"/admin/medicos/{sooner}/pausar", new { ate = Iso(Today.AddDays(10)), motivo = "viagem" })).Status);
        var listed = (await f.Client.GetFromJsonAsync<JsonArray>("/admin/medicos/pausados?limite=500"))!;
        var ours = listed.Select(n => n!["medico_id"]!.GetValue<Guid>()).Where(id => id == medico || id == sooner).ToList();
        Assert.Equal([sooner, medico], ours);
        var his = listed.Single(n => n!["medico_id"]!.GetValue<Guid>() == medico)!;
        Assert.Equal((Iso(day), "licença", "5511990056001"), (his["ate"]!.GetValue<string>(), his["motivo"]!.GetValue<string>(), his["telefone"]!.GetValue<string>()));
        Assert.NotNull(his["em"]);

        // A running campaign does not reach him; one started now leaves him out.
        await f.Client.PostAsync("/jobs/campanhas", null);
        Assert.Equal(("cancelado", "pausa_pedida"), (await SendsAsync(running)).Select(s => (s.Status, s.Motivo)).Single());
        Assert.Empty(await SendsAsync(await CampaignAsync(tag)));

        var (resumed, state) = await PostAsync($"/admin/medicos/{medico}/retomar", null);
        Assert.Equal(HttpStatusCode.OK, resumed);
        Assert.Equal(("sem_pausa", Iso(day)), (state!["status"]!.GetValue<string>(), state["encerrada"]!.GetValue<string>()));
        Assert.Null(state["ate"]);
        Assert.Null(await PausedUntilAsync(medico));
        Assert.Null((await CachedProfileAsync(medico))!.ContatoPausadoAte);
        Assert.DoesNotContain((await f.Client.GetFromJsonAsync<JsonArray>("/admin/medicos/pausados?limite=500"))!,
            n => n!["medico_id"]!.GetValue<Guid>() == medico);
        Assert.Equal([medico], (await SendsAsync(await CampaignAsync(tag))).Select(s => s.Medico));

        // Again: 200, nothing was in force.
        var (twice, none) = await PostAsync($"/admin/medicos/{medico}/retomar", new { por = "Marina" });
        Assert.Equal(HttpStatusCode.OK, twice);
        Assert.Equal("sem_pausa", none!["status"]!.GetValue<string>());
        Assert.Null(none["encerrada"]);
    }

    /// <summary>
    /// A pause over another one in force answers `substituida` with the date it replaced (also when only the reason
    /// changed); the first pause and the same pause repeated replace nothing.
    /// </summary>
    [Fact]
    public async Task PausarOverAnotherPauseSaysTheDateItReplaced()
    {
        var medico = await DoctorAsync("5511990056021", "pausa-admin-substitui");
        var first = Today.AddMonths(1);
        var second = Today.AddMonths(6);

        var (_, one) = await PostAsync($"/admin/medicos/{medico}/pausar", new { ate = Iso(first), motivo = "viagem" });
        Assert.Null(one!["substituida"]);
        var (status, two) = await PostAsync($"/admin/medicos/{medico}/pausar", new { ate = Iso(second), motivo = "licença", por = "Marina" });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal((Iso(second), Iso(first)), (two!["ate"]!.GetValue<string>(), two["substituida"]!.GetValue<string>()));
        var (_, reason) = await PostAsync($"/admin/medicos/{medico}/pausar", new { ate = Iso(second), motivo = "licença maternidade" });
        Assert.Equal(Iso(second), reason!["substituida"]!.GetValue<string>());
        var (_, same) = await PostAsync($"/admin/medicos/{medico}/pausar", new { ate = Iso(second), motivo = "licença maternidade" });
        Assert.Null(same!["substituida"]);
    }

    /// <summary>What the agent's tool refuses, the API refuses (400, nothing stored); unknown doctor 404; opted-out 409.</summary>
    [Fact]
    public async Task BadRequestsAreRefusedAndNothingIsStored()
    {
        var medico = await DoctorAsync("5511990056011", "pausa-admin-recusa");
        var inAMonth = Iso(Today.AddMonths(1));
        var cases = new (object? Body, string Says)[]
        {
            (null, "ate é obrigatório"),
            (new { motivo = "licença" }, "ate é obrigatório"),
            (new { ate = "15/03/2027", motivo = "licença" }, "AAAA-MM-DD"),
            (new { ate = "2027-02-31", motivo = "licença" }, "AAAA-MM-DD"),
            (new { ate = Iso(Today), motivo = "licença" }, "data futura"),
            (new { ate = Iso(Today.AddMonths(13)), motivo = "licença" }, $"no máximo até {Iso(Today.AddMonths(12))}"),
            (new { ate = inAMonth }, "motivo é obrigatório"),
            (new { ate = inAMonth, motivo = "  " }, "motivo é obrigatório"),
            (new { ate = inAMonth, motivo = new string('x', 201) }, "mais de 200"),
            (new { ate = inAMonth, reason = "licença" }, ""),   // a misspelt field
        };
        foreach (var (body, says) in cases)
        {
            var (status, problem) = await PostAsync($"/admin/medicos/{medico}/pausar", body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{status} for {System.Text.Json.JsonSerializer.Serialize(body)}");
            Assert.Contains(says, problem!["detail"]?.GetValue<string>() ?? problem["title"]!.GetValue<string>());
        }
        Assert.Null(await PausedUntilAsync(medico));

        var unknown = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.NotFound, (await PostAsync($"/admin/medicos/{unknown}/pausar", new { ate = inAMonth, motivo = "licença" })).Status);
        var (notFound, problem404) = await PostAsync($"/admin/medicos/{unknown}/retomar", null);
        Assert.Equal(HttpStatusCode.NotFound, notFound);
        Assert.Equal("Médico não encontrado", problem404!["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await f.Client.GetAsync("/admin/medicos/pausados?limite=0")).StatusCode);

        await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now() WHERE id = @medico", new { medico });
        Assert.Equal(HttpStatusCode.Conflict, (await PostAsync($"/admin/medicos/{medico}/pausar", new { ate = inAMonth, motivo = "licença" })).Status);
        Assert.Null(await PausedUntilAsync(medico));
    }
}
