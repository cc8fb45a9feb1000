using Dapper;
using Npgsql;

namespace Julia.Alerts;

/// <summary>
/// The database side of the alert table, read in one statement (read-only over the owners' tables): conversations and
/// handoffs of the last 60 min, quality scores of the last 24 h, and the last 30 min of Júlia's replies against the
/// doctors' messages that waited for one.
/// </summary>
internal sealed record AlertFacts(
    long ConversasUltimaHora, long HandoffsUltimaHora, long AvaliacoesUltimas24h, decimal? ScoreMedioUltimas24h,
    long RespostasJuliaUltimos30m, long MensagensAguardandoResposta)
{
    /// <summary>A doctor's message younger than this is still being answered, not "awaiting" one.</summary>
    public static readonly TimeSpan ReplyGrace = TimeSpan.FromMinutes(2);

    /// <param name="deferredBefore">Messages written before this instant wait on purpose (the opening's 0–15 min stagger
    /// with RESPONDER_FORA_HORARIO=false): they await nothing yet (<see cref="AlertRules.DeferredBefore"/>).</param>
    public static async Task<AlertFacts> ReadAsync(NpgsqlDataSource db, CancellationToken ct, DateTimeOffset? deferredBefore = null)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleAsync<AlertFacts>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM conversations WHERE created_at > now() - interval '60 minutes') AS conversasultimahora,
                   (SELECT count(*) FROM handoffs WHERE created_at > now() - interval '60 minutes') AS handoffsultimahora,
                   (SELECT count(*) FROM avaliacoes_qualidade WHERE created_at > now() - interval '24 hours') AS avaliacoesultimas24h,
                   -- Unrounded: the rule is "below 5", and 199 fives and a 4 (4.995) rounded to 5.00 first kept it quiet.
                   (SELECT avg(score_geral) FROM avaliacoes_qualidade WHERE created_at > now() - interval '24 hours') AS scoremedioultimas24h,
                   -- Answers only: a campaign, follow-up or reminder the worker sends says nothing about the replies (they
                   -- kept sem_respostas quiet while the reply path was dead; an audit, 2026-12-03).
                   (SELECT count(*) FROM interacoes WHERE direcao = 'saida' AND autor_tipo IN ('julia', 'sistema')
                      AND COALESCE(origem, '') NOT IN ('fila:campanha', 'fila:followup', 'fila:lembrete_solicitado')
                      AND created_at > now() - interval '30 minutes') AS respostasjuliaultimos30m,
                   -- Awaiting a reply: no turn consumed it yet (also one no conversation holds yet: the turns are not
                   -- running), or its turn queued a reply that has not gone out, or that reply ended in `erro` (Evolution
                   -- refusing every send: the doctor is as unanswered; an operator walk, 2026-12-03). A message skipped on
                   -- purpose (a sticker, a repeated opt-out) awaits nothing; a person's conversation is theirs.
                   (SELECT count(*) FROM interacoes i
                    LEFT JOIN conversations c ON c.medico_id = i.medico_id AND c.status IN ('active', 'paused')
                    WHERE i.direcao = 'entrada' AND i.autor_tipo = 'medico' AND (c.id IS NULL OR c.controlled_by = 'ai')
                      AND i.created_at > now() - interval '30 minutes' AND i.created_at <= now() - @grace
                      AND (@deferredBefore::timestamptz IS NULL OR i.created_at >= @deferredBefore)
                      AND (i.processado_em IS NULL
                           OR EXISTS (SELECT 1 FROM fila_mensagens f WHERE f.medico_id = i.medico_id AND f.tipo IN ('resposta', 'sistema')
                                        AND f.created_at >= i.created_at AND f.status IN ('pendente', 'processando', 'erro')))) AS mensagensaguardandoresposta
            """, new { grace = ReplyGrace, deferredBefore = deferredBefore?.UtcDateTime }, cancellationToken: ct));
    }
}
