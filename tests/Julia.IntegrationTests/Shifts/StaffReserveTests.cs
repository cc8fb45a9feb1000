using System.Net;
using System.Net.Http.Headers;
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

/// <summary><see cref="StaffReservationFixture"/> behind ADMIN_API_TOKEN: its client sends the token.</summary>
public sealed class StaffReserveFixture : StaffReservationFixture
{
    public const string Token = "admin-token-reservar-FAKE";

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["ADMIN_API_TOKEN"] = Token;
            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>A doctor of the specialty straight in the database: no conversation, never wrote.</summary>
    public Task<Guid> SilentDoctorAsync(string phone, string specialty) => ScalarAsync<Guid>("""
        WITH e AS (INSERT INTO especialidades (nome) VALUES (@specialty) ON CONFLICT (nome) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
        INSERT INTO medicos (telefone, primeiro_nome, especialidade_id) SELECT @phone, 'Bruno', e.id FROM e RETURNING id
        """, new { phone, specialty });
}

/// <summary>
/// `POST /admin/vagas/{id}/reservar` (docs/decisions.md#reservations): staff reserve a shift for a doctor with the
/// guarantees of Júlia's `reservar_plantao` — one transaction, origin `humano`, Slack, caches — and refusals in pt-BR.
/// </summary>
public sealed class StaffReserveTests(StaffReserveFixture f) : IClassFixture<StaffReserveFixture>
{
    static string Reserve(Guid vaga) => $"/admin/vagas/{vaga}/reservar";

    [Fact]
    public async Task StaffReserveAShiftForADoctorAsAHoldOfOriginHumano()
    {
        const string phone = "5511977720001";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "equipe_reserva_teste");
        var vaga = await f.OpenShiftAsync("equipe_reserva_teste", "Hospital Equipe Reserva");
        var especialidade = await f.ScalarAsync<Guid>("SELECT especialidade_id FROM vagas WHERE id = @vaga", new { vaga });
        var catalog = f.App.Services.GetRequiredService<ShiftCatalog>();
        Assert.Contains(await catalog.SearchAsync(new ShiftSearch(especialidade), [], default), s => s.Id == vaga);
        await f.App.Services.GetRequiredService<DoctorDirectory>().FindByIdAsync(medico, default);
        var redis = f.App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(f.Redis.Database);
        var shiftsKey = ShiftCatalog.Key(especialidade, ShiftCatalog.CachedPerSpecialty);
        Assert.True(await redis.KeyExistsAsync(shiftsKey));
        Assert.True(await redis.KeyExistsAsync($"medico:id:{medico}"));

        using var response = await f.PostJsonAsync(Reserve(vaga), new { medico_id = medico, notas = "pediu por telefone", por = "Carla" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await f.OkJsonAsync(response);
        var reserva = body["id"]!.GetValue<Guid>();
        Assert.Equal($"/admin/reservas/{reserva}", response.Headers.Location?.ToString());
        Assert.Equal(("ativa", "humano", "Carla", "pediu por telefone"), (body["status"]!.GetValue<string>(), body["origem"]!.GetValue<string>(),
            body["reservada_por"]!.GetValue<string>(), body["confirmacao"]!.GetValue<string>()));
        Assert.Equal(conversa, body["conversa_id"]!.GetValue<Guid>());
        Assert.NotNull(body["expira_em"]);
        Assert.Equal(("reservada", medico), (body["vaga"]!["status"]!.GetValue<string>(), body["medico"]!["id"]!.GetValue<Guid>()));

        var row = (await f.QueryAsync<(string Status, Guid? Medico, string? FechadaPor, DateTime? FechadaEm)>(
            "SELECT status, medico_id, fechada_por, fechada_em FROM vagas WHERE id = @vaga", new { vaga })).Single();
        Assert.Equal(("reservada", medico, "humano"), (row.Status, row.Medico, row.FechadaPor));
        Assert.NotNull(row.FechadaEm);
        Assert.Equal("reservou", await f.ScalarAsync<string>("SELECT stage FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.False(await redis.KeyExistsAsync(shiftsKey));
        Assert.False(await redis.KeyExistsAsync($"medico:id:{medico}"));
        Assert.DoesNotContain(await catalog.SearchAsync(new ShiftSearch(especialidade), [], default), s => s.Id == vaga);

        var slack = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital Equipe Reserva"));
        Assert.True(HumanLoopFixture.SlackMentions(slack, "feita pela equipe (Carla)"), slack.ToJsonString());
        Assert.False(HumanLoopFixture.SlackMentions(slack, "feita pela Júlia"));
        Assert.False(HumanLoopFixture.SlackMentions(slack, phone));   // masked
        Assert.Equal(1, await f.NoticesAsync("plantao_reservado", reserva));
        Assert.Empty(await f.ConfirmationMessagesAsync(medico));   // a hold: nothing to the doctor yet
    }

    [Fact]
    public async Task ConfirmarTrueConfirmsAtOnceAndTellsTheDoctor()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977720002", "equipe_confirma_teste");
        var vaga = await f.OpenShiftAsync("equipe_confirma_teste", "Hospital Equipe Confirma");

        using var response = await f.PostJsonAsync(Reserve(vaga), new { medico_id = medico, confirmar = true, por = "Bruno" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await f.OkJsonAsync(response);
        var reserva = body["id"]!.GetValue<Guid>();
        Assert.Equal(("confirmada", "Bruno", "humano"),
            (body["status"]!.GetValue<string>(), body["confirmada_por"]!.GetValue<string>(), body["origem"]!.GetValue<string>()));
        Assert.Null(body["expira_em"]);
        Assert.Equal(("confirmada", "confirmada"), Pick(await f.StateAsync(reserva)));
        var message = Assert.Single(await f.ConfirmationMessagesAsync(medico));
        Assert.Equal(conversa, message.ConversaId);
        Assert.Contains("Hospital Equipe Confirma", message.Conteudo);
        var confirmed = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Plantão confirmado") && HumanLoopFixture.SlackMentions(m, "Hospital Equipe Confirma"));
        Assert.True(HumanLoopFixture.SlackMentions(confirmed, "Reservado e confirmado pela equipe (Bruno)"), confirmed.ToJsonString());
        Assert.Equal(1, await f.NoticesAsync("plantao_confirmado", reserva));
        // One notice, not "📅 reserved" then "✅ confirmed": the hold's own was never queued; every Slack notice of this
        // reservation delivered, the fake Slack got one about its hospital.
        Assert.Equal(0, await f.NoticesAsync("plantao_reservado", reserva));
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM notificacoes WHERE canal = 'slack' AND payload->>'reserva_id' = @id AND status <> 'enviada'", new { id = reserva.ToString() }), n => n == 0);
        Assert.Single(f.Slack.Received, m => HumanLoopFixture.SlackMentions(m, "Hospital Equipe Confirma"));
    }

    /// <summary>A doctor who never wrote (no conversation) and one who opted out: a person decided, the hold is made.</summary>
    [Fact]
    public async Task ADoctorWithoutConversationOrOptedOutCanBeReservedFor()
    {
        var silent = await f.SilentDoctorAsync("5511977720003", "equipe_sem_conversa_teste");
        var vaga = await f.OpenShiftAsync("equipe_sem_conversa_teste");
        await f.ExecuteAsync("UPDATE medicos SET opted_out = true, opted_out_at = now() WHERE id = @silent", new { silent });

        using var response = await f.PostJsonAsync(Reserve(vaga), new { medico_id = silent, confirmar = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await f.OkJsonAsync(response);
        Assert.Null(body["conversa_id"]);
        Assert.Null(body["reservada_por"]);
        Assert.Equal(("confirmada", "confirmada"), Pick(await f.StateAsync(body["id"]!.GetValue<Guid>())));
        Assert.Empty(await f.ConfirmationMessagesAsync(silent));   // opted out: no WhatsApp
    }

    /// <summary>Júlia and staff for one shift at the same time, for two doctors: exactly one holds it, the other hears why.</summary>
    [Fact]
    public async Task JuliaAndStaffRacingForOneShiftExactlyOneWins()
    {
        var (doctorOfJulia, conversa, _) = await f.DoctorAsync("5511977720004", "equipe_corrida_teste");
        var (doctorOfStaff, _, _) = await f.DoctorAsync("5511977720005", "equipe_corrida_teste");
        var store = f.App.Services.GetRequiredService<ShiftStore>();
        for (var round = 0; round < 6; round++)
        {
            var vaga = await f.OpenShiftAsync("equipe_corrida_teste", "Hospital Corrida");
            var julia = Task.Run(() => store.ReserveAsync(new ReservationRequest(vaga, doctorOfJulia, conversa, "sim"), default));
            var staff = Task.Run(() => f.PostJsonAsync(Reserve(vaga), new { medico_id = doctorOfStaff }));
            var (juliaResult, staffResponse) = (await julia, await staff);

            var staffWon = staffResponse.StatusCode == HttpStatusCode.Created;
            Assert.True(staffWon ^ juliaResult.Succeeded, $"round {round}: Júlia {juliaResult.Outcome}, equipe {(int)staffResponse.StatusCode}");
            if (staffWon) Assert.Equal("ja_reservada", juliaResult.Outcome);
            else Assert.Equal(HttpStatusCode.Conflict, staffResponse.StatusCode);
            var holds = await f.QueryAsync<(Guid Medico, string Origem)>(
                "SELECT medico_id, origem FROM reservas_vaga WHERE vaga_id = @vaga AND status = 'ativa'", new { vaga });
            Assert.Equal([staffWon ? (doctorOfStaff, "humano") : (doctorOfJulia, "julia")], holds);
            Assert.Equal(staffWon ? doctorOfStaff : doctorOfJulia, await f.ScalarAsync<Guid>("SELECT medico_id FROM vagas WHERE id = @vaga", new { vaga }));
        }
    }

    [Fact]
    public async Task AShiftThatOverlapsOneHeHoldsIsRefused()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511977720006", "equipe_conflito_teste");
        var held = await f.OpenShiftAsync("equipe_conflito_teste", "Hospital Já Dele");
        await f.HoldAsync(held, medico, conversa);
        var same = await f.ScalarAsync<Guid>("""
            INSERT INTO vagas (hospital_id, especialidade_id, periodo_id, data, hora_inicio, hora_fim, valor, status)
            SELECT hospital_id, especialidade_id, periodo_id, data, '21:00', '09:00', 1500, 'aberta' FROM vagas WHERE id = @held RETURNING id
            """, new { held });

        using var response = await f.PostJsonAsync(Reserve(same), new { medico_id = medico });

        var problem = await ProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal("Plantão não pode ser reservado", problem["title"]!.GetValue<string>());
        Assert.Contains("nesse horário", problem["detail"]!.GetValue<string>());
        Assert.Contains("Hospital Já Dele", problem["detail"]!.GetValue<string>());
        await AssertUntouchedAsync(same);
    }

    [Fact]
    public async Task AShiftThatStartedIsRefused()
    {
        var medico = await f.SilentDoctorAsync("5511977720007", "equipe_passado_teste");
        var vaga = await f.OpenShiftAsync("equipe_passado_teste");
        await f.ExecuteAsync("UPDATE vagas SET data = (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1 WHERE id = @vaga", new { vaga });

        using var response = await f.PostJsonAsync(Reserve(vaga), new { medico_id = medico });

        Assert.Contains("já começou", (await ProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        await AssertUntouchedAsync(vaga);
    }

    [Fact]
    public async Task ATakenCancelledOrOtherSpecialtyShiftAndABlockedDoctorAreRefused()
    {
        var (owner, conversa, _) = await f.DoctorAsync("5511977720008", "equipe_recusa_teste");
        var medico = await f.SilentDoctorAsync("5511977720009", "equipe_recusa_teste");
        var taken = await f.OpenShiftAsync("equipe_recusa_teste", "Hospital Ocupado");
        var reserva = await f.HoldAsync(taken, owner, conversa);
        var cancelled = await f.OpenShiftAsync("equipe_recusa_teste");
        await f.ExecuteAsync("UPDATE vagas SET status = 'cancelada' WHERE id = @cancelled", new { cancelled });
        await f.SilentDoctorAsync("5511977720010", "equipe_outra_teste");
        var other = await f.OpenShiftAsync("equipe_outra_teste");

        using (var response = await f.PostJsonAsync(Reserve(taken), new { medico_id = medico }))
            Assert.Contains("já está reservado", (await ProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        Assert.Equal(("ativa", "reservada"), Pick(await f.StateAsync(reserva)));
        Assert.Equal(owner, await f.ScalarAsync<Guid>("SELECT medico_id FROM vagas WHERE id = @taken", new { taken }));
        using (var response = await f.PostJsonAsync(Reserve(cancelled), new { medico_id = medico }))
            Assert.Equal("O plantão está com status cancelada: só um plantão aberto ou anunciado pode ser reservado.",
                (await ProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        using (var response = await f.PostJsonAsync(Reserve(other), new { medico_id = medico }))
            Assert.Contains("especialidade diferente da do médico", (await ProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        await AssertUntouchedAsync(other);

        var open = await f.OpenShiftAsync("equipe_recusa_teste");
        await f.ExecuteAsync("UPDATE medicos SET bloqueado = true WHERE id = @medico", new { medico });
        using (var response = await f.PostJsonAsync(Reserve(open), new { medico_id = medico }))
            Assert.Contains("bloqueado", (await ProblemAsync(response, HttpStatusCode.Conflict))["detail"]!.GetValue<string>());
        await AssertUntouchedAsync(open);
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE medico_id = @medico", new { medico }));
    }

    [Fact]
    public async Task AStaffHoldExpiresLikeJuliasWhenNobodyConfirmsIt()
    {
        var medico = await f.SilentDoctorAsync("5511977720011", "equipe_expira_teste");
        var vaga = await f.OpenShiftAsync("equipe_expira_teste");
        var reserva = (await f.OkJsonAsync(await f.PostJsonAsync(Reserve(vaga), new { medico_id = medico })))["id"]!.GetValue<Guid>();
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '25 hours' WHERE id = @reserva", new { reserva });

        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);

        Assert.Equal(("expirada", "aberta"), Pick(await f.StateAsync(reserva)));
        Assert.Null(await f.ScalarAsync<string?>("SELECT fechada_por FROM vagas WHERE id = @vaga", new { vaga }));
    }

    [Fact]
    public async Task UnknownShiftOrDoctorIs404()
    {
        var medico = await f.SilentDoctorAsync("5511977720012", "equipe_404_teste");
        var vaga = await f.OpenShiftAsync("equipe_404_teste");

        using (var response = await f.PostJsonAsync(Reserve(Guid.NewGuid()), new { medico_id = medico }))
            Assert.Equal("Plantão não encontrado", (await ProblemAsync(response, HttpStatusCode.NotFound))["title"]!.GetValue<string>());
        using (var response = await f.PostJsonAsync(Reserve(vaga), new { medico_id = Guid.NewGuid() }))
            Assert.Equal("Médico não encontrado", (await ProblemAsync(response, HttpStatusCode.NotFound))["title"]!.GetValue<string>());
        await f.ExecuteAsync("UPDATE vagas SET deleted_at = now() WHERE id = @vaga", new { vaga });
        using (var response = await f.PostJsonAsync(Reserve(vaga), new { medico_id = medico }))
            await ProblemAsync(response, HttpStatusCode.NotFound);
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga }));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer errado")]
    public async Task WithoutTheAdminTokenIs401AndNothingIsReserved(string? authorization)
    {
        var medico = await f.SilentDoctorAsync($"55119777201{(authorization is null ? "3" : "4")}0", "equipe_401_teste");
        var vaga = await f.OpenShiftAsync("equipe_401_teste");
        using var anonymous = f.App.CreateClient();
        if (authorization is not null) anonymous.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", authorization);

        using var response = await anonymous.PostAsJsonAsync(Reserve(vaga), new { medico_id = medico });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertUntouchedAsync(vaga);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"medico_id": "nao-e-um-id"}""")]
    [InlineData("""{"medico_id": "{medico}", "medico": "x"}""")]
    [InlineData("""{"medico_id": "{medico}", "notas": "{501}"}""")]
    [InlineData("""{"medico_id": "{medico}", "por": "{81}"}""")]
    [InlineData("""{"medico_id": "{medico}", "confirmar": "sim"}""")]
    [InlineData("{")]
    public async Task ABadBodyIs400AndChangesNothing(string body)
    {
        var medico = await f.ScalarAsync<Guid?>("SELECT id FROM medicos WHERE telefone = '5511977720020'")
            ?? await f.SilentDoctorAsync("5511977720020", "equipe_400_teste");
        var vaga = await f.OpenShiftAsync("equipe_400_teste");
        var text = body.Replace("{medico}", medico.ToString()).Replace("{501}", new string('x', 501)).Replace("{81}", new string('x', 81));

        using var response = await f.Client.PostAsync(Reserve(vaga), new StringContent(text, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        await AssertUntouchedAsync(vaga);
    }

    async Task AssertUntouchedAsync(Guid vaga)
    {
        Assert.Equal(("aberta", (string?)null), (await f.QueryAsync<(string, string?)>(
            "SELECT status, fechada_por FROM vagas WHERE id = @vaga", new { vaga })).Single());
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga }));
    }
}
