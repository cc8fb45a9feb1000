using System.Globalization;
using Julia.Infrastructure.Time;

namespace Julia.Dashboard;

/// <summary>
/// The body of GET /metricas/funil (docs/decisions.md#dashboard "Offer funnel"): the step names in order, the whole funnel,
/// one funnel per campaign and per specialty. Each funnel has a count per step, `conversao` (each step over the one before
/// it; `opt_out` over `contatados`; fractions rounded to 4 places, null when the base is 0) and `tempo_mediano_s` (median
/// seconds from the step before; null without pairs; `confirmaram` from the first reservation to the first confirmation
/// by staff, `reservas_vaga.confirmada_em`).
/// </summary>
internal static class OfferFunnel
{
    public static readonly string[] Steps = ["contatados", "responderam", "vaga_oferecida", "reservaram", "confirmaram", "opt_out"];

    public const string WithoutCampaign = "Sem campanha", WithoutSpecialty = "Sem especialidade";

    public static Dictionary<string, object?> Build(SaoPauloDays days, IReadOnlyList<FunnelRow> rows)
    {
        var total = rows.FirstOrDefault(r => r.Kind == "total") ?? new FunnelRow("total", null, null, null, 0, 0, 0, 0, 0, 0, null, null, null, null, null);
        return new Dictionary<string, object?>
        {
            ["etapas"] = Steps,
            ["total"] = Group(total, []),
            ["por_campanha"] = rows.Where(r => r.Kind == "campanha").Select(r => Group(r, new()
            {
                ["campanha_id"] = r.CampaignId, ["nome"] = r.CampaignId is null ? WithoutCampaign : r.Name ?? $"campanha {r.CampaignId}",
            })).ToList(),
            ["por_especialidade"] = rows.Where(r => r.Kind == "especialidade").Select(r => Group(r, new()
            {
                ["especialidade_id"] = r.SpecialtyId, ["nome"] = r.SpecialtyId is null ? WithoutSpecialty : r.Name,
            })).ToList(),
            ["periodo"] = new Dictionary<string, object?>
            {
                ["de"] = days.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["ate"] = days.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["dias"] = days.Count,
                ["fuso"] = SaoPaulo.Zone.Id,
            },
        };
    }

    static Dictionary<string, object?> Group(FunnelRow r, Dictionary<string, object?> head)
    {
        head["contatados"] = r.Contacted;
        head["responderam"] = r.Answered;
        head["vaga_oferecida"] = r.Offered;
        head["reservaram"] = r.Reserved;
        head["confirmaram"] = r.Confirmed;
        head["opt_out"] = r.OptedOut;
        head["conversao"] = new Dictionary<string, object?>
        {
            ["responderam"] = MetricsSummary.Rate(r.Answered, r.Contacted),
            ["vaga_oferecida"] = MetricsSummary.Rate(r.Offered, r.Answered),
            ["reservaram"] = MetricsSummary.Rate(r.Reserved, r.Offered),
            ["confirmaram"] = MetricsSummary.Rate(r.Confirmed, r.Reserved),
            ["opt_out"] = MetricsSummary.Rate(r.OptedOut, r.Contacted),
        };
        head["tempo_mediano_s"] = new Dictionary<string, object?>
        {
            ["responderam"] = r.AnsweredSeconds,
            ["vaga_oferecida"] = r.OfferedSeconds,
            ["reservaram"] = r.ReservedSeconds,
            ["confirmaram"] = r.ConfirmedSeconds,
            ["opt_out"] = r.OptedOutSeconds,
        };
        return head;
    }
}
