using Dapper;
using Julia.Doctors;
using Julia.Infrastructure.Database;
using Julia.Queue;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// SQL on conversations and interacoes (docs/decisions.md#inbound). Only Conversations writes these tables; where another
/// feature's statement must change them in the same round trip, it embeds the SQL text built here (the *Sql members).
/// A turn's two batches run on the turns' own pool (<see cref="TurnDataSource"/>), everything else on the main one.
/// </summary>
internal sealed class ConversationStore(NpgsqlDataSource db, TurnDataSource turnDb)
{
    const string RefColumns = """
        id AS Id, medico_id AS MedicoId, status AS Status, controlled_by AS ControlledBy,
        chatwoot_conversation_id AS ChatwootConversationId, chatwoot_contact_id AS ChatwootContactId
        """;

    const string StateColumns = """
        id AS Id, medico_id AS MedicoId, status AS Status, controlled_by AS ControlledBy, stage AS Stage,
        message_count AS MessageCount, created_at AS CreatedAtUtc
        """;

    /// <summary>The doctor's one open (active/paused) conversation, as a scalar subquery (a partial unique index keeps it to one).</summary>
    /// <summary>The id of the doctor's one open (active or paused) conversation, as a scalar subquery over <paramref name="medico"/>.</summary>
    internal static string OpenConversationFor(string medico) => $"(SELECT id FROM conversations WHERE medico_id = {medico} AND status IN ('active', 'paused'))";

    static readonly string OpenConversationOf = OpenConversationFor("@medicoId");

    /// <summary>The doctor was erased at his request (docs/decisions.md#lgpd): nothing is opened, answered or queued for him.</summary>
    const string Erased = "EXISTS (SELECT 1 FROM medicos WHERE id = @medicoId AND apagado_em IS NOT NULL)";

    const string Answered = "EXISTS (SELECT 1 FROM stats WHERE n > 0)";

    /// <summary>
    /// The doctor's inbound rows no turn consumed that his open conversation does not hold, which a turn attaches to it:
    /// new ones (no conversation yet), and ones a conversation still holds that finished before their turn ran (resolved
    /// in Chatwoot or closed by another process's opt-out while the model was down or the turn waited). Left there, no
    /// turn read them again, and every later reply was cancelled as superseded by them (an audit, 2026-12-03). Served by
    /// interacoes_entrada_pendente_medico_conversa_idx (migration 0008), whatever the backlog of other doctors (BacklogCostTests).
    /// </summary>
    internal static string UnattachedInboundOf(string medico) =>
        $"medico_id = {medico} AND conversa_id IS DISTINCT FROM {OpenConversationFor(medico)} AND direcao = 'entrada' AND processado_em IS NULL";

    /// <summary>
    /// The doctor's inbound rows no turn consumed yet, in one conversation. Every such read names the doctor first:
    /// interacoes_entrada_pendente_medico_conversa_idx (migration 0008) is keyed (medico_id, conversa_id).
    /// </summary>
    static string PendingInboundOf(string medico, string conversa) =>
        $"medico_id = {medico} AND conversa_id = {conversa} AND direcao = 'entrada' AND processado_em IS NULL";

    /// <summary>
    /// The turn's statement that attaches the doctor's new inbound rows to his open conversation, with what follows from
    /// an answer: counters and stage, the doctor's funnel (Doctors' SQL), pending follow-ups cancelled and reply chunks
    /// still pending superseded (Queue's SQL), whose inbound rows return to the turn. Its cost must not grow with the
    /// table: every part that depends on something having happened is gated on it (TurnStartCostTests).
    /// </summary>
    internal static readonly string AttachInboundSql = $"""
        WITH attached AS (
                UPDATE interacoes SET conversa_id = {OpenConversationOf}
                WHERE {UnattachedInboundOf("@medicoId")}
                  AND {OpenConversationOf} IS NOT NULL
                RETURNING id, created_at, conversa_id),
             stats AS (SELECT count(*) AS n, max(created_at) AS last_at, max(conversa_id::text)::uuid AS conversa_id FROM attached),
             conv AS (
                UPDATE conversations c SET
                    message_count = c.message_count + s.n,
                    last_inbound_at = GREATEST(c.last_inbound_at, s.last_at),
                    last_message_at = GREATEST(c.last_message_at, s.last_at),
                    status = 'active', pausado_ate = NULL,
                    stage = CASE WHEN c.stage IN ('msg_enviada', 'followup_1_enviado', 'followup_2_enviado', 'nao_respondeu', 'recontato')
                                 THEN 'respondeu' ELSE c.stage END
                FROM stats s WHERE c.id = s.conversa_id AND s.n > 0
                RETURNING c.id),
             {DoctorStore.AnsweredCte("@medicoId", Answered, "(SELECT n FROM stats)")},
             {QueueStore.CancelOnAnswerCtes("(SELECT conversa_id FROM stats)", Answered)},
             -- Gated on a superseded reply, or it would scan for one on every turn. Inbound written as "not outbound" so
             -- that, on young statistics, no plan ANDs in the partial index of every inbound row (TurnStartCostTests).
             reopened AS (
                UPDATE interacoes i SET processado_em = NULL
                FROM superseded_unsent s
                WHERE i.conversa_id = (SELECT conversa_id FROM stats) AND i.direcao <> 'saida'
                  AND i.id BETWEEN (s.metadata->>'turno_de')::bigint AND (s.metadata->>'turno_ate')::bigint
                  AND EXISTS (SELECT 1 FROM superseded_unsent)
                RETURNING i.id)
        SELECT (SELECT stage_jornada FROM doctor_answered) AS Stage, (SELECT telefone FROM doctor_answered) AS Phone
        """;

    /// <summary>
    /// The start of a turn in one round trip, one transaction with an asynchronous commit (everything here is derived from
    /// the durable inbound rows and is derived again after a server crash; docs/decisions.md#turn-scheduling):
    /// the doctor's open conversation, created race-free when missing; the new inbound rows attached to it, counters
    /// and stages updated, a paused thread reactivated; the doctor's funnel and pressure (Doctors' SQL); pending
    /// follow-ups cancelled and reply chunks still pending superseded (Queue's SQL; their inbound rows return to the
    /// turn); then the conversation, every unconsumed inbound row, and the history, the doctor's held shifts and his
    /// reservations that ended lately (Shifts' SQL) the agent will need.
    /// Input null when the conversation was closed by another process between the statements: call again. Erased: the
    /// doctor was erased (docs/decisions.md#lgpd) — no conversation is opened for him, and a message that still reached
    /// his row (stored by a process that found him just before the erasure) is emptied and marked processed.
    /// <see cref="TurnInput.DoctorRemoved"/>: staff removed him from the register (`deleted_at`), read fresh, never cached.
    /// <see cref="TurnInput.AnsweredStage"/>: the doctor's funnel stage after this answer moved it (or his pressure), and
    /// <see cref="TurnInput.AnsweredPhone"/> his phone, so every cached view of him can be corrected or dropped.
    /// </summary>
    public async Task<(TurnInput? Input, bool Erased)> BeginTurnAsync(Guid medicoId, int historyLimit, CancellationToken ct)
    {
        await using var c = await turnDb.Source.OpenConnectionAsync(ct);
        await using var grid = await c.QueryPreparedMultipleAsync(BeginTurnSql, ct, new { medicoId, limit = historyLimit });
        var answered = await grid.ReadSingleAsync<(string? Stage, string? Phone)>();
        var conversation = await grid.ReadSingleOrDefaultAsync<ConversationState>();
        var pending = (await grid.ReadAsync<PendingInbound>()).ToList();
        var history = (await grid.ReadAsync<ConversationLine>()).ToList();
        var holdings = (await grid.ReadAsync<Shifts.Shift>()).ToList();
        var ended = (await grid.ReadAsync<Shifts.EndedHold>()).ToList();
        var (erased, removed) = await grid.ReadSingleAsync<(bool, bool)>();
        if (erased) return (null, true);
        return (conversation is null ? null : new TurnInput(conversation, pending, history, holdings, answered.Stage, answered.Phone, ended, removed), false);
    }

    /// <summary>The statement of <see cref="BeginTurnAsync"/>, built once: its parts are fixed, and the prepared-statement
    /// caches (<see cref="PreparedStatements"/>) then know it by reference instead of hashing its text on every turn.</summary>
    static string BeginTurnSql => beginTurnSql ??= $"""
        BEGIN;
        SET LOCAL synchronous_commit = off;
        SET LOCAL plan_cache_mode = force_generic_plan;
        UPDATE interacoes SET conteudo = NULL, midia = NULL, remote_jid = NULL, processado_em = now()
        WHERE medico_id = @medicoId AND direcao = 'entrada' AND processado_em IS NULL AND {Erased};
        INSERT INTO conversations (medico_id, chatwoot_conversation_id)
        SELECT @medicoId, (SELECT i.midia->>'{InboundStore.ChatwootConversationKey}' FROM interacoes i
                           WHERE i.medico_id = @medicoId AND i.direcao = 'entrada' AND i.processado_em IS NULL
                             AND i.midia->>'{InboundStore.ChatwootConversationKey}' IS NOT NULL
                           ORDER BY i.id DESC LIMIT 1)
        WHERE {OpenConversationOf} IS NULL AND NOT {Erased}
        ON CONFLICT (medico_id) WHERE status IN ('active', 'paused') DO NOTHING;

        -- The Chatwoot conversation Evolution's integration named in his newest message (kept in its midia by the
        -- webhook, which names no `conversations`: docs/decisions.md#inbound, "Intake needs only its own tables").
        UPDATE conversations c SET chatwoot_conversation_id = named.id
        FROM (SELECT i.midia->>'{InboundStore.ChatwootConversationKey}' AS id FROM interacoes i
              WHERE i.medico_id = @medicoId AND i.direcao = 'entrada' AND i.processado_em IS NULL
                AND i.midia->>'{InboundStore.ChatwootConversationKey}' IS NOT NULL
              ORDER BY i.id DESC LIMIT 1) named
        WHERE c.id = {OpenConversationOf} AND c.chatwoot_conversation_id IS DISTINCT FROM named.id;

        {AttachInboundSql};

        SELECT {StateColumns} FROM conversations WHERE id = {OpenConversationOf};

        SELECT {InboundColumns}
        FROM interacoes
        WHERE {PendingInboundOf("@medicoId", OpenConversationOf)}
        ORDER BY id;

        {HistorySql("processado_em IS NULL")};

        {Shifts.ShiftStore.HoldingsSql("@medicoId")};

        {Shifts.ShiftStore.EndedHoldsSql("@medicoId")};

        SELECT {Erased}, EXISTS (SELECT 1 FROM medicos WHERE id = @medicoId AND deleted_at IS NOT NULL);
        COMMIT;
        """;

    static string? beginTurnSql;

    /// <summary>
    /// Whether the inbound row a turn read first is still unconsumed, asked once the turn holds its conversation lock and
    /// before the model is called: another process's turn may have answered it and let the lock go between this turn's
    /// first round trip and its lock (docs/decisions.md#inbound, "Rows read before the lock").
    /// </summary>
    public async Task<bool> StillPendingAsync(long interacaoId, CancellationToken ct)
    {
        await using var c = await turnDb.Source.OpenConnectionAsync(ct);
        return await c.QuerySinglePreparedAsync<bool>(StillPendingSql, ct, new { interacaoId });
    }

    const string StillPendingSql = "SELECT EXISTS (SELECT 1 FROM interacoes WHERE id = @interacaoId AND processado_em IS NULL)";

    /// <summary>Consumed by a turn or deliberately skipped (docs/decisions.md#data-model processado_em).</summary>
    public Task<int> MarkProcessedAsync(NpgsqlTransaction tx, ConversationState conversation, long upToId, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition($"""
            UPDATE interacoes SET processado_em = now()
            WHERE {PendingInboundOf("@medicoId", "@conversaId")} AND id <= @upToId
            """, new { medicoId = conversation.MedicoId, conversaId = conversation.Id, upToId }, tx, cancellationToken: ct));

    /// <summary>
    /// The end of a turn that replies, in one round trip (docs/decisions.md#turn-scheduling): unless an inbound message
    /// newer than the turn arrived while the reply was generated, or the turn's first row (of <paramref name="read"/>) is
    /// no longer pending, the reply's chunks are queued (Queue's SQL) and the turn's inbound rows marked processed.
    /// Superseded: a newer message arrived; Taken: another process's turn consumed the rows this one read before it held
    /// the conversation lock (docs/decisions.md#inbound); Erased: the doctor was erased while the model was writing
    /// (docs/decisions.md#lgpd); Revised: he edited or deleted one of the lines the turn read (its text or caption is no
    /// longer what the model was given; docs/decisions.md#inbound, "Edits and deletions") — in each case nothing is written. With <paramref name="handOff"/> the
    /// first chunk is queued already claimed and marked for this process's reply lane, and returned with its send state;
    /// the commit is then synchronous, as a claim's mark must be (docs/decisions.md#queue). Otherwise it is asynchronous.
    /// </summary>
    public async Task<(bool Superseded, bool Taken, bool Erased, bool Revised, (ClaimedMessage Message, SendState State)? HandedOff)> FinishTurnWithReplyAsync(
        Guid medicoId, Guid conversaId, IReadOnlyList<PendingInbound> read, IReadOnlyList<NewQueueItem> reply, bool handOff, CancellationToken ct)
    {
        var queued = QueueStore.EnqueueParameters(reply, out var ids);
        var (fromId, upToId) = (read[0].Id, read[^1].Id);
        await using var c = await turnDb.Source.OpenConnectionAsync(ct);
        await using var grid = await c.QueryPreparedMultipleAsync(FinishTurnSql(handOff), ct, queued, new
        {
            medicoId, conversaId, fromId, upToId, fila_entregue = handOff ? ids[0] : (Guid?)null,
            lidas_ids = read.Select(p => p.Id).ToArray(), lidas_textos = read.Select(p => p.Content).ToArray(),
            lidas_legendas = read.Select(p => p.Caption).ToArray(),
        });
        var (superseded, taken, erased, revised) = await grid.ReadSingleAsync<(bool, bool, bool, bool)>();
        if (!handOff) return (superseded, taken, erased, revised, null);
        var claimed = await grid.ReadAsync<ClaimedMessage, SendState, (ClaimedMessage, SendState)>((m, s) => (m, s), "doctordeleted");
        return (superseded, taken, erased, revised, claimed.Count == 0 ? null : claimed[0]);
    }

    /// <summary>The statement of <see cref="FinishTurnWithReplyAsync"/>, with and without the hand-off, each built once.</summary>
    static string FinishTurnSql(bool handOff) => handOff ? finishTurnHandOffSql ??= BuildFinishTurnSql(true) : finishTurnSql ??= BuildFinishTurnSql(false);

    static string? finishTurnSql, finishTurnHandOffSql;

    static string BuildFinishTurnSql(bool handOff)
    {
        const string Queue = "NOT (SELECT yes FROM newer) AND NOT (SELECT yes FROM taken) AND NOT (SELECT yes FROM erased) AND NOT (SELECT yes FROM revised)";
        return $"""
        BEGIN;
        SET LOCAL synchronous_commit = {(handOff ? "on" : "off")};
        WITH newer AS (
                SELECT EXISTS (SELECT 1 FROM interacoes WHERE medico_id = @medicoId AND direcao = 'entrada' AND processado_em IS NULL AND id > @upToId) AS yes),
             -- Locked: a turn of another process finishing at the same moment (each holding a different lock — Redis
             -- for one, the database's advisory lock for the other when Redis timed out for it) waits here for this
             -- one's commit and then sees the row consumed; read without the lock, both saw it pending and both queued.
             taken AS (SELECT count(*) = 0 AS yes FROM (SELECT 1 FROM interacoes WHERE id = @fromId AND processado_em IS NULL FOR UPDATE) AS first_row),
             erased AS (SELECT {Erased} AS yes),
             -- He edited or deleted a line while the model was writing: the reply answers words he no longer has there.
             revised AS (
                SELECT EXISTS (SELECT 1 FROM unnest(@lidas_ids::bigint[], @lidas_textos::text[], @lidas_legendas::text[]) AS r (id, conteudo, legenda)
                               JOIN interacoes i ON i.id = r.id
                               WHERE i.conteudo IS DISTINCT FROM r.conteudo OR i.midia->>'caption' IS DISTINCT FROM r.legenda) AS yes),
             queued AS ({(handOff ? QueueStore.EnqueueHandedOffSql(Queue) : QueueStore.EnqueueSql(Queue))} RETURNING id),
             processed AS (
                UPDATE interacoes SET processado_em = now()
                WHERE {PendingInboundOf("@medicoId", "@conversaId")} AND id <= @upToId
                  AND {Queue}
                RETURNING id)
        SELECT (SELECT yes FROM newer), (SELECT yes FROM taken), (SELECT yes FROM erased), (SELECT yes FROM revised);
        {(handOff ? DispatchStore.HandedOffSql("@fila_entregue") + ";" : "")}
        COMMIT;
        """;
    }

    public Task SetHumanControlAsync(NpgsqlTransaction tx, Guid conversaId, string reason, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET controlled_by = 'human', escalation_reason = @reason WHERE id = @conversaId",
            new { conversaId, reason }, tx, cancellationToken: ct));

    public Task SetStageAsync(NpgsqlTransaction tx, Guid conversaId, string stage, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET stage = @stage WHERE id = @conversaId", new { conversaId, stage }, tx, cancellationToken: ct));

    /// <summary>The doctor's open (active/paused) conversation, if he has one; none is created.</summary>
    public Task<Guid?> OpenIdAsync(NpgsqlTransaction tx, Guid medicoId, CancellationToken ct) =>
        tx.Connection!.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(
            "SELECT id FROM conversations WHERE medico_id = @medicoId AND status IN ('active', 'paused')", new { medicoId }, tx, cancellationToken: ct));

    /// <summary>What a handoff records of its conversation: how many messages, how long, and the doctor's latest message.</summary>
    public Task<ConversationTotals> TotalsAsync(NpgsqlTransaction tx, Guid conversaId, CancellationToken ct) =>
        tx.Connection!.QuerySingleAsync<ConversationTotals>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM interacoes WHERE conversa_id = @conversaId)::int AS TotalInteractions,
                   (EXTRACT(EPOCH FROM now() - c.created_at) / 60)::int AS DurationMinutes,
                   (SELECT left(COALESCE(NULLIF(i.midia->>'caption', ''), i.conteudo), 1000) FROM interacoes i
                    WHERE i.conversa_id = @conversaId AND i.direcao = 'entrada' ORDER BY i.created_at DESC LIMIT 1) AS LatestInbound
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

    /// <summary>
    /// The history query; inbound rows matching <paramref name="excludedInbound"/> belong to the turn, not to the history.
    /// Each line is cut at <see cref="HistoryLineChars"/>: a staff message in Chatwoot has no length limit, and one of a
    /// million characters made every later turn of the conversation a request the model refused (docs/decisions.md#agent).
    /// </summary>
    internal const int HistoryLineChars = 4000;

    static string HistorySql(string excludedInbound) => HistoryWhereSql($"NOT (direcao = 'entrada' AND ({excludedInbound}))");

    /// <summary>
    /// The history a turn had whose first message is the row (@at, @id) — every row of the doctor before it, as
    /// <see cref="BeginTurnAsync"/> reads the history (`julia avaliar-prompt` replays recorded turns with it; read only).
    /// Parameters @medicoId, @at (its created_at), @id, @limit; rows as <see cref="ConversationLine"/>.
    /// </summary>
    public static string HistoryBeforeSql => historyBeforeSql ??= HistoryWhereSql("(created_at, id) < (@at, @id)");

    static string? historyBeforeSql;

    static string HistoryWhereSql(string condition) => $"""
        SELECT direcao AS Direction, autor_tipo AS AuthorType,
               CASE WHEN length(conteudo) > {HistoryLineChars} THEN left(conteudo, {HistoryLineChars}) || ' [...]' ELSE conteudo END AS Content,
               {Agent.AgentTurn.OfferedSql} AS Offered FROM (
            SELECT direcao, autor_tipo, conteudo, llm, created_at, id FROM interacoes
            WHERE medico_id = @medicoId AND conteudo IS NOT NULL
              AND {condition}
            ORDER BY created_at DESC, id DESC LIMIT @limit) recent
        ORDER BY created_at, id
        """;

    /// <summary>
    /// The columns of an inbound row as <see cref="PendingInbound"/> reads them (kind, text, caption, when, quote, late
    /// delivery, cut tail), for a query over `interacoes`: the turn's own read and the replay's (`julia avaliar-prompt`).
    /// </summary>
    public const string InboundColumns = $"""
        id AS Id, tipo AS Kind, conteudo AS Content, midia->>'caption' AS Caption, created_at AS CreatedAtUtc,
        provider_message_id AS ProviderMessageId, remote_jid AS RemoteJid, midia->>'citacao' AS Quoted,
        (midia->>'{InboundStore.WrittenAtKey}')::timestamptz AS WrittenLateUtc, midia->>'{InboundStore.CutTailKey}' AS CutTail
        """;

    /// <summary>A conversation by id, with who controls it and its Chatwoot ids.</summary>
    public async Task<ConversationRef?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<ConversationRef>(new CommandDefinition(
            $"SELECT {RefColumns} FROM conversations WHERE id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>The conversation mapped to a Chatwoot conversation: the open one first, else the newest.</summary>
    public async Task<ConversationRef?> FindByChatwootAsync(string chatwootConversationId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<ConversationRef>(new CommandDefinition($"""
            SELECT {RefColumns} FROM conversations WHERE chatwoot_conversation_id = @chatwootConversationId
            ORDER BY (status IN ('active', 'paused')) DESC, created_at DESC LIMIT 1
            """, new { chatwootConversationId }, cancellationToken: ct));
    }

    /// <summary>The doctor's open conversation, else his newest one.</summary>
    public async Task<ConversationRef?> FindLatestOfDoctorAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<ConversationRef>(new CommandDefinition($"""
            SELECT {RefColumns} FROM conversations WHERE medico_id = @medicoId
            ORDER BY (status IN ('active', 'paused')) DESC, created_at DESC LIMIT 1
            """, new { medicoId }, cancellationToken: ct));
    }

    /// <summary>
    /// Staff take up a doctor whose conversation with Júlia finished while its Chatwoot conversation stayed open (closed
    /// after 7 idle days, by an opt-out, or resolved long ago): his open conversation — a new one on the same Chatwoot
    /// conversation when he has none (docs/decisions.md#handoff). Null when <paramref name="finished"/> ended less than
    /// <paramref name="settling"/> ago (a staff goodbye processed after the resolve) and he has no open conversation —
    /// unless nothing can be such a goodbye: the doctor's opt-out ended it (no resolve to race), or the message was
    /// written (<paramref name="writtenAt"/>, Chatwoot's clock) more than <see cref="WrittenAfterEndSkew"/> after the end
    /// (a recruiter who resolved by mistake, reopened and wrote again; docs/decisions.md#handoff).
    /// Two statements: a concurrent webhook's new conversation, committed while this insert waited, is read by the second.
    /// </summary>
    public async Task<ConversationRef?> ReopenForStaffAsync(NpgsqlTransaction tx, ConversationRef finished, TimeSpan settling, CancellationToken ct,
        DateTimeOffset? writtenAt = null)
    {
        await tx.Connection!.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO conversations (medico_id, chatwoot_conversation_id, chatwoot_contact_id)
            SELECT f.medico_id, f.chatwoot_conversation_id, f.chatwoot_contact_id FROM conversations f
            WHERE f.id = @id AND f.status NOT IN ('active', 'paused')
              AND (COALESCE(f.completed_at, f.updated_at) <= now() - @settling
                   OR @writtenAt::timestamptz > COALESCE(f.completed_at, f.updated_at) + @skew
                   OR {EndedByOptOut})
              AND NOT {Erased}
            ON CONFLICT (medico_id) WHERE status IN ('active', 'paused') DO NOTHING
            """, new { id = finished.Id, medicoId = finished.MedicoId, settling, writtenAt, skew = WrittenAfterEndSkew }, tx, cancellationToken: ct));
        return await OpenRefAsync(tx.Connection!, tx, finished.MedicoId, ct);
    }

    /// <summary>Whether the doctor asked for no more messages (`medicos.opted_out`), read in the caller's transaction.</summary>
    public Task<bool> DoctorOptedOutAsync(NpgsqlTransaction tx, Guid medicoId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT COALESCE((SELECT opted_out FROM medicos WHERE id = @medicoId), false)", new { medicoId }, tx, cancellationToken: ct));

    /// <summary>How far Chatwoot's clock may be ahead of Júlia's before a staff message reads as written after an end.</summary>
    public static readonly TimeSpan WrittenAfterEndSkew = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The finished conversation <c>f</c> was ended by the doctor's opt-out: its person's handoff resolved by it, or Júlia's
    /// confirmation queued in it (TurnOutcomes, the same transaction that completed it).
    /// </summary>
    const string EndedByOptOut = """
        (EXISTS (SELECT 1 FROM handoffs h WHERE h.conversa_id = f.id AND h.resolvido_por = 'opt_out')
         OR EXISTS (SELECT 1 FROM fila_mensagens q WHERE q.medico_id = f.medico_id AND q.conversa_id = f.id
                    AND q.tipo = 'sistema' AND q.metadata->>'tipo_sistema' = 'confirmacao_opt_out'))
        """;

    /// <summary>
    /// A doctor staff write to (or label `humano`) in Chatwoot who never had a conversation with Júlia (an imported doctor
    /// the recruiter contacted first): his open conversation, created on that Chatwoot conversation (docs/decisions.md#handoff).
    /// </summary>
    public async Task<ConversationRef?> OpenForStaffAsync(Guid medicoId, string chatwootConversationId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition($"""
            INSERT INTO conversations (medico_id, chatwoot_conversation_id) SELECT @medicoId, @chatwootConversationId
            WHERE NOT {Erased}
            ON CONFLICT (medico_id) WHERE status IN ('active', 'paused') DO NOTHING
            """, new { medicoId, chatwootConversationId }, cancellationToken: ct));
        return await OpenRefAsync(c, null, medicoId, ct);
    }

    /// <summary>The doctor's open conversation, read in its own statement (it sees one a concurrent insert committed).</summary>
    static Task<ConversationRef?> OpenRefAsync(NpgsqlConnection c, NpgsqlTransaction? tx, Guid medicoId, CancellationToken ct) =>
        c.QueryFirstOrDefaultAsync<ConversationRef>(new CommandDefinition(
            $"SELECT {RefColumns} FROM conversations WHERE id = {OpenConversationOf}", new { medicoId }, tx, cancellationToken: ct));

    /// <summary>Remembers where this conversation lives in Chatwoot.</summary>
    public async Task SetChatwootAsync(Guid id, string chatwootConversationId, string? chatwootContactId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET chatwoot_conversation_id = @chatwootConversationId,
                   chatwoot_contact_id = COALESCE(@chatwootContactId, chatwoot_contact_id)
            WHERE id = @id
            """, new { id, chatwootConversationId, chatwootContactId }, cancellationToken: ct));
    }

    /// <summary>
    /// Forgets the Chatwoot conversation stored for this conversation when it is still <paramref name="gone"/> (Chatwoot
    /// answered 404: deleted there), so the next delivery maps it again; false when another id was stored meanwhile.
    /// </summary>
    public async Task<bool> ForgetChatwootAsync(Guid id, string gone, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition(
            "UPDATE conversations SET chatwoot_conversation_id = NULL WHERE id = @id AND chatwoot_conversation_id = @gone",
            new { id, gone }, cancellationToken: ct)) > 0;
    }

    /// <summary>Back with Júlia: controlled_by='ai', escalation cleared; `completed` too when the staff closed it.</summary>
    public Task<int> SetAiControlAsync(NpgsqlTransaction tx, Guid conversaId, bool complete, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET controlled_by = 'ai', escalation_reason = NULL,
                   status = CASE WHEN @complete AND status IN ('active', 'paused') THEN 'completed' ELSE status END,
                   completed_at = CASE WHEN @complete AND status IN ('active', 'paused') THEN now() ELSE completed_at END
            WHERE id = @conversaId
            """, new { conversaId, complete }, tx, cancellationToken: ct));

    /// <summary>A staff member's message to the doctor (autor_tipo='humano'); returns its interacoes id.</summary>
    /// <summary>
    /// Stores a staff message; null when Chatwoot delivered this one again (its <paramref name="chatwootMessageId"/>, text
    /// and conversation already stored, migration 0010): the caller rolls back.
    /// </summary>
    public Task<long?> InsertStaffMessageAsync(NpgsqlTransaction tx, Guid conversaId, Guid medicoId, string text, string origin,
        long? chatwootMessageId, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<long?>(new CommandDefinition("""
            WITH touched AS (UPDATE conversations SET last_outbound_at = now(), last_message_at = now() WHERE id = @conversaId RETURNING id)
            INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, chatwoot_message_id)
            VALUES (@medicoId, @conversaId, 'saida', 'texto', 'humano', @origin, @text, @chatwootMessageId)
            ON CONFLICT (chatwoot_message_id, conversa_id, md5(conteudo)) WHERE chatwoot_message_id IS NOT NULL DO NOTHING
            RETURNING id
            """, new { conversaId, medicoId, text, origin, chatwootMessageId }, tx, cancellationToken: ct));

    /// <summary>What a staff message deleted in Chatwoot becomes in the conversation's history.</summary>
    public const string WithdrawnStaffMessage = "[mensagem apagada pela equipe]";

    /// <summary>A staff message deleted in Chatwoot: its text leaves the history the agent reads; returns the rows changed.</summary>
    public async Task<long[]> WithdrawStaffMessageAsync(NpgsqlTransaction tx, Guid conversaId, long chatwootMessageId, CancellationToken ct) =>
        [.. await tx.Connection!.QueryAsync<long>(new CommandDefinition($"""
            UPDATE interacoes SET conteudo = '{WithdrawnStaffMessage}'
            WHERE conversa_id = @conversaId AND chatwoot_message_id = @chatwootMessageId AND autor_tipo = 'humano'
              AND conteudo IS DISTINCT FROM '{WithdrawnStaffMessage}'
            RETURNING id
            """, new { conversaId, chatwootMessageId }, tx, cancellationToken: ct))];

    /// <summary>Was this provider message id one of Júlia's sends (an echo of a mirror, not a person)?</summary>
    public async Task<bool> IsOurOutboundAsync(string providerMessageId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM interacoes WHERE direcao = 'saida' AND provider_message_id = @providerMessageId)
            """, new { providerMessageId }, cancellationToken: ct));
    }

    /// <summary>Queue metadata naming the interacoes row a staff message was stored as (it is not recorded again when sent).</summary>
    public const string StaffMessageKey = "interacao_id";

    /// <summary>
    /// Statements recording messages that went out (from a relation shaped like Queue's sent batch): one outbound
    /// interacoes row each — in the doctor's open conversation when the row names none — and the conversations'
    /// last outbound time; a reply's row carries `tempo_resposta_ms`, from the first doctor message its turn answered to its
    /// going out (every chunk of the reply, each its own). A send that was already on its way when the doctor was erased is counted without its text or
    /// address (docs/decisions.md#lgpd): the erasure's second pass may have run before this mark.
    /// </summary>
    public static string RecordOutboundSql(string sent) => $"""
        INSERT INTO interacoes (medico_id, conversa_id, direcao, tipo, autor_tipo, origem, conteudo, provider_message_id, remote_jid, llm,
                                tempo_resposta_ms)
        SELECT s.medico_id,
               COALESCE(s.conversa_id, (SELECT c.id FROM conversations c WHERE c.medico_id = s.medico_id AND c.status IN ('active', 'paused'))),
               'saida', 'texto', CASE s.tipo WHEN 'sistema' THEN 'sistema' ELSE 'julia' END, 'fila:' || s.tipo,
               CASE WHEN m.apagado_em IS NULL THEN s.conteudo END, s.provider_message_id,
               CASE WHEN m.apagado_em IS NULL THEN s.remote_jid END, s.llm::jsonb,
               -- A reply's time: from the first doctor message its turn answers to this message going out.
               CASE WHEN s.tipo = 'resposta' AND s.metadata ? 'turno_de' THEN
                   (SELECT LEAST(2147483647, GREATEST(0, floor(extract(epoch FROM now() - e.created_at) * 1000)))::int
                    FROM interacoes e WHERE e.id = (s.metadata->>'turno_de')::bigint) END
        FROM {sent} s JOIN medicos m ON m.id = s.medico_id WHERE NOT (s.metadata ? '{StaffMessageKey}');
        UPDATE interacoes i SET provider_message_id = s.provider_message_id, remote_jid = CASE WHEN m.apagado_em IS NULL THEN s.remote_jid END
        FROM {sent} s JOIN medicos m ON m.id = s.medico_id
        WHERE s.metadata ? '{StaffMessageKey}' AND i.id = (s.metadata->>'{StaffMessageKey}')::bigint;
        UPDATE conversations SET last_outbound_at = now(), last_message_at = now()
        WHERE id IN (SELECT conversa_id FROM {sent} s WHERE conversa_id IS NOT NULL)
        """;

    /// <summary>
    /// A statement: follow-ups went out in the conversations of <paramref name="followUps"/> (a relation with conversa_id
    /// and step `fu1`/`fu2`/`fu3`) — stage followup_1_enviado / followup_2_enviado; after `fu3` nao_respondeu, paused for
    /// 60 days. <paramref name="stampOutbound"/>: also the conversation's last outbound time — for a follow-up whose send
    /// has an unknown outcome, which counts as sent but was never recorded as a sent message.
    /// </summary>
    public static string FollowedUpSql(string followUps, bool stampOutbound = false) => $"""
        UPDATE conversations c SET
            {(stampOutbound ? "last_outbound_at = now()," : "")}
            stage = CASE s.step WHEN 'fu1' THEN 'followup_1_enviado' WHEN 'fu2' THEN 'followup_2_enviado' ELSE 'nao_respondeu' END,
            status = CASE WHEN s.step = 'fu3' THEN 'paused' ELSE c.status END,
            pausado_ate = CASE WHEN s.step = 'fu3' THEN now() + interval '60 days' ELSE c.pausado_ate END
        FROM {followUps} s WHERE c.id = s.conversa_id
        """;

    /// <summary>
    /// Statements: a campaign's opening went out to the doctors of <paramref name="openings"/> (a relation with medico_id,
    /// campanha_id and answer_basis) — the open conversation (created when missing) gets stage msg_enviada and the
    /// campaign, and is active again if it was paused after the last follow-up (so the follow-ups of this opening apply);
    /// the doctor's outbound rows with no conversation are tied to it. The conversation keeps the campaign that opened it
    /// (its follow-ups count for that one) unless that campaign's cadence was over — paused after the last follow-up, or
    /// reactivated `recontato` — and this opening starts a new one: then it is this campaign's, as its funnel counts it
    /// (docs/decisions.md#proactive, "A reactivation campaign").
    /// A doctor who wrote after answer_basis (during the send's HTTP call, past its re-checks) already answered: his
    /// stage is left as his answer made it (a new conversation starts `respondeu`), so the result is the same whichever
    /// of the two lands first, and no follow-up nudges a doctor who answered (docs/decisions.md#proactive).
    /// </summary>
    public static string OpenedByCampaignSql(string openings) => $"""
        INSERT INTO conversations (medico_id, stage, campanha_id, last_outbound_at, last_message_at)
        SELECT DISTINCT ON (o.medico_id) o.medico_id,
               CASE WHEN {DoctorStore.AnsweredSince("o")} THEN 'respondeu' ELSE 'msg_enviada' END, o.campanha_id, now(), now()
        FROM {openings} o
        ON CONFLICT (medico_id) WHERE status IN ('active', 'paused')
        DO UPDATE SET stage = CASE WHEN EXCLUDED.stage = 'msg_enviada' THEN 'msg_enviada' ELSE conversations.stage END,
                      campanha_id = CASE WHEN conversations.status = 'paused' OR conversations.stage IN ('recontato', 'nao_respondeu')
                                         THEN EXCLUDED.campanha_id ELSE COALESCE(conversations.campanha_id, EXCLUDED.campanha_id) END,
                      last_outbound_at = now(), last_message_at = now(), status = 'active', pausado_ate = NULL;
        UPDATE interacoes i SET conversa_id = (SELECT c.id FROM conversations c WHERE c.medico_id = i.medico_id AND c.status IN ('active', 'paused'))
        WHERE i.medico_id IN (SELECT medico_id FROM {openings} o) AND i.direcao = 'saida' AND i.conversa_id IS NULL
        """;

    public NpgsqlDataSource DataSource => db;
}

internal sealed record ConversationTotals(int TotalInteractions, int DurationMinutes, string? LatestInbound);

/// <summary>
/// One line of a conversation's history: direcao, autor_tipo and conteudo of an interacoes row, and for a reply of the
/// agent the shifts it offered (`llm->'vagas_oferecidas'`, a JSON array of ids) — the next turn may reserve them.
/// </summary>
internal sealed record ConversationLine(string Direction, string? AuthorType, string Content, string? Offered = null);

/// <summary>A conversation as staff tools see it: whose, its state, who controls it, where it is in Chatwoot.</summary>
internal sealed record ConversationRef(Guid Id, Guid MedicoId, string Status, string ControlledBy, string? ChatwootConversationId, string? ChatwootContactId)
{
    public bool HumanControlled => ControlledBy == "human";

    /// <summary>`active` or `paused`: the doctor's one open conversation.</summary>
    public bool IsOpen => Status is "active" or "paused";
}
