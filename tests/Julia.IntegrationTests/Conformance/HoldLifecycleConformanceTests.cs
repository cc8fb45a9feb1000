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

    /// <summary>
    /// Júlia has just held his shift (or staff's confirmation has just reached him) and he answers only "cancela": he
    /// means the shift. Not an opt-out (issue 11's bare command): the hold stays for staff to cancel, he is handed to a
    /// person (`baixa_confianca`, SPEC §8.1 "cancellation of a reserved shift"), and never told "não te mando mais".
    /// </summary>
    [Theory]
    [InlineData("5511945500021", "cancela", false)]
    [InlineData("5511945500022", "Pode cancelar", false)]
    [InlineData("5511945500023", "CANCELAR!", true)]
    [InlineData("5511945500024", "cancela aí por favor", true)]
    public async Task ABareCancelRightAfterHisHoldGoesToStaffAndIsNoOptOut(string phone, string text, bool confirmedFirst)
    {
        var specialty = "hl_cancela_" + phone[^2..];
        var (medico, conversa, _) = await f.DoctorAsync(phone, specialty);
        var reserva = await f.HoldAsync(await f.OpenShiftAsync(specialty, "Hospital Cancela"), medico, conversa);
        if (confirmedFirst)
        {
            // Staff confirmed a hold made yesterday; his confirmation message is what he answers.
            await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '20 hours' WHERE id = @reserva", new { reserva });
            await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        }

        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        Assert.False(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal(confirmedFirst ? ("confirmada", "confirmada") : ("ativa", "reservada"), Pick(await f.StateAsync(reserva)));
        Assert.Equal([("pendente", "baixa_confianca")], await f.HandoffsAsync(conversa));
        Assert.Equal(TurnProcessor.HoldCancelReason,
            await f.ScalarAsync<string>("SELECT motivo FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
        Assert.Equal(0L, await f.NoticesAsync("opt_out_com_reserva", reserva));
        Assert.DoesNotContain(await f.QueueAsync(phone), q => q.Conteudo.Contains("não te mando mais", StringComparison.Ordinal));
    }

    /// <summary>
    /// The exception is bound to the moment: a "cancela" an hour after the hold, or one that also says to stop the
    /// messages, is the opt-out it always was (staff hear of his hold through "⚠️ Opt-out com plantão reservado").
    /// </summary>
    [Theory]
    [InlineData("5511945500031", "cancela", 61)]
    [InlineData("5511945500032", "cancela, não quero mais receber mensagens", 0)]
    public async Task ACancelLongAfterTheHoldOrThatStopsTheMessagesIsStillAnOptOut(string phone, string text, int minutesAgo)
    {
        var specialty = "hl_optout_" + phone[^2..];
        var (medico, conversa, _) = await f.DoctorAsync(phone, specialty);
        var reserva = await f.HoldAsync(await f.OpenShiftAsync(specialty), medico, conversa);
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - make_interval(mins => @minutesAgo) WHERE id = @reserva", new { reserva, minutesAgo });

        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal(("ativa", "reservada"), Pick(await f.StateAsync(reserva)));
        Assert.Equal(1L, await f.NoticesAsync("opt_out_com_reserva", reserva));
        Assert.Empty(await f.HandoffsAsync(conversa));
    }

    /// <summary>
    /// `reservas-expiracao` takes holds older than `RESERVA_EXPIRA_HORAS` (24): one at 23:59 stays, one at 24:01 expires,
    /// its shift open with no doctor, one "⌛ Reserva expirada", nothing to the doctor; the specialty's cached list that
    /// did not show the held shift is dropped, so the next search offers it at once.
    /// </summary>
    [Fact]
    public async Task AHoldExpiresPastTheHoursNotBeforeAndItsShiftIsOfferedAgainAtOnce()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511945500041", "hl_expira");
        var youngShift = await f.OpenShiftAsync("hl_expira", "Hospital Jovem");
        var oldShift = await f.OpenShiftAsync("hl_expira", "Hospital Vencido");
        var young = await f.HoldAsync(youngShift, medico, conversa);
        var old = await f.HoldAsync(oldShift, medico, conversa);
        await f.ExecuteAsync("""
            UPDATE reservas_vaga SET created_at = now() - interval '23 hours 59 minutes' WHERE id = @young;
            UPDATE reservas_vaga SET created_at = now() - interval '24 hours 1 minute' WHERE id = @old;
            """, new { young, old });
        var catalog = f.App.Services.GetRequiredService<ShiftCatalog>();
        var especialidade = await f.ScalarAsync<Guid>("SELECT id FROM especialidades WHERE nome = 'hl_expira'");
        Assert.DoesNotContain(await catalog.SearchAsync(new ShiftSearch(especialidade), [], default), s => s.Id == oldShift);
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        Assert.True(await redis.KeyExistsAsync(ShiftCatalog.Key(especialidade, ShiftCatalog.CachedPerSpecialty)));
        var queuedBefore = await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico", new { medico });

        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);

        Assert.Equal(("ativa", "reservada"), Pick(await f.StateAsync(young)));
        Assert.Equal(("expirada", "aberta"), Pick(await f.StateAsync(old)));
        Assert.Null(await f.ScalarAsync<Guid?>("SELECT medico_id FROM vagas WHERE id = @oldShift", new { oldShift }));
        Assert.False(await redis.KeyExistsAsync(ShiftCatalog.Key(especialidade, ShiftCatalog.CachedPerSpecialty)));
        Assert.Contains(await catalog.SearchAsync(new ShiftSearch(especialidade), [], default), s => s.Id == oldShift);
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Reserva expirada") && HumanLoopFixture.SlackMentions(m, "Hospital Vencido"));
        Assert.Equal((1L, 0L), (await f.NoticesAsync("reserva_expirada", old), await f.NoticesAsync("reserva_expirada", young)));
        Assert.Equal(queuedBefore, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico", new { medico }));
    }

    /// <summary>
    /// Only a private note that starts with the command confirms: a private note saying it is confirmed, in words, and a
    /// public reply "/confirmar" (which Chatwoot sends to the doctor as a staff message) confirm nothing.
    /// </summary>
    [Fact]
    public async Task APlainNoteOrAPublicReplyConfirmsNothing()
    {
        const string phone = "5511945500071";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "hl_publico");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("hl_publico"), medico, conversa);

        await f.NoteAsync(chatwootId, phone, "confirmado com o hospital, pode confirmar");
        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        reply["content"] = "/confirmar";
        reply["id"] = 7_945_500_071L;
        using (var response = await f.PostChatwootAsync(reply)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        Assert.Equal(("ativa", "reservada"), Pick(await f.StateAsync(reserva)));
        Assert.Equal(0L, await f.NoticesAsync("plantao_confirmado", reserva));
        Assert.Empty(await f.ConfirmationMessagesAsync(medico));
        Assert.DoesNotContain(f.PrivateReplies(chatwootId), r => r.Contains("confirmad", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// `RESERVA_EXPIRA_HORAS=2` on a worker: its job expires a hold of 2 h 01 and leaves one of 1 h 59, and its
    /// `GET /admin/reservas/{id}` says the hold left expires 2 h after it was made (São Paulo time).
    /// </summary>
    [Fact]
    public async Task TheExpiryFollowsTheHoursConfigured()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511945500061", "hl_horas");
        var kept = await f.HoldAsync(await f.OpenShiftAsync("hl_horas"), medico, conversa);
        var gone = await f.HoldAsync(await f.OpenShiftAsync("hl_horas"), medico, conversa);
        await f.ExecuteAsync("""
            UPDATE reservas_vaga SET created_at = now() - interval '1 hour 59 minutes' WHERE id = @kept;
            UPDATE reservas_vaga SET created_at = now() - interval '2 hours 1 minute' WHERE id = @gone;
            """, new { kept, gone });
        await using var worker = new JuliaAppFactory(f.Database, f.Redis,
            new Dictionary<string, string?>(f.SettingsForSecondProcess) { ["RESERVA_EXPIRA_HORAS"] = "2" });
        using var client = worker.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/jobs/reservas-expiracao", null)).StatusCode);

        Assert.Equal((("ativa", "reservada"), ("expirada", "aberta")), (Pick(await f.StateAsync(kept)), Pick(await f.StateAsync(gone))));
        var shown = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/admin/reservas/{kept}");
        var made = await f.ScalarAsync<DateTime>("SELECT created_at FROM reservas_vaga WHERE id = @kept", new { kept });
        var expires = DateTimeOffset.Parse(shown!["expira_em"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var expected = new DateTimeOffset(DateTime.SpecifyKind(made, DateTimeKind.Utc)).AddHours(2);
        Assert.True(Math.Abs((expires - expected).TotalSeconds) < 1, $"expira_em {expires:O}, expected {expected:O}");
        Assert.Equal(TimeSpan.FromHours(-3), expires.Offset);
    }

    /// <summary>
    /// A hold past its hours that the job has not reached yet, confirmed by two staff at once from two processes while the
    /// job runs: the reservation's row lock orders them, so it ends either confirmed (both 200, one notice, one message to
    /// the doctor, the job leaves it) or expired (both 409, the shift open) — never a mix.
    /// </summary>
    [Fact]
    public async Task TwoProcessesConfirmingWhileTheExpiryJobRunsLeaveOneConsistentOutcome()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511945500051", "hl_corrida");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("hl_corrida", "Hospital Corrida"), medico, conversa);
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '25 hours' WHERE id = @reserva", new { reserva });
        await using var second = new JuliaAppFactory(f.Database, f.Redis, f.SettingsForSecondProcess);
        using var secondClient = second.CreateClient();

        var confirms = await Task.WhenAll(
            f.Client.PostAsJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }),
            secondClient.PostAsJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Bruno" }),
            f.RunJobAsync("reservas-expiracao"));

        var state = Pick(await f.StateAsync(reserva));
        var confirmed = state == ("confirmada", "confirmada");
        Assert.True(confirmed || state == ("expirada", "aberta"), state.ToString());
        Assert.All(confirms[..2], r => Assert.Equal(confirmed ? HttpStatusCode.OK : HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(confirmed ? (1L, 0L) : (0L, 1L), (await f.NoticesAsync("plantao_confirmado", reserva), await f.NoticesAsync("reserva_expirada", reserva)));
        Assert.Equal(confirmed ? 1 : 0, (await f.ConfirmationMessagesAsync(medico)).Count);
        foreach (var r in confirms) r.Dispose();
    }
}
