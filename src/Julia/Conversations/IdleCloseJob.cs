using Julia.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// `encerramento` — daily 01:00: conversations idle for 7 days close (docs/decisions.md#data-model): `abandoned` when
/// they were a re-contact nobody answered, `completed` when the doctor had written at least once. Conversations a
/// person controls, or with a pending reply, stay open; paused ones already closed themselves after the last follow-up.
/// </summary>
internal sealed class IdleCloseJob(NpgsqlDataSource db, IOptions<ConversationsOptions> options) : IJob
{
    public string Name => "encerramento";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(1, 0));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            WITH idle AS (
                SELECT id, stage, last_inbound_at FROM conversations c
                WHERE c.status = 'active' AND c.controlled_by = 'ai'
                  AND COALESCE(c.last_message_at, c.created_at) < now() - make_interval(days => @days)
                  AND NOT EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = c.medico_id AND i.conversa_id = c.id AND i.direcao = 'entrada' AND i.processado_em IS NULL)
                FOR UPDATE SKIP LOCKED),
            closed AS (
                UPDATE conversations c SET
                    status = CASE WHEN i.stage = 'recontato' THEN 'abandoned' ELSE 'completed' END, completed_at = now()
                FROM idle i WHERE c.id = i.id AND (i.stage = 'recontato' OR i.last_inbound_at IS NOT NULL)
                RETURNING c.status)
            SELECT count(*) FILTER (WHERE status = 'completed'), count(*) FILTER (WHERE status = 'abandoned') FROM closed
            """, c);
        cmd.Parameters.AddWithValue("days", options.Value.IdleCloseDays);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return $"{reader.GetInt64(0)} conversas encerradas (completed), {reader.GetInt64(1)} abandonadas";
    }
}
