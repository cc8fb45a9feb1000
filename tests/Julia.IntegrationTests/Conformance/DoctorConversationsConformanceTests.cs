using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Journeys;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The real host with the real agent (the production Anthropic client talking to <see cref="FakeAnthropic"/>) and the real
/// Evolution client (<see cref="FakeEvolution"/>), both on loopback, and a 2 s burst window: what a doctor experiences over
/// several WhatsApp messages, checked by what the model was asked and what WhatsApp delivered.
/// </summary>
public class DoctorConversationsFixture : ShiftJourneyFixture
{
    protected override Dictionary<string, string?> Settings
    {
        get
        {
            var settings = base.Settings;
            settings["DEBOUNCE_SEGUNDOS"] = "2";
            settings["DEBOUNCE_MAX_SEGUNDOS"] = "20";
            return settings;
        }
    }

    /// <summary>The doctor's messages processed and every send they led to recorded.</summary>
    public async Task SettledAsync(string phone)
    {
        await WaitProcessedAsync(phone);
        await WaitSendsRecordedAsync(phone);
    }

    /// <summary>How many of his messages are stored (`interacoes` `entrada`).</summary>
    public Task<long> InboundCountAsync(string phone) => ScalarAsync<long>("""
        SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'
        """, new { phone });

    /// <summary>The webhook response's `status` (`processed`, `ignored`, `duplicate`…).</summary>
    public static async Task<string> StatusOf(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>();
}

/// <summary>
/// Blind scenarios of a doctor's conversation (bursts, edits, deletions, reactions, echoes), written from the SPEC and the
/// runbooks before reading the code; the ones the other test classes already covered are not repeated here.
/// </summary>
public sealed class DoctorConversationsConformanceTests(DoctorConversationsFixture f) : IClassFixture<DoctorConversationsFixture>
{
    internal static string NewId() => "3EB0" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

    internal static string LastUserOf(JsonObject request) =>
        request["messages"]!.AsArray().Last(m => m!["role"]!.GetValue<string>() == "user") is { } user ? FakeModelServer.Content(user!) : "";

    Task SettledAsync(string phone) => f.SettledAsync(phone);

    static JsonObject Key(string phone, string id) => new() { ["remoteJid"] = phone + "@s.whatsapp.net", ["fromMe"] = false, ["id"] = id };

    /// <summary>
    /// A protocol message's key as WhatsApp writes it: from the SENDER's side — the doctor's phone names the chat with
    /// Júlia's number and his own message as `fromMe` (Baileys says so where it flips it for its own events).
    /// </summary>
    static JsonObject SenderSideKey(string id) => new() { ["remoteJid"] = "5511999990000@s.whatsapp.net", ["fromMe"] = true, ["id"] = id };

    /// <summary>
    /// An edit of message <paramref name="target"/>, in each shape Evolution v2 sends one. <paramref name="edited"/>: what
    /// the edit carries, when not a text (a caption edit carries the media message with its new caption).
    /// </summary>
    internal static JsonObject Edit(string shape, string phone, string target, string text, JsonObject? edited = null)
    {
        var protocol = new JsonObject
        {
            ["key"] = SenderSideKey(target), ["type"] = "MESSAGE_EDIT", ["editedMessage"] = edited ?? new JsonObject { ["conversation"] = text },
            ["timestampMs"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(),
        };
        if (shape == "messages.edited")
            return new JsonObject { ["event"] = "messages.edited", ["instance"] = "julia", ["data"] = protocol };
        var body = Text(phone, "x", NewId());
        var data = body["data"]!.AsObject();
        if (shape == "upsert-editedMessage")   // 2.2: the protocol message wrapped in `editedMessage`
        {
            data["message"] = new JsonObject { ["editedMessage"] = new JsonObject { ["message"] = new JsonObject { ["protocolMessage"] = protocol } } };
            data["messageType"] = "editedMessage";
        }
        else
        {
            data["message"] = new JsonObject { ["protocolMessage"] = protocol };
            data["messageType"] = "protocolMessage";
        }
        return body;
    }

    /// <summary>A deletion for everyone of message <paramref name="target"/>, in each shape Evolution v2 sends one.</summary>
    internal static JsonObject Deletion(string shape, string phone, string target)
    {
        if (shape == "messages.delete")
            return new JsonObject { ["event"] = "messages.delete", ["instance"] = "julia", ["data"] = Key(phone, target) };
        if (shape == "messages.edited-revoke")   // newer Evolution: every protocol message as `messages.edited`
            return new JsonObject { ["event"] = "messages.edited", ["instance"] = "julia", ["data"] = new JsonObject { ["key"] = SenderSideKey(target), ["type"] = "REVOKE" } };
        var body = Text(phone, "x", NewId());
        body["data"]!["message"] = new JsonObject { ["protocolMessage"] = new JsonObject { ["key"] = SenderSideKey(target), ["type"] = "REVOKE" } };
        body["data"]!["messageType"] = "protocolMessage";
        return body;
    }

    /// <summary>
    /// B1: "oi", "tudo bem?", "tem plantão de noite?" within a second are one turn: one model call whose last user message
    /// holds the three lines in the order he wrote them, and one reply on WhatsApp.
    /// </summary>
    [Fact]
    public async Task ABurstIsOneModelCallWithEveryLineInOrderAndOneReply()
    {
        const string phone = "5511977710001", marker = "(cb01)";
        f.Anthropic.ScriptFor(marker, Text("Oi! Tenho sim, sexta 19h no Hospital Central. Quer?"));

        foreach (var line in new[] { $"oi {marker}", "tudo bem?", "tem plantão de noite?" })
            Assert.Equal(HttpStatusCode.OK, (await PostAsync(f.Client, Text(phone, line))).StatusCode);
        await SettledAsync(phone);

        var request = Assert.Single(f.Anthropic.RequestsCarrying(marker));
        var user = LastUserOf(request);
        Assert.True(user.IndexOf("oi (cb01)", StringComparison.Ordinal) < user.IndexOf("tudo bem?", StringComparison.Ordinal)
                    && user.IndexOf("tudo bem?", StringComparison.Ordinal) < user.IndexOf("tem plantão de noite?", StringComparison.Ordinal), user);
        Assert.Equal(["Oi! Tenho sim, sexta 19h no Hospital Central. Quer?"], f.SentTo(phone));
    }

    /// <summary>
    /// C5: he writes "tem plantão dia 15?" and corrects it to "dia 16" before Júlia answered: the model reads the corrected
    /// question, never the one he took back, and he gets one reply.
    /// </summary>
    [Theory]
    [InlineData("messages.edited", "5511977710011")]
    [InlineData("upsert-editedMessage", "5511977710012")]
    [InlineData("upsert-protocolMessage", "5511977710013")]
    public async Task AnEditBeforeJuliaAnsweredIsWhatTheModelReads(string shape, string phone)
    {
        var marker = $"(ce{phone[^2..]})";
        f.Anthropic.ScriptFor(marker, Text("Dia 16 tenho noturno no Hospital Central. Quer?"));
        var original = NewId();

        await PostAsync(f.Client, Text(phone, $"tem plantão dia 15? {marker}", original));
        var edited = await PostAsync(f.Client, Edit(shape, phone, original, $"tem plantão dia 16? {marker}"));
        await SettledAsync(phone);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var request = Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Contains("dia 16", LastUserOf(request));
        Assert.DoesNotContain("dia 15", request.ToJsonString());
        Assert.Single(f.SentTo(phone));
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone }));
    }

    /// <summary>
    /// C7: a message he deleted for everyone before Júlia answered never reaches the model, and when it was all he wrote,
    /// nothing is answered (WhatsApp shows him "Mensagem apagada"; a reply to it would answer words he took back).
    /// </summary>
    [Theory]
    [InlineData("messages.delete", "5511977710021")]
    [InlineData("upsert-revoke", "5511977710022")]
    [InlineData("messages.edited-revoke", "5511977710023")]
    public async Task AMessageDeletedBeforeJuliaAnsweredIsNeitherReadNorAnswered(string shape, string phone)
    {
        var marker = $"(cd{phone[^2..]})";
        var original = NewId();

        await PostAsync(f.Client, Text(phone, $"meu cpf é 123.456.789-00 {marker}", original));
        var deleted = await PostAsync(f.Client, Deletion(shape, phone, original));
        await SettledAsync(phone);
        await Task.Delay(TimeSpan.FromSeconds(3));   // past the burst window: a turn that was going to run has run

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(f.Anthropic.RequestsCarrying(marker));
        Assert.Empty(f.SentTo(phone));
        var stored = await f.ScalarAsync<string>("""
            SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone });
        Assert.DoesNotContain("cpf", stored);
    }

    /// <summary>
    /// C7 inside a burst: of "meu telefone pessoal é …" (deleted) and "tem plantão sábado?", the model reads only the second,
    /// and he gets one reply.
    /// </summary>
    [Fact]
    public async Task OfABurstTheDeletedLineIsLeftOutAndTheRestAnswered()
    {
        const string phone = "5511977710031", marker = "(cd31)";
        f.Anthropic.ScriptFor(marker, Text("Sábado tenho diurno no Hospital Central. Quer?"));
        var first = NewId();

        await PostAsync(f.Client, Text(phone, "meu telefone pessoal é 11 91234-5678", first));
        await PostAsync(f.Client, Text(phone, $"tem plantão sábado? {marker}"));
        await PostAsync(f.Client, Deletion("messages.delete", phone, first));
        await SettledAsync(phone);

        var request = Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.DoesNotContain("91234", request.ToJsonString());
        Assert.Equal(["Sábado tenho diurno no Hospital Central. Quer?"], f.SentTo(phone));
    }

    /// <summary>
    /// C4: an edit of a message Júlia already answered is not a second question (documented: ignored); C8: a 👍 reaction
    /// to her offer is not an acceptance — neither calls the model nor sends anything.
    /// </summary>
    [Fact]
    public async Task AfterTheReplyAReactionOrAnEditOfTheAnsweredMessageAsksNothingAndSendsNothing()
    {
        const string phone = "5511977710041", marker = "(cr41)";
        f.Anthropic.ScriptFor(marker, Text("Tenho sexta 19h no Hospital Central, R$ 2.100. Quer?"));
        var original = NewId();
        await PostAsync(f.Client, Text(phone, $"tem plantão sexta? {marker}", original));
        await SettledAsync(phone);
        var outbound = await f.ScalarAsync<string>("""
            SELECT i.provider_message_id FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'saida'
            """, new { phone });

        var reaction = Text(phone, "x", NewId());
        reaction["data"]!["message"] = new JsonObject
        {
            ["reactionMessage"] = new JsonObject { ["key"] = new JsonObject { ["remoteJid"] = phone + "@s.whatsapp.net", ["fromMe"] = true, ["id"] = outbound }, ["text"] = "👍" },
        };
        reaction["data"]!["messageType"] = "reactionMessage";
        var answers = new[]
        {
            await PostAsync(f.Client, reaction),
            await PostAsync(f.Client, Edit("messages.edited", phone, original, $"tem plantão sexta à noite? {marker}")),
            // staff editing Júlia's own message from the company's phone: an edit event names only the id, and hers is no
            // doctor's message
            await PostAsync(f.Client, Edit("messages.edited", phone, outbound, "texto trocado pela equipe")),
        };
        await Task.Delay(TimeSpan.FromSeconds(3));
        await SettledAsync(phone);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Single(f.SentTo(phone));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM reservas_vaga r JOIN medicos m ON m.id = r.medico_id WHERE m.telefone = @phone", new { phone }));
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE conteudo = 'texto trocado pela equipe'"));
    }

    /// <summary>
    /// J9/J10: Júlia's own reply comes back from Evolution as a `fromMe` upsert and as `send.message`: neither is stored as
    /// the doctor's, and his next turn shows her reply to the model once, as hers.
    /// </summary>
    [Fact]
    public async Task JuliasEchoIsNeverTheDoctorsAndHerReplyIsInHistoryOnce()
    {
        const string phone = "5511977710051", first = "(cj51a)", second = "(cj51b)";
        const string reply = "Oi! Sou a Júlia, assistente virtual da Revoluna. Tenho sexta 19h no Hospital Central.";
        f.Anthropic.ScriptFor(first, Text(reply));
        await PostAsync(f.Client, Text(phone, $"oi {first}"));
        await SettledAsync(phone);

        var echo = Text(phone, reply, NewId());
        echo["data"]!["key"]!["fromMe"] = true;
        var sent = echo.DeepClone().AsObject();
        sent["event"] = "send.message";
        Assert.Equal("ignored", JsonNode.Parse(await (await PostAsync(f.Client, echo)).Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal("ignored", JsonNode.Parse(await (await PostAsync(f.Client, sent)).Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        f.Anthropic.ScriptFor(second, Text("Fechado!"));
        await PostAsync(f.Client, Text(phone, $"e sábado? {second}"));
        await SettledAsync(phone);

        var request = Assert.Single(f.Anthropic.RequestsCarrying(second));
        var messages = request["messages"]!.AsArray();
        Assert.Equal(1, messages.Count(m => FakeModelServer.Content(m!).Contains("Hospital Central", StringComparison.Ordinal)));
        Assert.Equal("assistant", messages.Single(m => FakeModelServer.Content(m!).Contains("Hospital Central", StringComparison.Ordinal))!["role"]!.GetValue<string>());
        Assert.Equal(2, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone }));
    }

    /// <summary>
    /// J2: "tem plantão sábado?" then "e domingo também?" a few seconds later, but Evolution delivered the first one last
    /// (its webhook was retried): one turn, and the model reads them in the order he wrote them — without the
    /// "recebida com atraso" note, which is for messages minutes late.
    /// </summary>
    [Fact]
    public async Task TwoLinesDeliveredOutOfOrderReachTheModelInTheOrderHeWroteThem()
    {
        const string phone = "5511977710061", marker = "(co61)";
        f.Anthropic.ScriptFor(marker, Text("Sábado e domingo tenho noturno no Hospital Central. Quer os dois?"));
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var first = Text(phone, $"tem plantão sábado? {marker}");
        first["data"]!["messageTimestamp"] = now - 8;
        var second = Text(phone, "e domingo também?");
        second["data"]!["messageTimestamp"] = now - 2;

        await PostAsync(f.Client, second);
        await PostAsync(f.Client, first);
        await SettledAsync(phone);

        var user = LastUserOf(Assert.Single(f.Anthropic.RequestsCarrying(marker)));
        Assert.True(user.IndexOf("sábado", StringComparison.Ordinal) < user.IndexOf("domingo", StringComparison.Ordinal), user);
        Assert.DoesNotContain("recebida com atraso", user);
        Assert.Single(f.SentTo(phone));
    }

    /// <summary>Waits until <paramref name="done"/> holds (a model call arrived, a row appeared), at most 20 s.</summary>
    internal static async Task UntilAsync(Func<Task<bool>> done, string what)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while (!await done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"never happened: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// Round 2, left by round 1 (docs/decisions.md#inbound, "Edits and deletions"): he corrects "dia 15" to "dia 16" while
    /// the model is writing the answer to "dia 15". The stale answer is dropped and the turn runs again on his corrected
    /// words: WhatsApp delivers one reply, to "dia 16".
    /// </summary>
    [Fact]
    public async Task AnEditWhileTheModelIsWritingIsAnsweredInsteadOfTheWordsHeCorrected()
    {
        const string phone = "5511977710071", marker = "(cw71)";
        f.Anthropic.ScriptFor(marker, Text("Dia 15 tenho noturno no Hospital Central. Quer?") with { Delay = TimeSpan.FromSeconds(3) },
            Text("Dia 16 tenho noturno no Hospital Central. Quer?"));
        var original = NewId();

        await PostAsync(f.Client, Text(phone, $"tem plantão dia 15? {marker}", original));
        await UntilAsync(() => Task.FromResult(f.Anthropic.RequestsCarrying(marker).Count >= 1), "the model call");
        var edited = await PostAsync(f.Client, Edit("messages.edited", phone, original, $"tem plantão dia 16? {marker}"));
        await UntilAsync(() => Task.FromResult(f.Anthropic.RequestsCarrying(marker).Count >= 2), "the second model call");
        await SettledAsync(phone);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        var requests = f.Anthropic.RequestsCarrying(marker);
        Assert.Equal(2, requests.Count);
        Assert.Contains("dia 16", LastUserOf(requests[1]));
        Assert.DoesNotContain("dia 15", requests[1].ToJsonString());
        Assert.Equal(["Dia 16 tenho noturno no Hospital Central. Quer?"], f.SentTo(phone));
    }

    /// <summary>
    /// Round 2: of "tem plantão sábado?" and "meu pix é …", he deletes the second while the model is writing: the turn runs
    /// again without it, and the reply WhatsApp delivers was written without the line he took back.
    /// </summary>
    [Fact]
    public async Task ALineDeletedWhileTheModelIsWritingIsLeftOutOfTheReply()
    {
        const string phone = "5511977710072", marker = "(cw72)";
        f.Anthropic.ScriptFor(marker, Text("Sábado tenho diurno, e anotei seu pix 123.456.789-00.") with { Delay = TimeSpan.FromSeconds(3) },
            Text("Sábado tenho diurno no Hospital Central. Quer?"));
        var pix = NewId();

        await PostAsync(f.Client, Text(phone, $"tem plantão sábado? {marker}"));
        await PostAsync(f.Client, Text(phone, "meu pix é 123.456.789-00", pix));
        await UntilAsync(() => Task.FromResult(f.Anthropic.RequestsCarrying(marker).Count >= 1), "the model call");
        Assert.Contains("123.456.789-00", LastUserOf(f.Anthropic.RequestsCarrying(marker)[0]));   // one turn read both lines
        var deleted = await PostAsync(f.Client, Deletion("messages.delete", phone, pix));
        await UntilAsync(() => Task.FromResult(f.Anthropic.RequestsCarrying(marker).Count >= 2), "the second model call");
        await SettledAsync(phone);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        var requests = f.Anthropic.RequestsCarrying(marker);
        Assert.Equal(2, requests.Count);
        Assert.DoesNotContain("123.456", requests[1].ToJsonString());
        Assert.Equal(["Sábado tenho diurno no Hospital Central. Quer?"], f.SentTo(phone));
    }

    /// <summary>A photo with a caption, as Evolution v2 sends one.</summary>
    internal static JsonObject Photo(string phone, string caption, string id)
    {
        var body = Text(phone, "x", id);
        body["data"]!["message"] = new JsonObject { ["imageMessage"] = new JsonObject { ["caption"] = caption, ["mimetype"] = "image/jpeg" } };
        body["data"]!["messageType"] = "imageMessage";
        return body;
    }

    /// <summary>
    /// Round 2, left by round 1: he sends the roster photo captioned "escala do dia 15" and edits the caption to "dia 16"
    /// before Júlia answered (WhatsApp sends the caption edit as the media message with its new caption,
    /// `editedMessage.imageMessage.caption`): the model reads the corrected caption, never the old one, and he gets one reply.
    /// </summary>
    [Theory]
    [InlineData("messages.edited", "5511977710081")]
    [InlineData("upsert-editedMessage", "5511977710082")]
    [InlineData("upsert-protocolMessage", "5511977710083")]
    public async Task ACaptionEditBeforeJuliaAnsweredIsWhatTheModelReads(string shape, string phone)
    {
        var marker = $"(cc{phone[^2..]})";
        f.Anthropic.ScriptFor(marker, Text("Recebi a escala, dia 16 tenho noturno no Hospital Central. Quer?"));
        var photo = NewId();

        await PostAsync(f.Client, Photo(phone, $"escala do dia 15 pra vc ver {marker}", photo));
        var edited = await PostAsync(f.Client, Edit(shape, phone, photo, "",
            new JsonObject { ["imageMessage"] = new JsonObject { ["caption"] = $"escala do dia 16 pra vc ver {marker}" } }));
        await SettledAsync(phone);

        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("received", JsonNode.Parse(await edited.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        var request = Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Contains("dia 16", LastUserOf(request));
        Assert.DoesNotContain("dia 15", request.ToJsonString());
        Assert.Single(f.SentTo(phone));
    }
}
