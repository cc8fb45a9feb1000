using System.Text.Json;
using Dapper;
using Npgsql;

namespace Julia.Queue;

/// <summary>SQL on fila_mensagens. Writes take the caller's transaction so a turn's outcome commits as one unit.</summary>
internal sealed class QueueStore
{
    /// <summary>The agent accounting a reply carries in its metadata, as the jsonb that interacoes.llm stores (NULL when absent).</summary>
    public const string LlmAccounting = """
        CASE WHEN metadata ? 'modelo' AND metadata->>'modelo' IS NOT NULL THEN jsonb_build_object(
            'modelo', metadata->'modelo', 'tokens_entrada', metadata->'tokens_entrada', 'tokens_saida', metadata->'tokens_saida',
            'latencia_llm_ms', metadata->'latencia_llm_ms', 'ferramentas', metadata->'ferramentas')::text END
        """;

    public async Task EnqueueAsync(NpgsqlTransaction tx, IReadOnlyList<NewQueueItem> items, CancellationToken ct)
    {
        if (items.Count == 0) return;
        await tx.Connection!.ExecuteAsync(new CommandDefinition("""
            INSERT INTO fila_mensagens (medico_id, conversa_id, tipo, conteudo, prioridade, agendar_para, lote_id, sequencia, metadata)
            SELECT * FROM unnest(@medicos, @conversas, @tipos, @conteudos, @prioridades, @agendas, @lotes, @sequencias, @metadatas::jsonb[])
            """, new
        {
            medicos = items.Select(i => i.MedicoId).ToArray(),
            conversas = items.Select(i => i.ConversaId).ToArray(),
            tipos = items.Select(i => i.Tipo).ToArray(),
            conteudos = items.Select(i => i.Conteudo).ToArray(),
            prioridades = items.Select(i => i.Prioridade).ToArray(),
            agendas = items.Select(i => i.AgendarPara.UtcDateTime).ToArray(),
            lotes = items.Select(i => i.LoteId).ToArray(),
            sequencias = items.Select(i => i.Sequencia).ToArray(),
            metadatas = items.Select(i => JsonSerializer.Serialize(i.Metadata ?? new Dictionary<string, object?>())).ToArray(),
        }, tx, cancellationToken: ct));
    }

    /// <summary>Pending rows of one conversation and kinds → cancelada with a reason code.</summary>
    public Task<int> CancelPendingAsync(NpgsqlTransaction tx, Guid conversaId, string[] kinds, string reason, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = @reason
            WHERE conversa_id = @conversaId AND status = 'pendente' AND tipo = ANY(@kinds)
            """, new { conversaId, kinds, reason }, tx, cancellationToken: ct));

    /// <summary>Every pending row of a doctor → cancelada (opt-out).</summary>
    public Task<int> CancelAllPendingForDoctorAsync(NpgsqlTransaction tx, Guid medicoId, string reason, CancellationToken ct) =>
        tx.Connection!.ExecuteAsync(new CommandDefinition("""
            UPDATE fila_mensagens SET status = 'cancelada', outcome_reason_code = @reason
            WHERE medico_id = @medicoId AND status = 'pendente'
            """, new { medicoId, reason }, tx, cancellationToken: ct));

    /// <summary>Was a `sistema` message of this kind queued for the conversation since the instant (holding message: once per 30 min)?</summary>
    public Task<bool> HasRecentSystemMessageAsync(NpgsqlTransaction tx, Guid conversaId, string systemKind, DateTimeOffset since, CancellationToken ct) =>
        tx.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM fila_mensagens WHERE conversa_id = @conversaId AND tipo = 'sistema'
                           AND metadata->>'tipo_sistema' = @systemKind AND created_at >= @since AND status <> 'cancelada')
            """, new { conversaId, systemKind, since = since.UtcDateTime }, tx, cancellationToken: ct));

    /// <summary>One pending reminder per conversation: a newer one replaces the older (SPEC §5 agendar_lembrete).</summary>
    public async Task ReplaceReminderAsync(NpgsqlTransaction tx, NewQueueItem reminder, CancellationToken ct)
    {
        await CancelPendingAsync(tx, reminder.ConversaId!.Value, [QueueKinds.Lembrete], "substituido", ct);
        await EnqueueAsync(tx, [reminder], ct);
    }

}
