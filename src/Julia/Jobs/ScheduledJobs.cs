using Dapper;
using Julia.Queue;
using Npgsql;

namespace Julia.Jobs;

/// <summary>`fila-recuperacao` — every minute: stuck `processando` rows (SPEC §6).</summary>
internal sealed class QueueRecoveryJob(QueueRecovery recovery) : IJob
{
    public string Name => "fila-recuperacao";
    public JobSchedule Schedule => new(Every: TimeSpan.FromMinutes(1));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        var (returned, unknown) = await recovery.RunOnceAsync(ct);
        return $"{returned} de volta a pendente, {unknown} em erro (resultado_desconhecido)";
    }
}

/// <summary>`pausas` — daily 06:00: paused conversations whose pausado_ate passed become active, stage recontato (SPEC §7).</summary>
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

/// <summary>`pressao` — daily 00:30: pressure score −5 for doctors not contacted in the last day (SPEC §7).</summary>
internal sealed class PressureDecayJob(NpgsqlDataSource db) : IJob
{
    public string Name => "pressao";
    public JobSchedule Schedule => new(DailyAt: new TimeOnly(0, 30));

    public async Task<string> RunAsync(CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var n = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE medicos m SET pressure_score = GREATEST(0, pressure_score - 5)
            WHERE pressure_score > 0
              AND NOT EXISTS (SELECT 1 FROM fila_mensagens f WHERE f.medico_id = m.id AND f.status = 'enviada'
                              AND f.tipo IN ('followup', 'campanha', 'lembrete_solicitado') AND f.enviada_em > now() - interval '1 day')
            """, cancellationToken: ct));
        return $"{n} médicos com pressão reduzida";
    }
}
