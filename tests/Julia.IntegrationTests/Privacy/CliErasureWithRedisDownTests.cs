using Dapper;
using Julia.IntegrationTests.TestHost;
using StackExchange.Redis;

namespace Julia.IntegrationTests.Privacy;

/// <summary>
/// `julia titular apagar` while Redis is down (docs/decisions.md#lgpd, "Redis down during an erasure"), on the real CLI
/// process: it waits for Redis and deletes his keys when it answers, as the service does; when Redis stays away it says
/// which keys are left and the command that deletes them. Before, the CLI exited at once and left them to their TTL.
/// </summary>
public sealed class CliErasureWithRedisDownTests
{
    static async Task<(TestDatabase Db, Guid Id, string[] Keys)> DoctorWithCachedViewsAsync(PrivateRedisServer redis, string phone)
    {
        var db = await TestDatabase.CreateAsync();
        var migrate = await JuliaProcess.RunAsync(new Dictionary<string, string> { ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url }, "migrate");
        Assert.Equal(0, migrate.ExitCode);
        await using var data = db.CreateDataSource();
        await using var c = await data.OpenConnectionAsync();
        var id = await c.ExecuteScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, sobrenome, origem)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Anacleto', 'Bororema', 'manual') RETURNING id
            """, new { phone });
        string[] keys = [$"medico:telefone:{phone}", $"medico:id:{id}", $"contexto:medico:{id}"];
        using var before = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        foreach (var key in keys)
            await before.GetDatabase(0).StringSetAsync(key, $"{{\"primeiro_nome\":\"Anacleto\",\"telefone\":\"{phone}\"}}", TimeSpan.FromMinutes(5));
        return (db, id, keys);
    }

    static Dictionary<string, string> Env(TestDatabase db, PrivateRedisServer redis, int waitSeconds) => new()
    {
        ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["LGPD_SEGREDO"] = "segredo-cli-redis-fora",
        ["Privacy__CacheRetryMilliseconds"] = "200", ["Privacy__CliRedisWaitSeconds"] = waitSeconds.ToString(),
    };

    static async Task<int> KeysLeftAsync(PrivateRedisServer redis, string[] keys, bool start = false)
    {
        if (start) await redis.StartAsync();
        using var after = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        var n = 0;
        foreach (var key in keys) if (await after.GetDatabase(0).KeyExistsAsync(key)) n++;
        return n;
    }

    [Fact]
    public async Task RedisBackWhileTheCliWaitsHasHisKeysDeleted()
    {
        const string phone = "5511988870912";
        using var redis = new PrivateRedisServer();
        await redis.StartAsync();
        var (db, id, keys) = await DoctorWithCachedViewsAsync(redis, phone);
        await using var owned = db;
        await redis.StopKeepingDataAsync();

        var cli = JuliaProcess.RunAsync(Env(db, redis, 90), "titular", "apagar", "--telefone", phone, "--motivo", "pedido", "--sim");
        await using (var data = db.CreateDataSource())
            await Eventually.MatchesAsync(async () =>
            {
                await using var c = await data.OpenConnectionAsync();
                return await c.ExecuteScalarAsync<string?>("SELECT externos->'redis'->>'status' FROM solicitacoes_titular WHERE medico_id = @id", new { id });
            }, status => status == "falhou", seconds: 60);
        await redis.StartAsync(); // the same keys, the same TTLs: a restart, not a loss
        var (exit, stdout, stderr) = await cli;

        Assert.True(exit == 0, stdout + stderr);
        Assert.Matches(@"Redis voltou: \d+ chaves do médico removidas", stdout);
        Assert.Equal(0, await KeysLeftAsync(redis, keys));
    }

    [Fact]
    public async Task RedisStillDownAfterTheWaitIsOneLineNamingTheKeysAndTheCommand()
    {
        const string phone = "5511988870913";
        using var redis = new PrivateRedisServer();
        await redis.StartAsync();
        var (db, _, keys) = await DoctorWithCachedViewsAsync(redis, phone);
        await using var owned = db;
        await redis.StopKeepingDataAsync();

        var (exit, stdout, stderr) = await JuliaProcess.RunAsync(Env(db, redis, 1), "titular", "apagar", "--telefone", phone, "--motivo", "pedido", "--sim");

        Assert.True(exit == 0, stdout + stderr);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("redis-cli", StringComparison.Ordinal));
        Assert.Matches(@"^julia: ATENÇÃO: o Redis não respondeu; \d+ chaves do médico ficam até expirar \(CACHE_TTL\)\. Para apagá-las já, com o Redis de volta: redis-cli -u ""\$REDIS_URL"" DEL ", line);
        var named = line[(line.IndexOf(" DEL ", StringComparison.Ordinal) + 5)..].Split(' ');
        Assert.All(keys, key => Assert.Contains(key, named));
        Assert.Equal(keys.Length, await KeysLeftAsync(redis, keys, start: true)); // nothing deleted them: the line is true
    }
}
