using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Julia.IntegrationTests.Conversations;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.WhatsApp;

/// <summary>
/// What a hostile sender with a valid token could do with sizes and addresses (docs/decisions.md#security): nothing of
/// his reaches the log, the database or the model unbounded, and a reply goes only to the address his identity came from.
/// </summary>
public sealed class HostileSenderTests(WebhookFixture f) : IClassFixture<WebhookFixture>
{
    const string Url = "/webhook/evolution?token=" + WebhookFixture.Token;

    [Fact]
    public async Task HugeFieldsAreBoundedBeforeTheLogTheDatabaseOrTheModel()
    {
        var logsBefore = f.App.Logs.Lines.Count;

        var hugeId = Text("5511999990301", "oi", id: new string('é', 110_000));
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(f.Client, hugeId, Url)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(f.Client, hugeId, Url)).StatusCode); // a resend: no log line either

        var state = new JsonObject { ["event"] = "connection.update", ["instance"] = "julia",
            ["data"] = new JsonObject { ["instance"] = "julia", ["state"] = string.Concat(Enumerable.Repeat("ZQXJ", 125_000)) } };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, state, Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, new JsonObject { ["event"] = "connection.update", ["instance"] = "julia",
            ["data"] = new JsonObject { ["instance"] = "julia", ["state"] = "open" } }, Url)).StatusCode);

        const string named = "5511999990302";
        var pushName = Text(named, "oi, tem plantão?", pushName: "Dra. Ana\r\nINFO forjado\u001b[2J" + new string('P', 1_000_000 - 30));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, pushName, Url)).StatusCode);
        var firstName = await f.ScalarAsync<string>("SELECT primeiro_nome FROM medicos WHERE telefone = @named", new { named });
        Assert.True(firstName.Length <= 100 && !firstName.Any(char.IsControl), $"{firstName.Length} characters: {firstName[..Math.Min(40, firstName.Length)]}");

        const string captioned = "5511999990303";
        var image = Text(captioned, "x");
        image["data"]!["message"] = new JsonObject { ["imageMessage"] = new JsonObject {
            ["mimetype"] = new string('m', 10_000), ["caption"] = "olha a escala deste mês " + new string('c', 400_000) } };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, image, Url)).StatusCode);
        await f.WaitProcessedAsync(captioned);
        var (caption, mimetype) = await f.ScalarAsync<string>("""
            SELECT i.midia::text FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @captioned AND i.direcao = 'entrada'
            """, new { captioned }) is var midia ? (JsonNode.Parse(midia)!["caption"]!.GetValue<string>(), JsonNode.Parse(midia)!["mimetype"]!.GetValue<string>()) : default;
        Assert.Equal(4_000 + "...".Length, caption.Length); // MAX_MENSAGEM_CHARS
        Assert.Equal(100, mimetype.Length);

        var lines = f.App.Logs.Lines.Skip(logsBefore).ToList();
        Assert.DoesNotContain(lines, l => l.Message.Length > 2_000);
        Assert.DoesNotContain(lines, l => l.Message.Contains("INFO forjado"));
    }

    [Fact]
    public async Task RepliesGoOnlyToTheAddressTheDoctorWasIdentifiedBy()
    {
        // Garbage in remoteJid beside a valid phone in remoteJidAlt: the doctor is the phone, and so is his reply address.
        var garbage = Text("5521999990101", "oi, tem plantão?");
        garbage["data"]!["key"]!["remoteJid"] = new string('x', 2_000) + "@lid";
        garbage["data"]!["key"]!["remoteJidAlt"] = "5521999990101@s.whatsapp.net";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, garbage, Url)).StatusCode);
        await f.WaitProcessedAsync("5521999990101");
        Assert.Equal("5521999990101@s.whatsapp.net", await JidAsync("5521999990101"));
        Assert.Equal(["5521999990101@s.whatsapp.net"], await f.QueryAsync<string>("""
            SELECT i.remote_jid FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = '5521999990101' AND i.direcao = 'entrada'
            """));
        Assert.Contains(await f.QueueAsync("5521999990101"), q => q.Tipo == "resposta");

        // Two different numbers: the one the message came from (remoteJid, a legacy @c.us) is the doctor and his address.
        var twoNumbers = Text("5511999990199", "oi");
        twoNumbers["data"]!["key"]!["remoteJid"] = "5511999990199@c.us";
        twoNumbers["data"]!["key"]!["remoteJidAlt"] = "5521999990102@s.whatsapp.net";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, twoNumbers, Url)).StatusCode);
        Assert.Equal("5511999990199@s.whatsapp.net", await JidAsync("5511999990199")); // WhatsApp's own form
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5521999990102'"));

        // Two addresses glued together are no address: ignored, nobody created.
        var glued = Text("5521999990103", "oi");
        glued["data"]!["key"]!["remoteJid"] = "5521999990103@s.whatsapp.net@s.whatsapp.net";
        using var response = await PostAsync(f.Client, glued, Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("ignored", await response.Content.ReadAsStringAsync());
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5521999990103'"));
    }

    [Fact]
    public async Task ALidOnlyDoctorKeepsHisMessagesWhenHisPhoneComesBesideHisLid()
    {
        const string lid = "300000000000001@lid";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, FromLid(lid, "oi, sou eu"), Url)).StatusCode);
        var doctor = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE whatsapp_lid = @lid", new { lid });

        // The phone in remoteJidAlt (LID-addressed chat), then the other way round: both are his messages.
        var lidFirst = FromLid(lid, "tem plantão sábado?");
        lidFirst["data"]!["key"]!["remoteJidAlt"] = "5511977770001@s.whatsapp.net";
        var phoneFirst = Text("5511977770001", "e domingo?");
        phoneFirst["data"]!["key"]!["remoteJidAlt"] = lid;
        foreach (var body in new[] { lidFirst, phoneFirst })
        {
            using var response = await PostAsync(f.Client, body, Url);
            Assert.Contains("received", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(3, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @doctor AND direcao = 'entrada'", new { doctor }));
        // He is given the phone (the LID↔phone pair): found by it from now on.
        Assert.Equal("5511977770001", await f.ScalarAsync<string>("SELECT telefone FROM medicos WHERE id = @doctor", new { doctor }));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5511977770001' AND id <> @doctor", new { doctor }));

        // One person, one LID: a device suffix or the suffix's case do not make another doctor.
        foreach (var variant in new[] { "300000000000001:7@lid", "300000000000001@LID" })
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, FromLid(variant, "oi de novo"), Url)).StatusCode);
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE whatsapp_lid LIKE '300000000000001%'"));
        Assert.Equal(5, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @doctor AND direcao = 'entrada'", new { doctor }));
    }

    [Fact]
    public async Task AnotherDoctorsLidNeverBecomesAReplyAddress()
    {
        // X: phone and LID; Y: phone only. A message naming X's LID with Y's phone is Y's, and Y's replies stay on Y's phone.
        var x = Text("5511968880001", "oi");
        x["data"]!["key"]!["remoteJid"] = "400000000000001@lid";
        x["data"]!["key"]!["remoteJidAlt"] = "5511968880001@s.whatsapp.net";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, x, Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text("5511968880002", "oi"), Url)).StatusCode);
        Assert.Equal("400000000000001@lid", await f.ScalarAsync<string>("SELECT whatsapp_lid FROM medicos WHERE telefone = '5511968880001'"));

        var forged = Text("5511968880002", "quero plantão");
        forged["data"]!["key"]!["remoteJid"] = "400000000000001@lid";
        forged["data"]!["key"]!["remoteJidAlt"] = "5511968880002@s.whatsapp.net";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, forged, Url)).StatusCode);
        Assert.Equal("5511968880002@s.whatsapp.net", await JidAsync("5511968880002"));

        // A phone JID in any written form is answered in WhatsApp's own form.
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Raw("+5511969990007@s.whatsapp.net", "oi"), Url)).StatusCode);
        Assert.Equal("5511969990007@s.whatsapp.net", await JidAsync("5511969990007"));
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Raw("5511969990008:abc@S.WHATSAPP.NET", "oi"), Url)).StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE whatsapp_jid LIKE '%abc%' OR whatsapp_jid LIKE '%WHATSAPP%'"));
    }

    /// <summary>
    /// A new number beside a LID another doctor (with another number) holds — a changed number, or a payload gluing two
    /// people — is a doctor of his own: his words never join the other's conversation (a black-box fuzz, 2026-12-03:
    /// the message was filed under the LID's doctor and answered on his number).
    /// </summary>
    [Fact]
    public async Task ANewNumberBesideAnotherNumbersLidIsADoctorOfItsOwn()
    {
        var x = Text("5511968880011", "oi");
        x["data"]!["key"]!["remoteJid"] = "400000000000011@lid";
        x["data"]!["key"]!["remoteJidAlt"] = "5511968880011@s.whatsapp.net";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, x, Url)).StatusCode);
        var xId = await f.ScalarAsync<Guid>("SELECT id FROM medicos WHERE telefone = '5511968880011'");

        var other = Text("5511968880012", "tem plantão sábado?");
        other["data"]!["key"]!["remoteJidAlt"] = "400000000000011@lid";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, other, Url)).StatusCode);

        var y = await f.QueryAsync<(Guid Id, string? Lid, string Jid)>(
            "SELECT id, whatsapp_lid, whatsapp_jid FROM medicos WHERE telefone = '5511968880012'");
        var (yId, yLid, yJid) = Assert.Single(y);
        Assert.Null(yLid);
        Assert.Equal("5511968880012@s.whatsapp.net", yJid);
        Assert.Equal(yId, await f.ScalarAsync<Guid>("SELECT medico_id FROM interacoes WHERE conteudo = 'tem plantão sábado?'"));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE medico_id = @xId AND conteudo = 'tem plantão sábado?'", new { xId }));
        Assert.Equal("400000000000011@lid", await f.ScalarAsync<string>("SELECT whatsapp_lid FROM medicos WHERE id = @xId", new { xId }));
    }

    [Fact]
    public async Task AMessageIdAnotherSenderUsedCreatesNoDoctor()
    {
        const string id = "3EB0C0FFEE0000000000000000000001";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text("5511966660001", "oi", id: id), Url)).StatusCode);
        using var second = await PostAsync(f.Client, Text("5511966660002", "oi", id: id), Url);
        Assert.Contains("duplicate", await second.Content.ReadAsStringAsync());
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5511966660002'"));
    }

    /// <summary>
    /// Addresses of numbers nobody can have (an outside fuzzing pass: each was a 200 "received" and a new doctor): a
    /// leading 0, the 00 dialling prefix inside a JID (a second doctor for the same person), and for 55 a DDD off the list
    /// or a subscriber outside the numbering plan. Ignored with a 200, no row; foreign numbers are still doctors.
    /// </summary>
    [Fact]
    public async Task ANumberNobodyHasCreatesNoDoctorAndForeignNumbersStillDo()
    {
        const string doctor = "5511972030286";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(doctor, "oi"), Url)).StatusCode);
        var before = await f.ScalarAsync<long>("SELECT count(*) FROM medicos");

        string[] nobody =
        [
            "0000000000", "0123456789", "08001234567", "0800 123 4567", "00000000000000", "000000000000000", "0" + doctor[2..], "00" + doctor,
            "5500000000000", "5511000000000", "5511100000000", "551100000000", "551112345678", "5520972030286", "5510972030286",
            "5590972030286", "5511872030286", "55119720302860", "5511972030", "55119720302",
        ];
        foreach (var number in nobody)
            foreach (var suffix in new[] { "@s.whatsapp.net", ":2@c.us" })
            {
                using var response = await PostAsync(f.Client, Raw(number + suffix, "Oi, tem plantão?"), Url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.True((await response.Content.ReadAsStringAsync()).Contains("ignored"), number + suffix);
            }
        Assert.Equal(before, await f.ScalarAsync<long>("SELECT count(*) FROM medicos"));
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @doctor AND i.direcao = 'entrada'", new { doctor }));

        // Other countries' numbers, as WhatsApp delivers them, are doctors as before.
        foreach (var foreign in new[] { "14155550177", "447911120177", "4915112340177" })
        {
            using var response = await PostAsync(f.Client, Raw(foreign + "@s.whatsapp.net", "hello, any shifts?"), Url);
            Assert.Contains("received", await response.Content.ReadAsStringAsync());
            Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = @foreign", new { foreign }));
        }
    }

    /// <summary>
    /// One bad character in a doctor's text (an outside fuzzing pass: the message was stored as `[mensagem não suportada]`
    /// and he got no answer): escaped lone surrogates, raw bytes that are not UTF-8, overlong sequences — in the text, a
    /// caption and the pushName. The text is stored with U+FFFD in its place, and the turn is answered.
    /// </summary>
    [Fact]
    public async Task OneBadCharacterKeepsTheTextAndTheDoctorIsAnswered()
    {
        string[] kinds = ["\\ud800", "\\udc00", "\\udc00\\ud800", "E9", "FF", "E282", "C0AF", "E080AF", "F08080AF", "EDA080"];
        for (var i = 0; i < kinds.Length; i++)
        {
            var bad = kinds[i].StartsWith('\\') ? System.Text.Encoding.ASCII.GetBytes(kinds[i]) : Convert.FromHexString(kinds[i]);
            var phone = $"5511972040{i:D3}";
            var body = Text(phone, "Oi, tem plantão§ sábado?", pushName: "Ana§ Souza");
            if (i % 2 == 1) body["data"]!["message"] = new JsonObject { ["imageMessage"] = new JsonObject { ["caption"] = "a escala§ deste mês, tem plantão?" } };
            // The body as UTF-8, with the bad bytes where '§' is.
            byte[] bytes = [.. body.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
                .Split('§').Select(System.Text.Encoding.UTF8.GetBytes).Aggregate((a, b) => [.. a, .. bad, .. b])];
            var content = new ByteArrayContent(bytes);
            content.Headers.ContentType = new("application/json");
            using var response = await f.Client.PostAsync(Url, content);
            Assert.True((await response.Content.ReadAsStringAsync()).Contains("received"), kinds[i]);
            await f.WaitProcessedAsync(phone);

            var (tipo, conteudo, caption) = (await f.QueryAsync<(string, string, string?)>("""
                SELECT i.tipo, i.conteudo, i.midia->>'caption' FROM interacoes i JOIN medicos m ON m.id = i.medico_id
                WHERE m.telefone = @phone AND i.direcao = 'entrada'
                """, new { phone })).Single();
            var text = i % 2 == 1 ? caption : conteudo;
            Assert.True(text is not null && text.Contains('\uFFFD') && (text.StartsWith("Oi, tem plantão") || text.StartsWith("a escala"))
                && !text.Any(char.IsSurrogate), $"{kinds[i]}: {tipo} {text}");
            Assert.Equal(i % 2 == 1 ? "imagem" : "texto", tipo);
            Assert.StartsWith("Ana\uFFFD", await f.ScalarAsync<string>("SELECT primeiro_nome FROM medicos WHERE telefone = @phone", new { phone }));
            Assert.Contains(await f.QueueAsync(phone), q => q.Tipo == "resposta");
        }
    }

    /// <summary>
    /// The noncharacter U+FFFE in a text or a caption (an outside fuzzing pass: .NET's Unicode normaliser throws on it, so
    /// the opt-out check failed the turn every few seconds with an ERROR and a stack trace, and the doctor — and any later
    /// message of his — was never answered). Read as U+FFFD: each doctor answered, no ERROR line.
    /// </summary>
    [Fact]
    public async Task ANoncharacterInTheTextIsReadAndTheDoctorIsAnswered()
    {
        var before = f.App.Logs.Lines.Count;
        const string text = "5511972070001", caption = "5511972070002", later = "5511972070003";
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(text, "Oi\uFFFE, tem plantão sábado?"), Url)).StatusCode);
        var image = Text(caption, "x");
        image["data"]!["message"] = new JsonObject { ["imageMessage"] = new JsonObject { ["caption"] = "\uFFFE\uFFFFa escala deste mês" } };
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, image, Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(later, "oi\uFFFE"), Url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(later, "tem plantão amanhã?"), Url)).StatusCode);

        foreach (var phone in new[] { text, caption, later })
        {
            await f.WaitProcessedAsync(phone);
            Assert.True((await f.QueueAsync(phone)).Any(q => q.Tipo == "resposta"), $"{phone} not answered");
        }
        Assert.DoesNotContain(f.App.Logs.Lines.Skip(before), l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    /// <summary>
    /// Sender text that is logged — `key.id` (INFO `Inbound … accepted`, DEBUG `duplicate delivery`), a `connection.update`
    /// state (WARNING `WhatsApp not connected`), a `remoteJid` nobody has — never reaches the log raw (an outside fuzzing
    /// pass): no control or format character (ANSI escapes, backspace, vertical tab, form feed, line breaks, U+202E,
    /// zero-width), no number unmasked.
    /// </summary>
    [Fact]
    public async Task SenderTextNeverReachesTheLogRaw()
    {
        var before = f.App.Logs.Lines.Count;
        const string phone = "5511972050001";
        string[] ids =
        [
            "3EB0\u001b[31mVERMELHO\u001b[0m", "AB\b\b\bCD", "ID\u000bVT\u000cFF", "\u202Eolleh-di", "ID\r\nINFO forjado", "ZQX\u2028Y\u0085Z",
            "ID\u200B\uFEFF\u2066X", "5511999990777", "+55 (11) 99999-0776",
        ];
        foreach (var id in ids)
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, "oi", id: id), Url)).StatusCode);
        Assert.Contains("duplicate", await (await PostAsync(f.Client, Text(phone, "oi", id: ids[0]), Url)).Content.ReadAsStringAsync());
        Assert.Contains("ignored", await (await PostAsync(f.Client, Raw("\u001b[2J0800\u202E5511999990775@s.whatsapp.net", "oi"), Url)).Content.ReadAsStringAsync());
        foreach (var state in new[] { "close\u001b[2J\u202E 5511999990778\r\nINFO forjado", "open" })
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, new JsonObject { ["event"] = "connection.update", ["instance"] = "julia",
                ["data"] = new JsonObject { ["instance"] = "julia", ["state"] = state } }, Url)).StatusCode);

        var lines = f.App.Logs.Lines.Skip(before).ToList(); // every level: `WhatsApp not connected` is an ERROR
        Assert.Equal(ids.Length, lines.Count(l => l.Message.StartsWith("Inbound ") && l.Message.Contains(" accepted")));
        Assert.Contains(lines, l => l.Message.Contains("WhatsApp not connected"));
        var raw = lines.Where(l => l.Message.Any(c => char.IsControl(c) || System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) is
            System.Globalization.UnicodeCategory.Format or System.Globalization.UnicodeCategory.LineSeparator)).ToList();
        Assert.True(raw.Count == 0, string.Join("\n", raw.Select(l => l.Message)));
        foreach (var number in new[] { "5511999990777", "99999-0776", "5511999990775", "5511999990778", "999990777", "999990775", "999990778" })
            Assert.DoesNotContain(lines, l => l.Message.Contains(number));
        Assert.Contains(lines, l => l.Message.Contains("Inbound 55119999***** accepted"));
    }

    /// <summary>
    /// One sender repeating what costs a log line (an outside fuzzing pass: 200 requests a second gave 200 lines a
    /// second): addresses nobody has — one WARNING a minute, saying how many it left out — and replayed deliveries, no
    /// line above DEBUG. Whatever the kind of address and however many.
    /// </summary>
    [Fact]
    public async Task AFloodFromOneSenderWritesABoundedNumberOfLines()
    {
        var before = f.App.Logs.Lines.Count;
        string[] unusable = ["abc@s.whatsapp.net", "0000000000@s.whatsapp.net", "5500000000000@s.whatsapp.net", "x@y@lid", "@lid", "../../etc/passwd"];
        for (var i = 0; i < 300; i++)
        {
            using var response = await PostAsync(f.Client, Raw(unusable[i % unusable.Length] + (i % 7 == 0 ? "" : new string(' ', i % 5)), "oi"), Url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        const string phone = "5511972060001";
        var replayed = Text(phone, "oi, tem plantão?");
        for (var i = 0; i < 200; i++) await PostAsync(f.Client, replayed, Url);

        var lines = f.App.Logs.Lines.Skip(before).ToList();
        Assert.True(lines.Count(l => l.Message.Contains("has no usable phone or LID")) <= 1, "more than one line a minute");
        Assert.DoesNotContain(lines, l => l.Level > Microsoft.Extensions.Logging.LogLevel.Debug && l.Message.Contains("duplicate delivery"));
        Assert.Single(lines, l => l.Message.StartsWith("Inbound ") && l.Message.Contains(" accepted"));
        Assert.True(lines.Count(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information) <= 20, $"{lines.Count} lines");
        // The warning itself is still written — once a minute — and says how many it left out.
        Assert.Contains(f.App.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains("has no usable phone or LID")
            && l.Message.Contains("more since the last such line"));
    }

    /// <summary>
    /// A padded or capitalised `open` (an outside fuzzing pass: " open" paused every send as a disconnection) is open:
    /// each kind after a `close`, sends go on and the log says connected.
    /// </summary>
    [Fact]
    public async Task APaddedOrCapitalisedOpenIsConnected()
    {
        var connection = f.App.Services.GetRequiredService<Julia.WhatsApp.WhatsAppConnection>();
        foreach (var open in new[] { " open", "open ", "OPEN", "\topen\r\n", "\u00a0 Open " })
        {
            await StateAsync("close");
            Assert.False(connection.CanSend);
            await StateAsync(open);
            Assert.True(connection.CanSend, $"\"{open}\" read as {connection.State}");
            Assert.Equal("open", connection.State);
        }
        Assert.Equal(HttpStatusCode.BadRequest, (await StateAsync("   ")).StatusCode);

        async Task<HttpResponseMessage> StateAsync(string state) => await PostAsync(f.Client, new JsonObject { ["event"] = "connection.update",
            ["instance"] = "julia", ["data"] = new JsonObject { ["instance"] = "julia", ["state"] = state } }, Url);
    }

    static JsonObject FromLid(string lid, string text) => Raw(lid, text);

    static JsonObject Raw(string remoteJid, string text)
    {
        var body = Text("5500000000000", text);
        body["data"]!["key"]!["remoteJid"] = remoteJid;
        return body;
    }

    Task<string> JidAsync(string phone) => f.ScalarAsync<string>("SELECT whatsapp_jid FROM medicos WHERE telefone = @phone", new { phone });
}
