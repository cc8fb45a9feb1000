using Dapper;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.IntegrationTests.Migrations;

public sealed class SchemaTests
{
    static readonly string[] RunbookTables =
    [
        "conversations", "interacoes", "fila_mensagens", "handoffs", "medicos", "hospitais", "especialidades", "setores",
        "periodos", "tipos_vaga", "formas_recebimento", "vagas", "reservas_vaga", "campanhas", "envios_campanha",
        "avaliacoes_qualidade", "alertas_enviados",
    ];

    [Fact]
    public async Task MigrationsRunConcurrentlyFromTwoProcessesAndTwiceWithoutHarm()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var first = db.CreateDataSource();
        await using var second = db.CreateDataSource();

        var applied = await Task.WhenAll(
            new MigrationRunner(first, NullLogger<MigrationRunner>.Instance).RunAsync(default),
            new MigrationRunner(second, NullLogger<MigrationRunner>.Instance).RunAsync(default));
        var again = await new MigrationRunner(first, NullLogger<MigrationRunner>.Instance).RunAsync(default);

        var total = EmbeddedSql.Migrations().Count();
        Assert.True(total >= 1);
        Assert.Equal(total, applied.Sum());
        Assert.Equal(0, again);
        await using var connection = await first.OpenConnectionAsync();
        Assert.Equal(total, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
        var tables = (await connection.QueryAsync<string>("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")).ToHashSet();
        Assert.All(RunbookTables, t => Assert.Contains(t, tables));
        Assert.True(await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')"));
    }

    [Fact]
    public async Task ConstraintsHoldOneOpenConversationPerDoctorAndInboundDedupe()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await using var c = await source.OpenConnectionAsync();
        var medico = await c.ExecuteScalarAsync<Guid>("INSERT INTO medicos (telefone) VALUES ('5511999990001') RETURNING id");
        var conversa = await c.ExecuteScalarAsync<Guid>("INSERT INTO conversations (medico_id) VALUES (@medico) RETURNING id", new { medico });

        var secondOpen = await Assert.ThrowsAsync<PostgresException>(() =>
            c.ExecuteAsync("INSERT INTO conversations (medico_id, status) VALUES (@medico, 'paused')", new { medico }));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, secondOpen.SqlState);

        const string insertInbound = """
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id)
            VALUES (@medico, @conversa, 'entrada', 'texto', 'medico', 'whatsapp', 'oi', 'WAID-1')
            ON CONFLICT (provider_message_id) WHERE direcao = 'entrada' DO NOTHING
            """;
        Assert.Equal(1, await c.ExecuteAsync(insertInbound, new { medico, conversa }));
        Assert.Equal(0, await c.ExecuteAsync(insertInbound, new { medico, conversa }));

        var badStatus = await Assert.ThrowsAsync<PostgresException>(() =>
            c.ExecuteAsync("INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status) VALUES (@medico, 'resposta', 'x', 'perdida')", new { medico }));
        Assert.Equal(PostgresErrorCodes.CheckViolation, badStatus.SqlState);

        await c.ExecuteAsync("INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo) VALUES (@conversa, @medico, 'manual', 't')", new { medico, conversa });
        await c.ExecuteAsync("DELETE FROM conversations WHERE id = @conversa", new { conversa });
        Assert.Equal(0, await c.ExecuteScalarAsync<int>("SELECT count(*) FROM handoffs"));
        Assert.Null(await c.ExecuteScalarAsync<Guid?>("SELECT conversa_id FROM interacoes"));
    }
}
