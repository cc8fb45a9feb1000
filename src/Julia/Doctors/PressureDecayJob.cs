using Dapper;
using Julia.Jobs;
using Npgsql;

namespace Julia.Doctors;

/// <summary>`pressao` — daily 00:30: pressure score −5 for doctors not contacted in the last day (docs/decisions.md#proactive).</summary>
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
