namespace Julia.Dashboard;

/// <summary>
/// The read-only SQL of the dashboard and the daily report, over the owners' tables (docs/architecture.md: a feature
/// may join another's tables read-only in a query of its own). Parameters: @de, @ate (timestamptz, [de, ate)),
/// @tz (the São Paulo zone id, for day buckets). Definitions are in docs/decisions.md#dashboard.
/// </summary>
internal static class DashboardSql
{
    /// <summary>Outbound kinds Júlia sends on her own (`interacoes.origem`): campaigns, follow-ups, call-backs the doctor asked for.</summary>
    public const string Proactive = "('fila:campanha', 'fila:followup', 'fila:lembrete_solicitado')";

    const string Day = "to_char((created_at AT TIME ZONE @tz)::date, 'YYYY-MM-DD')";

    /// <summary>Per São Paulo day of [@primeiro, @ultimo]: conversations with a message and new, messages in/out, handoffs, reservations, opt-outs.</summary>
    public const string PerDay = $"""
        WITH dias AS (SELECT to_char(d, 'YYYY-MM-DD') AS dia FROM generate_series(@primeiro::date, @ultimo::date, interval '1 day') AS d),
        i AS (SELECT {Day} AS dia, count(DISTINCT conversa_id) AS conversas,
                     count(*) FILTER (WHERE direcao = 'entrada') AS recebidas, count(*) FILTER (WHERE direcao = 'saida') AS enviadas
              FROM interacoes WHERE created_at >= @de AND created_at < @ate GROUP BY 1),
        c AS (SELECT {Day} AS dia, count(*) AS n FROM conversations WHERE created_at >= @de AND created_at < @ate GROUP BY 1),
        h AS (SELECT {Day} AS dia, count(*) AS n FROM handoffs WHERE created_at >= @de AND created_at < @ate GROUP BY 1),
        r AS (SELECT {Day} AS dia, count(*) AS n FROM reservas_vaga WHERE created_at >= @de AND created_at < @ate GROUP BY 1),
        o AS (SELECT to_char((opted_out_at AT TIME ZONE @tz)::date, 'YYYY-MM-DD') AS dia, count(*) AS n
              FROM medicos WHERE opted_out_at >= @de AND opted_out_at < @ate GROUP BY 1)
        SELECT d.dia AS Day, COALESCE(i.conversas, 0) AS Conversations, COALESCE(c.n, 0) AS NewConversations,
               COALESCE(i.recebidas, 0) AS Received, COALESCE(i.enviadas, 0) AS Sent, COALESCE(h.n, 0) AS Handoffs,
               COALESCE(r.n, 0) AS Reserved, COALESCE(o.n, 0) AS OptOuts
        FROM dias d LEFT JOIN i USING (dia) LEFT JOIN c USING (dia) LEFT JOIN h USING (dia) LEFT JOIN r USING (dia) LEFT JOIN o USING (dia)
        ORDER BY d.dia
        """;

    /// <summary>
    /// Tokens per São Paulo day and model. Every chunk of a reply carries its turn's accounting (interacoes.llm), so the
    /// chunks of one turn — same doctor, same accounting object — are counted once, on the day of the first. A row whose
    /// llm names no model (a follow-up's offered shift) is not a turn.
    /// </summary>
    public const string TokensPerDay = """
        WITH turnos AS (
            SELECT min(created_at) AS created_at, llm->>'modelo' AS modelo,
                   CASE WHEN jsonb_typeof(llm->'tokens_entrada') = 'number' THEN (llm->>'tokens_entrada')::numeric::bigint ELSE 0 END AS entrada,
                   CASE WHEN jsonb_typeof(llm->'tokens_saida') = 'number' THEN (llm->>'tokens_saida')::numeric::bigint ELSE 0 END AS saida
            FROM interacoes
            WHERE direcao = 'saida' AND llm ? 'modelo' AND created_at >= @de AND created_at < @ate
            GROUP BY medico_id, llm)
        SELECT to_char((created_at AT TIME ZONE @tz)::date, 'YYYY-MM-DD') AS Day, COALESCE(modelo, '(desconhecido)') AS Model,
               sum(entrada)::bigint AS InputTokens, sum(saida)::bigint AS OutputTokens
        FROM turnos GROUP BY 1, 2 ORDER BY 1, 2
        """;

    /// <summary>Window totals that are not sums of days: distinct conversations, handoffs by type, the reply rate to proactive messages.</summary>
    public const string Totals = $"""
        SELECT (SELECT count(DISTINCT conversa_id) FROM interacoes WHERE created_at >= @de AND created_at < @ate) AS Conversations,
               (SELECT count(*) FROM conversations WHERE status = 'active') AS ActiveConversations,
               count(*) AS Contacted,
               count(*) FILTER (WHERE EXISTS (
                   SELECT 1 FROM interacoes e
                   WHERE e.medico_id = p.medico_id AND e.direcao = 'entrada' AND e.created_at > p.primeira AND e.created_at < @ate)) AS Answered
        FROM (SELECT medico_id, min(created_at) AS primeira FROM interacoes
              WHERE direcao = 'saida' AND origem IN {Proactive} AND created_at >= @de AND created_at < @ate
              GROUP BY medico_id) p;
        SELECT trigger_type AS Type, count(*) AS Count FROM handoffs WHERE created_at >= @de AND created_at < @ate
        GROUP BY trigger_type ORDER BY count(*) DESC, trigger_type
        """;

    /// <summary>
    /// Reply time: for each of Júlia's replies (`autor_tipo='julia'`) sent in the window, the time since the first of the
    /// doctor's messages it answered (the first inbound after her previous reply in that conversation). p50 and p95 in ms.
    /// Messages of a previous day that were answered in the window count (the scan starts one day earlier).
    /// </summary>
    public const string ReplyTimes = """
        WITH linhas AS (
            SELECT conversa_id, created_at, direcao = 'entrada' AS entrada, direcao = 'saida' AND autor_tipo = 'julia' AS resposta,
                   count(*) FILTER (WHERE direcao = 'saida' AND autor_tipo = 'julia')
                       OVER (PARTITION BY conversa_id ORDER BY created_at, id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS antes
            FROM interacoes
            WHERE conversa_id IS NOT NULL AND created_at >= @de - interval '1 day' AND created_at < @ate),
        esperas AS (
            SELECT min(created_at) FILTER (WHERE entrada) AS chegou, min(created_at) FILTER (WHERE resposta) AS respondida
            FROM linhas GROUP BY conversa_id, antes),
        ms AS (
            SELECT extract(epoch FROM respondida - chegou) * 1000 AS ms FROM esperas
            WHERE respondida >= @de AND chegou IS NOT NULL AND chegou <= respondida)
        SELECT count(*) AS Samples,
               round(percentile_cont(0.5) WITHIN GROUP (ORDER BY ms))::bigint AS P50,
               round(percentile_cont(0.95) WITHIN GROUP (ORDER BY ms))::bigint AS P95
        FROM ms
        """;

    /// <summary>
    /// The queue now: pending, processing, ended `erro` among the rows of the last 24 h, age of the oldest due pending row
    /// (a row the gateway's failure keeps postponing counts from when it first fell due, `metadata.vencida_desde`).
    /// </summary>
    public static readonly string Queue = $"""
        SELECT count(*) FILTER (WHERE status = 'pendente') AS Pending,
               count(*) FILTER (WHERE status = 'processando') AS Processing,
               count(*) FILTER (WHERE status = 'erro' AND created_at >= @ate - interval '24 hours') AS Errors24h,
               COALESCE({Julia.Queue.QueueAgeSql.OldestDueSeconds("@ate")}, 0)::bigint AS OldestDueSeconds
        FROM fila_mensagens
        WHERE status IN ('pendente', 'processando') OR (status = 'erro' AND created_at >= @ate - interval '24 hours')
        """;

    /// <summary>Alerts sent in the last 24 h, newest first (alertas_enviados, written by the alerts job).</summary>
    public const string Alerts = """
        SELECT tipo AS Type, severidade AS Severity, mensagem AS Message, created_at AS CreatedAt
        FROM alertas_enviados WHERE created_at >= @ate - interval '24 hours' AND created_at <= @ate
        ORDER BY created_at DESC LIMIT 100
        """;

    /// <summary>The daily report's figures that the dashboard does not have: quality, proactive sends, errors.</summary>
    public const string ReportExtras = $"""
        SELECT (SELECT avg(score_geral)::float8 FROM avaliacoes_qualidade WHERE created_at >= @de AND created_at < @ate AND score_geral IS NOT NULL) AS MeanQuality,
               (SELECT count(*) FROM avaliacoes_qualidade WHERE created_at >= @de AND created_at < @ate) AS Evaluations,
               (SELECT count(*) FROM interacoes WHERE direcao = 'saida' AND origem IN {Proactive} AND created_at >= @de AND created_at < @ate) AS ProactiveSends,
               (SELECT count(*) FROM fila_mensagens WHERE status = 'erro' AND created_at >= @de AND created_at < @ate) AS QueueErrors,
               (SELECT count(*) FROM notificacoes WHERE status = 'falhou' AND created_at >= @de AND created_at < @ate) AS NoticeErrors
        """;
}
