using Julia.IntegrationTests.TestHost.LeakGuard;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.TestHost;

/// <summary>
/// Júlia in-process on a database and Redis database of her own. Extra settings use the runbook's variable
/// names (e.g. <c>["HUMANIZAR"] = "false"</c>), exactly as an operator would set them.
/// </summary>
public sealed class JuliaAppFactory(
    string databaseUrl, string redisUrl, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<Program>
{
    public JuliaAppFactory(TestDatabase database, TestRedis redis, IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null)
        : this(database.Url, redis.Url, settings, services) { }

    public CapturedLogs Logs { get; } = new();

    /// <summary>What this host was given; every captured line is checked against it on dispose (docs/decisions.md#log-leak-guard).</summary>
    public HostLeakGuard LeakGuard { get; } = new();

    int disposed;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureServices(s =>
        {
            s.AddSingleton<ILoggerProvider>(Logs);
            s.AddSingleton<IStartupFilter>(new RecordRequests(LeakGuard.Sent));
            services?.Invoke(s);
        });
        builder.UseSetting("DATABASE_URL", databaseUrl);
        builder.UseSetting("REDIS_URL", redisUrl);
        builder.UseSetting("ENVIRONMENT", "test");
        builder.UseSetting("Jobs:Scheduler", "false"); // jobs run when a test calls POST /jobs/{nome}, not by the wall clock
        // Never the default port 8000: a host under UseKestrel(0) (the browser tests) has `serve` probe the configured
        // port, and two such hosts starting together saw each other's probe of 127.0.0.1:8000 as "port in use" (the app
        // was disposed: ObjectDisposedException in StartServer). A free port of its own for each host.
        builder.UseSetting("PORT", LoopbackPorts.Free().ToString(System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        LeakGuard.Sent.AddUrlPassword(databaseUrl, "DATABASE_URL");
        LeakGuard.Sent.AddUrlPassword(redisUrl, "REDIS_URL");
        LeakGuard.Sent.AddSettings(settings ?? new Dictionary<string, string?>());
    }

    /// <summary>Stops the host, then fails the test (or, for a class fixture's host, the class) on a leaked value.</summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Interlocked.Exchange(ref disposed, 1) == 0)
            LeakGuard.Check("the in-process host", Logs.Lines.Select(l => new LeakScan.Line(l.Level, l.Category, l.EventId, l.Message)));
    }
}
