using Julia.Infrastructure.Configuration;
using StackExchange.Redis;

namespace Julia.Infrastructure.Redis;

/// <summary>
/// The process's one Redis multiplexer, and the rule that Redis is only an accelerator: every call goes through
/// <see cref="TryAsync{T}"/>, which answers the fallback when Redis is down. An outage is logged once when it starts
/// and once when it ends, never per request; the multiplexer reconnects by itself. A login the server refuses (a wrong
/// password in REDIS_URL: WRONGPASS; none given to a Redis with requirepass: NOAUTH) is said as such, once per outage,
/// with the server's code and never the password (<see cref="AuthenticationFailure"/>, also /health/ready).
/// </summary>
internal sealed partial class RedisGate : IDisposable
{
    readonly ILogger<RedisGate> logger;
    readonly Lazy<ConnectionMultiplexer> multiplexer;
    readonly Lock sync = new();
    int down; // 0 = up, 1 = in an outage (already logged)
    int outages; // outages declared so far: a success that began before the latest one says nothing about now
    int writesRefused; // 1 = Redis answered OOM (maxmemory reached under noeviction) and said so once
    long lastRefusal; // Stopwatch timestamp of the latest OOM answer
    bool authLogged; // this outage's line already says the login was refused
    volatile string? authFailure;
    readonly bool passwordGiven;

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
        passwordGiven = !string.IsNullOrEmpty(options.Password);
        options.ConnectionAttemptCompleted += OnConnectionAttempt; // before connecting: the first attempt is the one that tells
        Endpoint = options.EndPoints.Count > 0 ? options.EndPoints[0].ToString() ?? "" : "";
        DatabaseNumber = options.DefaultDatabase ?? 0;
        multiplexer = new Lazy<ConnectionMultiplexer>(() => ConnectionMultiplexer.Connect(options));
    }

    public string Endpoint { get; }
    public int DatabaseNumber { get; }
    public bool IsAvailable => Volatile.Read(ref down) == 0 && multiplexer.Value.IsConnected;
    public IConnectionMultiplexer Multiplexer => multiplexer.Value;

    /// <summary>
    /// Redis answered OOM within the last <see cref="WritesRefusedQuiet"/>: at `maxmemory` with `noeviction` it refuses
    /// every write while reads and PING still work (docs/reliability.md, "Redis refusing writes").
    /// </summary>
    public bool WritesRefused => Volatile.Read(ref writesRefused) == 1;

    /// <summary>How long after the last OOM answer a success counts as writes accepted again (reads succeed meanwhile).</summary>
    static readonly TimeSpan WritesRefusedQuiet = TimeSpan.FromSeconds(30);

    /// <summary>The server's code (WRONGPASS, NOAUTH…) while its last connection attempt was refused at login; else null.</summary>
    public string? AuthenticationFailure => authFailure;

    public async Task<T> TryAsync<T>(Func<IDatabase, Task<T>> operation, T fallback)
    {
        var mux = multiplexer.Value;
        if (!mux.IsConnected)
        {
            MarkDown(null);
            return fallback;
        }
        var epoch = Volatile.Read(ref outages);
        try
        {
            var result = await operation(mux.GetDatabase());
            MarkUp(epoch);
            return result;
        }
        catch (RedisServerException ex) when (IsOutOfMemory(ex))
        {
            // Not an outage: the server is up and reads work, so every read would log "available again" and the next
            // write "unavailable" — one pair per message. Said once instead, with its cause.
            MarkWritesRefused();
            return fallback;
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
        if (Volatile.Read(ref down) == 1) return;
        lock (sync)
        {
            if (down == 1) return;
            Interlocked.Increment(ref outages); // before `down`: a success racing the declaration sees the new count
            Volatile.Write(ref down, 1);
            var auth = authFailure;
            authLogged = auth is not null;
            LogOutage(Endpoint, auth is not null ? AuthReason(auth) : ex is null ? "not connected" : OutageReason(ex));
        }
    }

    /// <param name="epoch">
    /// The outage count when the call began. A call sent before an outage was declared and answered after (the server
    /// answered just before it went away) is not a recovery: it flipped the gate to "up", logged "available again", and
    /// the next call logged the outage a second time — an operator read Redis as back while it was down (a flaky test
    /// showed the pair, 2026-12-07).
    /// </param>
    void MarkUp(int epoch)
    {
        if (Volatile.Read(ref outages) != epoch) return;
        if (Interlocked.Exchange(ref down, 0) == 1)
        {
            lock (sync) authLogged = false;
            LogRecovered(Endpoint);
        }
        if (Volatile.Read(ref writesRefused) == 1 && System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref lastRefusal)) > WritesRefusedQuiet
            && Interlocked.Exchange(ref writesRefused, 0) == 1)
            LogWritesAccepted(Endpoint);
    }

    void MarkWritesRefused()
    {
        Volatile.Write(ref lastRefusal, System.Diagnostics.Stopwatch.GetTimestamp());
        if (Interlocked.Exchange(ref writesRefused, 1) == 0) LogWritesRefused(Endpoint);
    }

    /// <summary>
    /// The exception's type and, for a timeout, the process's thread-pool counts StackExchange.Redis puts in its message
    /// ("WORKER: (Busy=…,Free=…,Min=…,Max=…)", "POOL: (Threads=…,QueuedItems=…)"): a timeout with every worker busy is this
    /// process starved, not Redis slow. Only those parts — the rest of the message names the command's key, which may hold
    /// a phone number (`medico:telefone:{telefone}`).
    /// </summary>
    internal static string OutageReason(Exception ex)
    {
        if (ex is not TimeoutException) return ex.GetType().Name;
        var counts = PoolCounts().Matches(ex.Message).Select(m => m.Value).ToList();
        return counts.Count == 0 ? ex.GetType().Name : $"{ex.GetType().Name}; {string.Join(", ", counts)}";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:IOCP|WORKER|POOL): \([A-Za-z]+=\d+(?:,[A-Za-z]+=\d+)*\)", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex PoolCounts();

    /// <summary>Redis's refusal at `maxmemory` under `noeviction` ("OOM command not allowed when used memory &gt; 'maxmemory'"), from a command or a script.</summary>
    internal static bool IsOutOfMemory(RedisServerException ex) => ex.Message.Contains("OOM command not allowed", StringComparison.Ordinal);

    /// <summary>
    /// Every physical attempt (the first and each reconnect): a refused login is the outage's reason, logged once — if
    /// the outage was already logged as "not connected" (the attempt's answer came after the first call), one more line
    /// says why; the multiplexer's retries every few seconds add none.
    /// </summary>
    void OnConnectionAttempt(object? sender, ConnectionAttemptCompletedEventArgs e)
    {
        if (e.IsSuccess)
        {
            authFailure = null;
            return;
        }
        if (AuthCode(e.FailureType, e.Exception, passwordGiven) is not { } code) return;
        authFailure = code;
        lock (sync)
        {
            if (authLogged) return;
            authLogged = true;
            Interlocked.Increment(ref outages);
            Volatile.Write(ref down, 1);
            LogOutage(Endpoint, AuthReason(code));
        }
    }

    /// <summary>
    /// The code of a refused login, from the server's replies (never the password we sent). A wrong password's WRONGPASS
    /// (the reply to AUTH) is followed by NOAUTH for the handshake's other commands, which is what the failure carries:
    /// with a password in REDIS_URL a refused login is WRONGPASS, without one NOAUTH.
    /// </summary>
    internal static string? AuthCode(ConnectionFailureType type, Exception? ex, bool passwordGiven)
    {
        var said = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
            foreach (var code in (string[])["WRONGPASS", "NOAUTH"])
                if (e.Message.Contains(code, StringComparison.Ordinal)) said.Add(code);
        if (said.Count > 0) return said.Contains("WRONGPASS") || passwordGiven ? "WRONGPASS" : "NOAUTH";
        return type == ConnectionFailureType.AuthenticationFailure ? "AUTH" : null;
    }

    static string AuthReason(string code) => code switch
    {
        "WRONGPASS" => "login recusado: WRONGPASS, usuário ou senha errados em REDIS_URL",
        "NOAUTH" => "login recusado: NOAUTH, o Redis pede senha e REDIS_URL não tem (redis://:SENHA@host:porta/0)",
        _ => $"login recusado: {code}, confira usuário, senha e TLS em REDIS_URL",
    };

    public void Dispose()
    {
        if (multiplexer.IsValueCreated) multiplexer.Value.Dispose();
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Error, Message = "Redis unavailable at {Endpoint} ({Reason}): cache bypassed, working from Postgres until it returns")]
    private partial void LogOutage(string endpoint, string reason);

    [LoggerMessage(EventId = 151, Level = LogLevel.Information, Message = "Redis available again at {Endpoint}")]
    private partial void LogRecovered(string endpoint);

    [LoggerMessage(EventId = 152, Level = LogLevel.Error, Message = "Redis at {Endpoint} refuses writes (OOM: maxmemory reached under noeviction): locks from Postgres, caches and counters not written, proactive sends wait, until memory is freed (sem memória)")]
    private partial void LogWritesRefused(string endpoint);

    [LoggerMessage(EventId = 153, Level = LogLevel.Information, Message = "Redis at {Endpoint} accepts writes again (no OOM answer for 30 s)")]
    private partial void LogWritesAccepted(string endpoint);
}
