using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Julia.Chatwoot;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.TestHost.HostileInput;

namespace Julia.IntegrationTests.Chatwoot;

/// <summary>
/// A hostile Chatwoot with a valid token and signature: a corpus generated from the fixture shapes — every field of
/// message_created, conversation_updated and conversation_status_changed × the mutation list, plus raw bodies — and
/// hostile signatures. Never a 5xx (Chatwoot marks a failed delivery and drops it), every 4xx is ProblemDetails, no
/// ERROR line, no row created for an unknown address, and a valid event afterwards still has its effect.
/// </summary>
public sealed class ChatwootBadInputTests(SignedWebhookTests.Fixture f) : IClassFixture<SignedWebhookTests.Fixture>
{
    const string Url = "/chatwoot/webhook?token=" + HumanLoopFixture.WebhookToken;

    static readonly (string Fixture, string[] Fields)[] Shapes =
    [
        ("webhook-message-created-outgoing.json",
        [
            "event", "id", "content", "message_type", "private", "source_id", "content_type", "created_at", "sender", "sender.type",
            "sender.id", "sender.name", "sender_type", "sender_id", "conversation", "conversation.id", "conversation_id", "conversation.meta",
            "conversation.meta.sender", "conversation.meta.sender.phone_number", "conversation.meta.sender.id",
            "conversation.contact_inbox.contact_id", "conversation.labels", "account", "inbox",
        ]),
        ("webhook-message-created-incoming.json", ["message_type", "sender", "sender.phone_number", "sender.id", "conversation.meta"]),
        ("webhook-conversation-updated-label-added.json",
        [
            "event", "id", "labels", "labels.0", "changed_attributes", "changed_attributes.2", "changed_attributes.2.label_list",
            "changed_attributes.2.label_list.previous_value", "changed_attributes.1.cached_label_list.current_value", "meta.sender",
            "meta.sender.phone_number", "meta.sender.id", "contact_inbox.contact_id", "status", "messages",
        ]),
        ("webhook-conversation-status-changed-resolved.json",
            ["event", "id", "status", "meta", "meta.sender.phone_number", "meta.sender.id", "contact_inbox", "changed_attributes"]),
    ];

    static IEnumerable<(string Case, byte[] Body)> Corpus(long chatwootId, string phone)
    {
        JsonObject Base(string fixture)
        {
            var body = HumanLoopFixture.Webhook(fixture, chatwootId, phone);
            if (body["labels"] is JsonArray) body["labels"] = new JsonArray(ChatwootEventHandler.HumanLabel);
            return body;
        }
        static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

        foreach (var (fixture, fields) in Shapes)
            foreach (var field in fields)
                foreach (var (name, value) in Mutations)
                {
                    var body = Base(fixture);
                    Set(body, field, value);
                    yield return ($"{fixture[8..^5]}: {field} = {name}", U(body.ToJsonString()));
                }
        foreach (var (name, body, _) in RawBodies()) yield return (name, body);

        var outgoing = Base("webhook-message-created-outgoing.json").ToJsonString();
        yield return ("surrogate solto no conteúdo", U(outgoing.Replace("\"content\":\"", "\"content\":\"\\ud800")));
        yield return ("surrogate solto no evento", U(outgoing.Replace("\"event\":\"", "\"event\":\"\\udfff")));
        yield return ("surrogate solto numa chave", U(outgoing.Replace("\"sender\":", "\"\\ud800\":1,\"sender\":")));
        yield return ("escape quebrado no conteúdo", U(outgoing.Replace("\"content\":\"", "\"content\":\"\\u12")));
        yield return ("BOM antes do evento", [0xEF, 0xBB, 0xBF, .. U(outgoing)]);
        foreach (var eventName in new[] { "MESSAGE_CREATED", " message_created ", "message_created\u0000", "<script>alert(1)</script>", "message\u202Ecreated" })
        {
            var body = Base("webhook-message-created-outgoing.json");
            body["event"] = eventName;
            yield return ($"evento {eventName[..Math.Min(12, eventName.Length)]}", U(body.ToJsonString()));
        }
        var manyLabels = Base("webhook-conversation-updated-label-added.json");
        manyLabels["labels"] = new JsonArray([.. Enumerable.Range(0, 20_000).Select(i => JsonValue.Create($"l{i}"))]);
        yield return ("20 000 labels", U(manyLabels.ToJsonString()));
        var manyChanges = Base("webhook-conversation-updated-label-added.json");
        manyChanges["changed_attributes"] = new JsonArray([.. Enumerable.Range(0, 20_000).Select(_ => (JsonNode)new JsonObject { ["x"] = 1 })]);
        yield return ("20 000 changed_attributes", U(manyChanges.ToJsonString()));
        foreach (var id in new JsonNode?[] { "9223372036854775808", 9223372036854775807L, "0", "-5", " 12 ", "0x10", "1e3", 1e20 })
        {
            var body = Base("webhook-conversation-status-changed-resolved.json");
            body["id"] = id;
            yield return ($"id {id?.ToJsonString()}", U(body.ToJsonString()));
        }
    }

    [Fact]
    public async Task NoBadBodyGetsA5xxOrAnErrorLineAndAValidEventStillHasItsEffect()
    {
        var (_, chatwootId) = await f.DoctorInChatwootAsync("5511988880901");
        var doctors = await f.ScalarAsync<long>("SELECT count(*) FROM medicos");
        var conversations = await f.ScalarAsync<long>("SELECT count(*) FROM conversations");
        var logsBefore = f.App.Logs.Lines.Count;
        var corpus = Corpus(chatwootId, "5511988880901").ToList();
        Assert.True(corpus.Count >= 300, $"{corpus.Count} cases");

        var failures = new List<string>();
        foreach (var (name, body) in corpus)
        {
            using var response = await PostSignedAsync(body);
            if (await ProblemWithAsync(response, name) is { } problem) failures.Add(problem);
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {corpus.Count}:\n" + string.Join("\n", failures));

        var lines = f.App.Logs.Lines.Skip(logsBefore).ToList();
        Assert.DoesNotContain(lines, l => l.Level >= LogLevel.Error);
        Assert.True(lines.Count(l => l.Level == LogLevel.Warning) <= corpus.Count, "more than one WARNING per bad request");
        Assert.Equal(doctors, await f.ScalarAsync<long>("SELECT count(*) FROM medicos"));
        Assert.Equal(conversations, await f.ScalarAsync<long>("SELECT count(*) FROM conversations"));
        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync("/health")).StatusCode);

        const string phone = "5511988880902";
        var (conversa, otherId) = await f.DoctorInChatwootAsync(phone);
        var added = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", otherId, phone);
        added["labels"] = new JsonArray(ChatwootEventHandler.HumanLabel);
        using var valid = await PostSignedAsync(Encoding.UTF8.GetBytes(added.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal([("pendente", "manual")], await f.HandoffsAsync(conversa));
    }

    [Fact]
    public async Task HostileSignaturesAndTokensAre401NeverA5xx()
    {
        var body = Encoding.UTF8.GetBytes(HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", 777_001, "5511988880903").ToJsonString());
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var ts = now.ToString();
        var good = ChatwootSignature.Sign(SignedWebhookTests.Fixture.Secret, now, body);
        var hex = good["sha256=".Length..];
        (string Case, string? Timestamp, string? Signature)[] cases =
        [
            ("sem assinatura", ts, null), ("sem timestamp", null, good), ("assinatura vazia", ts, ""), ("só o prefixo", ts, "sha256="),
            ("sem prefixo", ts, hex), ("outro algoritmo", ts, "sha1=" + hex), ("hex curto", ts, "sha256=" + hex[..62]),
            ("hex longo", ts, good + "00"), ("hex ímpar", ts, good + "0"), ("não é hex", ts, "sha256=" + new string('z', 64)),
            ("assinatura enorme", ts, "sha256=" + new string('a', 100_000)), ("unicode", ts, "sha256=" + new string('é', 64)),
            ("duas assinaturas", ts, good + "," + good), ("assinatura de outro corpo", ts, ChatwootSignature.Sign(SignedWebhookTests.Fixture.Secret, now, [1, 2])),
            ("timestamp texto", "amanhã", good), ("timestamp vazio", "", good), ("timestamp enorme", "99999999999999999999999999", good),
            ("timestamp long.MaxValue", long.MaxValue.ToString(), good), ("timestamp negativo", "-1", good), ("timestamp fração", ts + ".5", good),
            ("timestamp expoente", "1.7e9", good), ("timestamp hex", "0x10", good), ("timestamp com sinal", "+" + ts, good),
            ("timestamp dígitos árabes", "١٧٦٥٣٨٧٥٠٠", good), ("timestamp zero", "0", good), ("timestamp de 1 h atrás", (now - 3600).ToString(), good),
            ("timestamp de outro envio", (now - 1).ToString(), good), ("timestamp enorme em texto", new string('9', 10_000), good),
        ];
        var failures = new List<string>();
        foreach (var (name, timestamp, signature) in cases)
        {
            using var response = await PostAsync(body, timestamp, signature);
            if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{(int)response.StatusCode} {name}");
            else if (await ProblemWithAsync(response, name) is { } problem) failures.Add(problem);
        }
        foreach (var token in new[] { "", "x", new string('t', 100_000), "tok-webhook-chatwoot\u0000", "%00", "tok-webhook-chatwoo", "é" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/chatwoot/webhook?token=" + Uri.EscapeDataString(token)) { Content = new ByteArrayContent(body) };
            request.Headers.TryAddWithoutValidation("X-Chatwoot-Token", token.Replace("\u0000", ""));
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token.Replace("\u0000", ""));
            using var response = await f.Client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.Unauthorized) failures.Add($"{(int)response.StatusCode} token {token[..Math.Min(10, token.Length)]}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        using var valid = await PostAsync(body, ts, good);
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
    }

    /// <summary>
    /// The assignee's name on `conversation_status_changed` (`meta.assignee`) is written in the `handoff … resolved`
    /// line: Chatwoot's text, so never raw (an outside fuzzing pass) — no control or format character, no number unmasked.
    /// </summary>
    [Fact]
    public async Task AnAssigneesNameNeverReachesTheLogRaw()
    {
        const string phone = "5511988880904";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "quero falar com uma pessoa"));
        await f.WaitProcessedAsync(phone);
        var before = f.App.Logs.Lines.Count;

        var resolved = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        resolved["meta"]!["assignee"] = new JsonObject { ["available_name"] = "Carlos\u001b[2J\b\u000b\u000c\r\nINFO forjado\u202E\u200B 5511988880999" };
        using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(resolved.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ai", await f.ControlAsync(conversa));

        var line = Assert.Single(f.App.Logs.Lines.Skip(before), l => l.Message.StartsWith("handoff ") && l.Message.Contains(" resolved "));
        Assert.DoesNotContain(line.Message, c => char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format);
        Assert.DoesNotContain("5511988880999", line.Message);
        Assert.Contains("by Carlos[2JINFO forjado 55119888*****", line.Message);
    }

    /// <summary>
    /// One sender repeating events Júlia cannot place (an outside fuzzing pass: one WARNING per request at 200 a second):
    /// unknown conversations and another account's — at most one line a minute each, saying how many it left out.
    /// </summary>
    [Fact]
    public async Task AFloodOfEventsJuliaCannotPlaceWritesABoundedNumberOfLines()
    {
        var before = f.App.Logs.Lines.Count;
        for (var i = 0; i < 200; i++)
        {
            var body = HumanLoopFixture.Webhook(i % 2 == 0 ? "webhook-message-created-outgoing.json" : "webhook-conversation-updated-label-added.json",
                880_000 + i, "5511988880905");
            if (i % 5 == 0) body["account"] = new JsonObject { ["id"] = 9_000 + i };
            using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(body.ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        var lines = f.App.Logs.Lines.Skip(before).ToList();
        Assert.True(lines.Count(l => l.Message.Contains("unknown conversation")) <= 1, "more than one unknown-conversation line a minute");
        Assert.True(lines.Count(l => l.Message.Contains("not CHATWOOT_ACCOUNT_ID")) <= 1, "more than one other-account line a minute");
        Assert.True(lines.Count(l => l.Level >= LogLevel.Warning) <= 2, string.Join("\n", lines.Select(l => l.Message).Take(5)));
        Assert.Contains(f.App.Logs.Lines, l => l.Message.Contains("unknown conversation") && l.Message.Contains("more since the last such line"));
    }

    /// <summary>
    /// A UTF-8 byte-order mark before the JSON is accepted, as by Evolution's webhook (it was a 400 here, 200 there: an
    /// outside fuzzing pass); the signature covers the bytes as sent, mark included. Each event kind with a mark.
    /// </summary>
    [Fact]
    public async Task AByteOrderMarkIsAcceptedAsByEvolutionsWebhook()
    {
        const string phone = "5511988880906";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        byte[] Bom(JsonObject body) => [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(body.ToJsonString())];

        var added = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
        added["labels"] = new JsonArray(ChatwootEventHandler.HumanLabel);
        using (var response = await PostSignedAsync(Bom(added))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("human", await f.ControlAsync(conversa));

        var reply = HumanLoopFixture.Webhook("webhook-message-created-outgoing.json", chatwootId, phone);
        reply["content"] = "Oi, aqui é a Carla da escala";
        using (var response = await PostSignedAsync(Bom(reply))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes WHERE conversa_id = @conversa AND autor_tipo = 'humano' AND conteudo = 'Oi, aqui é a Carla da escala'
            """, new { conversa }));

        var resolved = HumanLoopFixture.Webhook("webhook-conversation-status-changed-resolved.json", chatwootId, phone);
        using (var response = await PostSignedAsync(Bom(resolved))) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ai", await f.ControlAsync(conversa));

        // A mark alone, or two, is still no JSON.
        foreach (var bytes in new byte[][] { [0xEF, 0xBB, 0xBF], [0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes("{}")] })
            using (var response = await PostSignedAsync(bytes)) Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    /// <summary>
    /// A payload naming an account that is no id — past 64 bits, negative, zero, a fraction, text (an outside fuzzing
    /// pass: each handed off our doctor of the same conversation number, as if no account were named) — is another
    /// account's: 200 `ignored`, nothing changes. The same event naming ours, or none, still hands off.
    /// </summary>
    [Fact]
    public async Task AnAccountIdThatIsNoIdIsAnotherAccountNeverOurs()
    {
        const string phone = "5511988880907";
        var (conversa, chatwootId) = await f.DoctorInChatwootAsync(phone);
        JsonObject Added(JsonNode? account)
        {
            var body = HumanLoopFixture.Webhook("webhook-conversation-updated-label-added.json", chatwootId, phone);
            body["labels"] = new JsonArray(ChatwootEventHandler.HumanLabel);
            body["changed_attributes"] = new JsonArray(new JsonObject { ["label_list"] = new JsonObject {
                ["previous_value"] = new JsonArray(), ["current_value"] = new JsonArray(ChatwootEventHandler.HumanLabel) } });
            body["account"] = new JsonObject { ["id"] = account };
            return body;
        }

        foreach (var account in new JsonNode?[] { JsonNode.Parse("99999999999999999999"), -1, 0, 1.5, "abc", "", "1 OR 1=1" })
        {
            using var response = await PostSignedAsync(Encoding.UTF8.GetBytes(Added(account).ToJsonString()));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("outra conta", await response.Content.ReadAsStringAsync());
            Assert.True(await f.ControlAsync(conversa) == "ai", $"account {account?.ToJsonString()} handed off our conversation");
        }
        Assert.Empty(await f.HandoffsAsync(conversa));

        using (var ours = await PostSignedAsync(Encoding.UTF8.GetBytes(Added(1).ToJsonString()))) Assert.Equal(HttpStatusCode.OK, ours.StatusCode);
        Assert.Equal("human", await f.ControlAsync(conversa));
    }

    /// <summary>The token in the URL and a fresh signature over the exact bytes, as Chatwoot sends it.</summary>
    Task<HttpResponseMessage> PostSignedAsync(byte[] body)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return PostAsync(body, now.ToString(), ChatwootSignature.Sign(SignedWebhookTests.Fixture.Secret, now, body));
    }

    Task<HttpResponseMessage> PostAsync(byte[] body, string? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", "application/json");
        if (timestamp is not null) request.Headers.TryAddWithoutValidation("X-Chatwoot-Timestamp", timestamp);
        if (signature is not null) request.Headers.TryAddWithoutValidation("X-Chatwoot-Signature", signature);
        return f.Client.SendAsync(request);
    }
}
