using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>
/// Valid Chatwoot payload variety: each event Júlia can receive (account webhook or API-inbox webhook) with its variants
/// (tests/fixtures/chatwoot/variety; tests/fixtures/README.md, "Payload variety"), posted to the real host for a doctor
/// whose conversation Júlia or a person holds, and followed to what it changed (docs/decisions.md#handoff, "Chatwoot webhook").
/// </summary>
public sealed class PayloadVarietyTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    /// <param name="Before">Who holds the conversation when the payload arrives: `ai` or `human` (label `humano` added first).</param>
    /// <param name="Status">The webhook's answer: `ok` (acted on) or `ignored`.</param>
    /// <param name="Control">Who holds it afterwards.</param>
    /// <param name="StaffRows">Staff messages recorded by the payload (`interacoes` `autor_tipo='humano'`).</param>
    /// <param name="Conversation">The conversation's status afterwards.</param>
    public sealed record Case(string File, string Before, string Status, string Control, int StaffRows = 0, string Conversation = "active")
    {
        public override string ToString() => File;
    }

    static readonly Case[] Table =
    [
        // message_created: only a person's public reply is a staff message (an implicit takeover)
        new("message-created-outgoing-text", "ai", "ok", "human", StaffRows: 1),
        new("message-created-outgoing-attachment-only", "ai", "ok", "human", StaffRows: 1),
        new("message-created-outgoing-text-and-attachment", "ai", "ok", "human", StaffRows: 1),
        new("message-created-outgoing-reply-to", "human", "ok", "human", StaffRows: 1),
        new("message-created-private-note", "ai", "ignored", "ai"),
        new("message-created-incoming", "ai", "ignored", "ai"),
        new("message-created-outgoing-agent-bot", "ai", "ignored", "ai"),
        new("message-created-template-csat", "human", "ignored", "human"),
        new("message-created-outgoing-automation", "ai", "ignored", "ai"),
        new("message-created-outgoing-captain", "ai", "ignored", "ai"),
        // message_updated: only a deletion is acted on (HumanLoopTests)
        new("message-updated-status-read", "human", "ignored", "human"),
        new("message-updated-edited", "human", "ignored", "human"),
        // conversation_updated: only a label change moves control
        new("conversation-updated-label-humano-added", "ai", "ok", "human"),
        new("conversation-updated-label-atendimento-humano-added", "ai", "ok", "human"),
        new("conversation-updated-label-humano-removed", "human", "ok", "ai"),
        new("conversation-updated-other-label-added", "ai", "ignored", "ai"),
        new("conversation-updated-assignee-changed", "ai", "ignored", "ai"),
        new("conversation-updated-unassigned", "human", "ignored", "human"),
        new("conversation-updated-priority", "human", "ignored", "human"),
        new("conversation-updated-team", "ai", "ignored", "ai"),
        // status: resolved gives the doctor back to Júlia and completes the conversation; the others change nothing
        new("conversation-status-changed-resolved", "human", "ok", "ai", Conversation: "completed"),
        new("conversation-status-changed-open", "human", "ignored", "human"),
        new("conversation-status-changed-pending", "human", "ignored", "human"),
        new("conversation-status-changed-snoozed", "human", "ignored", "human"),
        new("conversation-resolved-agent-bot", "human", "ok", "ai", Conversation: "completed"),
        new("conversation-opened-agent-bot", "human", "ignored", "human"),
        // events Júlia does not act on
        new("conversation-created", "ai", "ignored", "ai"),
        new("conversation-typing-on", "ai", "ignored", "ai"),
        new("contact-created", "ai", "ignored", "ai"),
        new("contact-updated", "ai", "ignored", "ai"),
    ];

    public static TheoryData<Case> Payloads() => [.. Table];

    static int nextPhone;

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task EachValidPayloadDoesWhatItMeans(Case c)
    {
        var phone = $"551197771{Interlocked.Increment(ref nextPhone):D4}";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        if (c.Before == "human")
        {
            await f.PostChatwootAsync(Payload("conversation-updated-label-humano-added", chatwootId, phone));
            Assert.Equal("human", await f.ControlAsync(conversa));
        }

        var response = await f.PostChatwootAsync(Payload(c.File, chatwootId, phone));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(c.Status == answer["status"]!.GetValue<string>(), $"{c.File}: {answer.ToJsonString()}");
        Assert.Equal(c.Control, await f.ControlAsync(conversa));
        Assert.Equal(c.StaffRows, await f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano'", new { conversa }));
        Assert.Equal(c.Conversation, await f.ScalarAsync<string>("SELECT status FROM conversations WHERE id = @conversa", new { conversa }));
    }

    [Fact]
    public void EveryPayloadFileIsInTheTable() =>
        Assert.Equal(
            Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "fixtures", "chatwoot", "variety"), "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order(),
            Table.Select(c => c.File).Order());

    /// <summary>The file pointed at the doctor's Chatwoot conversation and contact (a contact event: at his phone).</summary>
    static JsonObject Payload(string file, long chatwootId, string phone)
    {
        var body = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "chatwoot", "variety", file + ".json")))!.AsObject();
        if (body["event"]!.GetValue<string>() is "contact_created" or "contact_updated")
        {
            body["phone_number"] = "+" + phone;
            return body;
        }
        var conversation = body["conversation"] as JsonObject ?? body;
        conversation["id"] = chatwootId;
        if (conversation["meta"]?["sender"] is JsonObject sender) sender["phone_number"] = "+" + phone;
        return body;
    }
}
