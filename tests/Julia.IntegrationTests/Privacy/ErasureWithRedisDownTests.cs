using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Julia.IntegrationTests.TestHost;
using StackExchange.Redis;

namespace Julia.IntegrationTests.Privacy;

/// <summary>
/// An erasure while Redis is down (docs/decisions.md#lgpd, "Redis down during an erasure"): the cached views of him that
/// Redis kept through its outage (name and phone in `medico:*`, `contexto:medico:*`) are deleted as soon as it answers
/// again — not served until their TTL.
/// </summary>
public sealed class ErasureWithRedisDownTests
{
    const string Token = "tok-admin-redis-fora";

    [Fact]
    public async Task HisCachedViewsThatOutlivedARedisOutageAreDeletedWhenRedisReturnsNotServedUntilTheirTtl()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = new PrivateRedisServer();
        await redis.StartAsync();
        await using var app = new JuliaAppFactory(db.Url, redis.Url, new Dictionary<string, string?>
        {
            ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token, ["LGPD_SEGREDO"] = "segredo-redis-fora",
            ["Privacy:CacheRetryMilliseconds"] = "200",
        });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        const string phone = "5511988870911";
        Guid id;
        await using (var data = db.CreateDataSource())
        await using (var c = await data.OpenConnectionAsync())
            id = await c.ExecuteScalarAsync<Guid>("""
                INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, sobrenome, origem)
                VALUES (@phone, @phone || '@s.whatsapp.net', 'Anacleto', 'Bororema', 'manual') RETURNING id
                """, new { phone });
        // What a turn left in the cache just before Redis went away: his views, with the TTL they are written with.
        string[] keys = [$"medico:telefone:{phone}", $"medico:id:{id}", $"contexto:medico:{id}"];
        using (var before = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}"))
        {
            foreach (var key in keys)
                await before.GetDatabase(0).StringSetAsync(key, $"{{\"primeiro_nome\":\"Anacleto\",\"telefone\":\"{phone}\"}}", TimeSpan.FromMinutes(5));
            await before.GetDatabase(0).StringSetAsync("teste:marcador", "1", TimeSpan.FromMinutes(5)); // nobody deletes it
        }
        await redis.StopKeepingDataAsync();

        using (var response = await client.PostAsJsonAsync($"/admin/medicos/{id}/apagar", new { motivo = "pedido", solicitado_por = "dpo" }))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using (var data = db.CreateDataSource())
        await using (var c = await data.OpenConnectionAsync())
            Assert.Equal("falhou", await c.ExecuteScalarAsync<string>(
                "SELECT externos->'redis'->>'status' FROM solicitacoes_titular WHERE medico_id = @id AND tipo = 'apagar'", new { id }));

        await redis.StartAsync(); // the same keys, the same TTLs: a restart, not a loss
        using var after = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        // His keys may already be gone (Júlia reconnects within ms): a key nobody deletes shows the restart kept the data.
        Assert.True(await after.GetDatabase(0).KeyExistsAsync("teste:marcador"), "the restart should have kept the data (else this test proves nothing)");
        var left = await Eventually.MatchesAsync(async () =>
        {
            var n = 0;
            foreach (var key in keys) if (await after.GetDatabase(0).KeyExistsAsync(key)) n++;
            return n;
        }, n => n == 0, seconds: 30);
        Assert.Equal(0, left);
        await app.Logs.AssertLoggedAsync(l => l.EventId == 9709, "LGPD: Redis voltou: … chaves do médico apagado … removidas");
    }
}
