using Julia.IntegrationTests.Agent;
using Dapper;
using Julia.Infrastructure.Redis;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;

namespace Julia.IntegrationTests.Shifts;

/// <summary>`reservar_plantao`'s atomic hold on real Postgres: races between doctors and overlapping holds.</summary>
public sealed class ReservationTests(AgentFixture f) : IClassFixture<AgentFixture>
{
    async Task<(Guid Doctor, Guid Conversation)> DoctorAsync(string telefone)
    {
        var doctor = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @telefone", new { telefone });
        var conversation = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id) VALUES (@doctor)
            ON CONFLICT (medico_id) WHERE status IN ('active','paused') DO UPDATE SET updated_at = now() RETURNING id
            """, new { doctor });
        return (doctor, conversation);
    }

    [Fact]
    public async Task TwoDoctorsRacingForOneShiftHaveExactlyOneWinner()
    {
        var store = f.App.Services.GetRequiredService<ShiftStore>();
        var vaga = await f.ScalarAsync<Guid>("""
            SELECT v.id FROM vagas v JOIN especialidades e ON e.id = v.especialidade_id
            WHERE e.nome = 'pediatria' AND v.status = 'aberta' ORDER BY v.data LIMIT 1
            """);
        var a = await DoctorAsync("5511993362119");
        var b = await DoctorAsync("5511995584321");

        var results = await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => i % 2 == 0 ? a : b).Select(d =>
                store.ReserveAsync(new ReservationRequest(vaga, d.Doctor, d.Conversation, "sim"), default)));

        Assert.Single(results, r => r.Succeeded);
        Assert.All(results.Where(r => !r.Succeeded), r => Assert.Equal("ja_reservada", r.Outcome));
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga AND status = 'ativa'", new { vaga }));
    }

    /// <summary>
    /// "Yesterday" is São Paulo's, whatever the server's time zone (an outside audit: `current_date` is the server's UTC
    /// day, which from 21:00 in São Paulo is already tomorrow). Read on a session set far ahead of São Paulo, where
    /// `current_date` is São Paulo's tomorrow from 07:00 to midnight: yesterday's held shift is still seen, the day
    /// before's is not.
    /// </summary>
    [Fact]
    public async Task HeldShiftsAreReadOnTheSaoPauloCalendarWhateverTheServersTimeZone()
    {
        var doctor = await f.ScalarAsync<Guid>("INSERT INTO medicos (telefone, origem) VALUES ('5511997706524', 'manual') RETURNING id");
        await f.ExecuteAsync("""
            INSERT INTO vagas (hospital_id, especialidade_id, medico_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, e.id, @doctor, (now() AT TIME ZONE 'America/Sao_Paulo')::date - t.dias, time '22:00', time '22:00', 3000, 'reservada'
            FROM (SELECT id FROM hospitais ORDER BY nome LIMIT 1) h, (SELECT id FROM especialidades WHERE nome = 'pediatria') e,
                 (VALUES (1), (2)) AS t (dias)
            """, new { doctor });

        await using var c = await f.Db.OpenConnectionAsync();
        await using var tx = await c.BeginTransactionAsync();
        await c.ExecuteAsync("SET LOCAL TIME ZONE 'Pacific/Kiritimati'", transaction: tx);
        var held = (await c.QueryAsync<DateTime>($"SELECT data FROM ({ShiftStore.HoldingsSql("@doctor")}) h", new { doctor }, tx)).ToList();

        var yesterday = await c.ExecuteScalarAsync<DateTime>("SELECT (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1", transaction: tx);
        Assert.Equal([yesterday], held);
    }

    [Fact]
    public async Task ADoctorCannotHoldTwoOverlappingShifts()
    {
        var store = f.App.Services.GetRequiredService<ShiftStore>();
        var d = await DoctorAsync("5511997706523");
        var ids = await f.QueryAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, e.id, (now() AT TIME ZONE 'America/Sao_Paulo')::date + 3, t.inicio, t.fim, 2000, 'aberta'
            FROM (SELECT id FROM hospitais ORDER BY nome LIMIT 1) h, (SELECT id FROM especialidades WHERE nome = 'pediatria') e,
                 (VALUES (time '19:00', time '07:00'), (time '23:00', time '05:00')) AS t (inicio, fim)
            RETURNING id
            """);

        var results = await Task.WhenAll(ids.Select(id =>
            store.ReserveAsync(new ReservationRequest(id, d.Doctor, d.Conversation, "sim"), default)));

        Assert.Single(results, r => r.Succeeded);
        Assert.Single(results, r => r.Outcome == "conflito");
    }

    /// <summary>
    /// Staff change the pay in their own system while Júlia's hold is on its way (after the tool compared the terms he
    /// accepted, before the hold's transaction): the hold waits for their change on the locked row, sees it, and holds
    /// nothing — `condicoes_mudaram` with the shift as it is now, for the tool to tell him. The shift is of his specialty:
    /// the hold's transaction refuses another one before it compares the terms (docs/decisions.md#reservations).
    /// </summary>
    [Fact]
    public async Task AChangeStaffCommitWhileTheHoldWaitsIsCaughtOnTheLockedRow()
    {
        var store = f.App.Services.GetRequiredService<ShiftStore>();
        var d = await DoctorAsync("5511997928715");
        var vaga = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, COALESCE((SELECT especialidade_id FROM medicos WHERE id = @doctor), e.id),
                   (now() AT TIME ZONE 'America/Sao_Paulo')::date + 4, time '07:00', time '19:00', 2100, 'aberta'
            FROM (SELECT id FROM hospitais ORDER BY nome LIMIT 1) h, (SELECT id FROM especialidades WHERE nome = 'pediatria') e
            RETURNING id
            """, new { doctor = d.Doctor });
        var accepted = (await store.FindAsync(vaga, default))!.Terms;

        await using var staff = await f.Db.OpenConnectionAsync();
        await using var edit = await staff.BeginTransactionAsync();
        await staff.ExecuteAsync("UPDATE vagas SET valor = 1500 WHERE id = @vaga", new { vaga }, edit);
        var hold = Task.Run(() => store.ReserveAsync(new ReservationRequest(vaga, d.Doctor, d.Conversation, "sim", AcceptedTerms: accepted), default));
        while (!hold.IsCompleted && await f.ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") == 0)
            await Task.Delay(10);
        await edit.CommitAsync();
        var result = await hold;

        Assert.Equal("condicoes_mudaram", result.Outcome);
        Assert.Contains("1.500", result.Shift!.Terms);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga }));
        Assert.Equal("aberta", await f.ScalarAsync<string>("SELECT status FROM vagas WHERE id = @vaga", new { vaga }));

        var again = await store.ReserveAsync(new ReservationRequest(vaga, d.Doctor, d.Conversation, "sim", AcceptedTerms: result.Shift.Terms), default);
        Assert.True(again.Succeeded);
    }

    [Fact]
    public async Task ChangingAShiftDropsItsSpecialtysCachedLists()
    {
        var catalog = f.App.Services.GetRequiredService<ShiftCatalog>();
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        var especialidade = await f.ScalarAsync<Guid>("SELECT id FROM especialidades WHERE nome = 'cardiologia'");
        await catalog.SearchAsync(new ShiftSearch(especialidade), [], default);
        Assert.True(await redis.KeyExistsAsync(ShiftCatalog.Key(especialidade, ShiftCatalog.CachedPerSpecialty)));

        await catalog.InvalidateSpecialtyAsync(especialidade);

        Assert.False(await redis.KeyExistsAsync(ShiftCatalog.Key(especialidade, ShiftCatalog.CachedPerSpecialty)));
    }
}
