using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;

namespace Julia.IntegrationTests.Dashboard;

/// <summary>
/// A known set of journeys for GET /metricas/funil, placed on São Paulo days through sp(days_ago, time): two campaigns,
/// two specialties, doctors stopping at each step, a reservation by staff with nothing recorded before it, signals that
/// came before the contact (not counted), and a contact on the first instant of the 30-day window whose campaign
/// message was one second before it.
/// </summary>
public sealed class OfferFunnelFixture : PipelineFixture
{
    public const string Token = "tok-funil";
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(Journeys);
    }

    const string Offer = """{"modelo": "claude-haiku-4-5", "tokens_entrada": 100, "tokens_saida": 10, "latencia_llm_ms": 5, "ferramentas": 0, "vagas_oferecidas": ["f2000000-0000-4000-8000-000000000009"]}""";
    const string NoOffer = """{"modelo": "claude-haiku-4-5", "tokens_entrada": 100, "tokens_saida": 10, "latencia_llm_ms": 5, "ferramentas": 0, "vagas_oferecidas": []}""";

    const string Journeys = $"""
        CREATE FUNCTION sp(d int, t time) RETURNS timestamptz LANGUAGE sql STABLE AS
            $$ SELECT (((now() AT TIME ZONE 'America/Sao_Paulo')::date - d) + t) AT TIME ZONE 'America/Sao_Paulo' $$;

        INSERT INTO especialidades (id, nome) VALUES
            ('e2000000-0000-4000-8000-000000000001', 'cardio_teste'), ('e2000000-0000-4000-8000-000000000002', 'clinica_teste');
        INSERT INTO campanhas (id, nome, tipo, mensagem_template, status) VALUES
            (101, 'Cardio ABC', 'oferta_plantao', 'Oi', 'ativa'), (102, 'Clínica Capital', 'primeiro_contato', 'Oi', 'concluida');

        -- M1..M10; M5 opted out 20 min after the campaign, M7 long ago (before his contact: not counted).
        INSERT INTO medicos (id, telefone, primeiro_nome, origem, especialidade_id, opted_out, opted_out_at)
        SELECT ('d2000000-0000-4000-8000-0000000000' || lpad(v.n::text, 2, '0'))::uuid, '55119888802' || lpad(v.n::text, 2, '0'), 'M' || v.n,
               'import', v.esp::uuid, v.opt IS NOT NULL, v.opt
        FROM (VALUES (1, 'e2000000-0000-4000-8000-000000000001', NULL::timestamptz), (2, 'e2000000-0000-4000-8000-000000000001', NULL),
                     (3, 'e2000000-0000-4000-8000-000000000002', NULL), (4, 'e2000000-0000-4000-8000-000000000002', NULL),
                     (5, 'e2000000-0000-4000-8000-000000000001', sp(5, '08:20')), (6, 'e2000000-0000-4000-8000-000000000002', NULL),
                     (7, 'e2000000-0000-4000-8000-000000000002', sp(40, '08:00')), (8, NULL, NULL),
                     (9, 'e2000000-0000-4000-8000-000000000001', NULL), (10, 'e2000000-0000-4000-8000-000000000001', NULL)) AS v (n, esp, opt);

        -- One conversation each; campaign 101 opened M1-M5 and M10, 102 opened M6-M7; M8's and M9's have none.
        INSERT INTO conversations (id, medico_id, status, campanha_id, created_at)
        SELECT ('c2000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid, ('d2000000-0000-4000-8000-0000000000' || lpad(n::text, 2, '0'))::uuid,
               'completed', CASE WHEN n IN (1, 2, 3, 4, 5, 10) THEN 101 WHEN n IN (6, 7) THEN 102 END, sp(45, '08:00')
        FROM generate_series(1, 10) AS n;

        INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, provider_message_id, llm, created_at, processado_em)
        SELECT ('d2000000-0000-4000-8000-0000000000' || lpad(v.m::text, 2, '0'))::uuid, ('c2000000-0000-4000-8000-0000000000' || lpad(v.m::text, 2, '0'))::uuid,
               CASE WHEN v.origem = 'whatsapp' THEN 'entrada' ELSE 'saida' END, CASE WHEN v.origem = 'whatsapp' THEN 'medico' ELSE 'julia' END,
               v.origem, 'texto', CASE WHEN v.origem = 'whatsapp' THEN 'IN-' || v.m || '-' || v.dias || '-' || v.hora END, v.llm::jsonb, sp(v.dias, v.hora),
               -- Consumed, as history is: the turn runner's sweeper would otherwise answer them during the test.
               CASE WHEN v.origem = 'whatsapp' THEN sp(v.dias, v.hora) END
        FROM (VALUES
            -- M1: answered in 600 s, offered 60 s later (two chunks), reserved 3 600 s later, confirmed; a follow-up later changes nothing.
            (1, 'fila:campanha', NULL, 10, time '09:00'), (1, 'whatsapp', NULL, 10, '09:10'),
            (1, 'fila:resposta', '{Offer}', 10, '09:11'), (1, 'fila:resposta', '{Offer}', 10, '09:11:02'), (1, 'fila:followup', NULL, 10, '20:00'),
            -- M2: 1 800 s, 120 s, 7 200 s, still held.
            (2, 'fila:campanha', NULL, 9, '09:00'), (2, 'whatsapp', NULL, 9, '09:30'), (2, 'fila:resposta', '{NoOffer}', 9, '09:31'),
            (2, 'fila:resposta', '{Offer}', 9, '09:32'),
            -- M3: 3 600 s, 300 s, no reservation.
            (3, 'fila:campanha', NULL, 8, '09:00'), (3, 'whatsapp', NULL, 8, '10:00'), (3, 'fila:resposta', '{Offer}', 8, '10:05'),
            -- M4: a message and an offer long before the campaign, then silence.
            (4, 'whatsapp', NULL, 12, '08:59'), (4, 'fila:resposta', '{Offer}', 12, '09:00'), (4, 'fila:campanha', NULL, 8, '12:00'),
            -- M5: answers "pare" after 1 200 s and opts out.
            (5, 'fila:campanha', NULL, 5, '08:00'), (5, 'whatsapp', NULL, 5, '08:20'),
            -- M6 (campaign 102): 300 s, 60 s, 1 800 s, confirmed 3 600 s later, then cancelled by staff.
            (6, 'fila:campanha', NULL, 4, '09:00'), (6, 'whatsapp', NULL, 4, '09:05'), (6, 'fila:resposta', '{Offer}', 4, '09:06'),
            -- M7: silence (a reply without any shift named does not count as an offer).
            (7, 'fila:campanha', NULL, 3, '09:00'), (7, 'fila:resposta', '{NoOffer}', 3, '09:30'),
            -- M8 (no campaign, no specialty): asked for a call-back before it; answers it after 60 s.
            (8, 'whatsapp', NULL, 2, '09:00'), (8, 'fila:lembrete_solicitado', NULL, 2, '10:00'), (8, 'whatsapp', NULL, 2, '10:01'),
            -- M9 (no campaign): a follow-up, never answered on WhatsApp; staff reserve and confirm a shift by phone (no time kept).
            (9, 'fila:followup', NULL, 1, '09:00'),
            -- M10: the campaign one second before the 30-day window, its follow-up on the window's first instant, answered 600 s later.
            (10, 'fila:campanha', NULL, 30, '23:59:59'), (10, 'fila:followup', NULL, 29, '00:00'), (10, 'whatsapp', NULL, 29, '00:10')
        ) AS v (m, origem, llm, dias, hora);

        INSERT INTO hospitais (id, nome, cidade) VALUES ('b2000000-0000-4000-8000-000000000001', 'Hospital Funil', 'Santo André');
        INSERT INTO vagas (id, hospital_id, especialidade_id, data)
        SELECT ('f2000000-0000-4000-8000-00000000000' || n)::uuid, 'b2000000-0000-4000-8000-000000000001', 'e2000000-0000-4000-8000-000000000001', current_date + 10
        FROM generate_series(1, 9) AS n;
        -- M1 confirmed 7 200 s after reserving; M6 confirmed after 3 600 s and cancelled later (still a confirmation);
        -- M9's was confirmed before confirmada_em existed (confirmed, time unknown).
        INSERT INTO reservas_vaga (vaga_id, medico_id, status, origem, created_at, confirmada_em) VALUES
            ('f2000000-0000-4000-8000-000000000001', 'd2000000-0000-4000-8000-000000000001', 'confirmada', 'julia', sp(10, '10:11'), sp(10, '12:11')),
            ('f2000000-0000-4000-8000-000000000002', 'd2000000-0000-4000-8000-000000000002', 'ativa', 'julia', sp(9, '11:32'), NULL),
            ('f2000000-0000-4000-8000-000000000003', 'd2000000-0000-4000-8000-000000000006', 'cancelada', 'julia', sp(4, '09:36'), sp(4, '10:36')),
            ('f2000000-0000-4000-8000-000000000004', 'd2000000-0000-4000-8000-000000000009', 'confirmada', 'humano', sp(1, '15:00'), NULL),
            ('f2000000-0000-4000-8000-000000000005', 'd2000000-0000-4000-8000-000000000004', 'expirada', 'julia', sp(12, '09:05'), NULL);
        """;
}

/// <summary>GET /metricas/funil on <see cref="OfferFunnelFixture"/>'s journeys: every count, conversion and median, the window's edges, validation, auth.</summary>
public sealed class OfferFunnelTests(OfferFunnelFixture f) : IClassFixture<OfferFunnelFixture>
{
    async Task<HttpResponseMessage> GetAsync(string path, string? token = OfferFunnelFixture.Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await f.Client.SendAsync(request);
    }

    async Task<JsonObject> FunnelAsync(string query = "")
    {
        using var response = await GetAsync("/metricas/funil" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    static long L(JsonNode? n) => n!.GetValue<long>();

    static readonly string[] Steps = ["contatados", "responderam", "vaga_oferecida", "reservaram", "confirmaram", "opt_out"];
    static readonly string[] Transitions = ["responderam", "vaga_oferecida", "reservaram", "confirmaram", "opt_out"];

    static long[] Counts(JsonNode g) => Steps.Select(s => L(g[s])).ToArray();
    static double?[] Conversions(JsonNode g) => Transitions.Select(s => g["conversao"]![s]?.GetValue<double>()).ToArray();
    static long?[] Medians(JsonNode g) => Transitions.Select(s => g["tempo_mediano_s"]![s]?.GetValue<long>()).ToArray();

    [Fact]
    public async Task TheWholeFunnelCountsEachDoctorOnceAtTheFurthestStepHeReached()
    {
        var funnel = await FunnelAsync();   // default: 30 days

        Assert.Equal(Steps, funnel["etapas"]!.AsArray().Select(s => s!.GetValue<string>()));
        var total = funnel["total"]!;
        // M9's staff reservation counts him as having answered and been offered: a later step implies the earlier ones.
        // M6's confirmation counts although staff cancelled the reservation afterwards, as his reservation does.
        Assert.Equal([10L, 8, 5, 4, 3, 1], Counts(total));
        Assert.Equal([0.8, 0.625, 0.8, 0.75, 0.1], Conversions(total));
        // contact→answer 60, 300, 600, 600, 1200, 1800, 3600; answer→offer 60, 60, 120, 300; offer→reservation 1800, 3600, 7200;
        // reservation→confirmation 3600, 7200 (M9's has no time).
        Assert.Equal([600L, 90, 3600, 5400, 1200], Medians(total));
        Assert.Equal((30L, "America/Sao_Paulo"), (L(funnel["periodo"]!["dias"]), funnel["periodo"]!["fuso"]!.GetValue<string>()));
    }

    [Fact]
    public async Task EachCampaignHasItsFunnelAndDoctorsReachedOutsideOneAreGroupedLast()
    {
        var campaigns = (await FunnelAsync("?dias=30"))["por_campanha"]!.AsArray().Select(c => c!).ToList();

        Assert.Equal([(long?)101, 102, null], campaigns.Select(c => c["campanha_id"]?.GetValue<long>()));
        Assert.Equal(["Cardio ABC", "Clínica Capital", "Sem campanha"], campaigns.Select(c => c["nome"]!.GetValue<string>()));

        Assert.Equal([6L, 5, 3, 2, 1, 1], Counts(campaigns[0]));
        Assert.Equal([0.8333, 0.6, 0.6667, 0.5, 0.1667], Conversions(campaigns[0]));
        Assert.Equal([1200L, 120, 5400, 7200, 1200], Medians(campaigns[0]));

        Assert.Equal([2L, 1, 1, 1, 1, 0], Counts(campaigns[1]));
        Assert.Equal([0.5, 1, 1, 1, 0], Conversions(campaigns[1]));
        Assert.Equal([300L, 60, 1800, 3600, null], Medians(campaigns[1]));

        Assert.Equal([2L, 2, 1, 1, 1, 0], Counts(campaigns[2]));
        Assert.Equal([1, 0.5, 1, 1, 0], Conversions(campaigns[2]));
        Assert.Equal([60L, null, null, null, null], Medians(campaigns[2]));
    }

    [Fact]
    public async Task EachSpecialtyHasItsFunnelWithNullConversionsWhereNobodyReachedTheStepBefore()
    {
        var specialties = (await FunnelAsync())["por_especialidade"]!.AsArray().Select(c => c!).ToList();

        Assert.Equal(["cardio_teste", "clinica_teste", "Sem especialidade"], specialties.Select(c => c["nome"]!.GetValue<string>()));
        Assert.Equal("e2000000-0000-4000-8000-000000000001", specialties[0]["especialidade_id"]!.GetValue<string>());
        Assert.Null(specialties[2]["especialidade_id"]);

        Assert.Equal([5L, 5, 3, 3, 2, 1], Counts(specialties[0]));
        Assert.Equal([1, 0.6, 1, 0.6667, 0.2], Conversions(specialties[0]));
        Assert.Equal([900L, 90, 5400, 7200, 1200], Medians(specialties[0]));

        Assert.Equal([4L, 2, 2, 1, 1, 0], Counts(specialties[1]));
        Assert.Equal([0.5, 1, 0.5, 1, 0], Conversions(specialties[1]));
        Assert.Equal([1950L, 180, 1800, 3600, null], Medians(specialties[1]));

        Assert.Equal([1L, 1, 0, 0, 0, 0], Counts(specialties[2]));
        Assert.Equal([1, 0, null, null, 0], Conversions(specialties[2]));
        Assert.Equal([60L, null, null, null, null], Medians(specialties[2]));
    }

    [Fact]
    public async Task TheWindowStartsAtSaoPauloMidnightAndAgreesWithTheSummary()
    {
        // dias=29 starts after M10's follow-up (the first instant of the 30-day window): he is not in it.
        var shorter = await FunnelAsync("?dias=29");
        Assert.Equal([9L, 7, 5, 4, 3, 1], Counts(shorter["total"]!));
        Assert.Equal(5, L(shorter["por_campanha"]![0]!["contatados"]));

        // dias=31 takes M10's campaign message, one second before the 30-day window, as his contact: 601 s to his answer,
        // now the middle of 60, 300, 600, 601, 1200, 1800, 3600.
        var longer = await FunnelAsync("?dias=31");
        Assert.Equal(10, L(longer["total"]!["contatados"]));
        Assert.Equal(601, L(longer["total"]!["tempo_mediano_s"]!["responderam"]));

        // Today nothing happened: zero counts, null rates, no groups.
        var today = await FunnelAsync("?dias=1");
        Assert.Equal([0L, 0, 0, 0, 0, 0], Counts(today["total"]!));
        Assert.All(Conversions(today["total"]!), Assert.Null);
        Assert.Empty(today["por_campanha"]!.AsArray());
        Assert.Empty(today["por_especialidade"]!.AsArray());

        // Contacted = the summary's doctors contacted proactively, for the same window.
        using var summary = await GetAsync("/metricas/resumo?dias=7");
        var resumo = JsonNode.Parse(await summary.Content.ReadAsStringAsync())!;
        var week = await FunnelAsync("?dias=7");
        Assert.Equal(L(resumo["medicos_contatados_proativamente"]), L(week["total"]!["contatados"]));
        Assert.Equal(5, L(week["total"]!["contatados"]));   // M5-M9
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("abc")]
    [InlineData("")]
    public async Task DiasOutside1To90IsA400ProblemInPortuguese(string dias)
    {
        using var response = await GetAsync("/metricas/funil?dias=" + Uri.EscapeDataString(dias));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Requisição inválida", problem["title"]!.GetValue<string>());
        Assert.StartsWith("parâmetro dias: precisa ser um número inteiro de 1 a 90 (padrão 30", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheFunnelNeedsTheAdminToken()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/metricas/funil", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/metricas/funil", token: "errado")).StatusCode);
    }
}
