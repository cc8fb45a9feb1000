using Julia.Infrastructure.Resilience;
using Microsoft.Extensions.Time.Testing;

namespace Julia.UnitTests.Infrastructure.Resilience;

public sealed class CircuitBreakerTests
{
    [Fact]
    public void OpensAfterThreeFailuresThenLetsOneTrialThroughAfterTheWait()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var breaker = new CircuitBreaker("claude", 3, TimeSpan.FromSeconds(60), clock);
        var opened = 0;
        breaker.Opened += _ => opened++;

        for (var i = 0; i < 3; i++) { Assert.True(breaker.TryEnter()); breaker.RecordFailure(); }

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal(1, opened);
        Assert.False(breaker.TryEnter());
        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.False(breaker.TryEnter());
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(breaker.TryEnter());           // the one trial call
        Assert.False(breaker.TryEnter());          // nobody else while it runs
        breaker.RecordFailure();
        Assert.Equal(CircuitState.Open, breaker.State);
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(breaker.TryEnter());
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State);
        Assert.True(breaker.TryEnter());
    }

    /// <summary>
    /// A failure every call would meet (the model provider refusing the key) opens the breaker at once, raising
    /// `Opened` once (docs/decisions.md#model-refused); its wait and trial are as for any opening.
    /// </summary>
    [Fact]
    public void TripOpensAtOnceAndTheTrialStillComesAfterTheWait()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var breaker = new CircuitBreaker("claude", 3, TimeSpan.FromSeconds(60), clock);
        var opened = 0;
        breaker.Opened += _ => opened++;

        Assert.True(breaker.TryEnter());
        breaker.Trip();
        breaker.Trip();

        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Equal(1, opened);
        Assert.False(breaker.TryEnter());
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(breaker.TryEnter());
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    /// <summary>
    /// Why a trip opened the breaker is kept for the `circuito_aberto` page (docs/decisions.md#model-refused), and seen at the
    /// moment `Opened` is raised; a success, or an opening by ordinary failures, forgets it.
    /// </summary>
    [Fact]
    public void ATripKeepsItsReasonUntilASuccessOrAnOrdinaryOpening()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var breaker = new CircuitBreaker("claude", 3, TimeSpan.FromSeconds(60), clock);
        string? seen = null;
        breaker.Opened += b => seen = b.TripReason;

        Assert.True(breaker.TryEnter());
        breaker.Trip("chave da API recusada (401)");
        Assert.Equal("chave da API recusada (401)", seen);
        Assert.Equal("chave da API recusada (401)", breaker.TripReason);

        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(breaker.TryEnter());
        breaker.RecordFailure();   // the trial met a network fault, not a refusal
        Assert.Equal(CircuitState.Open, breaker.State);
        Assert.Null(breaker.TripReason);
        Assert.Null(seen);

        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(breaker.TryEnter());
        breaker.Trip("acesso negado pelo provedor (403)");
        Assert.False(breaker.TryEnter());
        clock.Advance(TimeSpan.FromSeconds(60));
        Assert.True(breaker.TryEnter());
        breaker.RecordSuccess();
        Assert.Null(breaker.TripReason);
    }

    /// <summary>
    /// A half-open trial whose caller cancelled it (the turn's typing indicator once the agent answered) gives the trial
    /// back; before, the breaker stayed half-open with a trial "in flight" and refused every later call for good.
    /// </summary>
    [Fact]
    public void AnAbandonedTrialLetsTheNextCallTry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var breaker = new CircuitBreaker("evolution", 3, TimeSpan.FromSeconds(30), clock);
        for (var i = 0; i < 3; i++) { Assert.True(breaker.TryEnter()); breaker.RecordFailure(); }
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.True(breaker.TryEnter());           // the trial…
        Assert.False(breaker.TryEnter());

        breaker.Abandon();                         // …cancelled by its caller: no outcome

        Assert.Equal(CircuitState.HalfOpen, breaker.State);
        Assert.True(breaker.TryEnter());           // the next call is the trial
        breaker.RecordSuccess();
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    /// <summary>The same through the Evolution client: a typing call cancelled while it is the trial does not wedge sends.</summary>
    [Fact]
    public async Task ATypingCallCancelledAsTheTrialDoesNotWedgeTheEvolutionBreaker()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var breakers = new CircuitBreakers(clock);
        for (var i = 0; i < 3; i++) { breakers.Evolution.TryEnter(); breakers.Evolution.RecordFailure(); }
        clock.Advance(TimeSpan.FromSeconds(30));
        using var http = new HttpClient(new HangingHandler()) { BaseAddress = new Uri("http://127.0.0.1:9/") };
        var client = new Julia.WhatsApp.EvolutionClient(http,
            Microsoft.Extensions.Options.Options.Create(new Julia.WhatsApp.EvolutionOptions { BaseUrl = "http://127.0.0.1:9", Instance = "julia" }),
            breakers, Microsoft.Extensions.Logging.Abstractions.NullLogger<Julia.WhatsApp.EvolutionClient>.Instance);
        using var cancel = new CancellationTokenSource();

        var typing = client.ShowTypingAsync("5511999990001", TimeSpan.FromSeconds(5), cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => typing);

        Assert.True(breakers.Evolution.TryEnter());
    }

    /// <summary>Answers nothing until the request is cancelled (Evolution holds a presence call open for its delay).</summary>
    sealed class HangingHandler : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return new HttpResponseMessage();
        }
    }

    [Fact]
    public void ASuccessResetsTheCount()
    {
        var breaker = new CircuitBreaker("evolution", 3, TimeSpan.FromSeconds(30), new FakeTimeProvider());
        breaker.RecordFailure(); breaker.RecordFailure(); breaker.RecordSuccess(); breaker.RecordFailure(); breaker.RecordFailure();
        Assert.Equal(CircuitState.Closed, breaker.State);
    }

    /// <summary>
    /// A drill's `Circuits:OpenSeconds:{name}` shortens that circuit's wait before its trial and no other's; the SPEC's
    /// numbers stay otherwise (slack 120 s).
    /// </summary>
    [Fact]
    public void ADrillsShorterWaitAppliesToTheCircuitItNamesOnly()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-11-25T12:00:00Z"));
        var options = Microsoft.Extensions.Options.Options.Create(new CircuitOptions { OpenSeconds = new() { ["Slack"] = 20 } });
        var breakers = new CircuitBreakers(clock, [], options);
        for (var i = 0; i < 5; i++) { breakers.Slack.RecordFailure(); breakers.Chatwoot.RecordFailure(); }

        clock.Advance(TimeSpan.FromSeconds(20));

        Assert.True(breakers.Slack.TryEnter());
        Assert.False(breakers.Chatwoot.TryEnter());
        Assert.Equal((TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(120)), (breakers.Slack.OpenFor, breakers.Chatwoot.OpenFor));
    }

    [Theory]
    [InlineData("slack", 20, true)]
    [InlineData("database", 1, true)]
    [InlineData("evolution", 3_600, true)]
    [InlineData("slak", 20, false)]
    [InlineData("chatwoot", 0, false)]
    [InlineData("claude", -5, false)]
    [InlineData("claude", 3_601, false)]
    public void ADrillsWaitNamesACircuitAndStaysWithinAnHour(string circuit, int seconds, bool valid)
    {
        var result = new CircuitOptionsValidator().Validate(null, new CircuitOptions { OpenSeconds = new() { [circuit] = seconds } });

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.StartsWith($"Circuits:OpenSeconds:{circuit}={seconds}: ", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }
}
