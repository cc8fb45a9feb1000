using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Infrastructure.Health;

public sealed class HealthTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task HealthAnswersLivenessWithServiceAndVersion()
    {
        var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", body.GetProperty("status").GetString());
        Assert.Equal("julia-api", body.GetProperty("service").GetString());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("version").GetString()));
        Assert.True(body.GetProperty("timestamp").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
    }

    [Fact]
    public async Task UnknownRouteIsA404ProblemDetails()
    {
        var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/nao-existe");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, body.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task ReadinessChecksDatabaseRedisAndTheChannel()
    {
        var body = await app.Factory.CreateClient().GetFromJsonAsync<JsonElement>("/health/ready");

        Assert.Equal("ready", body.GetProperty("status").GetString());
        Assert.Equal("ok", body.GetProperty("database").GetString());
        Assert.Equal("ok", body.GetProperty("redis").GetString());
        Assert.Equal("sandbox", body.GetProperty("whatsapp").GetString());
    }
}
