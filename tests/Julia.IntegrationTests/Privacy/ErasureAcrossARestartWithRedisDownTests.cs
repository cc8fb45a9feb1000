using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Julia.IntegrationTests.TestHost;
using StackExchange.Redis;

namespace Julia.IntegrationTests.Privacy;

/// <summary>
/// An erasure while Redis is down, and the service restarted before Redis came back (docs/decisions.md#lgpd, "Redis
/// down during an erasure"): the erasing process's in-memory retry is gone with it, yet the erased doctor's cached views
/// (`medico:*`, `contexto:medico:*`) and the time of his last send (`rate:ultimo:{número}`), whose names hold his phone,
/// are deleted when Redis answers the new process — found
/// by a sweep against the database, not from anything written down. A doctor who is still there keeps his.
/// </summary>
public sealed class ErasureAcrossARestartWithRedisDownTests
{
    const string Token = "tok-admin-reinicio";

    [Fact]
    public async Task AnErasedDoctorsKeysAreDeletedWhenRedisAnswersTheProcessStartedAfterTheErasure()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = new PrivateRedisServer();
        await redis.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["HUMANIZAR"] = "false", ["ADMIN_API_TOKEN"] = Token, ["LGPD_SEGREDO"] = "segredo-reinicio",
            ["Privacy:CacheRetryMilliseconds"] = "200",
        };
        await using var first = new JuliaAppFactory(db.Url, redis.Url, settings);
        using var client = first.CreateClient(); // the schema is the host's to create
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        const string erasedPhone = "5511988870921", keptPhone = "5511988870922";
        Guid erased, kept;
        await using (var data = db.CreateDataSource())
        await using (var c = await data.OpenConnectionAsync())
        {
            const string insert = """
                INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, sobrenome, origem)
                VALUES (@phone, @phone || '@s.whatsapp.net', @nome, 'Bororema', 'manual') RETURNING id
                """;
            erased = await c.ExecuteScalarAsync<Guid>(insert, new { phone = erasedPhone, nome = "Anacleto" });
            kept = await c.ExecuteScalarAsync<Guid>(insert, new { phone = keptPhone, nome = "Belmira" });
        }
        // rate:ultimo:{número} too: the time of his last send, named by his phone (docs/decisions.md#lgpd). A doctor known only
        // by his LID keeps his, keyed by the LID's digits.
        const string keptLid = "190000000007781";
        await using (var data = db.CreateDataSource())
            await data.CreateCommand($"INSERT INTO medicos (whatsapp_lid, primeiro_nome, origem) VALUES ('{keptLid}@lid', 'Ciro', 'manual')").ExecuteNonQueryAsync();
        string[] erasedKeys = [$"medico:telefone:{erasedPhone}", $"medico:id:{erased}", $"contexto:medico:{erased}", $"rate:ultimo:{erasedPhone}"];
        string[] keptKeys = [$"medico:telefone:{keptPhone}", $"medico:id:{kept}", $"contexto:medico:{kept}", $"rate:ultimo:{keptPhone}", $"rate:ultimo:{keptLid}"];
        using (var before = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}"))
        {
            foreach (var key in erasedKeys.Concat(keptKeys).Append("teste:marcador"))
                await before.GetDatabase(0).StringSetAsync(key, "{\"primeiro_nome\":\"x\"}", TimeSpan.FromMinutes(5));
        }
        await redis.StopKeepingDataAsync();

        using (var response = await client.PostAsJsonAsync($"/admin/medicos/{erased}/apagar", new { motivo = "pedido", solicitado_por = "dpo" }))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await first.DisposeAsync(); // the process that erased him ends with Redis still down: its retry, in memory, ends with it

        await using var second = new JuliaAppFactory(db.Url, redis.Url, settings);
        using (second.CreateClient()) { } // started, Redis still down
        await redis.StartAsync(); // the same keys, the same TTLs
        using var after = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port}");
        Assert.True(await after.GetDatabase(0).KeyExistsAsync("teste:marcador"), "the restart should have kept the data (else this test proves nothing)");

        var left = await Eventually.MatchesAsync(async () =>
        {
            var n = 0;
            foreach (var key in erasedKeys) if (await after.GetDatabase(0).KeyExistsAsync(key)) n++;
            return n;
        }, n => n == 0, seconds: 30);
        Assert.Equal(0, left);
        foreach (var key in keptKeys) Assert.True(await after.GetDatabase(0).KeyExistsAsync(key), $"{key}: a doctor still there keeps his cache");
        await second.Logs.AssertLoggedAsync(l => l.EventId == 9711, "LGPD: varredura do Redis: 4 chaves de médicos apagados removidas");
    }
}
