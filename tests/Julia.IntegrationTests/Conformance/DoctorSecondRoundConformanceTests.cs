using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.Conformance.DoctorConversationsConformanceTests;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;
using static Julia.IntegrationTests.TestHost.FakeAnthropic;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The second blind set of a doctor's conversation (written before reading these features' tests; the scenario ids are
/// those of the set): duplicate deliveries, reactions, a voice note beside text, an opted-out doctor writing again, a
/// quoted offer, a second device (LID) mid-conversation, a handoff he asked for — on the real host, checked by what the
/// model was asked and what WhatsApp delivered.
/// </summary>
public sealed class DoctorSecondRoundConformanceTests(DoctorConversationsFixture f) : IClassFixture<DoctorConversationsFixture>
{
    Task SettledAsync(string phone) => f.SettledAsync(phone);

    static Task<string> StatusOf(HttpResponseMessage response) => DoctorConversationsFixture.StatusOf(response);

    Task<long> InboundCountAsync(string phone) => f.InboundCountAsync(phone);

    static JsonObject WithMessage(JsonObject body, string type, JsonObject content)
    {
        body["data"]!["message"] = new JsonObject { [type] = content };
        body["data"]!["messageType"] = type;
        return body;
    }

    /// <summary>D1: the same upsert delivered three times: received, duplicate, duplicate; one row, one model call, one send.</summary>
    [Fact]
    public async Task TheSameWebhookThreeTimesIsOneMessageAndOneReply()
    {
        const string phone = "5511977730001", marker = "(s2d1)";
        f.Anthropic.ScriptFor(marker, Text("Tenho sexta 19h no Hospital Central. Quer?"));
        var body = Text(phone, $"tem plantão sexta? {marker}", NewId());

        var statuses = new List<string>();
        for (var i = 0; i < 3; i++) statuses.Add(await StatusOf(await PostAsync(f.Client, body)));
        await SettledAsync(phone);

        Assert.Equal(["received", "duplicate", "duplicate"], statuses);
        Assert.Equal(1, await InboundCountAsync(phone));
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Equal(["Tenho sexta 19h no Hospital Central. Quer?"], f.SentTo(phone));
    }

    /// <summary>D2: three deliveries at once: exactly one row and one send.</summary>
    [Fact]
    public async Task TheSameWebhookThreeTimesAtOnceIsOneMessageAndOneReply()
    {
        const string phone = "5511977730002", marker = "(s2d2)";
        f.Anthropic.ScriptFor(marker, Text("Oi! Tenho sábado diurno. Quer?"));
        var body = Text(phone, $"oi, tem sábado? {marker}", NewId());

        var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(f.Client, body)));
        await SettledAsync(phone);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(1, await InboundCountAsync(phone));
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Single(f.SentTo(phone));
    }

    /// <summary>D4: the same words twice with two ids (he really sent them twice): two rows, one turn, one send.</summary>
    [Fact]
    public async Task TheSameWordsSentTwiceAreTwoMessagesOfOneTurn()
    {
        const string phone = "5511977730004", marker = "(s2d4)";
        f.Anthropic.ScriptFor(marker, Text("Tenho sim, domingo noturno."));

        await PostAsync(f.Client, Text(phone, $"tem domingo? {marker}", NewId()));
        await PostAsync(f.Client, Text(phone, $"tem domingo? {marker}", NewId()));
        await SettledAsync(phone);

        Assert.Equal(2, await InboundCountAsync(phone));
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Single(f.SentTo(phone));
    }

    /// <summary>X1/X3: a 👍 to Júlia's offer is no answer (ignored, no row); his "sim" after it is one model call without the reaction.</summary>
    [Fact]
    public async Task AReactionIsNoAnswerAndTheYesAfterItIsReadAlone()
    {
        const string phone = "5511977730011", first = "(s2x1a)", second = "(s2x1b)";
        f.Anthropic.ScriptFor(first, Text("Tenho sexta 19h no Hospital Central. Quer?"));
        await PostAsync(f.Client, Text(phone, $"tem sexta? {first}"));
        await SettledAsync(phone);

        var reaction = WithMessage(Text(phone, "x", NewId()), "reactionMessage", new JsonObject
        {
            ["key"] = new JsonObject { ["remoteJid"] = phone + "@s.whatsapp.net", ["fromMe"] = true, ["id"] = NewId() }, ["text"] = "👍",
        });
        Assert.Equal("ignored", await StatusOf(await PostAsync(f.Client, reaction)));
        await Task.Delay(TimeSpan.FromSeconds(3));   // past the burst window
        Assert.Single(f.SentTo(phone));
        Assert.Equal(1, await InboundCountAsync(phone));

        f.Anthropic.ScriptFor(second, Text("Fechado!"));
        await PostAsync(f.Client, Text(phone, $"sim {second}"));
        await SettledAsync(phone);
        var request = Assert.Single(f.Anthropic.RequestsCarrying(second));
        Assert.DoesNotContain("👍", request.ToJsonString());
        Assert.Equal(2, f.SentTo(phone).Count);
    }

    /// <summary>V1: a voice note and a question in one burst: one model call with the placeholder and the question, no canned audio answer.</summary>
    [Fact]
    public async Task AVoiceNoteThenTextIsOneTurnWithBoth()
    {
        const string phone = "5511977730021", marker = "(s2v1)";
        f.Anthropic.ScriptFor(marker, Text("Não consigo ouvir o áudio, mas sábado tenho diurno. Quer?"));

        await PostAsync(f.Client, WithMessage(Text(phone, "x", NewId()), "audioMessage", new JsonObject { ["seconds"] = 7, ["mimetype"] = "audio/ogg; codecs=opus", ["ptt"] = true }));
        await PostAsync(f.Client, Text(phone, $"tem plantão sábado? {marker}"));
        await SettledAsync(phone);

        var user = LastUserOf(Assert.Single(f.Anthropic.RequestsCarrying(marker)));
        Assert.Contains("[áudio não ouvido]", user);
        Assert.Contains("tem plantão sábado?", user);
        Assert.Equal(["Não consigo ouvir o áudio, mas sábado tenho diurno. Quer?"], f.SentTo(phone));
    }

    /// <summary>V2: a voice note alone gets the canned answer and no model call.</summary>
    [Fact]
    public async Task AVoiceNoteAloneGetsTheCannedAnswer()
    {
        const string phone = "5511977730022";
        var before = f.Anthropic.Requests.Count;

        await PostAsync(f.Client, WithMessage(Text(phone, "x", NewId()), "audioMessage", new JsonObject { ["seconds"] = 12, ["mimetype"] = "audio/ogg; codecs=opus", ["ptt"] = true }));
        await SettledAsync(phone);

        Assert.Equal(["Não consigo ouvir áudio por aqui, consegue me mandar por escrito?"], f.SentTo(phone));
        Assert.Equal(before, f.Anthropic.Requests.Count);   // the tests of a class run one at a time
    }

    /// <summary>V5: a sticker beside a question: the model reads the question only.</summary>
    [Fact]
    public async Task AStickerBesideAQuestionIsNotRead()
    {
        const string phone = "5511977730025", marker = "(s2v5)";
        f.Anthropic.ScriptFor(marker, Text("Tenho sim!"));

        await PostAsync(f.Client, WithMessage(Text(phone, "x", NewId()), "stickerMessage", new JsonObject { ["mimetype"] = "image/webp" }));
        await PostAsync(f.Client, Text(phone, $"tem quinta? {marker}"));
        await SettledAsync(phone);

        var user = LastUserOf(Assert.Single(f.Anthropic.RequestsCarrying(marker)));
        Assert.DoesNotContain("sticker", user, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("figurinha", user, StringComparison.OrdinalIgnoreCase);
        Assert.Single(f.SentTo(phone));
    }

    /// <summary>
    /// O1/O3: after his opt-out (one confirmation) he writes again: answered normally, still opted out; a second "pare"
    /// gets no second confirmation and no model call.
    /// </summary>
    [Fact]
    public async Task AnOptedOutDoctorWritingAgainIsAnsweredAndASecondStopIsNotConfirmedAgain()
    {
        const string phone = "5511977730031", marker = "(s2o1)";
        await PostAsync(f.Client, Text(phone, "pare de me mandar mensagens"));
        await SettledAsync(phone);
        Assert.Equal(["Combinado, não te mando mais mensagens. Se precisar de plantão é só chamar aqui."], f.SentTo(phone));

        f.Anthropic.ScriptFor(marker, Text("Oi! Tenho sábado diurno no Hospital Central. Quer?"));
        await PostAsync(f.Client, Text(phone, $"oi, mudei de ideia, tem plantão sábado? {marker}"));
        await SettledAsync(phone);
        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Equal(2, f.SentTo(phone).Count);
        Assert.True(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));

        await PostAsync(f.Client, Text(phone, "pare"));
        await SettledAsync(phone);
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(2, f.SentTo(phone).Count);
    }

    /// <summary>P1: he quotes the offer and writes "quero": the model reads `[respondendo a: "…"] quero`; one send.</summary>
    [Fact]
    public async Task AQuotedOfferAnsweredWithQueroReachesTheModelWithTheOffer()
    {
        const string phone = "5511977730041", marker = "(s2p1)";
        const string offer = "Dr., tenho um plantão sábado 07h-19h no Hospital Central, R$ 1.800. Tem interesse?";
        f.Anthropic.ScriptFor(marker, Text("Show! Vou confirmar com a equipe."));

        await PostAsync(f.Client, Quoted(phone, $"quero {marker}", offer));
        await SettledAsync(phone);

        var user = LastUserOf(Assert.Single(f.Anthropic.RequestsCarrying(marker)));
        Assert.Contains($"[respondendo a: \"{offer}\"] quero", user);
        Assert.Single(f.SentTo(phone));
        Assert.Equal($"quero {marker}", await f.ScalarAsync<string>("""
            SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone }));
    }

    /// <summary>P6: quoting Júlia's "quer que eu pare de te mandar?" and writing "não" is no opt-out: the model answers.</summary>
    [Fact]
    public async Task AQuotedStopIsNotHisWords()
    {
        const string phone = "5511977730046", marker = "(s2p6)";
        f.Anthropic.ScriptFor(marker, Text("Combinado, sigo te mandando as vagas!"));

        await PostAsync(f.Client, Quoted(phone, $"não, pode continuar {marker}", "quer que eu pare de te mandar mensagens?"));
        await SettledAsync(phone);

        Assert.Single(f.Anthropic.RequestsCarrying(marker));
        Assert.Equal(["Combinado, sigo te mandando as vagas!"], f.SentTo(phone));
        Assert.False(await f.ScalarAsync<bool>("SELECT opted_out FROM medicos WHERE telefone = @phone", new { phone }));
    }

    /// <summary>
    /// L1/L2: known by his phone, he writes from a second device (`@lid` with `remoteJidAlt` = his phone), then from the LID
    /// alone: the same doctor and conversation, every message answered once.
    /// </summary>
    [Fact]
    public async Task ASecondDeviceMidConversationIsTheSameDoctorAndConversation()
    {
        const string phone = "5511977730051", lid = "199887766554433@lid", a = "(s2l1a)", b = "(s2l1b)", c = "(s2l1c)";
        f.Anthropic.ScriptFor(a, Text("Oi! Tenho sexta."));
        f.Anthropic.ScriptFor(b, Text("Tenho sábado também."));
        f.Anthropic.ScriptFor(c, Text("Domingo não tenho."));
        await PostAsync(f.Client, Text(phone, $"oi, tem sexta? {a}"));
        await SettledAsync(phone);

        var fromLid = Text(phone, $"e sábado? {b}");
        fromLid["data"]!["key"]!["remoteJid"] = lid;
        fromLid["data"]!["key"]!["remoteJidAlt"] = phone + "@s.whatsapp.net";
        Assert.Equal("received", await StatusOf(await PostAsync(f.Client, fromLid)));
        await SettledAsync(phone);
        var lidOnly = Text(phone, $"e domingo? {c}");
        lidOnly["data"]!["key"]!["remoteJid"] = lid;
        Assert.Equal("received", await StatusOf(await PostAsync(f.Client, lidOnly)));
        await SettledAsync(phone);

        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = @phone OR whatsapp_lid = @lid", new { phone, lid }));
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(DISTINCT i.conversa_id) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone
            """, new { phone }));
        Assert.Equal(3, await InboundCountAsync(phone));
        Assert.Single(f.Anthropic.RequestsCarrying(c));
        var sends = f.Evolution.SendsByPhone();
        Assert.Equal(3, sends.Values.Sum(v => v.Count(t => t is "Oi! Tenho sexta." or "Tenho sábado também." or "Domingo não tenho.")));
    }

    /// <summary>
    /// H1/H2: "quero falar com uma pessoa" → one transition message, no model call; while a person has the conversation,
    /// "oi?" and "tem alguém aí?" get nothing and stay one open handoff.
    /// </summary>
    [Fact]
    public async Task WhileAPersonHasTheConversationNothingIsAnswered()
    {
        const string phone = "5511977730061";
        await PostAsync(f.Client, Text(phone, "quero falar com uma pessoa"));
        await SettledAsync(phone);
        Assert.Single(f.SentTo(phone));

        await PostAsync(f.Client, Text(phone, "oi?"));
        await PostAsync(f.Client, Text(phone, "tem alguém aí?"));
        await Task.Delay(TimeSpan.FromSeconds(3));
        await SettledAsync(phone);

        Assert.Single(f.SentTo(phone));
        Assert.Equal(1, await f.ScalarAsync<long>("""
            SELECT count(*) FROM handoffs h JOIN medicos m ON m.id = h.medico_id WHERE m.telefone = @phone AND h.status IN ('pendente', 'em_atendimento')
            """, new { phone }));
        Assert.Equal(0, await f.ScalarAsync<long>("""
            SELECT count(*) FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada' AND i.processado_em IS NULL
            """, new { phone }));
        Assert.DoesNotContain(f.Anthropic.Requests, r => LastUserOf(r).Contains("tem alguém aí?", StringComparison.Ordinal));
    }
}
