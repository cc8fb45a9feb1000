using Julia.Privacy;
using Microsoft.Extensions.Options;

namespace Julia.Cli;

/// <summary>
/// `julia titular apagar` with Redis down (docs/decisions.md#lgpd, "Redis down during an erasure"): the service deletes
/// the doctor's keys as soon as Redis answers, from memory; the CLI's process ends at once, so it waits for Redis itself
/// for a while (PrivacyOptions.CliRedisWaitSeconds), then says exactly which keys are left and how to delete them. The
/// names go to the operator's terminal only (they hold the phone he typed); nothing is written down.
/// </summary>
internal static class ErasedCacheWait
{
    public static async Task RunAsync(IServiceProvider services, Guid medicoId)
    {
        var keys = services.GetRequiredService<CacheRemovalRetry>().Take(medicoId);
        if (keys.Count == 0) return;
        var options = services.GetRequiredService<IOptions<PrivacyOptions>>().Value;
        var cache = services.GetRequiredService<SubjectCache>();
        var every = TimeSpan.FromMilliseconds(Math.Max(50, options.CacheRetryMilliseconds));
        var until = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(Math.Max(0, options.CliRedisWaitSeconds));
        Console.WriteLine($"Redis fora: esperando até {options.CliRedisWaitSeconds} s para apagar as {keys.Count} chaves do médico no Redis…");
        while (true)
        {
            if (await cache.RemoveAsync(keys))
            {
                Console.WriteLine($"Redis voltou: {keys.Count} chaves do médico removidas");
                return;
            }
            if (DateTimeOffset.UtcNow >= until) break;
            await Task.Delay(every);
        }
        await Console.Error.WriteLineAsync(
            $"julia: ATENÇÃO: o Redis não respondeu; {keys.Count} chaves do médico ficam até expirar (CACHE_TTL). Para apagá-las já, " +
            $"com o Redis de volta: redis-cli -u \"$REDIS_URL\" DEL {string.Join(' ', keys)}");
    }
}
