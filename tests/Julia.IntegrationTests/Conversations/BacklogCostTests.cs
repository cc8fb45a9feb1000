using System.Text.Json;
using Dapper;
using Julia.Conversations;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// A turn's cost must not grow with other doctors' backlog (migrations 0007 and 0008): the turn's UPDATE that attaches a doctor's
/// new inbound rows to his conversation (ConversationStore.BeginTurnAsync, with its own WHERE) reads his rows only — on
/// the generic plan a prepared statement settles on, with statistics taken before the backlog built up, as after an
/// outage. Counted in buffers, not timed.
/// </summary>
public sealed class BacklogCostTests
{
    [Fact]
    public async Task AttachingADoctorsNewMessagesReadsHisRowsNotTheWholeBacklog()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await using var c = await source.OpenConnectionAsync();

        // 2 000 doctors with ten consumed messages each, in closed conversations; statistics of that state.
        await c.ExecuteAsync("""
            WITH antigos AS (
                INSERT INTO medicos (telefone, origem) SELECT '55119777' || lpad(g::text, 5, '0'), 'import'
                FROM generate_series(1, 2000) g RETURNING id),
            conversas AS (
                INSERT INTO conversations (medico_id, status) SELECT id, 'completed' FROM antigos RETURNING id, medico_id)
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, processado_em)
            SELECT c.medico_id, c.id, 'entrada', 'texto', 'medico', 'whatsapp', 'antiga', now()
            FROM conversas c CROSS JOIN generate_series(1, 10) g;
            ANALYZE interacoes;
            """);
        // Then a backlog: 4 000 accepted messages of 40 doctors, waiting for their turns (not attached yet).
        await c.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id)
            SELECT m.id, 'entrada', 'texto', 'medico', 'whatsapp', 'na fila', 'backlog-' || m.id || '-' || g
            FROM (SELECT id FROM medicos ORDER BY id LIMIT 40) m CROSS JOIN generate_series(1, 100) g
            """);
        var quiet = await c.ExecuteScalarAsync<Guid>("SELECT id FROM medicos ORDER BY id DESC LIMIT 1");

        await c.ExecuteAsync("SET plan_cache_mode = force_generic_plan");
        await c.ExecuteAsync($"PREPARE attach(uuid) AS UPDATE interacoes SET conversa_id = conversa_id WHERE {ConversationStore.UnattachedInboundOf("$1")}");
        var plan = await c.ExecuteScalarAsync<string>($"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE attach('{quiet}')");

        var root = JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan");
        var scan = root.GetProperty("Plans")[0];
        Assert.Equal("interacoes_entrada_pendente_medico_conversa_idx", scan.GetProperty("Index Name").GetString());
        // Scanning the backlog reads dozens to thousands of buffers; his own (no) rows, a handful.
        var buffers = scan.GetProperty("Shared Hit Blocks").GetInt64() + scan.GetProperty("Shared Read Blocks").GetInt64();
        Assert.True(buffers <= 10, $"{buffers} buffers to find a quiet doctor's new rows");
        Assert.False(scan.TryGetProperty("Rows Removed by Filter", out var removed) && removed.GetInt64() > 0,
            "the backlog's rows were read and filtered out");
    }
}
