using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The second blind set of Evolution API webhook bodies (tests/fixtures/evolution/second-round, tests/fixtures/README.md
/// 1.7): kinds the variety and first blind sets do not hold — the WhatsApp Cloud API channel's notices and media, an
/// encryption key beside the words, media with `webhook_base64` on, album items, link previews with byte objects, a
/// click-to-WhatsApp ad, the events a fully subscribed instance sends with `data: null` or without a message key, and
/// the same message delivered twice in different envelopes — each posted to the real host and followed to its end
/// (docs/decisions.md#inbound, "Second blind round").
/// </summary>
public sealed class EvolutionPayloadsSecondRoundTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    /// <summary>
    /// What Júlia does with a payload: <c>agente</c> (the agent's turn shows <c>Says</c>), <c>enlatada</c> (the canned
    /// answer <c>Says</c>, no agent), <c>nada</c> (stored and consumed, nothing sent). <c>Base64</c>: bytes of media the
    /// test puts in `data.message.base64`, as Evolution does with `webhook_base64` on.
    /// </summary>
    public sealed record Case(string File, string Kind, string Outcome, string? Says = null, string? Phone = null, int Base64 = 0)
    {
        public override string ToString() => File;
    }

    public static TheoryData<Case> Messages() => [.. Table];

    static readonly Case[] Table =
    [
        // WhatsApp hands out a group's encryption key beside the words it encrypts: the words are his message.
        new("text-beside-sender-key-distribution", "texto", "agente", "Oi, tenho interesse nos plantões de sábado"),
        new("text-link-preview-byte-objects-v2.3.6", "texto", "agente", "Vi a vaga aqui https://julia.example.com/vagas/123"),
        new("text-click-to-whatsapp-ad", "texto", "agente", "Quero mais informações sobre os plantões"),
        new("text-delivered-days-late", "texto", "agente", "ainda tem aquele plantão?"),
        // Evolution's Cloud API channel: Meta's 12-digit wa_id of an old mobile, its shared content, its media names.
        new("cloud-api-text-12-digit-wa-id", "texto", "agente", "Oi, tenho interesse", Phone: "5511988890002"),
        new("cloud-api-location", "outro", "agente", "[localização: Hospital Central, Av. Paulista, 1000]"),
        new("cloud-api-contact", "outro", "agente", "[contato: Dr. Pedro Alves]"),
        new("cloud-api-video", "video", "enlatada", "Não consigo ver vídeo"),
        new("cloud-api-sticker", "sticker", "nada"),
        new("cloud-api-unsupported", "outro", "nada"),
        // media: an album's photo, the HD copy with its caption, Evolution's transcript, the bytes inside the webhook
        new("image-album-item", "imagem", "enlatada", "Recebi aqui!"),
        new("image-associated-child-caption", "imagem", "agente", "[imagem] Foto do meu diploma aqui"),
        new("audio-speech-to-text", "audio", "agente", "[áudio] Oi Júlia, tem plantão no sábado?"),
        new("image-webhook-base64", "imagem", "enlatada", "Recebi aqui!", Base64: 600_000),
        new("audio-webhook-base64", "audio", "enlatada", "por escrito", Base64: 900_000),
        new("document-webhook-base64-caption", "documento", "agente", "[documento] Minha escala do mês que vem", Base64: 300_000),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task EachMessageIsStoredOnceAndAnsweredAsItsKindSays(Case c)
    {
        var body = Load(c.File);
        if (c.Base64 > 0) body["data"]!["message"]!["base64"] = Convert.ToBase64String(new byte[c.Base64]);
        var id = body["data"]!["key"]!["id"]!.GetValue<string>();

        var response = await Post(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("received", Status(await response.Content.ReadAsStringAsync()));
        var row = Assert.Single(await InboundAsync(id));
        Assert.Equal(c.Kind, row.Tipo);
        if (c.Phone is not null)
            Assert.Equal(c.Phone, await f.ScalarAsync<string>("SELECT telefone FROM medicos WHERE id = @id", new { id = row.Medico }));
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL", new { medico = row.Medico }), n => n == 0);
        await f.WaitSendsRecordedAsync(row.Medico);
        var turns = f.Agent.Turns.Where(t => t.Doctor.Id == row.Medico).ToList();
        var replies = await f.QueryAsync<string>(
            "SELECT conteudo FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'resposta' ORDER BY created_at, sequencia", new { medico = row.Medico });
        switch (c.Outcome)
        {
            case "agente":
                Assert.Contains(c.Says!, string.Join(" | ", Assert.Single(turns).Parts));
                Assert.Equal(1, await Batches(row.Medico));
                break;
            case "enlatada":
                Assert.Empty(turns);
                Assert.Contains(c.Says!, string.Join(' ', replies));
                Assert.Equal(1, await Batches(row.Medico));
                break;
            default:
                Assert.Empty(turns);
                Assert.Empty(replies);
                break;
        }
    }

    /// <summary>
    /// Never a doctor's message: 200 `ignored`, no inbound row, nobody created — WhatsApp's own notices passed on by the
    /// Cloud API channel (a number change, a chat opened without a word; stored, each counted as his reply to an
    /// outreach), a kept message, WhatsApp's key and history housekeeping, an address that is no phone, and every other
    /// event of an instance with all events on, `data: null` included.
    /// </summary>
    [Theory]
    [InlineData("ignored-cloud-api-system-changed-number")]
    [InlineData("ignored-cloud-api-request-welcome")]
    [InlineData("ignored-keep-in-chat")]
    [InlineData("ignored-hosted-address")]
    [InlineData("ignored-history-sync-notification-v2.1")]
    [InlineData("ignored-ephemeral-setting-numeric-v2.1")]
    [InlineData("ignored-event-messages-edited-ephemeral-setting")]
    [InlineData("ignored-event-messages-edited-app-state-key-share")]
    [InlineData("ignored-event-call-offer-lid")]
    [InlineData("ignored-event-call-terminate")]
    [InlineData("ignored-event-labels-edit")]
    [InlineData("ignored-event-group-participants-update")]
    [InlineData("ignored-event-logout-instance-data-null")]
    [InlineData("ignored-event-remove-instance-data-null")]
    [InlineData("ignored-event-instance-create")]
    [InlineData("ignored-event-typebot-start")]
    [InlineData("ignored-event-send-message-pending-lid")]
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
    /// One message, two deliveries: the raw LID key of 2.3.5 and then 2.3.7's rewritten phone key, or a `messages.upsert`
    /// and then the `messages.set` of a history sync — one row, one doctor, one answer.
    /// </summary>
    [Theory]
    [InlineData("pair-lid-first-v2.3.5", "pair-lid-then-phone-v2.3.7", "duplicate")]
    [InlineData("pair-upsert-first", "pair-upsert-then-messages-set", "ignored")]
    public async Task TheSameMessageInTwoEnvelopesIsOneMessage(string first, string second, string status)
    {
        var body = Load(first);
        var id = body["data"]!["key"]!["id"]!.GetValue<string>();
        var doctors = await f.ScalarAsync<long>("SELECT count(*) FROM medicos");

        Assert.Equal("received", Status(await (await Post(body)).Content.ReadAsStringAsync()));
        var row = Assert.Single(await InboundAsync(id));
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL", new { medico = row.Medico }), n => n == 0);
        await f.WaitSendsRecordedAsync(row.Medico);
        var again = await Post(Load(second));

        Assert.Equal((HttpStatusCode.OK, status), (again.StatusCode, Status(await again.Content.ReadAsStringAsync())));
        Assert.Single(await InboundAsync(id));
        Assert.Equal(doctors + 1, await f.ScalarAsync<long>("SELECT count(*) FROM medicos"));
        Assert.Single(f.Agent.Turns, t => t.Doctor.Id == row.Medico);
        Assert.Equal(1, await Batches(row.Medico));
    }

    [Fact]
    public void EveryPayloadFileIsInATable()
    {
        var files = Directory.GetFiles(Folder, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order().ToList();
        var inline = typeof(EvolutionPayloadsSecondRoundTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>())
            .SelectMany(a => a.GetData(null!).Single().OfType<string>().Where(s => s.StartsWith("pair-") || s.StartsWith("ignored-")));
        Assert.Equal(files, Table.Select(c => c.File).Concat(inline).Order().ToList());
    }

    Task<long> Batches(Guid medico) => f.ScalarAsync<long>(
        "SELECT count(DISTINCT lote_id) FROM fila_mensagens WHERE medico_id = @medico AND tipo = 'resposta'", new { medico });

    Task<List<(Guid Medico, string Tipo, string Conteudo)>> InboundAsync(string id) => f.QueryAsync<(Guid, string, string)>(
        "SELECT medico_id, tipo, conteudo FROM interacoes WHERE provider_message_id = @id AND direcao = 'entrada'", new { id });

    Task<HttpResponseMessage> Post(JsonObject body) =>
        f.Client.PostAsync("/webhook/evolution", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    static string Status(string answer) => JsonNode.Parse(answer)!["status"]!.GetValue<string>();

    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", "second-round");

    static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file + ".json")))!.AsObject();
}
