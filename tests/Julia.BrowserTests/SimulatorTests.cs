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
        await using var session = await BrowserSession.OpenSimulatorAsync();
        var page = session.Page;
        await page.FillAsync("#phone", "5511999996001");
        await session.SendAsDoctorAsync("Oi Júlia, tem plantão sábado?");

        var reply = page.Locator(".msg.julia").First;
        await reply.WaitForAsync(new() { Timeout = 30_000 });

        Assert.Equal("Oi! Recebi: Oi Júlia, tem plantão sábado?", await reply.TextContentAsync());
        Assert.Equal("Oi Júlia, tem plantão sábado?", await page.Locator(".msg.medico").First.TextContentAsync());
        Assert.Single(session.Agent.Turns);
    }
}
