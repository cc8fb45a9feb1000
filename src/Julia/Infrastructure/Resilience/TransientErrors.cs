using System.Net.Sockets;
using Julia.Infrastructure.Database;

namespace Julia.Infrastructure.Resilience;

/// <summary>
/// Tells a part that is down or slow — the database, Redis, a network call, a breaker refusing — from everything else
/// (a bug, data a step cannot handle). The first kind is retried until the part is back; the second fails the same way
/// every time, so work that meets it is given up on purpose (docs/reliability.md, "A turn that fails the same way").
/// </summary>
internal static class TransientErrors
{
    public static bool Is(Exception ex) => ex switch
    {
        AggregateException { InnerExceptions.Count: > 0 } all => all.InnerExceptions.All(Is),
        System.Text.RegularExpressions.RegexMatchTimeoutException => false, // the text, not a part, is the cause
        OperationCanceledException or TimeoutException or IOException or SocketException or HttpRequestException
            or StackExchange.Redis.RedisException or Polly.ExecutionRejectedException => true,
        _ when DatabaseErrors.IsUnavailable(ex) => true,
        { InnerException: { } inner } when ex is not Npgsql.PostgresException => Is(inner),
        _ => false,
    };
}
