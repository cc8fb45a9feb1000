using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Infrastructure.Health;

public sealed class HealthTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HealthAnswersLivenessWithServiceAndVersion()
    {
        var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("julia-api", body.GetProperty("service").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.True(body.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task UnknownRouteIsA404ProblemDetails()
    {
        var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/nao-existe");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ReadinessChecksDatabaseRedisAndTheChannel()
    {
        var body = await app.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.Equal("ok", body.GetProperty("redis").GetString());
        Assert.Equal("sandbox", body.GetProperty("whatsapp").GetString());
    }
}

/// <summary>
/// Evolution refusing connections is visible at once: readiness degraded with `whatsapp: inacessivel` within the probe's
/// bound, not the last state heard (an outside runbook pass, 2026-12-02: `ready`/`open` while nothing could be sent).
/// The last state heard is planted as `open`: a probe that outlasts its one-second bound (the 9 s of retries found then)
/// falls back to it, so the answer itself tells whether the live probe finished in time — no stopwatch in the test.
/// </summary>
public sealed class UnreachableGatewayReadinessTests
{
    [Fact]
    public async Task AGatewayThatRefusesConnectionsMakesReadinessDegradedAndSaysSo()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = RefusingGateway.App(database, redis);
        var client = app.CreateClient();
        await client.GetAsync("/health"); // the host's own start-up is not the probe's time
        await app.Services.GetRequiredService<Julia.Infrastructure.Redis.RedisGate>().Multiplexer.GetDatabase(redis.Database)
            .HashSetAsync(Julia.WhatsApp.WhatsAppConnection.Key, "estado", "open");

        var response = await client.GetAsync("/health/ready");
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        Assert.Equal("inacessivel", body.GetProperty("whatsapp").GetString());
    }
}

/// <summary>
/// A gateway that refuses connections is state `inacessivel` for every process (`whatsapp:estado`), which pages like a
/// lost session (an operator walk, 2026-12-03: at a quiet hour nothing was paged for 15 min, Redis still said `open`,
/// and no `whatsapp_reconectado` came when it returned).
/// </summary>
public sealed class UnreachableGatewayStateTests
{
    [Fact]
    public async Task AGatewayThatKeepsRefusingConnectionsIsStateInacessivel()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = RefusingGateway.App(database, redis);
        app.CreateClient();
        var cache = app.Services.GetRequiredService<Julia.Infrastructure.Redis.RedisGate>().Multiplexer.GetDatabase(redis.Database);

        var state = await Eventually.MatchesAsync(async () => (string?)await cache.HashGetAsync("whatsapp:estado", "estado"), s => s == "inacessivel", seconds: 20);

        Assert.Equal("inacessivel", state);
        // No reason code from a refused connection: "-" (an operator walk, 2026-12-03: the ERROR line ended "(reason (null))").
        await app.Logs.AssertLoggedAsync(l => l.Message.Contains("WhatsApp not connected: state inacessivel (reason -)"), "state inacessivel (reason -)");
    }
}

/// <summary>Júlia whose EVOLUTION_URL is a loopback port nothing listens on: every connection is refused.</summary>
static class RefusingGateway
{
    public static JuliaAppFactory App(TestDatabase database, TestRedis redis)
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop(); // nothing listens there now
        return new JuliaAppFactory(database, redis, new Dictionary<string, string?>
        {
            ["EVOLUTION_URL"] = $"http://127.0.0.1:{port}", ["EVOLUTION_API_KEY"] = "k",
        });
    }
}
