namespace Julia.Dashboard;

/// <summary>
/// The offer funnel of GET /metricas/funil (docs/decisions.md#dashboard "Offer funnel"), read-only over the owners' tables,
/// one statement. Parameters @de, @ate (timestamptz, [de, ate)).
///
/// One entry per doctor: his first proactive message of the window (the same <see cref="DashboardSql.Proactive"/> kinds as
/// `taxa_resposta`) is the contact; every later step is looked for after it and before @ate. The campaign is the one of
/// the conversation that message went to (conversations.campanha_id, its first-touch campaign); the specialty is the
/// doctor's. A doctor reaches a step when he has its signal or a later step's (a reservation needs an offer, which
/// comes in a reply to him), so counts never grow down the funnel. A confirmation is `confirmada_em` inside the window —
/// it stays when the reservation is cancelled later, as `reservaram` counts reservations of any status — or, for rows
/// confirmed before that column existed, status `confirmada` (no time). Medians are whole seconds over the doctors who
/// have both timestamps in order; confirmation is timed from his first reservation to his first confirmation.
/// </summary>
internal static class FunnelSql
{
    public const string ByGroup = $"""
        WITH contato AS (
            SELECT DISTINCT ON (medico_id) medico_id, conversa_id, created_at AS contato
            FROM interacoes
            WHERE direcao = 'saida' AND origem IN {DashboardSql.Proactive} AND created_at >= @de AND created_at < @ate
            ORDER BY medico_id, created_at, id),
        passos AS (
            SELECT c.medico_id, cv.campanha_id, m.especialidade_id, c.contato,
                   (SELECT min(e.created_at) FROM interacoes e
                    WHERE e.medico_id = c.medico_id AND e.direcao = 'entrada' AND e.created_at > c.contato AND e.created_at < @ate) AS resposta,
                   (SELECT min(o.created_at) FROM interacoes o
                    WHERE o.medico_id = c.medico_id AND o.direcao = 'saida' AND o.created_at > c.contato AND o.created_at < @ate
                      AND jsonb_typeof(o.llm->'vagas_oferecidas') = 'array' AND jsonb_array_length(o.llm->'vagas_oferecidas') > 0) AS oferta,
                   (SELECT min(r.created_at) FROM reservas_vaga r
                    WHERE r.medico_id = c.medico_id AND r.created_at > c.contato AND r.created_at < @ate) AS reserva,
                   (SELECT min(r.confirmada_em) FROM reservas_vaga r
                    WHERE r.medico_id = c.medico_id AND r.created_at > c.contato AND r.confirmada_em < @ate) AS confirmacao,
                   EXISTS (SELECT 1 FROM reservas_vaga r
                           WHERE r.medico_id = c.medico_id AND r.created_at > c.contato AND r.created_at < @ate
                             AND (r.confirmada_em < @ate OR (r.confirmada_em IS NULL AND r.status = 'confirmada'))) AS confirmou,
                   CASE WHEN m.opted_out AND m.opted_out_at > c.contato AND m.opted_out_at < @ate THEN m.opted_out_at END AS opt_out
            FROM contato c
            JOIN medicos m ON m.id = c.medico_id
            LEFT JOIN conversations cv ON cv.id = c.conversa_id),
        nivel AS (
            SELECT *, CASE WHEN confirmou THEN 5 WHEN reserva IS NOT NULL THEN 4 WHEN oferta IS NOT NULL THEN 3
                           WHEN resposta IS NOT NULL THEN 2 ELSE 1 END AS etapa
            FROM passos),
        grupos AS (
            SELECT CASE WHEN GROUPING(campanha_id) = 0 THEN 'campanha' WHEN GROUPING(especialidade_id) = 0 THEN 'especialidade' ELSE 'total' END AS grupo,
                   campanha_id, especialidade_id,
                   count(*) AS contatados,
                   count(*) FILTER (WHERE etapa >= 2) AS responderam,
                   count(*) FILTER (WHERE etapa >= 3) AS vaga_oferecida,
                   count(*) FILTER (WHERE etapa >= 4) AS reservaram,
                   count(*) FILTER (WHERE etapa >= 5) AS confirmaram,
                   count(opt_out) AS opt_out,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resposta - contato)))::bigint AS s_resposta,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM oferta - resposta))
                         FILTER (WHERE oferta >= resposta))::bigint AS s_oferta,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM reserva - oferta))
                         FILTER (WHERE reserva >= oferta))::bigint AS s_reserva,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM confirmacao - reserva))
                         FILTER (WHERE confirmacao >= reserva))::bigint AS s_confirmacao,
                   round(percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM opt_out - contato)))::bigint AS s_opt_out
            FROM nivel
            GROUP BY GROUPING SETS ((), (campanha_id), (especialidade_id)))
        SELECT g.grupo AS Kind, g.campanha_id AS CampaignId, g.especialidade_id AS SpecialtyId,
               CASE g.grupo WHEN 'campanha' THEN ca.nome WHEN 'especialidade' THEN es.nome END AS Name,
               g.contatados AS Contacted, g.responderam AS Answered, g.vaga_oferecida AS Offered, g.reservaram AS Reserved,
               g.confirmaram AS Confirmed, g.opt_out AS OptedOut,
               g.s_resposta AS AnsweredSeconds, g.s_oferta AS OfferedSeconds, g.s_reserva AS ReservedSeconds, g.s_confirmacao AS ConfirmedSeconds,
               g.s_opt_out AS OptedOutSeconds
        FROM grupos g
        LEFT JOIN campanhas ca ON g.grupo = 'campanha' AND ca.id = g.campanha_id
        LEFT JOIN especialidades es ON g.grupo = 'especialidade' AND es.id = g.especialidade_id
        ORDER BY g.grupo, COALESCE(g.campanha_id::text, g.especialidade_id::text) IS NULL AND g.grupo <> 'total', g.contatados DESC, 4, g.campanha_id
        """;
}
