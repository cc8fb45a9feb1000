namespace Julia.IntegrationTests.TestHost;

/// <summary>One migrated database, one Redis database and one running Júlia per test class.</summary>
public class AppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public TestRedis Redis { get; private set; } = null!;
    public JuliaAppFactory Factory { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Redis = TestRedis.Lease();
        Factory = new JuliaAppFactory(Database, Redis, Settings);
        _ = Factory.Server; // starts the host: migrations run before it answers
    }

    public async Task DisposeAsync()
    {
        try { await Factory.DisposeAsync(); } // may fail the class on a leaked value (docs/decisions.md#log-leak-guard)
        finally
        {
            await Database.DisposeAsync();
            Redis.Dispose();
        }
    }
}
