using Julia.Infrastructure.Resilience;

namespace Julia.UnitTests.Infrastructure.Resilience;

/// <summary>What a turn waits out (a part down or slow) and what it gives up on after a second time (docs/reliability.md).</summary>
public sealed class TransientErrorsTests
{
    public static TheoryData<Exception> Transient() =>
    [
        new TimeoutException(), new TaskCanceledException(), new HttpRequestException("refused"), new IOException("reset"),
        new System.Net.Sockets.SocketException(111), new Npgsql.NpgsqlException("connection refused"),
        new StackExchange.Redis.RedisException("No connection is active"),
        new Polly.CircuitBreaker.BrokenCircuitException(), new InvalidOperationException("wrapped", new TimeoutException()),
        new AggregateException(new TimeoutException(), new HttpRequestException()),
    ];

    public static TheoryData<Exception> NotTransient() =>
    [
        new ArgumentException("U+FFFE"), new NullReferenceException(), new InvalidOperationException("a bug"), new FormatException(),
        new System.Text.Json.JsonException(), new KeyNotFoundException(), new IndexOutOfRangeException(),
        new System.Text.RegularExpressions.RegexMatchTimeoutException("(a+)+$", "aaaa", TimeSpan.FromSeconds(1)),
        new Npgsql.PostgresException("invalid byte sequence", "ERROR", "ERROR", "22021"),
        new AggregateException(new TimeoutException(), new ArgumentException()),
    ];

    [Theory, MemberData(nameof(Transient))]
    public void APartDownOrSlowIsWaitedOut(Exception ex) => Assert.True(TransientErrors.Is(ex), ex.GetType().Name);

    [Theory, MemberData(nameof(NotTransient))]
    public void AnythingElseFailsTheSameWayAgain(Exception ex) => Assert.False(TransientErrors.Is(ex), ex.GetType().Name);
}
