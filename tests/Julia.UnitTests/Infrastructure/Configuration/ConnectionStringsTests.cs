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

    /// <summary>
    /// A libpq URI as psql takes it — Neon's `?sslmode=require&amp;channel_binding=require`, `connect_timeout`,
    /// `application_name`, `target_session_attrs` — means the same here (they were refused as "não é uma URL postgres://").
    /// </summary>
    [Fact]
    public void LibpqUriParametersBecomeTheirNpgsqlKeywords()
    {
        var ok = ConnectionStrings.TryPostgres(
            "postgresql://u:p@ep-x.sa-east-1.aws.neon.tech/neondb?sslmode=require&channel_binding=require&connect_timeout=7&application_name=julia-x&target_session_attrs=read-write",
            out var csb, out var error);

        Assert.True(ok, error);
        Assert.Equal(Npgsql.SslMode.Require, csb.SslMode);
        Assert.Equal(Npgsql.ChannelBinding.Require, csb.ChannelBinding);
        Assert.Equal(7, csb.Timeout);
        Assert.Equal("julia-x", csb.ApplicationName);
        Assert.Equal("read-write", csb.TargetSessionAttributes);
    }

    [Theory]
    [InlineData("postgres://u:p@db/j?pgbouncer=true", "parâmetro pgbouncer desconhecido")]
    [InlineData("postgres://u:p@db/j?sslmode=talvez", "valor inválido para o parâmetro sslmode")]
    [InlineData("postgres://u:p@db/j?connect_timeout=logo", "valor inválido para o parâmetro connect_timeout")]
    public void AnUnusableUriParameterIsNamedWithoutItsValue(string url, string says)
    {
        Assert.False(ConnectionStrings.TryPostgres(url, out _, out var error));
        Assert.Contains(says, error, StringComparison.Ordinal);
        Assert.DoesNotContain("talvez", error, StringComparison.Ordinal);
        Assert.DoesNotContain("logo", error, StringComparison.Ordinal);
    }

    /// <summary>
    /// A password with an unencoded `#`, `?` or `/` ends the host early (`u:2024#…` read as host u, port 2024): refused with
    /// how to encode it, not sent to a host that is not there. An unencoded space or `%` is read as meant.
    /// </summary>
    [Theory]
    [InlineData("postgres://postgres:2024#Senha@db.abc.supabase.co:5432/postgres")]
    [InlineData("postgres://postgres:12/ab@db.abc.supabase.co:5432/postgres")]
    [InlineData("postgres://postgres:12?ab@db.abc.supabase.co:5432/postgres")]
    [InlineData("postgres://postgres:p@ss@db.abc.supabase.co:5432/postgres")]
    [InlineData("redis://default:12/ab@cache:6379/0")]
    public void APasswordWithAnUnencodedReservedCharacterIsRefusedWithHowToEncodeIt(string url)
    {
        var ok = url.StartsWith("redis", StringComparison.Ordinal)
            ? ConnectionStrings.TryRedis(url, out _, out var error)
            : ConnectionStrings.TryPostgres(url, out _, out error);

        Assert.False(ok);
        Assert.Contains("%23", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Senha", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgres://u:minha senha@db/j", "minha senha")]
    [InlineData("postgres://u:100%puro@db/j", "100%puro")]
    [InlineData("postgres://u:p%23ss%40x@db/j", "p#ss@x")]
    public void AnUnencodedSpaceOrPercentAndAnEncodedPasswordAreReadAsMeant(string url, string password)
    {
        Assert.True(ConnectionStrings.TryPostgres(url, out var csb, out var error), error);
        Assert.Equal(("db", password), (csb.Host, csb.Password));
    }

    /// <summary>libpq's keyword form (psql's, space separated) — it was read as one host named `db port=5433 dbname=…`.</summary>
    [Fact]
    public void LibpqKeywordFormIsReadPairByPair()
    {
        Assert.True(ConnectionStrings.TryPostgres("host=db port=5433 dbname=julia user=u password='a b\\'c' sslmode=require", out var csb, out var error), error);

        Assert.Equal(("db", 5433, "julia", "u", "a b'c", Npgsql.SslMode.Require),
            (csb.Host, csb.Port, csb.Database, csb.Username, csb.Password, csb.SslMode));
    }
}
