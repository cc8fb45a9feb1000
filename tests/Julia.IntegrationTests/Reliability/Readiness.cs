using System.Text.Json.Nodes;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Reliability;

/// <summary>`GET /health/ready` of a running process: `{status: ready|degraded|unavailable, database, redis, whatsapp}` and its HTTP code.</summary>
internal static class Readiness
{
    public sealed record State(int Code, string Status, string Redis, string Database, string WhatsApp)
    {
        public override string ToString() => $"{Code} {Status} (database {Database}, redis {Redis}, whatsapp {WhatsApp})";
    }

    public static async Task<State> ReadAsync(JuliaServer server)
    {
        try
        {
            using var response = await server.Http.GetAsync("/health/ready");
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return new State((int)response.StatusCode, Field(body, "status"), Field(body, "redis"), Field(body, "database"), Field(body, "whatsapp"));
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            return new State(0, ex.GetType().Name, "", "", "");
        }
    }

    public static Task<State> WaitForAsync(JuliaServer server, string status, int seconds = 60) =>
        Eventually.MatchesAsync(() => ReadAsync(server), s => s.Status == status, seconds, pollMilliseconds: 250);

    static string Field(JsonNode body, string name) => body[name]?.ToString() ?? "";
}
