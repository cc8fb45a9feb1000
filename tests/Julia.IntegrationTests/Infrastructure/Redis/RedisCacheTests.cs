using Julia.Metrics;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.Infrastructure.Redis;

public sealed class RedisCacheTests
{
    sealed record Doctor(string Id, string Nome);

    [Fact]
    public async Task SecondReadIsAHitWithCacheTtlAndFamiliesAreCountedApart()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?> { ["CACHE_TTL"] = "120" });
        var cache = app.Services.GetRequiredService<JuliaCache>();
        var recorder = app.Services.GetRequiredService<MetricsRecorder>();
        var loads = 0;
        Task<Doctor?> Load(CancellationToken _) { loads++; return Task.FromResult<Doctor?>(new Doctor("m1", "Ana")); }

        var first = await cache.GetOrCreateAsync("medico:telefone:5511999990001", cache.DefaultTtl, Load, default);
        var second = await cache.GetOrCreateAsync("medico:telefone:5511999990001", cache.DefaultTtl, Load, default);
        await cache.GetOrCreateAsync("vagas:especialidade:x:limite:5", TimeSpan.FromSeconds(60), Load, default);

        Assert.Equal("Ana", second!.Nome);
        Assert.Equal(first, second);
        Assert.Equal(1 + 1, loads);
        var seen = recorder.LocalSnapshot(TimeSpan.FromHours(1));
        Assert.Equal((1L, 1L), (seen.Total("cache:medico:hits"), seen.Total("cache:medico:misses")));
        Assert.Equal((0L, 1L), (seen.Total("cache:vagas:hits"), seen.Total("cache:vagas:misses")));
        Assert.Equal(3, seen.Samples["cache_get"].Count);
        var ttl = await app.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(redis.Database).KeyTimeToLiveAsync("medico:telefone:5511999990001");
        Assert.InRange(ttl!.Value.TotalSeconds, 100, 120);
    }

    [Fact]
    public async Task InvalidationByPatternRemovesOnlyMatchingKeys()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis);
        var cache = app.Services.GetRequiredService<JuliaCache>();
        foreach (var key in new[] { "vagas:especialidade:a:limite:5", "vagas:especialidade:a:limite:3", "vagas:especialidade:b:limite:5" })
            await cache.GetOrCreateAsync(key, TimeSpan.FromMinutes(1), _ => Task.FromResult<Doctor?>(new Doctor(key, "x")), default);

        await cache.RemoveByPatternAsync("vagas:especialidade:a:*");

        var mux = app.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(redis.Database);
        Assert.False(await mux.KeyExistsAsync("vagas:especialidade:a:limite:5"));
        Assert.False(await mux.KeyExistsAsync("vagas:especialidade:a:limite:3"));
        Assert.True(await mux.KeyExistsAsync("vagas:especialidade:b:limite:5"));
    }

    [Fact]
    public async Task RedisOutageFallsBackToTheSourceLogsOnceAndRecovers()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var server = new PrivateRedisServer();
        await server.StartAsync();
        await using var app = new JuliaAppFactory(db.Url, server.Url);
        var cache = app.Services.GetRequiredService<JuliaCache>();
        var gate = app.Services.GetRequiredService<RedisGate>();
        var loads = 0;
        Task<Doctor?> Load(CancellationToken _) { loads++; return Task.FromResult<Doctor?>(new Doctor("m1", "Ana")); }
        await cache.GetOrCreateAsync("medico:id:m1", cache.DefaultTtl, Load, default);

        server.Stop();
        for (var i = 0; i < 5; i++)
            Assert.Equal("Ana", (await cache.GetOrCreateAsync("medico:id:m1", cache.DefaultTtl, Load, default))!.Nome);

        Assert.Equal(6, loads);
        Assert.Single(app.Logs.Lines, l => l.Level == LogLevel.Error && l.Message.StartsWith("Redis unavailable", StringComparison.Ordinal));

        await server.StartAsync();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!gate.Multiplexer.IsConnected && DateTime.UtcNow < deadline) await Task.Delay(100);
        await cache.GetOrCreateAsync("medico:id:m1", cache.DefaultTtl, Load, default);
        var hitAfterRecovery = await cache.GetOrCreateAsync("medico:id:m1", cache.DefaultTtl, Load, default);

        Assert.Equal("Ana", hitAfterRecovery!.Nome);
        Assert.Equal(7, loads);
        Assert.Contains(app.Logs.Lines, l => l.Message.StartsWith("Redis available again", StringComparison.Ordinal));
    }
}
