using Julia.IntegrationTests.TestHost;
using Npgsql;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// What one fault-matrix test runs on: a database, Redis, a fake Evolution and a fake Anthropic, and the `julia serve`
/// processes started against them with the operator's variables (README.md, "Configuration"). Disposing kills every
/// process first, then stops the fakes and drops the database.
/// </summary>
internal sealed class FaultRig : IAsyncDisposable
{
    public const string WebhookToken = "webhook-token-FAKE";

    readonly List<JuliaServer> servers = [];
    readonly List<IAsyncDisposable> owned = [];
    readonly List<IDisposable> ownedSync = [];

    FaultRig(string databaseUrl, string redisUrl, FakeEvolution evolution, FakeAnthropic anthropic)
    {
        Evolution = evolution;
        Anthropic = anthropic;
        Db = NpgsqlDataSource.Create(databaseUrl + ";Pooling=false");
        Settings = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = databaseUrl, ["REDIS_URL"] = redisUrl, ["ENVIRONMENT"] = "test", ["LOG_LEVEL"] = "INFO", ["HUMANIZAR"] = "false",
            ["EVOLUTION_URL"] = evolution.Url, ["EVOLUTION_API_KEY"] = "evo-key-FAKE", ["EVOLUTION_INSTANCE"] = "julia",
            ["EVOLUTION_WEBHOOK_TOKEN"] = WebhookToken, ["ANTHROPIC_API_KEY"] = "sk-ant-test-FAKE", ["ANTHROPIC_BASE_URL"] = anthropic.Url,
        };
    }

    public FakeEvolution Evolution { get; }
    public FakeAnthropic Anthropic { get; }
    /// <summary>The test's own connections to the database the processes use (no pooling: it may be restarted).</summary>
    public NpgsqlDataSource Db { get; }
    /// <summary>Environment of every process started from now on; a test adds its own variables.</summary>
    public Dictionary<string, string> Settings { get; }

    /// <summary>A rig on <paramref name="postgres"/> / <paramref name="redis"/> when given (it then owns them), else on a fresh test database and Redis database.</summary>
    public static async Task<FaultRig> StartAsync(PrivatePostgresServer? postgres = null, PrivateRedisServer? redis = null)
    {
        var evolution = await FakeEvolution.StartAsync();
        var anthropic = await FakeAnthropic.StartAsync();
        TestDatabase? database = postgres is null ? await TestDatabase.CreateMigratedAsync() : null;
        TestRedis? lease = redis is null ? TestRedis.Lease() : null;
        var rig = new FaultRig(postgres?.Url ?? database!.Url, redis?.Url ?? lease!.Url, evolution, anthropic);
        rig.owned.AddRange(new IAsyncDisposable?[] { evolution, anthropic, database, postgres }.OfType<IAsyncDisposable>());
        rig.ownedSync.AddRange(new IDisposable?[] { lease, redis }.OfType<IDisposable>());
        return rig;
    }

    /// <summary>Starts `julia serve --role {role}` with <see cref="Settings"/> plus <paramref name="extra"/>; waits for /health.</summary>
    public async Task<JuliaServer> StartJuliaAsync(string name, string role = "all", IReadOnlyDictionary<string, string>? extra = null)
    {
        var env = new Dictionary<string, string>(Settings);
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        var server = await JuliaServer.StartAsync(name, env, role);
        lock (servers) servers.Add(server);
        return server;
    }

    /// <summary>Every process's recent output, for assertion messages.</summary>
    public string Logs(int lines = 120)
    {
        lock (servers) return string.Join("\n", servers.Select(s => s.Output(lines)));
    }

    /// <summary>Runs <paramref name="check"/>; a failure carries the processes' logs.</summary>
    public Task WithLogsAsync(Func<Task> check) => WithLogsAsync(async () => { await check(); return true; });

    public async Task<T> WithLogsAsync<T>(Func<Task<T>> check)
    {
        try { return await check(); }
        catch (Xunit.Sdk.XunitException ex) { throw new Xunit.Sdk.XunitException($"{ex.Message}\n{Logs()}"); }
    }

    public async ValueTask DisposeAsync()
    {
        JuliaServer[] all;
        lock (servers) all = [.. servers];
        // Every server is stopped and every resource released even when one server's output fails the leak guard
        // (docs/decisions.md#log-leak-guard); the first such failure is thrown at the end.
        Exception? first = null;
        foreach (var server in all)
        {
            try { await server.DisposeAsync(); }
            catch (Xunit.Sdk.XunitException ex) { first ??= ex; }
        }
        await Db.DisposeAsync();
        foreach (var o in owned) await o.DisposeAsync();
        foreach (var o in ownedSync) o.Dispose();
        if (first is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
    }
}
