using Julia.Handoffs;
using Julia.Infrastructure.Text;
using Julia.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Julia.Conversations;

/// <summary>
/// `encerramento` — daily 01:00: conversations idle for 7 days close (docs/decisions.md#data-model): `abandoned` when
/// they were a re-contact nobody answered (counted from its reactivation, the row's last change, not from the last
/// message before the pause), `completed` when the doctor had written at least once. One a person
/// controls that nobody touched for those 7 days — a forgotten handoff — goes back to Júlia and closes too (its handoff
/// `resolvido` by `encerramento automático`, the staff told as for any resolution): otherwise the doctor was never
/// answered again. A finished conversation with a handoff still open (left by earlier versions) has it resolved the same
/// way. Conversations with a pending reply stay open; paused ones already closed themselves after the last
/// follow-up, and one in the follow-up cadence counts its idle days from when its next step fell due.
/// </summary>
internal sealed class IdleCloseJob(NpgsqlDataSource db, ConversationStore conversations, ConversationControl control, HandoffStore handoffs,
    IOptions<ConversationsOptions> options) : IJob
{
    public const string ResolvedBy = "encerramento automático";

    public string Name => "encerramento";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(1, 0));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var cmd = new NpgsqlCommand($"""
            WITH idle AS (
                SELECT id, stage, last_inbound_at FROM conversations c
                WHERE c.status = 'active' AND c.controlled_by = 'ai'
                  AND CASE WHEN c.stage = 'recontato' THEN GREATEST(COALESCE(c.last_message_at, c.created_at), c.updated_at)
                           -- In the follow-up cadence (a campaign's opening reached a doctor who had written before): idle
                           -- from when its next step fell due (48 h, 5 and 15 days), so the close never comes before a step
                           -- that can still go — it completed these 7 days after FU2, and FU3 was lost (docs/decisions.md#proactive).
                           ELSE COALESCE(c.last_message_at, c.created_at) + COALESCE({FollowUpCadence.IntervalSql("c.stage")}, interval '0')
                      END < now() - make_interval(days => @days)
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
        long completed, abandoned;
        await using (var reader = await cmd.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (completed, abandoned) = (reader.GetInt64(0), reader.GetInt64(1));
        }
        var returned = await ReturnAsync(await ForgottenHandoffsAsync(c, ct),
            $"{PtBrCount.Of(options.Value.IdleCloseDays, "dia", "dias")} sem mensagens do médico nem da equipe", ct);
        var orphans = await ReturnAsync(await handoffs.OpenOnFinishedConversationsAsync(ct), "handoff aberto numa conversa já encerrada", ct);
        return Summary(completed, abandoned, returned, orphans);
    }

    /// <summary>What the run did, each noun agreeing with its count ("1 conversa encerrada", not "1 conversas encerradas").</summary>
    internal static string Summary(long completed, long abandoned, int returned, int orphans) =>
        $"{PtBrCount.Of(completed, "conversa encerrada", "conversas encerradas")} (completed), {PtBrCount.Of(abandoned, "abandonada", "abandonadas")}, " +
        PtBrCount.Of(returned, "com a equipe sem atividade devolvida à Júlia e encerrada", "com a equipe sem atividade devolvidas à Júlia e encerradas") +
        (orphans > 0 ? ", " + PtBrCount.Of(orphans, "handoff aberto de conversa já encerrada resolvido", "handoffs abertos de conversas já encerradas resolvidos") : "");

    async Task<int> ReturnAsync(IEnumerable<Guid> conversationIds, string notes, CancellationToken ct)
    {
        var returned = 0;
        foreach (var id in conversationIds)
            if (await conversations.FindAsync(id, ct) is { } conversation && await control.ReturnToJuliaAsync(conversation, ResolvedBy, notes, complete: true, ct))
                returned++;
        return returned;
    }

    async Task<List<Guid>> ForgottenHandoffsAsync(NpgsqlConnection c, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            SELECT id FROM conversations c
            WHERE c.status = 'active' AND c.controlled_by = 'human'
              AND COALESCE(c.last_message_at, c.created_at) < now() - make_interval(days => @days)
              AND NOT EXISTS (SELECT 1 FROM interacoes i WHERE i.medico_id = c.medico_id AND i.conversa_id = c.id AND i.direcao = 'entrada' AND i.processado_em IS NULL)
            ORDER BY id LIMIT 1000
            """, c);
        cmd.Parameters.AddWithValue("days", options.Value.IdleCloseDays);
        var ids = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) ids.Add(reader.GetGuid(0));
        return ids;
    }
}
