using Dapper;
using Julia.Jobs;
using Npgsql;

namespace Julia.Conversations;

/// <summary>`pausas` — daily 06:00: paused conversations whose pausado_ate passed become active, stage recontato (docs/decisions.md#proactive).</summary>
internal sealed class PauseExpiryJob(NpgsqlDataSource db) : IJob
{
    public string Name => "pausas";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(6, 0));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var n = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE conversations SET status = 'active', stage = 'recontato', pausado_ate = NULL
            WHERE status = 'paused' AND pausado_ate <= now()
              AND NOT EXISTS (SELECT 1 FROM conversations o WHERE o.medico_id = conversations.medico_id AND o.status = 'active')
            """, cancellationToken: ct));
        return $"{n} conversas reativadas (recontato)";
    }
}
