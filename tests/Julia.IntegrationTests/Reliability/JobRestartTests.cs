using System.Diagnostics;
using Dapper;
using Julia.IntegrationTests.TestHost;
using Xunit.Abstractions;

namespace Julia.IntegrationTests.Reliability;

/// <summary>
/// docs/reliability.md, "kill -9 and SIGTERM during a nightly job": a daily job cut mid-run by either is run again the
/// same São Paulo day by the next process, and its effect lands once (docs/decisions.md#jobs).
/// </summary>
[LongRunning(1)]
public sealed class JobRestartTests(ITestOutputHelper output)
{
    const string AdminToken = "admin-token-FAKE";
    const int Doctors = 5;

    [Fact]
    public async Task ADailyJobCutByAKillAndThenBySigtermRunsOnceTheSameDay()
    {
        await using var rig = await FaultRig.StartAsync();
        rig.Settings["ADMIN_API_TOKEN"] = AdminToken;
        // The job's statement may wait for the held row longer than the 10 s limit (a Command Timeout in DATABASE_URL is
        // kept, docs/decisions.md#database-timeouts): on a loaded machine the test cuts each process only seconds after it
        // sees the wait, and a run that times out first gives its day back and is tried 15 min later.
        rig.Settings["DATABASE_URL"] += ";Command Timeout=60";
        // A first process only migrates the database; its start-up runs of the day's jobs are forgotten below, so the
        // next process starts as the first one of a new day would.
        var migrator = await rig.StartJuliaAsync("julia-0");
        migrator.Kill();
        await using (var c = await rig.Db.OpenConnectionAsync())
        {
            await c.ExecuteAsync("DELETE FROM execucoes_job WHERE nome = 'pressao'");
            await c.ExecuteAsync("""
                INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, pressure_score)
                SELECT '5511984' || lpad(n::text, 6, '0'), '5511984' || lpad(n::text, 6, '0') || '@s.whatsapp.net', 'Pressão', 'manual', 50
                FROM generate_series(1, @n) n
                """, new { n = Doctors });
        }

        // Phase 1, kill -9: one doctor's row is held by another session, so `pressao` (one UPDATE) waits mid-run when
        // the process is killed; the row is let go 2 s later and a new process starts.
        var killed = await CutAsync(rig, "julia-1", server => { server.Kill(); return Task.FromResult(-9); });
        var second = await rig.StartJuliaAsync("julia-2");
        var afterKill = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => ClaimAsync(rig), c => c.StartsWith("concluido"), 30, pollMilliseconds: 250));
        var killPressures = await PressuresAsync(rig);
        second.Kill();

        // Phase 2, SIGTERM: a new day (the claim forgotten, the pressures back at 50), the same wait, `kill -TERM`.
        await using (var c = await rig.Db.OpenConnectionAsync())
            await c.ExecuteAsync("DELETE FROM execucoes_job WHERE nome = 'pressao'; UPDATE medicos SET pressure_score = 50 WHERE telefone LIKE '5511984%'");
        var clock = Stopwatch.StartNew();
        var termed = await CutAsync(rig, "julia-3", server => server.TerminateAsync(TimeSpan.FromSeconds(30)));
        var stopSeconds = clock.Elapsed.TotalSeconds;
        var fourth = await rig.StartJuliaAsync("julia-4");
        var afterTerm = await rig.WithLogsAsync(() => Eventually.MatchesAsync(() => ClaimAsync(rig), c => c.StartsWith("concluido"), 30, pollMilliseconds: 250));
        var termPressures = await PressuresAsync(rig);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/jobs/pressao");
        request.Headers.Authorization = new("Bearer", AdminToken);
        using var again = await fourth.Http.SendAsync(request);
        output.WriteLine($"observed: kill -9 mid-run: the claim then '{killed.Claim}', the next process's run '{afterKill}', pressures [{string.Join(", ", killPressures)}]; " +
                         $"SIGTERM mid-run: exit {termed.Exit} ({stopSeconds:0.0} s with the start), the claim then '{termed.Claim}', the next run '{afterTerm}', " +
                         $"pressures [{string.Join(", ", termPressures)}]; POST /jobs/pressao then {(int)again.StatusCode}");

        Assert.Equal(0, termed.Exit);
        // Lowered once a day, not once per process that started the run.
        Assert.Equal(Enumerable.Repeat(45, Doctors), termPressures);
        Assert.Equal(Enumerable.Repeat(45, Doctors), killPressures);
        Assert.Equal(409, (int)again.StatusCode);
    }

    /// <summary>
    /// Starts a process while one doctor's row is held, waits until its start-up run of `pressao` waits for that row,
    /// cuts it with <paramref name="cut"/>, then lets the row go and waits until no session waits for it any more.
    /// </summary>
    async Task<(int Exit, string Claim)> CutAsync(FaultRig rig, string name, Func<JuliaServer, Task<int>> cut)
    {
        await using var holder = await rig.Db.OpenConnectionAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await holder.ExecuteAsync("SELECT 1 FROM medicos WHERE telefone = '5511984000001' FOR UPDATE", transaction: hold);
        var server = await rig.StartJuliaAsync(name);
        await WaitForTheRunAsync(rig, 1);
        var exit = await cut(server);
        var claim = await ClaimAsync(rig);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await hold.RollbackAsync();
        await WaitForTheRunAsync(rig, 0);
        output.WriteLine($"{name}: cut ({exit}); claim '{claim}'");
        return (exit, claim);
    }

    static async Task<List<int>> PressuresAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return [.. await c.QueryAsync<int>("SELECT pressure_score FROM medicos WHERE telefone LIKE '5511984%' ORDER BY telefone")];
    }

    /// <summary>Waits until <paramref name="waiting"/> sessions run the job's UPDATE waiting for the held row.</summary>
    static Task WaitForTheRunAsync(FaultRig rig, int waiting) => rig.WithLogsAsync(() => Eventually.MatchesAsync(async () =>
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        return await c.ExecuteScalarAsync<long>("""
            SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'
              AND query LIKE '%UPDATE medicos m SET pressure_score%'
            """);
    }, n => n == waiting, 30, pollMilliseconds: 100));

    /// <summary>The day's claim of `pressao`: "nenhuma", "sem conclusão" (a run in progress or cut) or "concluido: …".</summary>
    static async Task<string> ClaimAsync(FaultRig rig)
    {
        await using var c = await rig.Db.OpenConnectionAsync();
        var rows = (await c.QueryAsync<(DateTime? Done, string? Result)>("SELECT concluido_em, resultado FROM execucoes_job WHERE nome = 'pressao'")).ToList();
        return rows.Count == 0 ? "nenhuma" : string.Join("; ", rows.Select(r => r.Done is null ? "sem conclusão" : $"concluido: {r.Result}"));
    }
}
