using System.Text.Json;
using Dapper;
using Julia.Conversations;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Julia.IntegrationTests.Conversations;

/// <summary>
/// The turn's attach statement (ConversationStore.AttachInboundSql) must cost the same whatever the size of interacoes:
/// on the generic plan a prepared statement settles on, no node of it may read more than a handful of rows or buffers,
/// for the common turn (nothing was pending for the doctor) and for the one that supersedes a reply still queued.
/// Counted in rows and buffers, not timed. Found with auto_explain during `bench/run.sh e2e`: the CTE that gives a
/// superseded reply's messages back to the turn scanned every inbound row of the table although nothing was superseded.
/// </summary>
public sealed class TurnStartCostTests
{
    const int MaxRowsPerNode = 10;
    const int MaxBuffersPerNode = 40;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AttachingANewMessageReadsOnlyTheDoctorsRows(bool staleStatistics)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await using var c = await HistoryAsync(source, staleStatistics);
        var medico = await DoctorWithNewMessageAsync(c, supersededReply: false);

        AssertBounded(await PlanAsync(c, medico));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SupersedingAQueuedReplyReadsOnlyTheDoctorsRows(bool staleStatistics)
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await using var c = await HistoryAsync(source, staleStatistics);
        var medico = await DoctorWithNewMessageAsync(c, supersededReply: true);

        var plan = await PlanAsync(c, medico);
        AssertBounded(plan);
        // The superseded reply's message went back to the turn: the case really ran.
        Assert.Equal(1, await c.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL AND conteudo = 'primeira'",
            new { medico }));
    }

    /// <summary>
    /// 3 000 doctors' history (<see cref="CostTestData"/>). Statistics of that state, or <paramref name="stale"/>: of the
    /// empty tables, as in a young deployment whose table grew faster than auto-analyze followed (the state in which the
    /// bench found the scan).
    /// </summary>
    static async Task<NpgsqlConnection> HistoryAsync(NpgsqlDataSource source, bool stale)
    {
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        var c = await source.OpenConnectionAsync();
        await CostTestData.FreezeStatisticsAsync(c);
        await CostTestData.HistoryAsync(c, 1, 3000);
        if (!stale) await c.ExecuteAsync("ANALYZE interacoes; ANALYZE conversations; ANALYZE fila_mensagens; ANALYZE medicos;");
        return c;
    }

    /// <summary>
    /// A doctor with an open conversation and one new message not attached yet; with <paramref name="supersededReply"/>,
    /// an earlier message of his whose reply is still queued (not sent), which the new message supersedes.
    /// </summary>
    static async Task<Guid> DoctorWithNewMessageAsync(NpgsqlConnection c, bool supersededReply)
    {
        var medico = await c.ExecuteScalarAsync<Guid>("SELECT id FROM medicos ORDER BY id DESC LIMIT 1");
        var conversa = await c.ExecuteScalarAsync<Guid>(
            "INSERT INTO conversations (medico_id, status) VALUES (@medico, 'active') RETURNING id", new { medico });
        if (supersededReply)
        {
            var first = await c.ExecuteScalarAsync<long>("""
                INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, processado_em)
                VALUES (@medico, @conversa, 'entrada', 'texto', 'medico', 'whatsapp', 'primeira', 'first-' || @medico, now()) RETURNING id
                """, new { medico, conversa });
            await c.ExecuteAsync("""
                INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, lote_id, sequencia, metadata)
                VALUES (@medico, @conversa, 'resposta', 'resposta ainda na fila', gen_random_uuid(), 1,
                        jsonb_build_object('turno_de', @first, 'turno_ate', @first))
                """, new { medico, conversa, first });
        }
        await c.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id)
            VALUES (@medico, 'entrada', 'texto', 'medico', 'whatsapp', 'nova', 'new-' || @medico)
            """, new { medico });
        return medico;
    }

    static Task<JsonElement> PlanAsync(NpgsqlConnection c, Guid medico) =>
        CostTestData.GenericPlanAsync(c, ConversationStore.AttachInboundSql.Replace("@medicoId", "$1"), "uuid", $"'{medico}'");

    static void AssertBounded(JsonElement plan)
    {
        foreach (var (name, rows, leafBuffers) in CostTestData.PlanNodes(plan))
        {
            Assert.True(rows <= MaxRowsPerNode, $"{name} produced {rows} rows");
            Assert.True(leafBuffers <= MaxBuffersPerNode, $"{name} read {leafBuffers} buffers");
        }
    }
}
