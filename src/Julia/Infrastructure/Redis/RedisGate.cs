using Julia.Infrastructure.Configuration;
using StackExchange.Redis;

namespace Julia.Infrastructure.Redis;

/// <summary>
/// The process's one Redis multiplexer, and the rule that Redis is only an accelerator: every call goes through
/// <see cref="TryAsync{T}"/>, which answers the fallback when Redis is down. An outage is logged once when it starts
/// and once when it ends, never per request; the multiplexer reconnects by itself.
/// </summary>
internal sealed partial class RedisGate : IDisposable
{
    readonly ILogger<RedisGate> logger;
    readonly Lazy<ConnectionMultiplexer> multiplexer;
    int down; // 0 = up, 1 = in an outage (already logged)

    public RedisGate(IConfiguration configuration, ILogger<RedisGate> logger)
    {
        this.logger = logger;
        ConnectionStrings.TryRedis(configuration["Redis:Url"]!, out var options, out _);
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2_000;
        options.SyncTimeout = 1_000;
        options.AsyncTimeout = 1_000;
        options.ConnectRetry = 1;
        options.ClientName = "julia";
        Endpoint = options.EndPoints.Count > 0 ? options.EndPoints[0].ToString() ?? "" : "";
        DatabaseNumber = options.DefaultDatabase ?? 0;
        multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    public string Endpoint { get; }
    public int DatabaseNumber { get; }
    public bool IsAvailable => Volatile.Read(ref down) == 0 && multiplexer.Value.IsConnected;
    public IConnectionMultiplexer Multiplexer => multiplexer.Value;

    public async Task<T> TryAsync<T>(Func<IDatabase, Task<T>> operation, T fallback)
    {
        var mux = multiplexer.Value;
        if (!mux.IsConnected)
        {
            MarkDown(null);
            return fallback;
        }
        try
        {
            var result = await operation(mux.GetDatabase());
            MarkUp();
            return result;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException or ObjectDisposedException)
        {
            MarkDown(ex);
            return fallback;
        }
    }

    public Task<bool> TryAsync(Func<IDatabase, Task> operation) =>
        TryAsync(async db => { await operation(db); return true; }, false);

    void MarkDown(Exception? ex)
    {
        if (Interlocked.Exchange(ref down, 1) == 0) LogOutage(Endpoint, ex?.GetType().Name ?? "not connected");
    }

    void MarkUp()
    {
        if (Interlocked.Exchange(ref down, 0) == 1) LogRecovered(Endpoint);
    }

    public void Dispose()
    {
        if (multiplexer.IsValueCreated) multiplexer.Value.Dispose();
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Error, Message = "Redis unavailable at {Endpoint} ({Reason}): cache bypassed, working from Postgres until it returns")]
    private partial void LogOutage(string endpoint, string reason);

    [LoggerMessage(EventId = 151, Level = LogLevel.Information, Message = "Redis available again at {Endpoint}")]
    private partial void LogRecovered(string endpoint);
}
