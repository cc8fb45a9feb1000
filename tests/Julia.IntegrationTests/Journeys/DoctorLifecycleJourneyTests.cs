using System.Net;
using System.Text.Json.Nodes;
using Julia.Agent;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.Shifts;
using Julia.IntegrationTests.TestHost;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Journeys;

/// <summary>
/// A doctor's life with Júlia across features, round two: from a campaign to a worked shift, a dormant conversation
/// reactivated, his data erased while he holds a shift, his number arriving as a LID, his pressure, his voice notes, a
/// hold that expires while a person has him — played on the real host and checked by what he, staff and the
/// dashboard see.
/// </summary>
public sealed class DoctorLifecycleJourneyTests(JourneyFixture f) : IClassFixture<JourneyFixture>
{
    static long nextNote = 910_000;

    Task<Guid> MedicoAsync(Guid conversa) => f.ScalarAsync<Guid>("SELECT medico_id FROM conversations WHERE id = @conversa", new { conversa });

    Task<long> CampaignOfAsync(Guid fila) => f.ScalarAsync<long>("SELECT (metadata->>'campanha_id')::bigint FROM fila_mensagens WHERE id = @fila", new { fila });

    async Task<JsonNode> FunnelOfCampaignAsync(long campanha)
    {
        var funnel = JsonNode.Parse(await f.Client.GetStringAsync("/metricas/funil?dias=30"))!;
        return funnel["por_campanha"]!.AsArray().SingleOrDefault(c => c!["campanha_id"]?.GetValue<long>() == campanha)
               ?? throw new Xunit.Sdk.XunitException($"campanha {campanha} fora do funil: {funnel["por_campanha"]!.ToJsonString()}");
    }

    static long[] Steps(JsonNode g) =>
        [.. new[] { "contatados", "responderam", "vaga_oferecida", "reservaram", "confirmaram", "opt_out" }.Select(s => g[s]!.GetValue<long>())];

    /// <summary>
    /// A campaign reaches him, he asks, Júlia offers a shift, he says "quero esse", staff confirm it, a reminder he asked
    /// for goes out, the day passes and staff mark it worked: he is `ativo`, and the campaign's funnel counts him once
    /// at every step — the reminder, the confirmation and the replies add no second contact.
    /// </summary>
    [Fact]
    public async Task FromACampaignToAWorkedShiftTheDoctorIsActiveAndTheCampaignsFunnelCountsHimOnceAtEachStep()
    {
        const string phone = "5511966620001";
        var medico = await f.ImportedDoctorAsync(phone);
        await f.ExecuteAsync("""
            INSERT INTO especialidades (nome) VALUES ('lc_funil') ON CONFLICT (nome) DO NOTHING;
            UPDATE medicos SET especialidade_id = (SELECT id FROM especialidades WHERE nome = 'lc_funil') WHERE id = @medico;
            """, new { medico });
        var vaga = await f.OpenShiftAsync("lc_funil", "Hospital Jornada Funil");
        var opening = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo! Temos plantões de clínica no ABC, posso te mandar?");
        var campanha = await CampaignOfAsync(opening);
        Assert.Equal("enviada", (await f.DueNowAsync(opening)).Status);

        Guid? reserva = null;
        var previous = f.Agent.Respond;
        f.Agent.Respond = async turn =>
        {
            if (turn.Doctor.Telefone != phone) return await previous(turn);
            if (!string.Join(" ", turn.Parts).Contains("quero esse"))
                return new AgentOutcome.Reply("Tenho sim! Hospital Jornada Funil, 19h às 7h, R$ 2.100. Quer?",
                    new AgentAccounting("modelo-teste", 10, 10, 1, 1, [vaga]));
            // What `reservar_plantao` does on his acceptance.
            var result = await f.App.Services.GetRequiredService<ShiftStore>().ReserveAsync(new ReservationRequest(vaga, medico, turn.ConversaId, "quero esse"), default);
            reserva = result.ReservationId;
            return new AgentOutcome.Reply("Reservei! É uma pré-reserva, a equipe confirma com você.");
        };
        try
        {
            await PostAsync(f.Client, Text(phone, "oi! tem plantão sábado?"));
            await f.WaitProcessedAsync(phone);
            await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 2);
            await f.WaitSendsRecordedAsync(phone);
            await PostAsync(f.Client, Text(phone, "quero esse"));
            await f.WaitProcessedAsync(phone);
            await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 3);
            await f.WaitSendsRecordedAsync(phone);
        }
        finally { f.Agent.Respond = previous; }
        Assert.NotNull(reserva);

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count(t => t.Contains("tá confirmado pela equipe"))), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);
        var conversa = await f.ScalarAsync<Guid>("SELECT conversa_id FROM reservas_vaga WHERE id = @reserva", new { reserva });
        Assert.Equal("enviada", (await f.DueNowAsync(await f.PendingReminderAsync(medico, conversa))).Status);

        await f.ExecuteAsync("UPDATE vagas SET data = (now() AT TIME ZONE 'America/Sao_Paulo')::date - 1 WHERE id = @vaga", new { vaga });
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/realizar", null));

        Assert.Equal("ativo", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal("realizada", (await f.StateAsync(reserva!.Value)).Vaga);
        var funnel = Steps(await FunnelOfCampaignAsync(campanha));
        Assert.Equal(new long[] { 1, 1, 1, 1, 1, 0 }, funnel);
    }

    /// <summary>
    /// His conversation went quiet after the last follow-up of an old campaign (paused 60 days); the pause ends
    /// (`recontato`) and a reactivation campaign's opening reaches him. That opening is the new campaign's: its funnel
    /// counts him (the old, finished campaign does not gain a contact it never made), he answers, and the follow-up
    /// job leaves him alone.
    /// </summary>
    [Fact]
    public async Task AReactivationCampaignsOpeningOnADormantConversationCountsForThatCampaign()
    {
        const string phone = "5511966620002";
        var medico = await f.ImportedDoctorAsync(phone);
        var old = await f.ScalarAsync<long>("""
            INSERT INTO campanhas (nome, tipo, mensagem_template, status, iniciada_em) VALUES ('Antiga', 'oferta_plantao', 'Oi {nome}', 'concluida', now() - interval '100 days')
            RETURNING id
            """);
        var conversa = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, stage, campanha_id, pausado_ate, last_outbound_at, last_message_at, created_at)
            VALUES (@medico, 'paused', 'nao_respondeu', @old, now() - interval '1 hour', now() - interval '61 days', now() - interval '61 days', now() - interval '83 days')
            RETURNING id
            """, new { medico, old });
        await f.ExecuteAsync("UPDATE medicos SET stage_jornada = 'nao_respondeu' WHERE id = @medico", new { medico });

        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("pausas")).StatusCode);
        Assert.Equal(("active", "recontato"), (await f.QueryAsync<(string, string)>("SELECT status, stage FROM conversations WHERE id = @conversa", new { conversa })).Single());

        var opening = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo, quanto tempo! Voltamos com plantões no ABC, quer ver?");
        var campanha = await CampaignOfAsync(opening);
        Assert.Equal("enviada", (await f.DueNowAsync(opening)).Status);

        Assert.Equal(("active", "msg_enviada", (long?)campanha), (await f.QueryAsync<(string, string, long?)>(
            "SELECT status, stage, campanha_id FROM conversations WHERE id = @conversa", new { conversa })).Single());
        Assert.Equal(conversa, await f.ScalarAsync<Guid>("SELECT conversa_id FROM envios_campanha WHERE fila_mensagem_id = @opening", new { opening }));
        var contacted = Steps(await FunnelOfCampaignAsync(campanha));
        Assert.Equal(new long[] { 1, 0, 0, 0, 0, 0 }, contacted);

        await PostAsync(f.Client, Text(phone, "oi! quero ver sim"));
        await f.WaitProcessedAsync(phone);
        var answered = Steps(await FunnelOfCampaignAsync(campanha));
        Assert.Equal(new long[] { 1, 1, 0, 0, 0, 0 }, answered);
        await f.ExecuteAsync("UPDATE conversations SET last_outbound_at = now() - interval '3 days' WHERE id = @conversa", new { conversa });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'followup'", new { medico }));
    }

    /// <summary>
    /// He asked for a person, holds a shift, a reminder and a campaign message are queued for him; then his data is
    /// erased (LGPD). Nothing reaches him afterwards, the handoff is closed, nothing personal is left in the queue or
    /// the notices — and the staff learn which shift is now held by an erased record, so it can be given to someone
    /// else (he can no longer be reached: his phone is gone).
    /// </summary>
    [Fact]
    public async Task AnErasureWhileHeHoldsAShiftSendsHimNothingAndTellsStaffWhichShiftToReassignWithoutNamingHim()
    {
        const string phone = "5511966620003";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "lc_lgpd");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("lc_lgpd", "Hospital Jornada LGPD"), medico, conversa);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa sobre o pagamento"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(conversa));
        var reminder = await f.PendingReminderAsync(medico, conversa, dueIn: "1 minute");
        var campaign = await f.QueuedCampaignMessageAsync(medico, "Oi Dra. Ana, plantões novos!", dueIn: "1 minute");
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 2); // the reply to "oi", the handoff transition
        var sent = f.SentTo(phone).Count;
        await f.WaitSendsRecordedAsync(phone);

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/medicos/{medico}/apagar", new { motivo = "pedido por e-mail", solicitado_por = "dpo" }));

        Assert.Equal(("cancelada", "titular_apagado"), await f.RowAsync(reminder));
        Assert.Equal(("cancelada", "titular_apagado"), await f.RowAsync(campaign));
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(conversa));
        var notice = await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Plantão de médico apagado") && HumanLoopFixture.SlackMentions(m, "Hospital Jornada LGPD"));
        Assert.True(HumanLoopFixture.SlackMentions(notice, reserva.ToString("N")[..8]));
        Assert.False(HumanLoopFixture.SlackMentions(notice, "Ana"));
        Assert.False(HumanLoopFixture.SlackMentions(notice, phone[^4..]));
        Assert.Equal(1, await f.NoticesAsync("reserva_titular_apagado", reserva));
        // The hold is left for staff to reassign, as for an opt-out; the erasure's own notice carries nothing about him.
        Assert.Equal("ativa", (await f.StateAsync(reserva)).Status);
        Assert.Equal(0, await f.ScalarAsync<long>("""
            SELECT count(*) FROM notificacoes WHERE payload::text LIKE '%' || @phone || '%' OR payload::text LIKE '%Ana%'
            """, new { phone }));

        await f.ExecuteAsync("UPDATE fila_mensagens SET agendar_para = now() WHERE id IN (@reminder, @campaign)", new { reminder, campaign });
        await Task.Delay(500);
        Assert.Equal(sent, f.SentTo(phone).Count);
    }

    /// <summary>
    /// His number is known (he holds a shift, a reminder is queued) and he now writes from WhatsApp's LID with the phone
    /// beside it: one doctor, one conversation, the hold shown to Júlia as his, replies and the reminder to the address
    /// he wrote from; then a message from the phone JID again is the same doctor.
    /// </summary>
    [Fact]
    public async Task AKnownDoctorWhoWritesFromALidKeepsHisHoldHisReminderAndHisConversation()
    {
        const string phone = "5511966620004", lid = "100000000620004@lid";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "lc_lid");
        var vaga = await f.OpenShiftAsync("lc_lid", "Hospital Jornada LID");
        await f.HoldAsync(vaga, medico, conversa);
        var reminder = await f.PendingReminderAsync(medico, conversa);

        var fromLid = Text(phone, "e o meu plantão, já confirmaram?");
        var key = fromLid["data"]!["key"]!.AsObject();
        key["remoteJid"] = lid;
        key["remoteJidAlt"] = $"{phone}@s.whatsapp.net";
        key["addressingMode"] = "lid";
        await PostAsync(f.Client, fromLid);
        await f.WaitProcessedAsync(phone);

        var turn = f.Agent.Turns.Last(t => t.Doctor.Telefone == phone);
        Assert.Equal((medico, conversa), (turn.Doctor.Id, turn.ConversaId));
        Assert.Contains(turn.Holdings ?? [], h => h.Id == vaga);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Evolution.SendsByPhone().GetValueOrDefault(lid.Split('@')[0])?.Count ?? 0), n => n == 1);
        Assert.Equal("enviada", (await f.DueNowAsync(reminder)).Status);
        Assert.Contains(f.Evolution.SendsByPhone()[lid.Split('@')[0]], t => t.Contains("retomar o plantão de sábado"));

        await PostAsync(f.Client, Text(phone, "alô?"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = @phone OR whatsapp_lid = @lid", new { phone, lid }));
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM conversations WHERE medico_id = @medico", new { medico }));
        Assert.Equal(conversa, f.Agent.Turns.Last(t => t.Doctor.Telefone == phone).ConversaId);
    }

    /// <summary>
    /// Proactive sends pushed his pressure past 70: the follow-up job leaves him alone; the nightly decay lowers it only
    /// after a day without a proactive send; his answer brings it down by 20 per message.
    /// </summary>
    [Fact]
    public async Task PressureAbove70HoldsFollowUpsAndTheDecayAndHisAnswersBringItDown()
    {
        const string phone = "5511966620005";
        var medico = await f.ImportedDoctorAsync(phone);
        var opening = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo! Plantões no ABC, quer ver?");
        Assert.Equal("enviada", (await f.DueNowAsync(opening)).Status);
        Assert.Equal(25, await f.ScalarAsync<int>("SELECT pressure_score FROM medicos WHERE id = @medico", new { medico }));
        await f.ExecuteAsync("UPDATE medicos SET pressure_score = 75 WHERE id = @medico", new { medico }); // the sends of the weeks before
        var conversa = await f.ScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medico", new { medico });
        await f.ExecuteAsync("""
            UPDATE conversations SET last_outbound_at = now() - interval '3 days' WHERE id = @conversa;
            UPDATE interacoes SET created_at = now() - interval '3 days' WHERE medico_id = @medico;
            """, new { conversa, medico });

        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'followup'", new { medico }));
        // The night after: his opening is two days old, while a colleague got one today (no decay for him).
        await f.ExecuteAsync("UPDATE fila_mensagens SET enviada_em = now() - interval '2 days' WHERE id = @opening", new { opening });
        var colleague = await f.ImportedDoctorAsync("5511966620015");
        Assert.Equal("enviada", (await f.DueNowAsync(await f.QueuedCampaignMessageAsync(colleague, "Oi Dr. Paulo! Plantões no ABC?"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("pressao")).StatusCode);
        Assert.Equal(70, await f.ScalarAsync<int>("SELECT pressure_score FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal(25, await f.ScalarAsync<int>("SELECT pressure_score FROM medicos WHERE id = @colleague", new { colleague }));

        await PostAsync(f.Client, Text(phone, "oi"));
        await PostAsync(f.Client, Text(phone, "quero ver sim"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal(30, await f.ScalarAsync<int>("SELECT pressure_score FROM medicos WHERE id = @medico", new { medico }));
        Assert.Equal("respondeu", await f.ScalarAsync<string>("SELECT stage FROM conversations WHERE id = @conversa", new { conversa }));
    }

    /// <summary>
    /// A voice note while Júlia has him gets the honest "Não consigo ouvir áudio" (no model call); a sticker gets
    /// nothing; once a person has him, a voice note is stored for the person and nothing automatic answers it.
    /// </summary>
    [Fact]
    public async Task AVoiceNoteIsAnsweredHonestlyByJuliaAndLeftToThePersonOnceAPersonHasHim()
    {
        const string phone = "5511966620006";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        var turns = f.Agent.Turns.Count(t => t.Doctor.Telefone == phone);

        await PostAsync(f.Client, Audio(phone));
        await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count(t => t.StartsWith("Não consigo ouvir áudio"))), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);
        var sticker = Text(phone, "x");
        sticker["data"]!["message"] = new JsonObject { ["stickerMessage"] = new JsonObject { ["mimetype"] = "image/webp" } };
        sticker["data"]!["messageType"] = "stickerMessage";
        await PostAsync(f.Client, sticker);
        await f.WaitProcessedAsync(phone);

        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(conversa));
        // The handoff's transition message goes out after the turn is processed: counted once it reached WhatsApp.
        await f.WaitSendsRecordedAsync(phone);
        var delivered = await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE conversa_id = @conversa AND status = 'enviada'", new { conversa });
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n >= delivered);
        var sent = f.SentTo(phone).Count;
        await PostAsync(f.Client, Audio(phone));
        await f.WaitProcessedAsync(phone);
        await Task.Delay(300);

        Assert.Empty(f.SentTo(phone).Skip(sent));
        Assert.Equal(turns, f.Agent.Turns.Count(t => t.Doctor.Telefone == phone));
        Assert.Equal(2, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND tipo = 'audio'", new { conversa }));
        Assert.Equal(1, f.SentTo(phone).Count(t => t.StartsWith("Não consigo ouvir áudio")));
    }

    /// <summary>
    /// His hold expires while a person is talking to him in Chatwoot: Slack is told, he is told nothing by Júlia, the
    /// shift is open again; the person's `/confirmar` then confirms nothing and says so in a private note.
    /// </summary>
    [Fact]
    public async Task AHoldThatExpiresWhileAPersonHasHimCannotBeConfirmedAfterwardsAndTheNoteSaysSo()
    {
        const string phone = "5511966620007";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "lc_expira");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("lc_expira", "Hospital Jornada Expira Humano"), medico, conversa);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(conversa));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 2);
        await f.WaitSendsRecordedAsync(phone);

        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '25 hours' WHERE id = @reserva", new { reserva });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva expirada") && HumanLoopFixture.SlackMentions(m, "Hospital Jornada Expira Humano"));

        List<string> Notes() => [.. f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId && m.Body["private"]!.GetValue<bool>())
            .Select(m => m.Body["content"]!.GetValue<string>())];
        var notesBefore = Notes().Count;
        var note = HumanLoopFixture.Webhook("webhook-message-created-private-note.json", chatwootId, phone);
        note["content"] = "/confirmar falei com ele agora";
        note["id"] = Interlocked.Increment(ref nextNote);
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(note)).StatusCode);

        // The command's answer, among the notes posted after it (the handoff's note came before, listing the hold).
        var answer = await Eventually.MatchesAsync(() => Task.FromResult(Notes().Skip(notesBefore).FirstOrDefault(n => n.Contains("confirmar"))),
            a => a is not null);
        Assert.Contains("não tem pré-reserva ativa para confirmar", answer);
        Assert.Equal(("expirada", "aberta"), StaffReservationAsserts.Pick(await f.StateAsync(reserva)));
        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal(2, f.SentTo(phone).Count);
    }

    static JsonObject Audio(string phone)
    {
        var body = Fixture("webhook-messages-upsert-audio.json");
        var key = body["data"]!["key"]!.AsObject();
        key["remoteJid"] = $"{phone}@s.whatsapp.net";
        key.Remove("remoteJidAlt");
        key["id"] = Guid.NewGuid().ToString("N").ToUpperInvariant();
        return body;
    }
}

/// <summary>
/// The journeys' host on a closed day: today and tomorrow are holidays (FERIADOS) and Júlia does not answer outside
/// business hours (RESPONDER_FORA_HORARIO=false); the business opens at 00:00 the day after tomorrow.
/// </summary>
public sealed class ClosedDayJourneyFixture : JourneyFixture
{
    static readonly TimeZoneInfo SaoPaulo = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");
    public DateOnly Today { get; } = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, SaoPaulo).DateTime);

    /// <summary>The next opening: 00:00 (São Paulo) of the day after tomorrow.</summary>
    public DateTimeOffset Opening
    {
        get
        {
            var local = Today.AddDays(2).ToDateTime(TimeOnly.MinValue);
            return new DateTimeOffset(local, SaoPaulo.GetUtcOffset(local));
        }
    }

    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["FERIADOS"] = $"{Today:yyyy-MM-dd},{Today.AddDays(1):yyyy-MM-dd}";
            settings["RESPONDER_FORA_HORARIO"] = "false";
            return settings;
        }
    }

    /// <summary>A doctor of the specialty with an open conversation (made directly: nothing he writes is answered today).</summary>
    public async Task<(Guid Medico, Guid Conversa)> QuietDoctorAsync(string phone, string specialty)
    {
        var medico = await ScalarAsync<Guid>("""
            INSERT INTO especialidades (nome) VALUES (@specialty) ON CONFLICT (nome) DO NOTHING;
            INSERT INTO medicos (telefone, whatsapp_jid, primeiro_nome, origem, especialidade_id)
            VALUES (@phone, @phone || '@s.whatsapp.net', 'Paulo', 'import', (SELECT id FROM especialidades WHERE nome = @specialty)) RETURNING id
            """, new { phone, specialty });
        var conversa = await ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, stage, last_outbound_at, last_message_at, created_at)
            VALUES (@medico, 'msg_enviada', now() - interval '3 days', now() - interval '3 days', now() - interval '3 days') RETURNING id
            """, new { medico });
        return (medico, conversa);
    }
}

/// <summary>Journeys on a holiday with RESPONDER_FORA_HORARIO=false: what waits for the opening and what does not.</summary>
public sealed class ClosedDayJourneyTests(ClosedDayJourneyFixture f) : IClassFixture<ClosedDayJourneyFixture>
{
    /// <summary>
    /// 21:00 "tem plantão amanhã?" waits for the opening; 22:00 "pare de me mandar mensagem" is handled at once. The
    /// waiting question went with the opt-out's turn: the opening finds nothing of his to answer, and the confirmation
    /// is the last thing he gets — never an answer about shifts after "Combinado, não te mando mais…".
    /// </summary>
    [Fact]
    public async Task AQuestionWaitingForTheOpeningIsNotAnsweredAfterHeOptsOutAtNight()
    {
        const string phone = "5511966630001";
        var deferred = f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"));
        await PostAsync(f.Client, Text(phone, "boa noite, tem plantão amanhã?"));
        await Eventually.MatchesAsync(() => Task.FromResult(f.App.Logs.Lines.Count(l => l.Message.Contains("deferred to business hours"))), n => n > deferred);
        Assert.Empty(f.SentTo(phone));

        await PostAsync(f.Client, Text(phone, "pare de me mandar mensagem"));
        await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);

        Assert.StartsWith("Combinado, não te mando mais mensagens", f.SentTo(phone)[0]);
        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.DoesNotContain(f.Agent.Turns, t => t.Doctor.Telefone == phone);
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("abertura")).StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NULL
            """, new { phone }));
        await Task.Delay(300);
        Assert.Single(f.SentTo(phone));
    }

    /// <summary>
    /// On a holiday a follow-up, a reminder he asked for and a campaign opening that fall due wait for the next
    /// opening (without spending an attempt); staff confirming his shift that day still reaches him at once — staff
    /// acted, and it answers his own request.
    /// </summary>
    [Fact]
    public async Task OnAHolidayProactiveMessagesWaitForTheOpeningButAStaffConfirmationGoesOut()
    {
        const string phone = "5511966630002";
        var (medico, conversa) = await f.QuietDoctorAsync(phone, "lc_feriado");
        var reminder = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
            VALUES (@medico, @conversa, 'lembrete_solicitado', 'Oi Dr. Paulo, passando pra retomar o plantão.', 7, now(), '{"contexto":"plantão"}') RETURNING id
            """, new { medico, conversa });
        var followUp = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
            VALUES (@medico, @conversa, 'followup', 'Oi, conseguiu ver?', 4, now(), jsonb_build_object('tipo_followup', 'fu1', 'ultima_saida', now() - interval '3 days')) RETURNING id
            """, new { medico, conversa });

        foreach (var row in new[] { reminder, followUp })
        {
            var (status, reason, at) = await Eventually.MatchesAsync(() => f.QueryAsync<(string, string?, DateTime)>(
                "SELECT status, outcome_reason_code, agendar_para FROM fila_mensagens WHERE id = @row", new { row }).ContinueWith(t => t.Result.Single()),
                r => r.Item2 == "fora_do_horario");
            Assert.Equal("pendente", status);
            Assert.InRange(new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)), f.Opening, f.Opening.AddMinutes(15));
        }
        Assert.Equal(0, await f.ScalarAsync<int>("SELECT tentativas FROM fila_mensagens WHERE id = @reminder", new { reminder }));

        var reserva = await f.HoldAsync(await f.OpenShiftAsync("lc_feriado", "Hospital Jornada Feriado"), medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 1);
        Assert.Contains("tá confirmado pela equipe", f.SentTo(phone)[0]);
    }
}
