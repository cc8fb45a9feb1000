using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Julia.BrowserTests;

/// <summary>
/// /static/avaliar.html, the staff's review of conversations, in headless Chromium. It showed the API's words
/// ("active/ai"), no date at all, nothing when the list was empty and an alert box on an error (an audit of what people
/// read, 2026-12-05): now the statuses in the staff's words, "dd/mm/aaaa HH:mm" in São Paulo time whatever the
/// browser's zone, an empty state that says what to do and an error state that says what to try.
/// </summary>
public sealed class ReviewPageTests
{
    const string Token = "tok-revisao-navegador";

    /// <summary>The API's words, which the staff must not read as such.</summary>
    static readonly string[] RawWords = ["active", "paused", "completed", "abandoned", "escalated", "/ai", "/human", "· ai", "· human"];

    static async Task LogInAsync(IPage page)
    {
        await page.Locator("body[data-estado='sem-token']").WaitForAsync(new() { Timeout = 15_000 });
        await page.FillAsync("#token", Token);
        await page.ClickAsync("#ok");
    }

    [Fact]
    public async Task ConversationsShowStatusesInPortugueseAndSaoPauloDates()
    {
        await using var session = await BrowserSession.OpenReviewAsync(Token, demoData: true, timeZone: "Asia/Tokyo");
        var page = session.Page;
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        await LogInAsync(page);
        await page.Locator("body[data-estado='carregado']").WaitForAsync(new() { Timeout = 15_000 });

        var items = await page.Locator("#lista li").AllTextContentsAsync();
        Assert.Equal(9, items.Count);
        Assert.All(items, i => Assert.DoesNotContain(RawWords, w => i.Contains(w, StringComparison.Ordinal)));
        Assert.Contains(items, i => i.Contains("Em andamento · Júlia", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Em andamento · Equipe", StringComparison.Ordinal));
        Assert.Contains(items, i => i.Contains("Encerrada · Júlia", StringComparison.Ordinal));

        // Each item's date is the conversation's last message in São Paulo, not in the browser's Tokyo.
        var api = JsonDocument.Parse(await page.EvaluateAsync<string>("""
            async () => (await fetch('/admin/conversas?limite=20', { headers: { Authorization: 'Bearer ' + sessionStorage.getItem('julia-admin-token') } })).text()
            """)).RootElement.EnumerateArray().ToList();
        Assert.Equal(items.Count, api.Count);
        for (var i = 0; i < items.Count; i++)
            Assert.EndsWith("Última mensagem: " + SaoPaulo(api[i].GetProperty("last_message_at").GetDateTimeOffset()), items[i]);

        // An open conversation: its start, each line's time, the same way.
        await page.Locator("#lista li").First.ClickAsync();
        await page.Locator("#conversa .linha").First.WaitForAsync(new() { Timeout = 15_000 });
        var header = await page.Locator("#conversa p.quando").First.TextContentAsync();
        Assert.Matches(@"começou em \d{2}/\d{2}/\d{4} \d{2}:\d{2}", header);
        Assert.DoesNotContain(RawWords, w => header!.Contains(w, StringComparison.Ordinal));
        var who = await page.Locator("#conversa .quem").AllTextContentsAsync();
        Assert.NotEmpty(who);
        Assert.All(who, w => Assert.Matches(@"^(Médico|Júlia|Equipe) · \d{2}/\d{2}/\d{4} \d{2}:\d{2}$", w));

        // Filters that match nothing: the empty state says what to do.
        await page.SelectOptionAsync("#status", "abandoned");
        await page.ClickAsync("#buscar");
        await page.Locator("body[data-estado='vazio']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.Contains("Nenhuma conversa com esses filtros", await page.Locator("#vazio").TextContentAsync());
        Assert.Equal(0, await page.Locator("#lista li").CountAsync());
        Assert.False(await page.Locator("#mais").IsVisibleAsync());

        // The API failing (the database down answers 503): an error that says what to try, no alert box.
        var dialogs = 0;
        page.Dialog += (_, d) => { dialogs++; _ = d.DismissAsync(); };
        await page.RouteAsync(new Regex(@"/admin/conversas\?"), route => route.FulfillAsync(new()
        {
            Status = 503, ContentType = "application/problem+json", Body = """{"title":"Serviço indisponível","status":503}""",
        }));
        await page.SelectOptionAsync("#status", "");
        await page.ClickAsync("#buscar");
        await page.Locator("body[data-estado='erro']").WaitForAsync(new() { Timeout = 15_000 });
        var error = await page.Locator("#erroLista").TextContentAsync();
        Assert.True(await page.Locator("#erroLista").IsVisibleAsync());
        Assert.Contains("Não foi possível carregar as conversas (Serviço indisponível)", error);
        Assert.Contains("clique em Buscar para tentar de novo", error);
        Assert.Equal(0, dialogs);

        // Back up: the list again, the error gone.
        await page.UnrouteAllAsync();
        await page.ClickAsync("#buscar");
        await page.Locator("body[data-estado='carregado']").WaitForAsync(new() { Timeout = 15_000 });
        Assert.False(await page.Locator("#erroLista").IsVisibleAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task AnEmptyDatabaseSaysWhereConversationsComeFrom()
    {
        await using var session = await BrowserSession.OpenReviewAsync(Token, demoData: false, timeZone: "America/Sao_Paulo");
        var page = session.Page;
        await LogInAsync(page);
        await page.Locator("body[data-estado='vazio']").WaitForAsync(new() { Timeout = 15_000 });

        var empty = await page.Locator("#vazio").TextContentAsync();
        Assert.True(await page.Locator("#vazio").IsVisibleAsync());
        Assert.Contains("Nenhuma conversa ainda", empty);
        Assert.Contains("clique em Buscar", empty);
        Assert.False(await page.Locator("#erroLista").IsVisibleAsync());
    }

    static string SaoPaulo(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
