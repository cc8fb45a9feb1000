namespace Julia.IntegrationTests.TestHost;

/// <summary>One migrated database, one Redis database and one running Júlia per test class.</summary>
public class AppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public TestRedis Redis { get; private set; } = null!;
    public JuliaAppFactory Factory { get; private set; } = null!;
    readonly FixtureTeardown teardown = new();

    /// <summary>A fake peer started for this host, closed after it even when the host's disposal fails on a leak.</summary>
    protected T Peer<T>(T peer) where T : IAsyncDisposable => teardown.Add(peer);

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateMigratedAsync();
        Redis = TestRedis.Lease();
        Factory = new JuliaAppFactory(Database, Redis, Settings);
        _ = Factory.Server; // starts the host: migrations run before it answers
    }

    // The host's disposal may fail the class on a leaked value (docs/decisions.md#log-leak-guard); everything still closes.
    public virtual Task DisposeAsync() => teardown.RunAsync(
        () => Factory.DisposeAsync(), () => Database.DisposeAsync(), () => { Redis.Dispose(); return ValueTask.CompletedTask; });
}
