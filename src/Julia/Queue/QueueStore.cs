using System.Text.Json;
using Dapper;
using Npgsql;

namespace Julia.Queue;

/// <summary>SQL on fila_mensagens. Writes take the caller's transaction so a turn's outcome commits as one unit.</summary>
internal sealed class QueueStore(NpgsqlDataSource db)
{
    /// <summary>
    /// A follow-up's metadata key: when the outbound message it follows up went out (the conversation's last_outbound_at).
    /// Any message from the doctor after it cancels the follow-up at its send, even one written before the follow-up was
    /// queued and not yet attached to the conversation (docs/decisions.md#proactive).
    /// </summary>
    public const string AnswerBasisKey = "ultima_saida";

    /// <summary>
    /// Metadata key (boolean) of a row that is no proactive kind but must not reach a doctor staff blocked (`bloqueado`)
    /// after it was queued — a reservation's confirmation: the feature checks the block when it queues, and the send
    /// checks again, since a message can wait minutes (Evolution down) while staff decide (docs/decisions.md#queue).
    /// </summary>
    public const string HonoursBlockKey = "respeita_bloqueio";

    /// <summary>Metadata key of the shift a queued text names (a second follow-up's): checked again right before the send.</summary>
    public const string NamedShiftKey = "vaga_id";

    /// <summary>
    /// Metadata key of the terms a queued text told of the shift it names (`{vaga_id: "Hospital (cidade) | dia | … | valor"}`):
    /// recorded as `termos_oferecidos` when it goes out, so his "quero" days later is held on exactly what he read.
    /// </summary>
    public const string OfferedTermsKey = "termos_oferecidos";

    /// <summary>
    /// What a sent message stores in interacoes.llm (jsonb text, NULL when nothing): a reply's agent accounting from its
    /// metadata, with the shifts it offered and the terms it told of them (`termos_oferecidos`); a text with no model behind it that names a shift (a second follow-up's
    /// <see cref="NamedShiftKey"/>, as it went out) records that shift alone as offered (`vagas_oferecidas`) with the terms
    /// its text told (<see cref="OfferedTermsKey"/>), so the doctor's "quero" in a later turn finds it, is checked against
    /// what he read, and the funnel counts the offer (docs/decisions.md#proactive). A reminder about a shift he already
    /// holds (`vinculo_vaga` `reservada`) names it but offers nothing.
    /// </summary>
    public const string LlmAccounting = $"""
        CASE WHEN metadata ? 'modelo' AND metadata->>'modelo' IS NOT NULL THEN jsonb_build_object(
            'modelo', metadata->'modelo', 'tokens_entrada', metadata->'tokens_entrada', 'tokens_saida', metadata->'tokens_saida',
            'latencia_llm_ms', metadata->'latencia_llm_ms', 'ferramentas', metadata->'ferramentas',
            'vagas_oferecidas', metadata->'vagas_oferecidas', 'termos_oferecidos', metadata->'termos_oferecidos')::text
             WHEN {NamedShiftIdSql} IS NOT NULL AND metadata->>'vinculo_vaga' IS DISTINCT FROM 'reservada'
             THEN jsonb_strip_nulls(jsonb_build_object('vagas_oferecidas', jsonb_build_array({NamedShiftIdSql}),
                                                       'termos_oferecidos', metadata->'{OfferedTermsKey}'))::text END
        """;

    /// <summary>
    /// The shift a queued row's metadata names (<see cref="NamedShiftKey"/>) as a uuid, NULL when absent; guarded, so a
    /// hand-edited value that is no uuid never fails a statement over a whole batch.
    /// </summary>
    public const string NamedShiftIdSql = "CASE WHEN metadata->>'" + NamedShiftKey + "' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' "
        + "THEN (metadata->>'" + NamedShiftKey + "')::uuid END";

    /// <summary>Queues the items in one statement; returns their fila_mensagens ids, in the items' order.</summary>
    public async Task<Guid[]> EnqueueAsync(NpgsqlTransaction tx, IReadOnlyList<NewQueueItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return [];
        var parameters = EnqueueParameters(items, out var ids);
        await tx.Connection!.ExecuteAsync(new CommandDefinition(EnqueueSql("true"), parameters, tx, cancellationToken: ct));
        return ids;
    }

    /// <summary>
    /// The INSERT of <see cref="EnqueueAsync"/> for another feature's statement (as a CTE body): the rows are queued only
    /// when <paramref name="condition"/> (SQL) holds. Its parameters come from <see cref="EnqueueParameters"/>.
    /// </summary>
    public static string EnqueueSql(string condition) => $"""
        INSERT INTO fila_mensagens (id, medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, lote_id, sequencia, metadata)
        SELECT * FROM {Unnest}
        WHERE {condition}
        """;

    /// <summary>
    /// <see cref="EnqueueSql"/> with the first row already claimed by this process, its send-started mark set: a reply
    /// handed straight to the reply lane (<see cref="ReplyHandOff"/>; docs/decisions.md#queue). The statement must commit
    /// synchronously, like a claim's mark. The row's id is the parameter @fila_entregue.
    /// </summary>
    public static string EnqueueHandedOffSql(string condition) => $"""
        INSERT INTO fila_mensagens (id, medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, lote_id, sequencia, metadata,
                                    status, processando_desde, envio_iniciado_em)
        SELECT u.*, CASE WHEN u.id = @fila_entregue THEN 'processando' ELSE 'pendente' END,
               CASE WHEN u.id = @fila_entregue THEN now() END, CASE WHEN u.id = @fila_entregue THEN now() END
        FROM {Unnest} AS u (id, medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, lote_id, sequencia, metadata)
        WHERE {condition}
        """;

    const string Unnest = """
        unnest(@fila_ids, @fila_medicos, @fila_conversas, @fila_tipos, @fila_conteudos, @fila_prioridades, @fila_agendas,
               @fila_lotes, @fila_sequencias, @fila_metadatas::jsonb[])
        """;

    public static Dictionary<string, object?> EnqueueParameters(IReadOnlyList<NewQueueItem> items, out Guid[] ids)
    {
        ids = items.Select(_ => Guid.NewGuid()).ToArray();
        return new Dictionary<string, object?>
        {
            ["fila_ids"] = ids,
            ["fila_medicos"] = items.Select(i => i.MedicoId).ToArray(),
            ["fila_conversas"] = items.Select(i => i.ConversaId).ToArray(),
            ["fila_tipos"] = items.Select(i => i.Kind).ToArray(),
            ["fila_conteudos"] = items.Select(i => i.Content).ToArray(),
            ["fila_prioridades"] = items.Select(i => i.Prioridade).ToArray(),
            ["fila_agendas"] = items.Select(i => i.ScheduledFor.UtcDateTime).ToArray(),
            ["fila_lotes"] = items.Select(i => i.BatchId).ToArray(),
            ["fila_sequencias"] = items.Select(i => i.Sequence).ToArray(),
            ["fila_metadatas"] = items.Select(i => JsonSerializer.Serialize(i.Metadata ?? new Dictionary<string, object?>())).ToArray(),
        };
    }

    /// <summary>
    /// Rows not yet going out: `pendente`, or claimed by a dispatcher whose send has not started (docs/decisions.md#queue,
    /// "A cancel wins over a claim"). A claimed row the dispatcher then postpones stays cancelled, and its send-started
    /// mark finds nothing to mark, so it is not sent.
    /// </summary>
    internal const string NotGoingOut = "(status = 'pendente' OR (status = 'processando' AND envio_iniciado_em IS NULL))";

    /// <summary>What a message the doctor deleted for everyone becomes in `interacoes.conteudo` (Conversations writes it).</summary>
    public const string DeletedInboundText = "[mensagem apagada pelo médico]";

    /// <summary>The reason (`outcome_reason_code`) of a reply cancelled because the doctor deleted what it answers.</summary>
    public const string WithdrawnReason = "mensagem_apagada";

    /// <summary>
    /// SQL condition on the queue row aliased <paramref name="f"/>: a reply whose every line of the doctor's that its turn
    /// read (metadata `turno_de`..`turno_ate`; stickers and `outro` are not read) he has since deleted for everyone, at
    /// least one of them — he took back what it answers, so it must not go out (docs/decisions.md#inbound, "Edits and
    /// deletions"). A reply that also answers a line he kept goes out. <paramref name="beingDeleted"/>: the id of a row
    /// the same statement is deleting (not yet visible as deleted to it), counted as deleted. Inbound written as "not
    /// outbound": on young statistics a plan otherwise reads the partial index of every inbound row at each claim
    /// (ReplyPathCostTests; docs/decisions.md#turn-scheduling).
    /// </summary>
    public static string AnswersOnlyWithdrawnSql(string f, string? beingDeleted = null)
    {
        var range = $"""
            wi.medico_id = {f}.medico_id AND wi.direcao <> 'saida'
                  AND wi.id BETWEEN ({f}.metadata->>'turno_de')::bigint AND ({f}.metadata->>'turno_ate')::bigint
            """;
        var deleted = beingDeleted is null ? $"wi.conteudo = '{DeletedInboundText}'" : $"(wi.conteudo = '{DeletedInboundText}' OR wi.id = {beingDeleted})";
        return $"""
            (CASE WHEN {f}.tipo = 'resposta' AND {f}.metadata->>'turno_de' ~ '^[0-9]{"{1,18}"}$' AND {f}.metadata->>'turno_ate' ~ '^[0-9]{"{1,18}"}$'
                  THEN {(beingDeleted is null ? "" : $"{beingDeleted} BETWEEN ({f}.metadata->>'turno_de')::bigint AND ({f}.metadata->>'turno_ate')::bigint AND ")}EXISTS (SELECT 1 FROM interacoes wi WHERE {range} AND {deleted})
                       AND NOT EXISTS (SELECT 1 FROM interacoes wi WHERE {range} AND NOT {deleted} AND wi.tipo NOT IN ('sticker', 'outro'))
                  ELSE false END)
            """;
    }

    /// <summary>
    /// A CTE body for the statement that deletes a doctor's message (Conversations): the reply rows not yet going out whose
    /// every line is now deleted → `cancelada` <see cref="WithdrawnReason"/>. <paramref name="deleted"/> names a CTE with
    /// the deleted row's `id` and `medico_id`; returns the cancelled ids.
    /// </summary>
    public static string CancelWithdrawnRepliesSql(string deleted) => $"""
        UPDATE fila_mensagens f SET status = 'cancelada', outcome_reason_code = '{WithdrawnReason}', processando_desde = NULL
        FROM {deleted} d
        WHERE f.medico_id = d.medico_id AND f.tipo = 'resposta' AND {NotGoingOutSql("f")}
          AND {AnswersOnlyWithdrawnSql("f", "d.id")}
        RETURNING f.id
        """;

    /// <summary>SQL condition on the queue row aliased <paramref name="f"/>: not yet going out (see NotGoingOut).</summary>
    public static string NotGoingOutSql(string f) =>
        $"({f}.status = 'pendente' OR ({f}.status = 'processando' AND {f}.envio_iniciado_em IS NULL))";

    /// <summary>
    /// SQL condition: the queue row <paramref name="idExpression"/> names is going out (its send started) — for a feature
    /// whose own row follows the queue row's fate and must not be ended while the message is being sent.
    /// </summary>
    public static string GoingOutSql(string idExpression) =>
        $"EXISTS (SELECT 1 FROM fila_mensagens g WHERE g.id = {idExpression} AND g.status = 'processando' AND g.envio_iniciado_em IS NOT NULL)";

    /// <summary>Rows of one conversation and kinds not yet going out → cancelada with a reason code.</summary>
    public Task<int> CancelPendingAsync(NpgsqlTransaction tx, Guid conversaId, string[] kinds, string reason, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition($"""
            UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = @reason, processando_desde = NULL
            WHERE conversa_id = @conversaId AND {NotGoingOut} AND tipo = ANY(@kinds)
            """, new { conversaId, kinds, reason }, tx, cancellationToken: ct));

    /// <summary>
    /// The chunks of the conversation's latest reply that a newer message superseded → pending again, now: that message
    /// needed no answer (a sticker, a location), so nothing regenerates the reply and the doctor would be left with its
    /// first chunks only (docs/decisions.md#turn-scheduling). Only when that reply is the conversation's latest and recent.
    /// </summary>
    public Task<int> RestoreSupersededAsync(NpgsqlTransaction tx, Guid conversaId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE fila_mensagens SET status = 'pendente', outcome_reason_code = NULL, processando_desde = NULL, envio_iniciado_em = NULL,
                   agendar_para = now()
            WHERE conversa_id = @conversaId AND tipo = 'resposta' AND status = 'cancelada' AND outcome_reason_code = 'superado'
              AND created_at > now() - interval '30 minutes'
              AND lote_id = (SELECT lote_id FROM fila_mensagens WHERE conversa_id = @conversaId AND tipo = 'resposta'
                             ORDER BY created_at DESC, sequencia DESC LIMIT 1)
            """, new { conversaId }, tx, cancellationToken: ct));

    /// <summary>As <see cref="CancelPendingByMetadataAsync"/>, returning the ids of the rows it cancelled.</summary>
    public async Task<Guid[]> CancelPendingByMetadataReturningAsync(NpgsqlTransaction tx, string kind, string key, string value, string reason,
        CancellationToken ct) =>
        [.. await tx.Connection!.QueryAsync<Guid>(new CommandDefinition($"""
            UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = @reason, processando_desde = NULL
            WHERE tipo = @kind AND {NotGoingOut} AND metadata->>@key = @value
            RETURNING id
            """, new { kind, key, value, reason }, tx, cancellationToken: ct))];

    /// <summary>Rows of one kind not yet going out whose metadata has key = value → cancelada (a cancelled campaign's messages).</summary>
    public async Task<int> CancelPendingByMetadataAsync(NpgsqlTransaction tx, string kind, string key, string value, string reason, CancellationToken ct) =>
        (await CancelPendingByMetadataReturningAsync(tx, kind, key, value, reason, ct)).Length;

    /// <summary>
    /// CTEs for the statement that attaches a doctor's new messages (run by Conversations): when <paramref name="answered"/>
    /// (a SQL condition) holds, the conversation's pending follow-ups are cancelled (`respondeu`) and its reply chunks
    /// still pending are superseded (`superado`). Defines `superseded_unsent (lote_id, metadata)`: the superseded lotes
    /// of which no chunk went or is going out.
    /// </summary>
    public static string CancelOnAnswerCtes(string conversaParam, string answered) => $"""
        followups_cancelled AS (
            UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = 'respondeu'
            WHERE conversa_id = {conversaParam} AND tipo = 'followup' AND status = 'pendente' AND {answered}
            RETURNING id),
        superseded AS (
            UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = 'superado'
            WHERE conversa_id = {conversaParam} AND tipo = 'resposta' AND status = 'pendente' AND {answered}
            RETURNING lote_id, metadata),
        superseded_unsent AS (
            SELECT DISTINCT ON (s.lote_id) s.lote_id, s.metadata FROM superseded s
            WHERE NOT EXISTS (SELECT 1 FROM fila_mensagens x WHERE x.lote_id = s.lote_id AND x.status IN ('enviada', 'processando')))
        """;

    /// <summary>
    /// Did Júlia start sending this text to the doctor lately? A mirror of her own send (Chatwoot echo) can arrive
    /// before the send is recorded with its provider id. Compared without the emphasis marks `*`, `_` and `~`: Evolution
    /// rewrites WhatsApp formatting as Chatwoot markdown when it mirrors (`*a*` → `**a**`, `_a_` → `*a*`, `~a~` → `~~a~~`;
    /// docs/decisions.md#handoff, "genuine Chatwoot payloads").
    /// </summary>
    // Júlia's own sends only: the staff writing the same words again is a new message, not the echo of one.
    public async Task<bool> WasSentRecentlyAsync(Guid medicoId, string content, TimeSpan window, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM fila_mensagens WHERE medico_id = @medicoId
                           AND (conteudo = @content OR (translate(conteudo, '*_~', '') = translate(@content, '*_~', '')
                                                        AND translate(@content, '*_~', '') <> ''))
                           AND envio_iniciado_em > now() - @window AND status IN ('processando', 'enviada')
                           AND metadata->>'tipo_sistema' IS DISTINCT FROM 'mensagem_equipe')
            """, new { medicoId, content, window }, cancellationToken: ct));
    }

    /// <summary>
    /// Every row of a doctor not yet going out → cancelada (opt-out): also one a worker claimed and has not started to send
    /// (the limiter, a number check), which would otherwise reach him after he asked to stop.
    /// </summary>
    public Task<int> CancelAllPendingForDoctorAsync(NpgsqlTransaction tx, Guid medicoId, string reason, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition($"""
            UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = @reason, processando_desde = NULL
            WHERE medico_id = @medicoId AND {NotGoingOut}
            """, new { medicoId, reason }, tx, cancellationToken: ct));

    /// <summary>Was a `sistema` message of this kind queued for the conversation since the instant (holding message: once per 30 min)?</summary>
    public Task<bool> HasRecentSystemMessageAsync(NpgsqlTransaction tx, Guid conversaId, string systemKind, DateTimeOffset since, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM fila_mensagens WHERE conversa_id = @conversaId AND tipo = 'sistema'
                           AND metadata->>'tipo_sistema' = @systemKind AND created_at >= @since AND status <> 'cancelada')
            """, new { conversaId, systemKind, since = since.UtcDateTime }, tx, cancellationToken: ct));

    /// <summary>One pending reminder per conversation: a newer one replaces the older (docs/decisions.md#proactive agendar_lembrete).</summary>
    public async Task ReplaceReminderAsync(NpgsqlTransaction tx, NewQueueItem reminder, CancellationToken ct)
    {
        await CancelPendingAsync(tx, reminder.ConversaId!.Value, [QueueKinds.Reminder], "substituido", ct);
        await EnqueueAsync(tx, [reminder], ct);
    }

}
