using Julia.Jobs;
using Npgsql;

namespace Julia.Doctors;

/// <summary>`pressao` — daily 00:30: pressure score −5 for doctors not contacted in the last day (docs/decisions.md#proactive).</summary>
internal sealed class PressureDecayJob(NpgsqlDataSource db) : SqlJob(db)
{
    public override string Name => "pressao";
    public override JobSchedule Schedule => new(DailyAt: new TimeOnly(0, 30));
    protected override string Describe(int rows) => $"{Infrastructure.Text.PtBrCount.Of(rows, "médico", "médicos")} com pressão reduzida";

    protected override string Sql => """
        UPDATE medicos m SET pressure_score = GREATEST(0, pressure_score - 5)
        WHERE pressure_score > 0
          AND NOT EXISTS (SELECT 1 FROM fila_mensagens f WHERE f.medico_id = m.id AND f.status = 'enviada'
                          AND f.tipo IN ('followup', 'campanha', 'lembrete_solicitado') AND f.enviada_em > now() - interval '1 day')
        """;
}
