using System.Text.Json;
using Dapper;
using Npgsql;

namespace Julia.Handoffs;

/// <summary>SQL on handoffs: at most one open (pendente/em_atendimento) handoff per conversation, by a partial unique index.</summary>
internal sealed class HandoffStore(NpgsqlDataSource db)
{
    /// <summary>A handoff with the doctor and the conversation's Chatwoot id, as notices and the admin API show it.</summary>
    const string NoticeSelect = """
        SELECT h.id AS HandoffId, h.conversa_id AS ConversationId, h.medico_id AS DoctorId,
               NULLIF(concat_ws(' ', m.titulo, m.primeiro_nome, m.sobrenome), '') AS DoctorName, m.telefone AS Phone,
               h.trigger_type AS TriggerType, h.motivo AS Reason, h.metadata->>'ultima_mensagem' AS LastMessage, h.status AS Status,
               h.created_at AS CreatedAt, h.resolvido_em AS ResolvedAt, h.resolvido_por AS ResolvedBy, h.notas AS Notes,
               c.chatwoot_conversation_id AS ChatwootConversationId,
               latest.texto AS LatestMessage, latest.created_at AS LatestMessageAt, m.opted_out AS DoctorOptedOut
        FROM handoffs h JOIN medicos m ON m.id = h.medico_id JOIN conversations c ON c.id = h.conversa_id
        LEFT JOIN LATERAL (SELECT left(i.conteudo, 200) AS texto, i.created_at FROM interacoes i
                           WHERE i.medico_id = h.medico_id AND i.direcao = 'entrada' AND i.created_at > h.created_at
                           ORDER BY i.created_at DESC LIMIT 1) latest ON true
        """;

    public async Task<HandoffNotice?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryFirstOrDefaultAsync<NoticeRow>(new CommandDefinition($"{NoticeSelect} WHERE h.id = @id", new { id }, cancellationToken: ct)))?.ToNotice();
    }

    /// <summary>Newest first, optionally by status (the runbook's "Handoffs pendentes").</summary>
    public async Task<IReadOnlyList<HandoffNotice>> ListAsync(string? status, int limit, CancellationToken ct, int offset = 0)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. (await c.QueryAsync<NoticeRow>(new CommandDefinition($"""
            {NoticeSelect} WHERE (@status::text IS NULL OR h.status = @status) ORDER BY h.created_at DESC, h.id LIMIT @limit OFFSET @offset
            """, new { status, limit, offset }, cancellationToken: ct))).Select(r => r.ToNotice())];
    }

    /// <summary>
    /// `pendente` handoffs of open conversations created before <paramref name="createdBefore"/> — strictly: "older than"
    /// 30 min is not 30:00 itself (the Slack reminder) — newest first: the ones just past the age are those not reminded
    /// yet, and 200 older ones must not hide them.
    /// </summary>
    public async Task<IReadOnlyList<HandoffNotice>> PendingCreatedBeforeAsync(DateTimeOffset createdBefore, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. (await c.QueryAsync<NoticeRow>(new CommandDefinition($"""
            {NoticeSelect} WHERE h.status = 'pendente' AND h.created_at < @createdBefore AND c.status IN ('active', 'paused')
            ORDER BY h.created_at DESC LIMIT 200
            """, new { createdBefore = createdBefore.UtcDateTime }, cancellationToken: ct))).Select(r => r.ToNotice())];
    }

    /// <summary>
    /// Conversations that finished with a handoff still open — left by versions before 2026-12-03 (an opt-out under human
    /// control, the label `humano` on a closed conversation): nothing else ever resolves them (docs/decisions.md#handoff).
    /// </summary>
    public async Task<IReadOnlyList<Guid>> OpenOnFinishedConversationsAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT h.conversa_id FROM handoffs h JOIN conversations c ON c.id = h.conversa_id
            WHERE h.status IN ('pendente', 'em_atendimento') AND c.status NOT IN ('active', 'paused')
            LIMIT 1000
            """, cancellationToken: ct))];
    }

    /// <summary>
    /// Was a handoff of this doctor resolved on a conversation mapped to this Chatwoot conversation? Chatwoot keeps the
    /// labels on resolve, so a `humano` label there may be left from it (docs/decisions.md#handoff, "genuine Chatwoot payloads").
    /// </summary>
    public async Task<bool> ResolvedInChatwootConversationAsync(Guid medicoId, string chatwootConversationId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM handoffs h JOIN conversations c ON c.id = h.conversa_id
                           WHERE h.medico_id = @medicoId AND h.status = 'resolvido' AND c.chatwoot_conversation_id = @chatwootConversationId)
            """, new { medicoId, chatwootConversationId }, cancellationToken: ct));
    }

    /// <summary>
    /// The label `humano` put on a conversation whose handoff is already open (a trigger's, a recruiter's reply): noted in
    /// that handoff's `metadata.gatilhos_adicionais` as a `manual` trigger, once — Chatwoot dispatches one label change
    /// twice, and a handoff the label itself opened is not noted again (docs/decisions.md#handoff). True when noted now.
    /// </summary>
    public async Task<bool> NoteLabelOnOpenAsync(Guid conversaId, string reason, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteAsync(new CommandDefinition("""
            UPDATE handoffs SET metadata = jsonb_set(metadata, '{gatilhos_adicionais}',
                COALESCE(metadata->'gatilhos_adicionais', '[]'::jsonb)
                || jsonb_build_array(jsonb_build_object('trigger_type', @trigger, 'motivo', @reason, 'em', now())))
            WHERE conversa_id = @conversaId AND status IN ('pendente', 'em_atendimento')
              AND motivo IS DISTINCT FROM @reason
              AND NOT COALESCE(metadata->'gatilhos_adicionais', '[]'::jsonb) @> jsonb_build_array(jsonb_build_object('motivo', @reason))
              AND jsonb_array_length(COALESCE(metadata->'gatilhos_adicionais', '[]'::jsonb)) < @max
            """, new { conversaId, reason, trigger = HandoffTriggers.Manual, max = MaxAppendedTriggers }, cancellationToken: ct)) > 0;
    }

    /// <summary>
    /// The doctor's other conversations mapped to this Chatwoot conversation that still have an open handoff (one left
    /// open on a conversation that has since finished): a return to Júlia in Chatwoot closes them too.
    /// </summary>
    public async Task<IReadOnlyList<Guid>> OpenOnOtherConversationsAsync(Guid medicoId, string chatwootConversationId, Guid except, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<Guid>(new CommandDefinition("""
            SELECT DISTINCT h.conversa_id FROM handoffs h JOIN conversations c ON c.id = h.conversa_id
            WHERE h.medico_id = @medicoId AND c.chatwoot_conversation_id = @chatwootConversationId AND h.conversa_id <> @except
              AND h.status IN ('pendente', 'em_atendimento')
            """, new { medicoId, chatwootConversationId, except }, cancellationToken: ct))];
    }

    /// <summary>
    /// What a Chatwoot resolve would give back on conversation <paramref name="conversaId"/> began at — its oldest open
    /// handoff, else the conversation itself — when something in that Chatwoot conversation already ended before (another
    /// conversation of the doctor's on it finished, or a handoff on it was resolved), so that an older resolve may be about
    /// that ending. Null when nothing ended there: the resolve is the first, and acts (docs/decisions.md#handoff, "A
    /// resolve delivered again").
    /// </summary>
    public async Task<DateTimeOffset?> StartAfterAnEndingAsync(Guid conversaId, string chatwootConversationId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var start = await c.ExecuteScalarAsync<DateTime?>(new CommandDefinition("""
            SELECT COALESCE((SELECT min(h.created_at) FROM handoffs h WHERE h.conversa_id = c.id AND h.status IN ('pendente', 'em_atendimento')),
                            c.created_at)
            FROM conversations c
            WHERE c.id = @conversaId
              AND (EXISTS (SELECT 1 FROM conversations f WHERE f.medico_id = c.medico_id AND f.id <> c.id
                             AND f.chatwoot_conversation_id = @chatwootConversationId AND f.status NOT IN ('active', 'paused'))
                   OR EXISTS (SELECT 1 FROM handoffs h JOIN conversations hc ON hc.id = h.conversa_id
                              WHERE h.medico_id = c.medico_id AND h.status = 'resolvido' AND hc.chatwoot_conversation_id = @chatwootConversationId))
            """, new { conversaId, chatwootConversationId }, cancellationToken: ct));
        return start is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    /// <summary>The Slack notice of this handoff went out.</summary>
    public async Task MarkSlackNotifiedAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await c.ExecuteAsync(new CommandDefinition(
            "UPDATE handoffs SET slack_notificado_em = COALESCE(slack_notificado_em, now()) WHERE id = @id", new { id }, cancellationToken: ct));
    }

    public Task<HandoffResolved?> ResolveOpenAsync(NpgsqlTransaction tx, Guid conversaId, string? resolvedBy, string? notes, CancellationToken ct) =>
        tx.Connection!.QueryFirstOrDefaultAsync<HandoffResolved>(new CommandDefinition("""
            UPDATE handoffs SET status = 'resolvido', resolvido_em = now(), resolvido_por = @resolvedBy,
                   notas = COALESCE(@notes, notas)
            WHERE conversa_id = @conversaId AND status IN ('pendente', 'em_atendimento')
            RETURNING id AS HandoffId, conversa_id AS ConversationId, medico_id AS DoctorId, trigger_type AS TriggerType,
                      resolvido_por AS ResolvedBy, notas AS Notes
            """, new { conversaId, resolvedBy, notes }, tx, cancellationToken: ct));

    public Task<Guid?> MarkInServiceAsync(NpgsqlTransaction tx, Guid conversaId, CancellationToken ct) =>
        tx.Connection!.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition("""
            UPDATE handoffs SET status = 'em_atendimento' WHERE conversa_id = @conversaId AND status = 'pendente' RETURNING id
            """, new { conversaId }, tx, cancellationToken: ct));

    /// <summary>How many later triggers one handoff keeps: a doctor venting in forty messages must not grow one row without end.</summary>
    public const int MaxAppendedTriggers = 50;

    /// <summary>
    /// Appends a trigger to the conversation's open handoff (`metadata.gatilhos_adicionais`) and nothing else; the open
    /// handoff's id, or null when none is open or it already holds <see cref="MaxAppendedTriggers"/>.
    /// </summary>
    public Task<Guid?> AppendTriggerAsync(NpgsqlTransaction tx, Guid conversaId, string triggerType, string reason, CancellationToken ct) =>
        tx.Connection!.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition("""
            UPDATE handoffs SET metadata = jsonb_set(metadata, '{gatilhos_adicionais}',
                COALESCE(metadata->'gatilhos_adicionais', '[]'::jsonb)
                || jsonb_build_array(jsonb_build_object('trigger_type', @triggerType, 'motivo', @reason, 'em', now())))
            WHERE conversa_id = @conversaId AND status IN ('pendente', 'em_atendimento')
              AND jsonb_array_length(COALESCE(metadata->'gatilhos_adicionais', '[]'::jsonb)) < @max
            RETURNING id
            """, new { conversaId, triggerType, reason, max = MaxAppendedTriggers }, tx, cancellationToken: ct));

    /// <summary>Inserts a pendente handoff, or appends the trigger to the open one. Returns its id and whether it is new.</summary>
    public async Task<(Guid Id, bool Created)> OpenAsync(NpgsqlTransaction tx, HandoffRequest request, object metadata, CancellationToken ct)
    {
        var c = tx.Connection!;
        var created = await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition("""
            INSERT INTO handoffs (conversa_id, medico_id, trigger_type, motivo, status, from_controller, to_controller, metadata)
            VALUES (@ConversaId, @MedicoId, @TriggerType, @Reason, 'pendente', 'ai', 'human', @metadata::jsonb)
            ON CONFLICT (conversa_id) WHERE status IN ('pendente', 'em_atendimento') DO NOTHING
            RETURNING id
            """, new { request.ConversaId, request.MedicoId, request.TriggerType, request.Reason, metadata = JsonSerializer.Serialize(metadata) },
            tx, cancellationToken: ct));
        if (created is { } id) return (id, true);

        var existing = await c.QuerySingleAsync<Guid>(new CommandDefinition("""
            UPDATE handoffs SET metadata = jsonb_set(metadata, '{gatilhos_adicionais}',
                COALESCE(metadata->'gatilhos_adicionais', '[]'::jsonb)
                || jsonb_build_array(jsonb_build_object('trigger_type', @TriggerType, 'motivo', @Reason, 'em', now())))
            WHERE conversa_id = @ConversaId AND status IN ('pendente', 'em_atendimento')
            RETURNING id
            """, new { request.ConversaId, request.TriggerType, request.Reason }, tx, cancellationToken: ct));
        return (existing, false);
    }
}

/// <summary>Npgsql reads timestamptz as UTC DateTime: the row as read, then the notice.</summary>
internal sealed record NoticeRow(
    Guid HandoffId, Guid ConversationId, Guid DoctorId, string? DoctorName, string? Phone, string TriggerType, string? Reason,
    string? LastMessage, string Status, DateTime CreatedAt, DateTime? ResolvedAt, string? ResolvedBy, string? Notes, string? ChatwootConversationId,
    string? LatestMessage, DateTime? LatestMessageAt, bool DoctorOptedOut)
{
    static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));

    public HandoffNotice ToNotice() => new(HandoffId, ConversationId, DoctorId, DoctorName, Phone, TriggerType, Reason, LastMessage, Status,
        Utc(CreatedAt), ResolvedAt is { } r ? Utc(r) : null, ResolvedBy, Notes, ChatwootConversationId,
        LatestMessage, LatestMessageAt is { } l ? Utc(l) : null, DoctorOptedOut);
}

/// <summary>Why and for whom a conversation goes to a person, with the conversation's size so far (kept in metadata).</summary>
internal sealed record HandoffRequest(
    Guid ConversaId, Guid MedicoId, string TriggerType, string Reason, string? TriggerMessage, int TotalInteractions, int ConversationMinutes,
    bool SendTransition = true, string? LatestMessage = null);
