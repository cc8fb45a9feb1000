using Julia.Infrastructure.Configuration;

namespace Julia.UnitTests.Infrastructure.Configuration;

public sealed class ConnectionStringsTests
{
    [Fact]
    public void SupabaseStylePostgresUriBecomesNpgsqlSettings()
    {
        var ok = ConnectionStrings.TryPostgres(
            "postgresql://postgres.abc:p%40ss@aws-0-sa-east-1.pooler.supabase.com:6543/postgres?sslmode=require", out var csb, out _);

        Assert.True(ok);
        Assert.Equal("aws-0-sa-east-1.pooler.supabase.com", csb.Host);
        Assert.Equal(6543, csb.Port);
        Assert.Equal("postgres", csb.Database);
        Assert.Equal("postgres.abc", csb.Username);
        Assert.Equal("p@ss", csb.Password);
        Assert.Equal(Npgsql.SslMode.Require, csb.SslMode);
    }

    [Fact]
    public void NpgsqlKeywordStringIsAcceptedAsIs()
    {
        Assert.True(ConnectionStrings.TryPostgres("Host=db;Port=5433;Database=j;Username=u", out var csb, out _));
        Assert.Equal("db", csb.Host);
        Assert.Equal(5433, csb.Port);
    }

    [Fact]
    public void RedisUrlHonoursPasswordDatabaseAndTls()
    {
        Assert.True(ConnectionStrings.TryRedis("rediss://:segredo@cache.example.com:6380/3", out var options, out _));

        Assert.Equal("segredo", options.Password);
        Assert.Equal(3, options.DefaultDatabase);
        Assert.True(options.Ssl);
        var endpoint = Assert.IsType<System.Net.DnsEndPoint>(options.EndPoints[0]);
        Assert.Equal(("cache.example.com", 6380), (endpoint.Host, endpoint.Port));
    }

    [Theory]
    [InlineData("redis://localhost:6379/x")]
    [InlineData("redis://")]
    public void BadRedisUrlsAreRefused(string url) =>
        Assert.False(ConnectionStrings.TryRedis(url, out _, out _));
}
