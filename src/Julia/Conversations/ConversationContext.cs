using Julia.Doctors;
using Julia.Infrastructure.Redis;
using Microsoft.Extensions.Options;

namespace Julia.Conversations;

/// <summary>
/// The static part of a turn's context (doctor profile and specialty notes), cached under `contexto:medico:{id}`
/// for CACHE_TTL_CONTEXTO seconds and dropped whenever the doctor or his conversation changes
/// (<see cref="DoctorDirectory.InvalidateAsync(DoctorRecord)"/>).
/// </summary>
internal sealed class ConversationContext(DoctorProfileStore profiles, JuliaCache cache, IOptions<CacheOptions> options)
{
    public static string Key(Guid medicoId) => $"contexto:medico:{medicoId}";

    public Task<DoctorProfile?> ProfileAsync(Guid medicoId, CancellationToken ct) =>
        cache.GetOrCreateAsync(Key(medicoId), TimeSpan.FromSeconds(options.Value.ContextoTtlSeconds), t => profiles.FindAsync(medicoId, t), ct);
}
