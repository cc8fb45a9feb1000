using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The second blind set of Chatwoot webhook bodies (tests/fixtures/chatwoot/second-round): kinds the first set, the
/// variety set and the human-loop tests do not hold — `message_type` as the enum integer, `private` null or absent,
/// content types a recruiter's Chatwoot offers (`input_select`, `cards`, `form`, `article`), an audio-only reply, senders
/// with unknown fields or a capitalised type, a public `/confirmar` (a reply, not a command), a bot's private `/retomar`,
/// ids as strings, `account` missing or null, other inboxes with the doctor's number, a message typed on the company
/// phone that Evolution mirrored (`WAID:` not Júlia's), a WhatsApp history import, edits and failed sends, labels in
/// capitals, with a trailing space or beside others, words that only contain `humano`, a status change to snoozed,
/// pending or open, custom attributes, unknown future fields everywhere and events Júlia has no use for — each posted
/// to the real host and followed to its end (docs/decisions.md#handoff, "Second blind round").
/// </summary>
public sealed class ChatwootPayloadsSecondRoundTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    /// <param name="Before">`ai` (Júlia holds him), `human` (the label `humano` handed him over: a `pendente` handoff and
    /// its transition message), `stored` (as `human`, and the staff message the payload updates was recorded first),
    /// `unmapped` (he talks to Júlia, but her conversation has no Chatwoot id yet: found by the contact, if at all).</param>
    /// <param name="Handoffs">`status:trigger_type` of his handoffs, oldest first.</param>
    /// <param name="StaffRows">`interacoes` written by staff (`autor_tipo='humano'`) after the payload.</param>
    /// <param name="Transitions">Transition messages queued for him (one from the `human` setup, one from a label).</param>
    public sealed record Case(string File, string Before, string Status, string Control, string[] Handoffs, int StaffRows = 0,
        int Transitions = 0, string Conversation = "active")
    {
        public override string ToString() => File;
    }

    static readonly string[] None = [];
    static readonly string[] Taken = ["em_atendimento:manual"], Pending = ["pendente:manual"], Returned = ["resolvido:manual"];

    static readonly Case[] Table =
    [
        // A person's public message: recorded once; Júlia's conversation is taken over (or the open handoff put in service).
        new("mc-outgoing-number-ai", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-private-null", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-private-absent", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-input-select-ai", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-cards-human", "human", "ok", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mc-form-human", "human", "ok", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mc-article-human", "human", "ok", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mc-attachment-audio-human", "human", "ok", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mc-external-error-outgoing", "human", "ok", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mc-sender-user-unknown-fields", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-sender-user-type-capital", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-public-slash-command", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-emoji-only", "human", "ok", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mc-markdown-staff", "human", "ok", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mc-long-content", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-id-string", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-conversation-id-string", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-created-at-epoch", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-account-missing", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-account-null", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-account-id-string", "ai", "ok", "human", Taken, StaffRows: 1),
        new("mc-future-fields", "ai", "ok", "human", Taken, StaffRows: 1),
        // Typed on the company phone: Evolution mirrored it (`WAID:` not one of Júlia's ids) — a person wrote to him.
        new("mc-echo-waid-phone-typed", "ai", "ok", "human", Taken, StaffRows: 1),
        // Never a person's message to him.
        new("mc-activity-number", "human", "ignored", "human", Pending, Transitions: 1),
        new("mc-template-number-human", "human", "ignored", "human", Pending, Transitions: 1),
        new("mc-unknown-type-string", "ai", "ignored", "ai", None),
        new("mc-sticker-incoming", "ai", "ignored", "ai", None),
        new("mc-incoming-email-other-inbox", "ai", "ignored", "ai", None),
        new("mc-sender-contact-outgoing", "ai", "ignored", "ai", None),
        new("mc-private-command-from-bot", "human", "ignored", "human", Pending, Transitions: 1),
        new("mc-imported-from-history", "ai", "ignored", "ai", None),
        new("mc-webwidget-inbox-same-phone", "unmapped", "ignored", "ai", None),
        new("mc-other-inbox-same-phone", "unmapped", "ignored", "ai", None),
        new("mc-contact-email-only", "unmapped", "ignored", "ai", None),
        new("mu-external-error", "stored", "ignored", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mu-edited", "stored", "ignored", "human", Taken, StaffRows: 1, Transitions: 1),
        new("mu-update-ai", "ai", "ignored", "ai", None),
        new("mu-private-deleted", "ai", "ignored", "ai", None),
        // Labels and statuses.
        new("cc-other-inbox-labelled", "ai", "ignored", "ai", None),
        new("cu-label-HUMANO", "ai", "ok", "human", Pending, Transitions: 1),
        new("cu-label-trailing-space", "ai", "ok", "human", Pending, Transitions: 1),
        new("cu-label-among-others", "ai", "ok", "human", Pending, Transitions: 1),
        new("cu-future-fields-label", "ai", "ok", "human", Pending, Transitions: 1),
        new("cu-label-removed-others-stay", "human", "ok", "ai", Returned, Transitions: 1),
        new("cu-label-removed-HUMANO", "human", "ok", "ai", Returned, Transitions: 1),
        new("cu-label-desumano", "ai", "ignored", "ai", None),
        new("cu-label-humanos-plural", "ai", "ignored", "ai", None),
        new("cu-custom-attrs", "ai", "ignored", "ai", None),
        new("cu-status-pending-ai", "ai", "ignored", "ai", None),
        new("cu-status-open-reopen", "ai", "ignored", "ai", None),
        new("cu-status-snoozed-human", "human", "ignored", "human", Pending, Transitions: 1),
        new("cu-assignee-removed-human", "human", "ignored", "human", Pending, Transitions: 1),
        // Resolved with the label put on in the same update: the resolve closes Júlia's conversation, the label hands nothing over.
        new("cu-resolved-and-label-same", "ai", "ok", "ai", None, Conversation: "completed"),
        new("csc-resolved-ai", "ai", "ok", "ai", None, Conversation: "completed"),
        new("csc-future-fields", "human", "ok", "ai", Returned, Transitions: 1, Conversation: "completed"),
        // Events Júlia has no use for.
        new("typing-off", "human", "ignored", "human", Pending, Transitions: 1),
        new("contact-merged", "ai", "ignored", "ai", None),
        new("contact-deleted", "ai", "ignored", "ai", None),
        new("inbox-created", "ai", "ignored", "ai", None),
        new("inbox-updated", "ai", "ignored", "ai", None),
        new("conversation-deleted", "human", "ignored", "human", Pending, Transitions: 1),
        new("webwidget-triggered", "ai", "ignored", "ai", None),
        new("event-unknown-future", "ai", "ignored", "ai", None),
    ];

    public static TheoryData<Case> Cases() => [.. Table];

    static int nextPhone;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachPayloadDoesWhatItMeans(Case c)
    {
        var n = Interlocked.Increment(ref nextPhone);
        var phone = "55119667" + n.ToString("D5");
        var (conversa, chatwootId) = await SetUpAsync(c.Before, phone);
        var doctors = await f.ScalarAsync<long>("SELECT count(*) FROM medicos");
        var body = Load(c.File, phone, chatwootId, n);
        if (c.Before == "stored")
        {
            var created = JsonNode.Parse(body)!.AsObject();
            created["event"] = "message_created";
            created["content_attributes"] = new JsonObject();
            Assert.Equal("ok", (await PostAsync(created.ToJsonString())).Status);
        }

        var (code, status) = await PostAsync(body);

        Assert.Equal((HttpStatusCode.OK, c.Status), (code, status));
        Assert.Equal((c.Control, c.Conversation), Assert.Single(await f.QueryAsync<(string, string)>(
            "SELECT controlled_by, status FROM conversations WHERE id = @conversa", new { conversa })));
        Assert.Equal(c.Handoffs, (await f.HandoffsAsync(conversa)).Select(h => $"{h.Status}:{h.TriggerType}").ToArray());
        Assert.Equal(c.StaffRows, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano' AND origem = 'chatwoot'", new { conversa }));
        var queue = await f.QueueAsync(phone);
        Assert.Equal(c.Transitions, queue.Count(q => q.TipoSistema == "transicao_handoff"));
        // With `evolution` mirroring Evolution delivers the staff's words: Júlia never sends them herself.
        Assert.DoesNotContain(queue, q => q.TipoSistema == "mensagem_equipe");
        Assert.Equal(doctors, await f.ScalarAsync<long>("SELECT count(*) FROM medicos"));
    }

    /// <summary>
    /// Júlia's `CHATWOOT_API_TOKEN` is the token of a person who also answers doctors (an admin's own profile token): her
    /// reply, written in Chatwoot's screen, comes as the integration's user and is not taken as a person's (SPEC §8.3), so
    /// Júlia goes on answering over her. That is now said in a WARNING the operator can find — never with the text —, once
    /// a minute; Júlia's own copies (`source_id` hers) and notes say nothing (docs/decisions.md#handoff, "Second blind round").
    /// </summary>
    [Fact]
    public async Task AReplyWrittenInChatwootAsTheTokensOwnUserIsNoTakeoverAndTheOperatorIsTold()
    {
        var n = Interlocked.Increment(ref nextPhone);
        var phone = "55119667" + n.ToString("D5");
        var (conversa, chatwootId) = await SetUpAsync("ai", phone);
        var ours = await f.ScalarAsync<string>("""
            SELECT provider_message_id FROM interacoes WHERE conversa_id = @conversa AND direcao = 'saida' AND provider_message_id IS NOT NULL LIMIT 1
            """, new { conversa });
        var echo = JsonNode.Parse(Load("mc-outgoing-number-ai", phone, chatwootId, n))!.AsObject();
        echo["sender"]!["id"] = f.Chatwoot.ProfileId;
        echo["source_id"] = ours;
        var before = f.App.Logs.Lines.Count;

        Assert.Equal((HttpStatusCode.OK, "ignored"), await PostAsync(echo.ToJsonString()));
        Assert.DoesNotContain(f.App.Logs.Lines.Skip(before), l => l.Message.Contains("CHATWOOT_API_TOKEN"));

        var typed = JsonNode.Parse(Load("mc-outgoing-number-ai", phone, chatwootId, n))!.AsObject();
        typed["sender"]!["id"] = f.Chatwoot.ProfileId;
        typed["id"] = 990_000 + n;
        var (code, status) = await PostAsync(typed.ToJsonString());

        Assert.Equal((HttpStatusCode.OK, "ignored"), (code, status));
        Assert.Equal("ai", await f.ControlAsync(conversa));
        Assert.Empty(await f.HandoffsAsync(conversa));
        var line = Assert.Single(f.App.Logs.Lines.Skip(before), l => l.Message.Contains("CHATWOOT_API_TOKEN"));
        Assert.Equal(LogLevel.Warning, line.Level);
        Assert.Contains(chatwootId.ToString(), line.Message);
        Assert.DoesNotContain("Consegue", line.Message);
    }

    [Fact]
    public void EveryPayloadFileIsInTheTable() =>
        Assert.Equal(Directory.GetFiles(Folder, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(),
            Table.Select(c => c.File).Order());

    async Task<(Guid Conversa, long ChatwootId)> SetUpAsync(string before, string phone)
    {
        if (before == "unmapped")
        {
            await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "oi, tudo bem?"));
            await f.WaitProcessedAsync(phone);
            var id = await f.ScalarAsync<Guid>("""
                SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.telefone = @phone ORDER BY c.created_at DESC LIMIT 1
                """, new { phone });
            await f.WaitSendsRecordedAsync(phone);
            return (id, 0);
        }
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        if (before is "human" or "stored")
        {
            var label = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
            label["labels"] = new JsonArray("humano");
            label["changed_attributes"] = new JsonArray(new JsonObject
            {
                ["label_list"] = new JsonObject { ["previous_value"] = new JsonArray(), ["current_value"] = new JsonArray("humano") },
            });
            Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(label)).StatusCode);
            Assert.Equal("human", await f.ControlAsync(conversa));
        }
        return (conversa, chatwootId);
    }

    async Task<(HttpStatusCode Code, string? Status)> PostAsync(string body)
    {
        using var response = await f.Client.PostAsync($"/chatwoot/webhook?token={HumanLoopFixture.WebhookToken}",
            new StringContent(body, Encoding.UTF8, "application/json"));
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (response.StatusCode, answer.TryGetProperty("status", out var s) ? s.GetString() : null);
    }

    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "chatwoot", "second-round");

    /// <summary>
    /// A payload pointed at this case: the files name the doctor `+5511977770001` (`551177770001` without the 9th digit),
    /// Chatwoot conversation 987654 (others of 987001–987010 / 5001–5010 for conversations Júlia does not know, shifted
    /// per case), Júlia's inbox as 1 and message ids 554999–555778 (shifted per case, so no two cases share one).
    /// </summary>
    static string Load(string file, string phone, long chatwootId, int n)
    {
        var raw = File.ReadAllText(Path.Combine(Folder, file + ".json"))
            .Replace("5511977770001", phone).Replace("551177770001", phone.Remove(4, 1));
        var node = JsonNode.Parse(raw)!;
        Rewrite(node, chatwootId, n * 1000);
        return node.ToJsonString();
    }

    static void Rewrite(JsonNode node, long chatwootId, int offset)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o.ToList())
                {
                    if (value is JsonValue v && v.TryGetValue<long>(out var number))
                        o[key] = number switch
                        {
                            987654 when chatwootId > 0 => chatwootId,
                            554999 or 555001 or 555777 or 555778 => number + offset,
                            >= 987001 and <= 987010 or >= 5001 and <= 5010 => number + offset * 10L,
                            1 when key == "inbox_id" || key == "id" && o["name"]?.GetValue<string>().StartsWith("WhatsApp") == true => HumanLoopFixture.Inbox,
                            _ => number,
                        };
                    else if (value is JsonValue s && s.TryGetValue<string>(out var text) && text == "987654" && chatwootId > 0)
                        o[key] = chatwootId.ToString();
                    else if (value is not null) Rewrite(value, chatwootId, offset);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                    if (item is not null) Rewrite(item, chatwootId, offset);
                break;
        }
    }
}
