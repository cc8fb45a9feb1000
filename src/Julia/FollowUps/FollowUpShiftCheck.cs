using Dapper;
using Julia.Queue;
using Julia.Shifts;
using Npgsql;

namespace Julia.FollowUps;

/// <summary>
/// A second follow-up names a shift chosen when it was queued; the queue may hold it overnight or over a weekend, and by
/// its send the shift may be reserved by someone else, cancelled or started. Right before the send (docs/decisions.md#proactive,
/// "The second follow-up's shift at send time"): one fresh read of that shift; when it is no longer open, the text is
/// rebuilt as the job would build it now — another real open shift that matches him, from the database, else the plain nudge.
/// </summary>
internal sealed class FollowUpShiftCheck(NpgsqlDataSource db, ShiftStore shifts, ShiftCatalog catalog) : ISendTextCheck
{
    sealed record Doctor(string? Titulo, string? PrimeiroNome, Guid? EspecialidadeId, string? Preferencias);

    public async Task<SendTextVerdict?> CheckAsync(ClaimedMessage m, CancellationToken ct)
    {
        if (m.Kind != QueueKinds.FollowUp || m.NamedShiftId is not { } named || await shifts.IsOpenAsync(named, ct)) return null;

        await using var c = await db.OpenConnectionAsync(ct);
        var d = await c.QuerySingleAsync<Doctor>(new CommandDefinition("""
            SELECT titulo AS Titulo, primeiro_nome AS PrimeiroNome, especialidade_id AS EspecialidadeId,
                   preferencias_detectadas::text AS Preferencias
            FROM medicos WHERE id = @id
            """, new { id = m.MedicoId }, cancellationToken: ct));
        var other = d.EspecialidadeId is { } esp
            ? (await catalog.SearchPreferredFirstAsync(FollowUpJob.SearchFor(esp, d.Preferencias), ShiftPreferences.Parse(d.Preferencias),
                await shifts.HoldingsAsync(m.MedicoId, ct), ct, fresh: true)).FirstOrDefault()
            : null;
        return new RewrittenText(FollowUpJob.Text("fu2", FollowUpJob.Greeting(d.Titulo, d.PrimeiroNome), other), other?.Id,
            other is null ? "vaga_indisponivel_sem_outra" : "vaga_indisponivel_outra_vaga", other?.Terms);
    }
}
