using System.Text.Json;
using Dapper;
using Npgsql;

namespace Julia.Handoffs;

/// <summary>SQL on handoffs: at most one open (pendente/em_atendimento) handoff per conversation, by a partial unique index.</summary>
internal sealed class HandoffStore
{
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

/// <summary>Why and for whom a conversation goes to a person, with the conversation's size so far (kept in metadata).</summary>
internal sealed record HandoffRequest(
    Guid ConversaId, Guid MedicoId, string TriggerType, string Reason, string? TriggerMessage, int TotalInteractions, int ConversationMinutes,
    bool SendTransition = true);
