namespace Julia.Infrastructure.Redis;

internal sealed class RedisOptions
{
    public const string Section = "Redis";
    public string Url { get; set; } = "";
}

internal sealed class CacheOptions
{
    public const string Section = "Cache";
    public int TtlSeconds { get; set; } = 300;
    public int VagasTtlSeconds { get; set; } = 60;
    public int ContextoTtlSeconds { get; set; } = 120;
}
