using Julia.Infrastructure.Resilience;
using Julia.WhatsApp;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Queue;

/// <summary>
/// The `evolution` breaker counts sends: a typing indicator or a read receipt that Evolution accepts between them says
/// nothing about whether messages go out (an operator walk, 2026-12-03: every `sendText` answered 500, each preceded by
/// an accepted "digitando…", and the breaker never opened — no `circuito_aberto`, health quiet).
/// </summary>
public sealed class EvolutionBreakerTests(DispatcherFixture f) : IClassFixture<DispatcherFixture>
{
    [Fact]
    public async Task SendsFailingBetweenAcceptedPresenceCallsOpenTheBreaker()
    {
        var channel = f.App.Services.GetRequiredService<IWhatsAppChannel>();
        var breaker = f.App.Services.GetRequiredService<CircuitBreakers>().Evolution;
        f.Evolution.FailNextSends(500, 3);

        for (var i = 0; i < 3; i++)
        {
            await channel.ShowTypingAsync("5511987659901@s.whatsapp.net", TimeSpan.FromSeconds(1), default);
            Assert.False((await channel.SendTextAsync("5511987659901@s.whatsapp.net", "oi", default)).Succeeded);
        }

        Assert.Equal(CircuitState.Open, breaker.State);
    }
}
