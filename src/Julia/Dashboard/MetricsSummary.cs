using System.Globalization;
using Julia.Infrastructure.Configuration;
using Julia.Infrastructure.Time;

namespace Julia.Dashboard;

/// <summary>
/// The body of GET /metricas/resumo (docs/decisions.md#dashboard), built from <see cref="DashboardData"/>: the keys of
/// the runbook first, then what the dashboard page also draws. Rates are fractions 0–1 rounded to 4 places, null when the
/// denominator is 0; costs are USD rounded to 6 places, null for a model LLM_PRECOS does not price.
/// </summary>
internal static class MetricsSummary
{
    public static Dictionary<string, object?> Build(DashboardData d, ModelPrices prices)
    {
        var tokensByDay = d.Tokens.ToLookup(t => t.Day);
        var handoffs = d.PerDay.Sum(r => r.Handoffs);
        var perDay = d.PerDay.Select(r => new Dictionary<string, object?>
        {
            ["data"] = r.Day,
            ["conversas"] = r.Conversations,
            ["conversas_novas"] = r.NewConversations,
            ["mensagens_recebidas"] = r.Received,
            ["mensagens_enviadas"] = r.Sent,
            ["handoffs"] = r.Handoffs,
            ["plantoes_reservados"] = r.Reserved,
            ["opt_outs"] = r.OptOuts,
            ["tokens_entrada"] = tokensByDay[r.Day].Sum(t => t.InputTokens),
            ["tokens_saida"] = tokensByDay[r.Day].Sum(t => t.OutputTokens),
            ["custo_estimado_usd"] = Usd(tokensByDay[r.Day].Sum(t => prices.Cost(t.Model, t.InputTokens, t.OutputTokens) ?? 0m)),
        }).ToList();
        var byModel = d.Tokens.GroupBy(t => t.Model).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        {
            long input = g.Sum(t => t.InputTokens), output = g.Sum(t => t.OutputTokens);
            return new Dictionary<string, object?>
            {
                ["modelo"] = g.Key, ["tokens_entrada"] = input, ["tokens_saida"] = output,
                ["custo_estimado_usd"] = prices.Cost(g.Key, input, output) is { } cost ? Usd(cost) : null,
            };
        }).ToList();

        return new Dictionary<string, object?>
        {
            ["conversas_total"] = d.Totals.Conversations,
            ["conversas_ativas"] = d.Totals.ActiveConversations,
            ["mensagens_recebidas"] = d.PerDay.Sum(r => r.Received),
            ["mensagens_enviadas"] = d.PerDay.Sum(r => r.Sent),
            ["handoffs_total"] = handoffs,
            ["handoffs_por_tipo"] = d.HandoffTypes.ToDictionary(h => h.Type, h => h.Count),
            ["plantoes_reservados"] = d.PerDay.Sum(r => r.Reserved),
            ["opt_outs"] = d.PerDay.Sum(r => r.OptOuts),
            ["taxa_handoff"] = Rate(handoffs, d.Totals.Conversations),
            ["taxa_resposta"] = Rate(d.Totals.Answered, d.Totals.Contacted),
            ["por_dia"] = perDay,
            ["conversas_novas"] = d.PerDay.Sum(r => r.NewConversations),
            ["medicos_contatados_proativamente"] = d.Totals.Contacted,
            ["medicos_que_responderam"] = d.Totals.Answered,
            ["tempo_resposta"] = new Dictionary<string, object?>
            {
                ["p50_ms"] = d.ReplyTimes.P50, ["p95_ms"] = d.ReplyTimes.P95, ["amostras"] = d.ReplyTimes.Samples,
            },
            ["fila"] = new Dictionary<string, object?>
            {
                ["pendente"] = d.Queue.Pending, ["processando"] = d.Queue.Processing, ["erro_24h"] = d.Queue.Errors24h,
                ["idade_mais_antiga_s"] = d.Queue.OldestDueSeconds,
            },
            ["alertas_24h"] = d.Alerts.Select(a => new Dictionary<string, object?>
            {
                ["tipo"] = a.Type, ["severidade"] = a.Severity, ["mensagem"] = a.Message,
                ["created_at"] = new DateTimeOffset(DateTime.SpecifyKind(a.CreatedAt, DateTimeKind.Utc)),
                ["horario"] = SaoPaulo.ToLocal(new DateTimeOffset(DateTime.SpecifyKind(a.CreatedAt, DateTimeKind.Utc)))
                    .ToString("dd/MM HH:mm", CultureInfo.InvariantCulture),
            }).ToList(),
            ["tokens_por_modelo"] = byModel,
            ["precos_usd_por_milhao"] = prices.All.Select(p => new Dictionary<string, object?>
            {
                ["modelo"] = p.Model, ["entrada"] = p.InputPerMillion, ["saida"] = p.OutputPerMillion,
            }).ToList(),
            ["periodo"] = new Dictionary<string, object?>
            {
                ["de"] = d.Days.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["ate"] = d.Days.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["dias"] = d.Days.Count,
                ["fuso"] = SaoPaulo.Zone.Id,
            },
        };
    }

    /// <summary>numerator/denominator as a fraction rounded to 4 places; null when nothing was counted below.</summary>
    public static double? Rate(long numerator, long denominator) =>
        denominator == 0 ? null : Math.Round((double)numerator / denominator, 4, MidpointRounding.AwayFromZero);

    static decimal Usd(decimal value) => Math.Round(value, 6, MidpointRounding.AwayFromZero);
}
