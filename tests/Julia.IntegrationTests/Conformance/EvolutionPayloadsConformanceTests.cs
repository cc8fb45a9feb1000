using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// A blind set of Evolution API webhook bodies (tests/fixtures/evolution/blind, tests/fixtures/README.md 1.6): shapes real
/// instances send that the other tables do not hold — envelope and field variants of a doctor's text, deliveries that
/// carry no content yet, and what is never a doctor's message — each posted to the real host and followed to its end
/// (docs/decisions.md#inbound).
/// </summary>
public sealed class EvolutionPayloadsConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    /// <summary>A doctor's text in one of the forms Evolution sends it: stored once, answered once by the agent.</summary>
    [Theory]
    [InlineData("text-event-upper-snake", "Boa tarde, ainda tem vaga de pediatria?", null)]
    [InlineData("text-by-events-path-upper", "Tem plantão em Campinas?", "/MESSAGES_UPSERT")]
    [InlineData("text-timestamp-string", "Bom dia, qual a escala de janeiro?", null)]
    [InlineData("text-timestamp-long-object", "Tem plantão de ortopedia?", null)]
    [InlineData("text-timestamp-milliseconds", "Ainda preciso enviar documentos?", null)]
    [InlineData("text-timestamp-missing", "Oi, voltei", null)]
    [InlineData("text-timestamp-null", "Qual o horário do plantão de sábado?", null)]
    [InlineData("text-envelope-minimal", "Oi, tudo bem? Sou anestesista", null)]
    [InlineData("text-unknown-fields-and-chatwoot-ids", "Quais hospitais vocês atendem?", null)]
    [InlineData("text-pushname-null", "Olá", null)]
    [InlineData("text-pushname-missing", "Me manda as vagas da semana", null)]
    [InlineData("text-status-missing-source-unknown", "Atendo em Santos também", null)]
    [InlineData("text-messagetype-unknown", "Oi! Quanto paga?", null)]
    [InlineData("text-messagetype-missing", "Qual a carga horária?", null)]
    [InlineData("text-jid-12-digit-mobile", "Sou de BH, tem plantão aí?", null)]
    [InlineData("text-jid-c-us", "Oi, vi o anúncio", null)]
    [InlineData("text-lid-device-suffix-both", "Tudo certo pra amanhã?", null)]
    [InlineData("text-fromme-missing", "Sem campo fromMe", null)]
    [InlineData("text-mentions", "@5511999990000 tenho disponibilidade", null)]
    [InlineData("text-disappearing-context", "Oi Júlia, bom dia", null)]
    [InlineData("text-link-preview", "Olha esse hospital https://hospital.example.com", null)]
    public async Task ADoctorsTextInEachFormIsAnsweredOnce(string file, string text, string? path)
    {
        var body = Load(file);
        var id = body["data"]!["key"]!["id"]!.GetValue<string>();

        var response = await Post(body, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("received", Status(await response.Content.ReadAsStringAsync()));
        var row = Assert.Single(await InboundAsync(id));
        Assert.Equal(("texto", text), (row.Tipo, row.Conteudo));
        await AnsweredOnceAsync(row.Medico, text);
    }

    /// <summary>
    /// A delivery with nothing of the doctor's in it — an empty `message` (Evolution 1.x, a message it could not
    /// decrypt), WhatsApp's placeholder for a message masked on linked devices (2.2+), metadata alone, an empty text —
    /// is ignored without a row or a doctor; the same id delivered again with his words is then stored and answered.
    /// Before, the placeholder was stored as "[mensagem não suportada]" and the real message, arriving with its id,
    /// was a `duplicate`: never stored, never answered (docs/decisions.md#inbound, "A message without content").
    /// </summary>
    [Theory]
    [InlineData("no-content-placeholder-masked-v2.2")]
    [InlineData("no-content-empty-message-v1.5")]
    [InlineData("no-content-context-info-only")]
    [InlineData("no-content-empty-conversation")]
    public async Task ADeliveryWithoutContentIsIgnoredAndTheMessageItStandsForIsAnswered(string file)
    {
        var body = Load(file);
        var key = body["data"]!["key"]!;
        var id = key["id"]!.GetValue<string>();
        var doctors = await f.ScalarAsync<long>("SELECT count(*) FROM medicos");

        var first = await Post(body);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("ignored", Status(await first.Content.ReadAsStringAsync()));
        Assert.Empty(await InboundAsync(id));
        Assert.Equal(doctors, await f.ScalarAsync<long>("SELECT count(*) FROM medicos"));

        const string words = "Oi, vi a vaga de plantão noturno, ainda está aberta?";
        var resent = Load(file);
        resent["data"]!["message"] = new JsonObject { ["conversation"] = words };
        resent["data"]!["messageType"] = "conversation";

        var second = await Post(resent);

        Assert.Equal("received", Status(await second.Content.ReadAsStringAsync()));
        var row = Assert.Single(await InboundAsync(id));
        Assert.Equal(("texto", words), (row.Tipo, row.Conteudo));
        await AnsweredOnceAsync(row.Medico, words);
    }

    /// <summary>Never a doctor's message: 200 `ignored`, no inbound row, nobody created.</summary>
    [Theory]
    [InlineData("ignored-broadcast-list")]
    [InlineData("ignored-meta-ai-bot")]
    [InlineData("ignored-protocol-revoke-v1")]
    [InlineData("ignored-protocol-revoke-numeric-type")]
    [InlineData("ignored-protocol-disappearing-setting")]
    [InlineData("ignored-reaction-removed")]
    [InlineData("ignored-sender-key-distribution-only")]
    [InlineData("ignored-group-lid-participant")]
    [InlineData("ignored-group-legacy-id-v1")]
    [InlineData("ignored-status-broadcast-text")]
    [InlineData("ignored-event-send-message-upper")]
    [InlineData("ignored-event-send-message-update")]
    [InlineData("ignored-event-messages-set")]
    [InlineData("ignored-event-messaging-history-set")]
    [InlineData("ignored-event-messages-update-upper")]
    [InlineData("ignored-event-messages-update-v1")]
    [InlineData("ignored-event-groups-upsert")]
    [InlineData("ignored-event-application-startup")]
    public async Task WhatIsNeverADoctorsMessageIsIgnoredAndCreatesNobody(string file)
    {
        const string Counts = "SELECT (SELECT count(*) FROM medicos) * 1000000 + (SELECT count(*) FROM interacoes WHERE direcao = 'entrada')";
        var before = await f.ScalarAsync<long>(Counts);

        var response = await Post(Load(file));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", Status(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await f.ScalarAsync<long>(Counts));
    }

    /// <summary>
    /// `fromMe` as the text `"false"` (a relay that re-serialised the body) is the doctor's message: stored and answered —
    /// it was a 400 and his words were lost; as `"true"` it is Júlia's own echo: ignored, never answered.
    /// </summary>
    [Fact]
    public async Task AFromMeWrittenAsTextIsTheBooleanItSays()
    {
        var doctors = ElsewhereAsText("5511988870452", "3EB0FROMMETEXT000001");
        doctors["data"]!["key"]!["fromMe"] = "false";
        var echo = ElsewhereAsText("5511988870453", "3EB0FROMMETEXT000002");
        echo["data"]!["key"]!["fromMe"] = "true";

        var ours = await Post(echo);
        var his = await Post(doctors);

        Assert.Equal((HttpStatusCode.OK, "ignored"), (ours.StatusCode, Status(await ours.Content.ReadAsStringAsync())));
        Assert.Empty(await InboundAsync("3EB0FROMMETEXT000002"));
        Assert.Equal((HttpStatusCode.OK, "received"), (his.StatusCode, Status(await his.Content.ReadAsStringAsync())));
        var row = Assert.Single(await InboundAsync("3EB0FROMMETEXT000001"));
        await AnsweredOnceAsync(row.Medico, row.Conteudo);
    }

    /// <summary>
    /// A `key.id` sent as a JSON integer is its digits: the message is stored, answered once, and a second delivery of it
    /// is a duplicate — it was `sem key.id`, ignored, and the doctor never answered.
    /// </summary>
    [Fact]
    public async Task AMessageIdSentAsAnIntegerIsStoredAnsweredAndDeduplicated()
    {
        var body = ElsewhereAsText("5511988870451", "unused");
        body["data"]!["key"]!["id"] = 3_400_123_456_789_012;

        var first = await Post(body);
        var again = await Post(body);

        Assert.Equal("received", Status(await first.Content.ReadAsStringAsync()));
        Assert.Equal("duplicate", Status(await again.Content.ReadAsStringAsync()));
        var row = Assert.Single(await InboundAsync("3400123456789012"));
        await AnsweredOnceAsync(row.Medico, row.Conteudo);
    }

    /// <summary>The minimal envelope from another doctor (his own phone, no LID) with a message id of its own.</summary>
    static JsonObject ElsewhereAsText(string phone, string id)
    {
        var body = Load("text-envelope-minimal");
        var key = body["data"]!["key"]!.AsObject();
        key["remoteJid"] = $"{phone}@s.whatsapp.net";
        key.Remove("remoteJidAlt");
        key["id"] = id;
        return body;
    }

    [Fact]
    public void EveryPayloadFileIsInATable()
    {
        var files = Directory.GetFiles(Folder, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order().ToList();
        var covered = typeof(EvolutionPayloadsConformanceTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>())
            .Select(a => (string)a.GetData(null!).Single()[0]).Order().ToList();
        Assert.Equal(files, covered);
    }

    async Task AnsweredOnceAsync(Guid medico, string text)
    {
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL", new { medico }), n => n == 0);
        await f.WaitSendsRecordedAsync(medico);
        var turn = Assert.Single(f.Agent.Turns, t => t.Doctor.Id == medico);
        Assert.Contains(text, string.Join(" | ", turn.Parts));
        Assert.Equal(1, await f.ScalarAsync<long>(
            "SELECT count(DISTINCT lote_id) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'resposta'", new { medico }));
    }

    Task<List<(Guid Medico, string Tipo, string Conteudo)>> InboundAsync(string id) => f.QueryAsync<(Guid, string, string)>(
        "SELECT medico_id, tipo, conteudo FROM interacoes WHERE provider_message_id = @id AND direcao = 'entrada'", new { id });

    Task<HttpResponseMessage> Post(JsonObject body, string? path = null) =>
        f.Client.PostAsync("/webhook/evolution" + path, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    static string Status(string answer) => JsonNode.Parse(answer)!["status"]!.GetValue<string>();

    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", "blind");

    static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file + ".json")))!.AsObject();
}
