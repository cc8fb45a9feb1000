using System.Net;
using System.Text.Json.Nodes;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Conformance;

/// <summary>
/// The inbound webhook's contract at its edges, through `POST /webhook/evolution` on the real host: what is refused
/// (400), what is acknowledged without a row (`ignored`), and the length rules of a stored text (4 000 as is; 4 001–10 000
/// cut to 4 000 + "..."; above 10 000 the first 1 000 + " [truncada]").
/// </summary>
public sealed class InboundConformanceTests(PipelineFixture f) : IClassFixture<PipelineFixture>
{
    [Theory]
    [InlineData("event")]
    [InlineData("instance")]
    public async Task AMessageWithoutEventOrInstanceIs400(string field)
    {
        var body = Text("5511988850001", "oi");
        body.Remove(field);

        var response = await PostAsync(f.Client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM medicos WHERE telefone = '5511988850001'"));
    }

    [Theory]
    [InlineData("status@broadcast", null)]
    [InlineData("120363000000000009@g.us", null)]
    [InlineData("5511988850002@s.whatsapp.net", "sem-id")]
    [InlineData("5511988850003@s.whatsapp.net", "outra-instancia")]
    [InlineData("5511988850004@s.whatsapp.net", "outro-evento")]
    public async Task WhatIsNotADoctorsMessageIsAcknowledgedIgnoredWithoutARow(string remoteJid, string? change)
    {
        var id = "CONF" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var body = Text("5511988850009", "oi, tem plantão?", id);
        body["data"]!["key"]!["remoteJid"] = remoteJid;
        if (change == "sem-id") body["data"]!["key"]!.AsObject().Remove("id");
        if (change == "outra-instancia") body["instance"] = "outra";
        if (change == "outro-evento") body["event"] = "contacts.update";

        var response = await PostAsync(f.Client, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ignored", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal(0, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = @id", new { id }));
    }

    [Theory]
    [InlineData("5511988850011", 4_000, 4_000, "")]
    [InlineData("5511988850012", 4_001, 4_003, "...")]
    [InlineData("5511988850013", 10_000, 4_003, "...")]
    [InlineData("5511988850014", 10_001, 1_011, " [truncada]")]
    [InlineData("5511988850015", 60_000, 1_011, " [truncada]")]
    public async Task AStoredTextFollowsTheLengthRules(string phone, int length, int storedLength, string ending)
    {
        var text = string.Concat(Enumerable.Repeat("plantão ", length / 8 + 1))[..length];

        var response = await PostAsync(f.Client, Text(phone, text));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("received", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        var stored = await f.ScalarAsync<string>("""
            SELECT i.conteudo FROM interacoes i JOIN medicos m ON m.id = i.medico_id WHERE m.telefone = @phone AND i.direcao = 'entrada'
            """, new { phone });
        Assert.Equal(storedLength, stored.Length);
        Assert.EndsWith(ending, stored);
        Assert.StartsWith(text[..(storedLength - ending.Length)], stored);
        await f.WaitProcessedAsync(phone);
    }

    [Fact]
    public async Task TheSameMessageIdTwiceIsOneRowAndADuplicate()
    {
        const string phone = "5511988850021";
        var id = "CONF" + Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();

        var first = await PostAsync(f.Client, Text(phone, "oi", id));
        var second = await PostAsync(f.Client, Text(phone, "oi", id));

        Assert.Equal("received", JsonNode.Parse(await first.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("duplicate", JsonNode.Parse(await second.Content.ReadAsStringAsync())!["status"]!.GetValue<string>());
        Assert.Equal(1, await f.ScalarAsync<long>("SELECT count(*) FROM interacoes WHERE provider_message_id = @id", new { id }));
        await f.WaitProcessedAsync(phone);
    }
}
