using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Julia.Campaigns;
using Julia.DemoData;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using Julia.Queue;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Campaigns;

public sealed class CampaignFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false" };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await new DemoDataSeeder(Db, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
    }
}

/// <summary>The campaigns API of docs/decisions.md#proactive on demo data: validation, segment, start, drip feeding within caps, report.</summary>
public sealed class CampaignTests(CampaignFixture f) : IClassFixture<CampaignFixture>
{
    static object Body(string template, object? filtros = null, int? max = null) =>
        new { nome = "Pediatria ABC", tipo = "oferta_plantao", mensagem_template = template, filtros, max_por_dia = max };

    /// <summary>
    /// `agendar_para` without an offset is São Paulo time, as everything an operator writes (read as UTC it started the
    /// campaign three hours early: an outside pass, 2026-12-02); the answer shows the São Paulo offset; a Brazilian-style
    /// date is a 400, not a guess.
    /// </summary>
    [Fact]
    public async Task AScheduleWithoutAnOffsetIsSaoPauloTime()
    {
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Agendada", tipo = "oferta_plantao", mensagem_template = "Oi {nome}", agendar_para = "2030-01-10T10:00:00",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("2030-01-10T10:00:00-03:00", body.GetProperty("agendar_para").GetString());
        Assert.Equal(new DateTime(2030, 1, 10, 13, 0, 0), await f.ScalarAsync<DateTime>(
            "SELECT agendar_para AT TIME ZONE 'UTC' FROM campanhas WHERE id = @id", new { id = body.GetProperty("id").GetInt64() }));

        var brazilian = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Agendada", tipo = "oferta_plantao", mensagem_template = "Oi {nome}", agendar_para = "10/01/2030 10:00",
        });
        Assert.Equal(HttpStatusCode.BadRequest, brazilian.StatusCode);
    }

    [Fact]
    public async Task TemplatesAndSpecialtiesAreValidatedAtCreation()
    {
        var unknownPlaceholder = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, {desconto}!"));
        var unknownSpecialty = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}", new { especialidades = new[] { "astrologia" } }));
        var badType = await f.Client.PostAsJsonAsync("/campanhas", new { nome = "x", tipo = "spam", mensagem_template = "oi" });

        Assert.Equal(HttpStatusCode.BadRequest, unknownPlaceholder.StatusCode);
        Assert.Contains("{desconto}", await unknownPlaceholder.Content.ReadAsStringAsync());
        // A placeholder name as operators write it is echoed, not "(nome inválido)" (an outside walk, 2026-12-03).
        var snakeCase = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {primeiro_nome}!"));
        Assert.Contains("{primeiro_nome}", await snakeCase.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknownSpecialty.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badType.StatusCode);
        Assert.Equal("application/problem+json", badType.Content.Headers.ContentType?.MediaType);

        // A misspelt field is refused, not ignored: `segmento` for `filtros` would have targeted every doctor.
        var misspelt = await f.Client.PostAsJsonAsync("/campanhas", new { nome = "x", tipo = "oferta_plantao", mensagem_template = "Oi {nome}",
            segmento = new { especialidades = new[] { "Pediatria" } } });
        Assert.Equal(HttpStatusCode.BadRequest, misspelt.StatusCode);
        var misspeltFilter = await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros = new { especialidade = new[] { "Pediatria" } } });
        Assert.Equal(HttpStatusCode.BadRequest, misspeltFilter.StatusCode);

        // Braces that are not a placeholder would reach doctors as written; a number given as a string is a wrong type
        // (an outside pass, 2026-12-02).
        foreach (var template in new[] { "Oi { nome }", "Oi {{nome}}", "Oi {nome" })
            Assert.Equal(HttpStatusCode.BadRequest, (await f.Client.PostAsJsonAsync("/campanhas", Body(template))).StatusCode);
        var numberAsText = await f.Client.PostAsJsonAsync("/campanhas", new { nome = "x", tipo = "oferta_plantao", mensagem_template = "Oi {nome}", max_por_dia = "30" });
        Assert.Equal(HttpStatusCode.BadRequest, numberAsText.StatusCode);

        // A filter list longer than any segment (100 000 tags were stored whole, and read on every feeder run).
        var manyTags = Enumerable.Range(0, CampaignEndpoints.MaxFilterValues + 1).Select(i => $"tag{i}").ToArray();
        var tooMany = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}", new { tags = manyTags }));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains($"mais de {CampaignEndpoints.MaxFilterValues} valores", await tooMany.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest,
            (await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros = new { cidades = manyTags } })).StatusCode);
        Assert.Equal(HttpStatusCode.OK,
            (await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros = new { tags = manyTags[..CampaignEndpoints.MaxFilterValues] } })).StatusCode);
    }

    [Fact]
    public async Task ACancelRacingAStartNeverLeavesACancelledCampaignRunning()
    {
        var filtros = new { especialidades = new[] { "Pediatria" } };
        for (var round = 0; round < 15; round++)
        {
            var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões.", filtros));
            var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
            var start = f.Client.PostAsync($"/campanhas/{id}/iniciar", null);
            await Task.Delay(round % 5); // cancel 0–4 ms after the start
            var cancel = await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
            await start;

            // Whatever the order, a cancel that answered 200 ended the campaign and every send it had.
            Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
            Assert.Equal("cancelada", await f.ScalarAsync<string>("SELECT status FROM campanhas WHERE id = @id", new { id }));
            Assert.Equal(0, await f.ScalarAsync<long>(
                "SELECT count(*) FROM envios_campanha WHERE campanha_id = @id AND status IN ('pendente', 'enfileirado')", new { id }));
        }
        // And a cancelled campaign cannot be started again.
        var last = await f.ScalarAsync<long>("SELECT max(id) FROM campanhas");
        Assert.Equal(HttpStatusCode.Conflict, (await f.Client.PostAsync($"/campanhas/{last}/iniciar", null)).StatusCode);
    }

    [Fact]
    public async Task ASegmentIsStartedOnceFedWithinItsDailyCapAndReported()
    {
        var filtros = new { especialidades = new[] { "Pediatria" }, regioes = new[] { "ABC" } };
        var preview = JsonDocument.Parse(await (await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros })).Content.ReadAsStringAsync()).RootElement;
        var total = preview.GetProperty("total").GetInt64();
        Assert.True(total >= 3, $"segment too small: {total}");
        Assert.True(preview.GetProperty("amostra").GetArrayLength() > 0);

        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("{saudacao_especialidade} Tenho plantões de {especialidade} no {regiao}, {empresa}.", filtros, max: 2));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        await f.Client.PostAsync($"/campanhas/{id}/pausar", null);
        await f.Client.PostAsync($"/campanhas/{id}/iniciar", null); // restarting adds nobody twice
        Assert.Equal(total, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @id", new { id }));

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);

        var queued = await f.QueryAsync<string>("SELECT conteudo FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @id", new { id = id.ToString() });
        Assert.Equal(2, queued.Count); // max_por_dia = 2, however often the feeder runs
        Assert.All(queued, text =>
        {
            Assert.Contains("assistente virtual", text);
            Assert.Contains("pediatria", text);
            Assert.DoesNotContain("{", text);
        });
        Assert.Equal(2, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @id AND status IN ('enfileirado', 'enviado')", new { id }));

        var cancel = await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        var report = JsonDocument.Parse(await f.Client.GetStringAsync($"/campanhas/{id}/relatorio")).RootElement;
        Assert.Equal(total, report.GetProperty("total").GetInt64());
        Assert.Equal(0, await f.ScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND status = 'pendente' AND metadata->>'campanha_id' = @id", new { id = id.ToString() }));
    }

    /// <summary>
    /// `pausar` holds what the campaign already queued today and has not started to send (an outside pass, 2026-12-03:
    /// a day's allowance is queued at once, so a pause stopped nothing until the next day): those messages `cancelada`
    /// with `campanha_pausada`, their sends `pendente` again; nothing is fed while paused, and `iniciar` feeds them again
    /// (the held messages do not use up the day's allowance).
    /// </summary>
    [Fact]
    public async Task PausingHoldsWhatTheCampaignQueuedAndStartingAgainFeedsItAgain()
    {
        var phones = new[] { "5511966600101", "5511966600102", "5511966600103" };
        await f.ExecuteAsync("""
            INSERT INTO medicos (telefone, primeiro_nome, origem, tags, primeiro_contato_em)
            SELECT t, 'Médico', 'import', '["pausa_teste"]', now() - interval '30 days' FROM unnest(@phones) AS t
            """, new { phones });
        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões.", new { tags = new[] { "pausa_teste" } }, max: 3));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        Task<List<(string Status, string? Reason)>> QueuedAsync() => f.QueryAsync<(string, string?)>(
            "SELECT status, outcome_reason_code FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @id ORDER BY created_at",
            new { id = id.ToString() });
        Task<List<(string Status, Guid? Fila)>> SendsAsync() => f.QueryAsync<(string, Guid?)>(
            "SELECT status, fila_mensagem_id FROM envios_campanha WHERE campanha_id = @id", new { id });
        // Sends held (WhatsApp "close"): the queued messages stay unsent whatever the hour.
        await PostAsync(f.Client, EvolutionWebhooks.Fixture("webhook-connection-update-close.json"));
        try
        {
            Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);
            Assert.Equal(["pendente", "pendente", "pendente"], (await QueuedAsync()).Select(q => q.Status));

            Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/pausar", null)).StatusCode);
            Assert.All(await QueuedAsync(), q => Assert.Equal(("cancelada", "campanha_pausada"), (q.Status, q.Reason)));
            Assert.All(await SendsAsync(), e => Assert.Equal(("pendente", (Guid?)null), (e.Status, e.Fila)));
            Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);
            Assert.DoesNotContain(await QueuedAsync(), q => q.Status == "pendente");
            Assert.Equal(HttpStatusCode.Conflict, (await f.Client.PostAsync($"/campanhas/{id}/pausar", null)).StatusCode);

            Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);
            Assert.Equal(3, (await QueuedAsync()).Count(q => q.Status == "pendente"));
            Assert.All(await SendsAsync(), e => Assert.Equal("enfileirado", e.Status));
        }
        finally
        {
            await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
            await PostAsync(f.Client, EvolutionWebhooks.Fixture("webhook-connection-update-open.json"));
        }
    }

    /// <summary>
    /// A schedule in the past is refused (an outside pass, 2026-12-03: a wrong year started the campaign at once, to
    /// every doctor of the segment); a moment ago is "now". So is a pressure limit outside 0–90: SPEC §7's band 91–100 is
    /// "never" (a SPEC audit, 2026-12-03: 100 was accepted).
    /// </summary>
    [Fact]
    public async Task AScheduleInThePastAndAPressureLimitOutOfRangeAreRefused()
    {
        object Scheduled(string at, int? pressure = null) => new
        {
            nome = "Agendada", tipo = "oferta_plantao", mensagem_template = "Oi {nome}", agendar_para = at,
            filtros = new { tags = new[] { "ninguem_tem_esta_tag" }, pressure_score_max = pressure },
        };
        var past = await f.Client.PostAsJsonAsync("/campanhas", Scheduled("2020-01-10T10:00:00"));
        var aMomentAgo = await f.Client.PostAsJsonAsync("/campanhas", Scheduled(DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ")));
        var negativePressure = await f.Client.PostAsJsonAsync("/campanhas", Scheduled("2030-01-10T10:00:00", -5));
        var neverBand = await f.Client.PostAsJsonAsync("/campanhas", Scheduled("2030-01-10T10:00:00", 95));

        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("agendar_para já passou (10/01/2020 10:00", await past.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, aMomentAgo.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negativePressure.StatusCode);
        Assert.Contains("pressure_score_max", await negativePressure.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, neverBand.StatusCode);
        Assert.Contains("entre 0 e 90", await neverBand.Content.ReadAsStringAsync());
        await f.Client.PostAsync($"/campanhas/{JsonDocument.Parse(await aMomentAgo.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64()}/cancelar", null);
    }

    /// <summary>
    /// SPEC's "always excluded" holds when a campaign's message is made, not only when it starts: a campaign drips over
    /// days, and a doctor who since wrote, is with a person, has a follow-up waiting or is over the pressure limit is
    /// left out — his send row `cancelado` with the reason — and the next one takes his place (an outside audit,
    /// 2026-12-03: he got the campaign in the middle of a conversation).
    /// </summary>
    /// <summary>
    /// A message that never went out — no WhatsApp on that number, blocked at send time — does not use up the campaign's
    /// day (an audit, 2026-12-04: an imported list's dead numbers spent the allowance); the feeder fills the day again.
    /// </summary>
    [Fact]
    public async Task AMessageThatNeverWentOutLeavesItsPlaceInTheDayToTheNextDoctor()
    {
        var filtros = new { especialidades = new[] { "Pediatria" }, regioes = new[] { "ABC" } };
        var created = await f.Client.PostAsJsonAsync("/campanhas",
            new { nome = "Sem desperdício", tipo = "oferta_plantao", mensagem_template = "Oi {nome}, tenho plantões de {especialidade}.", filtros, max_por_dia = 2 });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);
        var campaign = id.ToString();
        Assert.Equal(2, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @campaign", new { campaign }));

        // What the dispatcher does to a number WhatsApp does not have, and to a doctor blocked since the feed.
        await f.ExecuteAsync("""
            UPDATE fila_mensagens SET status = CASE WHEN n = 1 THEN 'erro' ELSE 'bloqueada' END,
                   outcome_reason_code = CASE WHEN n = 1 THEN 'sem_whatsapp' ELSE 'bloqueado' END
            FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @campaign) x
            WHERE fila_mensagens.id = x.id
            """, new { campaign });
        var fedBefore = await FedAsync(campaign);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);

        Assert.Equal(2, await FedBesidesAsync(campaign, fedBefore));
        await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
    }

    /// <summary>
    /// A message fed on an earlier day that has not gone out yet — fed at 19:50, the hour's limit and the end of business
    /// hours held it overnight — goes out today, so it takes a place in today's allowance. Before, only messages created
    /// today counted: a campaign of 30 a day started in the evening sent its 27 left-overs and 30 more the next morning.
    /// </summary>
    [Fact]
    public async Task AMessageCarriedOverFromAnEarlierDayUsesTodaysAllowance()
    {
        await f.ExecuteAsync("""
            INSERT INTO medicos (telefone, primeiro_nome, origem, tags, primeiro_contato_em)
            SELECT '55119666003' || lpad(g::text, 2, '0'), 'Virada', 'import', '["virada_teste"]', now() - interval '30 days' FROM generate_series(1, 5) g
            """);
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Virada do dia", tipo = "oferta_plantao", mensagem_template = "Oi {nome}, tenho plantões.", filtros = new { tags = new[] { "virada_teste" } }, max_por_dia = 2,
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        Assert.Equal(5, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @id", new { id }));
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);
        var campaign = id.ToString();
        // Fed yesterday evening (São Paulo), one sent since midnight, the other still waiting.
        await f.ExecuteAsync("""
            UPDATE fila_mensagens SET created_at = (date_trunc('day', now() AT TIME ZONE 'America/Sao_Paulo') - interval '10 minutes') AT TIME ZONE 'America/Sao_Paulo',
                   status = CASE WHEN n = 1 THEN 'enviada' ELSE status END, enviada_em = CASE WHEN n = 1 THEN now() END
            FROM (SELECT id, row_number() OVER (ORDER BY id) n FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @campaign) x
            WHERE fila_mensagens.id = x.id
            """, new { campaign });

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);

        Assert.Equal(2, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @campaign", new { campaign }));
        // Yesterday's messages that went out yesterday are yesterday's: today has its whole allowance again.
        await f.ExecuteAsync("""
            UPDATE fila_mensagens SET status = 'enviada', enviada_em = created_at WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @campaign
            """, new { campaign });
        var fedBefore = await FedAsync(campaign);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);
        Assert.Equal(2, await FedBesidesAsync(campaign, fedBefore));
        await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
    }

    [Fact]
    public async Task TheFeederLeavesOutWhoChangedSinceTheStartAndFillsTheDayWithTheNext()
    {
        var phones = new[] { "5511966600001", "5511966600002", "5511966600003", "5511966600004", "5511966600005", "5511966600006" };
        var ids = await f.QueryAsync<Guid>("""
            INSERT INTO medicos (telefone, primeiro_nome, origem, tags, primeiro_contato_em)
            SELECT t, 'Médico', 'import', '["feed_exclusao"]', now() - interval '30 days' FROM unnest(@phones) WITH ORDINALITY AS p (t, n) ORDER BY n
            RETURNING id
            """, new { phones });
        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões.", new { tags = new[] { "feed_exclusao" } }, max: 2));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        Assert.Equal(6, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @id", new { id }));
        // After the start, four of them change; the send rows were made in phone order, so they come first.
        await f.ExecuteAsync("""
            INSERT INTO conversations (medico_id, last_inbound_at) VALUES (@a, now() - interval '1 day');
            INSERT INTO conversations (medico_id, controlled_by) VALUES (@b, 'human');
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, agendar_para) VALUES (@c, 'followup', 'oi de novo', 4, now() + interval '1 day');
            UPDATE medicos SET pressure_score = 90 WHERE id = @d;
            UPDATE envios_campanha s SET created_at = now() - make_interval(mins => 10 - array_position(@all, s.medico_id)) WHERE campanha_id = @id;
            """, new { a = ids[0], b = ids[1], c = ids[2], d = ids[3], all = ids.ToArray(), id });

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);

        var rows = (await f.QueryAsync<(Guid Medico, string Status, string? Motivo)>(
            "SELECT medico_id, status, motivo FROM envios_campanha WHERE campanha_id = @id", new { id })).ToDictionary(r => r.Medico);
        Assert.Equal(("cancelado", "conversa_recente"), (rows[ids[0]].Status, rows[ids[0]].Motivo));
        Assert.Equal(("cancelado", "controle_humano"), (rows[ids[1]].Status, rows[ids[1]].Motivo));
        Assert.Equal(("cancelado", "envio_pendente"), (rows[ids[2]].Status, rows[ids[2]].Motivo));
        Assert.Equal(("cancelado", "pressao"), (rows[ids[3]].Status, rows[ids[3]].Motivo));
        Assert.All([ids[4], ids[5]], d => Assert.Contains(rows[d].Status, new[] { "enfileirado", "enviado" }));   // the day's 2, filled
        Assert.Equal(2, await f.ScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @id", new { id = id.ToString() }));
        await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
    }

    /// <summary>
    /// A campaign's opening to a doctor whose conversation was paused after the last follow-up makes it active again, so
    /// the follow-ups of this opening apply (it stayed paused and got none).
    /// </summary>
    /// <summary>
    /// A doctor a person of ours dealt with in the last 7 days is left out (`handoff_recente`) even when his last message
    /// is older — a handoff run by phone for two weeks, resolved yesterday: an opening from Júlia the next minute read as
    /// if no one had spoken to him (a time journey, 2026-12-05). One resolved 8 days ago, or never handed off, is in.
    /// </summary>
    [Fact]
    public async Task ADoctorAPersonDealtWithInTheLastWeekIsLeftOutOfACampaign()
    {
        var phones = new[] { "5511966600021", "5511966600022", "5511966600023" };
        var ids = await f.QueryAsync<Guid>("""
            INSERT INTO medicos (telefone, primeiro_nome, origem, tags, primeiro_contato_em)
            SELECT t, 'Médico', 'import', '["handoff_recente"]', now() - interval '60 days' FROM unnest(@phones) WITH ORDINALITY AS p (t, n) ORDER BY n
            RETURNING id
            """, new { phones });
        await f.ExecuteAsync("""
            WITH c AS (
                INSERT INTO conversations (medico_id, status, last_inbound_at) VALUES (@yesterday, 'completed', now() - interval '20 days'),
                                                                                 (@lastWeek, 'completed', now() - interval '20 days')
                RETURNING id, medico_id)
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, status, from_controller, to_controller, resolvido_em, created_at)
            SELECT c.id, c.medico_id, 'pedido_humano', 'pedido de uma pessoa', 'resolvido', 'ai', 'human',
                   now() - CASE WHEN c.medico_id = @yesterday THEN interval '1 day' ELSE interval '8 days' END, now() - interval '19 days'
            FROM c
            """, new { yesterday = ids[0], lastWeek = ids[1] });
        var filtros = new { tags = new[] { "handoff_recente" } };

        var preview = JsonDocument.Parse(await (await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros })).Content.ReadAsStringAsync());
        Assert.Equal(2, preview.RootElement.GetProperty("total").GetInt32());

        // Started before the handoff was resolved, fed after: the feeder leaves him out with the reason.
        await f.ExecuteAsync("UPDATE handoffs SET resolvido_em = NULL, status = 'em_atendimento' WHERE medico_id = @yesterday", new { yesterday = ids[0] });
        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões.", filtros));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        Assert.Equal(3, await f.ScalarAsync<long>("SELECT count(*) FROM envios_campanha WHERE campanha_id = @id", new { id }));
        await f.ExecuteAsync("UPDATE handoffs SET resolvido_em = now() - interval '1 day', status = 'resolvido' WHERE medico_id = @yesterday", new { yesterday = ids[0] });

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);

        var rows = (await f.QueryAsync<(Guid Medico, string Status, string? Motivo)>(
            "SELECT medico_id, status, motivo FROM envios_campanha WHERE campanha_id = @id", new { id })).ToDictionary(r => r.Medico);
        Assert.Equal(("cancelado", "handoff_recente"), (rows[ids[0]].Status, rows[ids[0]].Motivo));
        Assert.All([ids[1], ids[2]], d => Assert.Contains(rows[d].Status, new[] { "enfileirado", "enviado" }));
        await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
    }

    [Fact]
    public async Task ACampaignOpeningReactivatesAConversationPausedAfterTheLastFollowUp()
    {
        var medico = await f.ScalarAsync<Guid>("INSERT INTO medicos (telefone, origem) VALUES ('5511966600011', 'import') RETURNING id");
        await f.ExecuteAsync("""
            INSERT INTO conversations (medico_id, status, stage, pausado_ate, last_message_at) VALUES (@medico, 'paused', 'nao_respondeu', now() + interval '40 days', now() - interval '20 days')
            """, new { medico });

        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões."));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();

        await f.ExecuteAsync(Julia.Conversations.ConversationStore.OpenedByCampaignSql("(SELECT @medico AS medico_id, @id::bigint AS campanha_id, NULL::timestamptz AS answer_basis)"), new { medico, id });

        var c = (await f.QueryAsync<(string Status, string Stage, DateTime? PausadoAte, DateTime LastMessage)>(
            "SELECT status, stage, pausado_ate, last_message_at FROM conversations WHERE medico_id = @medico", new { medico })).Single();
        Assert.Equal(("active", "msg_enviada", (DateTime?)null), (c.Status, c.Stage, c.PausadoAte));
        Assert.True(c.LastMessage > DateTime.UtcNow.AddMinutes(-5));
    }

    /// <summary>
    /// A campaign message whose send started and never came back (the process died mid-send) is recovered as `erro`
    /// resultado_desconhecido — an end like any other: its send row follows, so the campaign can finish (it stayed
    /// `ativa` forever: an outside audit, 2026-12-03).
    /// </summary>
    [Fact]
    public async Task AStuckCampaignSendRecoveredAsUnknownEndsItsSendRowAndTheCampaignFinishes()
    {
        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões."));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var doctor = (await f.QueryAsync<Guid>("SELECT id FROM medicos WHERE deleted_at IS NULL ORDER BY id DESC LIMIT 1")).Single();
        var envio = await f.ScalarAsync<Guid>("""
            WITH q AS (INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, processando_desde, envio_iniciado_em, metadata)
                       VALUES (@doctor, 'campanha', 'Oi, tenho plantões.', 'processando', now() - interval '10 minutes', now() - interval '10 minutes',
                               jsonb_build_object('campanha_id', @id::text)) RETURNING id),
                 c AS (UPDATE campanhas SET status = 'ativa', iniciada_em = now(), total_destinatarios = 1 WHERE id = @id)
            INSERT INTO envios_campanha (campanha_id, medico_id, status, fila_mensagem_id) SELECT @id, @doctor, 'enfileirado', q.id FROM q RETURNING id
            """, new { doctor, id });

        var (_, unknown) = await f.App.Services.GetRequiredService<QueueRecovery>().RunOnceAsync(default);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);

        Assert.True(unknown >= 1);
        Assert.Equal(("erro", "resultado_desconhecido"), (await f.QueryAsync<(string, string)>(
            "SELECT status, motivo FROM envios_campanha WHERE id = @envio", new { envio })).Single());
        Assert.Equal("concluida", await f.ScalarAsync<string>("SELECT status FROM campanhas WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task ACancelWhileAMessageIsClaimedEndsItAndTheDispatcherNeitherRevivesNorSendsIt()
    {
        // Two of the campaign's messages are claimed by a dispatcher when staff cancel it: one whose send has not started,
        // one whose send has. The cancel wins over the first: the dispatcher's postponement (outside business hours, a
        // limit) leaves it cancelled and its send-started mark finds nothing, so it never goes out. The second is left to
        // the dispatcher, which is sending it.
        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões."));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var doctors = await f.QueryAsync<Guid>("SELECT id FROM medicos WHERE deleted_at IS NULL ORDER BY id LIMIT 2");
        var rows = await f.QueryAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, processando_desde, envio_iniciado_em, metadata)
            VALUES (@claimed, 'campanha', 'Oi, tenho plantões.', 'processando', now(), NULL, jsonb_build_object('campanha_id', @id)),
                   (@sending, 'campanha', 'Oi, tenho plantões.', 'processando', now(), now(), jsonb_build_object('campanha_id', @id))
            RETURNING id
            """, new { claimed = doctors[0], sending = doctors[1], id });
        await f.ExecuteAsync("""
            INSERT INTO envios_campanha (campanha_id, medico_id, status, fila_mensagem_id)
            VALUES (@id, @claimed, 'enfileirado', @claimedRow), (@id, @sending, 'enfileirado', @sendingRow)
            """, new { id, claimed = doctors[0], sending = doctors[1], claimedRow = rows[0], sendingRow = rows[1] });

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/cancelar", null)).StatusCode);
        var store = f.App.Services.GetRequiredService<DispatchStore>();
        await store.PostponeAsync(rows[0], DateTimeOffset.UtcNow.AddHours(10), "fora_do_horario", default);
        Assert.False(await store.MarkSendStartedAsync(rows[0], default));
        var asClaimed = new ClaimedMessage(rows[0], doctors[0], null, QueueKinds.Campaign, "Oi, tenho plantões.", 0, 3, DateTime.UtcNow,
            null, 0, false, false, null);
        Assert.False(await store.FinishAsync(new EndedMessage(asClaimed, "bloqueada", "opt_out"), null, default));

        var after = await f.QueryAsync<(Guid Id, string Status, string? Reason, bool Started)>("""
            SELECT id, status, outcome_reason_code, envio_iniciado_em IS NOT NULL FROM fila_mensagens WHERE id = ANY(@rows)
            """, new { rows = rows.ToArray() });
        var claimedRow = after.Single(r => r.Id == rows[0]);
        Assert.Equal(("cancelada", "campanha_cancelada", false), (claimedRow.Status, claimedRow.Reason, claimedRow.Started));
        Assert.Equal("processando", after.Single(r => r.Id == rows[1]).Status);
        // Each send row follows its message: the one going out stays `enfileirado` (then `enviado` or the send's end),
        // not `cancelado` for a message the doctor gets.
        var sends = (await f.QueryAsync<(Guid Row, string Status, string? Motivo)>(
            "SELECT fila_mensagem_id, status, motivo FROM envios_campanha WHERE campanha_id = @id", new { id })).ToDictionary(s => s.Row);
        Assert.Equal(("cancelado", "campanha_cancelada"), (sends[rows[0]].Status, sends[rows[0]].Motivo));
        Assert.Equal(("enfileirado", null), (sends[rows[1]].Status, sends[rows[1]].Motivo));
        await f.ExecuteAsync("DELETE FROM envios_campanha WHERE campanha_id = @id; DELETE FROM fila_mensagens WHERE id = ANY(@rows)", new { id, rows = rows.ToArray() });
    }

    [Fact]
    public async Task AnOptOutLeavesTheSendRowOfACampaignMessageAlreadyGoingOutToThatSend()
    {
        // docs/decisions.md#proactive: the opt-out cancels his campaign sends still waiting; a message whose send started
        // cannot be stopped, so its envios_campanha row stays `enfileirado` and follows the send (`enviado`, or its end).
        var created = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi {nome}, tenho plantões."));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var doctor = (await f.QueryAsync<Guid>("SELECT id FROM medicos WHERE deleted_at IS NULL AND NOT opted_out ORDER BY id DESC LIMIT 1")).Single();
        var second = await f.Client.PostAsJsonAsync("/campanhas", Body("Oi de novo, {nome}."));
        var other = JsonDocument.Parse(await second.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var rows = await f.QueryAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, processando_desde, envio_iniciado_em, agendar_para, metadata)
            VALUES (@doctor, 'campanha', 'Oi, tenho plantões.', 'processando', now(), now(), now(), jsonb_build_object('campanha_id', @id)),
                   (@doctor, 'campanha', 'Oi de novo.', 'pendente', NULL, NULL, now() + interval '1 day', jsonb_build_object('campanha_id', @other))
            RETURNING id
            """, new { doctor, id, other });
        await f.ExecuteAsync("""
            INSERT INTO envios_campanha (campanha_id, medico_id, status, fila_mensagem_id)
            VALUES (@id, @doctor, 'enfileirado', @going), (@other, @doctor, 'enfileirado', @waiting)
            """, new { id, other, doctor, going = rows[0], waiting = rows[1] });

        await using (var c = await f.App.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().OpenConnectionAsync())
        await using (var tx = await c.BeginTransactionAsync())
        {
            await f.App.Services.GetRequiredService<Julia.Doctors.DoctorStore>().OptOutAsync(tx, doctor, "teste", default);
            await tx.CommitAsync();
        }

        var sends = (await f.QueryAsync<(Guid Row, string Status, string? Motivo)>(
            "SELECT fila_mensagem_id, status, motivo FROM envios_campanha WHERE medico_id = @doctor AND fila_mensagem_id = ANY(@rows)",
            new { doctor, rows = rows.ToArray() })).ToDictionary(s => s.Row);
        Assert.Equal(("enfileirado", null), (sends[rows[0]].Status, sends[rows[0]].Motivo));
        Assert.Equal(("cancelado", "opt_out"), (sends[rows[1]].Status, sends[rows[1]].Motivo));
        await f.ExecuteAsync("""
            DELETE FROM envios_campanha WHERE medico_id = @doctor AND fila_mensagem_id = ANY(@rows);
            DELETE FROM fila_mensagens WHERE id = ANY(@rows);
            UPDATE medicos SET opted_out = false, opted_out_at = NULL, opted_out_reason = NULL, stage_jornada = 'novo' WHERE id = @doctor
            """, new { doctor, rows = rows.ToArray() });
    }

    /// <summary>The campaign's queue rows now.</summary>
    async Task<Guid[]> FedAsync(string campaign) => [.. await f.QueryAsync<Guid>(
        "SELECT id FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @campaign", new { campaign })];

    /// <summary>
    /// Queue rows the feeder made for the campaign besides <paramref name="before"/>, whatever became of them: the
    /// fixture's dispatcher may already have claimed or sent one (in business hours), so counting `pendente` alone failed
    /// a full run.
    /// </summary>
    Task<long> FedBesidesAsync(string campaign, Guid[] before) => f.ScalarAsync<long>(
        "SELECT count(*) FROM fila_mensagens WHERE tipo = 'campanha' AND metadata->>'campanha_id' = @campaign AND NOT (id = ANY(@before))",
        new { campaign, before });

    /// <summary>
    /// A body without `filtros` (or `{}`) goes to the whole eligible base — kept, callers rely on it — and the creation's
    /// answer says so with the estimated audience, before anyone calls `iniciar` (docs/decisions.md#proactive, "Who a
    /// campaign reaches"); a filtered one gives its own estimate and no warning.
    /// </summary>
    [Fact]
    public async Task ACreationSaysWhoTheCampaignWouldReachAndWarnsWhenItIsTheWholeBase()
    {
        async Task<long> PreviewAsync(object filtros)
        {
            var r = await f.Client.PostAsJsonAsync("/campanhas/segmento/preview", new { filtros });
            Assert.Equal(HttpStatusCode.OK, r.StatusCode);
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement.GetProperty("total").GetInt64();
        }
        async Task<JsonElement> CreateAsync(object body)
        {
            var r = await f.Client.PostAsJsonAsync("/campanhas", body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;
        }
        var everyone = await PreviewAsync(new { });
        var pediatrics = await PreviewAsync(new { especialidades = new[] { "pediatria" } });
        Assert.True(everyone > pediatrics && pediatrics > 0, $"{everyone} / {pediatrics}");

        foreach (var whole in new[] { await CreateAsync(Body("Oi {nome}")), await CreateAsync(Body("Oi {nome}", new { })),
                                      await CreateAsync(Body("Oi {nome}", new { pressure_score_max = 70 })) })
        {
            Assert.Equal(everyone, whole.GetProperty("destinatarios_estimados").GetInt64());
            Assert.Contains("toda a base", whole.GetProperty("aviso").GetString());
            Assert.Equal("rascunho", whole.GetProperty("status").GetString());
        }
        var narrowed = await CreateAsync(Body("Oi {nome}", new { especialidades = new[] { "pediatria" } }));
        Assert.Equal(pediatrics, narrowed.GetProperty("destinatarios_estimados").GetInt64());
        Assert.False(narrowed.TryGetProperty("aviso", out _));
    }
}


/// <summary>One first contact a day (MAX_PRIMEIROS_CONTATOS_DIA=1), so that the cap is reached inside one feeding.</summary>
public sealed class OneFirstContactFixture : PipelineFixture
{
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["MAX_PRIMEIROS_CONTATOS_DIA"] = "1" };
}

public sealed class FirstContactCapTests(OneFirstContactFixture f) : IClassFixture<OneFirstContactFixture>
{
    /// <summary>
    /// Past the day's first contacts, the feeder goes on to doctors already contacted behind them (a SPEC audit,
    /// 2026-12-03: a page that skipped first contacts and excluded nobody ended the feeding, and the known doctor behind
    /// them waited for another day).
    /// </summary>
    [Fact]
    public async Task PastTheDaysFirstContactsTheFeederGoesOnToDoctorsAlreadyContacted()
    {
        await f.ExecuteAsync("""
            INSERT INTO medicos (telefone, primeiro_nome, origem, tags, primeiro_contato_em)
            VALUES ('5511966600201', 'Novo', 'import', '["cap_teste"]', NULL), ('5511966600202', 'Novo', 'import', '["cap_teste"]', NULL),
                   ('5511966600203', 'Conhecido', 'import', '["cap_teste"]', now() - interval '30 days')
            """);
        var created = await f.Client.PostAsJsonAsync("/campanhas", new
        {
            nome = "Cap", tipo = "oferta_plantao", mensagem_template = "Oi {nome}, tenho plantões.", filtros = new { tags = new[] { "cap_teste" } }, max_por_dia = 2,
        });
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync($"/campanhas/{id}/iniciar", null)).StatusCode);
        // The known doctor's send is the newest: the two first contacts fill the first page.
        await f.ExecuteAsync("""
            UPDATE envios_campanha s SET created_at = now() + interval '1 second' FROM medicos m
            WHERE s.medico_id = m.id AND s.campanha_id = @id AND m.telefone = '5511966600203'
            """, new { id });

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync("/jobs/campanhas", null)).StatusCode);

        var queued = await f.QueryAsync<string>("""
            SELECT m.telefone FROM envios_campanha s JOIN medicos m ON m.id = s.medico_id
            WHERE s.campanha_id = @id AND s.status = 'enfileirado' ORDER BY m.telefone
            """, new { id });
        Assert.Equal(2, queued.Count);
        Assert.Contains("5511966600203", queued);
        await f.Client.PostAsync($"/campanhas/{id}/cancelar", null);
    }
}
