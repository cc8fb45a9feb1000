using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.Journeys;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.Conformance.DoctorConversationsConformanceTests;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The second blind set's scenarios its round left unrun (the ids are the set's): answers to proactive messages,
/// reminders, a handoff given back, a second device in one burst, an image beside text, duplicates after the reply, an
/// opt-out inside a burst, a caption edit after the reply — on the real host, checked by what the model was asked and
/// what WhatsApp delivered. Held elsewhere, not repeated: P7 (JourneyTests, DoctorWritesDuringTypingConformanceTests),
/// R3 (ReferenceDefectsConformanceTests.D4_…, AgentTests), R6–R8 (ContactPauseTests), H5 (DispatcherTests), H6
/// (HumanLoopTests), H7 (ChatwootConformanceTests), V3 (PipelineTests), B1 (WeekendJourneyTests), B2/B4/B5
/// (OutsideBusinessHoursTests), O2 (JourneyTests, AgentTests).
/// </summary>
public sealed class DoctorThirdRoundConformanceTests(DoctorConversationsFixture f) : IClassFixture<DoctorConversationsFixture>
{
    Task SettledAsync(string phone) => f.SettledAsync(phone);

    static Task<string> StatusOf(HttpResponseMessage response) => DoctorConversationsFixture.StatusOf(response);

    Task<long> InboundCountAsync(string phone) => f.InboundCountAsync(phone);

    Task<List<(string Status, string? Reason)>> RowsAsync(Guid medico, string kind) => f.QueryAsync<(string, string?)>(
        "SELECT status, outcome_reason_code FROM fila_mensagens WHERE medico_id = @medico AND tipo = @kind ORDER BY created_at", new { medico, kind });

    /// <summary>His conversation, open as Júlia's opening left it (a campaign's first touch, 2 days ago).</summary>
    Task<Guid> OpenedConversationAsync(Guid medico) => f.ScalarAsync<Guid>("""
        INSERT INTO conversations (medico_id, stage, last_outbound_at, last_message_at)
        VALUES (@medico, 'msg_enviada', now() - interval '2 days', now() - interval '2 days') RETURNING id
        """, new { medico });

    static JsonObject WithMessage(JsonObject body, string type, JsonObject content)
    {
        body["data"]!["message"] = new JsonObject { [type] = content };
        body["data"]!["messageType"] = type;
        return body;
    }

    /// <summary>D3: the same upsert delivered again after the reply went out: `duplicate`, no second model call, no second send.</summary>
    [Fact]
    public async Task ADuplicateAfterTheReplyWentOutIsNothing()
    {
        const string phone = "5511977750001", marker = "(t3d3)";
        f.Anthropic.ScriptFor(marker, Text("Tenho sexta 19h no Hospital Central. Quer?"));
        var body = Text(phone, $"tem sexta? {marker}", NewId());

        Assert.Equal("received", await StatusOf(await PostAsync(f.Client, body)));
        await SettledAsync(phone);
        Assert.Equal("duplicate", await StatusOf(await PostAsync(f.Client, body)));
        await Task.Delay(TimeSpan.FromSeconds(3));   // past the burst window
        await SettledAsync(phone);

        Assert.Equal(1, await InboundCountAsync(phone));
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Equal(["Tenho sexta 19h no Hospital Central. Quer?"], f.SentTo(phone));
    }

    /// <summary>D5: the same upsert on the "webhook by events" path and on the base path: one row, one reply.</summary>
    [Fact]
    public async Task TheSameUpsertOnTheEventPathAndTheBasePathIsOneMessage()
    {
        const string phone = "5511977750002", marker = "(t3d5)";
        f.Anthropic.ScriptFor(marker, Text("Sábado tenho diurno. Quer?"));
        var body = Text(phone, $"tem sábado? {marker}", NewId());

        var first = await StatusOf(await PostAsync(f.Client, body, "/webhook/evolution/messages-upsert"));
        var second = await StatusOf(await PostAsync(f.Client, body));
        await SettledAsync(phone);

        Assert.Equal(("received", "duplicate"), (first, second));
        Assert.Equal(1, await InboundCountAsync(phone));
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Single(f.SentTo(phone));
    }

    /// <summary>X2: a reaction taken back (empty text) is ignored: no row, nothing sent.</summary>
    [Fact]
    public async Task AReactionTakenBackIsIgnored()
    {
        const string phone = "5511977750003";
        var removed = WithMessage(Text(phone, "x", NewId()), "reactionMessage", new JsonObject
        {
            ["key"] = new JsonObject { ["remoteJid"] = phone + "@s.whatsapp.net", ["fromMe"] = true, ["id"] = NewId() }, ["text"] = "",
        });

        Assert.Equal("ignored", await StatusOf(await PostAsync(f.Client, removed)));
        await Task.Delay(TimeSpan.FromSeconds(3));

        Assert.Equal(0, await InboundCountAsync(phone));
        Assert.Empty(f.SentTo(phone));
    }

    /// <summary>V4: a photo without caption and a question in one burst: one model call with `[imagem não vista]` and the question.</summary>
    [Fact]
    public async Task APhotoWithoutCaptionThenTextIsOneTurnWithBoth()
    {
        const string phone = "5511977750004", marker = "(t3v4)";
        f.Anthropic.ScriptFor(marker, Text("Não consigo ver a imagem, mas sábado tenho diurno. Quer?"));

        await PostAsync(f.Client, WithMessage(Text(phone, "x", NewId()), "imageMessage", new JsonObject { ["mimetype"] = "image/jpeg" }));
        await PostAsync(f.Client, Text(phone, $"esse hospital tem plantão sábado? {marker}"));
        await SettledAsync(phone);

        var user = LastUserOf(Assert.Single(f.Anthropic.RequestsCarrying(marker)));
        Assert.Contains("[imagem não vista]", user);
        Assert.Contains("esse hospital tem plantão sábado?", user);
        Assert.Equal(["Não consigo ver a imagem, mas sábado tenho diurno. Quer?"], f.SentTo(phone));
    }

    /// <summary>P5: quoting Júlia's offer and writing "pare": his own words say stop — opt-out, one confirmation, no model call.</summary>
    [Fact]
    public async Task AQuotedOfferAnsweredWithPareIsAnOptOut()
    {
        const string phone = "5511977750005";
        var before = f.Anthropic.Requests.Count;

        await PostAsync(f.Client, Quoted(phone, "pare", "Dr., tenho um plantão sábado 07h-19h no Hospital Central, R$ 1.800. Tem interesse?"));
        await SettledAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.Equal(["Combinado, não te mando mais mensagens. Se precisar de plantão é só chamar aqui."], f.SentTo(phone));
        Assert.Equal(before, f.Anthropic.Requests.Count);   // the tests of a class run one at a time
    }

    /// <summary>O4: a question and "ah deixa, pare de mandar" in one burst: the opt-out wins — one confirmation, no model call.</summary>
    [Fact]
    public async Task AnOptOutInsideABurstWinsOverTheQuestionBeforeIt()
    {
        const string phone = "5511977750006", marker = "(t3o4)";
        f.Anthropic.ScriptFor(marker, Text("Tenho sábado diurno. Quer?"));

        await PostAsync(f.Client, Text(phone, $"tem plantão sábado? {marker}"));
        await PostAsync(f.Client, Text(phone, "ah deixa, pare de mandar"));
        await SettledAsync(phone);
        await Task.Delay(TimeSpan.FromSeconds(3));   // past the burst window of the question
        await SettledAsync(phone);

        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
        Assert.Empty(f.Anthropic.RequestsCarrying(marker));
        Assert.Equal(["Combinado, não te mando mais mensagens. Se precisar de plantão é só chamar aqui."], f.SentTo(phone));
    }

    /// <summary>L3: one burst split across his two devices (phone JID, then LID + remoteJidAlt): one model call with both lines, one send.</summary>
    [Fact]
    public async Task ABurstSplitAcrossHisTwoDevicesIsOneTurn()
    {
        const string phone = "5511977750007", lid = "177665544332211@lid", marker = "(t3l3)";
        f.Anthropic.ScriptFor(marker, Text("Tenho sábado e domingo. Qual prefere?"));

        await PostAsync(f.Client, Text(phone, $"tem sábado? {marker}"));
        var fromLid = Text(phone, "e domingo?");
        fromLid["data"]!["key"]!["remoteJid"] = lid;
        fromLid["data"]!["key"]!["remoteJidAlt"] = phone + "@s.whatsapp.net";
        Assert.Equal("received", await StatusOf(await PostAsync(f.Client, fromLid)));
        await SettledAsync(phone);

        var user = LastUserOf(Assert.Single(f.Anthropic.RequestsCarrying(marker)));
        Assert.Contains("tem sábado?", user);
        Assert.Contains("e domingo?", user);
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = @phone OR whatsapp_lid = @lid", new { phone, lid }));
        Assert.Equal(1, f.Evolution.SendsByPhone().Values.Sum(v => v.Count(t => t == "Tenho sábado e domingo. Qual prefere?")));
    }

    /// <summary>
    /// L4: a LID Júlia knows as doctor A's arrives with `remoteJidAlt` naming another number (B): the message is B's — his own
    /// doctor row and conversation, answered — and nothing of it lands in A's conversation.
    /// </summary>
    [Fact]
    public async Task ALidWhosePhoneIsAnotherNumberIsThatNumbersDoctorWithoutCrossing()
    {
        const string a = "5511977750008", b = "5511977750009", lid = "166554433221100@lid", first = "(t3l4a)", second = "(t3l4b)";
        f.Anthropic.ScriptFor(first, Text("Oi! Tenho sexta."));
        f.Anthropic.ScriptFor(second, Text("Oi! Tenho sábado."));
        var fromA = Text(a, $"oi, tem sexta? {first}");
        fromA["data"]!["key"]!["remoteJid"] = lid;
        fromA["data"]!["key"]!["remoteJidAlt"] = a + "@s.whatsapp.net";
        await PostAsync(f.Client, fromA);
        await SettledAsync(a);

        var fromB = Text(b, $"oi, tem sábado? {second}");
        fromB["data"]!["key"]!["remoteJid"] = lid;
        fromB["data"]!["key"]!["remoteJidAlt"] = b + "@s.whatsapp.net";
        Assert.Equal("received", await StatusOf(await PostAsync(f.Client, fromB)));
        await SettledAsync(b);

        Assert.Equal(1, await InboundCountAsync(a));
        Assert.Equal(1, await InboundCountAsync(b));
        Assert.Single(f.Anthropic.RequestsCarrying(second));
        Assert.DoesNotContain("tem sexta?", LastUserOf(f.Anthropic.RequestsCarrying(second)[0]));
        Assert.NotEqual(
            await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @a", new { a }),
            await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @b", new { b }));
    }

    /// <summary>E6: a caption edit after Júlia answered the photo: nothing more is sent and the model is not asked again.</summary>
    [Fact]
    public async Task ACaptionEditAfterTheReplyIsIgnored()
    {
        const string phone = "5511977750010", marker = "(t3e6)";
        f.Anthropic.ScriptFor(marker, Text("Recebi a escala, dia 15 tenho noturno. Quer?"));
        var photo = NewId();

        await PostAsync(f.Client, Photo(phone, $"escala do dia 15 pra vc ver {marker}", photo));
        await SettledAsync(phone);
        var edited = await PostAsync(f.Client, Edit("messages.edited", phone, photo, "",
            new JsonObject { ["imageMessage"] = new JsonObject { ["caption"] = $"escala do dia 16 pra vc ver {marker}" } }));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await SettledAsync(phone);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Equal(["Recebi a escala, dia 15 tenho noturno. Quer?"], f.SentTo(phone));
    }

    /// <summary>
    /// P2: a campaign's offer went out; he answers "essa" without quoting it: the model's history has the offer as
    /// `assistant` right before his `user` "essa"; one reply.
    /// </summary>
    [Fact]
    public async Task AnOfferAnsweredWithoutQuotingIsInTheHistoryBeforeHisAnswer()
    {
        const string phone = "5511977750011", marker = "(t3p2)";
        const string offer = "Oi Dr. Paulo! Sou a Júlia, assistente virtual da Revoluna. Tenho plantão sábado no Hospital Central, R$ 1.800. Tem interesse?";
        f.Anthropic.ScriptFor(marker, Text("Ótimo! Vou confirmar com a equipe."));
        var medico = await f.ImportedDoctorAsync(phone);
        Assert.Equal(("enviada", null), await f.DueNowAsync(await f.QueuedCampaignMessageAsync(medico, offer)));

        await PostAsync(f.Client, Text(phone, $"essa {marker}"));
        await SettledAsync(phone);

        var messages = Assert.Single(f.Anthropic.RequestsCarrying(marker))["messages"]!.AsArray();
        Assert.Equal("user", messages[^1]!["role"]!.GetValue<string>());
        Assert.Contains("essa", FakeModelServer.Content(messages[^1]!));
        Assert.Equal("assistant", messages[^2]!["role"]!.GetValue<string>());
        Assert.Contains(offer, FakeModelServer.Content(messages[^2]!));
        Assert.Equal([offer, "Ótimo! Vou confirmar com a equipe."], f.SentTo(phone));
    }

    /// <summary>
    /// P3/P4: the follow-up went out and another waits; he answers "a de sábado": the model's history carries the
    /// follow-up as `assistant`, the waiting follow-up ends `cancelada` `respondeu`, and only the reply reaches him.
    /// </summary>
    [Fact]
    public async Task AnAnswerToAFollowUpCancelsTheWaitingOneAndTheModelReadsTheFollowUp()
    {
        const string phone = "5511977750012", marker = "(t3p3)";
        const string nudge = "Dr. Paulo, ainda tenho aquele plantão de sábado no Hospital Central e um domingo no Hospital Norte. Algum te interessa?";
        f.Anthropic.ScriptFor(marker, Text("Show, o de sábado então. Posso reservar?"));
        var medico = await f.ImportedDoctorAsync(phone);
        var conversa = await OpenedConversationAsync(medico);
        var sent = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
            VALUES (@medico, @conversa, 'followup', @nudge, 4, now() + interval '1 hour', jsonb_build_object('tipo_followup', 'fu2', 'ultima_saida', now() - interval '2 days'))
            RETURNING id
            """, new { medico, conversa, nudge });
        Assert.Equal(("enviada", null), await f.DueNowAsync(sent));
        var waiting = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, metadata)
            VALUES (@medico, @conversa, 'followup', 'Dr. Paulo, última mensagem por aqui!', 4, now() + interval '15 days', jsonb_build_object('tipo_followup', 'fu3', 'ultima_saida', now()))
            RETURNING id
            """, new { medico, conversa });

        await PostAsync(f.Client, Text(phone, $"a de sábado {marker}"));
        await SettledAsync(phone);

        var request = Assert.Single(f.Anthropic.RequestsCarrying(marker));
        var messages = request["messages"]!.AsArray();
        Assert.Equal("assistant", messages[^2]!["role"]!.GetValue<string>());
        Assert.Contains(nudge, FakeModelServer.Content(messages[^2]!));
        Assert.Equal(("cancelada", "respondeu"), await f.RowAsync(waiting));
        Assert.Equal([nudge, "Show, o de sábado então. Posso reservar?"], f.SentTo(phone));
        Assert.Equal("respondeu", await f.ScalarAsync<string>("SELECT stage FROM conversations WHERE id = @conversa", new { conversa }));
    }

    static string LocalIso(int daysAhead, int hour)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3)).AddDays(daysAhead);
        return day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + $"T{hour:00}:00";
    }

    static JsonObject Reminder(string iso, string contexto) => new() { ["data_hora"] = iso, ["contexto"] = contexto };

    /// <summary>
    /// R1/R2/R4: "me lembra amanhã às 10h" → one `lembrete_solicitado` (prioridade 7, 10:00 São Paulo = 13:00 UTC, contexto and
    /// solicitado_em), the reply sent; a second one replaces it (the first `cancelada` `substituido`); his opt-out then
    /// cancels the one left (`opt_out`).
    /// </summary>
    [Fact]
    public async Task AReminderIsQueuedASecondReplacesItAndHisOptOutCancelsIt()
    {
        const string phone = "5511977750013", first = "(t3r1)", second = "(t3r2)";
        f.Anthropic.ScriptFor(first, Tool("agendar_lembrete", Reminder(LocalIso(1, 10), "plantão de sábado")), Text("Combinado, te lembro amanhã às 10h!"));
        f.Anthropic.ScriptFor(second, Tool("agendar_lembrete", Reminder(LocalIso(2, 15), "plantão de sábado")), Text("Mudei pra depois de amanhã às 15h!"));

        await PostAsync(f.Client, Text(phone, $"me lembra amanhã às 10h {first}"));
        await SettledAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        var row = Assert.Single(await f.QueryAsync<(int Prioridade, DateTime Agendar, string? Contexto, string? SolicitadoEm)>("""
            SELECT prioridade, agendar_para, metadata->>'contexto', metadata->>'solicitado_em' FROM fila_mensagens
            WHERE medico_id = @medico AND tipo = 'lembrete_solicitado' AND status = 'pendente'
            """, new { medico }));
        var tomorrow = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(-3)).AddDays(1);
        Assert.Equal(tomorrow.ToDateTime(new TimeOnly(13, 0)), row.Agendar);
        Assert.Equal((7, "plantão de sábado"), (row.Prioridade, row.Contexto));
        Assert.NotNull(row.SolicitadoEm);
        Assert.Equal(["Combinado, te lembro amanhã às 10h!"], f.SentTo(phone));

        await PostAsync(f.Client, Text(phone, $"melhor depois de amanhã às 15h {second}"));
        await SettledAsync(phone);
        Assert.Equal([("cancelada", "substituido"), ("pendente", null)], await RowsAsync(medico, "lembrete_solicitado"));

        await PostAsync(f.Client, Text(phone, "pare de me mandar mensagens"));
        await SettledAsync(phone);
        Assert.Equal([("cancelada", "substituido"), ("cancelada", "opt_out")], await RowsAsync(medico, "lembrete_solicitado"));
    }

    /// <summary>R5: a reminder was scheduled, then he asks for a person: the handoff cancels it (§8.2 step 5); only the transition goes.</summary>
    [Fact]
    public async Task AHandoffCancelsTheReminderHeHadAskedFor()
    {
        const string phone = "5511977750014", marker = "(t3r5)";
        f.Anthropic.ScriptFor(marker, Tool("agendar_lembrete", Reminder(LocalIso(1, 10), "plantão de sábado")), Text("Combinado, te lembro amanhã às 10h!"));
        await PostAsync(f.Client, Text(phone, $"me lembra amanhã às 10h {marker}"));
        await SettledAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = @phone", new { phone });
        Assert.Equal([("pendente", null)], await RowsAsync(medico, "lembrete_solicitado"));

        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await SettledAsync(phone);

        Assert.Equal([("cancelada", "handoff")], await RowsAsync(medico, "lembrete_solicitado"));
        Assert.Equal(2, f.SentTo(phone).Count);
    }

    /// <summary>
    /// H3/H4: he asks for a person; a recruiter answers in Chatwoot and hands him back (POST /admin/handoffs/{id}/resolver):
    /// nothing is sent to him on the return, the handoff is `resolvido`; his next message is one model call whose history
    /// holds the recruiter's line as `assistant` `[equipe] …` and whose system prompt says a person just attended him.
    /// </summary>
    [Fact]
    public async Task BackFromAPersonTheModelReadsTheStaffLineAndIsToldControlReturned()
    {
        const string phone = "5511977750015", marker = "(t3h4)";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await f.WaitSendsRecordedAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await SettledAsync(phone);
        var handoff = await f.ScalarAsync<Guid>("SELECT id FROM handoffs WHERE conversa_id = @conversa", new { conversa });
        var staff = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        staff["id"] = 889_015;
        staff["content"] = "Oi Dr., aqui é a Carla da escala, vou verificar o sábado pra vc";
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(staff)).StatusCode);
        var sentBefore = f.SentTo(phone).Count;

        Assert.True((await f.Client.PostAsJsonAsync($"/admin/handoffs/{handoff}/resolver", new { notas = "devolvido pra Júlia" })).IsSuccessStatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(sentBefore, f.SentTo(phone).Count);
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(conversa));

        f.Anthropic.ScriptFor(marker, Text("Oi Dr.! A Carla já viu, o sábado está com vc. Algo mais?"));
        await PostAsync(f.Client, Text(phone, $"e aí, conseguiu ver? {marker}"));
        await SettledAsync(phone);

        var request = Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Contains(request["messages"]!.AsArray(), m => m!["role"]!.GetValue<string>() == "assistant"
            && FakeModelServer.Content(m).Contains("[equipe] Oi Dr., aqui é a Carla da escala", StringComparison.Ordinal));
        Assert.Contains("Uma pessoa da equipe acabou de atender este médico", ShiftJourneyFixture.System(request));
        Assert.Equal(sentBefore + 1, f.SentTo(phone).Count);
    }
}
