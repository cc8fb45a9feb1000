using Julia.Infrastructure.Redis;
using Julia.Privacy;
using StackExchange.Redis;

namespace Julia.Doctors;

/// <summary>
/// Finds the doctor behind a WhatsApp address (docs/decisions.md#inbound) through the cache medico:telefone:{telefone}
/// (TTL CACHE_TTL), and invalidates every cached view of a doctor when he changes.
/// </summary>
internal sealed class DoctorDirectory(DoctorStore store, JuliaCache cache, PhoneHasher hasher) : Queue.ISendAddressBook
{
    /// <summary>A sender met for the first time, with the keyed hashes that tell whether he was erased after opting out.</summary>
    public NewDoctor NewSender(string? canonicalPhone, string jid, string? lid, string? pushName) =>
        NewDoctor.From(canonicalPhone, jid, lid, pushName) with { HashTelefone = hasher.Hash(canonicalPhone), HashLid = hasher.Hash(lid) };

    /// <summary>
    /// Known doctor for this address, or null when the sender is new (created together with his first message): by phone
    /// first, then by LID — a LID-only doctor whose phone now comes beside his LID is still him (his messages must not be
    /// taken for another sender's, nor refused as duplicates when the LID's unique key stops a new doctor).
    /// </summary>
    public async Task<DoctorRecord?> FindAsync(string? canonicalPhone, string? lid, CancellationToken ct)
    {
        if (canonicalPhone is not null)
        {
            if (await FindCachedAsync(canonicalPhone) is { } cached) return cached;
            var doctor = await store.FindByPhoneAsync(canonicalPhone, ct);
            if (doctor is not null)
            {
                await RememberAsync(doctor);
                return doctor;
            }
        }
        return lid is null ? null : await store.FindByLidAsync(lid, ct);
    }

    /// <summary>The cached doctor of this phone (medico:telefone:*), or null on a miss; the database is not read.</summary>
    public Task<DoctorRecord?> FindCachedAsync(string canonicalPhone) => cache.GetAsync<DoctorRecord>(DoctorKeys.ByPhone(canonicalPhone));

    /// <summary>
    /// A doctor read from the database by his phone: cached by phone and by id (the turn that follows reads him by id).
    /// </summary>
    public async Task RememberAsync(DoctorRecord doctor)
    {
        if (doctor.Telefone is { } telefone) await cache.SetAsync(DoctorKeys.ByPhone(telefone), doctor, cache.DefaultTtl);
        await cache.SetAsync(DoctorKeys.ById(doctor.Id), doctor, cache.DefaultTtl);
    }

    /// <summary>By id; a database read also warms medico:telefone:{telefone}, so a new doctor's next message is a cache hit.</summary>
    public Task<DoctorRecord?> FindByIdAsync(Guid id, CancellationToken ct) => FindByIdAsync(id, peeked: null, ct);

    /// <summary>
    /// <see cref="FindByIdAsync(Guid, CancellationToken)"/> with its cache read sent now, to share the caller's next Redis
    /// round trip; the returned function finishes the read (the database only on a miss, only when called).
    /// </summary>
    public Func<CancellationToken, Task<DoctorRecord?>> StartFindById(Guid id)
    {
        var peeked = cache.PeekAsync(DoctorKeys.ById(id));
        return ct => FindByIdAsync(id, peeked, ct);
    }

    Task<DoctorRecord?> FindByIdAsync(Guid id, Task<RedisValue>? peeked, CancellationToken ct) =>
        cache.GetOrCreateAsync(DoctorKeys.ById(id), cache.DefaultTtl, async t =>
        {
            var doctor = await store.FindByIdAsync(id, t);
            if (doctor?.Telefone is { } telefone) await cache.SetAsync(DoctorKeys.ByPhone(telefone), doctor, cache.DefaultTtl);
            return doctor;
        }, ct, peeked);

    public async Task<DoctorRecord> RefreshIdentityIfNeededAsync(DoctorRecord doctor, string jid, string? lid, string? pushName, CancellationToken ct)
    {
        if (!DoctorStore.NeedsRefresh(doctor, jid, lid, pushName)) return doctor;
        var updated = await store.RefreshIdentityAsync(doctor, jid, lid, pushName, ct);
        await InvalidateAsync(updated);
        return updated;
    }

    /// <summary>
    /// A LID-only doctor's phone, met beside his LID (docs/decisions.md#inbound): stored unless another doctor has it;
    /// opted out when that phone was erased after opting out (docs/decisions.md#lgpd).
    /// </summary>
    public async Task PairPhoneAsync(DoctorRecord doctor, string canonical, CancellationToken ct)
    {
        if (await store.PairPhoneAsync(doctor.Id, canonical, hasher.Hash(canonical), ct)) await InvalidateAsync(doctor.Id, canonical);
    }

    public async Task RememberVerifiedJidAsync(Guid medicoId, string jid, CancellationToken ct)
    {
        if (await store.SetVerifiedJidAsync(medicoId, jid, ct) is { } telefone) await InvalidateAsync(medicoId, telefone);
    }

    /// <summary>Drops medico:telefone:*, medico:id:* and contexto:medico:* of this doctor (call after every change).</summary>
    public Task InvalidateAsync(DoctorRecord doctor) => InvalidateAsync(doctor.Id, doctor.Telefone);

    public Task InvalidateAsync(Guid id, string? telefone)
    {
        var keys = new List<string> { DoctorKeys.ById(id), DoctorKeys.Context(id) };
        if (telefone is not null) keys.Add(DoctorKeys.ByPhone(telefone));
        return cache.RemoveAsync([.. keys]);
    }

    /// <summary>
    /// Drops every cached view of these doctors after another feature's statement changed them (a send's funnel step, a
    /// worked shift), once it committed; their phones are read here, so medico:telefone:* goes too. Never throws: with the
    /// database unreachable, medico:id:* and contexto:medico:* still go.
    /// </summary>
    public async Task InvalidateAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return;
        IReadOnlyList<string> phones;
        try
        {
            phones = await store.PhonesAsync(ids, ct);
        }
        catch (Exception)
        {
            phones = []; // called after a commit, which must not look failed: the views by id still go
        }
        await cache.RemoveAsync([.. ids.SelectMany(id => new[] { DoctorKeys.ById(id), DoctorKeys.Context(id) }), .. phones.Select(DoctorKeys.ByPhone)]);
    }
}
