using Julia.Infrastructure.Telemetry;
namespace Julia.Infrastructure.Redis;

internal static class RedisExtensions
{
    public static void AddRedis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.Section);
        builder.Services.AddOptions<CacheOptions>().BindConfiguration(CacheOptions.Section);
        builder.Services.AddSingleton<RedisGate>();
        builder.Services.AddOperationMeter<CacheMeter>();
        builder.Services.AddSingleton<JuliaCache>();
    }
}
