using System.Text.Json;
using Dapper;
using Npgsql;

namespace Julia.IntegrationTests.Conversations;

/// <summary>Data for the tests that count what a statement reads as the tables grow (BacklogCostTests and the like).</summary>
internal static class CostTestData
{
    /// <summary>
    /// Doctors <paramref name="first"/>…<paramref name="last"/> (phones 55119…), each with a closed conversation of ten
    /// consumed messages, five in and five out, every one with a provider id, the day before; each message out also a
    /// sent queue row.
    /// </summary>
    public static Task HistoryAsync(NpgsqlConnection c, int first, int last) => c.ExecuteAsync("""
        WITH antigos AS (
            INSERT INTO medicos (telefone, origem) SELECT '55119' || lpad(g::text, 8, '0'), 'import'
            FROM generate_series(@first, @last) g RETURNING id),
        conversas AS (
            INSERT INTO conversations (medico_id, status) SELECT id, 'completed' FROM antigos RETURNING id, medico_id),
        enviadas AS (
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, status, enviada_em, provider_message_id, created_at)
            SELECT c.medico_id, c.id, 'resposta', 'antiga', 10, 'enviada', now() - interval '1 day', 'old-' || c.id || '-' || g, now() - interval '1 day'
            FROM conversas c CROSS JOIN generate_series(2, 10, 2) g)
        INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, processado_em, created_at)
        SELECT c.medico_id, c.id, CASE WHEN g % 2 = 1 THEN 'entrada' ELSE 'saida' END, 'texto',
               CASE WHEN g % 2 = 1 THEN 'medico' ELSE 'julia' END, 'whatsapp', 'antiga', 'old-' || c.id || '-' || g,
               CASE WHEN g % 2 = 1 THEN now() - interval '1 day' END, now() - interval '1 day' + g * interval '1 minute'
        FROM conversas c CROSS JOIN generate_series(1, 10) g
        """, new { first, last });

    /// <summary>
    /// <paramref name="doctors"/> doctors (phones 55319…) with 100 messages each, accepted but not attached to a
    /// conversation yet: a backlog waiting for its turns.
    /// </summary>
    public static Task BacklogAsync(NpgsqlConnection c, int doctors) => c.ExecuteAsync("""
        WITH esperando AS (
            INSERT INTO medicos (telefone, origem) SELECT '55319' || lpad(g::text, 8, '0'), 'import'
            FROM generate_series(1, @doctors) g RETURNING id)
        INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id)
        SELECT e.id, 'entrada', 'texto', 'medico', 'whatsapp', 'na fila', 'backlog-' || e.id || '-' || g
        FROM esperando e CROSS JOIN generate_series(1, 100) g
        """, new { doctors });

    /// <summary>
    /// The plan a prepared statement settles on (the generic one), run: <paramref name="sql"/> with parameters $1…$n of
    /// <paramref name="parameterTypes"/> (e.g. "uuid"), executed with <paramref name="arguments"/> as SQL literals.
    /// EXPLAIN (ANALYZE, BUFFERS); returns the root plan node.
    /// </summary>
    public static async Task<JsonElement> GenericPlanAsync(NpgsqlConnection c, string sql, string parameterTypes, string arguments)
    {
        await c.ExecuteAsync("SET plan_cache_mode = force_generic_plan");
        await c.ExecuteAsync($"PREPARE measured({parameterTypes}) AS {sql}");
        var plan = await c.ExecuteScalarAsync<string>($"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) EXECUTE measured({arguments})");
        return JsonDocument.Parse(plan!).RootElement[0].GetProperty("Plan").Clone();
    }

    /// <summary>
    /// Every node of a plan: "node type index-or-relation", the rows it produced over all its loops, and for a leaf its
    /// own buffers (an inner node's buffers include its children's, so they are left at 0).
    /// </summary>
    public static IEnumerable<(string Name, double Rows, long LeafBuffers)> PlanNodes(JsonElement node)
    {
        var name = $"{node.GetProperty("Node Type").GetString()} {(node.TryGetProperty("Index Name", out var i) ? i.GetString() : node.TryGetProperty("Relation Name", out var r) ? r.GetString() : "")}";
        var rows = node.TryGetProperty("Actual Rows", out var a) ? a.GetDouble() * node.GetProperty("Actual Loops").GetDouble() : 0;
        var leaf = !node.TryGetProperty("Plans", out var children) || children.GetArrayLength() == 0;
        // A CTE Scan reads its CTE's stored rows; the buffers EXPLAIN gives it are the CTE's own work (index entries of
        // an UPDATE … RETURNING, say), which the CTE's nodes show where they are spent.
        var own = leaf && node.GetProperty("Node Type").GetString() != "CTE Scan";
        yield return (name, rows, own ? node.GetProperty("Shared Hit Blocks").GetInt64() + node.GetProperty("Shared Read Blocks").GetInt64() : 0);
        if (leaf) yield break;
        foreach (var child in children.EnumerateArray())
            foreach (var n in PlanNodes(child)) yield return n;
    }

    /// <summary>Statistics of the tables as they are now, and none taken automatically from here on.</summary>
    public static Task FreezeStatisticsAsync(NpgsqlConnection c) => c.ExecuteAsync("""
        ALTER TABLE interacoes SET (autovacuum_enabled = false);
        ALTER TABLE conversations SET (autovacuum_enabled = false);
        ALTER TABLE fila_mensagens SET (autovacuum_enabled = false);
        ALTER TABLE medicos SET (autovacuum_enabled = false);
        ANALYZE interacoes; ANALYZE conversations; ANALYZE fila_mensagens; ANALYZE medicos;
        """);
}
