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

    // The one-column rules of interacoes and medicos are domains since migration 0012 (docs/decisions.md#data-model): a
    // value outside each vocabulary is still refused, on INSERT and on UPDATE, as a check violation naming the
    // constraint the table's CHECK had.
    [Theory]
    [InlineData("interacoes", "direcao", "text", "chegada", "interacoes_direcao")]
    [InlineData("interacoes", "tipo", "text", "gif", "interacoes_tipo")]
    [InlineData("interacoes", "autor_tipo", "text", "bot", "interacoes_autor_tipo")]
    [InlineData("interacoes", "origem", "text", "sms", "interacoes_origem")]
    [InlineData("interacoes", "origem", "text", "fila", "interacoes_origem")]
    [InlineData("interacoes", "tempo_resposta_ms", "integer", "-1", "interacoes_tempo_resposta_ms")]
    [InlineData("medicos", "telefone", "text", "+5511999990002", "medicos_telefone_digitos")]
    [InlineData("medicos", "estado", "text", "sp", "medicos_estado")]
    [InlineData("medicos", "stage_jornada", "text", "cliente", "medicos_stage_jornada")]
    [InlineData("medicos", "pressure_score", "integer", "101", "medicos_pressure_score")]
    [InlineData("medicos", "pressure_score", "integer", "-1", "medicos_pressure_score")]
    [InlineData("medicos", "origem", "text", "api", "medicos_origem")]
    [InlineData("medicos", "preferencias_detectadas", "jsonb", "[]", "medicos_preferencias_object")]
    [InlineData("medicos", "tags", "jsonb", "{}", "medicos_tags_array")]
    public async Task AValueOutsideAColumnsVocabularyIsRefused(string table, string column, string type, string value, string constraint)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await using var c = await source.OpenConnectionAsync();
        var medico = await c.ExecuteScalarAsync<Guid>("INSERT INTO medicos (telefone) VALUES ('5511999990001') RETURNING id");
        await c.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, tempo_resposta_ms)
            VALUES (@medico, 'saida', 'texto', 'julia', 'fila:resposta', 'oi', 10)
            """, new { medico });

        var update = await Assert.ThrowsAsync<PostgresException>(() =>
            c.ExecuteAsync($"UPDATE {table} SET {column} = CAST(@value AS {type})", new { value }));
        Assert.Equal(PostgresErrorCodes.CheckViolation, update.SqlState);
        Assert.Equal(constraint, update.ConstraintName);

        var row = table == "medicos"
            ? new Dictionary<string, string> { ["whatsapp_lid"] = "'lid-2'" }
            : new Dictionary<string, string>
            {
                ["medico_id"] = "@medico", ["direcao"] = "'entrada'", ["tipo"] = "'texto'", ["autor_tipo"] = "'medico'", ["origem"] = "'whatsapp'",
            };
        row[column] = $"CAST(@value AS {type})";
        var insert = await Assert.ThrowsAsync<PostgresException>(() => c.ExecuteAsync(
            $"INSERT INTO {table} ({string.Join(", ", row.Keys)}) VALUES ({string.Join(", ", row.Values)})", new { medico, value }));
        Assert.Equal(PostgresErrorCodes.CheckViolation, insert.SqlState);
        Assert.Equal(constraint, insert.ConstraintName);
    }

    // ...and every value of each vocabulary, and NULL where the column allows it, is accepted as before.
    [Fact]
    public async Task EveryValueOfTheVocabulariesAndNullAreAccepted()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await using var c = await source.OpenConnectionAsync();
        var medico = await c.ExecuteScalarAsync<Guid>("""
            INSERT INTO medicos (telefone, estado, pressure_score, origem, preferencias_detectadas, tags)
            VALUES ('5511999990001', 'BA', 100, 'import', '{"turno": "noite"}', '["vip"]') RETURNING id
            """);
        foreach (var stage in new[] { "novo", "msg_enviada", "aguardando_resposta", "respondeu", "em_conversacao", "qualificado", "docs_pendentes",
                     "cadastrado", "ativo", "nao_respondeu", "inativo", "perdido", "opt_out" })
            Assert.Equal(1, await c.ExecuteAsync("UPDATE medicos SET stage_jornada = @stage WHERE id = @medico", new { stage, medico }));
        foreach (var origem in new[] { "whatsapp_inbound", "manual" })
            Assert.Equal(1, await c.ExecuteAsync("UPDATE medicos SET origem = @origem WHERE id = @medico", new { origem, medico }));
        Assert.Equal(1, await c.ExecuteAsync("""
            INSERT INTO medicos (whatsapp_lid, telefone, estado, pressure_score) VALUES ('lid-2', NULL, NULL, 0)
            """));
        Assert.Equal(1, await c.ExecuteAsync("UPDATE medicos SET estado = NULL, pressure_score = 0 WHERE id = @medico", new { medico }));

        var tipos = new[] { "texto", "audio", "imagem", "documento", "video", "sticker", "outro" };
        var rows = new List<(string Direcao, string Tipo, string? Autor, string? Origem, int? Tempo)>
        {
            ("entrada", "texto", null, null, null), ("saida", "texto", "julia", "fila:resposta", 0), ("saida", "texto", "humano", "chatwoot", null),
            ("saida", "texto", "sistema", "fila:", null), ("entrada", "texto", "medico", "whatsapp", 1),
        };
        rows.AddRange(tipos.Select(t => ("entrada", t, (string?)"medico", (string?)"whatsapp", (int?)null)));
        foreach (var (direcao, tipo, autor, origem, tempo) in rows)
            Assert.Equal(1, await c.ExecuteAsync("""
                INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, tempo_resposta_ms)
                VALUES (@medico, @direcao, @tipo, @autor, @origem, @tempo)
                """, new { medico, direcao, tipo, autor, origem, tempo }));
        // The column default still applies, and a NULL direcao or tipo is still refused by NOT NULL.
        Assert.Equal("texto", await c.ExecuteScalarAsync<string>(
            "INSERT INTO interacoes (medico_id, direcao) VALUES (@medico, 'entrada') RETURNING tipo", new { medico }));
        var noDirection = await Assert.ThrowsAsync<PostgresException>(() =>
            c.ExecuteAsync("INSERT INTO interacoes (medico_id, direcao) VALUES (@medico, NULL)", new { medico }));
        Assert.Equal(PostgresErrorCodes.NotNullViolation, noDirection.SqlState);
    }
}
