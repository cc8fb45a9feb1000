using System.Text.Json.Nodes;
using Julia.Privacy;
using Npgsql;

namespace Julia.Shifts;

/// <summary>
/// Shifts' part of a data-subject request (docs/decisions.md#lgpd): his reservations (kept, for the shift's history and
/// the counts, without his own words or the staff's notes about him) and the shifts he holds (exported; they keep pointing at the anonymised doctor,
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

    /// <summary>
    /// His words (`confirmacao`) and what staff wrote about him (`notas`, a cancellation's `motivo`) go; the expiry's
    /// fixed `motivo` and the staff's own names (`confirmada_por`, `encerrada_por`: who acted, not who he is) stay.
    /// </summary>
    public Task EraseAsync(NpgsqlTransaction tx, DataSubject subject, IDictionary<string, long> counts, CancellationToken ct) =>
        PersonalDataSql.CountAsync(tx, counts, "reservas_vaga", """
            UPDATE reservas_vaga SET confirmacao = NULL, notas = NULL, motivo = CASE WHEN status = 'cancelada' THEN NULL ELSE motivo END
            WHERE medico_id = @medicoId AND (confirmacao IS NOT NULL OR notas IS NOT NULL OR (status = 'cancelada' AND motivo IS NOT NULL))
            """, subject.Id, ct);
}
