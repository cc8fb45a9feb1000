namespace Julia.Metrics;

/// <summary>
/// Redis keys of the shared samples (`metricas:*`, docs/decisions.md#metrics). Every process writes into the same keys,
/// so whoever reads them sees api and worker merged. Losing them (FLUSHDB) loses only statistics.
/// </summary>
internal static class MetricKeys
{
    /// <summary>Set of the operation names that have samples.</summary>
    public const string Operations = "metricas:operacoes";

    /// <summary>Hash counter → total (`mensagens_recebidas`, `erros:llm_chamada`, `cache:medico:hits`, …).</summary>
    public const string Totals = "metricas:contadores";

    /// <summary>List of the last 1 000 samples of one operation, newest first, each `{epoch_ms}:{ms}`.</summary>
    public static string Samples(string operation) => $"metricas:tempos:{operation}";

    /// <summary>Hash counter → count during one UTC minute (`yyyyMMddHHmm`); expires after two hours.</summary>
    public static string Minute(long minute) => $"metricas:minuto:{minute}";

    public const int Keep = 1_000;
    public const int StatisticsWindow = 100;
    public static readonly TimeSpan MinuteTtl = TimeSpan.FromHours(2);

    /// <summary>The minute bucket of an instant: 202612011530 for 15:30 UTC on 2026-12-01.</summary>
    public static long MinuteOf(DateTimeOffset at)
    {
        var u = at.UtcDateTime;
        return u.Year * 100_000_000L + u.Month * 1_000_000L + u.Day * 10_000L + u.Hour * 100L + u.Minute;
    }
}
