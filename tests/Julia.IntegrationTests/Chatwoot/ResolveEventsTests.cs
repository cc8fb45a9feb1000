using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>
/// Which events a staff action in Chatwoot reaches Júlia as (docs/decisions.md#handoff, "Resolve and creation events"):
/// a resolve is `conversation_status_changed` and `conversation_updated` (status in `changed_attributes`), an account
/// webhook gets only the events it subscribes to; a conversation created with the label `humano` sends no label update.
/// </summary>
public sealed class ResolveEventsTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    static JsonObject ResolvedUpdate(long chatwootId, string phone)
    {
        var update = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        update["event"] = "conversation_updated";
        update["changed_attributes"] = new JsonArray(
            new JsonObject { ["status"] = new JsonObject { ["previous_value"] = "open", ["current_value"] = "resolved" } },
            new JsonObject { ["waiting_since"] = new JsonObject { ["previous_value"] = "2025-12-10T17:23:20.055Z", ["current_value"] = null } });
        return update;
    }

    async Task<(Guid Conversa, long ChatwootId)> HandedOffAsync(string phone)
    {
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(conversa));
        return (conversa, chatwootId);
    }

    async Task AssertGivenBackOnceAsync(Guid conversa)
    {
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Equal("completed", await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(conversa));
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Handoff resolvido") && HumanLoopFixture.SlackMentions(m, conversa.ToString()[..8]));
        await Task.Delay(500); // a second notice, if one were queued, has had ten polls to go out
        Assert.Single(f.Slack.Received, m => HumanLoopFixture.SlackTextContains(m, "Handoff resolvido") && HumanLoopFixture.SlackMentions(m, conversa.ToString()[..8]));
        Assert.Equal(1, await f.ScalarAsync<long>(
            "SELECT count(*) FROM notificacoes WHERE conversa_id = @conversa AND tipo = 'handoff_resolvido'", new { conversa }));
    }

    static async Task<string> StatusOfAnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString()!;
    }

    [Fact]
    public async Task AResolveDeliveredOnlyAsConversationUpdatedGivesTheDoctorBackToJulia()
    {
        const string phone = "5511988880451";
        var (conversa, chatwootId) = await HandedOffAsync(phone);

        Assert.NotEqual("ignored", await StatusOfAnswerAsync(await f.PostChatwootAsync(ResolvedUpdate(chatwootId, phone))));

        await AssertGivenBackOnceAsync(conversa);
        Assert.Equal("Carlos", await f.ScalarAsync<string>("SELECT resolvido_por FROM handoffs WHERE conversa_id = @conversa", new { conversa }));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task BothResolveEventsInEitherOrderGiveBackOnce(bool statusChangedFirst)
    {
        var phone = statusChangedFirst ? "5511988880452" : "5511988880453";
        var (conversa, chatwootId) = await HandedOffAsync(phone);
        var statusChanged = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        var updated = ResolvedUpdate(chatwootId, phone);

        var first = await f.PostChatwootAsync(statusChangedFirst ? statusChanged : updated);
        var second = await f.PostChatwootAsync(statusChangedFirst ? updated : statusChanged);

        Assert.NotEqual("ignored", await StatusOfAnswerAsync(first));
        Assert.Equal("ignored", await StatusOfAnswerAsync(second));
        await AssertGivenBackOnceAsync(conversa);
    }

    [Fact]
    public async Task AnUpdateOfAnAlreadyResolvedConversationWithoutAStatusChangeGivesNothingBack()
    {
        // An assignee change on a conversation Chatwoot shows resolved, while a trigger's handoff is open on Júlia's side
        // (the resolve came before it): not a resolve, the staff still have the doctor.
        const string phone = "5511988880454";
        var (conversa, chatwootId) = await HandedOffAsync(phone);
        var update = ResolvedUpdate(chatwootId, phone);
        update["changed_attributes"] = new JsonArray(new JsonObject { ["assignee_id"] = new JsonObject { ["previous_value"] = null, ["current_value"] = 7 } });

        Assert.Equal("ignored", await StatusOfAnswerAsync(await f.PostChatwootAsync(update)));

        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("pendente", "pedido_humano")], await f.HandoffsAsync(conversa));
    }

    [Fact]
    public async Task AConversationCreatedWithTheLabelHumanoHandsOffOnceWhateverFollows()
    {
        const string phone = "5511988880455";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var created = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        created["event"] = "conversation_created";
        created["status"] = "open";
        created["labels"] = new JsonArray("humano");
        created.Remove("changed_attributes");
        var labelAdded = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        labelAdded["labels"] = new JsonArray("humano");
        labelAdded["changed_attributes"] = new JsonArray(new JsonObject
        {
            ["label_list"] = new JsonObject { ["previous_value"] = new JsonArray(), ["current_value"] = new JsonArray("humano") },
        });

        Assert.NotEqual("ignored", await StatusOfAnswerAsync(await f.PostChatwootAsync(created)));
        await f.PostChatwootAsync(labelAdded); // an automation's label: its update may follow the creation
        await f.PostChatwootAsync(created);    // and Chatwoot may deliver again

        Assert.Equal("human", await f.ControlAsync(conversa));
        Assert.Equal([("pendente", "manual")], await f.HandoffsAsync(conversa));
        Assert.Single(await f.QueueAsync(phone), q => q.TipoSistema == "transicao_handoff");
        await f.WaitSlackAsync(m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário") && m.ToJsonString().Contains($"/conversations/{chatwootId}"));
        await Task.Delay(500);
        Assert.Single(f.Slack.Received, m => HumanLoopFixture.SlackTextContains(m, "Handoff necessário") && m.ToJsonString().Contains($"/conversations/{chatwootId}"));
    }

    [Fact]
    public async Task AConversationCreatedWithoutTheLabelChangesNothing()
    {
        const string phone = "5511988880456";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        var created = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        created["event"] = "conversation_created";
        created["labels"] = new JsonArray("plantao");
        created.Remove("changed_attributes");

        Assert.Equal("ignored", await StatusOfAnswerAsync(await f.PostChatwootAsync(created)));
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Empty(await f.HandoffsAsync(conversa));
    }

    // ---- A resolve delivered again (docs/decisions.md#handoff, "A resolve delivered again") ----

    /// <summary>A resolve of <paramref name="chatwootId"/> made at <paramref name="at"/> (Chatwoot's `updated_at`), in either event form.</summary>
    static JsonObject ResolveAt(bool statusChanged, long chatwootId, string phone, DateTimeOffset at)
    {
        var body = statusChanged ? HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone) : ResolvedUpdate(chatwootId, phone);
        body["updated_at"] = at.ToUnixTimeMilliseconds() / 1000.0;
        return body;
    }

    static async Task<(string Status, string Acao)> AnswerAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (answer.GetProperty("status").GetString()!, answer.GetProperty("acao").GetString()!);
    }

    /// <summary>The doctor writes again; Evolution's integration puts the Chatwoot conversation it mirrors into on the message.</summary>
    async Task<Guid> WritesAgainAsync(string phone, long chatwootId, string text)
    {
        var message = Text(phone, text);
        message["data"]!["chatwootConversationId"] = chatwootId;
        await PostAsync(f.Client, message);
        await f.WaitProcessedAsync(phone);
        return await f.ScalarAsync<Guid>("""
            SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone AND c.status IN ('active', 'paused')
            """, new { phone });
    }

    Task<string> StatusAsync(Guid conversa) => f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa });

    /// <summary>
    /// Chatwoot delivers a resolve again (a retry, both event forms) after the doctor wrote again and Júlia opened a new
    /// conversation on the same Chatwoot conversation (Evolution reopens it): the new one stays open with Júlia.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AResolveDeliveredAgainAfterTheDoctorWroteAgainLeavesTheNewConversationOpen(bool statusChanged)
    {
        var phone = statusChanged ? "5511988880461" : "5511988880462";
        var (first, chatwootId) = await HandedOffAsync(phone);
        var resolve = ResolveAt(statusChanged, chatwootId, phone, DateTimeOffset.UtcNow.AddMinutes(-5));
        Assert.Equal("ok", (await AnswerAsync(await f.PostChatwootAsync(resolve))).Status);
        Assert.Equal("completed", await StatusAsync(first));

        var second = await WritesAgainAsync(phone, chatwootId, "oi, voltei: ainda tem a vaga de sexta?");
        Assert.NotEqual(first, second);

        var again = await AnswerAsync(await f.PostChatwootAsync(resolve));
        var otherForm = await AnswerAsync(await f.PostChatwootAsync(ResolveAt(!statusChanged, chatwootId, phone, DateTimeOffset.UtcNow.AddMinutes(-5))));

        Assert.Equal("ignored", again.Status);
        Assert.Contains("entregue de novo", again.Acao);
        Assert.Equal("ignored", otherForm.Status);
        Assert.Equal("active", await StatusAsync(second));
        Assert.Equal("ai", await f.ControlAsync(second));
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(first));
    }

    /// <summary>
    /// Days later: the doctor is with the staff again (a new handoff on his new conversation, same Chatwoot conversation)
    /// when the old resolve is replayed — it gives back nothing; the staff's new resolve then gives back the new handoff,
    /// and the old one replayed after that is still nothing (both orders), also once he has a third conversation.
    /// </summary>
    [Fact]
    public async Task AnOldResolveReplayedDaysLaterNeverGivesBackANewerHandoffInEitherOrder()
    {
        const string phone = "5511988880463";
        var (first, chatwootId) = await HandedOffAsync(phone);
        var old = ResolveAt(true, chatwootId, phone, DateTimeOffset.UtcNow.AddDays(-3));
        await f.ExecuteAsync("""
            UPDATE conversations SET created_at = now() - interval '3 days 1 hour' WHERE id = @first;
            UPDATE handoffs SET created_at = now() - interval '3 days 30 minutes' WHERE conversa_id = @first;
            """, new { first });
        Assert.Equal("ok", (await AnswerAsync(await f.PostChatwootAsync(old))).Status);

        var second = await WritesAgainAsync(phone, chatwootId, "oi, voltei");
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        Assert.Equal("human", await f.ControlAsync(second));

        // Old first: nothing given back.
        var replayed = await AnswerAsync(await f.PostChatwootAsync(old));
        Assert.Equal("ignored", replayed.Status);
        Assert.Contains("anterior ao handoff aberto", replayed.Acao);
        Assert.Equal("human", await f.ControlAsync(second));
        Assert.Equal([("pendente", "pedido_humano")], await f.HandoffsAsync(second));

        // The staff's own resolve now gives it back, once.
        Assert.Equal("ok", (await AnswerAsync(await f.PostChatwootAsync(ResolveAt(false, chatwootId, phone, DateTimeOffset.UtcNow)))).Status);
        Assert.Equal([("resolvido", "pedido_humano")], await f.HandoffsAsync(second));
        Assert.Equal("completed", await StatusAsync(second));

        // New first, old after: nothing (already given back), and nothing to the conversation he opens next either.
        Assert.Equal("ignored", (await AnswerAsync(await f.PostChatwootAsync(old))).Status);
        var third = await WritesAgainAsync(phone, chatwootId, "bom dia, ainda estou procurando plantão");
        Assert.Equal("ignored", (await AnswerAsync(await f.PostChatwootAsync(old))).Status);
        Assert.Equal("active", await StatusAsync(third));
        Assert.Equal("ai", await f.ControlAsync(third));
    }

    /// <summary>
    /// An operator resolves the doctor's old Chatwoot conversation again while his conversation with Júlia lives in
    /// another Chatwoot conversation (Evolution opened a new one): the old one's resolve does not close it, however new.
    /// </summary>
    [Fact]
    public async Task ResolvingAnOldChatwootConversationAgainDoesNotCloseTheOneJuliaHoldsInAnother()
    {
        const string phone = "5511988880464";
        var (first, oldChatwoot) = await HandedOffAsync(phone);
        Assert.Equal("ok", (await AnswerAsync(await f.PostChatwootAsync(ResolveAt(true, oldChatwoot, phone, DateTimeOffset.UtcNow.AddMinutes(-10))))).Status);
        var second = await WritesAgainAsync(phone, oldChatwoot + 50_000, "oi de novo");
        Assert.Equal((oldChatwoot + 50_000).ToString(), await f.ScalarAsync<string>("SELECT chatwoot_conversation_id FROM conversations WHERE id = @second", new { second }));

        var reResolved = await AnswerAsync(await f.PostChatwootAsync(ResolveAt(true, oldChatwoot, phone, DateTimeOffset.UtcNow)));

        Assert.Equal("ignored", reResolved.Status);
        Assert.Equal("active", await StatusAsync(second));
        Assert.Equal("ai", await f.ControlAsync(second));
        Assert.Equal("completed", await StatusAsync(first));
    }
}
