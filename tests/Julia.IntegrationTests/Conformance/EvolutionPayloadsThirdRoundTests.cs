using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The third blind set of Evolution API webhook bodies (tests/fixtures/evolution/third-round, tests/fixtures/README.md
/// 1.8): what the first two rounds' tables do not hold — a reply to a photo, a voice note, a pin or a card without words,
/// a reply to Júlia's status, a text or caption of blanks, WhatsApp names that are a phone number, emoji or carry
/// invisible direction marks, the EVOLUTION channel's bare number, the 2.2 / 2.3.2 LID keys, a view-once audio, a
/// disappearing view-once photo, a Cloud API button, and events that are nobody's message — each posted to the real
/// host and followed to its end (docs/decisions.md#inbound, "Third blind round").
/// </summary>
public sealed class EvolutionPayloadsThirdRoundTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    /// <summary>
    /// <c>Kind</c> and <c>Stored</c>: the inbound row; <c>Says</c>: in the agent's turn (null: not answered by the agent);
    /// <c>Phone</c>: the doctor's number; <c>Name</c>/<c>Title</c>: his first name and title ("-" = none).
    /// </summary>
    public sealed record Case(string File, string Kind, string Stored, string? Says = null, string? Phone = null, string? Name = null, string? Title = null)
    {
        public override string ToString() => File;
    }

    public static TheoryData<Case> Messages() => [.. Table];

    static readonly Case[] Table =
    [
        // A reply to something without words: the agent is told what he points at.
        new("quote-image-no-caption", "texto", "Quanto paga esse plantão?", "[respondendo a: \"[imagem]\"] Quanto paga esse plantão?"),
        new("quote-audio", "texto", "Ouve esse áudio que te mandei", "[respondendo a: \"[áudio]\"] Ouve esse áudio"),
        new("quote-location", "texto", "É aqui que fica?", "[respondendo a: \"[localização: Hospital Central]\"] É aqui que fica?"),
        new("quote-contact", "texto", "Pode falar com ele", "[respondendo a: \"[contato: Dr. Indicado]\"] Pode falar com ele"),
        new("quote-status-reply", "texto", "Tenho interesse nessa", "[respondendo a: \"Vagas da semana: UTI Santos\"] Tenho interesse nessa"),
        // A caption of blanks is none: the photo's placeholder, the canned answer.
        new("image-caption-whitespace", "imagem", "[imagem]"),
        // WhatsApp names: no letter is no name; direction marks are no part of one; an emoji's joiner is.
        new("name-pushname-phone-digits", "texto", "Boa noite", "Boa noite", Name: "-", Title: "-"),
        new("name-pushname-emoji-only", "texto", "Oi", "Oi", Name: "-", Title: "-"),
        new("name-pushname-bidi-marks", "texto", "Olá", "Olá", Name: "Beatriz", Title: "Dra."),
        new("name-pushname-zwj-emoji", "texto", "Olá, tudo bem", "Olá, tudo bem", Name: "João", Title: "Dr."),
        // Addresses and wrappers the other tables do not hold.
        new("text-evolution-channel-bare-number", "texto", "Oi, vim pelo site", "Oi, vim pelo site", Phone: "5511987650301"),
        new("text-lid-previous-remote-jid-v2.3.2", "texto", "Quero saber das vagas em Campinas", "Quero saber das vagas em Campinas", Phone: "5511987650010"),
        new("text-lid-sender-pn-v2.2", "texto", "Bom dia", "Bom dia", Phone: "5511987650011"),
        new("text-cloud-api-interactive-button", "texto", "Tenho interesse", "Tenho interesse", Phone: "5511987650133"),
        new("audio-view-once-v2-extension", "audio", "[áudio]"),
        new("image-ephemeral-view-once", "imagem", "dupla embalagem da foto", "[imagem] dupla embalagem da foto"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task EachMessageIsStoredOnceAndReadAsItsSenderMeantIt(Case c)
    {
        var body = Load(c.File);
        var id = body["data"]!["key"]!["id"]!.GetValue<string>();

        var response = await Post(body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("received", Status(await response.Content.ReadAsStringAsync()));
        var row = Assert.Single(await InboundAsync(id));
        Assert.Equal((c.Kind, c.Stored), (row.Tipo, row.Conteudo));
        var doctor = (await f.QueryAsync<(string? Telefone, string? Nome, string? Titulo)>(
            "SELECT telefone, primeiro_nome, titulo FROM medicos WHERE id = @id", new { id = row.Medico })).Single();
        if (c.Phone is not null) Assert.Equal(c.Phone, doctor.Telefone);
        if (c.Name is not null) Assert.Equal(c.Name == "-" ? null : c.Name, doctor.Nome);
        if (c.Title is not null) Assert.Equal(c.Title == "-" ? null : c.Title, doctor.Titulo);
        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL", new { medico = row.Medico }), n => n == 0);
        await f.WaitSendsRecordedAsync(row.Medico);
        var turns = f.Agent.Turns.Where(t => t.Doctor.Id == row.Medico).ToList();
        if (c.Says is null) Assert.Empty(turns);
        else Assert.Contains(c.Says, string.Join(" | ", Assert.Single(turns).Parts));
    }

    /// <summary>
    /// Never a doctor's message: 200 `ignored`, no inbound row, nobody created — a text of spaces and line breaks, an
    /// address on a server that is no phone's (`@interop`), a deletion in a group, and poll votes counted by Evolution.
    /// </summary>
    [Theory]
    [InlineData("ignored-text-whitespace-only")]
    [InlineData("ignored-interop-address")]
    [InlineData("ignored-messages-delete-group")]
    [InlineData("ignored-messages-update-poll-votes")]
    public async Task WhatIsNeverADoctorsMessageIsIgnoredAndCreatesNobody(string file)
    {
        const string Counts = "SELECT (SELECT count(*) FROM medicos) * 1000000 + (SELECT count(*) FROM interacoes WHERE direcao = 'entrada')";
        var before = await f.ScalarAsync<long>(Counts);

        var response = await Post(Load(file));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", Status(await response.Content.ReadAsStringAsync()));
        Assert.Equal(before, await f.ScalarAsync<long>(Counts));
    }

    [Fact]
    public void EveryPayloadFileIsInATable()
    {
        var files = Directory.GetFiles(Folder, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order().ToList();
        var inline = typeof(EvolutionPayloadsThirdRoundTests).GetMethods()
            .SelectMany(m => m.GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>())
            .SelectMany(a => a.GetData(null!).Single().OfType<string>());
        Assert.Equal(files, Table.Select(c => c.File).Concat(inline).Order().ToList());
    }

    Task<List<(Guid Medico, string Tipo, string Conteudo)>> InboundAsync(string id) => f.QueryAsync<(Guid, string, string)>(
        "SELECT medico_id, tipo, conteudo FROM interacoes WHERE provider_message_id = @id AND direcao = 'entrada'", new { id });

    Task<HttpResponseMessage> Post(JsonObject body) =>
        f.Client.PostAsync("/webhook/evolution", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    static string Status(string answer) => JsonNode.Parse(answer)!["status"]!.GetValue<string>();

    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", "third-round");

    static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file + ".json")))!.AsObject();
}
