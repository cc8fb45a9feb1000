using System.Diagnostics.Metrics;
using Julia.Infrastructure.Telemetry;

namespace Julia.Infrastructure.Redis;

/// <summary>
/// Meter `Julia.Cache`: `cache_get` timings and lookups per key family (`medico`, `vagas`, `contexto`) with their
/// result (`hit`/`miss`) — the runbook's "cache hit rate".
/// </summary>
internal sealed class CacheMeter : OperationMeter
{
    public const string Lookups = "julia.cache.consultas";
    public const string FamilyTag = "familia", ResultTag = "resultado";

    readonly Counter<long> lookups;

    public CacheMeter(IMeterFactory meters) : base(meters, "Cache") =>
        lookups = Meter.CreateCounter<long>(Lookups, "{consulta}", "Consultas ao cache por família (tag familia) e resultado (hit, miss)");

    public void Hit(string family) => lookups.Add(1, new(FamilyTag, family), new(ResultTag, "hit"));
    public void Miss(string family) => lookups.Add(1, new(FamilyTag, family), new(ResultTag, "miss"));

    /// <summary>The key families the runbook reads a hit rate of.</summary>
    public static readonly string[] Families = ["medico", "vagas", "contexto"];

    protected override void RecordOwnZeroes()
    {
        foreach (var family in Families)
        {
            lookups.Add(0, new(FamilyTag, family), new(ResultTag, "hit"));
            lookups.Add(0, new(FamilyTag, family), new(ResultTag, "miss"));
        }
    }
}
