using System.Text.Json;
using Microsoft.Playwright;

namespace Julia.BrowserTests;

/// <summary>
/// /static/dashboard.html on the demo data in headless Chromium: it asks for the admin token before showing anything,
/// refuses a wrong one, and with the right one draws every chart with data (Chart.js served by Júlia, no CDN), the
/// offer funnel included, whose selector switches between the whole funnel, each campaign and each specialty. The
/// screenshot is saved under the test output (screenshots/dashboard.png).
/// </summary>
public sealed class DashboardTests
{
    const string Token = "tok-painel-navegador";

    static readonly string[] Charts =
        ["g-conversas", "g-mensagens", "g-handoffs-tipo", "g-handoffs-dia", "g-plantoes", "g-taxa-resposta", "g-tempo", "g-fila", "g-funil", "g-tokens", "g-custo"];

    sealed record ChartState(string Id, string? Type, int Datasets, int Points, double Sum, bool EmptyNoticeShown);

    static async Task<List<ChartState>> ChartsAsync(IPage page) =>
        JsonSerializer.Deserialize<List<ChartState>>(await page.EvaluateAsync<string>("""
            ids => JSON.stringify(ids.map(id => {
                const canvas = document.getElementById(id);
                const chart = window.Chart && Chart.getChart(canvas);
                const data = chart ? chart.data.datasets.flatMap(d => d.data) : [];
                const notice = canvas.parentElement.querySelector('.vazio');
                return { Id: id, Type: chart ? chart.config.type : null, Datasets: chart ? chart.data.datasets.length : 0,
                         Points: data.length, Sum: data.reduce((a, b) => a + (b || 0), 0), EmptyNoticeShown: !!notice && !notice.hidden };
            }))
            """, Charts))!;

    static async Task<double[]> FunnelAsync(IPage page) =>
        await page.EvaluateAsync<double[]>("() => Chart.getChart(document.getElementById('g-funil')).data.datasets[0].data");

    static async Task<string> FunnelLabelsAsync(IPage page) =>
        await page.EvaluateAsync<string>("() => Chart.getChart(document.getElementById('g-funil')).data.labels.flat().join(' | ')");

    [Fact]
    public async Task TheDashboardAsksForTheTokenAndDrawsEveryChartWithDemoData()
    {
        await using var session = await BrowserSession.OpenDashboardAsync(Token);
        var page = session.Page;
        var errors = new List<string>();
        page.Console += (_, m) => { if (m.Type == "error") errors.Add($"{m.Text} ({m.Location})"); };
        page.PageError += (_, e) => errors.Add(e);

        // No token: the form, no chart.
        await page.Locator("body[data-estado='sem-token']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.True(await page.Locator("#entrar").IsVisibleAsync());
        Assert.False(await page.Locator("#painel").IsVisibleAsync());
        Assert.All(await ChartsAsync(page), c => Assert.Null(c.Type));

        // A wrong token: refused, still no chart.
        await page.FillAsync("#token", "token-errado");
        await page.ClickAsync("#entrar button[type=submit]");
        await page.Locator("body[data-estado='token-recusado']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("Token recusado", await page.Locator("#erro-entrar").TextContentAsync());
        Assert.False(await page.Locator("#painel").IsVisibleAsync());
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('julia.adminToken')"));

        // The right token: every chart drawn, each with data.
        await page.FillAsync("#token", Token);
        await page.ClickAsync("#entrar button[type=submit]");
        await page.Locator("body[data-estado='carregado']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.False(await page.Locator("#entrar").IsVisibleAsync());
        var charts = await ChartsAsync(page);
        Assert.All(charts, c =>
        {
            Assert.NotNull(c.Type);
            Assert.True(c.Datasets > 0 && c.Points > 0 && c.Sum > 0, $"{c.Id}: {c}");
            Assert.False(c.EmptyNoticeShown, c.Id);
        });
        Assert.Equal(["bar", "line", "doughnut", "bar", "bar", "doughnut", "bar", "bar", "bar", "bar", "doughnut"], charts.Select(c => c.Type));
        Assert.Contains("fila_congestionada", await page.Locator("#alertas").TextContentAsync());
        Assert.Equal("77,8%", await page.Locator("#n-taxa-resposta").TextContentAsync());   // 7 of the 9 demo doctors contacted answered
        Assert.Equal("60 s / 60 s", (await page.Locator("#n-tempo").TextContentAsync())!.Replace('\u00a0', ' '));

        // The offer funnel of the demo data (DemoData/seed-demo.sql): one bar per step, the conversion in each label.
        Assert.Equal(new double[] { 9, 7, 5, 2, 1, 1 }, await FunnelAsync(page));
        Assert.Contains("Responderam: 77,8% da etapa anterior", await FunnelLabelsAsync(page));
        Assert.Contains("Opt-out: 11,1% dos contatados", await FunnelLabelsAsync(page));
        var groups = await page.Locator("#funil-grupo option").AllTextContentsAsync();
        Assert.Equal(["Todos os médicos contatados (9)", "Cardiologia ABC (demo) (5)", "Clínica médica ABC (demo) (3)", "Sem campanha (1)",
            "cardiologia (5)", "clinica medica (3)", "medicina intensiva (1)"], groups);
        await page.SelectOptionAsync("#funil-grupo", new SelectOptionValue { Label = "Clínica médica ABC (demo) (3)" });
        Assert.Equal(new double[] { 3, 2, 1, 0, 0, 0 }, await FunnelAsync(page));
        await page.SelectOptionAsync("#funil-grupo", new SelectOptionValue { Label = "cardiologia (5)" });
        Assert.Equal(new double[] { 5, 4, 3, 2, 1, 1 }, await FunnelAsync(page));

        await Task.Delay(400); // the charts' 250 ms entry animation
        var screenshot = Path.Combine(AppContext.BaseDirectory, "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Assert.True(new FileInfo(screenshot).Length > 20_000);

        // The token stays for the tab: a reload shows the charts without asking again.
        await page.ReloadAsync();
        await page.Locator("body[data-estado='carregado']").WaitForAsync(new() { Timeout = 15_000 });
        // The browser reports the wrong token's 401 as a failed load; nothing else may fail (a script, the vendored library).
        var unexpected = errors.Where(e => !(e.Contains("status of 401") && e.Contains("/metricas/")) && !e.Contains("favicon")).ToList();
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected));
    }
}
