using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Journeys;
using Julia.IntegrationTests.TestHost;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// Shift reservations seen black-box from the doctor's and the operator's side (docs/decisions.md#reservations, #agent):
/// a blind set of scenarios written from the documents, run on the real host with the real tool loop (the Anthropic SDK
/// against <see cref="FakeAnthropic"/>), checked by the rows in `vagas` and `reservas_vaga`, what the tool told the model
/// and what WhatsApp got. Only the scenarios no other test proves are here; the others, and where:
/// <list type="bullet">
/// <item>A hold of an open shift, `fechada_por='julia'`, `qualificado`, the specialty's cache dropped —
/// <c>AgentConformanceTests.AReservationHoldsTheShiftForJuliaQualifiesHimAndDropsTheSpecialtysCachedLists</c>; a blocked doctor —
/// <c>…ABlockedDoctorsYesReservesNothing</c>.</item>
/// <item>The last slot raced — <c>Shifts/ReservationTests.TwoDoctorsRacingForOneShiftHaveExactlyOneWinner</c>,
/// <c>Journeys/ShiftJourneyTests.TwoDoctorsSayingQueroAtOnceHoldTheShiftOnceAndBothAreAnswered</c>, Júlia against staff —
/// <c>Shifts/StaffReserveTests.JuliaAndStaffRacingForOneShiftExactlyOneWins</c>; two overlapping holds at once —
/// <c>Shifts/ReservationTests.ADoctorCannotHoldTwoOverlappingShifts</c>.</item>
/// <item>Taken, cancelled, started, other specialty, clash, changed terms — <c>Journeys/ShiftJourneyTests</c>; his own shift again —
/// <c>Agent/AgentTests.AShiftHeAlreadyHoldsIsInTheContextAndIsNotTakenBySomeoneElse</c>; one per turn —
/// <c>AgentTests.AFailedReservationLeavesTheTurnsOneReservationForTheNextOfferedShift</c>; steering and no yes —
/// <c>AgentTests.PromptInjectionCannotReserve</c>, <c>UnitTests/Agent/AcceptanceRulesTests</c>.</item>
/// <item>He gives a hold up (a person cancels it) — <c>ShiftJourneyTests.HeGivesUpAHoldOnWhatsAppAndAPersonCancelsIt</c>; cancelling words
/// never opt him out — <c>UnitTests/Conversations/Corpus/deteccao.tsv</c> ("cancelar reserva / plantão específico").</item>
/// <item>Staff confirm, cancel, expiry, shifts staff cancel or give away in their system — <c>Shifts/StaffReservationTests</c>,
/// <c>Journeys/StaffJourneyTests</c>; reminders tied to a shift — <c>Agent/ReminderShiftTests</c>; opt-out with a hold —
/// <c>StaffReservationTests.ADoctorWhoOptsOutWhileHoldingAShiftIsToldToSlackOnce</c>; LGPD erasure with a hold —
/// <c>Journeys/DoctorLifecycleJourneyTests</c>; retention keeps reservations — <c>CampaignsMetricsMaintenanceConformanceTests</c>.</item>
/// </list>
/// </summary>
public sealed class ReservationsConformanceTests(ShiftJourneyFixture f) : IClassFixture<ShiftJourneyFixture>
{
    static JsonObject Reserve(Guid vaga, string words = "sim") => new() { ["vaga_id"] = vaga.ToString(), ["confirmacao"] = words };

    Task<long> HoldsAsync(Guid vaga) =>
        f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga });

    Task<string> StatusAsync(Guid vaga) => f.ScalarAsync<string>("SELECT status FROM vagas WHERE id = @vaga", new { vaga });

    /// <summary>
    /// The model calls `reservar_plantao` with a wrong, missing, mistyped or hostile `vaga_id` (the doctor said "sim"): the
    /// tool answers the model in words, nothing is held, the shift stays open, and the doctor still gets the turn's reply.
    /// </summary>
    [Theory]
    [InlineData("5511966640001", """{"vaga_id":"abc","confirmacao":"sim"}""", "vaga_id inválido")]
    [InlineData("5511966640002", """{"confirmacao":"sim"}""", "vaga_id inválido")]
    [InlineData("5511966640003", """{"vaga_id":12345,"confirmacao":"sim"}""", "vaga_id inválido")]
    [InlineData("5511966640004", """{"vaga_id":["{V}"],"confirmacao":"sim"}""", "vaga_id inválido")]
    [InlineData("5511966640005", """{"vaga_id":"{V8}","confirmacao":"sim"}""", "vaga_id inválido")]
    [InlineData("5511966640006", """{"vaga_id":"{RANDOM}","confirmacao":"sim"}""", "não foi oferecido")]
    [InlineData("5511966640007", """{"vaga_id":"{V}","confirmacao":"sim","medico_id":"{OTHER}"}""", "só posso agir para o médico desta conversa")]
    public async Task AWrongMissingOrHostileVagaIdHoldsNothingAndTheDoctorIsStillAnswered(string phone, string input, string told)
    {
        var specialty = "rc_id_" + phone[^2..];
        await f.DoctorAsync(phone, specialty);
        var vaga = await f.OpenShiftAsync(specialty, "Hospital Identidade");
        var arguments = JsonNode.Parse(input
            .Replace("{V8}", vaga.ToString()[..8], StringComparison.Ordinal)
            .Replace("{V}", vaga.ToString(), StringComparison.Ordinal)
            .Replace("{RANDOM}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{OTHER}", Guid.NewGuid().ToString(), StringComparison.Ordinal))!.AsObject();
        var marker = $"(rc1-{phone[^2..]})";

        var turn = await f.TurnAsync(phone, "sim, quero esse", marker, Tool("reservar_plantao", arguments), Text($"Não consegui reservar ainda {marker}"));

        Assert.Contains(told, Assert.Single(ShiftJourneyFixture.ToolResults(turn)));
        Assert.Equal((0L, "aberta"), (await HoldsAsync(vaga), await StatusAsync(vaga)));
        Assert.Contains(f.SentTo(phone), t => t.Contains("Não consegui reservar ainda", StringComparison.Ordinal));
    }

    /// <summary>
    /// A uuid is a uuid in any case: the model writing the offered id in capitals holds that shift, with the doctor's own
    /// words as `confirmacao` (not the model's), and a hold queues no reminder of its own (SPEC §7: reminders come only from
    /// `agendar_lembrete`).
    /// </summary>
    [Fact]
    public async Task TheOfferedIdInCapitalsHoldsThatShiftWithHisOwnWords()
    {
        const string phone = "5511966640011";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "rc_maiusculas");
        var vaga = await f.OpenShiftAsync("rc_maiusculas", "Hospital Maiúsculo");

        var turn = await f.TurnAsync(phone, "sim, pode reservar esse pra mim", "(rc2)",
            Tool("reservar_plantao", new JsonObject { ["vaga_id"] = vaga.ToString().ToUpperInvariant(), ["confirmacao"] = "ok" }), Text("Reservado!"));

        Assert.StartsWith("Reservado:", Assert.Single(ShiftJourneyFixture.ToolResults(turn)));
        var held = Assert.Single(await f.QueryAsync<(Guid Medico, Guid? Conversa, string Status, string Origem, string Confirmacao)>(
            "SELECT medico_id, conversa_id, status, origem, confirmacao FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga }));
        Assert.Equal((medico, (Guid?)conversa, "ativa", "julia"), (held.Medico, held.Conversa, held.Status, held.Origem));
        Assert.Equal("sim, pode reservar esse pra mim (rc2)", held.Confirmacao);
        Assert.Equal("reservada", await StatusAsync(vaga));
        Assert.Equal(0L, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'lembrete_solicitado'", new { medico }));
    }

    /// <summary>
    /// "Starts in the future" (SPEC §5) on the São Paulo clock: a shift starting in ten minutes can still be held (staff
    /// decide), one that started five minutes ago cannot — "já começou ou passou".
    /// </summary>
    [Theory]
    [InlineData("5511966640021", 10, true)]
    [InlineData("5511966640022", -5, false)]
    public async Task AShiftIsHeldUntilTheMinuteItStarts(string phone, int minutesAhead, bool held)
    {
        var specialty = "rc_inicio_" + phone[^2..];
        var (medico, _, _) = await f.DoctorAsync(phone, specialty);
        var vaga = await f.ScalarAsync<Guid>("""
            WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Pontual', 'Santo André')
                       ON CONFLICT (nome, cidade) DO UPDATE SET nome = EXCLUDED.nome RETURNING id),
                 t AS (SELECT date_trunc('minute', now() AT TIME ZONE 'America/Sao_Paulo') + make_interval(mins => @minutesAhead) AS inicio)
            INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
            SELECT h.id, (SELECT id FROM especialidades WHERE nome = @specialty), t.inicio::date, t.inicio::time, (t.inicio + interval '6 hours')::time, 1800, 'aberta'
            FROM h, t RETURNING id
            """, new { specialty, minutesAhead });
        var marker = $"(rc3-{phone[^2..]})";
        // Offered in the turn as a search finds it (a started one is not listed any more): an earlier reply named it.
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, autor_tipo, origem, conteudo, llm, created_at)
            SELECT @medico, c.id, 'saida', 'julia', 'fila:resposta', 'Tenho no Hospital Pontual hoje, quer?',
                   jsonb_build_object('vagas_oferecidas', jsonb_build_array(@id)), now() - interval '1 hour'
            FROM conversations c WHERE c.medico_id = @medico AND c.status = 'active'
            """, new { medico, id = vaga.ToString() });

        var turn = await f.TurnAsync(phone, "sim, quero esse de hoje", marker, Tool("reservar_plantao", Reserve(vaga)), Text("Certo."));

        var result = Assert.Single(ShiftJourneyFixture.ToolResults(turn));
        if (held)
        {
            Assert.StartsWith("Reservado:", result);
            Assert.Equal("reservada", await StatusAsync(vaga));
        }
        else
        {
            Assert.Equal("Esse plantão já começou ou passou.", result);
            Assert.Equal((0L, "aberta"), (await HoldsAsync(vaga), await StatusAsync(vaga)));
        }
    }

    /// <summary>
    /// An offer that stopped being reservable since (removed, a legacy `fechada`, worked by another): his "quero" holds
    /// nothing, the shift is untouched, and the model is never told it is held.
    /// </summary>
    [Theory]
    [InlineData("5511966640031", "UPDATE vagas SET deleted_at = now() WHERE id = @vaga", "Esse plantão não existe mais.")]
    [InlineData("5511966640032", "UPDATE vagas SET status = 'fechada' WHERE id = @vaga", null)]
    [InlineData("5511966640033", "UPDATE vagas SET status = 'pendente_confirmacao' WHERE id = @vaga", null)]
    [InlineData("5511966640034", "UPDATE vagas SET status = 'cancelada', cancelada_em = now() WHERE id = @vaga", "Esse plantão foi cancelado pela equipe: não está mais disponível.")]
    public async Task AnOfferThatStoppedBeingReservableHoldsNothing(string phone, string change, string? told)
    {
        var specialty = "rc_status_" + phone[^2..];
        var (medico, _, _) = await f.DoctorAsync(phone, specialty);
        var vaga = await f.OpenShiftAsync(specialty, "Hospital Estado");
        var marker = $"(rc4-{phone[^2..]})";
        await f.TurnAsync(phone, "tem noturno?", marker + "a", Text("Tenho no Hospital Estado, noturno, R$ 2.100. Quer?"));
        await f.TermsSentAsync(medico, vaga, "Estado");
        var before = await StatusAsync(vaga);
        await f.ExecuteAsync(change, new { vaga });
        var after = await f.ScalarAsync<string>("SELECT status FROM vagas WHERE id = @vaga", new { vaga });
        await f.CachedShiftsExpiredAsync(vaga);

        var turn = await f.TurnAsync(phone, "quero esse", marker + "b", Tool("reservar_plantao", Reserve(vaga)), Text("Poxa, não deu."));

        var result = Assert.Single(ShiftJourneyFixture.ToolResults(turn));
        if (told is not null) Assert.Equal(told, result);
        Assert.DoesNotContain("Reservado", result, StringComparison.Ordinal);
        Assert.Equal("aberta", before);
        Assert.Equal((0L, after), (await HoldsAsync(vaga), await StatusAsync(vaga)));
    }

    /// <summary>
    /// Overlap is by real windows on the São Paulo wall clock (docs/decisions.md#reservations): back to back — across
    /// midnight or on one day — is not a clash; the same hours elsewhere, a partial overlap, a whole-day shift (no hours)
    /// and last night's shift running into the morning are.
    /// </summary>
    // Its own prefix, one number per row: a random suffix once drew a number another test here holds (CI, 23505).
    static int overlapDoctors;

    [Theory]
    [InlineData(0, "19:00", "07:00", 1, "07:00", "19:00", "reservada")]
    [InlineData(0, "07:00", "13:00", 0, "13:00", "19:00", "reservada")]
    [InlineData(0, "07:00", "19:00", 0, "07:00", "19:00", "conflito")]
    [InlineData(0, "07:00", "19:00", 0, "13:00", "23:00", "conflito")]
    [InlineData(0, null, null, 0, "07:00", "19:00", "conflito")]
    [InlineData(0, "19:00", "07:00", 1, "06:00", "12:00", "conflito")]
    [InlineData(0, "07:00", "19:00", 1, null, null, "reservada")]
    public async Task OverlapIsJudgedOnTheWallClock(int heldDay, string? heldStart, string? heldEnd, int newDay, string? newStart, string? newEnd, string outcome)
    {
        var store = f.App.Services.GetRequiredService<ShiftStore>();
        var medico = await f.ScalarAsync<Guid>("INSERT INTO medicos (telefone, origem) VALUES (@phone, 'manual') RETURNING id",
            new { phone = "551196669" + Interlocked.Increment(ref overlapDoctors).ToString("D4", CultureInfo.InvariantCulture) });
        var held = await ShiftOnAsync(heldDay, heldStart, heldEnd);
        var other = await ShiftOnAsync(newDay, newStart, newEnd);
        Guid[] ids = [held, other];
        var first = await store.ReserveAsync(new ReservationRequest(ids[0], medico, null, "sim"), default);
        Assert.True(first.Succeeded, first.Outcome);

        var second = await store.ReserveAsync(new ReservationRequest(ids[1], medico, null, "sim"), default);

        Assert.Equal(outcome, second.Outcome);
        Assert.Equal(outcome == "reservada" ? "reservada" : "aberta", await StatusAsync(ids[1]));
    }

    /// <summary>An open shift of a specialty of its own, 20 + <paramref name="day"/> days ahead, with these hours (or none).</summary>
    Task<Guid> ShiftOnAsync(int day, string? start, string? end) => f.ScalarAsync<Guid>("""
        WITH h AS (INSERT INTO hospitais (nome, cidade) VALUES ('Hospital Janela', 'Mauá')
                   ON CONFLICT (nome, cidade) DO UPDATE SET nome = EXCLUDED.nome RETURNING id),
             e AS (INSERT INTO especialidades (nome) VALUES ('rc_janela') ON CONFLICT (nome) DO UPDATE SET nome = EXCLUDED.nome RETURNING id)
        INSERT INTO vagas (hospital_id, especialidade_id, data, hora_inicio, hora_fim, valor, status)
        SELECT h.id, e.id, (now() AT TIME ZONE 'America/Sao_Paulo')::date + 20 + @day,
               CAST(@start AS time), CAST(@end AS time), 2000, 'aberta'
        FROM h, e RETURNING id
        """, new { day, start, end });

    /// <summary>
    /// The model calls `reservar_plantao` twice for the shift it just held in this turn: one hold, and the second call is
    /// told the shift is already his — not "só um plantão por vez", which reads as if another shift were asked for.
    /// </summary>
    [Fact]
    public async Task TheShiftHeldEarlierInTheTurnIsToldAsHisWhenAskedAgain()
    {
        const string phone = "5511966640041";
        var (medico, _, _) = await f.DoctorAsync(phone, "rc_duas_vezes");
        var vaga = await f.OpenShiftAsync("rc_duas_vezes", "Hospital Repetido");

        var turn = await f.TurnAsync(phone, "sim, quero esse", "(rc6)",
            Tool("reservar_plantao", Reserve(vaga)), Tool("reservar_plantao", Reserve(vaga)), Text("Reservado!"));

        var results = ShiftJourneyFixture.ToolResults(turn);
        Assert.Equal(2, results.Count);
        Assert.StartsWith("Reservado:", results[0]);
        Assert.Contains("já está reservado para ele", results[1]);
        Assert.Equal([(medico, "ativa")], await f.ReservationsAsync(vaga));
        Assert.Equal(1, await Eventually.MatchesAsync(() => Task.FromResult(f.SlackCount("Plantão reservado", "Hospital Repetido")), n => n >= 1));
    }

    /// <summary>
    /// Who may still take a shift through Júlia: a doctor who opted out and wrote again (SPEC §4.6: answered normally; only
    /// proactive kinds stay blocked) and one in a pause he asked for (it holds back campaigns and follow-ups, not his own
    /// "quero").
    /// </summary>
    [Theory]
    [InlineData("5511966640051", "UPDATE medicos SET opted_out = true, opted_out_at = now() - interval '2 days', stage_jornada = 'opt_out' WHERE id = @medico")]
    [InlineData("5511966640052", "UPDATE medicos SET contato_pausado_ate = now() + interval '30 days', contato_pausado_motivo = 'viagem', contato_pausado_em = now() WHERE id = @medico")]
    public async Task ADoctorWhoOptedOutOrPausedContactCanStillTakeTheShiftHeAsksFor(string phone, string setUp)
    {
        var specialty = "rc_quem_" + phone[^2..];
        var (medico, _, _) = await f.DoctorAsync(phone, specialty);
        var vaga = await f.OpenShiftAsync(specialty, "Hospital Retorno");
        await f.ExecuteAsync(setUp, new { medico });
        await f.App.Services.GetRequiredService<Julia.Doctors.DoctorDirectory>().InvalidateAsync(medico, phone);

        var turn = await f.TurnAsync(phone, "voltei, quero esse plantão sim", $"(rc7-{phone[^2..]})", Tool("reservar_plantao", Reserve(vaga)), Text("Reservado!"));

        Assert.StartsWith("Reservado:", Assert.Single(ShiftJourneyFixture.ToolResults(turn)));
        Assert.Equal([(medico, "ativa")], await f.ReservationsAsync(vaga));
    }

    /// <summary>
    /// Staff block the doctor, or remove him from the register, while his turn is with the model (after the turn read
    /// him, before the tool runs): the hold reads him again under its lock and takes nothing — `bloqueado` is staff's
    /// "do not work with", and a removed doctor is no longer anyone's to reserve for (docs/decisions.md#reservations).
    /// </summary>
    [Theory]
    [InlineData("5511966640061", "UPDATE medicos SET bloqueado = true, bloqueado_motivo = 'teste' WHERE id = @medico")]
    [InlineData("5511966640062", "UPDATE medicos SET deleted_at = now() WHERE id = @medico")]
    public async Task ADoctorBlockedOrRemovedWhileHisTurnRunsHoldsNothing(string phone, string change)
    {
        var specialty = "rc_durante_" + phone[^2..];
        var (medico, _, _) = await f.DoctorAsync(phone, specialty);
        var vaga = await f.OpenShiftAsync(specialty, "Hospital Durante");
        var marker = $"(rc8-{phone[^2..]})";

        await ReserveWhileTheModelWritesAsync(phone, medico, vaga, marker, () => f.ExecuteAsync(change, new { medico }).GetAwaiter().GetResult());

        var result = Assert.Single(ShiftJourneyFixture.ToolResults(f.RequestsOf(marker)));
        Assert.DoesNotContain("Reservado", result, StringComparison.Ordinal);
        Assert.Equal((0L, "aberta"), (await HoldsAsync(vaga), await StatusAsync(vaga)));
    }

    /// <summary>
    /// The doctor is erased under LGPD while his turn is with the model: the hold takes nothing, so no reservation of his
    /// is written after the erasure — his words (`confirmacao`) stored after it, and a held shift no
    /// "🗑️ Plantão de médico apagado (LGPD)" notice ever named to staff (docs/decisions.md#lgpd).
    /// </summary>
    [Fact]
    public async Task ADoctorErasedWhileHisTurnRunsHoldsNothing()
    {
        const string phone = "5511966640071";
        var (medico, _, _) = await f.DoctorAsync(phone, "rc_apagado");
        var vaga = await f.OpenShiftAsync("rc_apagado", "Hospital Apagado");
        const string marker = "(rc9)";
        HttpResponseMessage? erased = null;

        await ReserveWhileTheModelWritesAsync(phone, medico, vaga, marker,
            () => erased = f.Client.PostAsJsonAsync($"/admin/medicos/{medico}/apagar", new { motivo = "pedido do titular" }).GetAwaiter().GetResult());

        Assert.True(erased?.IsSuccessStatusCode, erased?.ToString());
        Assert.DoesNotContain("Reservado", Assert.Single(ShiftJourneyFixture.ToolResults(f.RequestsOf(marker))), StringComparison.Ordinal);
        Assert.Equal((0L, "aberta"), (await HoldsAsync(vaga), await StatusAsync(vaga)));
    }

    /// <summary>
    /// "sim, quero esse" from the doctor; the model's first answer to it runs <paramref name="meanwhile"/> (after the turn read
    /// him) and then calls `reservar_plantao` for the shift; returns when his message is processed.
    /// </summary>
    async Task ReserveWhileTheModelWritesAsync(string phone, Guid medico, Guid vaga, string marker, Action meanwhile)
    {
        var calls = 0;
        f.Anthropic.Override = request =>
        {
            if (!FakeModelServer.Carries(request, marker)) return Text("Oi!");
            if (Interlocked.Increment(ref calls) > 1) return Text("Certo.");
            meanwhile();
            return Tool("reservar_plantao", Reserve(vaga));
        };
        try
        {
            await PostAsync(f.Client, Text(phone, $"sim, quero esse {marker}"));
            await Eventually.MatchesAsync(() => Task.FromResult(f.RequestsOf(marker).Count), n => n >= 2);
            await Eventually.MatchesAsync(() => f.ScalarAsync<long>("""
                SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL
                """, new { medico }), n => n == 0);
        }
        finally
        {
            f.Anthropic.Override = null;
        }
    }
}
