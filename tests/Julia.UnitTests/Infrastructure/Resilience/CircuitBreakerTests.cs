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

    [Fact]
    public void ASuccessResetsTheCount()
    {
        var breaker = new CircuitBreaker("evolution", 3, TimeSpan.FromSeconds(30), new FakeTimeProvider());
        breaker.RecordFailure(); breaker.RecordFailure(); breaker.RecordSuccess(); breaker.RecordFailure(); breaker.RecordFailure();
        Assert.Equal(CircuitState.Closed, breaker.State);
    }
}
