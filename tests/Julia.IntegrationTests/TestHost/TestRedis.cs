using System.Collections.Concurrent;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// Hands each test class a Redis database number of its own (1–15) on the test server and flushes it,
/// so parallel classes never see each other's keys. `dotnet test` runs the test assemblies side by side, each with
/// its own pool: the browser tests take 16–31 when the server has them (test.sh starts it with `--databases 32`), so
/// a browser session never flushes the database of a running integration class.
/// </summary>
public sealed class TestRedis : IDisposable
{
    static readonly BlockingCollection<int> Free = new(new ConcurrentQueue<int>(Pool()));

    static IEnumerable<int> Pool()
    {
        if (typeof(TestRedis).Assembly.GetName().Name != "Julia.BrowserTests") return Enumerable.Range(1, 15);
        Julia.Infrastructure.Configuration.ConnectionStrings.TryRedis(TestServers.RedisBaseUrl, out var options, out _);
        options.AllowAdmin = true;
        using var mux = StackExchange.Redis.ConnectionMultiplexer.Connect(options);
        var databases = mux.GetServer(mux.GetEndPoints()[0]).DatabaseCount;
        return databases >= 32 ? Enumerable.Range(16, 16) : Enumerable.Range(1, 15);
    }

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
