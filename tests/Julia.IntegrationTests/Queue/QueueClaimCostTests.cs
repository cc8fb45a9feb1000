using Dapper;
using Julia.Infrastructure.Database;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.Queue;
using Microsoft.Extensions.Logging.Abstractions;

namespace Julia.IntegrationTests.Queue;

/// <summary>
/// The reply lane's and the proactive lane's claim (DispatchStore.ClaimSql) must read only the rows it takes, however
/// many pending rows share their timestamps — a campaign queued in one statement gives thousands of rows the same
/// agendar_para and created_at. Before migration 0009 the index stopped at created_at and every claim read all of them
/// to sort by id (the dispatcher drain bench: ~47 ms per claim). Counted in rows, on the generic plan a prepared
/// statement settles on, not timed, in a queue whose sent history outnumbers its pending rows, as in production.
/// </summary>
public sealed class QueueClaimCostTests
{
    const int Queued = 3000;
    const int Size = 16;

    [Fact]
    public async Task AClaimReadsTheRowsItTakesNotEveryRowQueuedWithThem()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using var source = db.CreateDataSource();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).RunAsync(default);
        await using var c = await source.OpenConnectionAsync();
        await CostTestData.HistoryAsync(c, 1, Queued);
        // A queue with its history: sent rows outnumber pending ones, as in production.
        await c.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, status, enviada_em, created_at)
            SELECT m.id, 'resposta', 'antiga', 10, 'enviada', now() - interval '2 days', now() - interval '2 days'
            FROM medicos m CROSS JOIN generate_series(1, 30)
            """);
        // One statement: every row has the same agendar_para and created_at, as a campaign's.
        await c.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, status)
            SELECT medico_id, id, 'campanha', 'Olá! Temos plantões novos.', 5, 'pendente' FROM conversations
            """);
        await c.ExecuteAsync("ANALYZE fila_mensagens; ANALYZE medicos; ANALYZE conversations; ANALYZE interacoes;");

        var sql = DispatchStore.ClaimSql.Replace("@kinds", "$1").Replace("@busyConversations", "$2").Replace("@size", "$3").Replace("@markFirst", "$4");
        var plan = await CostTestData.GenericPlanAsync(c, sql, "text[], uuid[], int, boolean", $"'{{campanha}}', '{{}}', {Size}, false");

        // The claim took its rows…
        Assert.Equal(Size, plan.GetProperty("Actual Rows").GetInt32());
        // …and no scan of the queue read more than a few rows per row taken. (Other nodes may hash a small table: a
        // generic plan does not know the LIMIT.)
        var widest = CostTestData.PlanNodes(plan).Where(n => n.Name.Contains("fila_mensagens", StringComparison.Ordinal)).MaxBy(n => n.Rows);
        Assert.True(widest.Rows <= 4 * Size, $"{widest.Name} produced {widest.Rows} rows of {Queued} queued");
    }
}
