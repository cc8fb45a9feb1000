using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Julia.Infrastructure.Redis;
using Julia.IntegrationTests.Conversations;
using Julia.IntegrationTests.TestHost;
using Julia.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.WhatsApp;

/// <summary>
/// Júlia with the real Evolution client against a fake Evolution (its state poll every second) and a fake Slack; alerts
/// at any hour, after a 5 s grace. The grace is longer than the poll on purpose: the fake answers `close` to the poll
/// before the test posts the 401 webhook, so a poll can start the outage first; with a 1 s grace, on a loaded host the
/// page went out before the webhook's reason was stored and said no motivo (production's grace is 30 s).
/// </summary>
public sealed class DisconnectReasonFixture : GatewayPipelineFixture
{
    public const string Token = "motivo-token-FAKE", Admin = "motivo-admin-FAKE";
    public const string Url = "/webhook/evolution?token=" + Token;
    public FakeSlack Slack { get; private set; } = null!;

    protected override Dictionary<string, string?> Settings => new(Evolution.Settings(timeoutSeconds: 2))
    {
        ["HUMANIZAR"] = "false", ["EVOLUTION_WEBHOOK_TOKEN"] = Token, ["ADMIN_API_TOKEN"] = Admin,
        ["SLACK_WEBHOOK_URL"] = Slack.WebhookUrl, ["Notifications:PollMilliseconds"] = "50",
        ["Alerts:DisconnectGraceSeconds"] = "5", ["Evolution:StatePollSeconds"] = "1",
        ["DIAS_UTEIS"] = "1-7", ["HORARIO_INICIO"] = "00:00", ["HORARIO_FIM"] = "00:00",
    };

    public override async Task InitializeAsync()
    {
        Slack = Peer(await FakeSlack.StartAsync());
        await base.InitializeAsync();
    }


    public IDatabase Cache => App.Services.GetRequiredService<RedisGate>().Multiplexer.GetDatabase(Redis.Database);

    public int Polls => Evolution.StateAsks;

    /// <summary>Two more polls answered than now: the state the fake says has been written over whatever came before.</summary>
    public Task AfterTwoPollsAsync()
    {
        var before = Polls;
        return Eventually.MatchesAsync(() => Task.FromResult(Polls), n => n >= before + 2);
    }

    public async Task<string?> ReadinessAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/health/ready")).GetProperty("whatsapp").GetString();

    /// <summary>The body as `curl` shows it to an operator, who greps it for the runbook's words.</summary>
    public Task<string> ReadinessTextAsync() => Client.GetStringAsync("/health/ready");

    public async Task<JsonElement> MetricsHealthAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/admin/metricas/health");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Admin);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>
/// A logout (`connection.update` close, `statusReason` 401) is told as one — in `whatsapp:estado`, /health/ready,
/// /admin/metricas/health and the `whatsapp_desconectado` page — and survives the state poll, whose answer carries no
/// reason (an operator drill, 2026-12-06: the poll wrote an empty reason over the 401 and the page never said it, so at
/// 3 a.m. nothing told waiting from scanning the QR code; docs/decisions.md#whatsapp-disconnect-reason).
/// </summary>
public sealed class DisconnectReasonTests(DisconnectReasonFixture f) : IClassFixture<DisconnectReasonFixture>
{
    const string LogoutShown = "close (401: sessão encerrada — escanear o QR code de novo)";

    [Fact]
    public async Task ALogoutReasonOutlivesThePollIsShownAndPagedAndOpenClearsIt()
    {
        f.Evolution.State = "open";
        var connection = f.App.Services.GetRequiredService<WhatsAppConnection>();
        await Eventually.MatchesAsync(() => Task.FromResult(connection.State), s => s == "open");

        const string Pages = "SELECT mensagem FROM alertas_enviados WHERE tipo = 'whatsapp_desconectado' ORDER BY created_at";
        var paged = (await f.QueryAsync<string>(Pages)).Count; // the other test of the class pages its own outage

        // The phone removed the linked device: Evolution posts the close with 401, then answers `close` to every poll.
        f.Evolution.State = "close";
        using (var response = await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"), DisconnectReasonFixture.Url))
            response.EnsureSuccessStatusCode();
        await f.AfterTwoPollsAsync();

        Assert.Equal("close", (string?)await f.Cache.HashGetAsync(WhatsAppConnection.Key, "estado"));
        Assert.Equal("401", (string?)await f.Cache.HashGetAsync(WhatsAppConnection.Key, "status_reason"));
        Assert.Equal(LogoutShown, await f.ReadinessAsync());
        // As the runbook prints it: `curl /health/ready | grep "sessão encerrada"` finds it (it was `sess\u00E3o`).
        Assert.Contains($"\"whatsapp\":\"{LogoutShown}\"", await f.ReadinessTextAsync());
        var health = await f.MetricsHealthAsync();
        Assert.Contains(health.GetProperty("problemas").EnumerateArray(), p => p.GetString() == $"WhatsApp não conectado (estado {LogoutShown})");
        Assert.Equal("401: sessão encerrada — escanear o QR code de novo",
            health.GetProperty("metricas").GetProperty("whatsapp").GetProperty("motivo").GetString());

        // The page says why, and that waiting will not help.
        var page = (await Eventually.MatchesAsync(() => f.QueryAsync<string>(Pages), m => m.Count > paged))[^1];
        Assert.Contains("(estado close, motivo 401: sessão encerrada — escanear o QR code de novo)", page);
        Assert.Contains("esperar não resolve: escanear o QR code no Evolution Manager", page);
        await Eventually.MatchesAsync(() => Task.FromResult(f.Slack.Received.Select(m => m.ToJsonString()).ToList()),
            all => all.Any(m => m.Contains("whatsapp_desconectado") && m.Contains("escanear o QR code no Evolution Manager")));

        // Someone scanned the QR code: `open` (here from the poll) ends the outage and its reason…
        f.Evolution.State = "open";
        await Eventually.MatchesAsync(() => Task.FromResult(connection.State), s => s == "open");
        Assert.Equal("", (string?)await f.Cache.HashGetAsync(WhatsAppConnection.Key, "status_reason"));
        Assert.Equal("open", await f.ReadinessAsync());

        // …so the next drop, which Evolution gave no reason for, is not told as the old logout.
        f.Evolution.State = "close";
        await Eventually.MatchesAsync(() => Task.FromResult(connection.State), s => s == "close");
        await f.AfterTwoPollsAsync();
        Assert.Equal("close", await f.ReadinessAsync());
        f.Evolution.State = "open";
        await Eventually.MatchesAsync(() => Task.FromResult(connection.State), s => s == "open");
    }

    /// <summary>
    /// A `connecting` with 200 (someone is scanning the QR code, or Evolution retries) explains nothing: the outage's
    /// 401 stays until `open`.
    /// </summary>
    [Fact]
    public async Task AConnectingWithoutAnErrorCodeKeepsTheOutagesReason()
    {
        f.Evolution.State = "open";
        var connection = f.App.Services.GetRequiredService<WhatsAppConnection>();
        await Eventually.MatchesAsync(() => Task.FromResult(connection.State), s => s == "open");
        try
        {
            f.Evolution.State = "close";
            using (var response = await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"), DisconnectReasonFixture.Url))
                response.EnsureSuccessStatusCode();
            f.Evolution.State = "connecting";
            using (var response = await PostAsync(f.Client, Fixture("webhook-connection-update-connecting.json"), DisconnectReasonFixture.Url))
                response.EnsureSuccessStatusCode();
            await f.AfterTwoPollsAsync();

            Assert.Equal("connecting", connection.State);
            Assert.Equal(401, await connection.ReasonAsync());
            Assert.Equal("connecting (401: sessão encerrada — escanear o QR code de novo)", await f.ReadinessAsync());
        }
        finally
        {
            f.Evolution.State = "open";
            await Eventually.MatchesAsync(() => Task.FromResult(connection.State), s => s == "open");
        }
    }
}
