using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.WhatsApp;

/// <summary>
/// A hostile sender with a valid token: a corpus generated from the fixture shapes — every field × wrong type, missing,
/// null, huge, hostile Unicode, NUL — plus hostile JWTs and bodies. Never a 5xx (Evolution resends a failed webhook ten
/// times), no doctor created for an invalid address, and a valid message afterwards is still answered.
/// </summary>
public sealed class BadInputTests(WebhookFixture f) : IClassFixture<WebhookFixture>
{
    const string Url = "/webhook/evolution?token=" + WebhookFixture.Token;

    static readonly string[] Fields =
    [
        "event", "instance", "data", "data.key", "data.key.remoteJid", "data.key.remoteJidAlt", "data.key.id", "data.key.fromMe",
        "data.pushName", "data.message", "data.message.conversation", "data.messageType", "data.messageTimestamp", "data.chatwootConversationId",
        "data.message.extendedTextMessage", "data.message.audioMessage", "data.message.audioMessage.seconds", "data.message.ephemeralMessage",
        "data.message.viewOnceMessage", "data.message.imageMessage.caption", "data.key.senderPn", "data.key.senderLid",
    ];

    /// <summary>The values a field gets instead of its own (null means: removed).</summary>
    static readonly (string Name, Func<JsonNode?>? Value)[] Mutations =
    [
        ("ausente", null), ("null", () => null), ("numero", () => 12345), ("numero enorme", () => JsonValue.Create(1e308)),
        ("negativo", () => -1), ("fracao", () => 0.5), ("bool", () => true), ("texto", () => "abc"), ("vazio", () => ""),
        ("array", () => new JsonArray(1, "x", null)), ("objeto", () => new JsonObject { ["x"] = 1 }), ("NUL", () => "a\u0000b"),
        ("texto enorme", () => new string('9', 100_000)), ("unicode hostil", () => "\u202E\u0000\uFEFF🧨\u200B" + new string('é', 50)),
        ("low/high", () => new JsonObject { ["low"] = "x", ["high"] = null }),
    ];

    static JsonObject ValidMessage(int i) => Text($"55119{i:D8}", $"mensagem de teste {i}");

    static IEnumerable<(string Case, string Body)> Corpus()
    {
        var i = 0;
        foreach (var field in Fields)
            foreach (var (name, value) in Mutations)
            {
                var body = ValidMessage(10_000 + i++);
                if (field.StartsWith("data.message.") && field.Count(c => c == '.') == 3)
                    body["data"]!["message"]![field.Split('.')[2]] = new JsonObject(); // the parent exists
                Set(body, field, value);
                yield return ($"{field} = {name}", body.ToJsonString());
            }
        // Text with lone surrogates or broken escapes, BOM, deep nesting, wrong top-level shapes, connection updates.
        yield return ("surrogate solto", ValidMessage(9001).ToJsonString().Replace("mensagem de teste", "\\ud800 solto"));
        yield return ("escape quebrado", ValidMessage(9002).ToJsonString().Replace("mensagem de teste", "\\u12"));
        yield return ("aninhamento profundo", new string('[', 10_000) + new string(']', 10_000));
        foreach (var top in new[] { "null", "[]", "42", "\"x\"", "true", "{}" }) yield return ($"topo {top}", top);
        foreach (var reason in new JsonNode?[] { 0.5, 1e300, "401", null, new JsonArray() })
        {
            var update = new JsonObject { ["event"] = "connection.update", ["instance"] = "julia",
                ["data"] = new JsonObject { ["instance"] = "julia", ["state"] = "close", ["statusReason"] = reason } };
            yield return ($"connection.update statusReason {reason?.ToJsonString() ?? "null"}", update.ToJsonString());
        }
        foreach (var address in new[] { "55ab11999990001@s.whatsapp.net", "abc@lid", new string('1', 200) + "@lid", "5511999990001@s.whatsapp.net@lid",
                     new string('5', 10_000) + "@s.whatsapp.net", "@lid", "@s.whatsapp.net", "5511 9999-0001@c.us\u0000", "../../etc/passwd@lid",
                     // numbers nobody has: a leading 0, the 00 prefix in a JID, a DDD off the list, a subscriber 0…
                     "0000000000@s.whatsapp.net", "0123456789@s.whatsapp.net", "08001234567@s.whatsapp.net", "0800 123 4567@c.us",
                     "00000000000000@s.whatsapp.net", "5500000000000@s.whatsapp.net", "5511000000000@s.whatsapp.net", "005511999990001@s.whatsapp.net" })
        {
            var body = ValidMessage(9100);
            body["data"]!["key"]!["remoteJid"] = address;
            body["data"]!["key"]!.AsObject().Remove("remoteJidAlt");
            yield return ($"endereço {address[..Math.Min(address.Length, 30)]}", body.ToJsonString());
        }
        yield return ("evento desconhecido", new JsonObject { ["event"] = "<script>alert(1)</script>", ["instance"] = "julia" }.ToJsonString());
        // A doctor's edit and deletion (docs/decisions.md#inbound, "Edits and deletions"): every field × the same mutations.
        foreach (var (shape, fields) in RevisionShapes)
            foreach (var field in fields)
                foreach (var (name, value) in Mutations)
                {
                    var body = Revision(shape, i++);
                    Set(body, field, value);
                    yield return ($"{shape} {field} = {name}", body.ToJsonString());
                }
    }

    static readonly (string Shape, string[] Fields)[] RevisionShapes =
    [
        ("messages.edited", ["data", "data.key", "data.key.id", "data.key.fromMe", "data.type", "data.editedMessage", "data.editedMessage.conversation"]),
        ("messages.delete", ["data", "data.id", "data.remoteJid", "data.fromMe"]),
        ("protocolMessage", ["data.message.protocolMessage", "data.message.protocolMessage.key", "data.message.protocolMessage.key.id",
            "data.message.protocolMessage.type", "data.message.protocolMessage.editedMessage"]),
        // A caption edited on a photo, video or document (the caption is read where a text edit's words are).
        ("caption", ["data.editedMessage", "data.editedMessage.imageMessage", "data.editedMessage.imageMessage.caption",
            "data.editedMessage.videoMessage", "data.editedMessage.documentMessage"]),
    ];

    /// <summary>A valid edit or deletion of a message the doctor sent, in one of the shapes Evolution v2 sends.</summary>
    static JsonObject Revision(string shape, int i)
    {
        var key = new JsonObject { ["remoteJid"] = "5511999990000@s.whatsapp.net", ["fromMe"] = true, ["id"] = $"3EB0BAD{i:D8}" };
        var edit = new JsonObject { ["key"] = key, ["type"] = "MESSAGE_EDIT", ["editedMessage"] = new JsonObject { ["conversation"] = "corrigido" } };
        switch (shape)
        {
            case "messages.edited":
                return new JsonObject { ["event"] = shape, ["instance"] = "julia", ["data"] = edit };
            case "caption":
                edit["editedMessage"] = new JsonObject { ["imageMessage"] = new JsonObject { ["caption"] = "legenda corrigida" } };
                return new JsonObject { ["event"] = "messages.edited", ["instance"] = "julia", ["data"] = edit };
            case "messages.delete":
                return new JsonObject { ["event"] = shape, ["instance"] = "julia",
                    ["data"] = new JsonObject { ["remoteJid"] = $"55119{i:D8}@s.whatsapp.net", ["fromMe"] = false, ["id"] = $"3EB0BAD{i:D8}" } };
            default:
                var body = ValidMessage(i);
                body["data"]!["message"] = new JsonObject { ["protocolMessage"] = edit };
                body["data"]!["messageType"] = "protocolMessage";
                return body;
        }
    }

    static void Set(JsonObject root, string path, Func<JsonNode?>? value)
    {
        var parts = path.Split('.');
        JsonNode? node = root;
        foreach (var part in parts[..^1])
        {
            node = node?[part];
            if (node is not JsonObject) return;
        }
        var parent = node!.AsObject();
        if (value is null) parent.Remove(parts[^1]);
        else parent[parts[^1]] = value();
    }

    [Fact]
    public async Task NoBadBodyGetsA5xxAndAValidMessageIsStillAnswered()
    {
        var corpus = Corpus().ToList();
        Assert.True(corpus.Count >= 300, $"{corpus.Count} cases");
        var failures = new List<string>();
        foreach (var (name, body) in corpus)
        {
            using var response = await f.Client.PostAsync(Url, new StringContent(body, Encoding.UTF8, "application/json"));
            if ((int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {name}");
            var text = await response.Content.ReadAsStringAsync();
            if (text.Contains("   at ") || text.Contains("<script>")) failures.Add($"echo or stack trace in the answer: {name}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // No doctor for an invalid address; every stored phone is digits, every LID digits@lid.
        Assert.Equal(0, await f.ScalarAsync<long>("""
            SELECT count(*) FROM medicos WHERE (telefone IS NOT NULL AND (telefone !~ '^[1-9][0-9]{11,14}$' OR telefone ~ '^55([0-9]{12,}|00.*|[0-9]{2}[01].*)$'))
                OR (whatsapp_lid IS NOT NULL AND whatsapp_lid !~ '^[0-9]{5,20}(:[0-9]+)?@lid$')
            """));
        Assert.Equal(HttpStatusCode.OK, (await f.Client.GetAsync("/health")).StatusCode);
        Assert.DoesNotContain(f.App.Logs.Lines, l => l.Message.Contains(new string('5', 200)));

        const string phone = "5511999990999";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, "depois disso tudo, tem plantão?"), Url)).StatusCode);
        await f.WaitProcessedAsync(phone);
        Assert.Contains(await f.QueueAsync(phone), q => q.Tipo == "resposta");
    }

    [Fact]
    public async Task HostileJwtsAre401NeverA500()
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        string Signed(string header, string payload)
        {
            var h = B64(header);
            var p = B64(payload);
            var signature = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookFixture.Token), Encoding.ASCII.GetBytes($"{h}.{p}")))
                .TrimEnd('=').Replace('+', '-').Replace('/', '_');
            return $"{h}.{p}.{signature}";
        }
        var exp = DateTimeOffset.UtcNow.AddMinutes(5).ToUnixTimeSeconds();
        string[] tokens =
        [
            Signed("""{"alg":42}""", $$"""{"exp":{{exp}}}"""), Signed("""[1,2]""", $$"""{"exp":{{exp}}}"""), Signed("""{"alg":"HS256"}""", """{"exp":"amanhã"}"""),
            Signed("""{"alg":"HS256"}""", """{"exp":1e400}"""), Signed("""{"alg":"HS256"}""", """{"iat":1}"""), Signed("""{"alg":"HS256"}""", "[]"),
            Signed("""{"alg":"none"}""", $$"""{"exp":{{exp}}}"""), Signed("""{"alg":"HS256"}""", """{"exp":-5}"""), "a.b.c", "...", "x", "%%%.%%%.%%%",
            Signed("""{"alg":"HS256"}""", """{"exp":99999999999999999999}"""), Signed("not json", "not json"),
            Signed("""{"alg":"HS256"}""", $$"""{"exp":{{exp}},"nbf":{{exp + 3600}}}"""), // not valid before an hour from now
            Signed("""{"alg":"HS256"}""", $$"""{"exp":{{exp}},"nbf":"ontem"}"""),
        ];
        foreach (var token in tokens)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text("5511999990998", "oi")) };
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
            using var response = await f.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{(int)response.StatusCode} for {token}");
        }
        var valid = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text("5511999990997", "oi")) };
        valid.Headers.Authorization = new("Bearer", Signed("""{"alg":"HS256","typ":"JWT"}""", $$"""{"exp":{{exp}}}"""));
        Assert.Equal(HttpStatusCode.OK, (await f.Client.SendAsync(valid)).StatusCode);
        var issued = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text("5511999990997", "oi de novo")) };
        issued.Headers.Authorization = new("Bearer", Signed("""{"alg":"HS256"}""", $$"""{"exp":{{exp}},"nbf":{{exp - 600}},"iat":{{exp - 600}}}"""));
        Assert.Equal(HttpStatusCode.OK, (await f.Client.SendAsync(issued)).StatusCode);
    }

    [Fact]
    public async Task AByteOrderMarkIsAcceptedAndStaticPagesCarrySecurityHeaders()
    {
        var bom = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Text("5511999990996", "oi com BOM").ToJsonString())).ToArray();
        var content = new ByteArrayContent(bom);
        content.Headers.ContentType = new("application/json");

        Assert.Equal(HttpStatusCode.OK, (await f.Client.PostAsync(Url, content)).StatusCode);
        var page = await f.Client.GetAsync("/static/simulador.html");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
    }
}
