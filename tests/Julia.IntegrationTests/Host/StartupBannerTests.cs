using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Host;

/// <summary>
/// The start-up lines name each peer's address, never a password written in it (an outside walk, 2026-12-04:
/// `EVOLUTION_URL=http://admin:senha@…` and a CHATWOOT_URL with a password were printed whole in the banner and in
/// Chatwoot's "does not answer" warning, now the start-up profile read's `failed;` line).
/// </summary>
public sealed class StartupBannerTests
{
    [Fact]
    public async Task APasswordInAPeersUrlIsMaskedInTheStartupLines()
    {
        await using var db = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(db, redis, new Dictionary<string, string?>
        {
            ["EVOLUTION_URL"] = "http://admin:segredo-evolution@127.0.0.1:9/",
            ["CHATWOOT_URL"] = "http://agente:segredo-chatwoot@127.0.0.1:9", ["CHATWOOT_API_TOKEN"] = "token-chatwoot",
        });
        app.CreateClient();

        await app.Logs.AssertLoggedAsync(l => l.Message.StartsWith("Chatwoot profile read at ", StringComparison.Ordinal), "Chatwoot's start-up failure");

        Assert.Contains(app.Logs.Lines, l => l.Message.StartsWith("Integration Evolution: on (http://***@127.0.0.1:9/,", StringComparison.Ordinal));
        Assert.Contains(app.Logs.Lines, l => l.Message == "Integration Chatwoot: on (http://***@127.0.0.1:9/)");
        Assert.Contains(app.Logs.Lines, l => l.Message.StartsWith("Chatwoot profile read at http://***@127.0.0.1:9/ failed;", StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs.Lines, l => l.Message.Contains("segredo", StringComparison.Ordinal));
    }
}
