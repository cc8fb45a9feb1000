using Dapper;
using Julia.Infrastructure.Text;
using Julia.Infrastructure.Database;
using Npgsql;

namespace Julia.Shifts;

/// <summary>SQL on vagas, reservas_vaga and the catalogues. Only Shifts touches these tables.</summary>
internal sealed class ShiftStore(NpgsqlDataSource db, IEnumerable<IReservationEffect> reservationEffects, TimeProvider time)
{
    const string Columns = """
        v.id AS Id, v.especialidade_id AS EspecialidadeId, h.id AS HospitalId, h.nome AS Hospital, h.cidade AS Cidade, h.regiao AS Regiao,
        v.data AS Data, v.hora_inicio AS HoraInicio, v.hora_fim AS HoraFim, p.nome AS Periodo, s.nome AS Setor, v.setor_id AS SetorId,
        v.valor AS Valor, v.valor_tipo AS ValorTipo, v.valor_minimo AS ValorMinimo, v.valor_maximo AS ValorMaximo,
        v.prioridade AS Prioridade, v.status AS Status
        """;

    const string From = """
        FROM vagas v JOIN hospitais h ON h.id = v.hospital_id
        LEFT JOIN periodos p ON p.id = v.periodo_id LEFT JOIN setores s ON s.id = v.setor_id
        """;

    /// <summary>Not started yet on the São Paulo clock (a shift without a start hour starts at midnight).</summary>
    const string NotStarted = "(v.data + COALESCE(v.hora_inicio, time '00:00')) AT TIME ZONE 'America/Sao_Paulo' > now()";

    /// <summary>What "open" means for the search and for a queued text that names a shift: one definition.</summary>
    const string OpenCondition = $"v.status = 'aberta' AND v.deleted_at IS NULL AND {NotStarted}";

    /// <summary>
    /// Open (`aberta`), not deleted, starting in the future on the São Paulo clock; date, priority, pay order. A page of
    /// <paramref name="limit"/> rows after <paramref name="offset"/>, from <paramref name="fromDay"/> on when given.
    /// </summary>
    public async Task<IReadOnlyList<Shift>> OpenAsync(Guid especialidadeId, int limit, CancellationToken ct, DateOnly? fromDay = null, int offset = 0)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryPreparedAsync<Shift>($"""
            SELECT {Columns} {From}
            WHERE v.especialidade_id = @especialidadeId AND {OpenCondition}
              AND (@fromDay::date IS NULL OR v.data >= @fromDay::date)
            ORDER BY v.data, array_position(ARRAY['critica','urgente','alta','normal'], v.prioridade), v.valor DESC NULLS LAST, v.id
            LIMIT @limit OFFSET @offset
            """, ct, new { especialidadeId, limit, fromDay, offset });
    }

    /// <summary>Specialty references (ids, names or display names; case and accents folded) → ids; unknown ones apart.</summary>
    public async Task<(Guid[] Ids, string[] Unknown)> ResolveSpecialtiesAsync(IReadOnlyCollection<string> references, CancellationToken ct)
    {
        if (references.Count == 0) return ([], []);
        await using var c = await db.OpenConnectionAsync(ct);
        var all = (await c.QueryAsync<(Guid Id, string Nome, string? Display)>(new CommandDefinition(
            "SELECT id, nome, nome_display FROM especialidades", cancellationToken: ct))).ToList();
        var ids = new List<Guid>();
        var unknown = new List<string>();
        foreach (var r in references)
        {
            var match = all.FirstOrDefault(e => e.Id.ToString() == r || PtBrText.SameName(e.Nome, r) || PtBrText.SameName(e.Display, r));
            if (match.Id != Guid.Empty) ids.Add(match.Id); else unknown.Add(r);
        }
        return ([.. ids], [.. unknown]);
    }

    /// <summary>A specialty by id, name or display name.</summary>
    public async Task<Guid?> SpecialtyIdAsync(string name, CancellationToken ct) =>
        (await ResolveSpecialtiesAsync([name.Trim()], ct)).Ids is [var id, ..] ? id : null;

    /// <summary>Which of the given hospital/sector references (ids or names) exist, as ids; unknown ones are returned apart.</summary>
    public async Task<(IReadOnlyList<string> Ids, IReadOnlyList<string> Unknown)> ResolveAsync(string table, IReadOnlyList<string> references, CancellationToken ct)
    {
        if (table is not ("hospitais" or "setores")) throw new ArgumentOutOfRangeException(nameof(table));
        await using var c = await db.OpenConnectionAsync(ct);
        var ids = new List<string>();
        var unknown = new List<string>();
        List<(Guid Id, string Nome)>? all = null;   // read once, only when a name needs accents folded ("Sao Luiz" for "São Luiz")
        foreach (var reference in references)
        {
            var id = await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(
                $"SELECT id FROM {table} WHERE id::text = @reference OR lower(nome) = lower(@reference) LIMIT 1", new { reference }, cancellationToken: ct));
            if (id is null)
            {
                all ??= [.. await c.QueryAsync<(Guid, string)>(new CommandDefinition($"SELECT id, nome FROM {table}", cancellationToken: ct))];
                if (all.FirstOrDefault(x => PtBrText.SameName(x.Nome, reference)) is { Id: var folded } && folded != Guid.Empty) id = folded;
            }
            if (id is { } found) ids.Add(found.ToString()); else unknown.Add(reference);
        }
        return (ids, unknown);
    }

    /// <summary>
    /// Whether the search (<see cref="OpenAsync"/>) would still offer this shift: `aberta`, not deleted, not started. A fresh
    /// read, for a text about to be sent that names it (docs/decisions.md#proactive).
    /// </summary>
    public async Task<bool> IsOpenAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition(
            $"SELECT EXISTS (SELECT 1 FROM vagas v WHERE v.id = @id AND {OpenCondition})", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// These shifts as they are now, whatever their status (removed ones are absent), in date/priority/pay order: the ones
    /// Júlia offered in earlier replies or a directive of the management names, for the next turn's context — those a
    /// reservation could still take (<see cref="Shift.ReservationRefusal"/> null) to reserve, the others Júlia offered to
    /// say why not (docs/decisions.md#agent).
    /// </summary>
    public async Task<IReadOnlyList<Shift>> WithIdsAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<Shift>(new CommandDefinition($"""
            SELECT {Columns} {From}
            WHERE v.id = ANY(@ids) AND v.deleted_at IS NULL
            ORDER BY v.data, array_position(ARRAY['critica','urgente','alta','normal'], v.prioridade), v.valor DESC NULLS LAST, v.id
            """, new { ids = ids.ToArray() }, cancellationToken: ct))];
    }

    /// <summary>Whether the doctor holds this shift now (`reservada`/`confirmada` by him, not removed): a fresh read.</summary>
    public async Task<bool> IsHeldByAsync(Guid id, Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM vagas v WHERE v.id = @id AND v.medico_id = @medicoId
                           AND v.status IN ('reservada', 'confirmada') AND v.deleted_at IS NULL)
            """, new { id, medicoId }, cancellationToken: ct));
    }

    public async Task<Shift?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.QueryFirstOrDefaultAsync<Shift>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE v.id = @id AND v.deleted_at IS NULL", new { id }, cancellationToken: ct));
    }

    /// <summary>
    /// Shifts (not removed) whose id starts with <paramref name="hexPrefix"/> (lowercase hex digits, no dashes, 1–32), up
    /// to <paramref name="limit"/>, by date: what staff name by the start of its id (`/reservar` in Chatwoot). A range of
    /// the primary key, so it reads the index, whatever the status.
    /// </summary>
    public async Task<IReadOnlyList<Shift>> WithIdPrefixAsync(string hexPrefix, int limit, CancellationToken ct)
    {
        var low = Guid.ParseExact(hexPrefix.PadRight(32, '0'), "N");
        var high = Guid.ParseExact(hexPrefix.PadRight(32, 'f'), "N");
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<Shift>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE v.id BETWEEN @low AND @high AND v.deleted_at IS NULL ORDER BY v.data, v.id LIMIT @limit",
            new { low, high, limit }, cancellationToken: ct))];
    }

    /// <summary>
    /// Held shifts that may not have ended: dated yesterday or later on the São Paulo calendar (a night shift started
    /// yesterday runs into today). Not `current_date`, which is the server's (UTC) day: from 21:00 in São Paulo it is
    /// already tomorrow there, and yesterday's 24-hour shift, still running, was left out (an outside audit).
    /// </summary>
    const string SinceYesterday = "(now() AT TIME ZONE 'America/Sao_Paulo')::date - 1";

    /// <summary>Shifts the doctor holds (reservada/confirmada): a new one must not overlap them.</summary>
    public async Task<IReadOnlyList<Shift>> HoldingsAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await HoldingsAsync(c, medicoId, ct);
    }

    /// <summary>
    /// The holdings of the doctor named by <paramref name="medicoId"/> (a parameter), as <see cref="Shift"/> rows: also read
    /// in the batch that starts a turn, so the agent needs no round trip of its own for them (docs/decisions.md#turn-scheduling).
    /// </summary>
    public static string HoldingsSql(string medicoId) => $"""
        SELECT {Columns} {From}
        WHERE v.medico_id = {medicoId} AND v.status IN ('reservada', 'confirmada') AND v.deleted_at IS NULL AND v.data >= {SinceYesterday}
        """;

    /// <summary>Days an ended reservation stays in the agent's context (<see cref="EndedHoldsSql"/>).</summary>
    public const int EndedHoldDays = 3;

    /// <summary>
    /// The doctor's reservations that ended (`expirada`, `cancelada`) in the last <see cref="EndedHoldDays"/> days and whose
    /// shift he does not hold again, newest first, at most 3, as <see cref="EndedHold"/>. Served by
    /// reservas_vaga_medico_status_idx (medico_id, status): a doctor's few rows, whatever the table's size — part of
    /// the turn's one round trip (ConversationStore.BeginTurnSql; docs/decisions.md#agent).
    /// </summary>
    public static string EndedHoldsSql(string medicoId) => $"""
        SELECT v.id AS VagaId, h.nome AS Hospital, v.data AS Data, p.nome AS Periodo, r.status AS Status, r.motivo AS Motivo,
               (v.status = 'aberta' AND v.deleted_at IS NULL AND {NotStarted}) AS StillOpen
        FROM reservas_vaga r JOIN vagas v ON v.id = r.vaga_id JOIN hospitais h ON h.id = v.hospital_id
             LEFT JOIN periodos p ON p.id = v.periodo_id
        WHERE r.medico_id = {medicoId} AND r.status IN ('expirada', 'cancelada') AND r.encerrada_em > now() - interval '{EndedHoldDays} days'
          AND NOT COALESCE(v.medico_id = {medicoId} AND v.status IN ('reservada', 'confirmada'), false)
        ORDER BY r.encerrada_em DESC LIMIT 3
        """;

    /// <summary>His reservations that ended lately, read alone (<see cref="EndedHoldsSql"/>; a live turn reads them in its first batch).</summary>
    public async Task<IReadOnlyList<EndedHold>> EndedHoldsAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return [.. await c.QueryAsync<EndedHold>(new CommandDefinition(EndedHoldsSql("@medicoId"), new { medicoId }, cancellationToken: ct))];
    }

    /// <summary>
    /// In the caller's transaction: the reservations in force (`ativa`, `confirmada`) on shifts the doctor still holds and
    /// that have not passed — what staff must hear about when he opts out (docs/decisions.md#opt-out).
    /// </summary>
    public static async Task<IReadOnlyList<(Guid ReservationId, Guid? ConversationId)>> HeldReservationsAsync(NpgsqlTransaction tx, Guid medicoId, CancellationToken ct) =>
        [.. await tx.Connection!.QueryAsync<(Guid, Guid?)>(new CommandDefinition($"""
            SELECT r.id, r.conversa_id FROM reservas_vaga r JOIN vagas v ON v.id = r.vaga_id
            WHERE r.medico_id = @medicoId AND r.status IN ('ativa', 'confirmada') AND v.medico_id = @medicoId
              AND v.status IN ('reservada', 'confirmada') AND v.deleted_at IS NULL AND v.data >= {SinceYesterday}
            ORDER BY v.data, r.id
            """, new { medicoId }, tx, cancellationToken: ct))];

    /// <summary>
    /// How long after Júlia told the doctor of his hold (her reply to his "sim", or staff's confirmation on WhatsApp) a bare
    /// "cancela" of his is read as about that hold, not as an opt-out (docs/decisions.md#reservations).
    /// </summary>
    public static readonly TimeSpan HoldJustToldWindow = TimeSpan.FromMinutes(60);

    /// <summary>
    /// Whether the doctor has a reservation in force, on a shift still his, that Júlia made or staff confirmed within
    /// <see cref="HoldJustToldWindow"/> (the database's clock, as `created_at` and `confirmada_em`). A fresh read, made
    /// only for a turn that is a bare "cancela" (docs/decisions.md#reservations, "A bare cancel right after a hold").
    /// </summary>
    public async Task<bool> HoldJustToldAsync(Guid medicoId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        return await c.ExecuteScalarAsync<bool>(new CommandDefinition("""
            SELECT EXISTS (SELECT 1 FROM reservas_vaga r JOIN vagas v ON v.id = r.vaga_id
                           WHERE r.medico_id = @medicoId AND r.status IN ('ativa', 'confirmada')
                             AND v.medico_id = @medicoId AND v.status IN ('reservada', 'confirmada') AND v.deleted_at IS NULL
                             AND ((r.origem = 'julia' AND r.created_at > now() - @window) OR r.confirmada_em > now() - @window))
            """, new { medicoId, window = HoldJustToldWindow }, cancellationToken: ct));
    }

    // Prepared (docs/decisions.md#prepared-statements); inside the reservation's transaction too: an Npgsql command runs
    // in its connection's transaction.
    static async Task<IReadOnlyList<Shift>> HoldingsAsync(NpgsqlConnection c, Guid medicoId, CancellationToken ct) =>
        await c.QueryPreparedAsync<Shift>(holdingsOfMedicoIdSql ??= HoldingsSql("@medicoId"), ct, new { medicoId });

    /// <summary><see cref="HoldingsSql"/> of @medicoId, built once.</summary>
    static string? holdingsOfMedicoIdSql;

    /// <summary>
    /// The atomic hold of docs/decisions.md#reservations (`reservar_plantao`, or staff's `POST /admin/vagas/{id}/reservar`):
    /// the doctor row is locked (his own reservations serialise), the overlap is checked against his holdings, then
    /// `UPDATE vagas … WHERE status IN ('aberta','anunciada')` — of two doctors (or Júlia and staff) racing for one shift
    /// exactly one gets the row — the reservas_vaga row and every registered <see cref="IReservationEffect"/>, in one
    /// transaction. Under the doctor's lock, for both origins: he exists, is not removed or erased, and is not blocked; and on
    /// the locked shift row <see cref="Shift.ReservationRefusal"/> (his specialty, not started, reservable) — which Júlia's
    /// tool also asks before calling. A staff reservation (<see cref="ReservationRequest.Origin"/> `humano`) is attached to
    /// the doctor's open conversation, if he has one.
    /// </summary>
    public async Task<ReservationResult> ReserveAsync(ReservationRequest r, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var doctor = await c.QueryFirstOrDefaultAsync<LockedDoctor>(new CommandDefinition(
            "SELECT bloqueado AS Bloqueado, especialidade_id AS EspecialidadeId, deleted_at IS NOT NULL AS Deleted FROM medicos WHERE id = @MedicoId FOR UPDATE",
            r, tx, cancellationToken: ct));
        var byStaff = r.Origin == ReservationOrigin.Staff;
        // The doctor as he is now, under the lock, for Júlia's holds too: her tool read him when the turn began, and staff
        // may block him, or he may be removed or erased (LGPD), while the model answers — a hold then would store his words
        // after the erasure, on a shift no erasure notice names (docs/decisions.md#reservations, "The doctor read again").
        if (doctor is not { Deleted: false }) return ReservationResult.DoctorNotFound;
        // Locked as it is read: a change staff commit in the meantime is seen here, and one they start now waits for
        // this hold — so the terms compared below are the terms held (docs/decisions.md#offered-terms).
        var shift = await c.QueryFirstOrDefaultAsync<Shift>(new CommandDefinition(
            $"SELECT {Columns} {From} WHERE v.id = @ShiftId AND v.deleted_at IS NULL FOR UPDATE OF v", r, tx, cancellationToken: ct));
        if (shift is null) return ReservationResult.NotFound;
        if (doctor.Bloqueado) return ReservationResult.Blocked;
        // The shift as it is now, on the locked row, for Júlia's holds too: her tool asked the same a moment before, and a
        // staff edit in between (another specialty, a start moved to the past) or the start itself passing must not slip
        // through (docs/decisions.md#reservations, "The shift read again under the lock").
        if (shift.ReservationRefusal(doctor.EspecialidadeId, time.GetUtcNow()) is { } why) return ReservationResult.Refused(why, shift);
        if (r.AcceptedTerms is { } accepted && shift.Terms != accepted) return ReservationResult.TermsChanged(shift);
        if (byStaff)
        {
            r = r with
            {
                ConversaId = r.ConversaId ?? await c.QueryFirstOrDefaultAsync<Guid?>(new CommandDefinition(
                    "SELECT id FROM conversations WHERE medico_id = @MedicoId AND status IN ('active', 'paused') ORDER BY created_at DESC LIMIT 1",
                    r, tx, cancellationToken: ct)),
            };
        }
        var clash = (await HoldingsAsync(c, r.MedicoId, ct)).FirstOrDefault(h => h.Id != shift.Id && Overlaps(h, shift));
        if (clash is not null) return ReservationResult.Clash(clash);

        var taken = await c.ExecuteAsync(new CommandDefinition("""
            UPDATE vagas SET status = 'reservada', medico_id = @MedicoId, fechada_em = now(), fechada_por = @Origin
            WHERE id = @ShiftId AND status IN ('aberta', 'anunciada') AND deleted_at IS NULL
            """, r, tx, cancellationToken: ct));
        if (taken == 0) return ReservationResult.AlreadyTaken;
        var reservaId = await c.ExecuteScalarAsync<Guid>(new CommandDefinition("""
            INSERT INTO reservas_vaga (vaga_id, medico_id, conversa_id, status, origem, confirmacao, reservada_por)
            VALUES (@ShiftId, @MedicoId, @ConversaId, 'ativa', @Origin, @Confirmation, @ReservedBy) RETURNING id
            """, r, tx, cancellationToken: ct));
        foreach (var effect in reservationEffects) await effect.OnReservedAsync(tx, r, reservaId, ct);
        await tx.CommitAsync(ct);
        return ReservationResult.Reserved(shift, reservaId);
    }

    sealed record LockedDoctor(bool Bloqueado, Guid? EspecialidadeId, bool Deleted);

    /// <summary>`reservas_vaga.motivo` of a reservation ended because its shift was cancelled or removed.</summary>
    public const string ShiftCancelledReason = "o plantão foi cancelado";

    /// <summary>`reservas_vaga.motivo` of a reservation ended because staff gave its shift to another doctor.</summary>
    public const string ShiftReassignedReason = "o plantão passou para outro médico";

    /// <summary>`reservas_vaga.motivo` of a reservation ended because staff opened its shift again.</summary>
    public const string ShiftReopenedReason = "o plantão foi reaberto pela equipe";

    /// <summary>
    /// Reservations in force (`ativa`, `confirmada`) whose shift their doctor no longer holds — cancelled (`vagas.status =
    /// 'cancelada'`, "any → cancelada (staff)", written by staff's own system) or removed, given to another doctor, or open
    /// again (`vagas.medico_id` someone else's or none) — become `cancelada` (<see cref="ShiftCancelledReason"/>,
    /// <see cref="ShiftReassignedReason"/>, <see cref="ShiftReopenedReason"/>; no `encerrada_por`), then holds (`ativa`)
    /// older than <paramref name="age"/> become `expirada` and their shifts `aberta` again — each with every registered
    /// effect, in one transaction. Returns the specialties whose open-shift cache is now stale.
    /// </summary>
    public async Task<(int Expired, int Ended, Guid[] Specialties)> ExpireHoldsAsync(TimeSpan age, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        // First, so a hold on a cancelled shift ends as what happened to it, not as "não confirmada no prazo"; and a
        // confirmed one, which never expires, does not stay "confirmada" in the notes, the commands and the agent's view.
        // A reservation left in force on a shift open again would also block the next doctor's hold (one reservation in
        // force per shift). Júlia's own writes never leave such a pair: only staff's system does (docs/decisions.md#reservations).
        var ended = (await c.QueryAsync<(Guid Id, Guid VagaId, Guid MedicoId, Guid? ConversaId, bool WasConfirmed, string Reason, bool Reopened)>(new CommandDefinition($"""
            WITH gone AS (
                SELECT r.id, r.status,
                       CASE WHEN v.status = 'cancelada' OR v.deleted_at IS NOT NULL THEN '{ShiftCancelledReason}'
                            WHEN v.medico_id IS NOT NULL THEN '{ShiftReassignedReason}'
                            ELSE '{ShiftReopenedReason}' END AS reason,
                       v.status IN ('aberta', 'anunciada') AND v.medico_id IS NULL AND v.deleted_at IS NULL AS reopened
                FROM reservas_vaga r JOIN vagas v ON v.id = r.vaga_id
                WHERE r.status IN ('ativa', 'confirmada')
                  AND (v.status = 'cancelada' OR v.deleted_at IS NOT NULL OR v.medico_id IS DISTINCT FROM r.medico_id)
                FOR UPDATE OF r)
            UPDATE reservas_vaga r SET status = 'cancelada', encerrada_em = now(), motivo = gone.reason
            FROM gone WHERE r.id = gone.id
            RETURNING r.id, r.vaga_id, r.medico_id, r.conversa_id, gone.status = 'confirmada', gone.reason, gone.reopened
            """, transaction: tx, cancellationToken: ct))).ToList();
        foreach (var e in ended)
            foreach (var effect in reservationEffects)
                await effect.OnCancelledAsync(tx, new CancelledReservation(e.Id, e.VagaId, e.MedicoId, e.ConversaId, e.WasConfirmed,
                    ShiftReopened: e.Reopened, e.Reason, CancelledBy: null), ct);
        var expired = (await c.QueryAsync<(Guid Id, Guid VagaId, Guid MedicoId, Guid? ConversaId, double Seconds, Guid? EspecialidadeId)>(new CommandDefinition("""
            WITH expired AS (
                UPDATE reservas_vaga SET status = 'expirada', encerrada_em = now(), motivo = 'não confirmada no prazo'
                WHERE status = 'ativa' AND created_at <= now() - @age
                RETURNING id, vaga_id, medico_id, conversa_id, created_at),
            reopened AS (
                UPDATE vagas v SET status = 'aberta', medico_id = NULL, fechada_em = NULL, fechada_por = NULL
                FROM expired e WHERE v.id = e.vaga_id AND v.status = 'reservada' AND v.medico_id = e.medico_id
                RETURNING v.id, v.especialidade_id)
            SELECT e.id, e.vaga_id, e.medico_id, e.conversa_id, EXTRACT(EPOCH FROM now() - e.created_at)::float8, r.especialidade_id
            FROM expired e LEFT JOIN reopened r ON r.id = e.vaga_id
            """, new { age }, tx, cancellationToken: ct))).ToList();
        foreach (var e in expired)
            foreach (var effect in reservationEffects)
                await effect.OnExpiredAsync(tx, new ExpiredReservation(e.Id, e.VagaId, e.MedicoId, e.ConversaId, TimeSpan.FromSeconds(e.Seconds)), ct);
        await tx.CommitAsync(ct);
        return (expired.Count, ended.Count, [.. expired.Where(e => e.EspecialidadeId is not null).Select(e => e.EspecialidadeId!.Value).Distinct()]);
    }

    /// <summary>A reservation as staff notices show it (doctor, shift, the conversation's Chatwoot id).</summary>
    public async Task<ReservationNotice?> ReservationNoticeAsync(Guid reservationId, CancellationToken ct)
    {
        await using var c = await db.OpenConnectionAsync(ct);
        var rows = await c.QueryAsync<StaffReservation, string?, ReservationNotice>(new CommandDefinition($"""
            SELECT {StaffReservation.Columns}, cv.chatwoot_conversation_id AS ChatwootConversationId
            {StaffReservation.From} LEFT JOIN conversations cv ON cv.id = r.conversa_id
            WHERE r.id = @reservationId
            """, new { reservationId }, cancellationToken: ct), (r, chatwoot) => r.ToNotice(chatwoot), splitOn: "ChatwootConversationId");
        return rows.FirstOrDefault();
    }

    public static bool Overlaps(Shift a, Shift b)
    {
        var (aStart, aEnd) = a.Window;
        var (bStart, bEnd) = b.Window;
        return aStart < bEnd && bStart < aEnd;
    }
}

/// <summary>Who reserved: `reservas_vaga.origem` and `vagas.fechada_por`.</summary>
internal static class ReservationOrigin
{
    public const string Julia = "julia", Staff = "humano";
}

/// <summary>
/// A hold to make. <paramref name="ConversaId"/>: the conversation it came from (Júlia's), or null — then a staff
/// reservation takes the doctor's open conversation, if any. <paramref name="Confirmation"/>: the doctor's words
/// (Júlia) or the staff's notes. <paramref name="ReservedBy"/>: the staff member, for <see cref="ReservationOrigin.Staff"/>.
/// </summary>
/// <param name="ConfirmAtOnce">Staff reserve and confirm in one request (`confirmar: true`): the confirmation's notice says
/// both, so the hold's own "Plantão reservado" notice is not sent (docs/decisions.md#reservations).</param>
/// <param name="AcceptedTerms">
/// The <see cref="Shift.Terms"/> the doctor said yes to, when the hold must be on exactly those: checked on the locked row,
/// so a change staff make between the tool's check and the hold is not missed (outcome `condicoes_mudaram`).
/// </param>
internal sealed record ReservationRequest(
    Guid ShiftId, Guid MedicoId, Guid? ConversaId, string? Confirmation, string Origin = ReservationOrigin.Julia, string? ReservedBy = null,
    bool ConfirmAtOnce = false, string? AcceptedTerms = null);

internal sealed record ReservationResult(string Outcome, Shift? Shift = null, Guid? ReservationId = null, Shift? ClashWith = null)
{
    public static readonly ReservationResult NotFound = new("nao_encontrada");
    public static readonly ReservationResult AlreadyTaken = new("ja_reservada");
    public static readonly ReservationResult DoctorNotFound = new("medico_nao_encontrado");
    public static readonly ReservationResult Blocked = new("medico_bloqueado");
    /// <summary>One of <see cref="Shift.ReservationRefusal"/>'s reasons.</summary>
    public static ReservationResult Refused(string why, Shift shift) => new(why, shift);
    /// <summary>The shift as it is now, when its terms are no longer those he accepted.</summary>
    public static ReservationResult TermsChanged(Shift now) => new("condicoes_mudaram", now);
    public static ReservationResult Clash(Shift other) => new("conflito", ClashWith: other);
    public static ReservationResult Reserved(Shift shift, Guid id) => new("reservada", shift, id);
    public bool Succeeded => Outcome == "reservada";
}
