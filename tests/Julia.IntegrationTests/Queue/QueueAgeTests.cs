using Dapper;
using Julia.IntegrationTests.TestHost;
using Julia.Metrics;
using Julia.Queue;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Queue;

/// <summary>
/// The queue's age through an Evolution outage: a reply the unreachable gateway keeps postponing by 30 s is late, not
/// rescheduled — `idade_mais_antiga_s` and `pendentes_vencidas` count it from when it first fell due (an outside pass,
/// 2026-12-02: both stayed 0 for the whole outage, and `fila_congestionada` could never fire).
/// </summary>
public sealed class QueueAgeTests(AppFixture f) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task AReplyPostponedByAnUnreachableGatewayKeepsItsAge()
    {
        await using var db = f.Database.CreateDataSource();
        Guid id;
        await using (var c = await db.OpenConnectionAsync())
            id = await c.ExecuteScalarAsync<Guid>("""
                WITH m AS (INSERT INTO medicos (telefone) VALUES ('5511999992501') RETURNING id)
                INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade, status, agendar_para, processando_desde)
                SELECT m.id, 'resposta', 'x', 10, 'processando', now() - interval '20 minutes', now() FROM m RETURNING id
                """);
        var store = f.Factory.Services.GetRequiredService<DispatchStore>();

        // Twice, as the dispatcher does every 30 s while Evolution refuses connections.
        await store.PostponeAsync(id, DateTimeOffset.UtcNow.AddSeconds(30), "evolution_inacessivel", default, overdue: true);
        await using (var c = await db.OpenConnectionAsync())
            await c.ExecuteAsync("UPDATE fila_mensagens SET status = 'processando' WHERE id = @id", new { id });
        await store.PostponeAsync(id, DateTimeOffset.UtcNow.AddSeconds(30), "evolution_inacessivel", default, overdue: true);
        var depth = await QueueDepth.ReadAsync(db, default);

        Assert.True(depth.IdadeMaisAntigaS >= 20 * 60 - 5, $"idade_mais_antiga_s {depth.IdadeMaisAntigaS}");
        Assert.True(depth.PendentesVencidas >= 1);

        // A row postponed for a reason that is a schedule (business hours, limits) is not late.
        await using (var c = await db.OpenConnectionAsync())
            await c.ExecuteAsync("DELETE FROM fila_mensagens WHERE id = @id", new { id });
        await using (var c = await db.OpenConnectionAsync())
            id = await c.ExecuteScalarAsync<Guid>("""
                INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, agendar_para, processando_desde)
                SELECT id, 'campanha', 'x', 'processando', now() - interval '20 minutes', now() FROM medicos WHERE telefone = '5511999992501'
                RETURNING id
                """);
        await store.PostponeAsync(id, DateTimeOffset.UtcNow.AddHours(10), "fora_do_horario", default);
        Assert.Equal(0, (await QueueDepth.ReadAsync(db, default)).PendentesVencidas);
    }

    /// <summary>
    /// A row that met an Evolution blip and is then put off for hours (the limits, the next opening) waits on purpose: it
    /// is not overdue since the blip (an audit, 2026-12-03: `idade_mais_antiga_s` 2 400, health `degraded` and a
    /// `fila_congestionada` page for a campaign row scheduled 50 minutes ahead).
    /// </summary>
    [Fact]
    public async Task ARowPutOffForHoursAfterAGatewayBlipIsNotOverdue()
    {
        await using var db = f.Database.CreateDataSource();
        Guid id;
        await using (var c = await db.OpenConnectionAsync())
            id = await c.ExecuteScalarAsync<Guid>("""
                WITH m AS (INSERT INTO medicos (telefone) VALUES ('5511999992502') RETURNING id)
                INSERT INTO fila_mensagens (medico_id, tipo, conteudo, status, agendar_para, processando_desde)
                SELECT m.id, 'campanha', 'x', 'processando', now() - interval '40 minutes', now() FROM m RETURNING id
                """);
        var store = f.Factory.Services.GetRequiredService<DispatchStore>();
        await store.PostponeAsync(id, DateTimeOffset.UtcNow.AddSeconds(30), "evolution_inacessivel", default, overdue: true);
        Assert.True((await QueueDepth.ReadAsync(db, default)).PendentesVencidas >= 1);

        await using (var c = await db.OpenConnectionAsync())
            await c.ExecuteAsync("UPDATE fila_mensagens SET status = 'processando' WHERE id = @id", new { id });
        await store.PostponeAsync(id, DateTimeOffset.UtcNow.AddMinutes(50), "limite", default);

        var depth = await QueueDepth.ReadAsync(db, default);
        Assert.Equal(0, depth.PendentesVencidas);
        await using (var c = await db.OpenConnectionAsync())
            Assert.False(await c.ExecuteScalarAsync<bool>("SELECT metadata ? 'vencida_desde' FROM fila_mensagens WHERE id = @id", new { id }));
    }
}
