using System.Net.Sockets;
using Julia.IntegrationTests.Privacy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.TestHost.LeakGuard;

/// <summary>The log leak guard itself (docs/decisions.md#log-leak-guard): what it learns from a request, what it calls a leak, and that a host fails on one.</summary>
public sealed class LeakGuardTests
{
    const string Phone = "5511987650001";
    const string Said = "Oi, aqui é a Dra. Quitéria, tenho interesse no plantão de sábado";

    static SentValues SentWebhook()
    {
        var sent = new SentValues();
        sent.AddSettings(new Dictionary<string, string?> { ["EVOLUTION_API_KEY"] = "evo-key-123456", ["HUMANIZAR"] = "false" });
        sent.AddUrlPassword("postgres://julia:s3nha-forte@db:5432/julia", "DATABASE_URL");
        var body = Text(Phone, Said);
        body["data"]!.AsObject()["sender"] = "quiteria@exemplo.com.br";
        sent.AddRequest("?token=tok-webhook-999", [KeyValuePair.Create("apikey", "header-key-777")], body.ToJsonString());
        return sent;
    }

    static IReadOnlyList<LeakScan.Hit> Scan(string text, LogLevel level = LogLevel.Information) =>
        LeakScan.Find([new LeakScan.Line(level, "Julia.Test", 4242, text)], SentWebhook());

    [Theory]
    [InlineData("mensagem de 5511987650001 recebida", "phone the test sent")]
    [InlineData("mensagem de +55 (11) 98765-0001 recebida", "phone the test sent")]
    [InlineData("mensagem de 98765-0001", "phone the test sent")]
    [InlineData("enviando para 5521976543210", "phone-shaped number")]
    [InlineData("jid 5511987650001@s.whatsapp.net", "phone the test sent")]
    [InlineData("remetente 123456789012345@lid", "WhatsApp address")]
    [InlineData("chave evo-key-123456 recusada", "secret (EVOLUTION_API_KEY)")]
    [InlineData("conectando a postgres://julia:s3nha-forte@db", "secret (DATABASE_URL password)")]
    [InlineData("GET /webhook/evolution?token=tok-webhook-999", "secret (?token query)")]
    [InlineData("apikey header-key-777", "secret (apikey header)")]
    [InlineData("e-mail QUITERIA@exemplo.com.br", "e-mail the test sent")]
    [InlineData("texto: oi, aqui é a dra. quitéria, tenho interesse…", "message text the test sent")]
    public void EachKindOfLeakIsFoundAndNamedWithoutItsValue(string line, string kind)
    {
        var hit = Assert.Single(Scan(line));
        Assert.Equal(kind, hit.Kind);
        Assert.Equal(4242, hit.EventId);
        Assert.DoesNotContain("evo-key", hit.ToString());
        Assert.DoesNotContain("87650001", hit.ToString());
        Assert.DoesNotContain("quitéria", hit.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("mensagem de 55119876***** recebida")] // PhoneMask: at most the first 8 digits
    [InlineData("jid 55119876*****@s.whatsapp.net")]
    [InlineData("medico_id 6f1c2a8e-0d1b-4c57-9d1e-5f3a2b7c9e01, conversa 1234567, 2026-12-06T10:00:00Z")]
    [InlineData("enviar ok: 1234567b-5511-2345-6789-a123ad4bfe5e (resposta)")] // a GUID whose middle groups read as a phone
    [InlineData("texto com 64 caracteres (conteúdo omitido)")]
    [InlineData("Inbound from abc@s.whatsapp.net has no usable phone")] // a WhatsApp address with letters is no e-mail
    [InlineData("Inbound FAULT87650001A3F2 accepted")] // an id built from the phone's digits is a word, not a number
    public void MaskedPhonesIdsAndCountsAreNoLeak(string line) => Assert.Empty(Scan(line));

    [Fact]
    public void ABodyAHostileInputTestSendsIsSkippedNeverThrown()
    {
        var sent = new SentValues();
        sent.AddRequest(null, [], """{"data":{"message":{"conversation":"a\ud800 lone surrogate in a long enough text"}}}""");
        Assert.Empty(sent.Texts);
    }

    [Fact]
    public void AMessageTextIsALeakFromInformationUpNotInADebugTrace()
    {
        Assert.Empty(Scan("texto: " + Said, LogLevel.Debug));
        Assert.Single(Scan("texto: " + Said, LogLevel.Warning));
    }

    [Fact]
    public async Task AHostThatLogsWhatItWasSentFailsWhenDisposedNamingTheEventButNotTheValue()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?> { ["HUMANIZAR"] = "false" });
        using (var client = app.CreateClient())
            Assert.True((await PostAsync(client, Text(Phone, Said))).IsSuccessStatusCode);
        app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Julia.Leaky").LogInformation(new EventId(9999), "o médico disse {Texto}", Said);

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(() => app.DisposeAsync().AsTask());

        Assert.Contains("message text the test sent in event 9999 (Information, Julia.Leaky)", failure.Message);
        Assert.DoesNotContain("Quitéria", failure.Message);
    }

    /// <summary>
    /// A derived fixture whose host leaked still closes its fake servers, and the leak is still reported: PrivacyFixture
    /// closed its fake Chatwoot after <c>await base.DisposeAsync()</c>, which the guard's throw skipped, leaving it listening
    /// for the rest of the run (docs/decisions.md#log-leak-guard).
    /// </summary>
    [Fact]
    public async Task ADerivedFixtureWhoseHostLeakedClosesItsFakeServersAndStillReportsTheLeak()
    {
        var fixture = new PrivacyFixture();
        await fixture.InitializeAsync();
        var chatwoot = new Uri(fixture.Chatwoot.Url);
        Assert.True((await PostAsync(fixture.Client, Text(Phone, Said))).IsSuccessStatusCode);
        fixture.App.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Julia.Leaky").LogInformation(new EventId(9998), "o médico disse {Texto}", Said);

        var failure = await Assert.ThrowsAsync<Xunit.Sdk.XunitException>(fixture.DisposeAsync);

        Assert.Contains("message text the test sent in event 9998 (Information, Julia.Leaky)", failure.Message);
        using var probe = new TcpClient();
        await Assert.ThrowsAnyAsync<SocketException>(() => probe.ConnectAsync(chatwoot.Host, chatwoot.Port));
    }
}
