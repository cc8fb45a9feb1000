using Julia.Alerts;
using Julia.Infrastructure.Resilience;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Julia.IntegrationTests.TestHost.EvolutionWebhooks;

namespace Julia.IntegrationTests.Alerts;

/// <summary>
/// `circuito_aberto` and `whatsapp_desconectado` go out the moment they happen (a disconnect once it outlasts a short
/// grace: 1 s here, 30 s by default), not at the next run of the 15-minute job (an outside pass, 2026-12-02: a breaker
/// open for a minute was never alerted; a disconnect waited for the job).
/// </summary>
[Collection("alertas")]
public sealed class ImmediateAlertsTests(AlertsFixture f) : IClassFixture<AlertsFixture>
{
    Task<List<(string Tipo, string Mensagem)>> AlertsAsync() =>
        f.QueryAsync<(string, string)>("SELECT tipo, mensagem FROM alertas_enviados ORDER BY created_at");

    [Fact]
    public async Task ABreakerThatOpensIsAlertedAtOnceEvenIfItClosesBeforeTheJobRuns()
    {
        await f.ResetAsync();
        int ChatwootMessages() => f.Slack.Received.Count(m => m.ToJsonString().Contains("chatwoot"));
        var before = ChatwootMessages(); // other tests of the class open this breaker too
        var chatwoot = f.App.Services.GetRequiredService<CircuitBreakers>().Chatwoot;
        for (var i = 0; i < 5; i++) chatwoot.RecordFailure();
        chatwoot.RecordSuccess();

        var alerts = await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.CircuitoAberto));
        Assert.Contains("chatwoot", alerts.Single(a => a.Tipo == AlertTypes.CircuitoAberto).Mensagem);
        // One notice, delivered: counted in the outbox, which ResetAsync emptied. At the fake Slack `n == before + 1` raced
        // an earlier test's notice still on its way when ResetAsync ran (it arrived after `before` was read).
        await Eventually.MatchesAsync(() => f.QueryAsync<string>(
            "SELECT status FROM notificacoes WHERE canal = 'slack' AND payload->>'tipo' = 'circuito_aberto'"), s => s is ["enviada"]);
        await Eventually.MatchesAsync(() => Task.FromResult(ChatwootMessages()), n => n > before);
        await f.App.Logs.AssertLoggedAsync(l => l.EventId == 1702, "event 1702");
    }

    /// <summary>
    /// A second circuit opening within the cooldown is news, not a repeat (an outside pass, 2026-12-02: Evolution's was
    /// alerted, Claude's a minute later was not — the operator saw Evolution come back and never learnt the model was down);
    /// the same circuit again is a repeat.
    /// </summary>
    [Fact]
    public async Task AnotherCircuitOpeningWithinTheCooldownIsAlertedTheSameOneIsNot()
    {
        await f.ResetAsync();
        var breakers = f.App.Services.GetRequiredService<CircuitBreakers>();
        void Open(CircuitBreaker b) { for (var i = 0; i < 5; i++) b.RecordFailure(); b.RecordSuccess(); }

        Open(breakers.Chatwoot);
        await Eventually.MatchesAsync(AlertsAsync, a => a.Count(x => x.Tipo == AlertTypes.CircuitoAberto) == 1);
        Open(breakers.Slack);
        var alerts = await Eventually.MatchesAsync(AlertsAsync, a => a.Count(x => x.Tipo == AlertTypes.CircuitoAberto) == 2);
        Open(breakers.Chatwoot);
        await Task.Delay(500);

        Assert.Equal(2, (await AlertsAsync()).Count(x => x.Tipo == AlertTypes.CircuitoAberto));
        Assert.Contains("slack", alerts.Where(a => a.Tipo == AlertTypes.CircuitoAberto).Last().Mensagem);
    }

    /// <summary>A reconnect (close, then open within the grace) pages nobody.</summary>
    [Fact]
    public async Task AWhatsAppReconnectWithinTheGraceIsNotAlerted()
    {
        await f.ResetAsync();
        // The fixture's 1 s grace is for the tests that wait for a page; three webhooks on a loaded machine can take longer
        // than that, and then the reconnect was not within the grace at all. Five seconds here, for this test's checks only.
        var options = f.App.Services.GetRequiredService<IOptions<AlertsOptions>>().Value;
        var grace = options.DisconnectGraceSeconds;
        options.DisconnectGraceSeconds = 5;
        try
        {
            await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"));
            await PostAsync(f.Client, Fixture("webhook-connection-update-connecting.json"));
            await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));
            // Past the 5 s grace of the checks started above (each reads the grace when it starts: kept until then).
            await Task.Delay(TimeSpan.FromSeconds(6.5));
        }
        finally { options.DisconnectGraceSeconds = grace; }

        Assert.DoesNotContain(await AlertsAsync(), a => a.Tipo == AlertTypes.WhatsAppDesconectado);
        Assert.DoesNotContain(await AlertsAsync(), a => a.Tipo == AlertTypes.WhatsAppReconectado); // nobody was paged: nothing to end
    }

    /// <summary>
    /// The end of a paged outage is told too: `whatsapp_reconectado` (info) once the state is `open` again, once per
    /// outage (an outside pass, 2026-12-02: the page came, the all-clear never did — the operator watched the instance).
    /// </summary>
    [Fact]
    public async Task APagedDisconnectIsFollowedByOneReconnectNotice()
    {
        await f.ResetAsync();
        int Notices() => f.Slack.Received.Count(m => m.ToJsonString().Contains("whatsapp_reconectado"));
        var before = Notices(); // other tests of the class end their own outages: only more than before is asserted here
        await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"));
        await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppDesconectado));

        await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));
        var alerts = await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppReconectado));
        await PostAsync(f.Client, Fixture("webhook-connection-update-connecting.json"));
        await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));
        await Task.Delay(500);

        Assert.Single(await AlertsAsync(), a => a.Tipo == AlertTypes.WhatsAppReconectado);
        Assert.Contains("conectado de novo", alerts.Single(a => a.Tipo == AlertTypes.WhatsAppReconectado).Mensagem);
        Assert.Equal("info", await f.ScalarAsync<string>("SELECT severidade FROM alertas_enviados WHERE tipo = 'whatsapp_reconectado'"));
        Assert.Equal(1L, await f.ScalarAsync<long>("SELECT count(*) FROM notificacoes WHERE canal = 'slack' AND payload->>'tipo' = 'whatsapp_reconectado'"));
        await Eventually.MatchesAsync(() => Task.FromResult(Notices()), n => n > before);
    }

    /// <summary>
    /// Every alert is a log line at its severity (docs/runbook.md "Alertas"; an operator walk, 2026-12-03: the
    /// `whatsapp_reconectado` of a real outage reached Slack and `alertas_enviados` but never the log, so `grep alerta`
    /// showed the page and not its end).
    /// </summary>
    [Fact]
    public async Task TheReconnectNoticeIsLoggedAtInfoLikeEveryAlert()
    {
        await f.ResetAsync();
        bool Logged(CapturedLogs.Line l) => l.EventId == 1702 && l.Message.StartsWith("alerta whatsapp_reconectado (info): ", StringComparison.Ordinal);
        var before = f.App.Logs.Lines.Count(Logged);
        await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"));
        await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppDesconectado));

        await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));
        await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppReconectado));

        var lines = await Eventually.MatchesAsync(() => Task.FromResult(f.App.Logs.Lines.Where(Logged).ToList()), l => l.Count > before);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Information, lines[^1].Level);
        Assert.Contains("conectado de novo", lines[^1].Message);
    }

    /// <summary>An outage is paged once while it lasts: a state that changes again without coming back to `open` is a repeat.</summary>
    [Fact]
    public async Task AWhatsAppOutageIsPagedOnceWhileItLasts()
    {
        await f.ResetAsync();
        try
        {
            await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"));
            await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppDesconectado));
            await PostAsync(f.Client, Fixture("webhook-connection-update-connecting.json"));
            await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"));
            await Task.Delay(TimeSpan.FromSeconds(2)); // past the 1 s grace of the checks those two started

            Assert.Single(await AlertsAsync(), a => a.Tipo == AlertTypes.WhatsAppDesconectado);
        }
        finally
        {
            await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));
            // Its all-clear is recorded in this test, not after the next one's clean slate.
            await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppReconectado));
        }
    }

    /// <summary>
    /// After the all-clear, a new outage is paged again, inside the cooldown too (an operator drill, 2026-12-06: Evolution
    /// went down a second time 3 min after "WhatsApp conectado de novo"; the cooldown kept `whatsapp_desconectado` silent
    /// for the hour, so the last word in Slack was the all-clear while the replies waited). Each outage gets its own end.
    /// </summary>
    [Fact]
    public async Task ANewOutageAfterTheAllClearIsPagedAgainWithinTheCooldown()
    {
        await f.ResetAsync();
        List<(string Tipo, string Mensagem)> alerts;
        try
        {
            await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"));
            await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppDesconectado));
            await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));
            await Eventually.MatchesAsync(AlertsAsync, a => a.Any(x => x.Tipo == AlertTypes.WhatsAppReconectado));

            await PostAsync(f.Client, Fixture("webhook-connection-update-close.json"));
            alerts = await Eventually.MatchesAsync(AlertsAsync, a => a.Count(x => x.Tipo == AlertTypes.WhatsAppDesconectado) == 2);
        }
        finally
        {
            await PostAsync(f.Client, Fixture("webhook-connection-update-open.json"));
        }
        alerts = await Eventually.MatchesAsync(AlertsAsync, a => a.Count(x => x.Tipo == AlertTypes.WhatsAppReconectado) == 2);

        Assert.Equal([AlertTypes.WhatsAppDesconectado, AlertTypes.WhatsAppReconectado, AlertTypes.WhatsAppDesconectado,
            AlertTypes.WhatsAppReconectado], alerts.Select(a => a.Tipo));
        Assert.Equal(2L, await f.ScalarAsync<long>(
            "SELECT count(*) FROM notificacoes WHERE canal = 'slack' AND payload->>'tipo' = 'whatsapp_desconectado'"));
    }
}
