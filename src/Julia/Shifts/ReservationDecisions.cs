using System.Globalization;
using Dapper;
using Npgsql;

namespace Julia.Shifts;

internal enum DecisionOutcome { Done, Unchanged, NotFound, Conflict }

/// <summary>What a staff decision did: done, nothing to do (already in that state), no such reservation, or refused (why, pt-BR).</summary>
internal sealed record StaffDecision(DecisionOutcome Outcome, string? Problem = null)
{
    public static readonly StaffDecision Done = new(DecisionOutcome.Done), Unchanged = new(DecisionOutcome.Unchanged),
        NotFound = new(DecisionOutcome.NotFound);
    public static StaffDecision Conflict(string problem) => new(DecisionOutcome.Conflict, problem);
}

/// <summary>
/// Staff confirm and cancel holds and mark confirmed shifts as worked (docs/decisions.md#reservations): the reservation row is locked first, so a
/// confirmation, a cancellation and the expiry job never interleave on it; the shift changes only while this doctor
/// holds it; every registered <see cref="IReservationEffect"/> writes in the same transaction; the specialty's
/// `vagas:especialidade:{id}:*` keys are dropped after the commit.
/// </summary>
internal sealed partial class ReservationDecisions(
    NpgsqlDataSource db, ShiftCatalog catalog, IEnumerable<IReservationEffect> effects, ILogger<ReservationDecisions> logger)
{
    sealed record Locked(Guid Id, string Status, Guid VagaId, Guid MedicoId, Guid? ConversaId, bool AskedSinceOptOut);

    sealed record ConfirmedShift(Guid EspecialidadeId, string Hospital, DateOnly Data, string? Periodo, TimeOnly? HoraInicio);

    /// <summary>
    /// `ativa` → `confirmada` and the shift `reservada` → `confirmada`; already `confirmada` → unchanged.
    /// <paramref name="reservedNow"/>: staff reserved it in the same request (`confirmar: true`), told to the effects.
    /// </summary>
    public async Task<StaffDecision> ConfirmAsync(Guid id, string? by, string? notes, CancellationToken ct, bool reservedNow = false)
    {
        ConfirmedShift? shift;
        await using (var c = await db.OpenConnectionAsync(ct))
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            var r = await LockAsync(tx, id, ct);
            if (r is null) return StaffDecision.NotFound;
            if (r.Status == "confirmada") return StaffDecision.Unchanged;
            if (r.Status != "ativa") return StaffDecision.Conflict($"A reserva está {r.Status}: só uma pré-reserva ativa pode ser confirmada.");
            shift = await c.QueryFirstOrDefaultAsync<ConfirmedShift>(new CommandDefinition("""
                UPDATE vagas v SET status = 'confirmada'
                FROM hospitais h
                WHERE v.id = @VagaId AND h.id = v.hospital_id AND v.status = 'reservada' AND v.medico_id = @MedicoId AND v.deleted_at IS NULL
                RETURNING v.especialidade_id AS EspecialidadeId, h.nome AS Hospital, v.data AS Data,
                          (SELECT p.nome FROM periodos p WHERE p.id = v.periodo_id) AS Periodo, v.hora_inicio AS HoraInicio
                """, r, tx, cancellationToken: ct));
            if (shift is null) return StaffDecision.Conflict(await ShiftNoLongerHeldAsync(tx, r, ct));
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE reservas_vaga SET status = 'confirmada', confirmada_em = now(), confirmada_por = @by, notas = @notes WHERE id = @id
                """, new { id, by, notes }, tx, cancellationToken: ct));
            var confirmed = new ConfirmedReservation(r.Id, r.VagaId, r.MedicoId, r.ConversaId, by, shift.Hospital, shift.Data, shift.Periodo, shift.HoraInicio,
                reservedNow, r.AskedSinceOptOut);
            foreach (var effect in effects) await effect.OnConfirmedAsync(tx, confirmed, ct);
            await tx.CommitAsync(ct);
        }
        await catalog.InvalidateSpecialtyAsync(shift.EspecialidadeId);
        LogConfirmed(id);
        return StaffDecision.Done;
    }

    /// <summary>
    /// `ativa` or `confirmada` → `cancelada` (`encerrada_em`, `motivo`, `encerrada_por`); the shift back to `aberta` only
    /// if this doctor still holds it; already `cancelada` → unchanged; `expirada` → refused (it ended already).
    /// </summary>
    public async Task<StaffDecision> CancelAsync(Guid id, string reason, string? by, CancellationToken ct)
    {
        Guid? reopenedSpecialty;
        await using (var c = await db.OpenConnectionAsync(ct))
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            var r = await LockAsync(tx, id, ct);
            if (r is null) return StaffDecision.NotFound;
            if (r.Status == "cancelada") return StaffDecision.Unchanged;
            if (r.Status == "expirada") return StaffDecision.Conflict("A reserva já expirou: não há o que cancelar.");
            if (await c.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "SELECT EXISTS (SELECT 1 FROM vagas WHERE id = @VagaId AND status = 'realizada' AND medico_id = @MedicoId)", r, tx, cancellationToken: ct)))
                return StaffDecision.Conflict("O plantão desta reserva já foi realizado: não há o que cancelar.");
            await c.ExecuteAsync(new CommandDefinition("""
                UPDATE reservas_vaga SET status = 'cancelada', encerrada_em = now(), motivo = @reason, encerrada_por = @by WHERE id = @id
                """, new { id, reason, by }, tx, cancellationToken: ct));
            reopenedSpecialty = await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition("""
                UPDATE vagas SET status = 'aberta', medico_id = NULL, fechada_em = NULL, fechada_por = NULL
                WHERE id = @VagaId AND status IN ('reservada', 'confirmada') AND medico_id = @MedicoId
                RETURNING especialidade_id
                """, r, tx, cancellationToken: ct));
            var cancelled = new CancelledReservation(r.Id, r.VagaId, r.MedicoId, r.ConversaId, r.Status == "confirmada",
                reopenedSpecialty is not null, reason, by);
            foreach (var effect in effects) await effect.OnCancelledAsync(tx, cancelled, ct);
            await tx.CommitAsync(ct);
        }
        if (reopenedSpecialty is { } specialty) await catalog.InvalidateSpecialtyAsync(specialty);
        LogCancelled(id, reopenedSpecialty is not null);
        return StaffDecision.Done;
    }

    /// <summary>
    /// A confirmed shift worked: the shift `confirmada` → `realizada` (`realizada_em`), only once it has started and while
    /// this doctor holds it; the reservation stays `confirmada`. Already `realizada` for him → unchanged.
    /// </summary>
    public async Task<StaffDecision> RealizeAsync(Guid id, CancellationToken ct)
    {
        RealizedReservation realized;
        await using (var c = await db.OpenConnectionAsync(ct))
        {
            await using var tx = await c.BeginTransactionAsync(ct);
            var r = await LockAsync(tx, id, ct);
            if (r is null) return StaffDecision.NotFound;
            if (r.Status == "ativa") return StaffDecision.Conflict("A reserva ainda não foi confirmada: confirme-a antes de marcar o plantão como realizado.");
            if (r.Status != "confirmada") return StaffDecision.Conflict($"A reserva está {r.Status}: só o plantão de uma reserva confirmada pode ser marcado como realizado.");
            var shift = await c.QueryFirstOrDefaultAsync<HeldShift>(new CommandDefinition("""
                SELECT CASE WHEN deleted_at IS NOT NULL THEN 'removido' ELSE status END AS Status, medico_id = @MedicoId AS HeldByHim,
                       (data + COALESCE(hora_inicio, time '00:00')) AT TIME ZONE 'America/Sao_Paulo' <= now() AS Started, data AS Data, hora_inicio AS HoraInicio
                FROM vagas WHERE id = @VagaId FOR UPDATE
                """, r, tx, cancellationToken: ct));
            if (shift is { Status: "realizada", HeldByHim: true }) return StaffDecision.Unchanged;
            if (shift is not { Status: "confirmada", HeldByHim: true })
                return StaffDecision.Conflict($"O plantão não está mais confirmado para este médico ({ShiftState(shift?.Status)}).");
            if (!shift.Started)
                return StaffDecision.Conflict($"O plantão ainda não começou ({shift.StartText}): marque-o como realizado depois que acontecer.");
            await c.ExecuteAsync(new CommandDefinition(
                "UPDATE vagas SET status = 'realizada', realizada_em = now() WHERE id = @VagaId", r, tx, cancellationToken: ct));
            realized = new RealizedReservation(r.Id, r.VagaId, r.MedicoId);
            foreach (var effect in effects) await effect.OnRealizedAsync(tx, realized, ct);
            await tx.CommitAsync(ct);
        }
        foreach (var effect in effects) await effect.AfterRealizedAsync(realized);
        LogRealized(id);
        return StaffDecision.Done;
    }

    sealed record HeldShift(string Status, bool? HeldByHim, bool Started, DateOnly Data, TimeOnly? HoraInicio)
    {
        public string StartText => Data.ToString("dd'/'MM", CultureInfo.InvariantCulture)
            + (HoraInicio is { } start ? start.ToString("' às 'HH:mm", CultureInfo.InvariantCulture) : "");
    }

    static Task<Locked?> LockAsync(NpgsqlTransaction tx, Guid id, CancellationToken ct) =>
        tx.Connection!.QueryFirstOrDefaultAsync<Locked>(new CommandDefinition($"""
            SELECT r.id AS Id, r.status AS Status, r.vaga_id AS VagaId, r.medico_id AS MedicoId, r.conversa_id AS ConversaId,
                   {StaffReservation.AskedSinceOptOutSql} AS AskedSinceOptOut
            FROM reservas_vaga r JOIN medicos m ON m.id = r.medico_id WHERE r.id = @id FOR UPDATE OF r
            """, new { id }, tx, cancellationToken: ct));

    static async Task<string> ShiftNoLongerHeldAsync(NpgsqlTransaction tx, Locked r, CancellationToken ct)
    {
        var status = await tx.Connection!.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "SELECT CASE WHEN deleted_at IS NOT NULL THEN 'removido' ELSE status END FROM vagas WHERE id = @VagaId", r, tx, cancellationToken: ct));
        return $"O plantão não está mais reservado para este médico ({ShiftState(status)}): cancele a reserva.";
    }

    /// <summary>
    /// "plantão com status aberta", "plantão removido": the vaga's status is its stored word (feminine, `cancelada`), so it
    /// is named as a status — "(plantão cancelada)" read as a wrong agreement.
    /// </summary>
    internal static string ShiftState(string? status) =>
        status is null or "removido" ? "plantão removido" : $"plantão com status {status}";

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Reserva {ReservaId} confirmada pela equipe")]
    private partial void LogConfirmed(Guid reservaId);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "Reserva {ReservaId}: plantão marcado como realizado pela equipe")]
    private partial void LogRealized(Guid reservaId);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Reserva {ReservaId} cancelada pela equipe; plantão reaberto: {Reaberto}")]
    private partial void LogCancelled(Guid reservaId, bool reaberto);
}
