using System.Net;
using System.Text.Json;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Dashboard;

/// <summary>The daily report fixture in a database of its own: these tests add report notices of other days.</summary>
public sealed class LateDailyReportFixture : DailyReportFixture;

/// <summary>
/// A day whose report never went out — the run kept failing until midnight, and the next day's run reports its own
/// yesterday — is sent late by the next run, labelled with its own day, instead of being lost (an audit, 2026-12-04).
/// </summary>
public sealed class LateDailyReportTests(LateDailyReportFixture f) : IClassFixture<LateDailyReportFixture>
{
    static string Shown(string day) => DateOnly.ParseExact(day, "yyyy-MM-dd").ToString("dd/MM/yyyy");

    [Fact]
    public async Task AReportThatNeverWentOutIsSentLateWithItsOwnDay()
    {
        // Three days ago went out; the day before yesterday's never did.
        var (yesterday, missed, reported) = (MetricsSummaryFixture.DaysAgo(1), MetricsSummaryFixture.DaysAgo(2), MetricsSummaryFixture.DaysAgo(3));
        await f.ExecuteAsync("""
            INSERT INTO notificacoes (canal, tipo, chave, status, payload, enviada_em)
            VALUES ('slack', 'relatorio_diario', 'slack:relatorio_diario:' || @reported, 'enviada', jsonb_build_object('dia', @reported), now())
            """, new { reported });

        var (status, body) = await f.RunReportAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        var result = JsonDocument.Parse(body).RootElement.GetProperty("resultado").GetString()!;
        Assert.Contains($"relatório de {yesterday}: 2 conversas (1 nova), 2 recebidas, 3 enviadas, 1 handoff, 2 erros; na fila do Slack", result);
        // Its own day's figures (the fixture's rows of two days ago), not yesterday's.
        Assert.Contains($"atrasados: relatório atrasado de {missed}: 1 conversa (1 nova), 1 recebida, 0 enviadas, 0 handoffs, 1 erro; na fila do Slack", result);
        var late = await Eventually.MatchesAsync(() => Task.FromResult(f.SlackMessagesTitled($"📊 Relatório diário — {Shown(missed)}").FirstOrDefault()),
            m => m is not null);
        Assert.Contains("atrasado, enviado em", late!["text"]!.GetValue<string>());
        Assert.Contains("não saiu no dia certo", late.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        var onTime = await Eventually.MatchesAsync(() => Task.FromResult(f.SlackMessagesTitled($"📊 Relatório diário — {Shown(yesterday)}").FirstOrDefault()),
            m => m is not null);
        Assert.DoesNotContain("atrasado", onTime!["text"]!.GetValue<string>());

        // Once sent, a late day is not sent again; nothing before the first report ever kept is made up.
        var (_, again) = await f.RunReportAsync();
        Assert.DoesNotContain("atrasado", JsonDocument.Parse(again).RootElement.GetProperty("resultado").GetString()!);
        Assert.Equal([reported, missed, yesterday], await f.QueryAsync<string>(
            "SELECT split_part(chave, ':', 3) FROM notificacoes WHERE tipo = 'relatorio_diario' ORDER BY chave"));
    }
}
