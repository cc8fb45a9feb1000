using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Journeys;

/// <summary>
/// Time moved for one doctor, as the job tests move it: every timestamp of his story (messages, conversation, queue rows,
/// handoffs) set back by the time that passes; the jobs then run through `POST /jobs/{nome}`.
/// </summary>
internal static class DoctorClock
{
    public static async Task AgeAsync(JourneyFixture f, Guid medico, string interval)
    {
        // A send in flight — a reply the fake Evolution already has — records its outbound row and the conversation's
        // times when it finishes; time moved before that leaves them at "now" (the idle-close journey failed once in a
        // CI run so: his last message looked a minute old, not a month). Wait for it, and for a reply not yet claimed.
        await f.WaitSendsRecordedAsync(medico);
        await f.ExecuteAsync("""
        UPDATE interacoes SET created_at = created_at - @interval::interval, processado_em = processado_em - @interval::interval
        WHERE medico_id = @medico;
        UPDATE conversations SET created_at = created_at - @interval::interval, last_inbound_at = last_inbound_at - @interval::interval,
               last_outbound_at = last_outbound_at - @interval::interval, last_message_at = last_message_at - @interval::interval,
               pausado_ate = pausado_ate - @interval::interval
        WHERE medico_id = @medico;
        UPDATE fila_mensagens SET created_at = created_at - @interval::interval, enviada_em = enviada_em - @interval::interval
        WHERE medico_id = @medico AND status NOT IN ('pendente', 'processando');
        UPDATE handoffs SET created_at = created_at - @interval::interval, resolvido_em = resolvido_em - @interval::interval
        WHERE medico_id = @medico;
        """, new { medico, interval });
    }

    /// <summary>A once-a-day job run again "the next day": today's claim (`execucoes_job`) is given back first.</summary>
    public static async Task RunDailyAsync(JourneyFixture f, string job)
    {
        await f.ExecuteAsync("DELETE FROM execucoes_job WHERE nome = @job", new { job });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync(job)).StatusCode);
    }

    /// <summary>Runs `followups` and waits for the step it queued for him to go out; returns its queue row.</summary>
    public static async Task<Guid> FollowUpSentAsync(JourneyFixture f, Guid medico, string step)
    {
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        var fila = await f.ScalarAsync<Guid?>("""
            SELECT id FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'followup' AND metadata->>'tipo_followup' = @step
            ORDER BY created_at DESC LIMIT 1
            """, new { medico, step }) ?? throw new Xunit.Sdk.XunitException($"nenhum {step} enfileirado");
        Assert.Equal("enviada", (await f.DueNowAsync(fila)).Status);
        return fila;
    }

    public static Task<long> FollowUpsOfAsync(JourneyFixture f, Guid medico) =>
        f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'followup'", new { medico });

    public static async Task<(string Status, string Stage)> ConversationAsync(JourneyFixture f, Guid medico) =>
        (await f.QueryAsync<(string, string)>(
            "SELECT status, stage FROM conversations WHERE medico_id = @medico ORDER BY created_at DESC LIMIT 1", new { medico })).Single();
}

/// <summary>
/// A doctor over days and weeks while the jobs run (round four of the cross-feature journeys): follow-ups, the idle
/// close, handoffs that stay open for days, opt-outs and blocks between a message's queueing and its send, pauses that
/// end — played on the real host, checked by what WhatsApp got and what the rows say.
/// </summary>
public sealed class TimeJourneyTests(JourneyFixture f) : IClassFixture<JourneyFixture>
{
    Task AgeAsync(Guid medico, string interval) => DoctorClock.AgeAsync(f, medico, interval);

    /// <summary>A doctor imported from a list who answered Júlia once, long enough ago for a campaign to take him again.</summary>
    async Task<Guid> DoctorWhoWroteOnceAsync(string phone, string age)
    {
        var medico = await f.ImportedDoctorAsync(phone);
        await PostAsync(f.Client, Text(phone, "oi, quem é?"));
        await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);
        await AgeAsync(medico, age);
        return medico;
    }

    /// <summary>
    /// He answered Júlia once, then went quiet; a week later (the campaigns' 7-day exclusion over, before that night's
    /// idle close) a campaign's opening reaches his still-open conversation. He never answers it: FU1 after 48 h, FU2 after
    /// 5 days, and FU3 15 days later pauses him `nao_respondeu` — the idle close a week after FU2 leaves the cadence
    /// alone. Before, it closed the conversation `completed` (he had written once, weeks before) and FU3 never went.
    /// </summary>
    [Fact]
    public async Task ACampaignReachingADoctorWhoWroteWeeksAgoRunsItsWholeCadenceDespiteTheIdleClose()
    {
        const string phone = "5511966640001";
        var medico = await DoctorWhoWroteOnceAsync(phone, "7 days 2 hours");
        var opening = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo! Voltaram os plantões de clínica no ABC, quer ver?");
        Assert.Equal("enviada", (await f.DueNowAsync(opening)).Status);
        Assert.Equal(("active", "msg_enviada"), await DoctorClock.ConversationAsync(f, medico));

        await AgeAsync(medico, "49 hours");
        await DoctorClock.FollowUpSentAsync(f, medico, "fu1");
        await AgeAsync(medico, "5 days 1 hour");
        await DoctorClock.FollowUpSentAsync(f, medico, "fu2");

        await AgeAsync(medico, "8 days");
        await DoctorClock.RunDailyAsync(f, "encerramento");
        Assert.Equal(("active", "followup_2_enviado"), await DoctorClock.ConversationAsync(f, medico));

        await AgeAsync(medico, "7 days 1 hour");
        await DoctorClock.FollowUpSentAsync(f, medico, "fu3");
        Assert.Equal(("paused", "nao_respondeu"), await DoctorClock.ConversationAsync(f, medico));
        Assert.Equal("nao_respondeu", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal(5, f.SentTo(phone).Count);   // Júlia's reply, the opening, FU1, FU2, FU3
        Assert.Contains("não vou mais te incomodar", f.SentTo(phone)[^1]);
    }

    /// <summary>
    /// A recruiter takes him over after FU1 (label `humano` in Chatwoot), keeps him six days and hands him back without
    /// writing a word in Chatwoot (they spoke by phone). No follow-up goes while she has him; after the resolution the
    /// cadence counts again from it — FU2 five days later, not minutes after a person just spoke to him.
    /// </summary>
    [Fact]
    public async Task AHandoffResolvedAfterDaysRestartsTheCadenceFromTheResolution()
    {
        const string phone = "5511966640002";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT medico_id FROM conversations WHERE id = @conversa", new { conversa });
        await AgeAsync(medico, "7 days 2 hours");
        var opening = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo! Temos plantões no ABC esta semana, quer ver?");
        Assert.Equal("enviada", (await f.DueNowAsync(opening)).Status);
        await AgeAsync(medico, "49 hours");
        await DoctorClock.FollowUpSentAsync(f, medico, "fu1");
        await AgeAsync(medico, "1 day");

        var label = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        label["labels"] = new JsonArray("humano");
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(label)).StatusCode);
        Assert.Equal("human", await f.ControlAsync(conversa));
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'sistema' AND status = 'enviada'", new { medico }), n => n == 1);

        await AgeAsync(medico, "6 days");
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(1, await DoctorClock.FollowUpsOfAsync(f, medico));   // a person has him: FU1 only

        var handoff = await f.ScalarAsync<Guid>("SELECT id FROM handoffs WHERE conversa_id = @conversa AND status = 'pendente'", new { conversa });
        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsJsonAsync($"/admin/handoffs/{handoff}/resolver",
            new { notas = "falei com ele por telefone" })).StatusCode);
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(1, await DoctorClock.FollowUpsOfAsync(f, medico));

        await AgeAsync(medico, "4 days 23 hours");
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(1, await DoctorClock.FollowUpsOfAsync(f, medico));
        await AgeAsync(medico, "2 hours");
        await DoctorClock.FollowUpSentAsync(f, medico, "fu2");
        Assert.Equal(("active", "followup_2_enviado"), await DoctorClock.ConversationAsync(f, medico));
    }

    /// <summary>
    /// A campaign's cadence ends with FU3 (paused 60 days). A month later he writes after all: the conversation is his
    /// again (`active`, `respondeu`, the pause cleared), so the 06:00 pause expiry two months on finds nothing to
    /// reactivate, and the idle close a week after his last message closes it `completed` — not `abandoned` as a
    /// `recontato` nobody answered — with no follow-up to him in between.
    /// </summary>
    [Fact]
    public async Task HeWritesDuringThePauseAfterTheLastFollowUpAndNeitherThePauseExpiryNorTheIdleCloseTreatHimAsSilent()
    {
        const string phone = "5511966640003";
        var medico = await f.ImportedDoctorAsync(phone);
        var opening = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo! Temos plantões de clínica no ABC, quer ver?");
        Assert.Equal("enviada", (await f.DueNowAsync(opening)).Status);
        foreach (var (step, wait) in new[] { ("fu1", "49 hours"), ("fu2", "5 days 1 hour"), ("fu3", "15 days 1 hour") })
        {
            await AgeAsync(medico, wait);
            await DoctorClock.FollowUpSentAsync(f, medico, step);
        }
        Assert.Equal(("paused", "nao_respondeu"), await DoctorClock.ConversationAsync(f, medico));

        await AgeAsync(medico, "30 days");
        await PostAsync(f.Client, Text(phone, "oi, desculpa a demora, ainda tem plantão?"));
        await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 5);
        await f.WaitSendsRecordedAsync(phone);
        Assert.Equal(("active", "respondeu"), await DoctorClock.ConversationAsync(f, medico));

        await AgeAsync(medico, "31 days");
        await DoctorClock.RunDailyAsync(f, "pausas");
        Assert.Equal(("active", "respondeu"), await DoctorClock.ConversationAsync(f, medico));
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        await DoctorClock.RunDailyAsync(f, "encerramento");
        Assert.Equal(("completed", "respondeu"), await DoctorClock.ConversationAsync(f, medico));
        Assert.Equal(3, await DoctorClock.FollowUpsOfAsync(f, medico));
        Assert.Equal(5, f.SentTo(phone).Count);
    }

    /// <summary>
    /// Staff block him ("não contatar") after FU1, while a reminder he asked for waits in the queue: the reminder ends
    /// `bloqueada` `bloqueado` at its send, FU2 is never queued, and nothing more reaches WhatsApp.
    /// </summary>
    [Fact]
    public async Task ADoctorStaffBlockMidCadenceGetsNeitherTheNextFollowUpNorHisPendingReminder()
    {
        const string phone = "5511966640004";
        var medico = await f.ImportedDoctorAsync(phone);
        var opening = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo! Temos plantões de clínica no ABC, quer ver?");
        Assert.Equal("enviada", (await f.DueNowAsync(opening)).Status);
        await AgeAsync(medico, "49 hours");
        await DoctorClock.FollowUpSentAsync(f, medico, "fu1");
        var conversa = await f.ScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medico", new { medico });
        var reminder = await f.PendingReminderAsync(medico, conversa, "3 days");

        await f.ExecuteAsync("UPDATE medicos SET bloqueado = true WHERE id = @medico", new { medico });
        await AgeAsync(medico, "5 days 1 hour");
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(("bloqueada", "bloqueado"), await f.DueNowAsync(reminder));

        Assert.Equal(1, await DoctorClock.FollowUpsOfAsync(f, medico));
        Assert.Equal(2, f.SentTo(phone).Count);   // the opening and FU1
    }
}

/// <summary>
/// <see cref="TimeJourneyTests"/> with the real agent (<see cref="ShiftJourneyFixture"/>): what he answers days after a
/// proactive message goes through the real tools.
/// </summary>
public sealed class TimeShiftJourneyTests(ShiftJourneyFixture f) : IClassFixture<ShiftJourneyFixture>
{
    static JsonObject Reserve(Guid vaga, string words) => new() { ["vaga_id"] = vaga.ToString(), ["confirmacao"] = words };

    /// <summary>
    /// FU2 tells him of the Hospital Cadência at R$ 2.100; the next day staff lower it to R$ 1.500 in their system and
    /// he answers "quero esse". He accepted what FU2 told him: nothing is held and the tool says what changed; his "sim"
    /// to the new terms then holds it. Before, FU2 recorded the shift as offered but not its terms, so the hold compared
    /// the shift with itself and was made at R$ 1.500 without a word.
    /// </summary>
    [Fact]
    public async Task HisQueroADayAfterTheSecondFollowUpIsHeldOnlyOnTheTermsItTold()
    {
        const string phone = "5511966640101";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "tj_fu2");
        var vaga = await f.OpenShiftAsync("tj_fu2", "Hospital Cadência");
        // He wrote once; a campaign's opening and FU1 went unanswered since (the conversation as FU1 leaves it, 5 days ago).
        await DoctorClock.AgeAsync(f, medico, "8 days");
        await f.ExecuteAsync("""
            UPDATE conversations SET stage = 'followup_1_enviado', last_outbound_at = now() - interval '5 days 1 hour' WHERE id = @conversa
            """, new { conversa });

        await DoctorClock.FollowUpSentAsync(f, medico, "fu2");
        Assert.Contains("Hospital Cadência (Santo André)", f.SentTo(phone)[^1]);
        Assert.Contains("R$ 2.100", f.SentTo(phone)[^1]);
        Assert.Contains("R$ 2.100", await f.TermsSentAsync(medico, vaga, "R$ 2.100"));

        await DoctorClock.AgeAsync(f, medico, "1 day");
        await f.ExecuteAsync("UPDATE vagas SET valor = 1500 WHERE id = @vaga", new { vaga });
        await f.CachedShiftsExpiredAsync(vaga);
        var changed = await f.TurnAsync(phone, "quero esse", "(tj1a)", Tool("reservar_plantao", Reserve(vaga, "quero esse")),
            Text("Dr., o valor desse plantão mudou pra R$ 1.500. Ainda quer?"));

        Assert.Empty(await f.ReservationsAsync(vaga));
        var told = Assert.Single(ShiftJourneyFixture.ToolResults(changed));
        Assert.Contains("Não reservado", told);
        Assert.Contains("valor: era R$ 2.100, agora R$ 1.500", told);

        var again = await f.TurnAsync(phone, "sim, pode ser", "(tj1b)", Tool("reservar_plantao", Reserve(vaga, "sim")), Text("Reservado! A equipe confirma."));
        Assert.StartsWith("Reservado:", Assert.Single(ShiftJourneyFixture.ToolResults(again)));
        Assert.Equal([(medico, "ativa")], await f.ReservationsAsync(vaga));
    }
}
