using Dapper;
using Npgsql;

namespace Julia.Shifts;

/// <summary>Read-only SQL on reservas_vaga for staff: the admin list, one reservation, a doctor's open ones.</summary>
internal sealed class ReservationQueries(NpgsqlDataSource db)
{
    public static readonly string[] Statuses = ["ativa", "confirmada", "cancelada", "expirada"];

    /// <summary>One status, newest first.</summary>
    public async Task<IReadOnlyList<StaffReservation>> ListAsync(string status, int limit, int offset, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<StaffReservation>(new CommandDefinition($"""
            SELECT {StaffReservation.Columns} {StaffReservation.From}
            WHERE r.status = @status ORDER BY r.created_at DESC, r.id LIMIT @limit OFFSET @offset
            """, new { status, limit, offset }, cancellationToken: ct))).ToList();
    }

    public async Task<StaffReservation?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<StaffReservation>(new CommandDefinition(
            $"SELECT {StaffReservation.Columns} {StaffReservation.From} WHERE r.id = @id", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// The doctor's reservations of any status (ended ones too) whose id starts with <paramref name="prefix"/> (hex digits,
    /// no dashes), newest first: what a Chatwoot note naming an id that is no longer in force meant (docs/decisions.md#reservations).
    /// </summary>
    public async Task<IReadOnlyList<StaffReservation>> OfDoctorWithIdPrefixAsync(Guid medicoId, string prefix, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<StaffReservation>(new CommandDefinition($"""
            SELECT {StaffReservation.Columns} {StaffReservation.From}
            WHERE r.medico_id = @medicoId AND starts_with(replace(r.id::text, '-', ''), @prefix) ORDER BY r.created_at DESC, r.id LIMIT 10
            """, new { medicoId, prefix }, cancellationToken: ct))).ToList();
    }

    /// <summary>The doctor's reservations still in force (`ativa`, `confirmada`) whose shift he has not worked yet, newest first.</summary>
    public async Task<IReadOnlyList<StaffReservation>> InForceOfDoctorAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return (await c.QueryAsync<StaffReservation>(new CommandDefinition($"""
            SELECT {StaffReservation.Columns} {StaffReservation.From}
            WHERE r.medico_id = @medicoId AND r.status IN ('ativa', 'confirmada') AND v.status <> 'realizada' ORDER BY r.created_at DESC, r.id
            """, new { medicoId }, cancellationToken: ct))).ToList();
    }
}
