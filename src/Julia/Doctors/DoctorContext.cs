using Julia.Infrastructure.Redis;
using StackExchange.Redis;
using Microsoft.Extensions.Options;

namespace Julia.Doctors;

/// <summary>
/// The static part of a turn's context (doctor profile and specialty notes), cached under `contexto:medico:{id}` for
/// CACHE_TTL_CONTEXTO seconds and dropped with every other cached view of the doctor
/// (<see cref="DoctorDirectory.InvalidateAsync(DoctorRecord)"/>).
/// </summary>
internal sealed class DoctorContext(DoctorProfileStore profiles, JuliaCache cache, IOptions<CacheOptions> options)
{
    public Task<DoctorProfile?> ProfileAsync(Guid medicoId, CancellationToken ct) => ReadAsync(medicoId, peeked: null, ct);

    /// <summary>
    /// Sends the cache read now, to share the caller's next Redis round trip; the returned function finishes the read
    /// (the database only on a miss, only when called).
    /// </summary>
    public Func<CancellationToken, Task<DoctorProfile?>> StartProfileRead(Guid medicoId)
    {
        var peeked = cache.PeekAsync(DoctorKeys.Context(medicoId));
        return ct => ReadAsync(medicoId, peeked, ct);
    }

    Task<DoctorProfile?> ReadAsync(Guid medicoId, Task<RedisValue>? peeked, CancellationToken ct) =>
        cache.GetOrCreateAsync(DoctorKeys.Context(medicoId), TimeSpan.FromSeconds(options.Value.ContextoTtlSeconds), t => profiles.FindAsync(medicoId, t), ct, peeked);
}
