using Julia.Infrastructure.Resilience;
using Julia.Queue;
using Julia.WhatsApp;
using Microsoft.Extensions.Time.Testing;

namespace Julia.UnitTests.Queue;

/// <summary>
/// A send Evolution did not get waits until the `evolution` breaker lets its trial through, not a flat 30 s
/// (docs/decisions.md#queue): a row that met the circuit 25 s into its 30 s wait used to go out up to 30 s after
/// Evolution was usable again (the fault matrix's "Evolution hanging": the last doctor answered 31 s after it was back).
/// </summary>
public sealed class SendPostponementTests
{
    static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-06T15:00:00Z");

    [Theory]
    [InlineData(5, 5.1)]     // the breaker opens its trial in 5 s: just past it
    [InlineData(29, 29.1)]
    [InlineData(0, 0.1)]     // its instant already passed (a race): at once
    [InlineData(-3, 0.1)]
    [InlineData(120, 30)]    // a longer wait (slack/chatwoot-like numbers): never more than 30 s between looks
    public void AnOpenCircuitIsWaitedUntilItsTrial(double retryInSeconds, double waitedSeconds)
    {
        var result = SendResult.CircuitOpen(Now.AddSeconds(retryInSeconds));

        Assert.Equal(TimeSpan.FromSeconds(waitedSeconds), MessageSender.PostponedFor(result, Now));
    }

    [Fact]
    public void AHalfOpenCircuitWhoseTrialIsInFlightIsLookedAtAgainInAFewSeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(5), MessageSender.PostponedFor(SendResult.CircuitOpen(null), Now));

    [Fact]
    public void ARefusedConnectionWaitsThirtySeconds() =>
        Assert.Equal(TimeSpan.FromSeconds(30), MessageSender.PostponedFor(SendResult.Unreachable, Now));

    /// <summary>The client's answer carries the breaker's own instant, so the queue's wait and /health/circuits agree.</summary>
    [Fact]
    public async Task TheClientSaysWhenTheBreakerLetsItsTrialThrough()
    {
        var clock = new FakeTimeProvider(Now);
        var breakers = new CircuitBreakers(clock);
        for (var i = 0; i < 3; i++) { breakers.Evolution.TryEnter(); breakers.Evolution.RecordFailure(); }
        clock.Advance(TimeSpan.FromSeconds(12));
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var client = new EvolutionClient(http,
            Microsoft.Extensions.Options.Options.Create(new EvolutionOptions { BaseUrl = "http://127.0.0.1:9", Instance = "julia" }),
            breakers, Microsoft.Extensions.Logging.Abstractions.NullLogger<EvolutionClient>.Instance);

        var result = await client.SendTextAsync("5511987659901@s.whatsapp.net", "oi", default);

        Assert.Equal(("circuito_aberto", Now.AddSeconds(30)), (result.Outcome, result.RetryAt));
        Assert.Equal(TimeSpan.FromSeconds(18.1), MessageSender.PostponedFor(result, clock.GetUtcNow()));
    }
}
