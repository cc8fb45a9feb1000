using static Julia.Alerts.AlertTypes;

namespace Julia.Alerts;

/// <summary>
/// What the person who reads an alert does first, and the section of docs/runbook.md that goes on from there
/// (docs/decisions.md#alert-guide). The Slack notice said what happened and how bad, never where to look: a
/// manager woken at 3 a.m. by `sem_respostas` had to find the runbook's procedure on her own.
/// </summary>
internal static class AlertGuide
{
    /// <summary>Between the first step and the runbook section: tests read the section after it.</summary>
    public const string RunbookMark = "runbook: ";

    /// <summary>The first step and the runbook section for <paramref name="tipo"/>; the alert table for a type it does not know.</summary>
    public static string For(string tipo) => tipo switch
    {
        PerformanceCritica or PerformanceWarning =>
            Step("veja qual operação está lenta em `tempos` de GET /admin/metricas/performance", "5. Performance degradada"),
        TempoRespostaAlto =>
            Step("veja `llm_chamada` e `processar_mensagem` em `tempos` de GET /admin/metricas/performance", "Respostas muito lentas"),
        TaxaHandoffAlta =>
            Step("veja os tipos e motivos dos handoffs abertos em GET /admin/handoffs?status=pendente (ou no Chatwoot)", "Alertas"),
        ScoreQualidadeBaixo =>
            Step("leia as conversas com nota baixa em /static/avaliar.html", "Score de qualidade"),
        SemRespostas =>
            Step("médicos estão sem resposta agora; procure ERROR nos logs da api e veja GET /admin/metricas/health",
                "7. Mensagens de médicos não são respondidas"),
        TaxaErroAlta =>
            Step("procure ERROR nos logs da api e do worker; `erros_ultima_hora` de GET /admin/metricas/performance diz qual operação",
                "1. Alta taxa de erros"),
        CircuitoAberto =>
            Step("o serviço nomeado está fora ou recusando chamadas; veja GET /health/circuits", "1. Alta taxa de erros"),
        WhatsAppDesconectado =>
            Step("veja o motivo na descrição: 401, 403 ou 440 pedem escanear o QR code no Evolution Manager; as respostas esperam na fila até lá", "2. WhatsApp desconectado"),
        WhatsAppReconectado =>
            "Nada a fazer: as respostas que esperavam na fila saem sozinhas.",
        FilaCongestionada =>
            Step("veja se o worker está de pé (`docker compose logs -f worker`) e se o WhatsApp está conectado", "3. Fila congestionada"),
        CacheHitBaixo =>
            Step("veja `cache_ultima_hora` em GET /admin/metricas/performance e se o Redis responde", "6. Cache não funciona"),
        _ => Step("veja a tabela de alertas", "Alertas"),
    };

    static string Step(string first, string section) => $"{char.ToUpperInvariant(first[0])}{first[1..]} — {RunbookMark}{section}.";
}
