using Julia.Jobs;
using Npgsql;

namespace Julia.Conversations;

/// <summary>`pausas` — daily 06:00: paused conversations whose pausado_ate passed become active, stage recontato (docs/decisions.md#proactive).</summary>
internal sealed class PauseExpiryJob(NpgsqlDataSource db) : SqlJob(db)
{
    public override string Name => "pausas";
    public override JobSchedule Schedule => new(DailyAt: new TimeOnly(6, 0));
    protected override string Describe(int rows) => $"{Infrastructure.Text.PtBrCount.Of(rows, "conversa reativada", "conversas reativadas")} (recontato)";

    protected override string Sql => """
        UPDATE conversations SET status = 'active', stage = 'recontato', pausado_ate = NULL
        WHERE status = 'paused' AND pausado_ate <= now()
          AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.medico_id = conversations.medico_id AND o.status = 'active')
        """;
}
