using Microsoft.Extensions.Http.Resilience;

namespace Julia.Infrastructure.Http;

/// <summary>
/// The resilience of every HTTP peer (Evolution, Chatwoot, Slack): the standard handler with a per-attempt timeout and a
/// circuit breaker, and no retry of what the caller owns — a retried POST would send a WhatsApp message or post a note
/// twice; the queue and the notice outbox retry, with backoff.
/// </summary>
internal static class PeerResilience
{
    /// <param name="attemptSeconds">Per-attempt timeout (read from the peer's options when the client is built).</param>
    public static IHttpClientBuilder AddPeerResilience(this IHttpClientBuilder builder, Func<IServiceProvider, int> attemptSeconds)
    {
        builder.AddStandardResilienceHandler().Configure((o, sp) =>
        {
            var timeout = TimeSpan.FromSeconds(Math.Max(1, attemptSeconds(sp)));
            o.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
            o.AttemptTimeout.Timeout = timeout;
            o.TotalRequestTimeout.Timeout = timeout * 2;
            o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(Math.Max(60, timeout.TotalSeconds * 2 + 1));
        });
        return builder;
    }
}
