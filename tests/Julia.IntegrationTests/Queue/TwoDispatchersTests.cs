using Dapper;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Queue;

public sealed class TwoDispatchersTests
{
    [Fact]
    public async Task TwoProcessesDrainingOneQueueNeverSendAMessageTwice()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var evolution = await FakeEvolution.StartAsync();
        var settings = new Dictionary<string, string?> { ["HUMANIZAR"] = "false", ["EVOLUTION_URL"] = evolution.Url, ["EVOLUTION_API_KEY"] = "k" };
        await using var a = new JuliaAppFactory(db, redis, settings);
        await using var b = new JuliaAppFactory(db, redis, settings);
        _ = a.Server;
        _ = b.Server;
        await using var source = db.CreateDataSource();
        await using var c = await source.OpenConnectionAsync();

        await c.ExecuteAsync("""
            WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid)
                       SELECT '55119999930' || lpad(n::text, 2, '0'), '55119999930' || lpad(n::text, 2, '0') || '@s.whatsapp.net'
                       FROM generate_series(1, 60) n RETURNING id, telefone)
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade) SELECT id, 'sistema', 'aviso ' || telefone, 10 FROM m
            """);
        await Eventually.MatchesAsync(() => c.ExecuteScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE status = 'enviada'"), n => n == 60);
        await Task.Delay(300);

        var texts = evolution.Sends.Select(s => s.Body!["text"]!.GetValue<string>()).ToList();
        Assert.Equal(60, texts.Count);
        Assert.Equal(60, texts.Distinct().Count());
        Assert.Equal(60, await c.ExecuteScalarAsync<long>("SELECT count(*) FROM interacoes WHERE direcao = 'saida'"));
    }
}
