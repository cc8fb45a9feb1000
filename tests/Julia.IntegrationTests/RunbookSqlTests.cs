using Dapper;
using Julia.DemoData;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests;

/// <summary>
/// Every SQL statement of the customer's runbook (kept in docs/runbook.md): the five under "Banco de Dados", then
/// the three under "Limpeza", in that order, against a migrated database holding demo data.
/// </summary>
public sealed class RunbookSqlTests
{
    static readonly string[] BancoDeDados =
    [
        "SELECT COUNT(*) FROM conversations WHERE status = 'active';",
        "SELECT COUNT(*) FROM fila_mensagens WHERE status = 'pendente';",
        "SELECT * FROM handoffs WHERE status = 'pendente' ORDER BY created_at DESC;",
        "SELECT * FROM interacoes ORDER BY created_at DESC LIMIT 10;",
        "SELECT * FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;",
    ];

    static readonly string[] Limpeza =
    [
        "DELETE FROM conversations WHERE created_at < NOW() - INTERVAL '90 days';",
        "DELETE FROM interacoes WHERE created_at < NOW() - INTERVAL '90 days';",
        "DELETE FROM fila_mensagens WHERE status = 'enviada' AND enviada_em < NOW() - INTERVAL '30 days';",
    ];

    [Fact]
    public async Task EveryRunbookStatementRunsInOrderOnDemoData()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await new DemoDataSeeder(source, NullLogger<DemoDataSeeder>.Instance).SeedAsync(default);
        await using var c = await source.OpenConnectionAsync();
        await AgeSomeRowsSoTheCleanupDeletesThemAsync(c);

        foreach (var sql in BancoDeDados)
            await c.QueryAsync(sql);
        var deleted = new List<int>();
        foreach (var sql in Limpeza)
            deleted.Add(await c.ExecuteAsync(sql));

        Assert.Equal([1, 1, 1], deleted.Select(n => Math.Min(n, 1)));
        Assert.True(await c.ExecuteScalarAsync<long>(BancoDeDados[0]) >= 0);
    }

    [Fact]
    public void TheAdaptedRunbookKeepsEveryStatementVerbatim()
    {
        var runbook = File.ReadAllText(Path.Combine(Repository.Root, "docs", "runbook.md"));

        Assert.All(BancoDeDados.Concat(Limpeza), sql => Assert.Contains(sql, runbook));
    }

    // An old conversation with an old inbound message and a month-old sent queue row, so each DELETE has work to do.
    static async Task AgeSomeRowsSoTheCleanupDeletesThemAsync(Npgsql.NpgsqlConnection c)
    {
        var medico = await c.ExecuteScalarAsync<Guid>("SELECT id FROM medicos ORDER BY telefone LIMIT 1");
        var conversa = await c.ExecuteScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, created_at) VALUES (@medico, 'completed', now() - interval '120 days') RETURNING id
            """, new { medico });
        await c.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, created_at, processado_em)
            VALUES (@medico, @conversa, 'entrada', 'texto', 'medico', 'whatsapp', 'antiga', 'OLD-1', now() - interval '120 days', now() - interval '120 days')
            """, new { medico, conversa });
        await c.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, status, enviada_em, created_at)
            VALUES (@medico, @conversa, 'resposta', 'antiga', 'enviada', now() - interval '40 days', now() - interval '40 days')
            """, new { medico, conversa });
    }

}
