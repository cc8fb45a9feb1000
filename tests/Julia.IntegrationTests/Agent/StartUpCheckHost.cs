using Julia.IntegrationTests.TestHost;

namespace Julia.IntegrationTests.Agent;

/// <summary>
/// A host of its own (database, Redis) started with the given settings, for the checks Júlia makes at start-up
/// (the model checks of <see cref="ModelAvailabilityTests"/> and <see cref="OpenAIModelAvailabilityTests"/>); disposed with them.
/// </summary>
internal sealed class StartUpCheckHost(TestDatabase db, TestRedis redis, JuliaAppFactory app) : IAsyncDisposable
{
    public JuliaAppFactory App => app;

    public static async Task<StartUpCheckHost> StartAsync(Dictionary<string, string?> settings)
    {
        var db = await TestDatabase.CreateAsync();
        var redis = TestRedis.Lease();
        var app = new JuliaAppFactory(db, redis, settings);
        _ = app.Server;
        return new StartUpCheckHost(db, redis, app);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        await db.DisposeAsync();
        redis.Dispose();
    }
}
