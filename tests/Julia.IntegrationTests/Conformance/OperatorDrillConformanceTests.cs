using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// What docs/runbook.md tells the operator to look at during an incident shows the incident (an operator drill,
/// 2026-12-06: the runbook's incidents provoked on real processes — a stopped redis-server, a stopped Evolution, a
/// frozen PostgreSQL — and each observation it promises read from outside). The alert side of the drill is in
/// `Alerts/ImmediateAlertsTests` (a new WhatsApp outage after its all-clear is paged again).
/// </summary>
public sealed class OperatorDrillConformanceTests
{
    static async Task<JsonObject> RateLimitAsync(JuliaAppFactory app) =>
        JsonNode.Parse(await app.CreateClient().GetStringAsync("/health/rate-limit"))!.AsObject();

    /// <summary>
    /// Redis down: proactive sends wait (no counters to check the limits against), and `/health/rate-limit` says so —
    /// `redis` `indisponivel`, the counts `null` (unknown). It answered `msgs_hora: -1` and `proximo_envio: null`, which
    /// the runbook reads as "may go now", while every campaign, follow-up and reminder waited.
    /// </summary>
    [Fact]
    public async Task WithRedisDownTheRateLimitEndpointSaysTheCountsAreUnknown()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var app = new JuliaAppFactory(db.Url, $"redis://127.0.0.1:{LoopbackPorts.Free()}/0");

        var body = await RateLimitAsync(app);

        Assert.Equal("indisponivel", body["redis"]?.GetValue<string>());
        Assert.True(body.ContainsKey("msgs_hora") && body.ContainsKey("msgs_dia"));
        Assert.Null(body["msgs_hora"]);
        Assert.Null(body["msgs_dia"]);
        Assert.Equal(20, body["limite_hora"]!.GetValue<int>());
        Assert.Equal(100, body["limite_dia"]!.GetValue<int>());
    }

    /// <summary>With Redis up the same fields carry the counts and `redis` is `ok`.</summary>
    [Fact]
    public async Task WithRedisUpTheRateLimitEndpointCountsAndSaysRedisOk()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db.Url, redis.Url);

        var body = await RateLimitAsync(app);

        Assert.Equal("ok", body["redis"]?.GetValue<string>());
        Assert.Equal(0, body["msgs_hora"]!.GetValue<long>());
        Assert.Equal(0, body["msgs_dia"]!.GetValue<long>());
    }
}
