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
    public Task<DoctorProfile?> ProfileAsync(Guid medicoId, CancellationToken ct) =>
        cache.GetOrCreateAsync(DoctorKeys.Context(medicoId), TimeSpan.FromSeconds(options.Value.ContextoTtlSeconds), t => profiles.FindAsync(medicoId, t), ct);
}
