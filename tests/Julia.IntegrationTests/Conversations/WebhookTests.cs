using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conversations;

public sealed class WebhookFixture : PipelineFixture
{
    public const string Token = "segredo-do-webhook";
    protected override Dictionary<string, string?> Settings => new() { ["HUMANIZAR"] = "false", ["EVOLUTION_WEBHOOK_TOKEN"] = Token };
}

/// <summary>`POST /webhook/evolution`: authentication, bad input as 4xx ProblemDetails, and every fixture kind.</summary>
public sealed class WebhookTests(WebhookFixture f) : IClassFixture<WebhookFixture>
{
    const string Url = "/webhook/evolution?token=" + WebhookFixture.Token;

    [Fact]
    public async Task MissingOrWrongTokenIs401()
    {
        var body = Text("5511999990201", "oi");

        var none = await PostAsync(f.Client, body);
        var wrong = await PostAsync(f.Client, body, "/webhook/evolution?token=errado");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        // Evolution does not resend a 401: said in the log (a rotated token lost every message in silence), once a minute.
        Assert.Contains(f.App.Logs.Lines, l => l.Message.StartsWith("Evolution webhook refused with 401"));
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5511999990201'"));
    }

    [Fact]
    public async Task TokenInHeaderOrEvolutionJwtIsAccepted()
    {
        var header = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text("5511999990202", "oi")) };
        header.Headers.Add("X-Webhook-Token", WebhookFixture.Token);
        var jwt = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution/messages-upsert") { Content = Json(Text("5511999990203", "oi")) };
        jwt.Headers.Authorization = new("Bearer", Jwt(WebhookFixture.Token, DateTimeOffset.UtcNow.AddMinutes(10)));
        var forged = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text("5511999990204", "oi")) };
        forged.Headers.Authorization = new("Bearer", Jwt("outra-chave", DateTimeOffset.UtcNow.AddMinutes(10)));
        var expired = new HttpRequestMessage(HttpMethod.Post, "/webhook/evolution") { Content = Json(Text("5511999990205", "oi")) };
        expired.Headers.Authorization = new("Bearer", Jwt(WebhookFixture.Token, DateTimeOffset.UtcNow.AddMinutes(-10)));

        Assert.Equal(HttpStatusCode.OK, (await f.Client.SendAsync(header)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Client.SendAsync(jwt)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.Client.SendAsync(forged)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await f.Client.SendAsync(expired)).StatusCode);
    }

    [Theory]
    [InlineData("{not json", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"instance":"julia","data":{}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"event":"messages.upsert","instance":"julia","data":{"message":{}}}""", "application/json", HttpStatusCode.BadRequest)]
    [InlineData("""{"event":"messages.upsert","instance":"julia"}""", "text/plain", HttpStatusCode.UnsupportedMediaType)]
    [InlineData("[]", "application/json", HttpStatusCode.BadRequest)]
    public async Task BadBodiesAre4xxProblemDetails(string body, string contentType, HttpStatusCode expected)
    {
        var response = await f.Client.PostAsync(Url, new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>
    /// "Webhook by events" appends `/{event}` to the configured URL after its query string: `?token=T` arrives as
    /// `?token=T/messages-upsert` (Evolution's webhook.controller.ts). Refused, every message was lost: Evolution does not
    /// resend a 401 (an outside pass, 2026-12-02).
    /// </summary>
    [Fact]
    public async Task ByEventsWithTheTokenInTheUrlIsAccepted()
    {
        var withEvent = Text("5511999990281", "oi, tem plantão?");
        var withoutEvent = Text("5511999990282", "oi");
        withoutEvent.Remove("event");

        var first = await PostAsync(f.Client, withEvent, Url + "/messages-upsert");
        var second = await PostAsync(f.Client, withoutEvent, Url + "/MESSAGES_UPSERT");
        var wrong = await PostAsync(f.Client, Text("5511999990283", "oi"), "/webhook/evolution?token=errado/messages-upsert");
        var notAnEvent = await PostAsync(f.Client, Text("5511999990283", "oi"), Url + "/../x");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, notAnEvent.StatusCode);
        Assert.Equal(2, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone IN ('5511999990281', '5511999990282')"));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5511999990283'"));
    }

    /// <summary>
    /// With Evolution's `base64` option a media file comes inside the webhook: left out while it is read, so a 3 MB video
    /// is stored like any other message (it was a 413, resent ten times and lost: an outside pass, 2026-12-02).
    /// </summary>
    [Fact]
    public async Task MediaSentAsBase64IsStoredWithoutIt()
    {
        var body = Fixture("webhook-messages-upsert-image-caption.json");
        var key = body["data"]!["key"]!.AsObject();
        key["remoteJid"] = "5511999990284@s.whatsapp.net";
        key.Remove("remoteJidAlt");
        key["id"] = "BASE64VIDEO" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        body["data"]!["message"] = new JsonObject
        {
            ["videoMessage"] = new JsonObject { ["caption"] = "segue meu CRM e o diploma", ["mimetype"] = "video/mp4", ["seconds"] = 12 },
            ["base64"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(2_300_000)),
        };

        var response = await PostAsync(f.Client, body, Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("video|segue meu CRM e o diploma|", await f.ScalarAsync<string>("""
            SELECT i.tipo || '|' || (i.midia->>'caption') || '|' || COALESCE(i.midia->>'base64', '')
            FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5511999990284' AND i.direcao = 'entrada'
            """));
    }

    /// <summary>
    /// An HD photo as newer WhatsApp apps send it, the image inside `associatedChildMessage`: stored as an image with the
    /// doctor's caption (an audit of payload shapes: it was stored `outro`, its words dropped from the turn and unanswered).
    /// </summary>
    [Fact]
    public async Task AnHdPhotoWrappedInAssociatedChildMessageKeepsItsCaption()
    {
        var body = Fixture("webhook-messages-upsert-associated-child-image.json");
        body["data"]!["key"]!["remoteJid"] = "5511999990287@s.whatsapp.net";
        body["data"]!["key"]!.AsObject().Remove("remoteJidAlt");

        var response = await PostAsync(f.Client, body, Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("received", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal("imagem|Segue meu CRM em HD. Posso pegar o plantão de sexta?", await f.ScalarAsync<string>("""
            SELECT i.tipo || '|' || (i.midia->>'caption')
            FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5511999990287' AND i.direcao = 'entrada'
            """));
        // The handle to fetch the file later (Evolution's chat/getBase64FromMediaMessage takes the message's key.id).
        Assert.Equal(body["data"]!["key"]!["id"]!.GetValue<string>(), await f.ScalarAsync<string>("""
            SELECT i.midia->>'media_id' FROM interacoes i JOIN medicos m ON m.id = i.medico_id
            WHERE m.telefone = '5511999990287' AND i.direcao = 'entrada'
            """));
    }

    /// <summary>
    /// A long message whose 4 000th character falls inside an emoji is stored cut before it (an audit, 2026-12-03: the
    /// cut left half an emoji, which PostgreSQL's UTF-8 refuses).
    /// </summary>
    [Fact]
    public async Task ALongMessageCutInsideAnEmojiIsStored()
    {
        var text = new string('a', 3_999) + string.Concat(Enumerable.Repeat("😡", 600));

        var response = await PostAsync(f.Client, Text("5511999990286", text), Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new string('a', 3_999) + "...", await f.ScalarAsync<string>("""
            SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5511999990286' AND i.direcao = 'entrada'
            """));
    }

    /// <summary>
    /// Evolution ≥ 2.3.6 writes each byte of a preview as an index-keyed pair (`"1234":255`). A doctor's photo answering
    /// a PDF (a 339×480 first-page preview of 48 kB) carries that preview twice — in the image's `contextInfo` and in the
    /// top-level copy — and passed 1 MiB: a 413, resent ten times and lost (an audit of payload shapes). The previews are
    /// left out while it is read, like `base64`.
    /// </summary>
    [Fact]
    public async Task AReplyQuotingAPdfWithItsPreviewsAsByteObjectsIsStored()
    {
        static JsonObject Bytes(int count)
        {
            var bytes = new JsonObject();
            for (var i = 0; i < count; i++) bytes[i.ToString(System.Globalization.CultureInfo.InvariantCulture)] = (i * 37 + 11) % 256;
            return bytes;
        }
        JsonObject Context() => new()
        {
            ["stanzaId"] = "3EB0C1D2E3F4A5B6C7D8",
            ["participant"] = "5511999990001@s.whatsapp.net",
            ["quotedMessage"] = new JsonObject
            {
                ["documentMessage"] = new JsonObject
                {
                    ["mimetype"] = "application/pdf", ["title"] = "escala-dezembro.pdf", ["fileName"] = "escala-dezembro.pdf", ["pageCount"] = 3,
                    ["thumbnailHeight"] = 480, ["thumbnailWidth"] = 339, ["jpegThumbnail"] = Bytes(48_000),
                },
            },
        };
        var body = Fixture("webhook-messages-upsert-image-caption.json");
        var data = body["data"]!.AsObject();
        data["key"]!["remoteJid"] = "5511999990288@s.whatsapp.net";
        data["key"]!.AsObject().Remove("remoteJidAlt");
        data["key"]!["id"] = "3A5C7E9B1D3F5A7C9E1B";
        var image = data["message"]!["imageMessage"]!.AsObject();
        image["caption"] = "posso pegar o plantão do dia 12 dessa escala";
        image["jpegThumbnail"] = Bytes(4_000);
        image["contextInfo"] = Context();
        data["contextInfo"] = Context();
        Assert.True(Encoding.UTF8.GetByteCount(body.ToJsonString()) > 1_048_576);

        var response = await PostAsync(f.Client, body, Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("imagem|posso pegar o plantão do dia 12 dessa escala|[documento: escala-dezembro.pdf]", await f.ScalarAsync<string>("""
            SELECT i.tipo || '|' || (i.midia->>'caption') || '|' || COALESCE(i.midia->>'citacao', '-')
            FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5511999990288' AND i.direcao = 'entrada'
            """));
    }

    [Fact]
    public async Task BodiesOverOneMebibyteAre413()
    {
        var body = Text("5511999990206", new string('a', 1_100_000));

        var response = await PostAsync(f.Client, body, Url);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("webhook-messages-upsert-text.json", "received", 1)]
    [InlineData("webhook-messages-upsert-extended-text-reply.json", "received", 1)]
    [InlineData("webhook-messages-upsert-audio.json", "received", 1)]
    [InlineData("webhook-messages-upsert-image-caption.json", "received", 1)]
    [InlineData("v1/webhook-messages-upsert-text.v1.json", "received", 1)]
    [InlineData("webhook-messages-upsert-fromme.json", "ignored", 0)]
    [InlineData("webhook-messages-upsert-group.json", "ignored", 0)]
    [InlineData("webhook-send-message.json", "ignored", 0)]
    [InlineData("webhook-connection-update-open.json", "received", 0)]
    [InlineData("webhook-connection-update-close.json", "received", 0)]
    public async Task EveryFixtureKindIsAcknowledged(string fixture, string status, int rowsStored)
    {
        var body = Fixture(fixture);
        var id = body["data"]?["key"]?["id"]?.GetValue<string>();
        if (id is not null) body["data"]!["key"]!["id"] = $"{id}-{fixture.GetHashCode():X}";

        var response = await PostAsync(f.Client, body, Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(status, JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        if (id is not null)
            Assert.Equal(rowsStored, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = @id", new { id = $"{id}-{fixture.GetHashCode():X}" }));
    }

    [Fact]
    public async Task AnEditOrADeletionIsIgnoredWith200AndNotAnswered()
    {
        const string phone = "5511999990208";
        var jid = phone + "@s.whatsapp.net";
        // Evolution v2: messages.edited carries the protocol message; the edit also comes inside a messages.upsert.
        var edited = new JsonObject
        {
            ["event"] = "messages.edited", ["instance"] = Fixture("webhook-messages-upsert-text.json")["instance"]!.GetValue<string>(),
            ["data"] = new JsonObject
            {
                ["key"] = new JsonObject { ["remoteJid"] = jid, ["fromMe"] = false, ["id"] = "EDIT-ORIGINAL-1" },
                ["type"] = "MESSAGE_EDIT",
                ["editedMessage"] = new JsonObject { ["conversation"] = "não quero mais receber mensagens" },
                ["timestampMs"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            },
        };
        var upsert = Text(phone, "x");
        upsert["data"]!["message"] = new JsonObject
        {
            ["protocolMessage"] = new JsonObject
            {
                ["key"] = new JsonObject { ["remoteJid"] = jid, ["fromMe"] = false, ["id"] = "EDIT-ORIGINAL-1" },
                ["type"] = "MESSAGE_EDIT",
                ["editedMessage"] = new JsonObject { ["conversation"] = "não quero mais receber mensagens" },
            },
        };
        upsert["data"]!["messageType"] = "protocolMessage";
        var deleted = new JsonObject
        {
            ["event"] = "messages.delete", ["instance"] = edited["instance"]!.GetValue<string>(),
            ["data"] = new JsonObject { ["remoteJid"] = jid, ["fromMe"] = false, ["id"] = "EDIT-ORIGINAL-1" },
        };

        foreach (var body in new[] { edited, upsert, deleted })
        {
            var response = await PostAsync(f.Client, body, Url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("ignored", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        }
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = @phone", new { phone }));
    }

    [Fact]
    public async Task ForeignInstanceIsIgnoredWith200()
    {
        var body = Text("5511999990207", "oi");
        body["instance"] = "outra-instancia";

        var response = await PostAsync(f.Client, body, Url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5511999990207'"));
    }

    [Fact]
    public async Task ConnectionUpdatesAreKeptInRedis()
    {
        await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"), Url);

        var redis = f.App.Services.GetService(typeof(Julia.Infrastructure.Redis.RedisGate)) as Julia.Infrastructure.Redis.RedisGate;
        var state = await redis!.Multiplexer.GetDatabase(f.Redis.Database).HashGetAsync("whatsapp:estado", "estado");
        Assert.Equal("close", state.ToString());
        // Without Evolution (this fixture's sandbox) a "close" still stops sends until an "open": readiness says so.
        var ready = System.Text.Json.Nodes.JsonNode.Parse(await f.Client.GetStringAsync("/health/ready"))!;
        Assert.Contains("sandbox: close", ready.ToJsonString());
        await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"), Url);
        Assert.DoesNotContain("sandbox: close", await f.Client.GetStringAsync("/health/ready"));
    }

    static string Jwt(string key, DateTimeOffset expires)
    {
        static string B64(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var header = B64(Encoding.UTF8.GetBytes("""{"alg":"HS256","typ":"JWT"}"""));
        var payload = B64(Encoding.UTF8.GetBytes($$"""{"iat":{{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}},"exp":{{expires.ToUnixTimeSeconds()}},"app":"evolution","action":"webhook"}"""));
        var signature = B64(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }
}
