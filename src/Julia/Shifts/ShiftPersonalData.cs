using System.Text.Json.Nodes;
using Julia.Privacy;
using Npgsql;

namespace Julia.Shifts;

/// <summary>
/// Shifts' part of a data-subject request (docs/decisions.md#lgpd): his reservations (kept, for the shift's history and
/// the counts, without his own words) and the shifts he holds (exported; they keep pointing at the anonymised doctor,
/// so staff see a held shift whose doctor was erased and reassign it).
/// </summary>
internal sealed class ShiftPersonalData : IPersonalDataOwner
{
    public int Order => 60;

    public async Task ExportAsync(NpgsqlConnection c, DataSubject subject, JsonObject tables, CancellationToken ct)
    {
        await PersonalDataSql.AddSectionAsync(c, tables, "reservas_vaga",
            "SELECT * FROM reservas_vaga WHERE medico_id = @medicoId ORDER BY created_at", subject.Id, ct);
        await PersonalDataSql.AddSectionAsync(c, tables, "vagas",
            "SELECT * FROM vagas WHERE medico_id = @medicoId ORDER BY data, hora_inicio", subject.Id, ct);
    }

    public Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct) =>
        PersonalDataSql.CountAsync(tx, counts, "reservas_vaga", """
            UPDATE reservas_vaga SET confirmacao = NULL WHERE medico_id = @medicoId AND confirmacao IS NOT NULL
            """, subject.Id, ct);
}
