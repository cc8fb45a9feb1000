using System.Globalization;
using Julia.Jobs;
using Julia.Slack;

namespace Julia.Dashboard;

/// <summary>
/// `relatorio-diario` — daily 08:00 (São Paulo), also POST /jobs/relatorio-diario: the previous São Paulo day's
/// figures (docs/decisions.md#dashboard) as one Slack notice in the outbox, keyed by the day, so a day is
/// reported once however often the job runs. When the figures cannot be computed, an error report goes instead.
/// Without SLACK_WEBHOOK_URL the figures are only logged.
/// </summary>
internal sealed partial class DailyReportJob(DashboardStore store, SlackNotices slack, TimeProvider time, ILogger<DailyReportJob> logger) : IJob
{
    public string Name => "relatorio-diario";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(8, 0));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var day = SaoPauloDays.Today(time.GetUtcNow()).AddDays(-1);
        var dia = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Dictionary<string, object?> report;
        try
        {
            report = await ComputeAsync(day, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, dia);
            var error = $"{ex.GetType().Name}: {ex.Message}";
            var queued = await slack.EnqueueReportAsync(SlackNotices.DailyReportFailed, dia,
                new Dictionary<string, object?> { ["dia"] = dia, ["erro"] = Julia.Infrastructure.Text.TextPrefix.Of(error, 300) }, ct);
            return $"relatório de {dia} falhou ({ex.GetType().Name}); aviso de erro {(queued ? "na fila do Slack" : "não enfileirado")}";
        }

        var summary = $"{Count("conversas_total", "conversa", "conversas")} ({Count("conversas_novas", "nova", "novas")}), " +
                      $"{Count("mensagens_recebidas", "recebida", "recebidas")}, {Count("mensagens_enviadas", "enviada", "enviadas")}, " +
                      $"{Count("handoffs_total", "handoff", "handoffs")}, {Count("erros", "erro", "erros")}";
        string Count(string key, string singular, string plural) =>
            Infrastructure.Text.PtBrCount.Of(report[key] is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null, singular, plural);
        if (!slack.Enabled)
        {
            LogSlackOff(dia, summary);
            return $"relatório de {dia}: {summary}; Slack desligado (sem SLACK_WEBHOOK_URL), não enviado";
        }
        var added = await slack.EnqueueReportAsync(SlackNotices.DailyReport, dia, report, ct);
        return $"relatório de {dia}: {summary}; {(added ? "na fila do Slack" : "já enviado antes")}";
    }

    /// <summary>The payload SlackMessages.DailyReport renders (its keys are listed there).</summary>
    async Task<Dictionary<string, object?>> ComputeAsync(DateOnly day, CancellationToken ct)
    {
        var (d, totals, extras) = await store.ReadDayAsync(SaoPauloDays.Whole(day), ct);
        return new Dictionary<string, object?>
        {
            ["dia"] = d.Day,
            ["conversas_total"] = totals.Conversations,
            ["conversas_novas"] = d.NewConversations,
            ["mensagens_recebidas"] = d.Received,
            ["mensagens_enviadas"] = d.Sent,
            ["handoffs_total"] = d.Handoffs,
            ["taxa_handoff"] = MetricsSummary.Rate(d.Handoffs, totals.Conversations),
            ["score_qualidade_medio"] = extras.MeanQuality is { } q ? Math.Round(q, 2, MidpointRounding.AwayFromZero) : null,
            ["avaliacoes"] = extras.Evaluations,
            ["plantoes_reservados"] = d.Reserved,
            ["opt_outs"] = d.OptOuts,
            ["envios_proativos"] = extras.ProactiveSends,
            ["erros"] = extras.QueueErrors + extras.NoticeErrors,
            ["erros_fila"] = extras.QueueErrors,
            ["erros_notificacoes"] = extras.NoticeErrors,
        };
    }

    [LoggerMessage(EventId = 9501, Level = LogLevel.Error, Message = "Relatório diário de {Dia} não pôde ser calculado")]
    private partial void LogFailed(Exception ex, string dia);

    [LoggerMessage(EventId = 9502, Level = LogLevel.Information, Message = "Relatório diário de {Dia} (Slack desligado, só no log): {Resumo}")]
    private partial void LogSlackOff(string dia, string resumo);
}
