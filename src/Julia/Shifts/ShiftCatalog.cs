using Julia.Infrastructure.Redis;
using Julia.Infrastructure.Text;
using Microsoft.Extensions.Options;

namespace Julia.Shifts;

/// <summary>
/// Open shifts per specialty through the cache `vagas:especialidade:{id}:limite:{n}` (CACHE_TTL_VAGAS, 60 s), filtered
/// per doctor in memory (blocked hospitals and sectors, minimum pay, dates, period, place, clashes with his holdings).
/// Any change to a shift of a specialty drops that specialty's keys. A shift that has started since the list was read is
/// left out on the host's clock (docs/decisions.md#agent, "buscar_vagas").
/// </summary>
internal sealed class ShiftCatalog(ShiftStore store, JuliaCache cache, IOptions<CacheOptions> options, TimeProvider time)
{
    /// <summary>How many open shifts per specialty are cached before per-doctor filtering.</summary>
    public const int CachedPerSpecialty = 40;

    public static string Key(Guid especialidadeId, int limit) => $"vagas:especialidade:{especialidadeId}:limite:{limit}";

    /// <summary>Rows per database page when the cached first shifts of a specialty do not answer a search.</summary>
    const int PageSize = 200;

    /// <summary>At most this many open shifts of one specialty are read for one search (a bounded cost whatever the catalogue).</summary>
    const int MaxScanned = 2000;

    public async Task<IReadOnlyList<Shift>> SearchAsync(ShiftSearch search, IReadOnlyList<Shift> holdings, CancellationToken ct)
    {
        if (search.EspecialidadeId is not { } especialidadeId) return [];
        var open = await cache.GetOrCreateAsync(Key(especialidadeId, CachedPerSpecialty), TimeSpan.FromSeconds(options.Value.VagasTtlSeconds),
            async t => (List<Shift>?)[.. await store.OpenAsync(especialidadeId, CachedPerSpecialty, t)], ct) ?? [];
        var found = Filter(NotStarted(open), search, holdings);
        if (found.Count >= Wanted(search) || open.Count < CachedPerSpecialty) return found;

        // The cache holds only the specialty's first shifts by date: a search for later dates, a city or a pay they do not
        // have reads the rest from the database, from its first date on, page by page (docs/decisions.md#agent).
        return await ReadAsync(especialidadeId, search, holdings, ct);
    }

    /// <summary>
    /// The same search on the database alone, never the cache (whose shifts may have been taken or started within its TTL):
    /// for a text about to be sent (docs/decisions.md#proactive).
    /// </summary>
    public async Task<IReadOnlyList<Shift>> SearchUncachedAsync(ShiftSearch search, IReadOnlyList<Shift> holdings, CancellationToken ct) =>
        search.EspecialidadeId is { } especialidadeId ? await ReadAsync(especialidadeId, search, holdings, ct) : [];

    async Task<IReadOnlyList<Shift>> ReadAsync(Guid especialidadeId, ShiftSearch search, IReadOnlyList<Shift> holdings, CancellationToken ct)
    {
        var all = new List<Shift>();
        for (var offset = 0; offset < MaxScanned; offset += PageSize)
        {
            var page = await store.OpenAsync(especialidadeId, PageSize, ct, search.From, offset);
            all.AddRange(Filter(NotStarted(page), search, holdings));
            if (all.Count >= Wanted(search) || page.Count < PageSize) break;
        }
        return [.. all.Take(Wanted(search))];
    }

    /// <summary>
    /// Still to start now: the cached list (CACHE_TTL_VAGAS) was read up to a minute ago and offered a shift that had
    /// begun meanwhile, which his "quero" then met as "já começou" (an agent-context audit, 2026-12-06).
    /// </summary>
    IEnumerable<Shift> NotStarted(IEnumerable<Shift> shifts)
    {
        var now = time.GetUtcNow();
        return shifts.Where(s => s.StartsAt > now);
    }

    static int Wanted(ShiftSearch search) => Math.Clamp(search.Limit, 1, 5);

    /// <summary>The per-doctor part of `buscar_vagas` (docs/decisions.md#agent), on an already date/priority/pay-ordered list.</summary>
    public static IReadOnlyList<Shift> Filter(IEnumerable<Shift> open, ShiftSearch search, IReadOnlyList<Shift> holdings) =>
        [.. open.Where(s => Matches(s, search) && !holdings.Any(h => ShiftStore.Overlaps(h, s))).Take(Wanted(search))];

    /// <summary>
    /// The one ranking of every list of open shifts offered to a doctor — the agent's context, `buscar_vagas`, the
    /// follow-up's shift (queued and re-checked at its send, <paramref name="fresh"/>: from the database, never the cache)
    /// and Chatwoot's `/reservar` list: the shifts of his preferred periods and places first, then, up to the limit, the
    /// others in the search's own order — ranked, never hidden: "só noturno" puts the nights first, and a day shift he
    /// asks for by date is still there when fewer nights are open (docs/decisions.md#agent, "Preferred shifts first").
    /// </summary>
    public async Task<IReadOnlyList<Shift>> SearchPreferredFirstAsync(ShiftSearch search, ShiftPreferences prefs, IReadOnlyList<Shift> holdings,
        CancellationToken ct, bool fresh = false)
    {
        Task<IReadOnlyList<Shift>> Find(ShiftSearch q) => fresh ? SearchUncachedAsync(q, holdings, ct) : SearchAsync(q, holdings, ct);
        if (!prefs.RanksShifts) return await Find(search);
        var preferred = await Find(search with { OnlyFitting = prefs });
        if (preferred.Count >= Wanted(search)) return preferred;
        var others = await Find(search);
        return [.. preferred.Concat(others.Where(s => !preferred.Any(p => p.Id == s.Id))).Take(Wanted(search))];
    }

    public Task InvalidateSpecialtyAsync(Guid especialidadeId) => cache.RemoveByPatternAsync($"vagas:especialidade:{especialidadeId}:*");

    static bool Matches(Shift s, ShiftSearch q)
    {
        if (q.From is { } from && s.Day < from) return false;
        if (q.To is { } to && s.Day > to) return false;
        if (!string.IsNullOrWhiteSpace(q.Periodo) && !ShiftPeriod.Matches(s, q.Periodo)) return false;
        if (!string.IsNullOrWhiteSpace(q.CityOrRegion) && !Same(s.Cidade, q.CityOrRegion) && !Same(s.Regiao, q.CityOrRegion)) return false;
        if (q.ValorMinimo is { } min && (s.ValorMaximo ?? s.Valor ?? int.MaxValue) < min) return false;
        if (q.BlockedHospitals?.Any(b => Same(b, s.HospitalId.ToString()) || Same(b, s.Hospital)) == true) return false;
        if (q.BlockedSectors?.Any(b => Same(b, s.SetorId?.ToString()) || Same(b, s.Setor)) == true) return false;
        if (q.OnlyFitting is { } preferred && !preferred.Fits(s)) return false;
        return true;
    }

    static bool Same(string? a, string? b) => PtBrText.SameName(a, b);
}
