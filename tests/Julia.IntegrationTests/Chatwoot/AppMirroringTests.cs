using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>CHATWOOT_ESPELHAMENTO=app: Júlia copies WhatsApp traffic into Chatwoot and sends the staff's replies herself.</summary>
public sealed class AppMirroringTests(AppMirroringTests.Fixture f) : IClassFixture<AppMirroringTests.Fixture>
{
    public sealed class Fixture : HumanLoopFixture
    {
        protected override string Mirroring => "app";
    }

    [Fact]
    public void TheStartDoesNotWarnAboutStaffRepliesWithAppMirroring() => Assert.DoesNotContain(f.App.Logs.Lines, l => l.EventId == 126);

    [Fact]
    public async Task DoctorMessagesAndJuliasRepliesAreCopiedIntoChatwoot()
    {
        const string phone = "5511988880301";
        var (_, chatwootId) = await f.DoctorInChatwootAsync(phone, "bom dia, vi a vaga de pediatria");

        var copies = await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId).ToList()),
            l => l.Count >= 2);

        Assert.Contains(copies, m => m.Body["message_type"]!.GetValue<string>() == "incoming" && m.Body["content"]!.GetValue<string>() == "bom dia, vi a vaga de pediatria");
        Assert.Contains(copies, m => m.Body["message_type"]!.GetValue<string>() == "outgoing" && !m.Body["private"]!.GetValue<bool>()
            && m.Body["content"]!.GetValue<string>().StartsWith("Oi! Recebi:", StringComparison.Ordinal));
        // In order: his first message was copied before his conversation existed, and Júlia's reply waited for it (an
        // outside walk, 2026-12-03: the reply and the handoff note came first, his message seconds later).
        Assert.Equal("incoming", copies[0].Body["message_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task AStaffReplyInChatwootGoesToTheDoctorThroughTheQueueOnce()
    {
        const string phone = "5511988880302";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        reply["content"] = "Aqui é o Carlos, da equipe: confirmei seu sábado.";

        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(reply)).StatusCode);

        await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Any(r => r.TipoSistema == "mensagem_equipe" && r.Status == "enviada"));
        var staffRows = await f.QueryAsync<(string? Provider, string Origem)>("""
            SELECT provider_message_id, origem FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano'
            """, new { conversa });
        var row = Assert.Single(staffRows); // recorded once, not again when it was sent
        Assert.Equal("chatwoot", row.Origem);
        Assert.NotNull(row.Provider);
        Assert.Equal("human", await f.ControlAsync(conversa));
        // The staff's own message is not copied back into Chatwoot.
        Assert.DoesNotContain(f.Chatwoot.Messages, m => m.ConversationId == chatwootId && m.Body["content"]!.GetValue<string>().Contains("confirmei seu sábado"));
    }

    /// <summary>
    /// A staff message whose `source_id` is `WAID:…` is already on WhatsApp (sent from the phone, or by Evolution's own
    /// Chatwoot integration when both mirrors are on): recorded, the conversation with the staff, but never sent again
    /// (a blind Chatwoot set, 2026-12-06: the doctor got it twice).
    /// </summary>
    [Fact]
    public async Task AStaffMessageAlreadyOnWhatsAppIsRecordedAndNotSentAgain()
    {
        const string phone = "5511988880391";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        reply["content"] = "Oi, aqui é a Paula, mandei pelo celular da empresa.";
        reply["source_id"] = "WAID:3EB0C0FFEE0000000001";

        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(reply)).StatusCode);

        await Eventually.MatchesAsync(() => f.QueryAsync<string>("""
            SELECT conteudo FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano'
            """, new { conversa }), rows => rows.Count == 1);
        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.DoesNotContain(await f.QueueAsync(phone), r => r.TipoSistema == "mensagem_equipe");
    }

    [Fact]
    public async Task AStaffReplyChatwootDeliversThreeTimesAtOnceIsStoredAndSentOnce()
    {
        const string phone = "5511988880303";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        reply["id"] = 880303;
        reply["content"] = "Oi, aqui é a Ana da equipe: seu plantão de domingo está confirmado.";

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => f.PostChatwootAsync(reply)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Any(r => r.TipoSistema == "mensagem_equipe" && r.Status == "enviada"));
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(reply)).StatusCode); // once more, after it was sent
        // A different message that happens to carry the same id is not a second delivery.
        var other = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        other["id"] = 880303;
        other["content"] = "E o de segunda também.";
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(other)).StatusCode);

        await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Count(r => r.TipoSistema == "mensagem_equipe" && r.Status == "enviada") == 2);
        var staffRows = await f.QueryAsync<string>("""
            SELECT conteudo FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano' ORDER BY id
            """, new { conversa });
        Assert.Equal([(string)reply["content"]!, "E o de segunda também."], staffRows);
        Assert.Single(await f.QueueAsync(phone), r => r.TipoSistema == "mensagem_equipe" && r.Conteudo == (string)reply["content"]!);
    }
    /// <summary>
    /// The same-text echo check is for Júlia's own sends mirrored back: staff asking "Dr, está por aí?" twice (two Chatwoot
    /// messages) send twice (an outside pass, 2026-12-02: the second was dropped as an echo).
    /// </summary>
    [Fact]
    public async Task TheStaffWritingTheSameWordsAgainIsANewMessageNotAnEcho()
    {
        const string phone = "5511988880304";
        var (_, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var first = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        first["id"] = 880304;
        first["content"] = "Dr, está por aí?";
        await f.PostChatwootAsync(first);
        await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Any(r => r.TipoSistema == "mensagem_equipe" && r.Status == "enviada"));

        var again = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        again["id"] = 880305;
        again["content"] = "Dr, está por aí?";
        var answer = await (await f.PostChatwootAsync(again)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal("ok", answer.GetProperty("status").GetString());
        await Eventually.MatchesAsync(() => f.QueueAsync(phone),
            q => q.Count(r => r.TipoSistema == "mensagem_equipe" && r.Conteudo == "Dr, está por aí?" && r.Status == "enviada") == 2);
    }
    /// <summary>
    /// With `app` mirroring only text reaches the doctor: a staff attachment is not silently dropped while Chatwoot shows
    /// it as sent — a private note tells the staff (an outside pass, 2026-12-02).
    /// </summary>
    [Fact]
    public async Task AStaffAttachmentThatCannotBeSentIsToldToTheStaffInAPrivateNote()
    {
        const string phone = "5511988880306";
        var (_, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var onlyFile = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        onlyFile["id"] = 880306;
        onlyFile["content"] = null;
        onlyFile["attachments"] = new JsonArray(new JsonObject { ["file_type"] = "file", ["data_url"] = "https://chatwoot.example.com/escala.pdf" });
        var withText = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        withText["id"] = 880307;
        withText["content"] = "Segue a escala de dezembro";
        withText["attachments"] = new JsonArray(new JsonObject { ["file_type"] = "file", ["data_url"] = "https://chatwoot.example.com/escala.pdf" });

        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(onlyFile)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(withText)).StatusCode);

        await Eventually.MatchesAsync(() => f.QueueAsync(phone), q => q.Any(r => r.Conteudo == "Segue a escala de dezembro" && r.Status == "enviada"));
        var notes = await Eventually.MatchesAsync(
            () => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId && m.Body["private"]?.GetValue<bool>() == true
                                                                   && m.Body["content"]!.GetValue<string>().Contains("anexo")).ToList()),
            n => n.Count == 2);
        Assert.Contains(notes, n => n.Body["content"]!.GetValue<string>().Contains("só tinha anexo e não foi enviada"));
        Assert.Contains(notes, n => n.Body["content"]!.GetValue<string>().Contains("o texto desta mensagem foi enviado"));
    }
    /// <summary>
    /// A staff message the doctor's WhatsApp refuses (not on WhatsApp) ends in `erro`: a private note tells the staff, who
    /// saw it as sent in Chatwoot (an outside pass, 2026-12-02: only an ERROR line in Júlia's log said so).
    /// </summary>
    [Fact]
    public async Task AStaffMessageThatCannotBeDeliveredIsToldToTheStaff()
    {
        const string phone = "5511988880308";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        // The staff message as the dispatcher holds it when WhatsApp refuses the number (this fixture's channel is the
        // sandbox, which never refuses): claimed, then ended by the dispatcher's own store call.
        var row = await f.ScalarAsync<Guid>("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, status, processando_desde, metadata)
            SELECT medico_id, id, 'sistema', 'Doutora, conseguimos o plantão de quinta', 10, 'processando', now(),
                   '{"tipo_sistema": "mensagem_equipe", "permitido_sob_humano": true}'
            FROM conversations WHERE id = @conversa RETURNING id
            """, new { conversa });
        var medico = await f.ScalarAsync<Guid>("SELECT medico_id FROM conversations WHERE id = @conversa", new { conversa });
        var claimed = new Julia.Queue.ClaimedMessage(row, medico, conversa, "sistema", "Doutora, conseguimos o plantão de quinta", 0, 3,
            DateTime.UtcNow, "mensagem_equipe", 0, false, true, null);

        var ended = await f.App.Services.GetRequiredService<Julia.Queue.DispatchStore>()
            .FinishAsync(new Julia.Queue.EndedMessage(claimed, "erro", "nao_esta_no_whatsapp"), "número não está no WhatsApp", default);

        Assert.True(ended);
        await Eventually.MatchesAsync(
            () => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId && m.Body["private"]?.GetValue<bool>() == true
                && m.Body["content"]!.GetValue<string>().Contains("NÃO chegou ao médico")
                && m.Body["content"]!.GetValue<string>().Contains("conseguimos o plantão de quinta")).ToList()),
            n => n.Count == 1);
    }

    /// <summary>A staff message whose send was cut off (recovered as resultado_desconhecido): the note says it may have arrived.</summary>
    [Fact]
    public async Task AStaffMessageWhoseSendWasCutOffIsToldToTheStaffAsUncertain()
    {
        const string phone = "5511988880311";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await f.ExecuteAsync("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, status, processando_desde, envio_iniciado_em, metadata)
            SELECT medico_id, id, 'sistema', 'Doutor, a escala de sábado mudou', 10, 'processando', now() - interval '10 minutes',
                   now() - interval '10 minutes', '{"tipo_sistema": "mensagem_equipe", "permitido_sob_humano": true}'
            FROM conversations WHERE id = @conversa
            """, new { conversa });

        await f.App.Services.GetRequiredService<Julia.Queue.QueueRecovery>().RunOnceAsync(default);

        var note = await Eventually.MatchesAsync(
            () => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId && m.Body["private"]?.GetValue<bool>() == true
                && m.Body["content"]!.GetValue<string>().Contains("a escala de sábado mudou")).ToList()),
            n => n.Count == 1);
        Assert.Contains("não dá para saber se chegou", note[0].Body["content"]!.GetValue<string>());
        Assert.DoesNotContain("NÃO chegou", note[0].Body["content"]!.GetValue<string>());
    }

    /// <summary>
    /// With `app` mirroring Júlia owns the copies, so a doctor Chatwoot does not know yet gets his contact (named as WhatsApp
    /// names him, in CHATWOOT_INBOX_ID) and a conversation there; his messages and Júlia's replies are copied into that
    /// one conversation, and his next message finds it instead of creating another (an outside pass, 2026-12-02: every
    /// copy failed "conversa não encontrada no Chatwoot").
    /// </summary>
    [Fact]
    public async Task ADoctorChatwootDoesNotKnowGetsAContactAndAConversationThatHisCopiesGoTo()
    {
        const string phone = "5511988880309";
        var contactsCreated = f.Chatwoot.Requests.Count(IsContactCreate);
        await PostAsync(f.Client, Text(phone, "boa tarde, sou a Dra. Iracema", pushName: "Iracema Tupinambá"));
        await f.WaitProcessedAsync(phone);

        var contact = await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.ContactByPhone("+" + phone)), c => c is not null);
        Assert.Equal("Iracema Tupinambá", contact!.Value.Name);
        var created = await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.ConversationsOf(contact.Value.Id)), c => c.Count > 0);
        var chatwootId = Assert.Single(created).Id;
        Assert.Equal(HumanLoopFixture.Inbox, created[0].InboxId);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId).ToList()),
            l => l.Any(m => m.Body["message_type"]!.GetValue<string>() == "incoming" && m.Body["content"]!.GetValue<string>() == "boa tarde, sou a Dra. Iracema")
                 && l.Any(m => m.Body["message_type"]!.GetValue<string>() == "outgoing"));
        Assert.Equal(chatwootId.ToString(), await f.ScalarAsync<string>("""
            SELECT c.chatwoot_conversation_id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone
            """, new { phone }));
        Assert.Equal(contact.Value.Id.ToString(), await f.ScalarAsync<string>("SELECT chatwoot_contact_id FROM medicos WHERE telefone = @phone", new { phone }));

        await PostAsync(f.Client, Text(phone, "tem plantão no sábado?", pushName: "Iracema Tupinambá"));
        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId == chatwootId).ToList()),
            l => l.Any(m => m.Body["content"]!.GetValue<string>() == "tem plantão no sábado?"));
        Assert.Single(f.Chatwoot.ConversationsOf(contact.Value.Id));
        Assert.Equal(contactsCreated + 1, f.Chatwoot.Requests.Count(IsContactCreate));
    }

    static bool IsContactCreate(TestHost.FakeChatwoot.Call r) => r.Method == "POST" && r.Path.EndsWith("/contacts", StringComparison.Ordinal);

    /// <summary>A contact the staff created by hand, in no inbox and with no conversation: he is put in the inbox and gets one.</summary>
    [Fact]
    public async Task AContactWithoutAConversationInTheInboxGetsOneAndNoSecondContact()
    {
        const string phone = "5511988880310";
        f.Chatwoot.AddContact(650_310, "Dr. Bartolomeu (cadastro manual)", "+" + phone);
        var contactsCreated = f.Chatwoot.Requests.Count(IsContactCreate);

        await PostAsync(f.Client, Text(phone, "oi, a equipe me passou seu número", pushName: "Bartolomeu"));
        await f.WaitProcessedAsync(phone);

        var created = await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.ConversationsOf(650_310)), c => c.Count > 0);
        var chatwootId = Assert.Single(created).Id;
        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Count(m => m.ConversationId == chatwootId)), n => n >= 2);
        Assert.Contains(f.Chatwoot.Requests, r => r.Method == "POST" && r.Path.EndsWith("/contacts/650310/contact_inboxes", StringComparison.Ordinal));
        Assert.Equal(contactsCreated, f.Chatwoot.Requests.Count(IsContactCreate));
    }

    /// <summary>
    /// The doctor's conversation deleted in Chatwoot (an admin's clean-up): the note and the copies meet 404 on the stored
    /// id. Before, each was given up there for good (`falhou`), and so was every later one: the staff never saw that doctor
    /// again. Now the dead id is forgotten and the next attempt gives him a new conversation.
    /// </summary>
    [Fact]
    public async Task AConversationDeletedInChatwootIsMappedAgainAndItsNoticesArriveThere()
    {
        const string phone = "5511988880397";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Count(m => m.ConversationId == chatwootId)), n => n >= 2);
        var contactId = chatwootId + 100_000;
        f.Chatwoot.DeleteConversation(chatwootId);

        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa da equipe, por favor"));
        await f.WaitProcessedAsync(phone);

        var fresh = await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.ConversationsOf(contactId)), c => c.Count == 1);
        var newId = Assert.Single(fresh).Id;
        Assert.NotEqual(chatwootId, newId);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Chatwoot.Messages.Where(m => m.ConversationId == newId).ToList()),
            l => l.Any(m => m.Body["private"]!.GetValue<bool>() && m.Body["content"]!.GetValue<string>().Contains("Handoff"))
                 && l.Any(m => m.Body["content"]!.GetValue<string>() == "quero falar com uma pessoa da equipe, por favor"));
        Assert.Equal(newId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await f.ScalarAsync<string>("SELECT chatwoot_conversation_id FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE conversa_id = @conversa AND status = 'falhou'", new { conversa }));
        Assert.Contains(f.App.Logs.Lines, l => l.EventId == 6324 && l.Message.Contains($"conversation {chatwootId} ", StringComparison.Ordinal));
    }
}
