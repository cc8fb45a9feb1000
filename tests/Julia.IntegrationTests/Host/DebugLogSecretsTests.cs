using System.Text;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Host;

/// <summary>
/// `LOG_LEVEL=DEBUG` (or `DEBUG=true`) lets ASP.NET write each request's URL — `Request starting HTTP/1.1 POST
/// http://…/webhook/evolution?token=…` — so every webhook wrote EVOLUTION_WEBHOOK_TOKEN (and Chatwoot's `?token=`) into
/// the log, in clear, once per message: found by a blind hostile pass (2026-12-07). No line carries a secret at any level;
/// a `token=` value is `***` (docs/decisions.md#log-secrets). Failed without the fix: both tokens were in the output.
/// </summary>
public sealed class DebugLogSecretsTests
{
    const string EvolutionToken = "tok-evo-debuglog-0001", ChatwootToken = "tok-cw-debuglog-0001", AdminToken = "tok-adm-debuglog-0001";

    [Fact]
    public async Task AtDebugNoLineCarriesTheWebhookTokensOfTheUrlsNorAnyOtherSecret()
    {
        await using var db = await TestDatabase.CreateMigratedAsync();
        using var redis = TestRedis.Lease();
        var server = await JuliaServer.StartAsync("julia serve (DEBUG)", new Dictionary<string, string>
        {
            ["DATABASE_URL"] = db.Url, ["REDIS_URL"] = redis.Url, ["LOG_LEVEL"] = "DEBUG",
            ["EVOLUTION_WEBHOOK_TOKEN"] = EvolutionToken, ["CHATWOOT_WEBHOOK_TOKEN"] = ChatwootToken, ["ADMIN_API_TOKEN"] = AdminToken,
        }, role: "api");
        try
        {
            var evolution = EvolutionWebhooks.Text("5511988870401", "oi, tem plantão?").ToJsonString();
            var chatwoot = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "fixtures", "chatwoot", "webhook-message-created-incoming.json"));
            var encoded = string.Concat(EvolutionToken.Select(c => $"%{(int)c:X2}"));
            foreach (var (url, body) in new[]
                     {
                         ($"/webhook/evolution?token={EvolutionToken}", evolution),
                         ($"/webhook/evolution?x=1&token={encoded}", EvolutionWebhooks.Text("5511988870402", "oi de novo").ToJsonString()),
                         ($"/webhook/evolution?token={EvolutionToken}/messages-upsert", EvolutionWebhooks.Text("5511988870403", "e agora?").ToJsonString()),
                         ($"/chatwoot/webhook?token={ChatwootToken}", chatwoot),
                     })
            {
                var answer = await server.Http.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
                Assert.True((int)answer.StatusCode < 500, $"{url}: {answer.StatusCode}");
            }
            using (var admin = new HttpRequestMessage(HttpMethod.Get, "/admin/handoffs"))
            {
                admin.Headers.Authorization = new("Bearer", AdminToken);
                Assert.Equal(200, (int)(await server.Http.SendAsync(admin)).StatusCode);
            }
            // The framework's request lines come after the answer: wait for the last one.
            for (var i = 0; i < 50 && server.CountLines("Request finished HTTP/1.1 GET http://127.0.0.1") == 0; i++) await Task.Delay(100);

            var output = server.Output(100_000);
            Assert.Contains("/webhook/evolution?token=***", output); // the line is still there, the token is not
            foreach (var secret in new[] { EvolutionToken, ChatwootToken, AdminToken, encoded })
                Assert.False(output.Contains(secret, StringComparison.OrdinalIgnoreCase), $"a secret in the DEBUG log ({secret[..8]}…)");
        }
        finally
        {
            await server.DisposeAsync(); // the leak guard reads every line too
        }
    }
}
