using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Julia.Doctors;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.Shifts.StaffReservationAsserts;

namespace Julia.IntegrationTests.Shifts;

/// <summary>
/// Staff decisions on Júlia's holds through the admin API (docs/decisions.md#reservations), on a real host: confirm and
/// cancel with their shift, Slack notice, doctor message and cache; twice is harmless; ended holds are 409; bad input 4xx.
/// </summary>
public sealed class StaffReservationTests(StaffReservationFixture f) : IClassFixture<StaffReservationFixture>
{
    /// <summary>
    /// Slack "Plantão reservado" says when the shift is: a shift registered with hours and no period showed "Período: -"
    /// and no time anywhere (an outside walk, 2026-12-05); one with a period shows it with its hours.
    /// </summary>
    [Fact]
    public async Task AReservedShiftTellsSlackItsHoursWithOrWithoutAPeriod()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710031", "periodo_slack_teste");
        var withoutPeriod = await f.ScalarAsync<Guid>("""
            WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Sem Período', 'Santo André')
                       ON CONFLICT (nome, cidade) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, (SELECT id FROM especialidades WHERE nome = 'periodo_slack_teste'),
                   (now() AT TIME ZONE 'America/Sao_Paulo')::date + 4, '07:00', '19:00', 1900, 'aberta'
            FROM h RETURNING id
            """);
        var withPeriod = await f.OpenShiftAsync("periodo_slack_teste", "Hospital Com Período");

        await f.HoldAsync(withoutPeriod, medico, conversa);
        await f.HoldAsync(withPeriod, medico, conversa);

        var hours = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital Sem Período"));
        Assert.True(HumanLoopFixture.SlackMentions(hours, "*Período:*\n07:00–19:00"), hours.ToJsonString());
        var period = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital Com Período"));
        Assert.True(HumanLoopFixture.SlackMentions(period, "*Período:*\nnoturno, 19:00–07:00"), period.ToJsonString());
    }

    [Fact]
    public async Task ConfirmingAHoldConfirmsTheShiftTellsSlackAndTheDoctorOnce()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710001", "confirma_teste");
        var vaga = await f.OpenShiftAsync("confirma_teste", "Hospital Bela Vista");
        var reserva = await f.HoldAsync(vaga, medico, conversa);

        var body = await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla", notas = "combinado por telefone" }));

        Assert.Equal(("confirmada", "Carla", "combinado por telefone"),
            (body["status"]!.GetValue<string>(), body["confirmada_por"]!.GetValue<string>(), body["notas"]!.GetValue<string>()));
        Assert.Equal("confirmada", body["vaga"]!["status"]!.GetValue<string>());
        Assert.EndsWith("-03:00", body["confirmada_em"]!.GetValue<string>());
        Assert.Null(body["expira_em"]);
        var (status, shift, confirmedAt, _) = await f.StateAsync(reserva);
        Assert.Equal(("confirmada", "confirmada"), (status, shift));
        Assert.NotNull(confirmedAt);

        var slack = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão confirmado") && HumanLoopFixture.SlackMentions(m, "Hospital Bela Vista"));
        Assert.True(HumanLoopFixture.SlackMentions(slack, "Carla"));
        Assert.False(HumanLoopFixture.SlackMentions(slack, "5511977710001"));   // masked
        var message = Assert.Single(await f.ConfirmationMessagesAsync(medico));
        Assert.Equal(("sistema", conversa), (message.Tipo, message.ConversaId));
        Assert.Contains("Hospital Bela Vista", message.Conteudo);
        Assert.Contains("confirmado", message.Conteudo);
        // Checked again at the send for a block staff set meanwhile (DispatcherTests.AConfirmationWaitingWhenStaffBlock…).
        Assert.True(await f.ScalarAsync<bool>("""
            SELECT (metadata->>'respeita_bloqueio')::boolean FROM fila_mensagens WHERE medico_id = @medico AND metadata->>'tipo_sistema' = 'confirmacao_reserva'
            """, new { medico }));
        await Eventually.MatchesAsync(async () => (await f.ConfirmationMessagesAsync(medico)).Single().Status, s => s == "enviada");

        // Twice: 200, the same state, no second notice or message.
        var again = await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", null));
        Assert.Equal("confirmada", again["status"]!.GetValue<string>());
        Assert.Equal(confirmedAt, (await f.StateAsync(reserva)).ConfirmadaEm);
        Assert.Equal(1, await f.NoticesAsync("plantao_confirmado", reserva));
        Assert.Single(await f.ConfirmationMessagesAsync(medico));
    }

    /// <summary>
    /// SPEC (opt-out): "notify Slack if the doctor holds a `reservada` shift" — staff must reach him another way or free
    /// it. One notice per reservation in force; a second opt-out message adds none (a SPEC audit, 2026-12-02: not built).
    /// </summary>
    [Fact]
    public async Task ADoctorWhoOptsOutWhileHoldingAShiftIsToldToSlackOnce()
    {
        const string phone = "5511977710011";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "optout_reserva_teste");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("optout_reserva_teste", "Hospital Opt-out"), medico, conversa);

        await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "pare de me mandar mensagens"));
        await f.WaitProcessedAsync(phone);
        await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "PARE"));
        await f.WaitProcessedAsync(phone);

        // Another test's doctor opts out while holding a shift too: this doctor's notice is the one naming his hospital.
        var slack = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Opt-out com plantão reservado")
                                                && HumanLoopFixture.SlackMentions(m, "Hospital Opt-out"));
        Assert.True(HumanLoopFixture.SlackMentions(slack, reserva.ToString()[..8]));
        Assert.False(HumanLoopFixture.SlackMentions(slack, phone)); // masked
        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal(1, await f.NoticesAsync("opt_out_com_reserva", reserva));
    }

    [Fact]
    public async Task ADoctorWhoOptsOutHoldingNothingCausesNoReservationNotice()
    {
        const string phone = "5511977710012";
        var (medico, _, _) = await f.DoctorAsync(phone, "optout_sem_reserva_teste");

        await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "não quero mais receber mensagens"));
        await f.WaitProcessedAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal(0L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM notificacoes WHERE tipo = 'opt_out_com_reserva' AND conversa_id IN (SELECT id FROM conversations WHERE medico_id = @medico)", new { medico }));
    }

    [Fact]
    public async Task AnExpiredHoldCannotBeConfirmedAndTheJobLeavesAConfirmedOneAlone()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710002", "expira_teste");
        var late = await f.HoldAsync(await f.OpenShiftAsync("expira_teste"), medico, conversa);
        var kept = await f.HoldAsync(await f.OpenShiftAsync("expira_teste"), medico, conversa);
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '25 hours' WHERE id = ANY(@ids)", new { ids = new[] { late, kept } });
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{kept}/confirmar", new { por = "Carla" }));

        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);

        Assert.Equal(("expirada", "aberta"), Pick(await f.StateAsync(late)));
        Assert.Equal(("confirmada", "confirmada"), Pick(await f.StateAsync(kept)));
        using var refused = await f.PostJsonAsync($"/admin/reservas/{late}/confirmar", new { por = "Carla" });
        var problem = await ProblemAsync(refused, HttpStatusCode.Conflict);
        Assert.Equal("Reserva não pode ser confirmada", problem["title"]!.GetValue<string>());
        Assert.Contains("expirada", problem["detail"]!.GetValue<string>());
        Assert.Equal(("expirada", "aberta"), Pick(await f.StateAsync(late)));
        Assert.Equal(0, await f.NoticesAsync("plantao_confirmado", late));
    }

    [Fact]
    public async Task CancellingReopensTheShiftForAnotherDoctorAndDropsTheSpecialtysCache()
    {
        var (first, firstConversa, _) = await f.DoctorAsync("5511977710003", "cancela_teste");
        var (second, secondConversa, _) = await f.DoctorAsync("5511977710004", "cancela_teste");
        var vaga = await f.OpenShiftAsync("cancela_teste", "Hospital Cancelamento");
        var reserva = await f.HoldAsync(vaga, first, firstConversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        var especialidade = await f.ScalarAsync<Guid>("SELECT especialidade_id FROM vagas WHERE id = @vaga", new { vaga });
        var catalog = f.App.Services.GetRequiredService<ShiftCatalog>();
        Assert.DoesNotContain(await catalog.SearchAsync(new ShiftSearch(especialidade), [], default), s => s.Id == vaga);
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        Assert.True(await redis.KeyExistsAsync(ShiftCatalog.Key(especialidade, ShiftCatalog.CachedPerSpecialty)));

        var body = await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/cancelar", new { motivo = "hospital remanejou a escala", por = "Bruno" }));

        Assert.Equal(("cancelada", "hospital remanejou a escala", "Bruno"),
            (body["status"]!.GetValue<string>(), body["motivo"]!.GetValue<string>(), body["encerrada_por"]!.GetValue<string>()));
        Assert.NotNull(body["confirmada_em"]);   // it had been confirmed: that stays
        var (status, shift, _, endedAt) = await f.StateAsync(reserva);
        Assert.Equal(("cancelada", "aberta"), (status, shift));
        Assert.Null(await f.ScalarAsync<Guid?>("SELECT medico_id FROM vagas WHERE id = @vaga", new { vaga }));
        Assert.False(await redis.KeyExistsAsync(ShiftCatalog.Key(especialidade, ShiftCatalog.CachedPerSpecialty)));
        Assert.Contains(await catalog.SearchAsync(new ShiftSearch(especialidade), [], default), s => s.Id == vaga);
        var slack = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Reserva cancelada") && HumanLoopFixture.SlackMentions(m, "Hospital Cancelamento"));
        Assert.True(HumanLoopFixture.SlackMentions(slack, "hospital remanejou a escala"));
        Assert.True(HumanLoopFixture.SlackMentions(slack, "voltou a ficar aberto"));

        // Twice: 200, nothing changes.
        var again = await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/cancelar", new { motivo = "de novo" }));
        Assert.Equal("hospital remanejou a escala", again["motivo"]!.GetValue<string>());
        Assert.Equal(endedAt, (await f.StateAsync(reserva)).EncerradaEm);
        Assert.Equal(1, await f.NoticesAsync("reserva_cancelada", reserva));

        // The shift is reservable again, by someone else.
        var other = await f.HoldAsync(vaga, second, secondConversa);
        Assert.Equal(("ativa", "reservada"), Pick(await f.StateAsync(other)));
    }

    [Fact]
    public async Task AnOptedOutDoctorGetsNoMessageButStaffAreStillTold()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710005", "optout_teste");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("optout_teste", "Hospital Sem Mensagem"), medico, conversa);
        await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now() WHERE id = @medico", new { medico });

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", null));

        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão confirmado") && HumanLoopFixture.SlackMentions(m, "Hospital Sem Mensagem"));
        Assert.Empty(await f.ConfirmationMessagesAsync(medico));
        Assert.Equal(("confirmada", "confirmada"), Pick(await f.StateAsync(reserva)));
    }

    /// <summary>
    /// He opted out last month, came back, asked Júlia for the shift: told of its confirmation, like anyone who asked. A hold
    /// from before a later opt-out stays silent (<see cref="AnOptedOutDoctorGetsNoMessageButStaffAreStillTold"/>), and so
    /// does one staff made for him (`StaffReserveTests`).
    /// </summary>
    [Fact]
    public async Task AnOptedOutDoctorWhoCameBackAndReservedIsToldOfTheConfirmation()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710015", "optout_voltou");
        await f.ExecuteAsync("""
            UPDATE medicos SET opted_out = true, opted_out_at = now() - interval '30 days', stage_jornada = 'opt_out' WHERE id = @medico
            """, new { medico });
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("optout_voltou", "Hospital Voltou"), medico, conversa);

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", null));

        var message = Assert.Single(await f.ConfirmationMessagesAsync(medico));
        Assert.Contains("Hospital Voltou", message.Conteudo);
        Assert.Equal(conversa, message.ConversaId);
        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE id = @medico", new { medico }));
    }

    /// <summary>
    /// He opted out last month, came back, asked Júlia for the shift — and then told her to stop again. His latest request
    /// is the one that counts: `opted_out_at` moves to it (docs/decisions.md#opt-out, "A repeated opt-out"), so the hold
    /// is from before his opt-out and its confirmation is not sent. Before, the first `opted_out_at` was kept and the
    /// confirmation still reached a doctor who had just asked for no more messages.
    /// </summary>
    [Fact]
    public async Task ADoctorWhoCameBackReservedAndOptedOutAgainIsNotToldOfTheConfirmation()
    {
        const string phone = "5511977710016";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "optout_de_novo");
        await f.ExecuteAsync("""
            UPDATE medicos SET opted_out = true, opted_out_at = now() - interval '30 days', opted_out_reason = 'pare', stage_jornada = 'opt_out'
            WHERE id = @medico
            """, new { medico });
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("optout_de_novo", "Hospital De Novo"), medico, conversa);

        await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "pare de me mandar mensagens, por favor"));
        await f.WaitProcessedAsync(phone);
        var (at, reason) = Assert.Single(await f.QueryAsync<(DateTime At, string Reason)>(
            "SELECT opted_out_at, opted_out_reason FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal("pare de me mandar mensagens, por favor", reason);
        Assert.True(at > DateTime.UtcNow.AddMinutes(-5), $"opted_out_at {at:O} is not his latest request");

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", null));

        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão confirmado") && HumanLoopFixture.SlackMentions(m, "Hospital De Novo"));
        Assert.Empty(await f.ConfirmationMessagesAsync(medico));
    }

    [Fact]
    public async Task TheListShowsOneStatusNewestFirstWithShiftAndDoctor()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710006", "lista_teste");
        var older = await f.HoldAsync(await f.OpenShiftAsync("lista_teste", "Hospital Lista"), medico, conversa);
        var newer = await f.HoldAsync(await f.OpenShiftAsync("lista_teste", "Hospital Lista"), medico, conversa);
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = created_at - interval '1 hour' WHERE id = @older", new { older });

        var active = (await f.Client.GetFromJsonAsync<JsonArray>("/admin/reservas?limite=100"))!.Select(n => n!).ToList();
        var ids = active.Select(r => Guid.Parse(r["id"]!.GetValue<string>())).ToList();
        Assert.True(ids.IndexOf(newer) >= 0 && ids.IndexOf(newer) < ids.IndexOf(older), string.Join(", ", ids));
        var row = active.Single(r => r["id"]!.GetValue<string>() == newer.ToString());
        Assert.Equal("ativa", row["status"]!.GetValue<string>());
        Assert.Equal("sim, pode reservar", row["confirmacao"]!.GetValue<string>());
        Assert.Equal("julia", row["origem"]!.GetValue<string>());
        Assert.NotNull(row["expira_em"]);
        Assert.Equal(("Hospital Lista", "noturno", "R$ 2.100"),
            (row["vaga"]!["hospital"]!.GetValue<string>(), row["vaga"]!["periodo"]!.GetValue<string>(), row["vaga"]!["valor_texto"]!.GetValue<string>()));
        Assert.StartsWith("Ana ", row["medico"]!["nome"]!.GetValue<string>());
        Assert.Equal("5511977710006", row["medico"]!["telefone"]!.GetValue<string>());   // staff see it whole, as in /admin/handoffs

        var page = (await f.Client.GetFromJsonAsync<JsonArray>("/admin/reservas?status=ativa&limite=1&offset=0"))!;
        Assert.Single(page);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{older}/confirmar", null));
        var confirmed = (await f.Client.GetFromJsonAsync<JsonArray>("/admin/reservas?status=confirmada&limite=100"))!;
        Assert.Contains(confirmed, r => r!["id"]!.GetValue<string>() == older.ToString());
        Assert.DoesNotContain((await f.Client.GetFromJsonAsync<JsonArray>("/admin/reservas?limite=100"))!, r => r!["id"]!.GetValue<string>() == older.ToString());
        var one = await f.Client.GetFromJsonAsync<JsonObject>($"/admin/reservas/{older}");
        Assert.Equal("confirmada", one!["status"]!.GetValue<string>());
    }

    /// <summary>SPEC: `reservada→confirmada→realizada` (staff). A decisions.md Note said no endpoint wrote `realizada`.</summary>
    [Fact]
    public async Task AWorkedConfirmedShiftIsMarkedRealizadaOnceAndItsDoctorBecomesAtivo()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710021", "realizada_teste");
        var vaga = await f.OpenShiftAsync("realizada_teste", "Hospital Realizado");
        var reserva = await f.HoldAsync(vaga, medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        await f.ExecuteAsync("UPDATE vagas SET data = (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1 WHERE id = @vaga", new { vaga });   // it happened

        var body = await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/realizar", null));

        Assert.Equal(("confirmada", "realizada"), (body["status"]!.GetValue<string>(), body["vaga"]!["status"]!.GetValue<string>()));
        Assert.EndsWith("-03:00", body["vaga"]!["realizada_em"]!.GetValue<string>());
        var worked = await f.QueryAsync<(string Status, DateTime? RealizadaEm, Guid? MedicoId)>(
            "SELECT status, realizada_em, medico_id FROM vagas WHERE id = @vaga", new { vaga });
        Assert.Equal(("realizada", medico), (worked[0].Status, worked[0].MedicoId));
        Assert.NotNull(worked[0].RealizadaEm);
        Assert.Equal("ativo", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));

        // Twice: 200, the same moment kept.
        var again = await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/realizar", null));
        Assert.Equal("realizada", again["vaga"]!["status"]!.GetValue<string>());
        Assert.Equal(worked[0].RealizadaEm, await f.ScalarAsync<DateTime?>("SELECT realizada_em FROM vagas WHERE id = @vaga", new { vaga }));

        // A worked shift's reservation is not cancelled (nor the shift reopened).
        using var cancel = await f.PostJsonAsync($"/admin/reservas/{reserva}/cancelar", new { motivo = "engano" });
        Assert.Contains("realizado", (await ProblemAsync(cancel, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.Equal(("confirmada", "realizada"), Pick(await f.StateAsync(reserva)));
    }

    /// <summary>
    /// A worked shift makes its doctor `ativo`: his cached views (medico:id:*, medico:telefone:*, contexto:medico:*, whose
    /// profile shows the funnel stage to the agent) are dropped with the change, not left until their TTL.
    /// </summary>
    [Fact]
    public async Task MarkingAShiftRealizadaDropsItsDoctorsCachedViews()
    {
        const string phone = "5511977710031";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "realizada_cache");
        var vaga = await f.OpenShiftAsync("realizada_cache", "Hospital Cache Realizado");
        var reserva = await f.HoldAsync(vaga, medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        await f.ExecuteAsync("UPDATE vagas SET data = (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1 WHERE id = @vaga", new { vaga });
        await f.App.Services.GetRequiredService<DoctorDirectory>().FindByIdAsync(medico, default);
        Assert.NotNull(await f.App.Services.GetRequiredService<DoctorContext>().StartProfileRead(medico)(default));
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        string[] keys = [$"medico:id:{medico}", $"medico:telefone:{phone}", $"contexto:medico:{medico}"];
        foreach (var key in keys) Assert.True(await redis.KeyExistsAsync(key), key);

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/realizar", null));

        Assert.Equal("ativo", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));
        foreach (var key in keys) Assert.False(await redis.KeyExistsAsync(key), key);
    }

    [Fact]
    public async Task AShiftIsMarkedRealizadaOnlyOnceConfirmedAndStarted()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977710022", "realizada_cedo_teste");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("realizada_cedo_teste"), medico, conversa);

        using var unconfirmed = await f.PostJsonAsync($"/admin/reservas/{reserva}/realizar", null);
        var problem = await ProblemAsync(unconfirmed, HttpStatusCode.Conflict);
        Assert.Equal("Plantão não pode ser marcado como realizado", problem["title"]!.GetValue<string>());
        Assert.Contains("confirme", problem["detail"]!.GetValue<string>());
        Assert.Equal(("ativa", "reservada"), Pick(await f.StateAsync(reserva)));

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", null));
        using var early = await f.PostJsonAsync($"/admin/reservas/{reserva}/realizar", null);
        Assert.Contains("ainda não começou", (await ProblemAsync(early, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.Equal(("confirmada", "confirmada"), Pick(await f.StateAsync(reserva)));
        Assert.NotEqual("ativo", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));
    }

    [Theory]
    [InlineData("GET", "/admin/reservas?status=reservada", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/admin/reservas?limite=0", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/admin/reservas?limite=101", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/admin/reservas?offset=-1", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/admin/reservas?limite=abc", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/admin/reservas/nao-e-um-id", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/reservas/nao-e-um-id/confirmar", "{}", HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/reservas/00000000-0000-4000-8000-000000000000/confirmar", "{}", HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/reservas/00000000-0000-4000-8000-000000000000/cancelar", """{"motivo": "x"}""", HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/reservas/00000000-0000-4000-8000-000000000000/realizar", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/reservas/nao-e-um-id/realizar", "{}", HttpStatusCode.NotFound)]
    [InlineData("POST", "/admin/reservas/{reserva}/realizar", "{", HttpStatusCode.Conflict)]
    [InlineData("POST", "/admin/reservas/{reserva}/cancelar", "{}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/reservas/{reserva}/cancelar", """{"motivo": "   "}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/reservas/{reserva}/cancelar", """{"motivo": 42}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/reservas/{reserva}/cancelar", """{"motivo": "a\u0000b"}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/reservas/{reserva}/cancelar", "{", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/reservas/{reserva}/confirmar", """{"por": ["x"]}""", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/admin/reservas/{reserva}/confirmar", """{"notas": "{long}"}""", HttpStatusCode.BadRequest)]
    public async Task BadIdsAndBodiesAre4xxProblemsAndChangeNothing(string method, string path, string? body, HttpStatusCode expected)
    {
        var reserva = await f.BadInputHoldAsync();
        var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{reserva}", reserva.ToString()));
        if (body is not null) request.Content = new StringContent(body.Replace("{long}", new string('x', 2001)), Encoding.UTF8, "application/json");

        using var response = await f.Client.SendAsync(request);

        await ProblemAsync(response, expected);
        Assert.Equal(("ativa", "reservada"), Pick(await f.StateAsync(reserva)));
    }
}
