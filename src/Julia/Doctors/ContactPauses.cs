using Dapper;
using Npgsql;

namespace Julia.Doctors;

/// <summary>A doctor's contact pause as staff see it: <see cref="Ate"/> (UTC) is null when none is in force.</summary>
internal sealed record ContactPauseState(
    Guid MedicoId, string? Nome, string? Telefone, bool OptedOut, DateTime? Ate, string? Motivo, DateTime? Em)
{
    public bool Paused => Ate is not null;
}

/// <summary>A pause written: <see cref="Replaced"/> is the end (UTC) of a different pause that was in force, null when none was.</summary>
internal sealed record PauseWrite(DateTime? Replaced)
{
    /// <summary>The replaced pause's day (São Paulo), as staff typed it.</summary>
    public DateOnly? ReplacedDay => Replaced is { } old ? PauseRules.DayOf(old) : null;
}

/// <summary>
/// Every write of a contact pause (docs/decisions.md#contact-pause) — the agent's `pausar_contato`/`retomar_contato`,
/// the `/pausar`/`/retomar` notes in Chatwoot and POST /admin/medicos/{id}/pausar|retomar — goes through here, so the
/// doctor's cached views (`contexto:medico:*`, which the agent's context shows the pause from, and `medico:*`) are
/// dropped by one method after each: staff who just cleared a pause must not have Júlia read it for 120 s more.
/// Staff writes are logged with who did them (no column keeps it: the answer note and this log say who).
/// </summary>
internal sealed partial class ContactPauses(NpgsqlDataSource db, DoctorStore store, DoctorDirectory directory, ILogger<ContactPauses> logger)
{
    /// <summary>
    /// Records the pause until <paramref name="day"/> (the rules already checked: <see cref="PauseRules.Check"/>). False
    /// when he is erased or removed. <paramref name="staff"/>: who, when staff did it (logged); null for the agent.
    /// </summary>
    public async Task<bool> PauseAsync(Guid medicoId, DateOnly day, string reason, string? staff, CancellationToken ct) =>
        await PauseReplacingAsync(medicoId, day, reason, staff, ct) is not null;

    /// <summary>
    /// As <see cref="PauseAsync"/>, and says which pause it replaced: null when nothing was stored; otherwise
    /// <see cref="PauseWrite.Replaced"/> names a different pause that was in force — staff are told the date they just overwrote.
    /// </summary>
    public async Task<PauseWrite?> PauseReplacingAsync(Guid medicoId, DateOnly day, string reason, string? staff, CancellationToken ct)
    {
        var written = await store.PauseContactAsync(medicoId, PauseRules.StartOf(day), PauseRules.Reason(reason), ct);
        await InvalidateAsync(medicoId, ct);
        if (written is not null && staff is not null) LogStaffPaused(medicoId, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), staff);
        return written;
    }

    /// <summary>Ends his pause now; the day it would have ended (São Paulo), or null when none was in force.</summary>
    public async Task<DateOnly?> ResumeAsync(Guid medicoId, string? staff, CancellationToken ct)
    {
        var was = await store.ResumeContactAsync(medicoId, ct);
        await InvalidateAsync(medicoId, ct);
        if (was is not null && staff is not null) LogStaffResumed(medicoId, staff);
        return was is { } until ? PauseRules.DayOf(until) : null;
    }

    /// <summary>The one invalidation of the pause's writers: every cached view of him, by id and by phone.</summary>
    Task InvalidateAsync(Guid medicoId, CancellationToken ct) => directory.InvalidateAsync([medicoId], ct);

    const string Columns = """
        SELECT m.id AS MedicoId, NULLIF(concat_ws(' ', m.titulo, m.primeiro_nome, m.sobrenome), '') AS Nome, m.telefone AS Telefone,
               m.opted_out AS OptedOut,
               CASE WHEN m.contato_pausado_ate > now() THEN m.contato_pausado_ate END AS Ate,
               CASE WHEN m.contato_pausado_ate > now() THEN m.contato_pausado_motivo END AS Motivo,
               CASE WHEN m.contato_pausado_ate > now() THEN m.contato_pausado_em END AS Em
        FROM medicos m
        """;

    /// <summary>His pause (none when it has passed); null when no such doctor exists, or he was erased or removed.</summary>
    public async Task<ContactPauseState?> StateAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QuerySingleOrDefaultAsync<ContactPauseState>(new CommandDefinition(
            $"{Columns} WHERE m.id = @medicoId AND m.deleted_at IS NULL AND m.apagado_em IS NULL", new { medicoId }, cancellationToken: ct));
    }

    /// <summary>The pauses in force, the nearest end first.</summary>
    public async Task<IReadOnlyList<ContactPauseState>> InForceAsync(int limit, int offset, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<ContactPauseState>(new CommandDefinition($"""
            {Columns}
            WHERE m.contato_pausado_ate > now() AND m.deleted_at IS NULL AND m.apagado_em IS NULL
            ORDER BY m.contato_pausado_ate, m.id LIMIT @limit OFFSET @offset
            """, new { limit, offset }, cancellationToken: ct))];
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Information, Message = "Contact pause of medico {MedicoId} set by staff until {Ate} ({By})")]
    private partial void LogStaffPaused(Guid medicoId, string ate, string by);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Contact pause of medico {MedicoId} ended by staff ({By})")]
    private partial void LogStaffResumed(Guid medicoId, string by);
}
