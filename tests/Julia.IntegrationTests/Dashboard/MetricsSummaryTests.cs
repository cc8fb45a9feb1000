using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;

namespace Julia.IntegrationTests.Dashboard;

/// <summary>
/// A small known week of rows, placed on São Paulo days relative to today (D-7 … D-1) through the test-only SQL
/// function sp(days_ago, time): outside the 7-day window by one second, on its first instant, and late in the evening
/// (already the next day in UTC). Slack is off and LLM_PRECOS prices sonnet-4-5 apart from the sonnet family.
/// </summary>
public sealed class MetricsSummaryFixture : PipelineFixture
{
    public const string Token = "tok-painel";
    protected override Dictionary<string, string?> Settings => new()
    {
        // Júlia's sessions in a zone far from São Paulo and from UTC: her days must not depend on the server's zone.
        ["DATABASE_URL"] = Database.Url + ";Timezone=Pacific/Kiritimati",
        ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token,
        ["LLM_PRECOS"] = "claude-haiku=1/5; claude-sonnet=3/15; claude-sonnet-4-5=4/20",
    };

    public static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    public static string DaysAgo(int days) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo).DateTime).AddDays(-days).ToString("yyyy-MM-dd");

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(KnownWeek);
    }

    const string KnownWeek = """
        CREATE FUNCTION sp(d int, t time) RETURNS timestamptz LANGUAGE sql STABLE AS
            $$ SELECT (((now() AT TIME ZONE 'America/Sao_Paulo')::date - d) + t) AT TIME ZONE 'America/Sao_Paulo' $$;

        INSERT INTO medicos (id, telefone, primeiro_nome, origem, opted_out, opted_out_at) VALUES
            ('d1000000-0000-4000-8000-000000000001', '5511988880001', 'Ana', 'import', false, NULL),
            ('d1000000-0000-4000-8000-000000000002', '5511988880002', 'Bia', 'import', true, sp(1, '21:00')),
            ('d1000000-0000-4000-8000-000000000003', '5511988880003', 'Caio', 'import', false, NULL),
            ('d1000000-0000-4000-8000-000000000004', '5511988880004', 'Duda', 'import', true, sp(7, '22:00'));

        INSERT INTO conversations (id, medico_id, status, created_at) VALUES
            ('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'active', sp(2, '10:00')),
            ('c1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000002', 'completed', sp(1, '09:00')),
            ('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000003', 'active', sp(6, '00:00')),
            ('c1000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000004', 'completed', sp(7, '23:59:59'));

        INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, provider_message_id, llm, created_at, processado_em)
        SELECT ('d1000000-0000-4000-8000-00000000000' || v.m)::uuid, ('c1000000-0000-4000-8000-00000000000' || v.m)::uuid,
               v.direcao, v.autor, v.origem, 'texto', CASE WHEN v.direcao = 'entrada' THEN 'IN-' || v.n END, v.llm::jsonb, sp(v.dias, v.hora),
               -- Consumed, as history is: the turn runner's sweeper would otherwise answer them during the test.
               CASE WHEN v.direcao = 'entrada' THEN sp(v.dias, v.hora) END
        FROM (VALUES
            -- Ana: campaign, two messages, a reply in two chunks (one turn's accounting), and a message late on D-2.
            (1, 1, 'saida',   'julia',  'fila:campanha', NULL, 2, time '10:00'),
            (2, 1, 'entrada', 'medico', 'whatsapp',      NULL, 2, '10:05'),
            (3, 1, 'entrada', 'medico', 'whatsapp',      NULL, 2, '10:05:30'),
            (4, 1, 'saida',   'julia',  'fila:resposta', '{"modelo": "claude-haiku-4-5", "tokens_entrada": 1000, "tokens_saida": 100, "latencia_llm_ms": 500}', 2, '10:06'),
            (5, 1, 'saida',   'julia',  'fila:resposta', '{"modelo": "claude-haiku-4-5", "tokens_entrada": 1000, "tokens_saida": 100, "latencia_llm_ms": 500}', 2, '10:06:02'),
            (6, 1, 'entrada', 'medico', 'whatsapp',      NULL, 2, '22:30'),
            -- Bia: a second follow-up naming a shift (its offer, no model behind it), which she never answers.
            (7, 2, 'saida',   'julia',  'fila:followup', '{"vagas_oferecidas": ["f2000000-0000-4000-8000-000000000009"]}', 1, '09:00'),
            -- Caio: a message at the window's first instant answered in 10 s; another answered by staff, then by Júlia 180 s after it.
            (8, 3, 'entrada', 'medico', 'whatsapp',      NULL, 6, '00:00'),
            (9, 3, 'saida',   'julia',  'fila:resposta', '{"modelo": "claude-sonnet-4-5", "tokens_entrada": 2000, "tokens_saida": 200, "latencia_llm_ms": 900}', 6, '00:00:10'),
            (10, 3, 'entrada', 'medico', 'whatsapp',     NULL, 6, '00:01'),
            (11, 3, 'saida',  'humano', 'chatwoot',      NULL, 6, '00:02'),
            (12, 3, 'saida',  'julia',  'fila:resposta', '{"modelo": "claude-sonnet-4-5", "tokens_entrada": 1500, "tokens_saida": 150, "latencia_llm_ms": 700}', 6, '00:04'),
            -- Duda: a call-back and her message one second before the window, answered (by an unpriced model) inside it after 21 s.
            (13, 4, 'saida',  'julia',  'fila:lembrete_solicitado', NULL, 7, '23:00'),
            (14, 4, 'entrada', 'medico', 'whatsapp',     NULL, 7, '23:59:59'),
            (15, 4, 'saida',  'julia',  'fila:resposta', '{"modelo": "modelo-sem-preco", "tokens_entrada": 10, "tokens_saida": 5, "latencia_llm_ms": 100}', 6, '00:00:20')
        ) AS v (n, m, direcao, autor, origem, llm, dias, hora);

        INSERT INTO handoffs (conversa_id, medico_id, trigger_type, status, created_at) VALUES
            ('c1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'pedido_humano', 'pendente', sp(2, '10:07')),
            ('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000003', 'juridico', 'resolvido', sp(6, '00:03')),
            ('c1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000003', 'pedido_humano', 'resolvido', sp(1, '12:00')),
            ('c1000000-0000-4000-8000-000000000004', 'd1000000-0000-4000-8000-000000000004', 'sentimento_negativo', 'resolvido', sp(7, '23:00'));

        INSERT INTO especialidades (id, nome) VALUES ('e1000000-0000-4000-8000-000000000001', 'clinica_teste');
        INSERT INTO hospitais (id, nome, cidade) VALUES ('b1000000-0000-4000-8000-000000000001', 'Hospital Teste', 'Santo André');
        INSERT INTO vagas (id, hospital_id, especialidade_id, data)
        SELECT ('f1000000-0000-4000-8000-00000000000' || n)::uuid, 'b1000000-0000-4000-8000-000000000001', 'e1000000-0000-4000-8000-000000000001', current_date + 10
        FROM generate_series(1, 3) AS n;
        INSERT INTO reservas_vaga (vaga_id, medico_id, status, created_at) VALUES
            ('f1000000-0000-4000-8000-000000000001', 'd1000000-0000-4000-8000-000000000001', 'ativa', sp(1, '15:00')),
            ('f1000000-0000-4000-8000-000000000002', 'd1000000-0000-4000-8000-000000000003', 'cancelada', sp(6, '00:00')),
            ('f1000000-0000-4000-8000-000000000003', 'd1000000-0000-4000-8000-000000000004', 'expirada', sp(7, '12:00'));

        -- The due pending row is the second chunk of a batch whose first is still 'processando' (with no lease time):
        -- the running dispatcher never claims it, so the counts hold while the tests run.
        INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, agendar_para, lote_id, sequencia, created_at) VALUES
            ('d1000000-0000-4000-8000-000000000003', 'resposta', 'x', 'processando', now(), 'aa000000-0000-4000-8000-000000000001', 1, now()),
            ('d1000000-0000-4000-8000-000000000003', 'resposta', 'x', 'pendente', now() - interval '2 minutes', 'aa000000-0000-4000-8000-000000000001', 2, now() - interval '3 minutes'),
            ('d1000000-0000-4000-8000-000000000001', 'followup', 'x', 'pendente', now() + interval '1 hour', NULL, NULL, now()),
            ('d1000000-0000-4000-8000-000000000003', 'resposta', 'x', 'erro', now(), NULL, NULL, now() - interval '2 hours'),
            ('d1000000-0000-4000-8000-000000000003', 'resposta', 'x', 'erro', now(), NULL, NULL, now() - interval '30 hours');

        INSERT INTO alertas_enviados (tipo, severidade, mensagem, created_at) VALUES
            ('fila_congestionada', 'warning', 'Fila com 250 mensagens vencidas', now() - interval '1 hour'),
            ('whatsapp_desconectado', 'critical', 'antigo', now() - interval '25 hours');
        """;
}

/// <summary>GET /metricas/resumo on <see cref="MetricsSummaryFixture"/>'s known rows: every key's number, São Paulo day boundaries, validation, auth.</summary>
public sealed class MetricsSummaryTests(MetricsSummaryFixture f) : IClassFixture<MetricsSummaryFixture>
{
    async Task<HttpResponseMessage> GetAsync(string query, string? token = MetricsSummaryFixture.Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/metricas/resumo" + query);
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await f.Client.SendAsync(request);
    }

    async Task<JsonObject> SummaryAsync(string query = "")
    {
        using var response = await GetAsync(query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    static long L(JsonNode? n) => n!.GetValue<long>();
    static double? D(JsonNode? n) => n?.GetValue<double>();

    [Fact]
    public async Task TheSevenDayWindowCountsEachKeyOnSaoPauloDays()
    {
        var s = await SummaryAsync();

        string[] specKeys = ["conversas_total", "conversas_ativas", "mensagens_recebidas", "mensagens_enviadas", "handoffs_total", "handoffs_por_tipo",
            "plantoes_reservados", "opt_outs", "taxa_handoff", "taxa_resposta", "por_dia"];
        Assert.All(specKeys, k => Assert.True(s.ContainsKey(k), k));
        Assert.Equal(4, L(s["conversas_total"]));           // Ana, Bia, Caio, and Duda's reply inside the window
        Assert.Equal(3, L(s["conversas_novas"]));           // Duda's conversation began one second too early
        Assert.Equal(2, L(s["conversas_ativas"]));          // status 'active' now, whatever the window
        Assert.Equal(5, L(s["mensagens_recebidas"]));
        Assert.Equal(8, L(s["mensagens_enviadas"]));
        Assert.Equal(3, L(s["handoffs_total"]));
        Assert.Equal(2, L(s["handoffs_por_tipo"]!["pedido_humano"]));
        Assert.Equal(1, L(s["handoffs_por_tipo"]!["juridico"]));
        Assert.False(s["handoffs_por_tipo"]!.AsObject().ContainsKey("sentimento_negativo"));
        Assert.Equal(2, L(s["plantoes_reservados"]));
        Assert.Equal(1, L(s["opt_outs"]));
        Assert.Equal(0.75, D(s["taxa_handoff"]));           // 3 handoffs / 4 conversations
        Assert.Equal(0.5, D(s["taxa_resposta"]));           // Ana answered her campaign, Bia not; Duda's call-back was before the window
        Assert.Equal(2, L(s["medicos_contatados_proativamente"]));

        // Replies waited 10 s, 21 s, 60 s (from Ana's first message of the burst) and 180 s: p50 40.5 s, p95 162 s.
        Assert.Equal(4, L(s["tempo_resposta"]!["amostras"]));
        Assert.Equal(40_500, L(s["tempo_resposta"]!["p50_ms"]));
        Assert.Equal(162_000, L(s["tempo_resposta"]!["p95_ms"]));

        var fila = s["fila"]!;
        Assert.Equal((2L, 1L, 1L), (L(fila["pendente"]), L(fila["processando"]), L(fila["erro_24h"])));
        Assert.InRange(L(fila["idade_mais_antiga_s"]), 115, 300);

        var alert = Assert.Single(s["alertas_24h"]!.AsArray())!;
        Assert.Equal(("fila_congestionada", "warning", "Fila com 250 mensagens vencidas"),
            (alert["tipo"]!.GetValue<string>(), alert["severidade"]!.GetValue<string>(), alert["mensagem"]!.GetValue<string>()));
        Assert.True(DateTimeOffset.UtcNow - alert["created_at"]!.GetValue<DateTimeOffset>() < TimeSpan.FromHours(2));

        var models = s["tokens_por_modelo"]!.AsArray().Select(m => (m!["modelo"]!.GetValue<string>(), L(m["tokens_entrada"]), L(m["tokens_saida"]),
            m["custo_estimado_usd"]?.GetValue<decimal>())).ToList();
        Assert.Equal([
            ("claude-haiku-4-5", 1000L, 100L, (decimal?)0.0015m),     // the two chunks of one turn count once; haiku 1/5
            ("claude-sonnet-4-5", 3500L, 350L, 0.021m),              // the longer entry sonnet-4-5 = 4/20 wins over sonnet = 3/15
            ("modelo-sem-preco", 10L, 5L, null),                     // Bia's follow-up offer is no turn: no "(desconhecido)"
        ], models);

        var periodo = s["periodo"]!;
        Assert.Equal((MetricsSummaryFixture.DaysAgo(6), MetricsSummaryFixture.DaysAgo(0), 7L),
            (periodo["de"]!.GetValue<string>(), periodo["ate"]!.GetValue<string>(), L(periodo["dias"])));
    }

    [Fact]
    public async Task PerDayPutsEachRowOnItsSaoPauloDay()
    {
        var s = await SummaryAsync("?dias=7");
        var days = s["por_dia"]!.AsArray().Select(d => d!.AsObject()).ToList();

        Assert.Equal(Enumerable.Range(0, 7).Select(i => MetricsSummaryFixture.DaysAgo(6 - i)), days.Select(d => d["data"]!.GetValue<string>()));
        var byDay = days.ToDictionary(d => d["data"]!.GetValue<string>());
        var first = byDay[MetricsSummaryFixture.DaysAgo(6)];
        Assert.Equal((2L, 1L, 2L, 4L, 1L, 1L, 0L), (L(first["conversas"]), L(first["conversas_novas"]), L(first["mensagens_recebidas"]),
            L(first["mensagens_enviadas"]), L(first["handoffs"]), L(first["plantoes_reservados"]), L(first["opt_outs"])));
        Assert.Equal((3510L, 355L, 0.021m), (L(first["tokens_entrada"]), L(first["tokens_saida"]), first["custo_estimado_usd"]!.GetValue<decimal>()));
        // 22:30 on D-2 is already D-1 in UTC: it stays on D-2.
        var d2 = byDay[MetricsSummaryFixture.DaysAgo(2)];
        Assert.Equal((1L, 3L, 3L, 1L, 1000L, 0.0015m), (L(d2["conversas"]), L(d2["mensagens_recebidas"]), L(d2["mensagens_enviadas"]),
            L(d2["handoffs"]), L(d2["tokens_entrada"]), d2["custo_estimado_usd"]!.GetValue<decimal>()));
        var d1 = byDay[MetricsSummaryFixture.DaysAgo(1)];
        Assert.Equal((1L, 0L, 1L, 1L, 1L, 1L), (L(d1["conversas"]), L(d1["mensagens_recebidas"]), L(d1["mensagens_enviadas"]),
            L(d1["handoffs"]), L(d1["plantoes_reservados"]), L(d1["opt_outs"])));
        Assert.Equal(0m, byDay[MetricsSummaryFixture.DaysAgo(0)]["custo_estimado_usd"]!.GetValue<decimal>());
        Assert.Equal(s["mensagens_enviadas"]!.GetValue<long>(), days.Sum(d => L(d["mensagens_enviadas"])));
    }

    [Fact]
    public async Task LongerWindowsTakeTheEarlierDayAndEmptyOnesHaveNullRates()
    {
        var eight = await SummaryAsync("?dias=8");
        Assert.Equal(4, L(eight["conversas_novas"]));
        Assert.Equal(4, L(eight["handoffs_total"]));
        Assert.Equal(2, L(eight["opt_outs"]));
        Assert.Equal(3, L(eight["plantoes_reservados"]));
        Assert.Equal(0.6667, D(eight["taxa_resposta"]));   // Duda's call-back now counts, and she answered it: 2 of 3
        Assert.Equal(3, L(eight["medicos_contatados_proativamente"]));

        var today = await SummaryAsync("?dias=1");
        Assert.Single(today["por_dia"]!.AsArray());
        Assert.Equal(0, L(today["conversas_total"]));
        Assert.Null(today["taxa_handoff"]);
        Assert.Null(today["taxa_resposta"]);
        Assert.Null(today["tempo_resposta"]!["p50_ms"]);
        Assert.Equal(2, L(today["conversas_ativas"]));
        Assert.Equal(2, L(today["fila"]!["pendente"]));
        Assert.Empty(today["tokens_por_modelo"]!.AsArray());
    }

    [Theory]
    [InlineData("0")]
    [InlineData("91")]
    [InlineData("-1")]
    [InlineData("abc")]
    [InlineData("7.5")]
    [InlineData("")]
    public async Task DiasOutside1To90IsA400ProblemInPortuguese(string dias)
    {
        using var response = await GetAsync("?dias=" + Uri.EscapeDataString(dias));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Requisição inválida", problem["title"]!.GetValue<string>());
        var detail = problem["detail"]!.GetValue<string>();
        Assert.StartsWith("parâmetro dias: precisa ser um número inteiro de 1 a 90 (padrão 7", detail);
        // A number is echoed (as `limite`'s is); anything else is not.
        if (long.TryParse(dias, out var n)) Assert.EndsWith($"; recebido: {n})", detail);
        else Assert.EndsWith("(padrão 7)", detail);
    }

    [Fact]
    public async Task TheSummaryNeedsTheAdminToken()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("", token: "errado")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync("?dias=90")).StatusCode);
    }

    [Fact]
    public async Task TheDashboardPageAndItsChartLibraryAreServedFromJuliaHerself()
    {
        using var page = await f.Client.GetAsync("/static/dashboard.html");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("script-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.Contains("<script src=\"vendor/chartjs/chart.umd.min.js\"", html);
        using var chart = await f.Client.GetAsync("/static/vendor/chartjs/chart.umd.min.js");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.StartsWith("/*!\n * Chart.js v4", await chart.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync("/static/vendor/chartjs/LICENSE.md")).StatusCode);
    }

    [Fact]
    public async Task WithoutSlackTheDailyReportIsOnlyLogged()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/relatorio-diario");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", MetricsSummaryFixture.Token);
        using var response = await f.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["resultado"]!.GetValue<string>();
        Assert.Contains($"relatório de {MetricsSummaryFixture.DaysAgo(1)}: 1 conversa (1 nova)", result);
        Assert.Contains("Slack desligado", result);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes"));
    }
}
