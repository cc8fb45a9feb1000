using Microsoft.Playwright;

namespace Julia.BrowserTests;

/// <summary>
/// The whole human loop on a laptop, without Chatwoot: a doctor asks for a person in the simulator, the staff pane shows
/// the handoff, staff answer (the doctor sees it), resolve, and Júlia answers the doctor's next message again.
/// </summary>
public sealed class StaffPaneTests
{
    [Fact]
    public async Task StaffAnswerAndResolveInTheSimulatorAndJuliaTakesBackOver()
    {
        await using var session = await BrowserSession.OpenSimulatorAsync(width: 1000);
        var page = session.Page;
        var agent = session.Agent;
        await page.FillAsync("#phone", "5511999996002");

        await session.SendAsDoctorAsync("quero falar com uma pessoa, por favor");
        await page.Locator(".msg.julia", new() { HasText = "Vou chamar alguém da equipe" }).WaitForAsync(new() { Timeout = 30_000 });
        var card = page.Locator("#staff .handoff", new() { HasText = "pedido_humano" });
        await card.WaitForAsync(new() { Timeout = 15_000 });

        await card.Locator("textarea.reply-text").FillAsync("Oi, aqui é a Carla da escala. Te ligo em 5 min.");
        await card.Locator("button.reply").ClickAsync();
        await page.Locator(".msg.julia.equipe", new() { HasText = "Carla da escala" }).WaitForAsync(new() { Timeout = 30_000 });
        await page.Locator("#staff .handoff", new() { HasText = "em_atendimento" }).WaitForAsync(new() { Timeout = 15_000 });

        await page.Locator("#staff .handoff button.resolve").ClickAsync();
        await page.Locator("#staff .empty").WaitForAsync(new() { Timeout = 15_000 });
        await session.SendAsDoctorAsync("obrigado! e sábado, tem plantão?");
        var back = page.Locator(".msg.julia", new() { HasText = "Oi! Recebi: obrigado! e sábado, tem plantão?" });
        await back.WaitForAsync(new() { Timeout = 30_000 });

        Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "screenshots", "staff-pane.png") });
        Assert.Equal(1, await back.CountAsync());
        var turn = Assert.Single(agent.Turns);
        Assert.Contains(turn.History, h => h.AuthorType == "humano" && h.Content.Contains("Carla da escala"));
    }

    /// <summary>
    /// With ADMIN_API_TOKEN set and the pane's token field empty, the pane says the token was refused instead of
    /// "Nenhum handoff aberto." while handoffs wait (an outside walk, 2026-12-03); with the token it lists them.
    /// </summary>
    [Fact]
    public async Task ThePaneSaysWhenItsTokenIsRefused()
    {
        await using var session = await BrowserSession.OpenSimulatorAsync(width: 1000, adminToken: "tok-painel");
        var page = session.Page;

        await page.Locator("#staff .empty", new() { HasText = "Token recusado (401)" }).WaitForAsync(new() { Timeout = 15_000 });
        await page.FillAsync("#admin", "tok-painel");
        await page.Locator("#staff .empty", new() { HasText = "Nenhum handoff aberto." }).WaitForAsync(new() { Timeout = 15_000 });
        Assert.Equal(0, await page.Locator("#staff .empty", new() { HasText = "Token recusado" }).CountAsync());
    }
}
