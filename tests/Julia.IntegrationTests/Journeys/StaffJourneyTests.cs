using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Journeys;

/// <summary>
/// The staff's side of a day across features — a recruiter in Chatwoot, a manager reading Slack, an operator with the
/// runbook's endpoints — on the real host (<see cref="JourneyFixture"/>): what they do through the Chatwoot webhook and the
/// admin routes, checked by what they and the doctor then see.
/// </summary>
public sealed class StaffJourneyTests(JourneyFixture f) : IClassFixture<JourneyFixture>
{
    static long nextMessage = 910_000;

    /// <summary>A recruiter's private note in the doctor's Chatwoot conversation (a new Chatwoot message id each time).</summary>
    async Task<JsonElement> NoteAsync(long chatwootId, string phone, string content)
    {
        var note = HumanLoopFixture.Webhook("webhook-message-created-private-note.json", chatwootId, phone);
        note["content"] = content;
        note["id"] = Interlocked.Increment(ref nextMessage);
        using var response = await f.PostChatwootAsync(note);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>A recruiter's public reply in the doctor's Chatwoot conversation.</summary>
    async Task StaffReplyAsync(long chatwootId, string phone, string content)
    {
        var message = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        message["content"] = content;
        message["id"] = Interlocked.Increment(ref nextMessage);
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(message)).StatusCode);
    }

    /// <summary>The private notes Júlia posted in that Chatwoot conversation, in order.</summary>
    List<string> Notes(long chatwootId) =>
        [.. f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId && m.Body["private"]?.GetValue<bool>() == true)
            .Select(m => m.Body["content"]!.GetValue<string>())];

    Task<string> NoteReplyAsync(long chatwootId, int number) =>
        Eventually.MatchesAsync(() => Task.FromResult(Notes(chatwootId)), r => r.Count >= number).ContinueWith(t => t.Result[number - 1]);

    static string Short(Guid id) => id.ToString("N")[..8];

    int SlackCount(string text, string about) =>
        f.Slack.Received.Count(m => HumanLoopFixture.SlackMentions(m, text) && HumanLoopFixture.SlackMentions(m, about));

    Task<Guid> OpenHandoffAsync(Guid conversa) => f.ScalarAsync<Guid>(
        "SELECT id FROM handoffs WHERE conversa_id = @conversa AND status <> 'resolvido' ORDER BY created_at DESC LIMIT 1", new { conversa });

    /// <summary>
    /// Out of order in Chatwoot: Carla cancels the Mauá hold (`/cancelar <id> …`); a colleague who had not seen it
    /// confirms the same id a minute later, and Carla sends her note again. The doctor also holds a São Lucas shift. Each
    /// note names the Mauá reservation, and none may act on São Lucas: the confirmation is refused (it was cancelled), the
    /// repeat says it is already cancelled, São Lucas stays a hold nobody decided on, the doctor gets no message, and
    /// Slack says "Reserva cancelada" once.
    /// </summary>
    [Fact]
    public async Task ANoteNamingAReservationThatEndedNeverActsOnHisOtherHold()
    {
        const string phone = "5511966620001";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "staff_fora_de_ordem");
        var maua = await f.HoldAsync(await f.OpenShiftAsync("staff_fora_de_ordem", "Hospital Mauá Staff"), medico, conversa);
        var saoLucas = await f.HoldAsync(await f.OpenShiftAsync("staff_fora_de_ordem", "Hospital São Lucas Staff"), medico, conversa);

        await NoteAsync(chatwootId, phone, $"/cancelar {Short(maua)} hospital remanejou a escala");
        Assert.Contains("Reserva cancelada", await NoteReplyAsync(chatwootId, 1));
        await NoteAsync(chatwootId, phone, $"/confirmar {Short(maua)} confirmado com o hospital");
        var confirmReply = await NoteReplyAsync(chatwootId, 2);
        await NoteAsync(chatwootId, phone, $"/cancelar {Short(maua)} hospital remanejou a escala");
        var repeatReply = await NoteReplyAsync(chatwootId, 3);

        Assert.Equal("cancelada", (await f.StateAsync(maua)).Status);
        Assert.Equal(("ativa", "reservada"), ((await f.StateAsync(saoLucas)).Status, (await f.StateAsync(saoLucas)).Vaga));
        Assert.DoesNotContain("São Lucas", confirmReply);
        Assert.Contains(Short(maua), confirmReply);
        Assert.DoesNotContain("São Lucas", repeatReply);
        Assert.Contains("já estava cancelada", repeatReply);
        Assert.Empty(await f.ConfirmationMessagesAsync(medico));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva cancelada") && HumanLoopFixture.SlackMentions(m, "Hospital Mauá Staff"));
        Assert.Equal(1, await f.NoticesAsync("reserva_cancelada", maua));
        Assert.Equal(0, await f.NoticesAsync("reserva_cancelada", saoLucas) + await f.NoticesAsync("plantao_confirmado", saoLucas));
    }

    /// <summary>
    /// The wrong tab: Carla copies the id of Dr. A's reservation from Dr. A's note and pastes "/cancelar ab12cd34 …" into
    /// Dr. B's conversation, or types it with one digit wrong. Dr. B has a single confirmed shift; the id names none of
    /// his reservations, so nothing is cancelled and the answer says so and lists his — before, a first word that matched
    /// none was read as the reason, and his only reservation was cancelled and its shift opened to others.
    /// </summary>
    [Fact]
    public async Task AnIdThatNamesNoneOfHisReservationsCancelsNothing()
    {
        const string phoneA = "5511966620002", phoneB = "5511966620003";
        var (medicoA, conversaA, _) = await f.DoctorAsync(phoneA, "staff_aba_errada");
        var (medicoB, conversaB, chatwootB) = await f.DoctorAsync(phoneB, "staff_aba_errada");
        var ofA = await f.HoldAsync(await f.OpenShiftAsync("staff_aba_errada", "Hospital Aba A"), medicoA, conversaA);
        var ofB = await f.HoldAsync(await f.OpenShiftAsync("staff_aba_errada", "Hospital Aba B"), medicoB, conversaB);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{ofB}/confirmar", new { por = "Carla" }));
        var typo = Short(ofB)[..7] + (Short(ofB)[7] == 'a' ? 'b' : 'a');

        var pasted = await NoteAsync(chatwootB, phoneB, $"/cancelar {Short(ofA)} hospital desmarcou");
        var typed = await NoteAsync(chatwootB, phoneB, $"/confirmar {typo}");

        Assert.Equal(("confirmada", "confirmada"), ((await f.StateAsync(ofB)).Status, (await f.StateAsync(ofB)).Vaga));
        Assert.Equal("ativa", (await f.StateAsync(ofA)).Status);
        Assert.DoesNotContain("cancelada", pasted.GetProperty("acao").GetString());
        var answers = await Eventually.MatchesAsync(() => Task.FromResult(Notes(chatwootB)), n => n.Count >= 2);
        // Each says the id names none of his and lists his own to choose from.
        Assert.Single(answers, a => a.Contains(Short(ofA)) && a.Contains(Short(ofB)));
        Assert.Single(answers, a => a.Contains(typo) && a.Contains(Short(ofB)));
        Assert.Equal(0, await f.NoticesAsync("reserva_cancelada", ofB));
    }

    /// <summary>
    /// In order: `/reservar` a shift for him, `/confirmar`, then the hospital calls off and `/cancelar`. Slack hears each
    /// step once; the doctor hears only the confirmation (a cancellation is told by staff in their own words).
    /// </summary>
    [Fact]
    public async Task ReserveConfirmCancelByNotesTellSlackEachStepOnceAndTheDoctorOnlyTheConfirmation()
    {
        const string phone = "5511966620004";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone, "staff_sequencia");
        var vaga = await f.OpenShiftAsync("staff_sequencia", "Hospital Sequência");
        var before = f.SentTo(phone).Count;

        await NoteAsync(chatwootId, phone, $"/reservar {Short(vaga)} combinado por telefone");
        var reserva = await f.ScalarAsync<Guid>("SELECT id FROM reservas_vaga WHERE vaga_id = @vaga", new { vaga });
        await NoteAsync(chatwootId, phone, "/confirmar");
        await NoteAsync(chatwootId, phone, "/cancelar hospital fechou a ala");
        await NoteReplyAsync(chatwootId, 3);

        Assert.Equal(("cancelada", "aberta"), ((await f.StateAsync(reserva)).Status, (await f.StateAsync(reserva)).Vaga));
        await Eventually.MatchesAsync(() => Task.FromResult(SlackCount("Reserva cancelada", "Hospital Sequência")), n => n == 1);
        Assert.Equal(1, SlackCount("Plantão reservado", "Hospital Sequência"));
        Assert.Equal(1, SlackCount("Plantão confirmado", "Hospital Sequência"));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == before + 1);
        Assert.Contains("tá confirmado pela equipe", f.SentTo(phone)[^1]);
        await Eventually.MatchesAsync(async () => (await f.ConfirmationMessagesAsync(medico)).Select(m => m.Status).ToList(), s => s is ["enviada"]);
    }

    /// <summary>
    /// Slack is down (503) while a doctor asks for a person and an operator resolves the handoff from the admin API. Slack
    /// comes back: the manager reads "🚨 Handoff necessário" then "✅ Handoff resolvido", each once — not the resolution
    /// first, which is what retries due in another order used to post.
    /// </summary>
    [Fact]
    public async Task AfterASlackOutageAHandoffsNoticesArriveOnceAndInOrder()
    {
        const string phone = "5511966620005";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        var about = $"Conversa {Short(conversa)}";
        f.Slack.ScriptOnly = body => HumanLoopFixture.SlackMentions(body, about);
        f.Slack.Respond = _ => (503, "service_unavailable", null);
        var slack = f.App.Services.GetRequiredService<CircuitBreakers>().Slack;
        try
        {
            await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
            await f.WaitProcessedAsync(phone);
            var handoff = await OpenHandoffAsync(conversa);
            await f.OkJsonAsync(await f.PostJsonAsync($"/admin/handoffs/{handoff}/resolver", new { notas = "resolvido por telefone" }));
            await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
                "SELECT count(*) FROM notificacoes WHERE handoff_id = @handoff AND canal = 'slack' AND tipo = 'handoff_aberto' AND erro IS NOT NULL", new { handoff }), n => n == 1);
            // Where an outage leaves them: both waiting, the resolution due before the opening (its backoff is shorter).
            await Eventually.MatchesAsync(() => f.ScalarAsync<long>("""
                WITH held AS (UPDATE notificacoes SET proxima_tentativa_em = now() + interval '1 hour'
                              WHERE handoff_id = @handoff AND canal = 'slack' AND status = 'pendente' RETURNING 1)
                SELECT count(*) FROM held
                """, new { handoff }), n => n == 2);
            f.Slack.Respond = null;
            slack.RecordSuccess();
            await f.ExecuteAsync("""
                UPDATE notificacoes SET proxima_tentativa_em = now() + CASE tipo WHEN 'handoff_aberto' THEN interval '2 seconds' ELSE interval '0 seconds' END
                WHERE handoff_id = @handoff AND canal = 'slack'
                """, new { handoff });

            await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
                "SELECT count(*) FROM notificacoes WHERE handoff_id = @handoff AND canal = 'slack' AND status = 'enviada'", new { handoff }), n => n == 2);
        }
        finally
        {
            f.Slack.Respond = null;
            f.Slack.ScriptOnly = null;
            slack.RecordSuccess();
        }

        var delivered = f.Slack.Received.Where(m => HumanLoopFixture.SlackMentions(m, about)).Select(m => m["text"]!.GetValue<string>()).ToList();
        var opened = delivered.FindIndex(t => t.Contains("Handoff necessário"));
        var resolved = delivered.FindIndex(t => t.Contains("Handoff resolvido"));
        Assert.True(opened >= 0 && resolved > opened, string.Join(" | ", delivered));
        Assert.Equal(1, delivered.Count(t => t.Contains("Handoff resolvido")));
    }

    /// <summary>
    /// An operator resolves the handoff from the admin API; Chatwoot's own "resolved" for the same conversation arrives
    /// after it. The doctor is Júlia's again, the conversation is completed, Slack says "Handoff resolvido" once, and a second
    /// resolve from the API is a 409 — nothing is resolved twice, nothing sent to the doctor.
    /// </summary>
    [Fact]
    public async Task AnAdminResolveThenChatwootsLateResolvedResolveOnce()
    {
        const string phone = "5511966620006";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        var handoff = await OpenHandoffAsync(conversa);
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 2); // her answer, the transition
        var sent = f.SentTo(phone).Count;
        await f.WaitSendsRecordedAsync(phone);

        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/handoffs/{handoff}/resolver", new { notas = "liguei para ele" }));
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await f.PostJsonAsync($"/admin/handoffs/{handoff}/resolver", new { notas = "de novo" })).StatusCode);

        Assert.Equal(("ai", "completed"), (await f.QueryAsync<(string, string)>(
            "SELECT controlled_by, status FROM conversations WHERE id = @conversa", new { conversa })).Single());
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(conversa));
        Assert.Equal("liguei para ele", await f.ScalarAsync<string>("SELECT notas FROM handoffs WHERE id = @handoff", new { handoff }));
        await Eventually.MatchesAsync(() => Task.FromResult(SlackCount("Handoff resolvido", Short(conversa))), n => n == 1);
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE handoff_id = @handoff AND tipo = 'handoff_resolvido'", new { handoff }));
        Assert.Equal(sent, f.SentTo(phone).Count);
    }

    /// <summary>
    /// Chatwoot is down (503) when the doctor asks for a person: the handoff happens at once (he is told a person will
    /// follow, Slack is told), his next messages are stored and not answered by Júlia, and when Chatwoot comes back the
    /// recruiters get the handoff's private note in his conversation, once.
    /// </summary>
    [Fact]
    public async Task WhileChatwootIsDownAHandoffStillHappensAndItsNoteArrivesOnceWhenItIsBack()
    {
        const string phone = "5511966620007";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var chatwoot = f.App.Services.GetRequiredService<CircuitBreakers>().Chatwoot;
        f.Chatwoot.Down = true;
        try
        {
            await PostAsync(f.Client, Text(phone, "preciso falar com alguém da escala"));
            await f.WaitProcessedAsync(phone);
            Assert.Equal("human", await f.ControlAsync(conversa));
            await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count), n => n == 2);
            await f.WaitSendsRecordedAsync(phone);
            await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Handoff necessário") && HumanLoopFixture.SlackMentions(m, Short(conversa)));
            await PostAsync(f.Client, Text(phone, "alô? alguém?"));
            await f.WaitProcessedAsync(phone);
            await Eventually.MatchesAsync(() => f.ScalarAsync<int>(
                "SELECT tentativas FROM notificacoes WHERE conversa_id = @conversa AND canal = 'chatwoot' AND tipo = 'nota_handoff'", new { conversa }), n => n >= 1);
            Assert.DoesNotContain(Notes(chatwootId), n => n.Contains("Handoff"));
        }
        finally
        {
            f.Chatwoot.Down = false;
            chatwoot.RecordSuccess();
        }
        await f.ExecuteAsync("UPDATE notificacoes SET proxima_tentativa_em = now() WHERE conversa_id = @conversa AND status = 'pendente'", new { conversa });

        await Eventually.MatchesAsync(() => Task.FromResult(Notes(chatwootId).Count(n => n.Contains("Handoff"))), n => n == 1);
        Assert.Equal(2, f.SentTo(phone).Count);
        Assert.Equal(1, SlackCount("Handoff necessário", Short(conversa)));
        Assert.Equal(chatwootId, await f.ScalarAsync<long>("SELECT chatwoot_conversation_id FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.Equal(1, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND direcao = 'entrada' AND conteudo = 'alô? alguém?'", new { conversa }));
    }

    /// <summary>
    /// An operator takes the doctor back from the admin API while Carla, in Chatwoot, is still typing: her reply lands
    /// after the resolve. It is a person's word to the doctor, so the conversation is the staff's again (a new `manual`
    /// handoff, implicit takeover) and Júlia does not answer the doctor's next message over Carla; the note "resolvido
    /// fora do Chatwoot" told the team first.
    /// </summary>
    [Fact]
    public async Task ARecruitersReplyAfterAnAdminResolveTakesTheDoctorBackAndJuliaStaysSilent()
    {
        const string phone = "5511966620008";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        var handoff = await OpenHandoffAsync(conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/handoffs/{handoff}/resolver", new { notas = "operador devolveu" }));
        await Eventually.MatchesAsync(() => Task.FromResult(Notes(chatwootId).Count(n => n.Contains("fora do Chatwoot"))), n => n == 1);

        await StaffReplyAsync(chatwootId, phone, "Oi doutor, aqui é a Carla! Sobre o pagamento: cai na sexta.");
        var turns = f.Agent.Turns.Count(t => t.Doctor.Telefone == phone);
        await PostAsync(f.Client, Text(phone, "ah ótimo, obrigado Carla"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("resolvido", "pedido_humano"), ("em_atendimento", "manual")], await f.HandoffsAsync(conversa));
        Assert.Equal(turns, f.Agent.Turns.Count(t => t.Doctor.Telefone == phone));
        Assert.Equal(1, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano' AND conteudo LIKE '%cai na sexta%'", new { conversa }));
    }

    /// <summary>
    /// A manager blocks the doctor (`bloqueado`) while a recruiter has him; the recruiter then confirms his hold with
    /// `/confirmar`. The hold is confirmed (a person decided), but no automated WhatsApp goes to a blocked doctor and the
    /// note tells the recruiter to let him know another way.
    /// </summary>
    [Fact]
    public async Task AConfirmationForADoctorBlockedWhileARecruiterHasHimSendsHimNothing()
    {
        const string phone = "5511966620009";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "staff_bloqueado");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("staff_bloqueado", "Hospital Bloqueio"), medico, conversa);
        await StaffReplyAsync(chatwootId, phone, "Oi doutor, a Carla aqui, vou cuidar do seu plantão.");
        Assert.Equal("human", await f.ControlAsync(conversa));
        await f.ExecuteAsync("UPDATE medicos SET bloqueado = true, bloqueado_motivo = 'pendência de documentos' WHERE id = @medico", new { medico });
        var sent = f.SentTo(phone).Count;

        await NoteAsync(chatwootId, phone, "/confirmar");

        Assert.Equal("confirmada", (await f.StateAsync(reserva)).Status);
        var answer = await Eventually.MatchesAsync(() => Task.FromResult(Notes(chatwootId).FirstOrDefault(n => n.Contains("Plantão confirmado"))), n => n is not null);
        Assert.Contains("avise por outro meio", answer);
        Assert.Empty(await f.ConfirmationMessagesAsync(medico));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Plantão confirmado") && HumanLoopFixture.SlackMentions(m, "Hospital Bloqueio"));
        Assert.Equal(sent, f.SentTo(phone).Count);
        Assert.Equal("human", await f.ControlAsync(conversa));
    }

    /// <summary>
    /// The hospital calls a shift off and staff cancel it in their own system (`vagas.status = 'cancelada'`) — a shift this
    /// doctor held and staff had confirmed. At the next `reservas-expiracao` his reservation ends `cancelada` ("o plantão foi
    /// cancelado"), Slack says "Reserva cancelada" once (so someone tells him: a cancellation sends him nothing), the handoff
    /// note no longer lists it as confirmed, and Júlia's next turn is told it ended. Before, a confirmed reservation never
    /// expired: the note showed "confirmada" for a cancelled shift and Júlia saw neither a holding nor an ended one.
    /// </summary>
    [Fact]
    public async Task AConfirmedShiftStaffCancelInTheirSystemEndsHisReservationAndStaffAreTold()
    {
        const string phone = "5511966620013";
        var (medico, conversa, chatwootId) = await f.DoctorAsync(phone, "staff_vaga_cancelada");
        var vaga = await f.OpenShiftAsync("staff_vaga_cancelada", "Hospital Cancelou");
        var reserva = await f.HoldAsync(vaga, medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{reserva}/confirmar", new { por = "Carla" }));
        await Eventually.MatchesAsync(() => Task.FromResult(f.SentTo(phone).Count(t => t.Contains("tá confirmado pela equipe"))), n => n == 1);
        await f.WaitSendsRecordedAsync(phone);
        var sent = f.SentTo(phone).Count;

        await f.ExecuteAsync("UPDATE vagas SET status = 'cancelada', cancelada_em = now(), cancelada_por = 'humano' WHERE id = @vaga", new { vaga });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);

        Assert.Equal(("cancelada", "cancelada"), ((await f.StateAsync(reserva)).Status, (await f.StateAsync(reserva)).Vaga));
        Assert.Equal("o plantão foi cancelado", await f.ScalarAsync<string>("SELECT motivo FROM reservas_vaga WHERE id = @reserva", new { reserva }));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva cancelada") && HumanLoopFixture.SlackMentions(m, "Hospital Cancelou"));
        Assert.Equal(1, await f.NoticesAsync("reserva_cancelada", reserva));

        await PostAsync(f.Client, Text(phone, "oi, meu plantão do Hospital Cancelou tá de pé?"));
        await f.WaitProcessedAsync(phone);
        var turn = f.Agent.Turns.Last(t => t.Doctor.Telefone == phone);
        Assert.Contains(turn.EndedHolds ?? [], h => h.VagaId == vaga && h.Status == "cancelada" && !h.StillOpen);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        var note = await Eventually.MatchesAsync(() => Task.FromResult(Notes(chatwootId).FirstOrDefault(n => n.Contains("Handoff"))), n => n is not null);
        Assert.DoesNotContain("Hospital Cancelou", note);
        Assert.DoesNotContain(f.SentTo(phone).Skip(sent), t => t.Contains("tá confirmado pela equipe"));
    }

    /// <summary>
    /// Staff's own system gives a confirmed shift to another doctor, and opens another held shift again: the first doctor's
    /// reservations end `cancelada` with what happened, Slack is told once each, and the reopened shift can be held by
    /// someone else (one reservation in force per shift would refuse it otherwise).
    /// </summary>
    [Fact]
    public async Task AShiftStaffGaveToAnotherDoctorOrOpenedAgainEndsTheFirstDoctorsReservation()
    {
        var (medico, conversa, _) = await f.DoctorAsync("5511966620014", "staff_vaga_trocada");
        var (other, otherConversa, _) = await f.DoctorAsync("5511966620015", "staff_vaga_trocada");
        var given = await f.OpenShiftAsync("staff_vaga_trocada", "Hospital Trocou");
        var confirmed = await f.HoldAsync(given, medico, conversa);
        await f.OkJsonAsync(await f.PostJsonAsync($"/admin/reservas/{confirmed}/confirmar", new { por = "Carla" }));
        var reopened = await f.OpenShiftAsync("staff_vaga_trocada", "Hospital Reabriu");
        var hold = await f.HoldAsync(reopened, medico, conversa);

        await f.ExecuteAsync("""
            UPDATE vagas SET medico_id = @other WHERE id = @given;
            UPDATE vagas SET status = 'aberta', medico_id = NULL, fechada_em = NULL, fechada_por = NULL WHERE id = @reopened;
            """, new { other, given, reopened });
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);

        Assert.Equal(("cancelada", "o plantão passou para outro médico"), await f.QueryAsync<(string, string)>(
            "SELECT status, motivo FROM reservas_vaga WHERE id = @confirmed", new { confirmed }).ContinueWith(t => t.Result.Single()));
        Assert.Equal(("cancelada", "o plantão foi reaberto pela equipe"), await f.QueryAsync<(string, string)>(
            "SELECT status, motivo FROM reservas_vaga WHERE id = @hold", new { hold }).ContinueWith(t => t.Result.Single()));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva cancelada") && HumanLoopFixture.SlackMentions(m, "Hospital Trocou"));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva cancelada") && HumanLoopFixture.SlackMentions(m, "Hospital Reabriu"));
        Assert.Equal(1, await f.NoticesAsync("reserva_cancelada", confirmed));
        Assert.Equal(1, await f.NoticesAsync("reserva_cancelada", hold));

        var next = await f.HoldAsync(reopened, other, otherConversa);
        Assert.Equal("ativa", (await f.StateAsync(next)).Status);
        Assert.Equal(HttpStatusCode.OK, (await f.RunJobAsync("reservas-expiracao")).StatusCode);
        Assert.Equal("ativa", (await f.StateAsync(next)).Status);   // the new holder's reservation is his shift's: left alone
    }

    /// <summary>
    /// Two workers run the expiry job at the same instant on a hold past `RESERVA_EXPIRA_HORAS`: it expires once, the
    /// shift is open again, Slack says "Reserva expirada" once.
    /// </summary>
    [Fact]
    public async Task TheExpiryJobRunTwiceAtOnceExpiresAHoldOnceWithOneSlackNotice()
    {
        const string phone = "5511966620010";
        var (medico, conversa, _) = await f.DoctorAsync(phone, "staff_expira_dupla");
        var reserva = await f.HoldAsync(await f.OpenShiftAsync("staff_expira_dupla", "Hospital Expira Duplo"), medico, conversa);
        await f.ExecuteAsync("UPDATE reservas_vaga SET created_at = now() - interval '25 hours' WHERE id = @reserva", new { reserva });

        var runs = await Task.WhenAll(f.RunJobAsync("reservas-expiracao"), f.RunJobAsync("reservas-expiracao"));

        Assert.Contains(runs, r => r.StatusCode == HttpStatusCode.OK);
        Assert.All(runs, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        await Eventually.MatchesAsync(() => f.StateAsync(reserva), s => s.Status == "expirada");
        Assert.Equal("aberta", (await f.StateAsync(reserva)).Vaga);
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackMentions(m, "Reserva expirada") && HumanLoopFixture.SlackMentions(m, "Hospital Expira Duplo"));
        Assert.Equal(1, await f.NoticesAsync("reserva_expirada", reserva));
        Assert.Equal(1, SlackCount("Reserva expirada", "Hospital Expira Duplo"));
    }

    /// <summary>
    /// The manager's morning numbers after handoffs of three kinds today: `/metricas/resumo`'s handoffs by type are the
    /// `handoffs` table's, and the day's reservations count the staff's `/reservar` with Júlia's.
    /// </summary>
    [Fact]
    public async Task TheSummarysHandoffsByTypeAndReservationsMatchTheTables()
    {
        const string phone1 = "5511966620011", phone2 = "5511966620012";
        var (medico, _, chatwootId) = await f.DoctorAsync(phone1, "staff_resumo");
        await f.DoctorInChatwootAsync(phone2);
        await NoteAsync(chatwootId, phone1, $"/reservar {Short(await f.OpenShiftAsync("staff_resumo", "Hospital Resumo"))}");
        await PostAsync(f.Client, Text(phone1, "vou processar vocês, já falei com meu advogado"));
        await PostAsync(f.Client, Text(phone2, "quero falar com um atendente"));
        await f.WaitProcessedAsync(phone1);
        await f.WaitProcessedAsync(phone2);
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga WHERE medico_id = @medico AND origem = 'humano'", new { medico }));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/metricas/resumo?dias=1");
        var summary = JsonNode.Parse(await (await f.Client.SendAsync(request)).Content.ReadAsStringAsync())!.AsObject();
        const string Today = "created_at >= ((now() AT TIME ZONE 'America/Sao_Paulo')::date)::timestamp AT TIME ZONE 'America/Sao_Paulo'";
        var byType = (await f.QueryAsync<(string, long)>($"SELECT trigger_type, count(*) FROM handoffs WHERE {Today} GROUP BY 1"))
            .ToDictionary(r => r.Item1, r => r.Item2);
        Assert.True(byType.ContainsKey("juridico") && byType.ContainsKey("pedido_humano"), string.Join(", ", byType));
        Assert.Equal(byType.OrderBy(p => p.Key), summary["handoffs_por_tipo"]!.AsObject()
            .Select(p => KeyValuePair.Create(p.Key, p.Value!.GetValue<long>())).OrderBy(p => p.Key));
        Assert.Equal(byType.Values.Sum(), summary["handoffs_total"]!.GetValue<long>());
        Assert.Equal(await f.ScalarAsync<long>($"SELECT count(*) FROM reservas_vaga WHERE {Today}"), summary["plantoes_reservados"]!.GetValue<long>());
    }
}
