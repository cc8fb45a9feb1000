using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Chatwoot;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// A blind set of Chatwoot webhook bodies as Chatwoot 2.x–4.x and Evolution's Chatwoot integration send them, kinds the
/// other Chatwoot tests do not cover, on the real host (docs/decisions.md#handoff, "Chatwoot webhook"). Each case names
/// who holds the doctor before, what the payload is, and what must hold after: the webhook's answer, control, the
/// handoff rows and what the doctor was sent (a transition message at most — with `evolution` mirroring Evolution
/// delivers the staff's replies itself).
/// </summary>
public sealed class ChatwootPayloadsConformanceTests(HumanLoopFixture f) : IClassFixture<HumanLoopFixture>
{
    /// <param name="Before">`ai`; `trigger` (the doctor asked for a person: a `pedido_humano` handoff); `reply` (a recruiter's
    /// reply took him over); `lid` (a LID-only doctor, Júlia answering).</param>
    /// <param name="Deliveries">How often Chatwoot delivers the same body (a label change is dispatched twice).</param>
    /// <param name="Handoffs">`status/trigger_type` of the conversation's handoffs, oldest first.</param>
    /// <param name="LabelNotes">How many `label humano` notes the open handoff's `metadata.gatilhos_adicionais` holds.</param>
    /// <param name="Transitions">Transition messages queued for the doctor by the payload.</param>
    /// <param name="ContactStored">The payload's contact id is stored on the conversation and on the doctor.</param>
    public sealed record Case(string Kind, string Before, string Status, string Control, string[] Handoffs, int Deliveries = 1,
        int LabelNotes = 0, int Transitions = 0, bool ContactStored = false)
    {
        public override string ToString() => Kind;
    }

    static readonly Case[] Table =
    [
        // The label on a conversation a person already has changes no control; the open handoff records it, once.
        new("label humano added while a trigger's handoff is open", "trigger", "ok", "human", ["pendente/pedido_humano"], Deliveries: 2, LabelNotes: 1),
        new("label humano added after a recruiter's reply took over", "reply", "ok", "human", ["em_atendimento/manual"], Deliveries: 2, LabelNotes: 1),
        new("label humano added and delivered twice on Júlia's conversation", "ai", "ok", "human", ["pendente/manual"], Deliveries: 2, Transitions: 1),
        // Found by the contact (Júlia does not know the Chatwoot conversation yet): the contact id is stored too.
        new("unknown conversation, contact phone with +", "ai", "ok", "human", ["pendente/manual"], Transitions: 1, ContactStored: true),
        new("unknown conversation, contact phone without +", "ai", "ok", "human", ["pendente/manual"], Transitions: 1, ContactStored: true),
        new("unknown conversation, contact phone without the 9th digit", "ai", "ok", "human", ["pendente/manual"], Transitions: 1, ContactStored: true),
        new("unknown conversation, contact without phone, identifier his WhatsApp JID", "ai", "ok", "human", ["pendente/manual"], Transitions: 1, ContactStored: true),
        new("unknown conversation, LID-only doctor, contact identifier his LID", "lid", "ok", "human", ["pendente/manual"], Transitions: 1, ContactStored: true),
        new("unknown conversation, contact of another phone", "ai", "ignored", "ai", []),
        // Shapes that must change nothing.
        new("staff message with message_type \"1\" and private \"true\"", "ai", "ignored", "ai", []),
        new("staff message without a sender (automation rule)", "ai", "ignored", "ai", []),
        new("conversation_updated with labels null", "trigger", "ignored", "human", ["pendente/pedido_humano"]),
        new("conversation_typing_on", "trigger", "ignored", "human", ["pendente/pedido_humano"]),
        // Shapes that must act.
        new("staff message of Chatwoot 2.x (no private, no labels)", "ai", "ok", "human", ["em_atendimento/manual"]),
        new("conversation_status_changed resolved with changed_attributes", "trigger", "ok", "ai", ["resolvido/pedido_humano"]),
    ];

    public static TheoryData<Case> Cases() => [.. Table];

    static int nextPhone;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task EachPayloadDoesWhatItMeans(Case c)
    {
        var n = Interlocked.Increment(ref nextPhone);
        var (conversa, chatwootId, phone, lid) = await DoctorAsync(c.Before, n);
        var transitionsBefore = await TransitionsAsync(conversa);
        var body = Payload(c.Kind, chatwootId, phone, lid, n);

        JsonElement answer = default;
        for (var i = 0; i < c.Deliveries; i++)
        {
            using var response = await f.PostChatwootAsync((JsonObject)body.DeepClone());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            if (i == 0) answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        Assert.True(c.Status == answer.GetProperty("status").GetString(), $"{c.Kind}: {answer}");
        Assert.Equal(c.Control, await f.ControlAsync(conversa));
        Assert.Equal(c.Handoffs, (await f.HandoffsAsync(conversa)).Select(h => $"{h.Status}/{h.TriggerType}"));
        Assert.Equal(c.LabelNotes, await f.ScalarAsync<int>("""
            SELECT count(*)::int FROM handoffs h, jsonb_array_elements(COALESCE(h.metadata->'gatilhos_adicionais', '[]'::jsonb)) g
            WHERE h.conversa_id = @conversa AND g->>'motivo' = 'label humano no Chatwoot' AND g->>'trigger_type' = 'manual'
            """, new { conversa }));
        Assert.Equal(c.Transitions, await TransitionsAsync(conversa) - transitionsBefore);
        if (c.ContactStored)
        {
            var contact = ContactId(n).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var stored = Assert.Single(await f.QueryAsync<(string?, string?, string?)>("""
                SELECT c.chatwoot_conversation_id, c.chatwoot_contact_id, m.chatwoot_contact_id
                FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE c.id = @conversa
                """, new { conversa }));
            Assert.Equal((UnknownId(n).ToString(System.Globalization.CultureInfo.InvariantCulture), contact, contact), stored);
        }
    }

    Task<long> TransitionsAsync(Guid conversa) => f.ScalarAsync<long>(
        "SELECT count(*) FROM fila_mensagens WHERE conversa_id = @conversa AND metadata->>'tipo_sistema' = 'transicao_handoff'", new { conversa });

    /// <summary>A Chatwoot conversation and contact Júlia has never seen (the phone fallback's case).</summary>
    static long UnknownId(int n) => 840_000 + n;
    static long ContactId(int n) => 940_000 + n;

    async Task<(Guid Conversa, long ChatwootId, string Phone, string? Lid)> DoctorAsync(string before, int n)
    {
        var phone = $"55119733{n:D5}";
        if (before == "lid")
        {
            var lid = $"10000007{n:D5}@lid";
            var text = Text("0", "oi, tudo bem?");
            text["data"]!["key"]!["remoteJid"] = lid;
            await PostAsync(f.Client, text);
            var conversa = await Eventually.MatchesAsync(() => f.ScalarAsync<Guid>("""
                SELECT c.id FROM conversations c JOIN medicos m ON m.id = c.medico_id WHERE m.whatsapp_lid = @lid AND m.telefone IS NULL
                """, new { lid }), id => id != Guid.Empty);
            await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
                "SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND direcao = 'saida'", new { conversa }), k => k > 0);
            return (conversa, 0, "", lid);
        }
        var (id, chatwootId) = await f.DoctorInChatwootAsync(phone);
        if (before == "trigger")
        {
            await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa, por favor"));
            await Eventually.MatchesAsync(() => f.ControlAsync(id), c => c == "human");
        }
        else if (before == "reply")
        {
            var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
            reply["id"] = 830_000 + n;
            Assert.Equal(HttpStatusCode.OK, (await f.PostChatwootAsync(reply)).StatusCode);
            Assert.Equal("human", await f.ControlAsync(id));
        }
        return (id, chatwootId, phone, null);
    }

    static JsonObject LabelAdded(long chatwootId, string phone)
    {
        var body = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        body["labels"] = new JsonArray("humano");
        body["changed_attributes"] = new JsonArray(
            new JsonObject { ["cached_label_list"] = new JsonObject { ["previous_value"] = null, ["current_value"] = "humano" } },
            new JsonObject { ["label_list"] = new JsonObject { ["previous_value"] = new JsonArray(), ["current_value"] = new JsonArray("humano") } });
        return body;
    }

    /// <summary>The label `humano` added on a Chatwoot conversation Júlia does not know, of a contact of this shape.</summary>
    static JsonObject LabelAddedOnUnknown(int n, string? phoneNumber, string? identifier)
    {
        var body = LabelAdded(UnknownId(n), "0");
        var sender = body["meta"]!["sender"]!.AsObject();
        sender["id"] = ContactId(n);
        sender["phone_number"] = phoneNumber;
        sender["identifier"] = identifier;
        body["contact_inbox"]!["contact_id"] = ContactId(n);
        return body;
    }

    static JsonObject StaffMessage(long chatwootId, string phone, int n)
    {
        var body = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        body["id"] = 820_000 + n;
        body["content"] = $"Oi, aqui é o Carlos da equipe ({n}).";
        return body;
    }

    static JsonObject Payload(string kind, long chatwootId, string phone, string? lid, int n)
    {
        switch (kind)
        {
            case "label humano added while a trigger's handoff is open":
            case "label humano added after a recruiter's reply took over":
            case "label humano added and delivered twice on Júlia's conversation":
                return LabelAdded(chatwootId, phone);
            case "unknown conversation, contact phone with +":
                return LabelAddedOnUnknown(n, "+" + phone, null);
            case "unknown conversation, contact phone without +":
                return LabelAddedOnUnknown(n, phone, null);
            case "unknown conversation, contact phone without the 9th digit":
                return LabelAddedOnUnknown(n, "+" + phone.Remove(4, 1), null);
            case "unknown conversation, contact without phone, identifier his WhatsApp JID":
                return LabelAddedOnUnknown(n, null, phone + "@s.whatsapp.net");
            case "unknown conversation, LID-only doctor, contact identifier his LID":
                return LabelAddedOnUnknown(n, "", lid);
            case "unknown conversation, contact of another phone":
                return LabelAddedOnUnknown(n, "+5511988887777", null);
            case "staff message with message_type \"1\" and private \"true\"":
            {
                var body = StaffMessage(chatwootId, phone, n);
                body["message_type"] = "1";
                body["private"] = "true";
                return body;
            }
            case "staff message without a sender (automation rule)":
            {
                var body = StaffMessage(chatwootId, phone, n);
                body["sender"] = null;
                return body;
            }
            case "conversation_updated with labels null":
            {
                var body = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
                body["labels"] = null;
                body["changed_attributes"] = null;
                return body;
            }
            case "conversation_typing_on":
                return new JsonObject
                {
                    ["event"] = "conversation_typing_on",
                    ["conversation"] = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone),
                    ["user"] = new JsonObject { ["id"] = 7, ["name"] = "Carlos", ["type"] = "user" },
                    ["is_private"] = false,
                };
            case "staff message of Chatwoot 2.x (no private, no labels)":
                return new JsonObject
                {
                    ["event"] = "message_created", ["id"] = 810_000 + n, ["content"] = $"Oi, aqui é o Carlos ({n}).",
                    ["created_at"] = "2026-12-01T12:06:40.318Z", ["message_type"] = "outgoing", ["content_type"] = "text",
                    ["content_attributes"] = new JsonObject(), ["source_id"] = null,
                    ["sender"] = new JsonObject { ["id"] = 7, ["name"] = "Carlos", ["email"] = "carlos@example.com", ["type"] = "user" },
                    ["inbox"] = new JsonObject { ["id"] = HumanLoopFixture.Inbox, ["name"] = "WhatsApp" },
                    ["account"] = new JsonObject { ["id"] = 1, ["name"] = "Revoluna" },
                    ["conversation"] = new JsonObject
                    {
                        ["id"] = chatwootId, ["inbox_id"] = HumanLoopFixture.Inbox, ["status"] = "open",
                        ["meta"] = new JsonObject { ["sender"] = new JsonObject { ["id"] = 42, ["phone_number"] = "+" + phone, ["type"] = "contact" } },
                    },
                };
            case "conversation_status_changed resolved with changed_attributes":
            {
                var body = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
                body["changed_attributes"] = new JsonArray(new JsonObject
                {
                    ["status"] = new JsonObject { ["previous_value"] = "open", ["current_value"] = "resolved" },
                });
                return body;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
