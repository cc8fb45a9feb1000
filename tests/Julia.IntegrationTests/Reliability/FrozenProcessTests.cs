using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "process frozen past its leases" (fifth drill): a process stopped with SIGSTOP (a paused VM, a
/// stalled host) while it holds a claimed batch, for longer than the claim's lease; another process takes the rows over
/// and is sending them when the first one wakes (SIGCONT). The woken process must send nothing it no longer holds: each
/// doctor gets his message once.
/// </summary>
[LongRunning(1)]
public sealed class FrozenProcessTests(ITestOutputHelper output)
{
    const int Rows = 6;

    [Fact]
    public async Task AProcessFrozenPastItsClaimsLeaseSendsNothingAnotherProcessTookOverWhenItWakes()
    {
        await using var rig = await FaultRig.StartAsync();
        // The claim's lease at 10 s instead of 5 min, one loop per lane so one loop holds the whole batch.
        rig.Settings["FILA_PROCESSANDO_TIMEOUT_SEGUNDOS"] = "10";
        rig.Settings["MAX_WORKERS"] = "1";
        var frozen = await rig.StartJuliaAsync("julia-a");
        rig.Evolution.DelayNextSend(TimeSpan.FromSeconds(4)); // A's first send is in flight when it freezes
        await using (var c = await rig.Db.OpenConnectionAsync())
            await c.ExecuteAsync("""
                WITH m AS (INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem)
                           SELECT '5511992' || lpad(n::text, 6, '0'), '5511992' || lpad(n::text, 6, '0') || '@s.whatsapp.net', 'Lote', 'manual'
                           FROM generate_series(1, @rows) n RETURNING id)
                INSERT INTO fila_mensagens (medico_id, tipo, conteudo, prioridade) SELECT id, 'sistema', 'aviso', 10 FROM m
                """, new { rows = Rows });
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.Sends.Count()), n => n >= 1));
        var claimedByA = await CountAsync(rig, "status = 'processando'");
        await frozen.SignalAsync("STOP");

        // Every claim of A past its lease; then B starts, and its start-up recovery gives the unsent rows back and B claims
        // them; B's first send hangs, so B holds the rest of them when A wakes.
        await Eventually.MatchesAsync(() => CountAsync(rig, "status = 'processando' AND processando_desde > now() - interval '11 seconds'"), n => n == 0, 60, pollMilliseconds: 500);
        rig.Evolution.DelayNextSend(TimeSpan.FromSeconds(15));
        await rig.StartJuliaAsync("julia-b");
        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => Task.FromResult(rig.Evolution.Sends.Count()), n => n >= 2, 90, pollMilliseconds: 250));
        var heldByB = await CountAsync(rig, "status = 'processando' AND envio_iniciado_em IS NULL");
        await frozen.SignalAsync("CONT");

        await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => CountAsync(rig, "status IN ('pendente', 'processando')"), n => n == 0, 120, pollMilliseconds: 500));
        await Task.Delay(TimeSpan.FromSeconds(3)); // a late duplicate would show itself here
        var sends = rig.Evolution.SendsByPhone();
        output.WriteLine($"observed: A claimed {claimedByA} rows and froze; B held {heldByB} unsent rows when A woke; sends per doctor " +
                         $"[{string.Join(' ', sends.OrderBy(p => p.Key).Select(p => p.Value.Count))}]; A up: {!frozen.HasExited}; " +
                         $"A's 'pega perdida' lines: {frozen.CountLines("pega perdida")}");
        await rig.WithLogsAsync(() =>
        {
            Assert.Equal(Rows, sends.Count);
            Assert.All(sends, p => Assert.True(p.Value.Count == 1, $"{p.Key} got {p.Value.Count} sends"));
            return Task.CompletedTask;
        });
        Assert.False(frozen.HasExited);
        // B held unsent rows when A woke, so A met at least one of them and said why it did not send it.
        if (heldByB > 0) Assert.True(frozen.CountLines("pega perdida") >= 1, $"no 'pega perdida' line from the woken process\n{rig.Logs()}");
    }

    static async Task<long> CountAsync(FaultRig rig, string where)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>($"SELECT count(*) FROM fila_mensagens WHERE {where}");
    }
}
