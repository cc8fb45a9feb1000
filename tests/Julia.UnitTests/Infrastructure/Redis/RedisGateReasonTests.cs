using Julia.Infrastructure.Redis;

namespace Julia.UnitTests.Infrastructure.Redis;

/// <summary>The reason an outage line gives: a timeout's thread-pool counts, never its key (RedisGate.OutageReason).</summary>
public sealed class RedisGateReasonTests
{
    [Fact]
    public void ATimeoutSaysThePoolsCountsAndNotTheKey()
    {
        // StackExchange.Redis's own exception types have only obsolete public constructors: its message's shape, in the base type.
        var ex = new TimeoutException(
            "Timeout awaiting response (outbound=0KiB, inbound=0KiB, 1016ms elapsed, timeout is 1000ms), command=GET, next: GET medico:telefone:5511999990001, " +
            "inst: 0, qu: 0, qs: 1, aw: False, serverEndpoint: 127.0.0.1:6379, mgr: 10 of 10 available, clientName: julia(SE.Redis-v2.8.16), " +
            "IOCP: (Busy=0,Free=1000,Min=2,Max=1000), WORKER: (Busy=31,Free=32736,Min=2,Max=32767), POOL: (Threads=33,QueuedItems=412,CompletedItems=1107,Timers=32), v: 2.8.16");

        var reason = RedisGate.OutageReason(ex);

        Assert.Equal("TimeoutException; IOCP: (Busy=0,Free=1000,Min=2,Max=1000), WORKER: (Busy=31,Free=32736,Min=2,Max=32767), " +
                     "POOL: (Threads=33,QueuedItems=412,CompletedItems=1107,Timers=32)", reason);
        Assert.DoesNotContain("5511999990001", reason);
    }

    [Fact]
    public void OtherFailuresSayTheirTypeOnly()
    {
        Assert.Equal("IOException", RedisGate.OutageReason(new IOException("closed: GET medico:telefone:5511999990001")));
        Assert.Equal("TimeoutException", RedisGate.OutageReason(new TimeoutException("Timeout awaiting response, command=GET medico:telefone:5511999990001")));
    }
}
