using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// A recruiter in Chatwoot, black box first (a blind set written from the SPEC, README and runbook before reading the
/// code, 2026-12-06): what the staff do there and what the doctor then gets on WhatsApp. Only the scenarios no other
/// class covers are here; the rest ran against HumanLoopTests, AppMirroringTests, ResolveEventsTests and StaffJourneyTests.
/// </summary>
public sealed class RecruiterConformanceTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    /// <summary>
    /// The doctor opts out while a recruiter has him; the recruiter answers at once in Chatwoot ("entendido, doutor…").
    /// The opt-out closed Júlia's conversation, and a staff message on a finished conversation opens one with the team
    /// (docs/decisions.md#handoff, "A finished conversation in Chatwoot") — the two-minute goodbye window is for a staff
    /// "até mais" racing a resolve, and an opt-out is no resolve. Before, the reply stayed on the closed conversation with
    /// Júlia "in control", and she answered his next line over the recruiter.
    /// </summary>
    [Fact]
    public async Task ARecruitersReplyRightAfterAnOptOutKeepsTheDoctorWithTheTeam()
    {
        const string phone = "5511988880701";
        var (finished, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "não quero mais receber mensagens de vocês"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @finished", new { finished }));

        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        staff["id"] = 880_701;
        staff["content"] = "Entendido, doutor. Só confirmo: o plantão de sábado o senhor mantém?";
        staff["created_at"] = DateTimeOffset.UtcNow.ToString("O");
        using var response = await f.PostChatwootAsync(staff);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("conversa reaberta com a equipe", await response.Content.ReadAsStringAsync());

        var open = await f.ScalarAsync<Guid>("""
            SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'
            """, new { phone });
        Assert.NotEqual(finished, open);
        Assert.Equal("human", await f.ControlAsync(open));
        Assert.Equal([("em_atendimento", "manual")], await f.HandoffsAsync(open));

        // His answer to the recruiter is hers to read: Júlia says nothing.
        var repliesBefore = (await f.QueueAsync(phone)).Count(q => q.Tipo == "resposta");
        await PostAsync(f.Client, Text(phone, "mantenho sim, obrigado"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);
        Assert.Equal(repliesBefore, (await f.QueueAsync(phone)).Count(q => q.Tipo == "resposta"));
    }

    /// <summary>The same when Júlia had him at the opt-out (she confirmed it) and a recruiter who saw it writes right away.</summary>
    [Fact]
    public async Task ARecruitersMessageRightAfterAnOptOutJuliaConfirmedIsTheTeamsConversation()
    {
        const string phone = "5511988880702";
        var (finished, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "não quero mais receber mensagens"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);
        Assert.Contains(await f.QueueAsync(phone), q => q.TipoSistema == "confirmacao_opt_out");

        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        staff["id"] = 880_702;
        staff["content"] = "Doutor, aqui é a Carla. Posso te ligar só para fechar o cadastro?";
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(staff)).StatusCode);

        var open = await f.ScalarAsync<Guid?>("""
            SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'
            """, new { phone });
        Assert.NotNull(open);
        Assert.NotEqual(finished, open);
        Assert.Equal("human", await f.ControlAsync(open.Value));
    }

    /// <summary>
    /// Two recruiters answer the same doctor at the same moment while Júlia has him: one takeover (one handoff `manual`,
    /// `em_atendimento`), both messages stored, both webhooks 200.
    /// </summary>
    [Fact]
    public async Task TwoRecruitersAnsweringAtOnceMakeOneTakeover()
    {
        const string phone = "5511988880703";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var first = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        first["id"] = 880_731;
        first["content"] = "Oi doutor, aqui é a Carla";
        var second = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        second["id"] = 880_732;
        second["content"] = "Oi doutor, aqui é o Carlos";
        second["sender"]!["id"] = 8;
        second["sender"]!["name"] = "Carlos Segundo";

        var answers = await Task.WhenAll(f.PostChatwootAsync(first), f.PostChatwootAsync(second));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("em_atendimento", "manual")], await f.HandoffsAsync(conversa));
        Assert.Equal(2, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano'", new { conversa }));
        Assert.DoesNotContain(await f.QueueAsync(phone), q => q.TipoSistema is "transicao_handoff");
    }

    /// <summary>
    /// A recruiter resolves by mistake, reopens the conversation in Chatwoot and writes to the doctor a moment later. The
    /// message was written after the resolve — it is no goodbye racing it — so the team has the doctor again and Júlia
    /// does not answer his reply.
    /// </summary>
    [Fact]
    public async Task AResolveReopenedAndAnsweredAMomentLaterIsTheTeamsAgain()
    {
        const string phone = "5511988880704";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);

        await f.PostChatwootAsync(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone));
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
        var reopened = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        reopened["status"] = "open";
        using (var answer = await f.PostChatwootAsync(reopened))
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        staff["id"] = 880_704;
        staff["content"] = "Desculpe, doutor, fechei sem querer. Sigo aqui com o senhor.";
        staff["created_at"] = DateTimeOffset.UtcNow.AddSeconds(30).ToString("O");
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(staff)).StatusCode);

        var open = await f.ScalarAsync<Guid?>("""
            SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'
            """, new { phone });
        Assert.NotNull(open);
        Assert.Equal("human", await f.ControlAsync(open.Value));
    }

    /// <summary>
    /// The doctor opted out; a recruiter puts the label `humano` on his Chatwoot conversation to take him. The team has
    /// him, but Júlia's automated "uma colega vai continuar com vc" does not go to a doctor who asked for no more
    /// messages (SPEC §5: never keep messaging after an opt-out). Before, the label sent it.
    /// </summary>
    [Fact]
    public async Task TheLabelHumanoOnADoctorWhoOptedOutSendsHimNoTransition()
    {
        const string phone = "5511988880706";
        var (_, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "não quero mais receber mensagens"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        Assert.Equal(HttpStatusCode.OK,
            (await f.PostChatwootAsync(HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone))).StatusCode);

        var open = await f.ScalarAsync<Guid?>("""
            SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'
            """, new { phone });
        Assert.NotNull(open);
        Assert.Equal("human", await f.ControlAsync(open.Value));
        Assert.Equal([("pendente", "manual")], await f.HandoffsAsync(open.Value));
        await f.WaitSendsRecordedAsync(phone);
        Assert.DoesNotContain(await f.QueueAsync(phone), q => q.TipoSistema == "transicao_handoff");
    }

    /// <summary>
    /// Reopening a resolved conversation in Chatwoot changes nothing by itself (Chatwoot also reopens one when the doctor
    /// writes), and a resolve without an assignee still gives him back; neither answers 5xx.
    /// </summary>
    [Fact]
    public async Task AReopenAloneChangesNothingAndAResolveWithoutAssigneeStillGivesHimBack()
    {
        const string phone = "5511988880705";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        foreach (var status in new[] { "pending", "snoozed", "open" })
        {
            var update = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
            update["status"] = status;
            using var answer = await f.PostChatwootAsync(update);
            Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
            Assert.Equal("ignored", (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }
        Assert.Equal("human", await f.ControlAsync(conversa));

        var resolve = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        resolve["meta"]!["assignee"] = null;
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(resolve)).StatusCode);
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(conversa));

        var reopen = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        reopen["status"] = "open";
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(reopen)).StatusCode);
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.Equal(0, await f.ScalarAsync<long>("""
            SELECT count(*) FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'
            """, new { phone }));
    }
}

/// <summary>The recruiter's side with `CHATWOOT_ESPELHAMENTO=app`: Júlia delivers the staff's words and copies the doctor's.</summary>
public sealed class RecruiterAppMirroringConformanceTests(RecruiterAppMirroringConformanceTests.Fixture f)
    : IClassFixture<RecruiterAppMirroringConformanceTests.Fixture>
{
    public sealed class Fixture : HumanLoopFixture
    {
        protected override string Mirroring => "app";
    }

    /// <summary>
    /// A recruiter writes to a doctor who opted out while she had him: the message goes (a person decides — runbook,
    /// "medico_opted_out"), once, and the team keeps him.
    /// </summary>
    [Fact]
    public async Task ARecruitersMessageToADoctorWhoJustOptedOutGoesOnceAndTheTeamKeepsHim()
    {
        const string phone = "5511988880711";
        var (_, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        await PostAsync(f.Client, Text(phone, "não quero mais receber mensagens"));
        await f.WaitProcessedAsync(phone);

        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        staff["id"] = 880_711;
        staff["content"] = "Tudo certo, doutor, tiramos seu número da lista.";
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(staff)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(staff)).StatusCode); // delivered again

        await Eventually.MatchesAsync(() => f.QueueAsync(phone),
            q => q.Count(r => r.TipoSistema == "mensagem_equipe" && r.Status == "enviada") == 1);
        await f.WaitSendsRecordedAsync(phone);
        Assert.Single(await f.QueueAsync(phone), r => r.TipoSistema == "mensagem_equipe");
        Assert.Equal("human", await f.ScalarAsync<string>("""
            SELECT c.controlled_by FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status = 'active'
            """, new { phone }));
    }

    /// <summary>
    /// The doctor writes while a recruiter has him: his message is copied into Chatwoot once (Evolution delivering it
    /// twice), nothing is answered on WhatsApp.
    /// </summary>
    [Fact]
    public async Task TheDoctorWritingDuringAHandoffReachesChatwootOnceAndIsNotAnswered()
    {
        const string phone = "5511988880712";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);
        var before = await f.QueueAsync(phone);

        var message = Text(phone, "alguém aí? preciso trocar o plantão de sexta");
        await PostAsync(f.Client, message);
        await PostAsync(f.Client, message);
        await f.WaitProcessedAsync(phone);
        await f.WaitSendsRecordedAsync(phone);

        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Count(m => m.ConversationId == chatwootId
            && m.Body["content"]?.GetValue<string>() == "alguém aí? preciso trocar o plantão de sexta")), n => n >= 1);
        await Task.Delay(TimeSpan.FromSeconds(1));
        var copy = Assert.Single(f.Chatwoot.Messages, m => m.ConversationId == chatwootId
            && m.Body["content"]?.GetValue<string>() == "alguém aí? preciso trocar o plantão de sexta");
        Assert.Equal("incoming", copy.Body["message_type"]!.GetValue<string>());
        Assert.False(copy.Body["private"]!.GetValue<bool>());
        Assert.Equal(before.Count, (await f.QueueAsync(phone)).Count);
        Assert.Equal("human", await f.ControlAsync(conversa));
    }
}
