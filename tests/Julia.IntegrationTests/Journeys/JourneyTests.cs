using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Julia.Shifts;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Journeys;

/// <summary>
/// Journeys that cross features — a doctor's or a recruiter's day where the queue, campaigns, follow-ups, reminders,
/// reservations, handoffs and Chatwoot meet — played on the real host and checked by what people see: the rows and
/// their statuses, what WhatsApp (the fake Evolution) delivered, the notes and Slack posts.
/// </summary>
public sealed class JourneyTests(JourneyFixture f) : IClassFixture<JourneyFixture>
{
    Task<Guid> MedicoAsync(Guid conversa) => f.ScalarAsync<Guid>("SELECT medico_id FROM conversations WHERE id = @conversa", new { conversa });

    /// <summary>
    /// A campaign message waits in the queue (the limits space a day's sends out over hours) and the doctor writes first,
    /// "oi, vi que vcs tem plantão": Júlia answers him, and the campaign's opening must not then land in the middle of the
    /// conversation as if nobody had talked — the feeder leaves out a doctor with an inbound in the last 7 days
    /// (`conversa_recente`), and that holds at the send too (docs/decisions.md#queue).
    /// </summary>
    [Fact]
    public async Task ACampaignMessageQueuedBeforeTheDoctorWroteIsNotSentAfterJuliaAnsweredHim()
    {
        const string phone = "5511966610001";
        const string opening = "Oi Dr. Paulo! Sou a Júlia, assistente virtual da Revoluna. Temos plantões de pediatria no ABC, posso te mandar?";
        var medico = await f.ImportedDoctorAsync(phone);
        var fila = await f.QueuedCampaignMessageAsync(medico, opening);

        await PostAsync(f.Client, Text(phone, "oi, vi que vcs tem plantão, tem algo pra sexta?"));
        await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n >= 1);
        await f.WaitSendsRecordedAsync(phone);

        Assert.Equal(("cancelada", "conversa_recente"), await f.DueNowAsync(fila));
        Assert.Equal(("cancelado", "conversa_recente"), (await f.QueryAsync<(string, string?)>(
            "SELECT status, motivo FROM envios_campanha WHERE fila_mensagem_id = @fila", new { fila })).Single());
        Assert.DoesNotContain(opening, f.SentTo(phone));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @medico AND origem = 'fila:campanha'", new { medico }));
    }

    /// <summary>
    /// The same queued opening to a doctor who wrote nothing goes out: the cancel above is about his message, not the wait.
    /// </summary>
    [Fact]
    public async Task ACampaignMessageToADoctorWhoWroteNothingGoesOutWhenDue()
    {
        const string phone = "5511966610002";
        const string opening = "Oi Dr. Paulo! Sou a Júlia, assistente virtual da Revoluna.";
        var medico = await f.ImportedDoctorAsync(phone);
        var fila = await f.QueuedCampaignMessageAsync(medico, opening);

        Assert.Equal("enviada", (await f.DueNowAsync(fila)).Status);
        Assert.Equal([opening], f.SentTo(phone));
        Assert.Equal("enviado", await f.ScalarAsync<string>("SELECT status FROM envios_campanha WHERE fila_mensagem_id = @fila", new { fila }));
    }

    /// <summary>
    /// Júlia is still writing her answer to "tem plantão sábado?" when he sends "para de me mandar mensagem": the opt-out
    /// is confirmed, and the offer she was writing must not follow the confirmation to a doctor who just said stop.
    /// </summary>
    [Fact]
    public async Task AnOptOutWhileJuliaIsWritingHerReplyIsTheLastWordHeGets()
    {
        const string phone = "5511966610015";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        var writing = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var previous = f.Agent.Respond;
        f.Agent.Respond = async turn =>
        {
            if (turn.Doctor.Telefone != phone) return await previous(turn);
            writing.TrySetResult();
            await release.Task;
            return new Julia.Agent.AgentOutcome.Reply("Tenho sim! Sábado no Hospital Jornada, 19h às 7h, R$ 2.100. Quer?");
        };
        try
        {
            await PostAsync(f.Client, Text(phone, "tem plantão sábado?"));
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await PostAsync(f.Client, Text(phone, "para de me mandar mensagem"));   // stored when the webhook answers
            release.SetResult();
            await f.WaitProcessedAsync(phone);
            await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count(t => t.StartsWith("Combinado"))), n => n == 1);
            await f.WaitSendsRecordedAsync(phone);
        }
        finally
        {
            release.TrySetResult();
            f.Agent.Respond = previous;
        }

        Assert.DoesNotContain(f.SentTo(phone), t => t.Contains("Hospital Jornada"));
        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
    }

    /// <summary>
    /// The other side of that rule: a reminder he asked for ("me lembra amanhã às 10h") still goes out at its time after he
    /// wrote about something else — he chose that time; only a campaign's opening is made stale by his message.
    /// </summary>
    [Fact]
    public async Task AReminderHeAskedForStillGoesOutAfterHeWroteAboutSomethingElse()
    {
        const string phone = "5511966610014";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        var medico = await MedicoAsync(conversa);
        var reminder = await f.PendingReminderAsync(medico, conversa);
        await f.ExecuteAsync("UPDATE fila_mensagens SET created_at = now() - interval '1 minute' WHERE id = @reminder", new { reminder });

        await PostAsync(f.Client, Text(phone, "ah, e o pagamento de outubro já caiu?"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal("enviada", (await f.DueNowAsync(reminder)).Status);
        Assert.Contains(f.SentTo(phone), t => t.Contains("retomar o plantão de sábado"));
    }

    /// <summary>
    /// A doctor holding a shift, with a reminder he asked for and a follow-up pending, says "pode parar de me mandar
    /// mensagem": one confirmation on WhatsApp, the reminder and the follow-up never go, the conversation is completed —
    /// and the hold is left for staff, who get one "Opt-out com plantão reservado" (docs/decisions.md#opt-out).
    /// </summary>
    [Fact]
    public async Task OptingOutWhileHoldingAShiftEndsWhatWasQueuedKeepsTheHoldAndTellsStaffOnce()
    {
        const string phone = "5511966610003";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "journey_optout");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("journey_optout", "Hospital Jornada Opt-out"), medico, conversa);
        var reminder = await f.PendingReminderAsync(medico, conversa);
        var followUp = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
            VALUES (@medico, @conversa, 'followup', 'Oi, conseguiu ver?', 4, now() + interval '1 day', '{"tipo_followup":"fu1"}') RETURNING id
            """, new { medico, conversa });

        await PostAsync(f.Client, Text(phone, "pode parar de me mandar mensagem"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(("cancelada", "opt_out"), await f.RowAsync(reminder));
        Assert.Equal("cancelada", (await f.RowAsync(followUp)).Status); // by his message (`respondeu`) or the opt-out, never sent
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.Equal("ativa", (await f.StateAsync(reserva)).Status);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count(t => t.StartsWith("Combinado, não te mando mais mensagens"))), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Opt-out com plantão reservado") && HumanLoopFixture.SlackMentions(m, "Hospital Jornada Opt-out"));
        Assert.Equal(1, await f.NoticesAsync("opt_out_com_reserva", reserva));
    }

    /// <summary>
    /// He asked Júlia to remind him tomorrow, then asked for a person: the reminder is the AI's and goes with the handoff;
    /// while the person has him, a campaign message queued for him and the follow-up job reach him neither. The person's
    /// handoff transition is the one automated message he gets.
    /// </summary>
    [Fact]
    public async Task WhileAPersonHasHimNoReminderFollowUpOrCampaignReachesHim()
    {
        const string phone = "5511966610004";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        var medico = await MedicoAsync(conversa);
        var reminder = await f.PendingReminderAsync(medico, conversa);
        var before = f.SentTo(phone).Count;

        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal("cancelada", (await f.RowAsync(reminder)).Status);

        var campaign = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo, temos plantões novos!");
        await f.ExecuteAsync("UPDATE conversations SET stage = 'msg_enviada', last_outbound_at = now() - interval '3 days' WHERE id = @conversa", new { conversa });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(("bloqueada", "controle_humano"), await f.DueNowAsync(campaign));

        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE conversa_id = @conversa AND tipo = 'followup'", new { conversa }));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == before + 1);
        await f.WaitSendsRecordedAsync(phone);
        Assert.Equal("transicao_handoff", await f.ScalarAsync<string>("""
            SELECT metadata->>'tipo_sistema' FROM fila_mensagens WHERE conversa_id = @conversa AND status = 'enviada' ORDER BY enviada_em DESC LIMIT 1
            """, new { conversa }));
    }

    /// <summary>
    /// A recruiter finished with the doctor and resolved in Chatwoot: Júlia has him again, nothing is sent to tell him,
    /// and his next message (a new conversation: the resolved one is completed) is answered by Júlia once, with what the
    /// recruiter wrote in her history.
    /// </summary>
    [Fact]
    public async Task AfterARecruiterResolvesHisNextMessageIsJuliasAgainWithTheRecruitersWordsInHerHistory()
    {
        const string phone = "5511966610005";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        staff["content"] = "Oi doutor, aqui é a Carla da escala. Resolvi seu pagamento, tá tudo certo.";
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(staff)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone))).StatusCode);
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(conversa));
        var sentBefore = await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE conversa_id = @conversa", new { conversa });

        await PostAsync(f.Client, Text(phone, "obrigado! e tem plantão sábado?"));
        await f.WaitProcessedAsync(phone);

        var turn = f.Agent.Turns.Last(t => t.Doctor.Telefone == phone);
        Assert.NotEqual(conversa, turn.ConversaId);
        Assert.Contains(turn.History, h => h.AuthorType == "humano" && h.Content.Contains("Resolvi seu pagamento"));
        Assert.Equal(sentBefore, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE conversa_id = @conversa", new { conversa }));
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM fila_mensagens WHERE conversa_id = @c AND tipo = 'resposta' AND status = 'enviada'", new { c = turn.ConversaId }), n => n >= 1);
        Assert.Equal("ai", await f.ScalarAsync<string>("SELECT controlled_by FROM conversations WHERE id = @c", new { c = turn.ConversaId }));
    }

    /// <summary>
    /// Júlia's answer to him is waiting for a retry (WhatsApp failed once) when a recruiter, tidying up, resolves the
    /// conversation in Chatwoot: the conversation is completed and stays with Júlia, and her answer still reaches him once
    /// — he asked a question and nobody else answered it.
    /// </summary>
    [Fact]
    public async Task AReplyWaitingForARetryWhenTheRecruiterResolvesStillReachesHimOnce()
    {
        const string phone = "5511966610016";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        f.Evolution.FailNextSends(500, 1);
        await PostAsync(f.Client, Text(phone, "tem vaga domingo?"));
        await f.WaitProcessedAsync(phone);
        var reply = await Eventually.MatchesAsync(() => f.ScalarAsync<Guid?>("""
            SELECT id FROM fila_mensagens WHERE conversa_id = @conversa AND tipo = 'resposta' AND status = 'pendente' AND tentativas = 1
            """, new { conversa }), id => id is not null);

        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone))).StatusCode);
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));

        Assert.Equal("enviada", (await f.DueNowAsync(reply!.Value)).Status);
        // The fake records the failed attempt too: two calls, one delivery (one outbound row).
        Assert.Equal(2, f.SentTo(phone).Count(t => t.Contains("tem vaga domingo?")));
        Assert.Equal(1, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND direcao = 'saida' AND conteudo LIKE '%tem vaga domingo?%'", new { conversa }));
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Empty(await f.HandoffsAsync(conversa));
    }

    /// <summary>
    /// Júlia offered a shift; before his "quero" staff cancelled it in their system: the reservation is refused (the tool
    /// tells the model), nothing is held and no "Plantão reservado" reaches Slack.
    /// </summary>
    [Fact]
    public async Task AShiftStaffCancelledAfterTheOfferIsNotHeldWhenHeSaysQuero()
    {
        const string phone = "5511966610006";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "journey_cancelled");
        var vaga = await f.OpenShiftAsync("journey_cancelled", "Hospital Jornada Cancelado");
        await f.ExecuteAsync("UPDATE vagas SET status = 'cancelada', cancelada_em = now(), cancelada_por = 'humano' WHERE id = @vaga", new { vaga });

        var result = await f.App.Services.GetRequiredService<ShiftStore>().ReserveAsync(new ReservationRequest(vaga, medico, conversa, "quero"), default);

        Assert.False(result.Succeeded);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga }));
        Assert.Equal(("cancelada", (Guid?)null), (await f.QueryAsync<(string, Guid?)>("SELECT status, medico_id FROM vagas WHERE id = @vaga", new { vaga })).Single());
        Assert.NotEqual("reservou", await f.ScalarAsync<string>("SELECT stage FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.DoesNotContain(f.Slack.Received, m => HumanLoopFixture.SlackMentions(m, "Hospital Jornada Cancelado"));
    }

    /// <summary>
    /// His conversation was paused after the last follow-up (`nao_respondeu`, 60 days): he writes back. It is open again
    /// (`active`, no pause), both stages say he answered, Júlia answers him.
    /// </summary>
    [Fact]
    public async Task ADoctorWhoseConversationWasPausedAfterTheLastFollowUpWritesBackAndIsAnswered()
    {
        const string phone = "5511966610007";
        var medico = await f.ImportedDoctorAsync(phone);
        var conversa = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, stage, pausado_ate, last_outbound_at)
            VALUES (@medico, 'paused', 'nao_respondeu', now() + interval '50 days', now() - interval '10 days') RETURNING id
            """, new { medico });
        await f.ExecuteAsync("UPDATE medicos SET stage_jornada = 'nao_respondeu' WHERE id = @medico", new { medico });

        await PostAsync(f.Client, Text(phone, "oi, desculpa a demora. ainda tem vaga?"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(("active", "respondeu", (DateTime?)null), (await f.QueryAsync<(string, string, DateTime?)>(
            "SELECT status, stage, pausado_ate FROM conversations WHERE id = @conversa", new { conversa })).Single());
        Assert.Equal("respondeu", await f.ScalarAsync<string>("SELECT stage_jornada FROM medicos WHERE id = @medico", new { medico }));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 1);
    }

    /// <summary>
    /// Staff marked a doctor `bloqueado` ("do not contact"). He still writes: Júlia answers what he started, but no
    /// proactive message reaches him and staff cannot hold a shift for him by mistake (docs/decisions.md#queue,
    /// #reservations: un-blocking him is a deliberate step).
    /// </summary>
    [Fact]
    public async Task ABlockedDoctorIsAnsweredButGetsNoCampaignAndCannotHoldAShift()
    {
        const string phone = "5511966610008";
        var (medico, _, _) = await f.DoctorAsync(phone, "journey_blocked");
        await f.ExecuteAsync("UPDATE medicos SET bloqueado = true, bloqueado_motivo = 'pediu à gestora' WHERE id = @medico", new { medico });
        var before = f.SentTo(phone).Count;

        await PostAsync(f.Client, Text(phone, "oi, tem plantão domingo?"));
        await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == before + 1);
        await f.WaitSendsRecordedAsync(phone);

        var campaign = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo, plantões novos!");
        await f.ExecuteAsync("UPDATE interacoes SET created_at = now() - interval '1 hour' WHERE medico_id = @medico", new { medico });
        Assert.Equal(("bloqueada", "bloqueado"), await f.DueNowAsync(campaign));
        var vaga = await f.OpenShiftAsync("journey_blocked");
        Assert.Equal(HttpStatusCode.Conflict, (await f.PostJsonAsync($"/admin/vagas/{vaga}/reservar", new { medico_id = medico })).StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE medico_id = @medico", new { medico }));
        Assert.Equal(before + 1, f.SentTo(phone).Count);
    }

    /// <summary>
    /// The idle-close job (`encerramento`) completed his conversation a week after the follow-up that should have come
    /// next (FU2, due 5 days after FU1, never went: its send failed); then he answers FU1. A new conversation opens, Júlia answers once, and what she said before (the doctor's history, not the
    /// conversation's) is in front of her.
    /// </summary>
    [Fact]
    public async Task AnAnswerToAFollowUpAfterTheIdleCloseOpensANewConversationWithTheFollowUpInHistory()
    {
        const string phone = "5511966610009";
        var medico = await f.ImportedDoctorAsync(phone);
        var old = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, stage, last_inbound_at, last_outbound_at, last_message_at, created_at)
            VALUES (@medico, 'followup_1_enviado', now() - interval '17 days', now() - interval '13 days', now() - interval '13 days', now() - interval '17 days')
            RETURNING id
            """, new { medico });
        await f.ExecuteAsync("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, created_at)
            VALUES (@medico, @old, 'saida', 'texto', 'julia', 'fila:followup', 'Oi Dr. Paulo, conseguiu ver o plantão do Hospital Mauá?', now() - interval '13 days')
            """, new { medico, old });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("encerramento")).StatusCode);
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @old", new { old }));

        await PostAsync(f.Client, Text(phone, "vi agora, ainda tá aberto o do Mauá?"));
        await f.WaitProcessedAsync(phone);

        var turn = f.Agent.Turns.Last(t => t.Doctor.Telefone == phone);
        Assert.NotEqual(old, turn.ConversaId);
        Assert.Contains(turn.History, h => h.Content.Contains("Hospital Mauá"));
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @old", new { old }));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 1);
    }

    /// <summary>
    /// His hold passed `RESERVA_EXPIRA_HORAS` unconfirmed while he was still talking about it: the job opens the shift
    /// again and tells Slack; his next turn no longer shows Júlia the shift as his, so she cannot tell him it is held.
    /// </summary>
    [Fact]
    public async Task AHoldThatExpiresWhileHeTalksIsNoLongerShownToJuliaAsHis()
    {
        const string phone = "5511966610010";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "journey_expiry");
        var vaga = await f.OpenShiftAsync("journey_expiry", "Hospital Jornada Expira");
        var reserva = await f.HoldAsync(vaga, medico, conversa);
        await PostAsync(f.Client, Text(phone, "e aí, a equipe já confirmou meu plantão?"));
        await f.WaitProcessedAsync(phone);
        Assert.Contains(f.Agent.Turns.Last(t => t.Doctor.Telefone == phone).Holdings ?? [], h => h.Id == vaga);

        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '25 hours' WHERE id = @reserva", new { reserva });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);
        await PostAsync(f.Client, Text(phone, "alô? e o plantão?"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal(("expirada", "aberta"), ((string, string))((await f.StateAsync(reserva)).Status, (await f.StateAsync(reserva)).Vaga));
        Assert.DoesNotContain(f.Agent.Turns.Last(t => t.Doctor.Telefone == phone).Holdings ?? [], h => h.Id == vaga);
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva expirada") && HumanLoopFixture.SlackMentions(m, "Hospital Jornada Expira"));
    }

    /// <summary>
    /// He opted out last month; now "voltei, tem plantão?". He is answered (he started it), stays opted out for proactive
    /// kinds: the follow-up job leaves him alone and a campaign row queued for him is blocked (docs/decisions.md#opt-out).
    /// </summary>
    [Fact]
    public async Task AnOptedOutDoctorWhoWritesAgainIsAnsweredButStillGetsNothingProactive()
    {
        const string phone = "5511966610011";
        var medico = await f.ImportedDoctorAsync(phone);
        await f.ExecuteAsync("""
            UPDATE medicos SET opted_out = true, opted_out_at = now() - interval '30 days', opted_out_reason = 'pare', stage_jornada = 'opt_out' WHERE id = @medico
            """, new { medico });

        await PostAsync(f.Client, Text(phone, "voltei, tem plantão essa semana?"));
        await f.WaitProcessedAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE id = @medico", new { medico }));
        var conversa = await f.ScalarAsync<Guid>("SELECT id FROM conversations WHERE medico_id = @medico AND status = 'active'", new { medico });
        await f.ExecuteAsync("""
            UPDATE conversations SET stage = 'msg_enviada', last_outbound_at = now() - interval '3 days' WHERE id = @conversa;
            UPDATE interacoes SET created_at = now() - interval '4 days' WHERE medico_id = @medico;
            """, new { conversa, medico });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("followups")).StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'followup'", new { medico }));
        var campaign = await f.QueuedCampaignMessageAsync(medico, "Oi Dr. Paulo, plantões novos!", dueIn: "1 hour");
        Assert.Equal(("bloqueada", "opt_out"), await f.DueNowAsync(campaign));
        Assert.Single(f.SentTo(phone));
    }

    /// <summary>
    /// "pode reservar sim, mas antes quero falar com uma pessoa": the request for a person wins — a handoff, no agent
    /// turn, so nothing is reserved behind the person's back; the person sees the doctor's words in the handoff.
    /// </summary>
    [Fact]
    public async Task AnAcceptanceAndARequestForAPersonInOneMessageHandOffAndReserveNothing()
    {
        const string phone = "5511966610012";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "journey_both");
        var turnsBefore = f.Agent.Turns.Count(t => t.Doctor.Telefone == phone);

        await PostAsync(f.Client, Text(phone, "pode reservar sim, mas antes quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("pendente", "pedido_humano")], await f.HandoffsAsync(conversa));
        Assert.Equal(turnsBefore, f.Agent.Turns.Count(t => t.Doctor.Telefone == phone));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE medico_id = @medico", new { medico }));
        Assert.Contains("pode reservar sim", await f.ScalarAsync<string>("SELECT metadata->>'ultima_mensagem' FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
    }

    /// <summary>
    /// A person has the doctor (he asked for one) and confirms his hold from the admin API: the confirmation is the one
    /// automated message that goes out under a person (a person caused it), once, and Slack gets "Plantão confirmado".
    /// </summary>
    [Fact]
    public async Task AConfirmationWhileAPersonHasHimReachesHimOnceAndSlack()
    {
        const string phone = "5511966610013";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "journey_confirm");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("journey_confirm", "Hospital Jornada Confirma"), medico, conversa);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(conversa));

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));

        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count(t => t.Contains("tá confirmado pela equipe"))), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(conversa));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Plantão confirmado") && HumanLoopFixture.SlackMentions(m, "Hospital Jornada Confirma"));
        Assert.Equal("confirmada", (await f.StateAsync(reserva)).Status);
    }
}
