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

        // 2 000 doctors' history (CostTestData); statistics of that state. Then a backlog: 4 000 accepted messages of 40
        // doctors, waiting for their turns (not attached yet).
        await CostTestData.HistoryAsync(c, 1, 2000);
        await c.ExecuteAsync("ANALYZE interacoes");
        await CostTestData.BacklogAsync(c, 40);
        var quiet = await c.ExecuteScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone LIKE '55119%' ORDER BY telefone DESC LIMIT 1");

        var root = await CostTestData.GenericPlanAsync(c,
            $"UPDATE interacoes SET conversa_id = conversa_id WHERE {ConversationStore.UnattachedInboundOf("$1")}", "uuid", $"'{quiet}'");

        // The UPDATE's scan of interacoes (beside it, the InitPlan that reads his open conversation).
        var scan = root.GetProperty("Plans").EnumerateArray().Single(p => p.TryGetProperty("Relation Name", out var r) && r.GetString() == "interacoes");
        // An index scan, or a bitmap heap scan over the same index: either reads his rows only.
        var index = scan.TryGetProperty("Index Name", out var name) ? name : scan.GetProperty("Plans")[0].GetProperty("Index Name");
        Assert.Equal("interacoes_entrada_pendente_medico_conversa_idx", index.GetString());
        // Scanning the backlog reads dozens to thousands of buffers; his own (no) rows, a handful.
        var buffers = scan.GetProperty("Shared Hit Blocks").GetInt64() + scan.GetProperty("Shared Read Blocks").GetInt64();
        Assert.True(buffers <= 10, $"{buffers} buffers to find a quiet doctor's new rows");
        Assert.False(scan.TryGetProperty("Rows Removed by Filter", out var removed) && removed.GetInt64() > 0,
            "the backlog's rows were read and filtered out");
    }
}
