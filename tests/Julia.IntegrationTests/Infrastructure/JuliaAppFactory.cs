using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Julia.IntegrationTests.Infrastructure;

/// <summary>
/// Júlia in-process on a database and Redis database of her own. Extra settings use the runbook's variable
/// names (e.g. <c>["HUMANIZAR"] = "false"</c>), exactly as an operator would set them.
/// </summary>
public sealed class JuliaAppFactory(TestDatabase database, TestRedis redis, IReadOnlyDictionary<string, string?>? settings = null)
    : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("DATABASE_URL", database.Url);
        builder.UseSetting("REDIS_URL", redis.Url);
        builder.UseSetting("ENVIRONMENT", "test");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
    }
}
