using Julia.Agent;
using Julia.IntegrationTests.TestHost;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Julia.BrowserTests;

/// <summary>
/// The sandbox round trip a person sees on `./run.sh`: /static/simulador.html posts an Evolution-shaped webhook, Júlia
/// runs the turn, the dispatcher sends through the sandbox channel, and the page shows "digitando…" and the reply.
/// </summary>
public sealed class SimulatorTests
{
    [Fact]
    public async Task ADoctorChatsWithJuliaInTheSimulatorPage()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var agent = new ScriptedAgent();
        await using var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?> { ["HUMANIZAR"] = "false" },
            s => s.AddSingleton<IConversationAgent>(agent));
        app.UseKestrel(0);
        app.StartServer();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var page = await browser.NewPageAsync();
        await page.GotoAsync($"{address}/static/simulador.html");
        await page.FillAsync("#phone", "5511999996001");
        await page.FillAsync("#text", "Oi Júlia, tem plantão sábado?");
        await page.ClickAsync("form#send button");

        var reply = page.Locator(".msg.julia").First;
        await reply.WaitForAsync(new() { Timeout = 30_000 });

        Assert.Equal("Oi! Recebi: Oi Júlia, tem plantão sábado?", await reply.TextContentAsync());
        Assert.Equal("Oi Júlia, tem plantão sábado?", await page.Locator(".msg.medico").First.TextContentAsync());
        Assert.Single(agent.Turns);
    }
}
