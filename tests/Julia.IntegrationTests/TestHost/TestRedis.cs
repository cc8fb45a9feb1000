using System.Collections.Concurrent;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// Hands each test class a Redis database number of its own (1–15) on the test server and flushes it,
/// so parallel classes never see each other's keys.
/// </summary>
public sealed class TestRedis : IDisposable
{
    static readonly BlockingCollection<int> Free = new(new ConcurrentQueue<int>(Enumerable.Range(1, 15)));

    TestRedis(int database) { Database = database; }

    public int Database { get; }
    public string Url => $"{TestServers.RedisBaseUrl}/{Database}";

    public static TestRedis Lease()
    {
        var db = Free.Take();
        var redis = new TestRedis(db);
        redis.Flush();
        return redis;
    }

    public void Flush()
    {
        Julia.Infrastructure.Configuration.ConnectionStrings.TryRedis(Url, out var options, out _);
        options.AllowAdmin = true;
        using var mux = StackExchange.Redis.ConnectionMultiplexer.Connect(options);
        mux.GetDatabase(Database).Execute("FLUSHDB");
    }

    public void Dispose() => Free.Add(Database);
}
