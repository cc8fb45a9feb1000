using System.Globalization;
using Julia.Jobs;
using Julia.Slack;

namespace Julia.Dashboard;

/// <summary>
/// `relatorio-diario` — daily 08:00 (São Paulo), also POST /jobs/relatorio-diario: the previous São Paulo day's
/// figures (docs/decisions.md#dashboard) as one Slack notice in the outbox, keyed by the day, so a day is
/// reported once however often the job runs. When the figures cannot be computed, an error report goes instead.
/// A day of the week before whose report never went out (the run failed until midnight, the worker was down) is
/// sent late first, labelled with its own day. Without SLACK_WEBHOOK_URL the figures are only logged.
/// </summary>
internal sealed partial class DailyReportJob(DashboardStore store, SlackNotices slack, TimeProvider time, ILogger<DailyReportJob> logger) : IJob
{
    public string Name => "relatorio-diario";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(8, 0));

    /// <summary>How many days before yesterday are looked at for a report that never went out.</summary>
    public const int LateDays = 7;

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var today = SaoPauloDays.Today(time.GetUtcNow());
        var yesterday = today.AddDays(-1);
        // Oldest first, so the staff channel shows the days in order.
        var late = new List<string>();
        foreach (var day in await MissedDaysAsync(yesterday, ct)) late.Add(await ReportAsync(day, today, ct));
        var result = await ReportAsync(yesterday, null, ct);
        return late.Count == 0 ? result : $"{result}; atrasados: {string.Join("; ", late)}";
    }

    /// <summary>
    /// Days before yesterday, within <see cref="LateDays"/>, with no report in the outbox (an error notice alone is no
    /// report: the figures may be computable now). Only after the first day that has one, so a new install or a Slack just
    /// turned on does not get a week of reports at once; none without Slack.
    /// </summary>
    async Task<IReadOnlyList<DateOnly>> MissedDaysAsync(DateOnly yesterday, CancellationToken ct)
    {
        if (!slack.Enabled) return [];
        var subjects = await slack.ReportSubjectsAsync([SlackNotices.DailyReport, SlackNotices.DailyReportFailed], ct);
        var reported = subjects[SlackNotices.DailyReport].Select(Day).OfType<DateOnly>().ToHashSet();
        var known = reported.Concat(subjects[SlackNotices.DailyReportFailed].Select(Day).OfType<DateOnly>()).ToList();
        if (known.Count == 0) return [];
        var first = known.Min().AddDays(1);
        var from = first > yesterday.AddDays(-LateDays) ? first : yesterday.AddDays(-LateDays);
        var missed = new List<DateOnly>();
        for (var day = from; day < yesterday; day = day.AddDays(1))
            if (!reported.Contains(day)) missed.Add(day);
        return missed;
    }

    static DateOnly? Day(string subject) =>
        DateOnly.TryParseExact(subject, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    /// <summary>One day's report; <paramref name="sentLateOn"/> is the day it goes out when that is not the next one.</summary>
    async Task<string> ReportAsync(DateOnly day, DateOnly? sentLateOn, CancellationToken ct)
    {
        var dia = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var what = sentLateOn is null ? $"relatório de {dia}" : $"relatório atrasado de {dia}";
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
            return $"{what} falhou ({ex.GetType().Name}); aviso de erro {(queued ? "na fila do Slack" : "não enfileirado")}";
        }
        if (sentLateOn is { } lateOn) report["enviado_com_atraso_em"] = lateOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var summary = $"{Count("conversas_total", "conversa", "conversas")} ({Count("conversas_novas", "nova", "novas")}), " +
                      $"{Count("mensagens_recebidas", "recebida", "recebidas")}, {Count("mensagens_enviadas", "enviada", "enviadas")}, " +
                      $"{Count("handoffs_total", "handoff", "handoffs")}, {Count("erros", "erro", "erros")}";
        string Count(string key, string singular, string plural) =>
            Infrastructure.Text.PtBrCount.Of(report[key] is { } v ? Convert.ToInt64(v, CultureInfo.InvariantCulture) : null, singular, plural);
        if (!slack.Enabled)
        {
            LogSlackOff(dia, summary);
            return $"{what}: {summary}; Slack desligado (sem SLACK_WEBHOOK_URL), não enviado";
        }
        var added = await slack.EnqueueReportAsync(SlackNotices.DailyReport, dia, report, ct);
        if (added && sentLateOn is not null) LogSentLate(dia);
        return $"{what}: {summary}; {(added ? "na fila do Slack" : "já enviado antes")}";
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

    // Says what happens next: the run counts as the day's, so nothing retries it (docs/runbook.md, "Dashboards").
    [LoggerMessage(EventId = 9501, Level = LogLevel.Error,
        Message = "Relatório diário de {Dia} não pôde ser calculado; o aviso \"falhou\" vai ao Slack e o dia não é tentado de novo sozinho (depois de corrigir, apague a execução do dia e rode POST /jobs/relatorio-diario)")]
    private partial void LogFailed(Exception ex, string dia);

    [LoggerMessage(EventId = 9503, Level = LogLevel.Warning, Message = "Relatório diário de {Dia} não tinha saído no dia: enviado agora, com atraso")]
    private partial void LogSentLate(string dia);

    [LoggerMessage(EventId = 9502, Level = LogLevel.Information, Message = "Relatório diário de {Dia} (Slack desligado, só no log): {Resumo}")]
    private partial void LogSlackOff(string dia, string resumo);
}
