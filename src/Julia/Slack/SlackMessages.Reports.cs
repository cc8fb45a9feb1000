using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Julia.Slack;

/// <summary>
/// The daily report (docs/decisions.md#dashboard) as Slack blocks, from the numbers its notice carries (payload keys below); the feature
/// that computes them is not known here. Missing numbers show as "-".
/// </summary>
internal static partial class SlackMessages
{
    const string ReportColor = "#2196F3", ReportFailedColor = "#F44336";

    /// <summary>
    /// Payload: dia (yyyy-MM-dd), conversas_total, conversas_novas, mensagens_recebidas, mensagens_enviadas, handoffs_total,
    /// taxa_handoff (0–1 or null), score_qualidade_medio (or null), avaliacoes, plantoes_reservados, opt_outs,
    /// envios_proativos, erros, erros_fila, erros_notificacoes; enviado_com_atraso_em (yyyy-MM-dd) when the report of that
    /// day did not go out on time and is sent on a later day.
    /// </summary>
    public static JsonObject DailyReport(JsonElement p)
    {
        var day = ReportDay(p);
        var late = LateDay(p);
        var title = late is null ? $"📊 Relatório diário — {day}" : $"📊 Relatório diário — {day} — atrasado, enviado em {late}";
        var evaluations = Count(p, "avaliacoes", "avaliação", "avaliações");
        var quality = Number(p, "score_qualidade_medio") is { } score
            ? $"{score.ToString("0.##", PtBr)}/10 em {evaluations}"
            : $"sem nota ({evaluations})";
        var blocks = new List<JsonObject>
        {
            Header(title),
            Fields(
                Field("Conversas", $"{Integer(p, "conversas_total")} ({Count(p, "conversas_novas", "nova", "novas")})"),
                Field("Mensagens", $"{Count(p, "mensagens_recebidas", "recebida", "recebidas")} / {Count(p, "mensagens_enviadas", "enviada", "enviadas")}"),
                Field("Handoffs", $"{Integer(p, "handoffs_total")} ({Percent(Number(p, "taxa_handoff"))} das conversas)"),
                Field("Qualidade", quality),
                Field("Plantões reservados", Integer(p, "plantoes_reservados")),
                Field("Opt-outs", Integer(p, "opt_outs")),
                Field("Envios proativos", Integer(p, "envios_proativos")),
                Field("Erros", $"{Integer(p, "erros")} (fila {Integer(p, "erros_fila")}, avisos {Integer(p, "erros_notificacoes")})")),
            Context($"Dia {day}, horário de São Paulo • /static/dashboard.html tem os gráficos"),
        };
        if (late is not null)
            blocks.Insert(1, Section($"Este relatório não saiu no dia certo (o job falhou até a meia-noite ou o worker estava parado): os números são de {day}, não de ontem."));
        return Payload(title, ReportColor, blocks);
    }

    /// <summary>Payload: dia, erro (a short description of what failed).</summary>
    public static JsonObject DailyReportFailed(JsonElement p)
    {
        var day = ReportDay(p);
        var title = $"⚠️ Relatório diário de {day} falhou";
        var error = p.TryGetProperty("erro", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        var blocks = new List<JsonObject>
        {
            Header(title),
            Section($"Não consegui calcular os números do dia.\n*Erro:* {Escape(string.IsNullOrWhiteSpace(error) ? "desconhecido" : error.Trim())}"),
            Context("Veja os logs do worker (job relatorio-diario); depois de corrigir, rode POST /jobs/relatorio-diario (docs/runbook.md, Dashboards)."),
        };
        return Payload(title, ReportFailedColor, blocks);
    }

    static string ReportDay(JsonElement p) =>
        p.TryGetProperty("dia", out var d) && d.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? DateWithWeekday(day)
            : "-";

    static string? LateDay(JsonElement p) =>
        p.TryGetProperty("enviado_com_atraso_em", out var d) && d.ValueKind == JsonValueKind.String
        && DateOnly.TryParseExact(d.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToString("dd'/'MM", CultureInfo.InvariantCulture)
            : null;

    static double? Number(JsonElement p, string name) =>
        p.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    static string Integer(JsonElement p, string name) =>
        Number(p, name) is { } n ? ((long)Math.Round(n)).ToString("#,0", PtBr) : "-";

    /// <summary>"1 nova", "56 novas", "- novas": the noun agrees with the number (it said "1 novas", "1 avaliações").</summary>
    static string Count(JsonElement p, string name, string singular, string plural) =>
        Infrastructure.Text.PtBrCount.Of(Number(p, name) is { } n ? (long)Math.Round(n) : null, singular, plural);

    static string Percent(double? fraction) => fraction is { } f ? (f * 100).ToString("0.#", PtBr) + "%" : "-";
}
