using System.Text.Json;
using System.Text.Json.Nodes;
using Julia.Chatwoot;

namespace Julia.UnitTests.Chatwoot;

public sealed class ChatwootWebhookParserTests
{
    static string FixtureText(string name) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "chatwoot", name));

    static ChatwootEvent Parse(string json, int maxDepth = 64) =>
        ChatwootWebhookParser.Parse(JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = maxDepth }).RootElement);

    static ChatwootEvent ParseFixture(string name) => Parse(FixtureText(name));

    static T Fixture<T>(string name) where T : ChatwootEvent => Assert.IsType<T>(ParseFixture(name));

    static string Edit(string fixture, Action<JsonObject> edit)
    {
        var root = JsonNode.Parse(FixtureText(fixture))!.AsObject();
        edit(root);
        return root.ToJsonString();
    }

    /// <summary>
    /// A fixture with the field at a dotted path removed, or replaced by raw JSON text (spliced in as text, so values that
    /// System.Text.Json would refuse to write — a lone surrogate — still reach the parser).
    /// </summary>
    static string Patched(string fixture, string path, string? rawValue)
    {
        const string Placeholder = "__valor_trocado__";
        var parts = path.Split('.');
        return Edit(fixture, root =>
        {
            var parent = root;
            foreach (var part in parts[..^1]) parent = parent[part]!.AsObject();
            if (rawValue is null) parent.Remove(parts[^1]);
            else parent[parts[^1]] = Placeholder;
        }).Replace($"\"{Placeholder}\"", rawValue);
    }

    [Fact]
    public void LabelAddedCarriesCurrentAndPreviousLabels()
    {
        var e = Fixture<ChatwootEvent.ConversationUpdated>("webhook-conversation-updated-label-added.json");

        Assert.Equal(1234, e.ConversationId);
        Assert.Equal("+5511999990001", e.ContactPhone);
        Assert.Equal(42, e.ContactId);
        Assert.Equal(["atendimento-humano"], e.Labels);
        Assert.NotNull(e.PreviousLabels);
        Assert.Empty(e.PreviousLabels);
    }

    [Fact]
    public void ConversationUpdateWithoutALabelChangeHasNoPreviousLabels()
    {
        var json = Patched("webhook-conversation-updated-label-added.json", "changed_attributes",
            """[{"assignee_id":{"previous_value":null,"current_value":7}}]""");

        var e = Assert.IsType<ChatwootEvent.ConversationUpdated>(Parse(json));

        Assert.Null(e.PreviousLabels);
        Assert.Equal(["atendimento-humano"], e.Labels);
    }

    [Fact]
    public void LabelRemovalReportsThePreviousLabelsWhateverTheEntryOrder()
    {
        var json = Edit("webhook-conversation-updated-label-added.json", root =>
        {
            root["changed_attributes"] = JsonNode.Parse(
                """[{"label_list":{"previous_value":["humano","vip"],"current_value":["vip"]}},{"updated_at":{"previous_value":"a","current_value":"b"}}]""");
            root["labels"] = new JsonArray("vip");
        });

        var e = Assert.IsType<ChatwootEvent.ConversationUpdated>(Parse(json));

        Assert.Equal(["humano", "vip"], e.PreviousLabels!);
        Assert.Equal(["vip"], e.Labels);
    }

    [Fact]
    public void LabelsFallBackToTheNestedConversation()
    {
        var e = Assert.IsType<ChatwootEvent.ConversationUpdated>(Parse(
            """{"event":"conversation_updated","id":"77","conversation":{"labels":["humano"]}}"""));

        Assert.Equal(77, e.ConversationId);
        Assert.Equal(["humano"], e.Labels);
        Assert.Null(e.ContactPhone);
        Assert.Null(e.ContactId);
    }

    /// <summary>
    /// The fields read since 2026-12-02 (account, inbox, attachments, assignee) of any type are never thrown on. An account
    /// or inbox id that is there but is no id reads as 0 — another account's, never "none named", which would make the
    /// event ours (docs/decisions.md#handoff).
    /// </summary>
    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("-1")]
    [InlineData("1e400")]
    [InlineData("99999999999999999999999")]
    [InlineData("[1]")]
    [InlineData("{\"id\": \"x\\u0000\", \"name\": \"Ana\\u0000\"}")]
    [InlineData("null")]
    public void AccountInboxAttachmentsAndAssigneeOfAnyTypeNeverThrow(string value)
    {
        foreach (var fixture in new[] { "webhook-message-created-outgoing.json", "webhook-conversation-status-changed-resolved.json" })
        {
            var root = JsonNode.Parse(FixtureText(fixture))!.AsObject();
            root["account"] = JsonNode.Parse(value);
            root["account_id"] = JsonNode.Parse(value);
            root["inbox"] = JsonNode.Parse(value);
            root["inbox_id"] = JsonNode.Parse(value);
            root["attachments"] = JsonNode.Parse(value);
            root["meta"] = new JsonObject { ["assignee"] = JsonNode.Parse(value) };

            var e = Parse(root.ToJsonString());

            Assert.IsNotType<ChatwootEvent.Invalid>(e);
            if (value == "null") Assert.True(e.AccountId is null or > 0); // none named here: the conversation's own, if any
            else Assert.True(e.AccountId == 0 && e.InboxId == 0, $"account {e.AccountId}, inbox {e.InboxId}");
        }
    }

    [Fact]
    public void ResolvedStatusChangeCarriesTheNewStatus()
    {
        var e = Fixture<ChatwootEvent.StatusChanged>("webhook-conversation-status-changed-resolved.json");

        Assert.Equal(new ChatwootEvent.StatusChanged(1234, "+5511999990001", 42, "resolved", "Carlos") { InboxId = 3, UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_765_391_100_774) }, e);
    }

    /// <summary>
    /// A staff message is kept to WhatsApp's own limit for one text, never cut inside an emoji (a black-box fuzz,
    /// 2026-12-03: a million characters were stored and fed to the model with the history).
    /// </summary>
    [Fact]
    public void AStaffMessagePastWhatsAppsLimitIsCutThere()
    {
        var content = "Segue " + new string('x', ChatwootWebhookParser.MaxContentChars - 7) + "😀 e mais";
        var json = Edit("webhook-message-created-outgoing.json", root => root["content"] = content);

        var e = Assert.IsType<ChatwootEvent.MessageCreated>(Parse(json));

        Assert.Equal(ChatwootWebhookParser.MaxContentChars - 1, e.Content!.Length);
        Assert.StartsWith("Segue xxx", e.Content);
        Assert.False(char.IsHighSurrogate(e.Content[^1]));
    }

    [Fact]
    public void AgentReplyIsAnOutgoingPublicMessageFromUserSeven()
    {
        var e = Fixture<ChatwootEvent.MessageCreated>("webhook-message-created-outgoing.json");

        Assert.Equal(1234, e.ConversationId);
        Assert.Equal(98790, e.MessageId);
        Assert.Equal("outgoing", e.MessageType);
        Assert.False(e.Private);
        Assert.Equal("user", e.SenderType);
        Assert.Equal(7, e.SenderId);
        Assert.Equal("Carlos Atendente", e.SenderName);
        Assert.Equal("Oi Maria, aqui é o Carlos. Vou te ajudar a partir de agora 🙂", e.Content);
        Assert.Null(e.SourceId);
        Assert.Equal("+5511999990001", e.ContactPhone);
        Assert.Equal(42, e.ContactId);
    }

    [Fact]
    public void PrivateNoteIsPrivate()
    {
        var e = Fixture<ChatwootEvent.MessageCreated>("webhook-message-created-private-note.json");

        Assert.True(e.Private);
        Assert.Equal("outgoing", e.MessageType);
        Assert.Equal(98791, e.MessageId);
    }

    [Fact]
    public void BotEchoCarriesAgentBotSenderAndSourceId()
    {
        var e = Fixture<ChatwootEvent.MessageCreated>("webhook-message-created-outgoing-bot-echo.json");

        Assert.Equal("agent_bot", e.SenderType);
        Assert.Equal(2, e.SenderId);
        Assert.Equal("3EB0A1B2C3D4E5F6071829", e.SourceId);
        Assert.Equal("outgoing", e.MessageType);
    }

    /// <summary>
    /// What Evolution's Chatwoot integration creates for a message Júlia sent through it: an outgoing public message by a
    /// user (the integration's token), its WhatsApp id as `WAID:…`, and WhatsApp's formatting rewritten as markdown.
    /// </summary>
    [Fact]
    public void AnEvolutionMirrorIsAUsersOutgoingMessageWithItsWhatsAppId()
    {
        var e = Fixture<ChatwootEvent.MessageCreated>("webhook-message-created-outgoing-evolution-mirror.json");

        Assert.Equal(("outgoing", false, "user", 1L), (e.MessageType, e.Private, e.SenderType, e.SenderId));
        Assert.Equal("WAID:3EB0C4F1D2E3A4B5C6D7E8", e.SourceId);
        Assert.StartsWith("**Plantão**", e.Content);
        Assert.Equal("+5511999990001", e.ContactPhone);
    }

    /// <summary>An agent bot's `conversation_updated` (Chatwoot after PR #13975, before #14001) says nothing of what changed.</summary>
    [Fact]
    public void AnAgentBotsConversationUpdateCannotSayWhatChanged()
    {
        var e = Fixture<ChatwootEvent.ConversationUpdated>("webhook-conversation-updated-agent-bot.json");

        Assert.False(e.ChangesKnown);
        Assert.Null(e.PreviousLabels);
        Assert.Equal(["humano"], e.Labels);
        Assert.Equal("resolved", e.Status);
        Assert.Equal("open", Fixture<ChatwootEvent.ConversationUpdated>("webhook-conversation-updated-label-added.json").Status);
    }

    [Fact]
    public void IncomingMessageComesFromTheContact()
    {
        var e = Fixture<ChatwootEvent.MessageCreated>("webhook-message-created-incoming.json");

        Assert.Equal("incoming", e.MessageType);
        Assert.Equal("contact", e.SenderType);
        Assert.Equal(42, e.SenderId);
        Assert.Equal("A1B2C3D4E5F60718293A4B5C6D7E8F90", e.SourceId);
        Assert.Equal("+5511999990001", e.ContactPhone);
    }

    [Fact]
    public void ContactPhoneFallsBackToAContactSender()
    {
        var json = Patched("webhook-message-created-incoming.json", "conversation.meta", null);

        var e = Assert.IsType<ChatwootEvent.MessageCreated>(Parse(json));

        Assert.Equal("+5511999990001", e.ContactPhone);
        Assert.Equal(42, e.ContactId); // conversation.contact_inbox.contact_id
    }

    [Fact]
    public void AUserSendersPhoneIsNeverTakenForTheContacts()
    {
        var json = Edit("webhook-message-created-outgoing.json", root =>
        {
            root["conversation"]!.AsObject().Remove("meta");
            root["sender"]!["phone_number"] = "+5511888880000";
        });

        Assert.Null(Assert.IsType<ChatwootEvent.MessageCreated>(Parse(json)).ContactPhone);
    }

    [Theory]
    [InlineData(0, "incoming")]
    [InlineData(1, "outgoing")]
    [InlineData(2, "activity")]
    [InlineData(3, "template")]
    public void IntegerMessageTypesAreNormalised(int type, string expected)
    {
        var json = Patched("webhook-message-created-outgoing.json", "message_type", type.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(expected, Assert.IsType<ChatwootEvent.MessageCreated>(Parse(json)).MessageType);
    }

    [Theory]
    [InlineData("\"OUTGOING\"", "outgoing")]
    [InlineData("\"1\"", "outgoing")]
    [InlineData("\"template\"", "template")]
    public void StringMessageTypesAreNormalised(string raw, string expected)
    {
        var json = Patched("webhook-message-created-outgoing.json", "message_type", raw);

        Assert.Equal(expected, Assert.IsType<ChatwootEvent.MessageCreated>(Parse(json)).MessageType);
    }

    [Theory]
    [InlineData("User", "user")]
    [InlineData("AgentBot", "agent_bot")]
    [InlineData("Contact", "contact")]
    [InlineData("Captain::Assistant", "captain_assistant")]
    public void SenderTypeClassNamesBecomeSnakeCase(string senderType, string expected)
    {
        var json = Edit("webhook-message-created-outgoing.json", root =>
        {
            root["sender"]!.AsObject().Remove("type");
            root["sender_type"] = senderType;
        });

        Assert.Equal(expected, Assert.IsType<ChatwootEvent.MessageCreated>(Parse(json)).SenderType);
    }

    [Fact]
    public void IdsSentAsStringsAreRead()
    {
        var e = Assert.IsType<ChatwootEvent.MessageCreated>(Parse(
            """{"event":"message_created","id":"98790","conversation_id":"1234","message_type":"outgoing","private":false,"content":"oi","sender":{"id":"7","type":"user"}}"""));

        Assert.Equal(1234, e.ConversationId);
        Assert.Equal(98790, e.MessageId);
        Assert.Equal(7, e.SenderId);
        Assert.Null(e.ContactPhone);
    }

    [Fact]
    public void AnUnreadablePrivateFlagCountsAsPrivate()
    {
        var json = Patched("webhook-message-created-outgoing.json", "private", """{"x":1}""");

        Assert.True(Assert.IsType<ChatwootEvent.MessageCreated>(Parse(json)).Private);
    }

    /// <summary>
    /// A resolve reaches an account webhook as `conversation_updated` too (the status is in `changed_attributes`): that
    /// update is the resolve. One that did not change the status, or changed it to something else, is not.
    /// </summary>
    [Theory]
    [InlineData("""[{"status":{"previous_value":"open","current_value":"resolved"}}]""", "resolved", true)]
    [InlineData("""{"status":{"previous_value":"pending","current_value":1}}""", "resolved", true)]
    [InlineData("""[{"status":{"previous_value":"open","current_value":"resolved"}}]""", "open", false)] // reopened since
    [InlineData("""[{"status":{"previous_value":"resolved","current_value":"open"}}]""", "open", false)]
    [InlineData("""[{"assignee_id":{"previous_value":null,"current_value":7}}]""", "resolved", false)]
    [InlineData("null", "resolved", false)]
    public void AnUpdateThatChangedTheStatusToResolvedIsTheResolve(string changes, string status, bool resolvedNow)
    {
        var json = Edit("webhook-conversation-status-changed-resolved.json", root =>
        {
            root["event"] = "conversation_updated";
            root["status"] = status;
            root["changed_attributes"] = JsonNode.Parse(changes);
        });

        Assert.Equal(resolvedNow, Assert.IsType<ChatwootEvent.ConversationUpdated>(Parse(json)).ResolvedNow);
    }

    [Fact]
    public void AConversationCreatedWithTheLabelHumanoIsALabelJustAdded()
    {
        var json = Edit("webhook-conversation-updated-label-added.json", root =>
        {
            root["event"] = "conversation_created";
            root["labels"] = new JsonArray("humano");
            root.Remove("changed_attributes");
        });

        var created = Assert.IsType<ChatwootEvent.ConversationUpdated>(Parse(json));

        Assert.Equal(["humano"], created.Labels);
        Assert.Equal([], created.PreviousLabels!);
        Assert.False(created.ResolvedNow);
    }

    [Theory]
    [InlineData("""{"event":"message_updated","id":1}""", "mensagem editada: não tratada")] // only a deletion is acted on
    [InlineData("""{"event":"webwidget_triggered"}""", "evento não tratado")]
    [InlineData("""{"event":"conversation_created","id":1}""", "evento não tratado")]
    [InlineData("""{"event":"message_created","id":1,"conversation":{"id":2},"message_type":"input_csat"}""", "message_type desconhecido")]
    public void OtherEventsAreIgnored(string json, string reason) =>
        Assert.Equal(reason, Assert.IsType<ChatwootEvent.Ignored>(Parse(json)).Reason);

    [Theory]
    [InlineData("[]", "objeto")]
    [InlineData("\"x\"", "objeto")]
    [InlineData("123", "objeto")]
    [InlineData("{}", "event")]
    [InlineData("""{"event":42}""", "event")]
    [InlineData("""{"event":"conversation_updated"}""", "id")]
    [InlineData("""{"event":"conversation_status_changed","id":1234}""", "status")]
    [InlineData("""{"event":"message_created","id":1,"message_type":"outgoing"}""", "conversation.id")]
    [InlineData("""{"event":"message_created","conversation":{"id":5},"message_type":"outgoing"}""", "id")]
    [InlineData("""{"event":"conversation_updated","id":"\uD800"}""", "UTF-16")]
    public void UnusableBodiesAreInvalid(string json, string mentioned) =>
        Assert.Contains(mentioned, Assert.IsType<ChatwootEvent.Invalid>(Parse(json)).Problem);

    /// <summary>Every field the parser reads, by event: each gets every wrong kind of value.</summary>
    static readonly (string Fixture, string[] Paths)[] ReadFields =
    [
        ("webhook-conversation-updated-label-added.json",
            ["event", "id", "labels", "changed_attributes", "meta", "meta.sender", "meta.sender.phone_number", "meta.sender.id", "contact_inbox", "contact_inbox.contact_id"]),
        ("webhook-conversation-status-changed-resolved.json", ["event", "id", "status", "meta", "meta.sender", "meta.sender.phone_number", "meta.sender.id"]),
        ("webhook-message-created-outgoing.json",
            ["event", "id", "conversation", "conversation.id", "conversation.meta", "conversation.meta.sender", "conversation.meta.sender.phone_number",
             "conversation.meta.sender.id", "conversation.contact_inbox", "conversation.contact_inbox.contact_id", "message_type", "private", "content",
             "source_id", "sender", "sender.type", "sender.id", "sender.name"]),
        ("webhook-message-created-incoming.json", ["sender", "sender.phone_number", "sender.id", "conversation.meta.sender"]),
    ];

    static readonly string[] WrongValues =
    [
        "null", "true", "false", "0", "-1", "1.5", "1e400", "99999999999999999999999999", "-99999999999999999999999", "\"\"", "\"  \"",
        "\"abc\"", "\"12x\"", "\"99999999999999999999999\"", "\"\\uD800\"", "[]", "[1,\"a\",null,{}]", "{}", """{"a":{"b":[1]}}""",
    ];

    /// <summary>Distinct bodies only: a wrong value that equals the fixture's own (`source_id: null`) would repeat a case.</summary>
    public static IEnumerable<object[]> MalformedBodies() => Bodies().Distinct().Select(b => new object[] { b });

    static IEnumerable<string> Bodies()
    {
        string[] literals =
        [
            "{}", "[]", "\"x\"", "123", "null", "true", "[{}]", """{"event":null}""", """{"event":["message_created"]}""", """{"event":{}}""",
            """{"event":"message_created"}""", """{"event":"conversation_updated","id":{}}""", """{"event":"conversation_updated","id":[1]}""",
            """{"event":"conversation_updated","id":1,"changed_attributes":[null,1,"x",[],{"label_list":null},{"label_list":[1]}]}""",
            """{"event":"conversation_updated","id":1,"changed_attributes":[{"label_list":{"previous_value":"a, b"}}]}""",
            """{"event":"conversation_updated","id":1,"changed_attributes":{"label_list":{"previous_value":{"x":1}}}}""",
            """{"event":"message_created","conversation":[],"conversation_id":[],"id":[],"message_type":[],"sender":[]}""",
            """{"event":"message_created","conversation":{"id":1e30},"id":1,"message_type":1}""",
            """{"\uDC00":1,"event":"message_created"}""", """{"event":"message_created","id":1,"conversation_id":2,"message_type":"\uD83D\uDE00"}""",
        ];
        foreach (var literal in literals) yield return literal;

        foreach (var (fixture, paths) in ReadFields)
            foreach (var path in paths)
            {
                yield return Patched(fixture, path, null);
                foreach (var wrong in WrongValues)
                    yield return Patched(fixture, path, wrong);
            }

        // Nesting far deeper than any real payload, where an object is expected and where a value is.
        var deep = string.Concat(Enumerable.Repeat("""{"a":[""", 400)) + "1" + string.Concat(Enumerable.Repeat("]}", 400));
        yield return $$$"""{"event":"message_created","conversation":{{{deep}}},"id":1,"message_type":"outgoing","sender":{{{deep}}}}""";
        yield return $$$"""{"event":"conversation_updated","id":1,"labels":[{{{deep}}}],"changed_attributes":[{"label_list":{"previous_value":[{{{deep}}}]}}]}""";
        yield return string.Concat(Enumerable.Repeat("[", 1000)) + string.Concat(Enumerable.Repeat("]", 1000));
    }

    [Fact]
    public void TheMalformedListIsLarge() => Assert.True(MalformedBodies().Count() >= 50);

    [Theory]
    [MemberData(nameof(MalformedBodies))]
    public void MalformedBodiesNeverThrowAndYieldAWellFormedRecord(string json)
    {
        var e = Parse(json, maxDepth: 4096);

        switch (e)
        {
            case ChatwootEvent.Invalid invalid: Assert.False(string.IsNullOrWhiteSpace(invalid.Problem)); break;
            case ChatwootEvent.Ignored ignored: Assert.False(string.IsNullOrWhiteSpace(ignored.Reason)); break;
            case ChatwootEvent.ConversationUpdated u:
                Assert.True(u.ConversationId > 0);
                Assert.All(u.Labels, l => Assert.False(string.IsNullOrWhiteSpace(l)));
                break;
            case ChatwootEvent.StatusChanged s:
                Assert.True(s.ConversationId > 0);
                Assert.False(string.IsNullOrWhiteSpace(s.Status));
                break;
            case ChatwootEvent.MessageCreated m:
                Assert.True(m.ConversationId > 0 && m.MessageId > 0);
                Assert.Contains(m.MessageType, new[] { "incoming", "outgoing", "activity", "template" });
                break;
            default: Assert.Fail($"unexpected record {e.GetType().Name}"); break;
        }
    }

    [Fact]
    public void ADeletedMessageIsReadWithItsConversationAndId()
    {
        var deleted = Assert.IsType<ChatwootEvent.MessageDeleted>(ChatwootWebhookParser.Parse(System.Text.Json.JsonDocument.Parse(
            """{"event":"message_updated","id":77,"content":"This message was deleted","content_attributes":{"deleted":true},"conversation":{"id":12,"meta":{"sender":{"phone_number":"+5511999990001"}}}}""").RootElement));
        Assert.Equal((12L, 77L, "+5511999990001"), (deleted.ConversationId, deleted.MessageId, deleted.ContactPhone));
    }

    /// <summary>
    /// When a conversation change was made (`updated_at`, epoch seconds with a fraction): how a resolve delivered again is
    /// told from a new one (docs/decisions.md#handoff, "A resolve delivered again"); absent or not a time → null.
    /// </summary>
    [Theory]
    [InlineData("1765391100.77431", 1765391100774L)]
    [InlineData("1765391100", 1765391100000L)]
    [InlineData("\"1765391100.5\"", 1765391100500L)]
    [InlineData("null", null)]
    [InlineData("\"ontem\"", null)]
    [InlineData("-5", null)]
    [InlineData("1e300", null)]
    public void AConversationEventsUpdatedAtIsWhenTheChangeWasMade(string raw, long? expectedMs)
    {
        var parsed = Parse(Patched("webhook-conversation-status-changed-resolved.json", "updated_at", raw));
        Assert.Equal(expectedMs, Assert.IsType<ChatwootEvent.StatusChanged>(parsed).UpdatedAt?.ToUnixTimeMilliseconds());
    }

    [Fact]
    public void AMessageEventHasNoChangeTime() =>
        Assert.Null(ParseFixture("webhook-message-created-outgoing.json").UpdatedAt);
}
