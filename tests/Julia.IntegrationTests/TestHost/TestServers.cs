using Npgsql;

namespace Julia.IntegrationTests.TestHost;

/// <summary>The PostgreSQL and Redis servers ./test.sh started (or was given). Tests never mock either.</summary>
internal static class TestServers
{
    public static string PostgresAdminUrl => Required("JULIA_TEST_DATABASE_URL");
    public static string RedisBaseUrl => Required("JULIA_TEST_REDIS_URL").TrimEnd('/');
    public static string RedisServerBinary => Environment.GetEnvironmentVariable("JULIA_REDIS_SERVER_BIN") is { Length: > 0 } bin ? bin : "redis-server";

    static string Required(string name) =>
        Environment.GetEnvironmentVariable(name) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{name} is not set: run the tests through ./test.sh, which starts PostgreSQL and Redis");

    /// <summary>
    /// The server's maintenance database, pooled: each test class creates and drops a database through it, and a new
    /// session costs this machine about 33 ms of the server's CPU (docs/reliability.md, "Run time").
    /// </summary>
    public static NpgsqlConnectionStringBuilder AdminConnection()
    {
        Julia.Infrastructure.Configuration.ConnectionStrings.TryPostgres(PostgresAdminUrl, out var csb, out var error);
        if (error.Length > 0) throw new InvalidOperationException($"JULIA_TEST_DATABASE_URL: {error}");
        csb.Pooling = true;
        csb.ApplicationName = "julia-tests-admin";
        return csb;
    }
}
