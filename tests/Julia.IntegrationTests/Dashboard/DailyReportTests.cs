using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Dashboard;

/// <summary>Júlia with Slack on (a fake incoming webhook), notices polled fast, and a known yesterday (São Paulo).</summary>
public class DailyReportFixture : SlackPipelineFixture
{
    protected override Dictionary<string, string?> Settings => new()
    {
        // Júlia's sessions in a zone far from São Paulo and from UTC: her days must not depend on the server's zone.
        ["DATABASE_URL"] = Database.Url + ";Timezone=Pacific/Kiritimati",
        ["HUMANIZAR"] = "false", ["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl, ["Slack:TimeoutSeconds"] = "2",
        ["Notifications:PollMilliseconds"] = "50", ["Notifications:BaseBackoffSeconds"] = "1", ["Notifications:MaxBackoffSeconds"] = "1",
    };

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(KnownYesterday);
    }

    /// <summary>Runs the job as if it had not run today (the day's claim in execucoes_job removed first).</summary>
    public async Task<(HttpStatusCode Status, string Body)> RunReportAsync(bool forgetToday = true)
    {
        if (forgetToday) await ExecuteAsync("DELETE FROM execucoes_job WHERE nome = 'relatorio-diario'");
        using var response = await Client.PostAsync("/jobs/relatorio-diario", null);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public List<JsonObject> SlackMessagesTitled(string title) =>
        [.. Slack.Received.Where(m => m["text"]?.GetValue<string>().StartsWith(title, StringComparison.Ordinal) == true)];

    // Yesterday: 2 conversations with messages (1 new), 2 received / 3 sent, 1 proactive send, 1 handoff, 2 evaluations
    // (7 and 8), 1 reservation, 1 opt-out, 1 queue row ended in erro and 1 failed notice. Rows of the day before and of
    // today's first instant must not count.
    const string KnownYesterday = """
        CREATE FUNCTION sp(d int, t time) RETURNS timestamptz LANGUAGE sql STABLE AS
            $$ SELECT (((now() AT TIME ZONE 'America/Sao_Paulo')::date - d) + t) AT TIME ZONE 'America/Sao_Paulo' $$;

        INSERT INTO medicos (id, telefone, primeiro_nome, origem, opted_out, opted_out_at) VALUES
            ('d2000000-0000-4000-8000-000000000001', '5511988890001', 'Ana', 'import', false, NULL),
            ('d2000000-0000-4000-8000-000000000002', '5511988890002', 'Bia', 'import', false, NULL),
            ('d2000000-0000-4000-8000-000000000003', '5511988890003', 'Caio', 'import', true, sp(1, '18:00'));
        INSERT INTO conversations (id, medico_id, status, created_at) VALUES
            ('c2000000-0000-4000-8000-000000000001', 'd2000000-0000-4000-8000-000000000001', 'active', sp(2, '10:00')),
            ('c2000000-0000-4000-8000-000000000002', 'd2000000-0000-4000-8000-000000000002', 'active', sp(1, '10:00'));
        INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, provider_message_id, created_at, processado_em)
        SELECT ('d2000000-0000-4000-8000-00000000000' || v.m)::uuid, ('c2000000-0000-4000-8000-00000000000' || v.m)::uuid,
               v.direcao, v.autor, v.origem, 'texto', CASE WHEN v.direcao = 'entrada' THEN 'R-IN-' || v.n END, sp(v.dias, v.hora),
               -- Consumed, as history is: the turn runner's sweeper would otherwise answer them during the test.
               CASE WHEN v.direcao = 'entrada' THEN sp(v.dias, v.hora) END
        FROM (VALUES
            (1, 1, 'entrada', 'medico', 'whatsapp',      2, time '23:59:59'),
            (2, 1, 'entrada', 'medico', 'whatsapp',      1, '08:00'),
            (3, 1, 'saida',   'julia',  'fila:resposta', 1, '08:01'),
            (4, 2, 'saida',   'julia',  'fila:campanha', 1, '10:00'),
            (5, 2, 'entrada', 'medico', 'whatsapp',      1, '10:30'),
            (6, 2, 'saida',   'julia',  'fila:resposta', 1, '10:31'),
            (7, 1, 'entrada', 'medico', 'whatsapp',      0, '00:00')
        ) AS v (n, m, direcao, autor, origem, dias, hora);
        INSERT INTO handoffs (conversa_id, medico_id, trigger_type, status, created_at) VALUES
            ('c2000000-0000-4000-8000-000000000002', 'd2000000-0000-4000-8000-000000000002', 'juridico', 'pendente', sp(1, '11:00'));
        INSERT INTO avaliacoes_qualidade (conversa_id, naturalidade, persona, objetivo, satisfacao, score_geral, avaliador, created_at) VALUES
            ('c2000000-0000-4000-8000-000000000001', 7, 7, 7, 7, 7, 'auto', sp(1, '02:00')),
            ('c2000000-0000-4000-8000-000000000002', 8, 8, 8, 8, 8, 'gestor', sp(1, '15:00')),
            ('c2000000-0000-4000-8000-000000000002', 2, 2, 2, 2, 2, 'gestor', sp(2, '15:00'));
        INSERT INTO especialidades (id, nome) VALUES ('e2000000-0000-4000-8000-000000000001', 'clinica_relatorio');
        INSERT INTO hospitais (id, nome, cidade) VALUES ('b2000000-0000-4000-8000-000000000001', 'Hospital Relatório', 'Diadema');
        INSERT INTO vagas (id, hospital_id, especialidade_id, data) VALUES
            ('f2000000-0000-4000-8000-000000000001', 'b2000000-0000-4000-8000-000000000001', 'e2000000-0000-4000-8000-000000000001', current_date + 5);
        INSERT INTO reservas_vaga (vaga_id, medico_id, status, created_at) VALUES
            ('f2000000-0000-4000-8000-000000000001', 'd2000000-0000-4000-8000-000000000002', 'ativa', sp(1, '10:40'));
        INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, created_at) VALUES
            ('d2000000-0000-4000-8000-000000000001', 'resposta', 'x', 'erro', sp(1, '12:00')),
            ('d2000000-0000-4000-8000-000000000001', 'resposta', 'x', 'erro', sp(2, '12:00'));
        INSERT INTO notificacoes (canal, tipo, chave, status, created_at) VALUES
            ('slack', 'handoff_aberto', 'teste:falhou:1', 'falhou', sp(1, '11:00'));
        """;
}

/// <summary>
/// `relatorio-diario`: yesterday's São Paulo figures as one Slack notice (blocks with the numbers), once per day
/// however often the job runs, and an error report when the figures cannot be computed.
/// </summary>
public sealed class DailyReportTests(DailyReportFixture f) : IClassFixture<DailyReportFixture>
{
    static string Yesterday => MetricsSummaryFixture.DaysAgo(1);

    static string Text(JsonNode node) => string.Join("\n", node.AsObject().Select(p => p.Value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => Text(o),
        JsonArray a => string.Join("\n", a.Select(i => i is null ? "" : i is JsonValue iv && iv.TryGetValue<string>(out var t) ? t : Text(i))),
        _ => "",
    }));

    [Fact]
    public async Task YesterdaysFiguresGoToSlackOnceWhateverTheNumberOfRuns()
    {
        var (status, body) = await f.RunReportAsync();
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains($"relatório de {Yesterday}: 2 conversas (1 nova), 2 recebidas, 3 enviadas, 1 handoff, 2 erros; na fila do Slack", body);

        var message = await Eventually.MatchesAsync(() => Task.FromResult(f.SlackMessagesTitled("📊 Relatório diário").FirstOrDefault()), m => m is not null);
        var text = Text(message!);
        var shownDay = DateOnly.ParseExact(Yesterday, "yyyy-MM-dd").ToString("dd/MM/yyyy");
        Assert.Contains($"📊 Relatório diário — {shownDay}", text);
        Assert.Contains("*Conversas:*\n2 (1 nova)", text);
        Assert.Contains("*Mensagens:*\n2 recebidas / 3 enviadas", text);
        Assert.Contains("*Handoffs:*\n1 (50% das conversas)", text);
        Assert.Contains("*Qualidade:*\n7,5/10 em 2 avaliações", text);
        Assert.Contains("*Plantões reservados:*\n1", text);
        Assert.Contains("*Opt-outs:*\n1", text);
        Assert.Contains("*Envios proativos:*\n1", text);
        Assert.Contains("*Erros:*\n2 (fila 1, avisos 1)", text);
        Assert.Equal("#2196F3", message!["attachments"]![0]!["color"]!.GetValue<string>());

        var notice = Assert.Single(await f.QueryAsync<(string Chave, string Status, string Payload)>(
            "SELECT chave, status, payload::text FROM notificacoes WHERE tipo = 'relatorio_diario'"));
        Assert.Equal($"slack:relatorio_diario:{Yesterday}", notice.Chave);
        var payload = JsonNode.Parse(notice.Payload)!;
        Assert.Equal((2L, 1L, 0.5, 7.5), (payload["conversas_total"]!.GetValue<long>(), payload["handoffs_total"]!.GetValue<long>(),
            payload["taxa_handoff"]!.GetValue<double>(), payload["score_qualidade_medio"]!.GetValue<double>()));

        // The same day again: refused by the job runner, and even when forced the outbox key keeps it to one message.
        Assert.Equal(HttpStatusCode.Conflict, (await f.RunReportAsync(forgetToday: false)).Status);
        var (again, againBody) = await f.RunReportAsync();
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Contains("já enviado antes", againBody);
        await Task.Delay(500);
        Assert.Single(f.SlackMessagesTitled("📊 Relatório diário"));
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE tipo = 'relatorio_diario'"));
    }

    [Fact]
    public async Task WhenTheFiguresCannotBeComputedAnErrorReportGoesInstead()
    {
        await f.ExecuteAsync("ALTER TABLE avaliacoes_qualidade RENAME TO avaliacoes_qualidade_fora");
        try
        {
            var (status, body) = await f.RunReportAsync();
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains($"relatório de {Yesterday} falhou", body);
        }
        finally
        {
            await f.ExecuteAsync("ALTER TABLE avaliacoes_qualidade_fora RENAME TO avaliacoes_qualidade");
        }

        var message = await Eventually.MatchesAsync(() => Task.FromResult(f.SlackMessagesTitled("⚠️ Relatório diário").FirstOrDefault()), m => m is not null);
        var text = Text(message!);
        Assert.Contains("falhou", text);
        Assert.Contains("avaliacoes_qualidade", text);
        Assert.Equal("#F44336", message!["attachments"]![0]!["color"]!.GetValue<string>());
        Assert.Equal($"slack:relatorio_diario_erro:{Yesterday}",
            await f.ScalarAsync<string>("SELECT chave FROM notificacoes WHERE tipo = 'relatorio_diario_erro'"));
        Assert.Contains(f.App.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Error && l.Message.Contains("Relatório diário"));
    }
}
