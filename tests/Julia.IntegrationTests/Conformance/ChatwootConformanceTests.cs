using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Infrastructure.Time;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Julia.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// Human handoff and Chatwoot (docs/decisions.md#handoff), claim by claim, at the edges the other tests leave open, on the
/// real host with Chatwoot and Slack as fakes answering Chatwoot's own shapes. Claims proven elsewhere (not re-tested):
/// <list type="bullet">
/// <item>Trigger phrasings: HandoffConformanceTests, UnitTests Conversations/HandoffTriggerDetectorTests and
/// DetectionCorpusTests; baixa_confianca through `solicitar_humano`: Agent/AgentTests; erro_sistema after 10 min
/// unavailable: Agent/PatientFallbackTests.</item>
/// <item>What a handoff writes (row, metadata, control, one `sistema` transition, AI rows cancelled, second trigger appends):
/// HandoffConformanceTests; transition at any hour: OutboundQueueConformanceTests.OutsideBusinessHoursOnlyProactiveKindsWaitForTheNextOpeningWithoutSpendingAnAttempt,
/// OutsideBusinessHoursTests.AHandoffAtNightIsProcessedAtOnceAndItsMessageMarkedRead.</item>
/// <item>Private note with type and reason, Slack text / colour / masked phone / button / footer, slack_notificado_em:
/// HumanLoopTests.AHandoffPostsAPrivateNoteAndASlackNoticeWithTheChatwootButton, UnitTests Slack/SlackMessagesTests;
/// Chatwoot or Slack down undoes nothing: HumanLoopTests.ChatwootDownDuringAHandoffDelaysTheNoteAndUndoesNothing,
/// NoticeDeliveryTests.</item>
/// <item>Mirroring owner `evolution` (only notes, nothing created) and `app` (copies, contact and conversation created):
/// HumanLoopTests.WithEvolutionMirroringAHandoffOfADoctorChatwootDoesNotKnowCreatesNothingThere, AppMirroringTests.</item>
/// <item>Mapping: id from the Evolution payload first: HumanLoopTests.TheChatwootConversationOfTheFirstMessageIsKeptForTheConversationItOpens;
/// the contact's 12-digit form, never a part of another number: HumanLoopTests.TheDoctorsContactIsFoundInWhatsAppsFormAndNeverByAPartOfAnotherNumber;
/// the header on every call: ChatwootClientTests.ProfileReturnsTheIntegrationUserAndSendsTheToken.</item>
/// <item>Webhook token (query, header), signature: HumanLoopTests.AWrongOrMissingTokenIs401, SignedWebhookTests; unknown
/// conversation → WARNING + 200: HumanLoopTests.AnUnknownConversationIsA200AndAWarning; another inbox not found by phone:
/// HumanLoopTests.AConversationOfAnotherInboxIsNotFoundByTheDoctorsPhone.</item>
/// <item>Event table: label added → manual with transition, removed → back, changed twice, other updates keep control,
/// `resolved` → back and completed with resolvido_por = the assignee, agent-bot events, staff reply → stored + implicit
/// takeover without transition, echoes / bots / notes / the integration user are no person, attachment-only replies:
/// HumanLoopTests, GenuinePayloadTests, PayloadVarietyTests.</item>
/// <item>Back with Júlia, the staff messages in her history: HumanLoopTests.BackWithJuliaHerNextReplyHasTheStaffMessagesInHerHistory;
/// `GET /admin/handoffs?status=pendente`, `POST /admin/handoffs/{id}/resolver {notas}`: HumanLoopTests.OperatorsListAndResolveHandoffsByApi.</item>
/// </list>
/// </summary>
public sealed class ChatwootConformanceTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    static JsonObject LabelChange(long chatwootId, string phone, JsonArray before, JsonArray after)
    {
        var body = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        body["labels"] = after.DeepClone();
        body["changed_attributes"] = new JsonArray(new JsonObject
        {
            ["label_list"] = new JsonObject { ["previous_value"] = before, ["current_value"] = after },
        });
        return body;
    }

    static JsonObject Label(string title) => new() { ["id"] = 9, ["title"] = title, ["color"] = "#1f93ff", ["show_on_sidebar"] = true };

    async Task<JsonElement> PostOkAsync(JsonObject body)
    {
        using var response = await f.PostChatwootAsync(body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    async Task AskForAPersonAsync(string phone)
    {
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa, por favor"));
        await f.WaitProcessedAsync(phone);
    }

    Task<long> StaffRowsAsync(Guid conversa) =>
        f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano' AND origem = 'chatwoot'", new { conversa });

    /// <summary>
    /// Labels are read from the top-level payload or its `conversation` object, as names or as label objects
    /// (`{id, title, color}`, the shape of Chatwoot's label API): `humano` among them hands over, and its removal gives the
    /// doctor back — whatever the shape.
    /// </summary>
    [Theory]
    [InlineData("top-level names", "5511988877001")]
    [InlineData("top-level objects", "5511988877002")]
    [InlineData("conversation object names", "5511988877003")]
    [InlineData("conversation object objects", "5511988877004")]
    public async Task TheLabelHumanoIsReadAtTheTopOrInTheConversationObjectAsNamesOrObjects(string shape, string phone)
    {
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var objects = shape.EndsWith("objects", StringComparison.Ordinal);
        JsonArray Labels(params string[] names) => [.. names.Select(n => objects ? (JsonNode)Label(n) : JsonValue.Create(n))];
        JsonObject Shaped(JsonObject body)
        {
            if (!shape.StartsWith("conversation", StringComparison.Ordinal)) return body;
            var labels = body["labels"]!.DeepClone();
            body.Remove("labels");
            body["conversation"] = new JsonObject { ["id"] = chatwootId, ["labels"] = labels };
            return body;
        }

        var added = Shaped(LabelChange(chatwootId, phone, Labels(), Labels("vip", "humano")));
        Assert.Equal("ok", (await PostOkAsync(added)).GetProperty("status").GetString());
        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("pendente", "manual")], await f.HandoffsAsync(conversa));

        var removed = Shaped(LabelChange(chatwootId, phone, Labels("vip", "humano"), Labels("vip")));
        Assert.Equal("ok", (await PostOkAsync(removed)).GetProperty("status").GetString());
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Equal([("resolvido", "manual")], await f.HandoffsAsync(conversa));
    }

    /// <summary>
    /// First match wins in the listed order — a request for a person, then legal words, then anger — and the handoff
    /// carries that type's own transition message and Slack colour, through a doctor's message on the real host.
    /// </summary>
    [Theory]
    [InlineData("5511988877070", "isso é um absurdo, uma vergonha, vou procurar meu advogado", "juridico", "#F44336")]
    [InlineData("5511988877071", "me liga, senão vou abrir uma reclamação no Procon", "pedido_humano", "#2196F3")]
    [InlineData("5511988877072", "que absurdo, que falta de respeito com a gente", "sentimento_negativo", "#FF9800")]
    public async Task TheFirstTypeInOrderWinsWithItsOwnTransitionAndColour(string phone, string text, string type, string colour)
    {
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);

        await PostAsync(f.Client, Text(phone, text));
        await f.WaitProcessedAsync(phone);

        Assert.Equal([("pendente", type)], await f.HandoffsAsync(conversa));
        Assert.Equal(Julia.Handoffs.HandoffMessages.Transition(type), Assert.Single(await f.QueueAsync(phone), q => q.Tipo == "sistema").Conteudo);
        var slack = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário") && HumanLoopFixture.SlackMentions(m, conversa.ToString()[..8]));
        Assert.True(HumanLoopFixture.SlackMentions(slack, colour), slack.ToJsonString());
    }

    /// <summary>
    /// A second trigger while a handoff is open only appends to that handoff's metadata: no second row, no second
    /// transition message, the first type kept.
    /// </summary>
    [Fact]
    public async Task ASecondTriggerIsAppendedToTheOpenHandoffsMetadataOnly()
    {
        const string phone = "5511988877073";
        var (conversa, _) = await f.DoctorInChatwootAsync(phone);
        await AskForAPersonAsync(phone);

        await PostAsync(f.Client, Text(phone, "se ninguém resolver vou procurar meu advogado"));
        await f.WaitProcessedAsync(phone);

        Assert.Equal([("pendente", "pedido_humano")], await f.HandoffsAsync(conversa));
        Assert.Equal("juridico", await f.ScalarAsync<string?>(
            "SELECT metadata->'gatilhos_adicionais'->0->>'trigger_type' FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
        Assert.Single(await f.QueueAsync(phone), q => q.Tipo == "sistema");
    }

    /// <summary>Chatwoot delivers one `message_created` twice (two webhooks configured, a retry): one `interacoes` row, one handoff.</summary>
    [Fact]
    public async Task TheSameStaffMessageDeliveredTwiceIsStoredOnce()
    {
        const string phone = "5511988877010";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        reply["id"] = 880_010;
        reply["content"] = "Oi, aqui é a Bia da escala";

        var answers = await Task.WhenAll(f.PostChatwootAsync(reply), f.PostChatwootAsync(reply));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        // Delivered once more after both were done: answered as a repeat.
        Assert.Equal("ignored", (await PostOkAsync(reply)).GetProperty("status").GetString());

        Assert.Equal(1, await StaffRowsAsync(conversa));
        Assert.Equal([("em_atendimento", "manual")], await f.HandoffsAsync(conversa));
    }

    /// <summary>
    /// An outgoing message whose `source_id` is one of Júlia's `provider_message_id`s — as Evolution's integration writes it
    /// (`WAID:…`) or bare — is her own send mirrored back: no staff row, no takeover.
    /// </summary>
    [Theory]
    [InlineData("WAID:", "5511988877011")]
    [InlineData("", "5511988877012")]
    public async Task AnOutgoingMessageWithOneOfOurProviderIdsIsNoTakeover(string prefix, string phone)
    {
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var ours = await f.ScalarAsync<string>("""
            SELECT provider_message_id FROM interacoes WHERE conversa_id = @conversa AND direcao = 'saida' AND provider_message_id IS NOT NULL LIMIT 1
            """, new { conversa });
        var echo = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        echo["source_id"] = prefix + ours;
        echo["content"] = "um texto que a Júlia não mandou igual";

        Assert.Equal("ignored", (await PostOkAsync(echo)).GetProperty("status").GetString());
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Empty(await f.HandoffsAsync(conversa));
        Assert.Equal(0, await StaffRowsAsync(conversa));
    }

    /// <summary>
    /// `humano` added while the conversation is already with a person (the doctor asked): no control changes — the same
    /// handoff, its type, and no second transition message to the doctor; the label is only noted in that handoff's
    /// metadata (ChatwootPayloadsConformanceTests, docs/decisions.md#handoff).
    /// </summary>
    [Fact]
    public async Task TheLabelHumanoOnAConversationAlreadyWithAPersonChangesNoControl()
    {
        const string phone = "5511988877020";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await AskForAPersonAsync(phone);
        Assert.Single(await f.QueueAsync(phone), q => q.Tipo == "sistema");

        var answer = await PostOkAsync(LabelChange(chatwootId, phone, [], ["humano"]));

        Assert.Equal("label humano registrada no handoff aberto", answer.GetProperty("acao").GetString());
        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("pendente", "pedido_humano")], await f.HandoffsAsync(conversa));
        Assert.Single(await f.QueueAsync(phone), q => q.Tipo == "sistema");
    }

    /// <summary>
    /// A person's reply under an open `pendente` handoff: stored as `humano`/`chatwoot`, the handoff `em_atendimento` (the
    /// same row, its trigger kept), no second handoff and no transition message; the log lines name the `handoff`.
    /// </summary>
    [Fact]
    public async Task AStaffReplyUnderAPendingHandoffPutsThatHandoffInService()
    {
        const string phone = "5511988877021";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await AskForAPersonAsync(phone);
        var handoff = await f.ScalarAsync<Guid>("SELECT id FROM handoffs WHERE conversa_id = @conversa", new { conversa });
        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        reply["id"] = 880_021;
        reply["content"] = "Oi! Sou a Carla, vou te ajudar";

        Assert.Equal("ok", (await PostOkAsync(reply)).GetProperty("status").GetString());

        Assert.Equal([("em_atendimento", "pedido_humano")], await f.HandoffsAsync(conversa));
        Assert.Equal(handoff, await f.ScalarAsync<Guid>("SELECT id FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
        Assert.Equal(1, await StaffRowsAsync(conversa));
        Assert.Single(await f.QueueAsync(phone), q => q.Tipo == "sistema");
        Assert.Contains(f.App.Logs.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("handoff " + handoff) && l.Message.Contains("em_atendimento"));
        Assert.Contains(f.App.Logs.Lines, l => l.Level == LogLevel.Information && l.Message.Contains("handoff " + handoff) && l.Message.Contains("opened"));
    }

    /// <summary>
    /// Return to Júlia by removing the label, with the agent the payload names (`meta.assignee`): `resolvido_por` is that
    /// agent, as on a resolve.
    /// </summary>
    [Fact]
    public async Task RemovingTheLabelRecordsTheNamedAgentAsTheResolver()
    {
        const string phone = "5511988877030";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostOkAsync(LabelChange(chatwootId, phone, [], ["humano"]));
        Assert.Equal("human", await f.ControlAsync(conversa));

        var removed = LabelChange(chatwootId, phone, ["humano"], []);
        removed["meta"]!["assignee"] = new JsonObject { ["id"] = 7, ["name"] = "Carla Souza", ["available_name"] = "Carla", ["type"] = "user" };
        await PostOkAsync(removed);

        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Equal("Carla", await f.ScalarAsync<string?>("SELECT resolvido_por FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
    }

    /// <summary>
    /// Return to Júlia on `resolved`: control `ai`, `escalation_reason` NULL, the handoff `resolvido` with `resolvido_em`,
    /// Slack "✅ Handoff resolvido" with the duration — and nothing at all is sent to the doctor.
    /// </summary>
    [Fact]
    public async Task AResolveSendsNothingToTheDoctorAndTellsSlackTheDuration()
    {
        const string phone = "5511988877031";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await AskForAPersonAsync(phone);
        var before = (await f.QueueAsync(phone)).Count;

        await PostOkAsync(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone));

        var row = (await f.QueryAsync<(string ControlledBy, string? Reason, string Status)>(
            "SELECT controlled_by, escalation_reason, status FROM conversations WHERE id = @conversa", new { conversa })).Single();
        Assert.Equal<(string, string?, string)>(("ai", null, "completed"), row);
        Assert.True(await f.ScalarAsync<bool>("SELECT resolvido_em IS NOT NULL FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
        var slack = await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Handoff resolvido") && HumanLoopFixture.SlackMentions(m, conversa.ToString()[..8]));
        Assert.True(HumanLoopFixture.SlackMentions(slack, "Duração"), slack.ToJsonString());
        Assert.Equal(before, (await f.QueueAsync(phone)).Count);
    }

    /// <summary>
    /// `resolved` on a Chatwoot conversation that two of the doctor's conversations map to, each with an open handoff (one
    /// left open on a conversation that has since finished): both handoffs are resolved, by the named agent.
    /// </summary>
    [Fact]
    public async Task AResolveResolvesEveryOpenHandoffOfThatChatwootConversation()
    {
        const string phone = "5511988877032";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await AskForAPersonAsync(phone);
        var medico = await f.ScalarAsync<Guid>("SELECT medico_id FROM conversations WHERE id = @conversa", new { conversa });
        var older = await f.ScalarAsync<Guid>("""
            INSERT INTO conversations (medico_id, status, controlled_by, chatwoot_conversation_id, created_at, completed_at)
            VALUES (@medico, 'completed', 'human', @chatwoot, now() - interval '3 days', now() - interval '2 days') RETURNING id
            """, new { medico, chatwoot = chatwootId.ToString() });
        await f.ExecuteAsync("""
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, status, from_controller, to_controller, created_at)
            VALUES (@older, @medico, 'juridico', 'antigo', 'pendente', 'ai', 'human', now() - interval '3 days')
            """, new { older, medico });

        await PostOkAsync(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone));

        var rows = await f.QueryAsync<(string Status, string? By)>("SELECT status, resolvido_por FROM handoffs WHERE medico_id = @medico", new { medico });
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(("resolvido", "Carlos"), r));
        Assert.Equal("ai", await f.ControlAsync(conversa));
    }

    /// <summary>
    /// A conversation Júlia has not mapped yet is found by the contact's phone (`meta.sender.phone_number`), acted on, and
    /// the Chatwoot id stored on it.
    /// </summary>
    [Fact]
    public async Task AnUnmappedConversationIsFoundByTheContactsPhoneAndMapped()
    {
        const string phone = "5511988877040";
        await PostAsync(f.Client, Text(phone, "oi, bom dia"));
        await f.WaitProcessedAsync(phone);
        var conversa = await f.ScalarAsync<Guid>("""
            SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone
            """, new { phone });
        await f.ExecuteAsync("UPDATE conversations SET chatwoot_conversation_id = NULL WHERE id = @conversa", new { conversa });

        await PostOkAsync(LabelChange(88_040, phone, [], ["humano"]));

        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal("88040", await f.ScalarAsync<string>("SELECT chatwoot_conversation_id FROM conversations WHERE id = @conversa", new { conversa }));
    }

    /// <summary>
    /// The mapping of a conversation Evolution's payload named no Chatwoot conversation for: the contact searched by
    /// phone with and without `+` (header `api_access_token`), then that contact's most recent conversation in
    /// CHATWOOT_INBOX_ID — not an older one there, not a newer one in another inbox. Stored on the conversation, the
    /// contact id on the doctor; the handoff's note goes there and the Slack button points at it.
    /// </summary>
    [Fact]
    public async Task TheMappingTakesTheContactsMostRecentConversationInTheInbox()
    {
        const string phone = "5511988877080";
        const long contact = 977_080;
        f.Chatwoot.AddContact(contact, "Dr. Mapeado", "+" + phone);
        f.Chatwoot.AddConversation(contact, 977_181, HumanLoopFixture.Inbox, 1_765_300_000);
        f.Chatwoot.AddConversation(contact, 977_182, HumanLoopFixture.Inbox, 1_765_390_000);
        f.Chatwoot.AddConversation(contact, 977_183, HumanLoopFixture.Inbox + 6, 1_765_399_999);

        await AskForAPersonAsync(phone);

        var note = await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId is >= 977_181 and <= 977_183).ToList()),
            l => l.Count > 0);
        Assert.Equal(977_182, Assert.Single(note).ConversationId);
        Assert.Equal(("977182", "977080"), (await f.QueryAsync<(string, string)>("""
            SELECT c.chatwoot_conversation_id, m.chatwoot_contact_id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone
            """, new { phone })).Single());
        var searches = f.Chatwoot.Requests.Where(r => r.Path.EndsWith("/contacts/search", StringComparison.Ordinal)
            && Uri.UnescapeDataString(r.Query).Contains(phone, StringComparison.Ordinal)).ToList();
        Assert.Contains(searches, r => Uri.UnescapeDataString(r.Query).Contains("+" + phone, StringComparison.Ordinal));
        Assert.Contains(searches, r => !Uri.UnescapeDataString(r.Query).Contains("+" + phone, StringComparison.Ordinal));
        Assert.All(searches, r => Assert.Equal("tok-api", r.Token));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário") && m.ToJsonString().Contains("/conversations/977182", StringComparison.Ordinal));
    }

    /// <summary>`resolved` on a conversation Júlia holds (no handoff): it is completed, and no handoff or Slack notice is made up.</summary>
    [Fact]
    public async Task AResolveOfAConversationJuliaHoldsCompletesItAndTellsNobody()
    {
        const string phone = "5511988877033";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);

        await PostOkAsync(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone));

        Assert.Equal(("completed", "ai"), (await f.QueryAsync<(string, string)>(
            "SELECT status, controlled_by FROM conversations WHERE id = @conversa", new { conversa })).Single());
        Assert.Empty(await f.HandoffsAsync(conversa));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE conversa_id = @conversa", new { conversa }));
    }

    /// <summary>
    /// The reminder of a `pendente` handoff older than 30 min, on the real scheduler with its clock in the test's hands: at
    /// 20:05 São Paulo (closed) nothing; at 10:00 the next morning one reminder; at the next run five minutes later no
    /// second one. A handoff 25 min old, or one a person already answered (`em_atendimento`), gets none.
    /// </summary>
    [Fact]
    public async Task APendingHandoffIsRemindedOnceAndOnlyInsideBusinessHours()
    {
        async Task<(Guid Conversa, Guid Handoff)> PendingAsync(string phone, int minutesOld)
        {
            var (conversa, _) = await f.DoctorInChatwootAsync(phone);
            await AskForAPersonAsync(phone);
            var id = await f.ScalarAsync<Guid>("SELECT id FROM handoffs WHERE conversa_id = @conversa", new { conversa });
            await f.ExecuteAsync("UPDATE handoffs SET created_at = now() - make_interval(mins => @minutesOld) WHERE id = @id", new { id, minutesOld });
            return (conversa, id);
        }
        var (conversa, handoff) = await PendingAsync("5511988877050", 45);
        var (_, young) = await PendingAsync("5511988877051", 25);
        var (_, answered) = await PendingAsync("5511988877052", 45);
        await f.ExecuteAsync("UPDATE handoffs SET status = 'em_atendimento' WHERE id = @answered", new { answered });
        Task<long> RemindersAsync(Guid id) => f.ScalarAsync<long>(
            "SELECT count(*) FROM notificacoes WHERE handoff_id = @id AND tipo = 'handoff_lembrete'", new { id });

        var services = f.App.Services;
        var reminder = Assert.Single(services.GetServices<IJob>(), j => j.Name == "handoffs-lembrete");
        var wednesday = new DateTimeOffset(2026, 12, 9, 20, 5, 0, TimeSpan.FromHours(-3));
        var clock = new FakeTimeProvider(wednesday);
        var beat = new Beat();
        var runner = new JobRunner([reminder, beat], services.GetRequiredService<Npgsql.NpgsqlDataSource>(), services.GetRequiredService<BusinessHours>(),
            clock, services.GetRequiredService<ILoggerFactory>().CreateLogger<JobRunner>());
        using var scheduler = new JobScheduler(runner, new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build(), clock,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<JobScheduler>());
        int Runs() => f.App.Logs.Lines.Count(l => l.Message.StartsWith("Job handoffs-lembrete:", StringComparison.Ordinal));
        var runsBefore = Runs();

        await scheduler.StartAsync(default);
        try
        {
            // 20:05 on a Wednesday: the start-up tick runs the beat, not the reminder.
            await Eventually.MatchesAsync(() => Task.FromResult(beat.Runs), n => n >= 1);
            await Eventually.MatchesAsync(() => Task.FromResult(beat.Done), n => n >= 1);
            await TickAsync(clock, beat, wednesday.AddMinutes(2)); // 20:07, still closed
            Assert.Equal(runsBefore, Runs());
            Assert.Equal(0, await RemindersAsync(handoff));

            // Thursday 10:00: one reminder.
            await TickAsync(clock, beat, wednesday.AddHours(13).AddMinutes(55));
            await Eventually.MatchesAsync(() => Task.FromResult(Runs()), n => n == runsBefore + 1);
            Assert.Equal((1, 0, 0), (await RemindersAsync(handoff), await RemindersAsync(young), await RemindersAsync(answered)));
            await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "aguardando") && HumanLoopFixture.SlackMentions(m, conversa.ToString()[..8]));

            // 10:06: the job runs again and reminds nobody a second time.
            await TickAsync(clock, beat, wednesday.AddHours(14).AddMinutes(1));
            await Eventually.MatchesAsync(() => Task.FromResult(Runs()), n => n == runsBefore + 2);
            Assert.Equal(1, await RemindersAsync(handoff));
        }
        finally
        {
            await scheduler.StopAsync(default);
        }
    }

    /// <summary>
    /// Moves the scheduler's clock to <paramref name="at"/> (its timer fires) and waits until the beat of that tick ran. The
    /// beat's body ends before the runner has recorded the run and released its lock; a tick that lands in that window skips
    /// the still-running job (a clone's CI run met it once), so the clock is nudged by the scheduler's 30 s period until a
    /// tick runs it — the times the test reads stay on the same side of every boundary.
    /// </summary>
    static async Task TickAsync(FakeTimeProvider clock, Beat beat, DateTimeOffset at)
    {
        var expected = beat.Done + 1;
        clock.SetUtcNow(at);
        for (var nudge = 0; nudge < 3 && !await ReachedAsync(() => beat.Done >= expected, TimeSpan.FromSeconds(5)); nudge++)
            clock.Advance(TimeSpan.FromSeconds(30));
        await Eventually.MatchesAsync(() => Task.FromResult(beat.Done), n => n >= expected);
    }

    static async Task<bool> ReachedAsync(Func<bool> condition, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (!condition())
        {
            if (DateTime.UtcNow >= until) return false;
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>An every-minute job at any hour beside the reminder: it has run when the scheduler has looked at a tick.</summary>
    sealed class Beat : IJob
    {
        int runs, done;
        public int Runs => Volatile.Read(ref runs);
        public int Done => Volatile.Read(ref done);
        public string Name => "conformidade-batida";
        public JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(1));

        public async Task<string> RunAsync(CancellationToken ct)
        {
            Interlocked.Increment(ref runs);
            await Task.Yield();
            Interlocked.Increment(ref done);
            return "ok";
        }
    }
}

/// <summary>The same host with CHATWOOT_TRANSICAO_NO_LABEL=false.</summary>
public sealed class NoTransitionOnLabelFixture : HumanLoopFixture
{
    protected override Dictionary<string, string?> Settings => new(base.Settings) { ["CHATWOOT_TRANSICAO_NO_LABEL"] = "false" };
}

/// <summary>The transition message of a label handoff is a setting (`CHATWOOT_TRANSICAO_NO_LABEL`, on by default).</summary>
public sealed class ChatwootTransitionSettingConformanceTests(NoTransitionOnLabelFixture f) : IClassFixture<NoTransitionOnLabelFixture>
{
    /// <summary>Off: the label still hands over (`manual`, the doctor's AI rows cancelled) but nothing is sent to him.</summary>
    [Fact]
    public async Task WithTheSettingOffTheLabelHandsOverWithoutATransitionMessage()
    {
        const string phone = "5511988877060";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var added = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        added["labels"] = new JsonArray("humano");

        using var response = await f.PostChatwootAsync(added);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("pendente", "manual")], await f.HandoffsAsync(conversa));
        Assert.DoesNotContain(await f.QueueAsync(phone), q => q.Tipo == "sistema");
    }
}
