using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.WhatsApp;

/// <summary>
/// Valid payload variety, the other side of <see cref="BadInputTests"/>: one small Evolution body per message type,
/// address form, version and event a real instance sends (tests/fixtures/evolution/variety, built from Evolution's
/// `prepareMessage` and its Cloud-API channel; tests/fixtures/README.md, "Payload variety"), each posted to the real host
/// and followed to its end — what is stored, and whether the agent, a canned answer or nobody answers (docs/decisions.md#inbound).
/// </summary>
public sealed class PayloadVarietyTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    /// <summary>
    /// What Júlia does with a payload: <c>agente</c> (the agent's turn shows <c>Says</c>), <c>enlatada</c> (the canned
    /// answer <c>Says</c>, no agent), <c>nada</c> (stored and consumed, nothing sent), <c>ignorado</c> (200 `ignored`, no row).
    /// </summary>
    public sealed record Case(string File, string Kind, string Outcome, string? Says = null, string? Phone = null, string? Lid = null,
        string? MimeType = null, string? FileName = null, string? Stored = null)
    {
        public override string ToString() => File;
    }

    public static TheoryData<Case> Messages() => [.. Table];

    static readonly Case[] Table =
    [
        // text, in each version's shape
        new("text-conversation", "texto", "agente", "tem plantão de clínica no sábado?"),
        new("text-extended-link-v2.0", "texto", "agente", "ainda tem vaga?"),
        new("text-reply-quoted-v2.3", "texto", "agente", "[respondendo a: \"Tenho dois: sexta noturno"),
        new("text-forwarded", "texto", "agente", "Isso aqui ainda está valendo?"),
        new("text-ephemeral-wrapper", "texto", "agente", "tenho interesse em plantão noturno"),
        new("text-v1", "texto", "agente", "ainda precisam de pediatra?"),
        new("text-extended-v1", "texto", "agente", "[respondendo a: \"Domingo diurno no São Lucas, R$ 1.800\"] Quero o plantão de domingo"),
        // a tap is the words the doctor chose
        new("reply-buttons-response", "texto", "agente", "Sim, quero esse plantão"),
        new("reply-list-response", "texto", "agente", "Sexta noturno - Hospital Central"),
        new("reply-list-response-row-id-only", "texto", "agente", "Sábado diurno no Hospital Central"),
        new("reply-buttons-response-id-only", "texto", "agente", "Quero esse plantão"),
        new("reply-template-button", "texto", "agente", "Quero saber mais"),
        new("reply-interactive-response", "texto", "agente", "Tenho interesse"),
        // media: a caption of three words or more reaches the agent, else a canned answer
        new("image-caption", "imagem", "agente", "[imagem] segue meu CRM atualizado aqui", MimeType: "image/jpeg"),
        new("image-no-caption", "imagem", "enlatada", "Recebi aqui!"),
        new("video-caption", "video", "agente", "[vídeo] olha o setor que eu trabalhei"),
        new("video-gif", "video", "enlatada", "Não consigo ver vídeo"),
        new("audio-ptt", "audio", "enlatada", "por escrito", MimeType: "audio/ogg; codecs=opus"),
        new("audio-file", "audio", "enlatada", "por escrito"),
        new("document-caption-v2.3", "documento", "agente", "[documento] meu CRM para o cadastro", MimeType: "application/pdf", FileName: "crm.pdf"),
        new("document-with-caption-raw", "documento", "agente", "[documento] meu diploma para o cadastro", FileName: "diploma.pdf"),
        new("document-no-caption", "documento", "enlatada", "Recebi aqui!", FileName: "escala.pdf"),
        new("video-note-ptv", "video", "enlatada", "Não consigo ver vídeo"),
        new("image-view-once-v2", "imagem", "enlatada", "Recebi aqui!"),
        new("audio-view-once-v2-extension", "audio", "enlatada", "por escrito"),
        new("sticker", "sticker", "nada"),
        new("sticker-lottie", "sticker", "nada"),
        // what he shared, kept in words and answered as such (docs/decisions.md#inbound)
        new("location", "outro", "agente", "[localização: Hospital Central, Av. Paulista, 1000]", Stored: "[localização: Hospital Central, Av. Paulista, 1000]"),
        new("location-live", "outro", "agente", "[localização em tempo real]", Stored: "[localização em tempo real]"),
        new("contact-card", "outro", "agente", "[contato: Dr. Pedro Alves]", Stored: "[contato: Dr. Pedro Alves]"),
        new("contacts-array", "outro", "agente", "[contatos: Dr. Pedro Alves, Dra. Rita Melo]", Stored: "[contatos: Dr. Pedro Alves, Dra. Rita Melo]"),
        new("poll-creation-v3", "outro", "agente", "[enquete: Qual turno? (Dia / Noite)]", Stored: "[enquete: Qual turno? (Dia / Noite)]"),
        // a calendar event, a group invite (its name, never the code that joins it), a catalogue's product or order
        new("calendar-event", "outro", "agente", "[evento: Plantão 12/12 19h, 12/12 às 19:00, Hospital Central, Cobertura do PS adulto]",
            Stored: "[evento: Plantão 12/12 19h, 12/12 às 19:00, Hospital Central, Cobertura do PS adulto]"),
        new("group-invite", "outro", "agente", "[convite para grupo: Plantões Zona Sul]", Stored: "[convite para grupo: Plantões Zona Sul]"),
        new("product", "outro", "agente", "[produto: Curso ACLS, Olha esse curso]", Stored: "[produto: Curso ACLS, Olha esse curso]"),
        new("order", "outro", "agente", "[pedido: Jaleco branco (2 itens), Quero dois jalecos]", Stored: "[pedido: Jaleco branco (2 itens), Quero dois jalecos]"),
        // never a doctor's message
        new("reaction", "", "ignorado"),
        new("poll-update", "", "ignorado"),
        new("protocol-revoke", "", "ignorado"),
        new("edited-message-v2.2", "", "ignorado"),
        new("pin-in-chat", "", "ignorado"),
        new("from-me-staff-phone", "", "ignorado"),
        new("group", "", "ignorado"),
        new("status-broadcast", "", "ignorado"),
        new("newsletter", "", "ignorado"),
        // every address form of the LID migration finds the phone
        new("lid-remotejidalt-v2.3.5", "texto", "agente", "sou eu pelo LID", Phone: "5511977700061", Lid: "177770000000061@lid"),
        new("lid-senderpn-v2.2", "texto", "agente", "sou eu pelo senderPn", Phone: "5511977700062", Lid: "177770000000062@lid"),
        new("lid-previous-remotejid-v2.3.1", "texto", "agente", "sou eu reescrito", Phone: "5511977700063", Lid: "177770000000063@lid"),
        new("lid-swapped-v2.4", "texto", "agente", "sou eu na 2.4", Phone: "5511977700064", Lid: "177770000000064@lid"),
        new("lid-only", "texto", "agente", "só tenho LID", Phone: null, Lid: "177770000000065@lid"),
        new("device-suffix", "texto", "agente", "Oi do meu computador", Phone: "5511977700066"),
        // Evolution's WhatsApp Cloud API channel (whatsapp.business.service.ts): Meta's field names inside the media
        new("cloud-api-text", "texto", "agente", "vim pelo número oficial"),
        new("cloud-api-interactive", "texto", "agente", "Sim, quero esse"),
        new("cloud-api-button", "texto", "agente", "Quero saber mais"),
        new("cloud-api-document", "documento", "agente", "[documento] meu CRM para o cadastro", MimeType: "application/pdf", FileName: "crm.pdf"),
        new("cloud-api-audio", "audio", "enlatada", "por escrito", MimeType: "audio/ogg; codecs=opus"),
        new("cloud-api-reaction", "", "ignorado"),
    ];

    [Theory]
    [MemberData(nameof(Messages))]
    public async Task EachValidMessageShapeIsUnderstood(Case c)
    {
        var body = Load(c.File);
        var id = body["data"]!["key"]!["id"]!.GetValue<string>();

        var response = await EvolutionWebhooks.PostAsync(f.Client, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var rows = await f.QueryAsync<(Guid Medico, string Tipo, string? Mime, string? Name, string Conteudo)>("""
            SELECT medico_id, tipo, midia->>'mimetype', midia->>'filename', conteudo FROM interacoes WHERE provider_message_id = @id AND direcao = 'entrada'
            """, new { id });
        if (c.Outcome == "ignorado")
        {
            Assert.Equal("ignored", answer["status"]!.GetValue<string>());
            Assert.Empty(rows);
            return;
        }
        Assert.Equal("received", answer["status"]!.GetValue<string>());
        var row = Assert.Single(rows);
        Assert.Equal(c.Kind, row.Tipo);
        if (c.MimeType is not null) Assert.Equal(c.MimeType, row.Mime);
        if (c.FileName is not null) Assert.Equal(c.FileName, row.Name);
        if (c.Stored is not null) Assert.Equal(c.Stored, row.Conteudo);
        if (c.Lid is not null || c.Phone is not null)
        {
            var doctor = await f.QueryAsync<(string? Telefone, string? Lid)>("SELECT telefone, whatsapp_lid FROM medicos WHERE id = @id", new { id = row.Medico });
            Assert.Equal((c.Phone, c.Lid ?? doctor.Single().Lid), doctor.Single());
        }

        await Eventually.MatchesAsync(() => f.ScalarAsync<long>(
            "SELECT count(*) FROM interacoes WHERE medico_id = @medico AND direcao = 'entrada' AND processado_em IS NULL", new { medico = row.Medico }), n => n == 0);
        var turns = f.Agent.Turns.Where(t => t.Doctor.Id == row.Medico).ToList();
        switch (c.Outcome)
        {
            case "agente":
                var turn = Assert.Single(turns);
                Assert.Contains(c.Says!, string.Join(" | ", turn.Parts));
                await Eventually.MatchesAsync(() => QueueAsync(row.Medico), q => q.Count > 0);
                break;
            case "enlatada":
                Assert.Empty(turns);
                var queue = await Eventually.MatchesAsync(() => QueueAsync(row.Medico), q => q.Count > 0);
                Assert.Contains(c.Says!, string.Join(' ', queue));
                break;
            default:
                Assert.Empty(turns);
                Assert.Empty(await QueueAsync(row.Medico));
                break;
        }
    }

    /// <summary>
    /// A location is answered, and the doctor's next words are about it: the agent's history shows what he shared, not
    /// "[mensagem não suportada]" (docs/decisions.md#inbound, "Payload variety").
    /// </summary>
    [Fact]
    public async Task WhatADoctorSharedIsInTheHistoryOfHisNextTurn()
    {
        const string phone = "5511977709901";
        var location = Load("location");
        location["data"]!["key"]!["remoteJid"] = $"{phone}@s.whatsapp.net";
        location["data"]!["key"]!["id"] = "3EB0VAR990100000000000A";
        await EvolutionWebhooks.PostAsync(f.Client, location);
        await f.WaitProcessedAsync(phone);

        await EvolutionWebhooks.PostAsync(f.Client, EvolutionWebhooks.Text(phone, "é esse o hospital onde eu trabalho hoje"));
        await f.WaitProcessedAsync(phone);

        var turns = f.Agent.Turns.Where(t => t.Doctor.Telefone == phone).ToList();
        Assert.Equal(2, turns.Count);
        Assert.Equal(["[localização: Hospital Central, Av. Paulista, 1000]"], turns[0].Parts);
        var turn = turns[1];
        Assert.Contains(turn.History, h => h.Direction == "entrada" && h.Content == "[localização: Hospital Central, Av. Paulista, 1000]");
    }

    /// <summary>Every other event an instance sends with "all events" on: 200 `ignored`, nothing stored, nobody created.</summary>
    [Theory]
    [InlineData("event-messages-update")]
    [InlineData("event-messages-edited")]
    [InlineData("event-messages-delete")]
    [InlineData("event-send-message")]
    [InlineData("event-contacts-upsert")]
    [InlineData("event-contacts-update")]
    [InlineData("event-chats-upsert")]
    [InlineData("event-presence-update")]
    [InlineData("event-call")]
    [InlineData("event-qrcode-updated")]
    [InlineData("event-logout-instance")]
    [InlineData("event-status-instance")]
    [InlineData("event-labels-association")]
    public async Task OtherEventsAreAcknowledgedAndIgnored(string file)
    {
        var before = await f.ScalarAsync<long>("SELECT count(*) FROM medicos");

        var response = await EvolutionWebhooks.PostAsync(f.Client, Load(file));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal(before, await f.ScalarAsync<long>("SELECT count(*) FROM medicos"));
    }

    [Fact]
    public void EveryPayloadFileIsInTheTable()
    {
        var files = Directory.GetFiles(Folder, "*.json").Select(p => Path.GetFileNameWithoutExtension(p)!).Order().ToList();
        var covered = Table.Select(c => c.File)
            .Concat(typeof(PayloadVarietyTests).GetMethod(nameof(OtherEventsAreAcknowledgedAndIgnored))!
                .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>().Select(a => (string)a.GetData(null!).Single()[0]))
            .Order().ToList();
        Assert.Equal(files, covered);
    }

    static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "fixtures", "evolution", "variety");

    static JsonObject Load(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, file + ".json")))!.AsObject();

    Task<List<string>> QueueAsync(Guid medico) =>
        f.QueryAsync<string>("SELECT conteudo FROM fila_mensagens WHERE medico_id = @medico ORDER BY created_at, sequencia", new { medico });
}
