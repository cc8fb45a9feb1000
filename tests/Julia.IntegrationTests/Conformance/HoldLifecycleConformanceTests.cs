using System.Net;
using System.Net.Http.Json;
using Julia.Conversations;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.Shifts;
using Julia.IntegrationTests.TestHost;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.Shifts.StaffReservationAsserts;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// A shift hold's life after `reservar_plantao` (docs/decisions.md#reservations), on a real host with Chatwoot and Slack
/// fakes: the hold read again under its locks, the funnel stage it gives, a bare "cancela" right after it, its expiry at
/// `RESERVA_EXPIRA_HORAS`, and staff confirming from two processes while the expiry job runs.
/// </summary>
public sealed class HoldLifecycleConformanceTests(StaffReservationFixture f) : IClassFixture<StaffReservationFixture>
{
    ShiftStore Store => f.App.Services.GetRequiredService<ShiftStore>();

    /// <summary>
    /// Júlia's tool checked the shift a moment before the hold; staff then moved it to another specialty (its terms, which
    /// the hold compares, unchanged), or it started. The hold's transaction reads the locked row and holds neither.
    /// </summary>
    [Fact]
    public async Task JuliasHoldRereadsTheLockedShiftsSpecialtyAndStart()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511945500001", "hl_especialidade");
        var moved = await f.OpenShiftAsync("hl_especialidade", "Hospital Troca");
        var movedTerms = (await Store.FindAsync(moved, default))!.Terms;
        await f.ExecuteAsync("""
            INSERT INTO especialidades (nome) VALUES ('hl_outra') ON CONFLICT (nome) DO NOTHING;
            UPDATE vagas SET especialidade_id = (SELECT id FROM especialidades WHERE nome = 'hl_outra') WHERE id = @moved;
            """, new { moved });
        var started = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT (SELECT id FROM hospitais WHERE nome = 'Hospital Troca'), (SELECT id FROM especialidades WHERE nome = 'hl_especialidade'),
                   (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1, '19:00', '07:00', 2100, 'aberta'
            RETURNING id
            """);
        var startedTerms = (await Store.FindAsync(started, default))!.Terms;

        var other = await Store.ReserveAsync(new ReservationRequest(moved, medico, conversa, "sim", AcceptedTerms: movedTerms), default);
        var past = await Store.ReserveAsync(new ReservationRequest(started, medico, conversa, "sim", AcceptedTerms: startedTerms), default);

        Assert.Equal(("outra_especialidade", "ja_comecou"), (other.Outcome, past.Outcome));
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id IN (@moved, @started)", new { moved, started }));
        Assert.Equal(["aberta", "aberta"], await f.QueryAsync<string>("SELECT status FROM vagas WHERE id IN (@moved, @started)", new { moved, started }));
    }

    /// <summary>
    /// SPEC: "doctor stage → qualificado if earlier in the funnel". A doctor who had fallen out of it (`nao_respondeu`,
    /// `inativo`, `perdido`) and reserves is back: `qualificado`. Further on (`cadastrado`, `ativo`) or opted out: as he was.
    /// </summary>
    [Theory]
    [InlineData("5511945500011", "inativo", "qualificado")]
    [InlineData("5511945500012", "perdido", "qualificado")]
    [InlineData("5511945500013", "nao_respondeu", "qualificado")]
    [InlineData("5511945500014", "respondeu", "qualificado")]
    [InlineData("5511945500015", "ativo", "ativo")]
    [InlineData("5511945500016", "cadastrado", "cadastrado")]
    [InlineData("5511945500017", "opt_out", "opt_out")]
    public async Task AReservationBringsADoctorWhoHadFallenOutOfTheFunnelBackAsQualificado(string phone, string before, string after)
    {
        var specialty = "hl_funil_" + phone[^2..];
        var (medico, conversa, _) = await f.DoctorAsync(phone, specialty);
        await f.ExecuteAsync("UPDATE medicos SET stage_jornada = @before WHERE id = @medico", new { before, medico });

        await f.HoldAsync(await f.OpenShiftAsync(specialty), medico, conversa);

        Assert.Equal(after, await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));
    }
}
