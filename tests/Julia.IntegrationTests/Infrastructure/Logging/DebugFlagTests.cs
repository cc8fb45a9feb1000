using System.Net;
using System.Text;
using Julia.IntegrationTests.TestHost;
using Microsoft.Extensions.Logging;

namespace Julia.IntegrationTests.Infrastructure.Logging;

/// <summary>
/// `DEBUG=true` lowers the log level to DEBUG whatever LOG_LEVEL says (an audit, 2026-12-03: the variable was read,
/// validated and used by nothing); without it, INFO keeps DEBUG lines out.
/// </summary>
public sealed class DebugFlagTests
{
    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    public async Task DebugTrueLetsDebugLinesThrough(string debug, bool expected)
    {
        await using var database = await TestDatabase.CreateAsync();
        using var redis = TestRedis.Lease();
        await using var app = new JuliaAppFactory(database, redis, new Dictionary<string, string?> { ["DEBUG"] = debug, ["LOG_LEVEL"] = "INFO" });
        var client = app.CreateClient();

        // A body the framework cannot bind: its refusal is logged at DEBUG (EventId 160).
        var response = await client.PostAsync("/campanhas/segmento/preview", new StringContent("{\"filtros\": 5}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, app.Logs.Lines.Any(l => l.Level == LogLevel.Debug && l.EventId == 160));
    }
}
