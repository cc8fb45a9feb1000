using System.Globalization;
using Dapper;
using Julia.Conversations;
using Julia.Notifications;
using Julia.Shifts;
using Microsoft.Extensions.Options;
using Julia.Infrastructure.Text;
using Npgsql;

namespace Julia.Chatwoot;

/// <summary>
/// Runs a <see cref="ReservationCommand"/> from a staff private note on the reservations of that conversation's doctor
/// — the same decisions as POST /admin/reservas/{id}/confirmar|cancelar, and POST /admin/vagas/{id}/reservar for
/// `/reservar` (<see cref="ChatwootReserveCommand"/>) — and answers with a private note saying what happened (through
/// the outbox, one per command message); `/pausar` and `/retomar` set and end the doctor's contact pause the same way
/// (<see cref="ChatwootPauseCommand"/>, docs/decisions.md#contact-pause). The note itself never reaches the doctor. A
/// message whose answer is already in the outbox (Chatwoot delivered the webhook again) is not run again; two deliveries of one message at the same
/// instant (Chatwoot retrying a slow answer, two api processes) take turns on a transaction advisory lock named by
/// that answer's key, so the second finds the first's answer (docs/decisions.md#reservations).
/// </summary>
internal sealed partial class ChatwootCommands(
    NpgsqlDataSource db, ReservationQueries queries, ReservationDecisions decisions, ChatwootReserveCommand reserve, ChatwootPauseCommand pause,
    NotificationOutbox outbox,
    IOptions<ChatwootOptions> options, ILogger<ChatwootCommands> logger)
{
    public const string ReplyKind = "resposta_comando";

    public Task<ChatwootOutcome> RunAsync(ConversationRef c, ChatwootEvent.MessageCreated m, ReservationCommand command, CancellationToken ct) =>
        RunAsync(c, m, command.Verb, (by, t) => command.Verb == ReservationCommand.Reserve
            ? reserve.DecideAsync(c.MedicoId, command, by, t)
            : DecideAsync(c.MedicoId, command, by, t), ct);

    /// <summary>`/pausar` and `/retomar` (<see cref="ChatwootPauseCommand"/>): run exactly once per note, as the reservation commands.</summary>
    public Task<ChatwootOutcome> RunAsync(ConversationRef c, ChatwootEvent.MessageCreated m, PauseCommand command, CancellationToken ct) =>
        RunAsync(c, m, command.Verb, (by, t) => pause.DecideAsync(c.MedicoId, command, by, t), ct);

    /// <summary>A note that looks like a command and is none (<see cref="StaffCommandSlip"/>): answered once with the usage, nothing done.</summary>
    public Task<ChatwootOutcome> RunAsync(ConversationRef c, ChatwootEvent.MessageCreated m, StaffCommandSlip slip, CancellationToken ct) =>
        RunAsync(c, m, slip.Typed, (_, _) => Task.FromResult(("comando não reconhecido", slip.Reply)), ct);

    async Task<ChatwootOutcome> RunAsync(ConversationRef c, ChatwootEvent.MessageCreated m, string verb,
        Func<string, CancellationToken, Task<(string Outcome, string Reply)>> decide, CancellationToken ct)
    {
        if (!options.Value.Enabled) return (await RunOnceAsync(c, m, verb, decide, ct)).Outcome;
        var key = $"{ChatwootNotes.Channel}:{ReplyKind}:{m.ConversationId}:{m.MessageId}";
        // Held until the answer is in the outbox (its own commit, below); released by the rollback at the end, or by the
        // connection's end if this process dies — a delivery after that runs the command, as nothing was answered.
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var held = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))", new { key }, held, cancellationToken: ct));
        if (await outbox.ExistsAsync(key, ct))
        {
            LogCommand(verb, c.Id, Again);
            return new(false, $"/{verb}: {Again}");
        }
        var (outcome, reply) = await RunOnceAsync(c, m, verb, decide, ct);
        await outbox.EnqueueAsync(new NewNotification(ChatwootNotes.Channel, ReplyKind, key, null, c.Id, new { texto = reply }), ct);
        return outcome;
    }

    /// <summary>Runs the command and logs what it did: the webhook's outcome and the private note's text.</summary>
    async Task<(ChatwootOutcome Outcome, string Reply)> RunOnceAsync(ConversationRef c, ChatwootEvent.MessageCreated m, string verb,
        Func<string, CancellationToken, Task<(string Outcome, string Reply)>> decide, CancellationToken ct)
    {
        var by = string.IsNullOrWhiteSpace(m.SenderName) ? "Chatwoot" : m.SenderName.Trim();
        var (outcome, reply) = await decide(by, ct);
        LogCommand(verb, c.Id, outcome);
        return (new(true, $"/{verb}: {outcome}"), reply);
    }

    const string Again = "já tratado (o Chatwoot entregou a mesma nota de novo)";

    async Task<(string Outcome, string Reply)> DecideAsync(Guid medicoId, ReservationCommand command, string by, CancellationToken ct)
    {
        var inForce = await queries.InForceOfDoctorAsync(medicoId, ct);
        var confirm = command.Verb == ReservationCommand.Confirm;
        var usage = confirm ? "/confirmar [início do id] [notas]" : "/cancelar [início do id] motivo";
        StaffReservation? target = null;
        var text = command.Text;
        if (command.Prefix is { } prefix)
        {
            var named = inForce.Where(r => r.Id.ToString("N").StartsWith(prefix, StringComparison.Ordinal)).ToList();
            // None in force: an id of his that ended (cancelled, expired, worked) — the decision on it answers why, never his
            // other reservation, which "the only candidate" below would pick (a cancel repeated, a confirm after it).
            if (named.Count == 0) named = [.. await queries.OfDoctorWithIdPrefixAsync(medicoId, prefix, ct)];
            if (named.Count > 1) return ("ambíguo", $"Mais de uma reserva começa com {prefix}: use mais dígitos do id.\n{List(named)}");
            if (named.Count == 1) (target, text) = (named[0], command.AfterPrefix);
            else if (prefix.Length >= ReservationCommand.ShownIdDigits)
                // As long as the id the notes show, and none of his: another doctor's id pasted here, or a digit mistyped.
                return ("id não encontrado", $"Nenhuma reserva deste médico começa com {prefix}: nada foi feito." +
                    (inForce.Count == 0 ? " Ele não tem reserva em vigor." : $" As dele em vigor:\n{List(inForce)}"));
        }
        if (target is null)
        {
            var candidates = confirm ? inForce.Where(r => r.Status == "ativa").ToList() : [.. inForce];
            if (candidates.Count == 0)
                return ("nenhuma reserva", confirm ? "Este médico não tem pré-reserva ativa para confirmar." : "Este médico não tem reserva em vigor para cancelar.");
            if (candidates.Count > 1)
                return ("várias reservas", $"Este médico tem {candidates.Count} reservas; diga qual com {usage}:\n{List(candidates)}");
            target = candidates[0];
        }
        if (confirm)
        {
            var decision = await decisions.ConfirmAsync(target.Id, by, Cut(text, ReservationEndpoints.MaxNotes), ct);
            return decision.Outcome switch
            {
                DecisionOutcome.Done => ("confirmada", $"✅ Plantão confirmado: {Describe(target)}." +
                    (target.Contactable ? " A Júlia avisa o médico pelo WhatsApp." : " O médico não recebe mensagens (opt-out ou bloqueado): avise por outro meio.")),
                DecisionOutcome.Unchanged => ("já confirmada", $"Essa reserva já estava confirmada: {Describe(target)}."),
                DecisionOutcome.NotFound => ("não encontrada", "Reserva não encontrada."),
                _ => ("recusada", $"Não deu para confirmar {Describe(target)}: {decision.Problem}"),
            };
        }
        if (Cut(text, ReservationEndpoints.MaxReason) is not { } reason) return ("sem motivo", $"Diga o motivo: {usage}");
        var cancelled = await decisions.CancelAsync(target.Id, reason, by, ct);
        return cancelled.Outcome switch
        {
            DecisionOutcome.Done => ("cancelada", $"🚫 Reserva cancelada: {Describe(target)}. Motivo: {reason}. " +
                (target.VagaStatus is "reservada" or "confirmada" ? "O plantão voltou a ficar aberto." : "O plantão não estava mais com ele.")),
            DecisionOutcome.Unchanged => ("já cancelada", $"Essa reserva já estava cancelada: {Describe(target)}."),
            DecisionOutcome.NotFound => ("não encontrada", "Reserva não encontrada."),
            _ => ("recusada", $"Não deu para cancelar {Describe(target)}: {cancelled.Problem}"),
        };
    }

    static string List(IEnumerable<StaffReservation> reservations) =>
        string.Join("\n", reservations.Select(r => $"• {Describe(r)} ({StatusWords.Reservation(r.Status)})"));

    /// <summary>"Hospital X (Santo André), sex 12/06 noturno — reserva ab12cd34".</summary>
    static string Describe(StaffReservation r) =>
        $"{HospitalPlace.Of(r.Hospital, r.Cidade)}, {PtBrDate.DayAndDate(r.Data)}" +
        (string.IsNullOrWhiteSpace(r.Periodo) ? "" : $" {r.Periodo}") + $" — reserva {r.ShortId}";

    static string? Cut(string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? null : TextPrefix.Of(text.Trim(), max);

    [LoggerMessage(EventId = 6320, Level = LogLevel.Information, Message = "Chatwoot command /{Verb} in conversa {ConversaId}: {Outcome}")]
    private partial void LogCommand(string verb, Guid conversaId, string outcome);
}
