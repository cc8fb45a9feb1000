namespace Julia.Alerts;

/// <summary>
/// A condition of the alert table that holds now (docs/decisions.md#alerts). <see cref="AnyTime"/>: also outside business
/// hours. <see cref="Subjects"/>: what it is about (the circuits of `circuito_aberto`), named in its message — a subject no
/// alert of the cooldown named is news, not a repeat.
/// </summary>
internal sealed record AlertCandidate(string Tipo, string Severidade, string Mensagem, decimal? Valor, bool AnyTime = false,
    IReadOnlyCollection<string>? Subjects = null);

/// <summary>The `tipo`s and severities of the alert table, and how severities rank (a rise breaks the cooldown).</summary>
internal static class AlertTypes
{
    public const string PerformanceCritica = "performance_critica", PerformanceWarning = "performance_warning",
        TaxaHandoffAlta = "taxa_handoff_alta", ScoreQualidadeBaixo = "score_qualidade_baixo", SemRespostas = "sem_respostas",
        TempoRespostaAlto = "tempo_resposta_alto", TaxaErroAlta = "taxa_erro_alta", CircuitoAberto = "circuito_aberto",
        WhatsAppDesconectado = "whatsapp_desconectado", FilaCongestionada = "fila_congestionada", CacheHitBaixo = "cache_hit_baixo",
        WhatsAppReconectado = "whatsapp_reconectado";

    public const string Info = "info", Warning = "warning", Error = "error", Critical = "critical";

    /// <summary>
    /// The all-clear that ends an alert's outage, when it has one: a page it answered no longer holds the cooldown, so the
    /// next outage is paged instead of staying silent after "conectado de novo" (docs/decisions.md#alerts).
    /// </summary>
    public static string? EndedBy(string tipo) => tipo == WhatsAppDesconectado ? WhatsAppReconectado : null;

    public static int Rank(string severity) => severity switch { Info => 0, Warning => 1, Error => 2, Critical => 3, _ => -1 };

    /// <summary>An alert's log line at its own severity: `grep ERROR`, the runbook's first step, finds every error and critical one.</summary>
    public static LogLevel LogLevelOf(string severity) => severity switch
    {
        Info => LogLevel.Information, Warning => LogLevel.Warning, _ => LogLevel.Error,
    };
}
