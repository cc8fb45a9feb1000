using Dapper;
using Npgsql;

namespace Julia.Conversations;

/// <summary>SQL on conversations and interacoes (SPEC §4 step 5). Only Conversations touches these tables.</summary>
internal sealed class ConversationStore(NpgsqlDataSource db)
{
    const string StateColumns = """
        id AS Id, medico_id AS MedicoId, status AS Status, controlled_by AS ControlledBy, stage AS Stage,
        message_count AS MessageCount, created_at AS CreatedAtUtc
        """;

    /// <summary>
    /// Round trip 1: the doctor's one open (active/paused) conversation, created race-free when missing
    /// (partial unique index; a lost race re-reads).
    /// </summary>
    public async Task<Guid> OpenConversationIdAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        for (var attempt = 0; ; attempt++)
        {
            var id = await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition("""
                WITH found AS (SELECT id FROM conversations WHERE medico_id = @medicoId AND status IN ('active', 'paused')),
                     created AS (
                        INSERT INTO conversations (medico_id) SELECT @medicoId WHERE NOT EXISTS (SELECT 1 FROM found)
                        ON CONFLICT (medico_id) WHERE status IN ('active', 'paused') DO NOTHING
                        RETURNING id)
                SELECT id FROM found UNION ALL SELECT id FROM created LIMIT 1
                """, new { medicoId }, cancellationToken: ct));
            if (id is { } found) return found;
            if (attempt == 3) throw new InvalidOperationException($"could not open a conversation for medico {medicoId}");
        }
    }

    /// <summary>
    /// Round trip 2 (one implicit transaction): attach new inbound rows to the conversation, update counters and
    /// stages, reactivate a paused thread, cancel pending follow-ups, supersede reply chunks still pending (their
    /// inbound rows return to the turn), then read the conversation and every unconsumed inbound row.
    /// </summary>
    public async Task<TurnInput> ApplyInboundAsync(Guid medicoId, Guid conversaId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var grid = await c.QueryMultipleAsync(new CommandDefinition($"""
            WITH attached AS (
                    UPDATE interacoes SET conversa_id = @conversaId
                    WHERE medico_id = @medicoId AND direcao = 'entrada' AND conversa_id IS NULL AND processado_em IS NULL
                    RETURNING id, created_at),
                 stats AS (SELECT count(*) AS n, max(created_at) AS last_at FROM attached),
                 conv AS (
                    UPDATE conversations c SET
                        message_count = c.message_count + s.n,
                        last_inbound_at = GREATEST(c.last_inbound_at, s.last_at),
                        last_message_at = GREATEST(c.last_message_at, s.last_at),
                        status = 'active', pausado_ate = NULL,
                        stage = CASE WHEN c.stage IN ('msg_enviada', 'followup_1_enviado', 'followup_2_enviado', 'nao_respondeu', 'recontato')
                                     THEN 'respondeu' ELSE c.stage END
                    FROM stats s WHERE c.id = @conversaId AND s.n > 0
                    RETURNING c.id),
                 doctor AS (
                    UPDATE medicos m SET
                        stage_jornada = CASE WHEN m.stage_jornada IN ('novo', 'msg_enviada', 'aguardando_resposta', 'nao_respondeu')
                                             THEN 'respondeu' ELSE m.stage_jornada END,
                        pressure_score = GREATEST(0, m.pressure_score - 20)
                    FROM stats s WHERE m.id = @medicoId AND s.n > 0
                    RETURNING m.id),
                 followups AS (
                    UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = 'respondeu'
                    WHERE conversa_id = @conversaId AND tipo = 'followup' AND status = 'pendente'
                      AND EXISTS (SELECT 1 FROM stats WHERE n > 0)
                    RETURNING id),
                 superseded AS (
                    UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = 'superado'
                    WHERE conversa_id = @conversaId AND tipo = 'resposta' AND status = 'pendente'
                      AND EXISTS (SELECT 1 FROM stats WHERE n > 0)
                    RETURNING lote_id, (metadata->>'turno_de')::bigint AS de, (metadata->>'turno_ate')::bigint AS ate),
                 reopened AS (
                    UPDATE interacoes i SET processado_em = NULL
                    FROM (SELECT DISTINCT lote_id, de, ate FROM superseded) s
                    WHERE i.conversa_id = @conversaId AND i.direcao = 'entrada' AND i.id BETWEEN s.de AND s.ate
                      AND NOT EXISTS (SELECT 1 FROM fila_mensagens x WHERE x.lote_id = s.lote_id AND x.status IN ('enviada', 'processando'))
                    RETURNING i.id)
            SELECT count(*) FROM attached;

            SELECT {StateColumns} FROM conversations WHERE id = @conversaId;

            SELECT id AS Id, tipo AS Tipo, conteudo AS Conteudo, midia->>'caption' AS Caption, created_at AS CreatedAtUtc,
                   provider_message_id AS ProviderMessageId, remote_jid AS RemoteJid
            FROM interacoes
            WHERE conversa_id = @conversaId AND direcao = 'entrada' AND processado_em IS NULL
            ORDER BY id;
            """, new { medicoId, conversaId }, cancellationToken: ct));
        await grid.ReadSingleAsync<long>();
        var conversation = await grid.ReadSingleAsync<ConversationState>();
        var pending = (await grid.ReadAsync<PendingInbound>()).ToList();
        return new TurnInput(conversation, pending);
    }

    /// <summary>Consumed by a turn or deliberately skipped (SPEC §3.4 processado_em).</summary>
    public Task<int> MarkProcessedAsync(NpgsqlTransaction tx, Guid conversaId, long upToId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE interacoes SET processado_em = now()
            WHERE conversa_id = @conversaId AND direcao = 'entrada' AND processado_em IS NULL AND id <= @upToId
            """, new { conversaId, upToId }, tx, cancellationToken: ct));

    /// <summary>True when an inbound message newer than the turn arrived while it was being generated.</summary>
    public Task<bool> HasNewerInboundAsync(NpgsqlTransaction tx, Guid medicoId, long afterId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM interacoes WHERE medico_id = @medicoId AND direcao = 'entrada' AND processado_em IS NULL AND id > @afterId)
            """, new { medicoId, afterId }, tx, cancellationToken: ct));

    public Task SetHumanControlAsync(NpgsqlTransaction tx, Guid conversaId, string reason, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET controlled_by = 'human', escalation_reason = @reason WHERE id = @conversaId",
            new { conversaId, reason }, tx, cancellationToken: ct));

    public Task SetStageAsync(NpgsqlTransaction tx, Guid conversaId, string stage, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET stage = @stage WHERE id = @conversaId", new { conversaId, stage }, tx, cancellationToken: ct));

    public Task CompleteAsync(NpgsqlTransaction tx, Guid conversaId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET status = 'completed', completed_at = now() WHERE id = @conversaId AND status IN ('active', 'paused')",
            new { conversaId }, tx, cancellationToken: ct));

    public Task<ConversationTotals> TotalsAsync(NpgsqlTransaction tx, Guid conversaId, CancellationToken ct) =>
        tx.Connection!.QuerySingleAsync<ConversationTotals>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM interacoes WHERE conversa_id = @conversaId)::int AS TotalInteracoes,
                   (EXTRACT(EPOCH FROM now() - c.created_at) / 60)::int AS DuracaoMinutos
            FROM conversations c WHERE c.id = @conversaId
            """, new { conversaId }, tx, cancellationToken: ct));

    /// <summary>Doctors with inbound rows no turn consumed (crash, restart, deferral): the sweeper re-queues them.</summary>
    public async Task<IReadOnlyList<Guid>> DoctorsWithPendingInboundAsync(TimeSpan olderThan, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT medico_id FROM interacoes
            WHERE direcao = 'entrada' AND processado_em IS NULL AND created_at <= now() - @olderThan
            LIMIT 1000
            """, new { olderThan }, cancellationToken: ct))).ToList();
    }

    /// <summary>The last interactions before the current turn, oldest first (SPEC §5: HISTORICO_LIMITE, default 10).</summary>
    public async Task<IReadOnlyList<Agent.HistoryItem>> HistoryAsync(Guid conversaId, long beforeInboundId, int limit, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<Agent.HistoryItem>(new CommandDefinition("""
            SELECT direcao AS Direcao, autor_tipo AS AutorTipo, conteudo AS Conteudo FROM (
                SELECT direcao, autor_tipo, conteudo, created_at, id FROM interacoes
                WHERE conversa_id = @conversaId AND conteudo IS NOT NULL
                  AND NOT (direcao = 'entrada' AND (processado_em IS NULL OR id >= @beforeInboundId))
                ORDER BY created_at DESC, id DESC LIMIT @limit) recent
            ORDER BY created_at, id
            """, new { conversaId, beforeInboundId, limit }, cancellationToken: ct));
        return rows.ToList();
    }

    /// <summary>An outbound interacoes row (direcao='saida') for a message that left, and the conversation's outbound time.</summary>
    /// <remarks><paramref name="llmJson"/>: the agent's accounting of the turn that wrote it (model, tokens, latency, tool calls).</remarks>
    public Task RecordOutboundAsync(NpgsqlTransaction tx, Guid medicoId, Guid? conversaId, string autorTipo, string origem, string conteudo,
        string? providerMessageId, string? remoteJid, string? llmJson, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, llm)
            VALUES (@medicoId, @conversaId, 'saida', 'texto', @autorTipo, @origem, @conteudo, @providerMessageId, @remoteJid, @llmJson::jsonb);
            UPDATE conversations SET last_outbound_at = now(), last_message_at = now() WHERE id = @conversaId;
            """, new { medicoId, conversaId, autorTipo, origem, conteudo, providerMessageId, remoteJid, llmJson }, tx, cancellationToken: ct));

    /// <summary>
    /// After a follow-up went out (SPEC §7): stage followup_1_enviado / followup_2_enviado; FU3 → nao_respondeu, paused
    /// for 60 days, doctor nao_respondeu. Pressure score +15 (max 100).
    /// </summary>
    public Task AfterFollowUpAsync(NpgsqlTransaction tx, Guid conversaId, Guid medicoId, string step, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET
                stage = CASE @step WHEN 'fu1' THEN 'followup_1_enviado' WHEN 'fu2' THEN 'followup_2_enviado' ELSE 'nao_respondeu' END,
                status = CASE WHEN @step = 'fu3' THEN 'paused' ELSE status END,
                pausado_ate = CASE WHEN @step = 'fu3' THEN now() + interval '60 days' ELSE pausado_ate END
            WHERE id = @conversaId;
            UPDATE medicos SET pressure_score = LEAST(100, pressure_score + 15),
                stage_jornada = CASE WHEN @step = 'fu3' THEN 'nao_respondeu' ELSE stage_jornada END
            WHERE id = @medicoId;
            """, new { conversaId, medicoId, step }, tx, cancellationToken: ct));

    /// <summary>
    /// After a campaign message went out (SPEC §7): the doctor's open conversation (created when missing) gets stage
    /// msg_enviada and the campaign; the doctor msg_enviada and primeiro_contato_em; pressure +20 (+25 first contact);
    /// the envios_campanha row `enviado`; the outbound row is tied to the conversation.
    /// </summary>
    public Task AfterCampaignSendAsync(NpgsqlTransaction tx, Guid filaId, Guid medicoId, bool firstContact, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO conversations (medico_id, stage, campanha_id, last_outbound_at, last_message_at)
            SELECT @medicoId, 'msg_enviada', (f.metadata->>'campanha_id')::bigint, now(), now() FROM fila_mensagens f WHERE f.id = @filaId
            ON CONFLICT (medico_id) WHERE status IN ('active', 'paused')
            DO UPDATE SET stage = 'msg_enviada', campanha_id = COALESCE(conversations.campanha_id, EXCLUDED.campanha_id), last_outbound_at = now();
            UPDATE interacoes SET conversa_id = (SELECT id FROM conversations WHERE medico_id = @medicoId AND status IN ('active', 'paused'))
            WHERE medico_id = @medicoId AND direcao = 'saida' AND conversa_id IS NULL;
            UPDATE medicos SET stage_jornada = CASE WHEN stage_jornada IN ('novo', 'nao_respondeu', 'inativo') THEN 'msg_enviada' ELSE stage_jornada END,
                   primeiro_contato_em = COALESCE(primeiro_contato_em, now()),
                   pressure_score = LEAST(100, pressure_score + CASE WHEN @firstContact THEN 25 ELSE 20 END)
            WHERE id = @medicoId;
            UPDATE envios_campanha SET status = 'enviado', enviado_em = now()
            WHERE id = (SELECT (metadata->>'envio_id')::uuid FROM fila_mensagens WHERE id = @filaId);
            """, new { filaId, medicoId, firstContact }, tx, cancellationToken: ct));

    public NpgsqlDataSource DataSource => db;
}

internal sealed record ConversationTotals(int TotalInteracoes, int DuracaoMinutos);
