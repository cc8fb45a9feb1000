using System.Globalization;
using Dapper;
using Julia.Queue;
using Julia.Shifts;
using Npgsql;

namespace Julia.Agent.Tools;

/// <summary>
/// A reminder the doctor asked about a shift ("me lembra na sexta do plantão de sábado") is tied to it
/// (docs/decisions.md#proactive, "A reminder follows its shift"): staff may move or cancel that shift, or his hold may
/// end, before the reminder's time. Right before the send, one fresh read: still his (or still open, for one only offered
/// to him) on the same day and hours → sent as written; moved → sent with a line giving the new day and hours; gone →
/// not sent, the row `cancelada` (`plantao_indisponivel`).
/// </summary>
internal sealed class ReminderShiftCheck(NpgsqlDataSource db, ShiftStore shifts, TimeProvider time) : ISendTextCheck
{
    /// <summary>Metadata key: how the reminder's shift was his when it was queued — <see cref="Held"/> or <see cref="Offered"/>.</summary>
    public const string TieKey = "vinculo_vaga";
    /// <summary>Metadata key: the shift's day and hours when the reminder was queued (<see cref="WhenKey"/>).</summary>
    public const string WhenKeyKey = "vaga_quando";
    public const string Held = "reservada", Offered = "oferecida";
    public const string GoneReason = "plantao_indisponivel", MovedReason = "plantao_remarcado";

    /// <summary>"2026-12-12 07:00-19:00": what must not change for the reminder to go out as written.</summary>
    public static string WhenKey(Shift s) =>
        $"{s.Data.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} {s.HoraInicio?.ToString("HH':'mm", CultureInfo.InvariantCulture)}-{s.HoraFim?.ToString("HH':'mm", CultureInfo.InvariantCulture)}";

    /// <summary>The line added to a reminder whose shift moved: the new day and hours, never the old day alone.</summary>
    public static string MovedLine(Shift s)
    {
        var hours = s.HoraInicio is { } start && s.HoraFim is { } end
            ? $", das {start.ToString("HH':'mm", CultureInfo.InvariantCulture)} às {end.ToString("HH':'mm", CultureInfo.InvariantCulture)}"
            : string.IsNullOrWhiteSpace(s.Periodo) ? "" : $", {s.Periodo.Trim()}";
        return $"Atenção: esse plantão no {s.Hospital} mudou de data ou horário — agora é {s.DayText}{hours}.";
    }

    public async Task<SendTextVerdict?> CheckAsync(ClaimedMessage m, CancellationToken ct)
    {
        if (m.Kind != QueueKinds.Reminder || m.NamedShiftId is not { } id) return null;
        (string? Tie, string? When) tie;
        await using (var c = await db.OpenConnectionAsync(ct))
            tie = await c.QuerySingleOrDefaultAsync<(string? Tie, string? When)>(new CommandDefinition(
                $"SELECT metadata->>'{TieKey}', metadata->>'{WhenKeyKey}' FROM fila_mensagens WHERE id = @id", new { id = m.Id }, cancellationToken: ct));
        // A reminder queued before this tie existed, or by hand: nothing says it is about this shift the way the tool ties it.
        if (tie.Tie is not (Held or Offered)) return null;
        var shift = await shifts.FindAsync(id, ct);
        if (shift is null) return new WithdrawnText(GoneReason, "o plantão foi removido");
        if (shift.Status == "cancelada") return new WithdrawnText(GoneReason, ShiftStore.ShiftCancelledReason);
        if (shift.StartsAt <= time.GetUtcNow()) return new WithdrawnText(GoneReason, "o plantão já começou");
        var his = await shifts.IsHeldByAsync(id, m.MedicoId, ct);
        if (!his && (tie.Tie == Held || shift.ReservationRefusal(null, time.GetUtcNow()) is not null))
            return new WithdrawnText(GoneReason, tie.Tie == Held ? "ele não tem mais o plantão" : "o plantão não está mais disponível");
        // Already rebuilt for this move on an earlier attempt (a failed send comes back): not a second line.
        if (tie.When is { } when && when != WhenKey(shift) && !m.Content.EndsWith(MovedLine(shift), StringComparison.Ordinal))
            return new RewrittenText($"{m.Content}\n\n{MovedLine(shift)}", id, MovedReason, shift.Terms);
        return null;
    }
}
