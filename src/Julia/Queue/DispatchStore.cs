using Microsoft.Extensions.Options;
using Dapper;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Queue;

/// <summary>
/// The dispatcher's SQL on fila_mensagens: the one-statement SKIP LOCKED claim (a chunk waits for the earlier chunks of
/// its lote), the send start mark, and every way out (sent, back to pending, blocked, cancelled, error, recovery).
/// </summary>
internal sealed class DispatchStore(DispatchDataSource dispatchDb, IEnumerable<ISendEffect> sendEffects, IOptions<QueueOptions> options)
{
    // Asynchronous commits for claims and outcomes: only "send started" must be on disk before the HTTP call, and its
    // synchronous commit flushes every earlier WAL record too. A lost outcome after a server crash leaves the row
    // `processando` with envio_iniciado_em set → recovery marks it resultado_desconhecido, never a duplicate.
    readonly NpgsqlDataSource db = dispatchDb.Source;
    readonly ISendEffect[] effects = [.. sendEffects];

    const string Returning = """
        f.id AS Id, f.medico_id AS MedicoId, f.conversa_id AS ConversaId, f.tipo AS Kind, f.conteudo AS Content, f.tentativas AS Attempts,
        f.max_tentativas AS MaxAttempts, f.created_at AS CreatedAtUtc, f.metadata->>'tipo_sistema' AS SystemKind,
        (f.metadata->>'digitacao_ms')::int AS TypingMs, COALESCE((f.metadata->>'primeiro_contato')::boolean, false) AS FirstContact,
        COALESCE((f.metadata->>'permitido_sob_humano')::boolean, false) OR f.metadata->>'tipo_sistema' = 'transicao_handoff' AS AllowedUnderHuman,
        """ + QueueStore.LlmAccounting + " AS Llm, f.metadata->>'tipo_followup' AS FollowUpStep, f.prioridade AS Prioridade, f.agendar_para AS ScheduledForUtc, "
        + "(f.metadata->>'" + QueueStore.AnswerBasisKey + "')::timestamptz AS AnswerBasisUtc, "
        + QueueStore.NamedShiftIdSql + " AS NamedShiftId, "
        + "COALESCE((f.metadata->>'" + QueueStore.HonoursBlockKey + "')::boolean, false) AS HonoursBlock";

    // Declared before the statements built from it (static fields initialise in order).
    static readonly string StateColumns = $"""
        md.deleted_at IS NOT NULL AS DoctorDeleted, md.opted_out AS OptedOut, md.bloqueado AS Bloqueado,
        COALESCE(md.whatsapp_jid, md.telefone) AS Address,
        COALESCE((SELECT controlled_by = 'human' FROM conversations WHERE id = claimed.conversaid), false)
            OR EXISTS (SELECT 1 FROM conversations oc WHERE oc.medico_id = md.id AND oc.status IN ('active', 'paused') AND oc.controlled_by = 'human')
            AS HumanControlled,
        EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = md.id AND i.direcao = 'entrada' AND i.processado_em IS NULL) AS NewerInbound,
        EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = md.id AND i.direcao <> 'saida'
                AND i.created_at > COALESCE(claimed.answerbasisutc, claimed.createdatutc)) AS InboundSinceEnqueue,
        md.telefone AS Telefone,
        COALESCE(md.contato_pausado_ate > now(), false) AS ContactPaused,
        COALESCE((SELECT {QueueStore.AnswersOnlyWithdrawnSql("w")} FROM fila_mensagens w WHERE w.id = claimed.id), false) AS AnswersWithdrawn
        """;

    /// <summary>
    /// The claim (parameters @kinds, @busyConversations, @size, @markFirst). Ordered as migration 0009's partial index
    /// `fila_mensagens_pendentes_ordem_idx`, so the scan stops after the rows it takes, however many pending rows share
    /// their timestamps (a campaign queued in one statement; QueueClaimCostTests).
    /// </summary>
    internal static readonly string ClaimSql = $"""
        WITH candidates AS (
            SELECT q.id, q.prioridade, q.agendar_para, q.created_at FROM fila_mensagens q
            WHERE q.status = 'pendente' AND q.agendar_para <= now() AND q.tipo = ANY(@kinds)
              AND (q.conversa_id IS NULL OR NOT (q.conversa_id = ANY(@busyConversations)))
              AND NOT EXISTS (SELECT 1 FROM fila_mensagens p
                              WHERE q.lote_id IS NOT NULL AND p.lote_id = q.lote_id AND p.sequencia < q.sequencia
                                AND p.status IN ('pendente', 'processando'))
            ORDER BY q.prioridade DESC, q.agendar_para, q.created_at, q.id
            FOR UPDATE SKIP LOCKED
            LIMIT @size),
        first AS (SELECT id FROM candidates ORDER BY prioridade DESC, agendar_para, created_at, id LIMIT 1),
        claimed AS (
        UPDATE fila_mensagens f SET status = 'processando', processando_desde = now(),
               envio_iniciado_em = CASE WHEN @markFirst AND f.id = (SELECT id FROM first)
                                         AND COALESCE((f.metadata->>'digitacao_ms')::int, 0) = 0 THEN now() END
        WHERE f.id IN (SELECT id FROM candidates)
        RETURNING {Returning}, f.envio_iniciado_em IS NOT NULL AS SendStarted, f.processando_desde AS ClaimedAtUtc)
        SELECT claimed.*, {StateColumns}
        FROM claimed JOIN medicos md ON md.id = claimed.medicoid
        """;

    /// <summary>
    /// Claims up to <paramref name="size"/> due rows (at most the first pending chunk of any lote) with the fresh state
    /// their re-checks need, in one round trip, in send order. With <paramref name="markFirst"/> the first row — the one
    /// sent right away — also gets its send-started mark in the same statement, committed synchronously, unless it
    /// shows "digitando…" first (docs/decisions.md#queue): one durable commit fewer per reply.
    /// </summary>
    public async Task<IReadOnlyList<(ClaimedMessage Message, SendState State)>> ClaimAsync(string[] kinds, Guid[] busyConversations, int size,
        bool markFirst, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryPreparedAsync<ClaimedMessage, SendState, (ClaimedMessage, SendState)>(ClaimStatement(markFirst),
            (m, s) => (m, s), splitOn: "doctordeleted", ct, new { kinds, busyConversations, size, markFirst });
        return [.. rows.OrderByDescending(r => r.Item1.Prioridade).ThenBy(r => r.Item1.ScheduledForUtc).ThenBy(r => r.Item1.CreatedAtUtc).ThenBy(r => r.Item1.Id)];
    }

    /// <summary>The statement of <see cref="ClaimAsync"/>, with and without the first row's mark, each built once (the
    /// prepared-statement caches then know it by reference, not by hashing its text).</summary>
    static string ClaimStatement(bool markFirst) => markFirst
        ? claimMarkingFirstSql ??= $"""
            BEGIN; SET LOCAL synchronous_commit = on;
            {ClaimSql};
            COMMIT;
            """
        : claimSql ??= "\n" + ClaimSql + ";\n";

    static string? claimSql, claimMarkingFirstSql;

    // Human control: the row's conversation, or the doctor's open one — a campaign or reminder row queued before any
    // conversation existed names none, and must not reach a doctor a person is talking to (an outside pass, 2026-12-02).
    // Inbound written as "not outbound": on young statistics a plan otherwise scans the partial index of every inbound row
    // for it, instead of the doctor's rows by time (ReplyPathCostTests; docs/decisions.md#turn-scheduling).

    /// <summary>
    /// A statement for another feature's batch, after the one that queued a row with <see cref="QueueStore.EnqueueHandedOffSql"/>:
    /// that row as a claim returns it, with the same fresh state (read after the rows the batch consumed), or nothing
    /// when it was not queued.
    /// </summary>
    public static string HandedOffSql(string idParam) => $"""
        SELECT claimed.*, {StateColumns}
        FROM (SELECT {Returning}, f.envio_iniciado_em IS NOT NULL AS SendStarted, f.processando_desde AS ClaimedAtUtc FROM fila_mensagens f
              WHERE f.id = {idParam} AND f.status = 'processando') claimed
        JOIN medicos md ON md.id = claimed.medicoid
        """;

    /// <summary>
    /// A claimed row's text rebuilt at send time (<see cref="ISendTextCheck"/>): the new text, the shift it names and the
    /// terms it tells of it (the old shift's terms go with it), the replaced shift kept in `metadata.texto_refeito` for whoever reads the row later. False when the row is no longer claimed.
    /// </summary>
    public async Task<bool> RewriteAsync(Guid id, RewrittenText text, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition($"""
            UPDATE fila_mensagens SET conteudo = @content,
                   metadata = (metadata - '{QueueStore.NamedShiftKey}' - '{QueueStore.OfferedTermsKey}')
                              || jsonb_build_object('texto_refeito', jsonb_build_object('vaga_anterior', metadata->>'{QueueStore.NamedShiftKey}',
                                                                                       'motivo', @reason::text, 'em', now()))
                              || CASE WHEN @shift::uuid IS NULL THEN jsonb_build_object() ELSE jsonb_build_object('{QueueStore.NamedShiftKey}', @shift::uuid) END
                              || CASE WHEN @shift::uuid IS NULL OR @terms::text IS NULL THEN jsonb_build_object()
                                      ELSE jsonb_build_object('{QueueStore.OfferedTermsKey}', jsonb_build_object(@shift::uuid::text, @terms::text)) END
            WHERE id = @id AND status = 'processando'
            """, new { id, content = text.Content, reason = text.Reason, shift = text.NamedShiftId, terms = text.NamedShiftTerms }, cancellationToken: ct)) == 1;
    }

    /// <summary>Of these claimed rows, the ones still `processando`: not recorded as sent or ended yet.</summary>
    public async Task<HashSet<Guid>> StillClaimedAsync(Guid[] ids, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM fila_mensagens WHERE id = ANY(@ids) AND status = 'processando'", new { ids }, cancellationToken: ct))];
    }

    /// <summary>
    /// From here on a send may have happened: recovery never resends such a row blindly. False when the row is no longer
    /// claimed — a cancel ended it after the claim (docs/decisions.md#queue, "A cancel wins over a claim") — and must not go out;
    /// false too when the claim is no longer this one (<paramref name="claimedAt"/>, the claim's `processando_desde`): the
    /// process stalled past `FILA_PROCESSANDO_TIMEOUT_SEGUNDOS`, recovery gave the row back and another claim holds it now
    /// (docs/decisions.md#claim-fencing). Null only for a row this process put in `processando` itself.
    /// </summary>
    public async Task<bool> MarkSendStartedAsync(Guid id, DateTime? claimedAt, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecutePreparedAsync($"""
            BEGIN; SET LOCAL synchronous_commit = on;
            UPDATE fila_mensagens SET envio_iniciado_em = now() WHERE id = @id AND {StillThisClaim};
            COMMIT;
            """, ct, new { id, claimed = claimedAt }) == 1;
    }

    /// <summary><see cref="MarkSendStartedAsync(Guid, DateTime?, CancellationToken)"/> under whatever claim holds the row.</summary>
    public Task<bool> MarkSendStartedAsync(Guid id, CancellationToken ct) => MarkSendStartedAsync(id, null, ct);

    /// <summary>The row is still `processando` under the claim that read it (@claimed), not under a later claim of another process.</summary>
    const string StillThisClaim = "status = 'processando' AND (@claimed::timestamptz IS NULL OR processando_desde = @claimed::timestamptz)";

    /// <summary>
    /// <see cref="MarkSendStartedAsync(Guid, DateTime?, CancellationToken)"/> for a claimed message. A follow-up or a campaign
    /// opening is marked only if the doctor has not written since it was queued: he may write while it shows
    /// "digitando…" after its re-checks, and the inbound's own cancel takes only pending rows. The same statement says
    /// so (<see cref="SendMark.Answered"/>): no extra round trip, and the reply lane's statement is unchanged
    /// (docs/decisions.md#queue, "An answer during the typing").
    /// </summary>
    public async Task<SendMark> MarkSendStartedAsync(ClaimedMessage m, CancellationToken ct)
    {
        if (m.Kind is not (QueueKinds.FollowUp or QueueKinds.Campaign))
            return await MarkSendStartedAsync(m.Id, m.ClaimedAtUtc, ct) ? SendMark.Marked : SendMark.Ended;
        await using var c = await db.OpenConnectionAsync(ct);
        var (marked, answered) = (await c.QueryPreparedAsync<(int, bool)>(MarkUnlessAnsweredSql, ct, new { id = m.Id, claimed = m.ClaimedAtUtc })).Single();
        return marked == 1 ? SendMark.Marked : answered ? SendMark.Answered : SendMark.Ended;
    }

    /// <summary>The mark of a proactive row, unless an inbound of the doctor came after its basis (InboundSinceEnqueue's).</summary>
    static readonly string MarkUnlessAnsweredSql = $"""
        BEGIN; SET LOCAL synchronous_commit = on;
        WITH row AS (SELECT f.id, f.medico_id, COALESCE((f.metadata->>'{QueueStore.AnswerBasisKey}')::timestamptz, f.created_at) AS basis
                     FROM fila_mensagens f WHERE f.id = @id AND f.status = 'processando'
                       AND (@claimed::timestamptz IS NULL OR f.processando_desde = @claimed::timestamptz)),
             answered AS (SELECT EXISTS (SELECT 1 FROM row JOIN interacoes i ON i.medico_id = row.medico_id
                                         WHERE i.direcao <> 'saida' AND i.created_at > row.basis) AS yes),
             marked AS (UPDATE fila_mensagens f SET envio_iniciado_em = now()
                        FROM row WHERE f.id = row.id AND f.status = 'processando' AND NOT (SELECT yes FROM answered)
                        RETURNING f.id)
        SELECT (SELECT count(*) FROM marked)::int AS marked, (SELECT yes FROM answered) AS answered;
        COMMIT;
        """;

    /// <summary>
    /// Messages that went out: `enviada`, and every registered effect (the outbound interacoes rows, conversation
    /// times, follow-up and campaign bookkeeping) in the same command batch — one round trip, one transaction; then each
    /// effect's in-process reaction (a doctor's cached views dropped).
    /// </summary>
    public async Task MarkSentAsync(IReadOnlyList<SentMessage> sent, CancellationToken ct)
    {
        // Planned once per connection: the rows are found by `id = ANY(@sent_ids)` on the primary key, never by joining
        // the arrays, whose length a generic plan cannot know (docs/decisions.md#prepared-statements; ReplyPathCostTests).
        var sql = "BEGIN; SET LOCAL plan_cache_mode = force_generic_plan;\n" + WithEffects("""
            UPDATE fila_mensagens f SET status = 'enviada', enviada_em = now(), provider_message_id = b.provider, erro = NULL, outcome_reason_code = NULL
            FROM unnest(@sent_ids, @sent_providers, @sent_addresses) AS b (id, provider, address) WHERE f.id = b.id AND f.id = ANY(@sent_ids)
            """, effects.Select(e => e.SentSql(sent))) + ";\nCOMMIT;";
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecutePreparedAsync(sql, ct, new
        {
            sent_ids = sent.Select(x => x.Message.Id).ToArray(), sent_providers = sent.Select(x => x.ProviderMessageId).ToArray(),
            sent_addresses = sent.Select(x => x.Address).ToArray(),
        });
        foreach (var effect in effects) await effect.AfterSentAsync(sent);
    }

    /// <summary>
    /// Waiting (hours, limits, paused channel, open circuit): back to pending, no attempt consumed — unless a cancel ended
    /// the row while it was claimed, which stands. A row that waits because the gateway failed (<paramref name="overdue"/>)
    /// keeps when it first fell due in `metadata.vencida_desde`: it is late, not rescheduled, and the queue's age
    /// (`idade_mais_antiga_s`, alert `fila_congestionada`) must say so through an Evolution outage. Put off to a later time
    /// for any other reason (the next opening, the limits), it waits on purpose and is not late any more: the mark goes
    /// (it kept counting a row scheduled hours ahead as overdue since an old gateway blip, an audit 2026-12-03).
    /// </summary>
    public Task PostponeAsync(Guid id, DateTimeOffset until, string reason, CancellationToken ct, bool overdue = false) => ExecuteAsync("""
        UPDATE fila_mensagens SET status = 'pendente', agendar_para = @until, processando_desde = NULL, envio_iniciado_em = NULL,
               outcome_reason_code = @reason,
               metadata = CASE WHEN @overdue THEN metadata || jsonb_build_object('vencida_desde', COALESCE(metadata->'vencida_desde', to_jsonb(agendar_para)))
                               WHEN @until > now() THEN metadata - 'vencida_desde'
                               ELSE metadata END
        WHERE id = @id AND status = 'processando'
        """, new { id, until = until.UtcDateTime, reason, overdue }, ct);

    /// <summary>
    /// Ends a claimed message without sending it (bloqueada / cancelada / erro), with the effects of that end, in one
    /// transaction. False when the row was no longer claimed — a cancel ended it after the claim — and nothing changed.
    /// </summary>
    public async Task<bool> FinishAsync(EndedMessage ended, string? error, CancellationToken ct)
    {
        var args = EndArguments(ended, error);
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        if (await c.ExecuteAsync(new CommandDefinition("""
                UPDATE fila_mensagens SET status = @ended_status, outcome_reason_code = @ended_reason, erro = @error, processando_desde = NULL
                WHERE id = @ended_id AND status = 'processando'
                """, args, tx, cancellationToken: ct)) == 0)
            return false;
        if (EffectsSql(ended) is { Length: > 0 } effectsSql) await c.ExecuteAsync(new CommandDefinition(effectsSql, args, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        AfterEnded(ended);
        return true;
    }

    /// <summary>
    /// A failed attempt: pending again after 60·2^n s (`Queue:RetryBaseSeconds`, shorter only in the fault drills), or
    /// `erro` once max_tentativas is reached (then an end).
    /// </summary>
    public async Task<(int Attempts, string Status)> FailAsync(ClaimedMessage m, string error, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var result = await c.QuerySingleAsync<(int, string)>(new CommandDefinition("""
            UPDATE fila_mensagens SET tentativas = tentativas + 1, erro = @error, processando_desde = NULL, envio_iniciado_em = NULL,
                   status = CASE WHEN tentativas + 1 >= max_tentativas THEN 'erro' ELSE 'pendente' END,
                   outcome_reason_code = CASE WHEN tentativas + 1 >= max_tentativas THEN 'tentativas_esgotadas' ELSE 'falha_envio' END,
                   agendar_para = now() + make_interval(secs => @retryBase * power(2, tentativas + 1))
            WHERE id = @id
            RETURNING tentativas, status
            """, new { id = m.Id, error, retryBase = (double)options.Value.RetryBaseSeconds }, cancellationToken: ct));
        if (result.Item2 == "erro")
        {
            var ended = new EndedMessage(m, "erro", error);
            if (EffectsSql(ended) is { Length: > 0 } effectsSql) await ExecuteAsync(effectsSql, EndArguments(ended, error), ct);
            AfterEnded(ended);
        }
        return result;
    }

    string EffectsSql(EndedMessage ended) =>
        WithEffects(ended is { Status: "erro", Reason: not "resultado_desconhecido", Message.Kind: QueueKinds.Reply } ? LaterChunksCancelledSql : null,
            effects.Select(e => e.EndedSql(ended)));

    /// <summary>
    /// A reply chunk that ended `erro` for good (not a send of unknown outcome, which may have arrived): the chunks after it
    /// in its lote are cancelled (`parte_anterior_falhou`) — "quer que eu reserve?" must not reach the doctor without the
    /// offer before it (an audit, 2026-12-03: the claim only waits while an earlier chunk is pending or in flight).
    /// </summary>
    const string LaterChunksCancelledSql = """
        UPDATE fila_mensagens later SET status = 'cancelada', outcome_reason_code = 'parte_anterior_falhou'
        FROM fila_mensagens failed
        WHERE failed.id = @ended_id AND failed.lote_id IS NOT NULL AND later.lote_id = failed.lote_id
          AND later.sequencia > failed.sequencia AND later.status = 'pendente'
        """;

    static object EndArguments(EndedMessage ended, string? error) =>
        new { ended_id = ended.Message.Id, ended_status = ended.Status, ended_reason = ended.Reason, error };

    void AfterEnded(EndedMessage ended)
    {
        foreach (var effect in effects) effect.AfterEnded(ended);
    }

    static string WithEffects(string? own, IEnumerable<string?> contributed) =>
        string.Join(";\n", new[] { own }.Concat(contributed).Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim().TrimEnd(';')));

    /// <summary>
    /// Stuck `processando` rows (docs/decisions.md#queue): never started → pending; started → `erro`
    /// resultado_desconhecido, an end like any other — each with its effects (a campaign's send row, a staff message's
    /// Chatwoot note), in the same transaction.
    /// </summary>
    public async Task<(int Returned, int Unknown)> RecoverStuckAsync(TimeSpan timeout, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var returned = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE fila_mensagens SET status = 'pendente', processando_desde = NULL
            WHERE status = 'processando' AND processando_desde < now() - @timeout AND envio_iniciado_em IS NULL
            """, new { timeout }, tx, cancellationToken: ct));
        var unknown = (await c.QueryAsync<ClaimedMessage>(new CommandDefinition($"""
            UPDATE fila_mensagens f SET status = 'erro', outcome_reason_code = '{UnknownOutcome}', processando_desde = NULL,
                   erro = 'envio iniciado sem confirmação; não reenviado para evitar duplicata'
            WHERE f.status = 'processando' AND f.processando_desde < now() - @timeout AND f.envio_iniciado_em IS NOT NULL
            RETURNING {Returning}, true AS SendStarted, NULL::timestamptz AS ClaimedAtUtc
            """, new { timeout }, tx, cancellationToken: ct))).Select(m => new EndedMessage(m, "erro", UnknownOutcome)).ToList();
        foreach (var ended in unknown)
            if (EffectsSql(ended) is { Length: > 0 } effectsSql)
                await c.ExecuteAsync(new CommandDefinition(effectsSql, EndArguments(ended, null), tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
        foreach (var ended in unknown) AfterEnded(ended);
        return (returned, unknown.Count);
    }

    public const string UnknownOutcome = "resultado_desconhecido";

    /// <summary>Claims this process knows it never tried to send go back to pending, with or without the claim's mark.</summary>
    public Task ReleaseUnsentAsync(Guid[] ids) => ids.Length == 0 ? Task.CompletedTask : ExecuteAsync("""
        UPDATE fila_mensagens SET status = 'pendente', processando_desde = NULL, envio_iniciado_em = NULL
        WHERE id = ANY(@ids) AND status = 'processando'
        """, new { ids }, CancellationToken.None);

    /// <summary>Graceful shutdown: claims whose send had not started go back to pending.</summary>
    public Task ReleaseUnstartedAsync(Guid[] ids) => ExecuteAsync("""
        UPDATE fila_mensagens SET status = 'pendente', processando_desde = NULL
        WHERE id = ANY(@ids) AND status = 'processando' AND envio_iniciado_em IS NULL
        """, new { ids }, CancellationToken.None);

    async Task ExecuteAsync(string sql, object args, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(sql, args, cancellationToken: ct));
    }

    public NpgsqlDataSource DataSource => db;
}
