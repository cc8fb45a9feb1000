using Julia.Infrastructure.Redis;
using Microsoft.Extensions.Options;

namespace Julia.Doctors;

/// <summary>
/// The static part of a turn's context (doctor profile and specialty notes), cached under `contexto:medico:{id}` for
/// CACHE_TTL_CONTEXTO seconds and dropped with every other cached view of the doctor
/// (<see cref="DoctorDirectory.InvalidateAsync(DoctorRecord)"/>).
/// </summary>
internal sealed class DoctorContext(DoctorProfileStore profiles, JuliaCache cache, IOptions<CacheOptions> options)
{
    /// <summary>
    /// Sends the cache read now, to share the caller's next Redis round trip; the returned function finishes the read
    /// (the database only on a miss, only when called).
    /// </summary>
    /// <summary>A profile read from the database by another statement (the webhook's, for a doctor not cached): the turn that follows finds it.</summary>
    public Task RememberAsync(DoctorProfile profile) =>
        cache.SetAsync(DoctorKeys.Context(profile.Id), profile, TimeSpan.FromSeconds(options.Value.ContextoTtlSeconds));

    public Func<CancellationToken, Task<DoctorProfile?>> StartProfileRead(Guid medicoId)
    {
        var key = DoctorKeys.Context(medicoId);
        var peeked = cache.PeekAsync(key);
        return ct => cache.GetOrCreateAsync(key, TimeSpan.FromSeconds(options.Value.ContextoTtlSeconds), t => profiles.FindAsync(medicoId, t), ct, peeked);
    }
}
