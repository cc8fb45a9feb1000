using System.Globalization;
using Julia.Doctors;
using Julia.Infrastructure.Text;
using Julia.Shifts;
using Microsoft.Extensions.Options;

namespace Julia.Chatwoot;

/// <summary>
/// `/reservar &lt;início do id da vaga&gt; [notas]` in a staff private note of the doctor's conversation
/// (docs/decisions.md#reservations): the id start names a shift, first among those reservable for him (open, his
/// specialty, not started, no clash with what he holds), then among any shift; the hold is made by staff's own path
/// (<see cref="StaffReserving.ReserveAsync"/>, `por` = the Chatwoot sender). Without an id start, or with one that names no
/// shift, the answer lists what `buscar_vagas` would find for him. Nothing is sent to the doctor.
/// </summary>
internal sealed class ChatwootReserveCommand(
    ShiftStore store, ShiftCatalog catalog, DoctorProfileStore profiles, StaffReserving reserving, ReservationQueries queries,
    IOptions<ShiftsOptions> shifts, TimeProvider time)
{
    public const string Usage = "/reservar <início do id da vaga> [notas]";

    /// <summary>Shifts listed when nothing (or too little) was named: as many as `buscar_vagas` gives.</summary>
    const int Listed = 5;

    /// <summary>Shifts read for one id start: 4 hex digits name one shift in 65 536, so more is a catalogue of millions.</summary>
    const int ByPrefix = 20;

    public async Task<(string Outcome, string Reply)> DecideAsync(Guid medicoId, ReservationCommand command, string by, CancellationToken ct)
    {
        var profile = await profiles.FindAsync(medicoId, ct);
        if (profile is null) return ("médico não encontrado", "Médico não encontrado.");
        var holdings = await store.HoldingsAsync(medicoId, ct);
        if (command.Prefix is not { } prefix)
            return ("uso", $"Diga qual plantão: {Usage}.\n{await OpenForHimAsync(profile, holdings, ct)}");

        var named = await store.WithIdPrefixAsync(prefix, ByPrefix, ct);
        var now = time.GetUtcNow();
        var reservable = named.Where(s => s.ReservationRefusal(profile.EspecialidadeId, now) is null && !holdings.Any(h => ShiftStore.Overlaps(h, s))).ToList();
        // His reservable ones first: a short start that also matches a past or taken shift still names the one he can get.
        var candidates = reservable.Count > 0 ? reservable : named;
        if (candidates.Count == 0)
            return ("nenhum plantão", $"Nenhum plantão começa com {prefix}.\n{await OpenForHimAsync(profile, holdings, ct)}");
        if (candidates.Count > 1)
        {
            var listed = candidates.Take(Listed).ToList();
            var digits = Distinct(listed);
            return ("ambíguo", $"Mais de um plantão começa com {prefix}: use mais dígitos do id.\n{string.Join('\n', listed.Select(s => Line(s, digits)))}" +
                (candidates.Count > Listed ? $"\n(e mais {candidates.Count - Listed})" : ""));
        }

        var shift = candidates[0];
        var notes = string.IsNullOrWhiteSpace(command.AfterPrefix) ? null : TextPrefix.Of(command.AfterPrefix.Trim(), ReservationEndpoints.MaxReserveNotes);
        var result = await reserving.ReserveAsync(shift.Id, medicoId, confirm: false, notes, TextPrefix.Of(by, ReservationEndpoints.MaxReserveBy), ct);
        if (result.Reserved)
        {
            var hours = shifts.Value.ReservationExpiryHours;
            return ("reservada", $"📅 Plantão reservado para ele: {Describe(result.Shift ?? shift)} — reserva {result.ReservationId!.Value.ToString("N")[..8]}. " +
                $"É uma pré-reserva: expira em {PtBrCount.Of(hours, "hora", "horas")} se não for confirmada com /confirmar. Nada foi enviado ao médico.");
        }
        return ($"recusada ({result.Outcome ?? "não encontrado"})", $"Não deu para reservar {Describe(result.Shift ?? shift)}: {await RefusalAsync(result, shift, medicoId, ct)}");
    }

    async Task<string> RefusalAsync(StaffReserveResult result, Shift shift, Guid medicoId, CancellationToken ct)
    {
        switch (result.Outcome)
        {
            case "ja_reservada":
                // His already (Júlia reserved it, or this very note came twice at once): say so, never "someone else's".
                if ((await queries.InForceOfDoctorAsync(medicoId, ct)).FirstOrDefault(r => r.VagaId == shift.Id) is { } his)
                    return $"ele já tem esse plantão (reserva {his.ShortId}, {StatusWords.Reservation(his.Status)}).";
                return "o plantão já está reservado ou confirmado para outro médico.";
            case "nao_reservavel":
                // In words, never the stored status (`pendente_confirmacao`): the recruiter reads this, not the database.
                return result.Shift?.Status == "cancelada" ? "o plantão foi cancelado."
                    : $"o plantão {StatusWords.ShiftNotReservable(result.Shift?.Status)}: só um plantão aberto ou anunciado pode ser reservado.";
            case "conflito" when result.ClashWith is { } clash:
                return $"ele já tem um plantão nesse horário: {Describe(clash)} (vaga {clash.Id.ToString("N")[..8]}).";
            default:
                // The admin API's sentence ("O plantão já começou…") after "Não deu para reservar …:" — one sentence, so lower case.
                return LowerFirst(result.Problem ?? result.Missing ?? "reserva recusada.");
        }
    }

    static string LowerFirst(string text) => text.Length > 0 && char.IsUpper(text[0]) ? char.ToLowerInvariant(text[0]) + text[1..] : text;

    /// <summary>What `buscar_vagas` finds for him (<see cref="ShiftSearch.OfDoctor"/>), one line each, or why nothing.</summary>
    async Task<string> OpenForHimAsync(DoctorProfile profile, IReadOnlyList<Shift> holdings, CancellationToken ct)
    {
        if (profile.EspecialidadeId is null)
            return "A especialidade dele não está cadastrada: não há lista de plantões para ele (o início do id de qualquer plantão aberto serve).";
        var prefs = ShiftPreferences.Parse(profile.Preferencias);
        var found = await catalog.SearchPreferredFirstAsync(ShiftSearch.OfDoctor(profile.EspecialidadeId, prefs, Listed), prefs, holdings, ct);
        return found.Count == 0
            ? "Nenhum plantão aberto para ele agora (a busca da Júlia: especialidade dele, valor mínimo, hospitais e setores bloqueados, conflitos)."
            : $"Plantões abertos para ele (a busca da Júlia; os do turno/região que ele prefere primeiro):\n{string.Join('\n', found.Select(s => prefs.Outside(s) ? $"{Line(s)} ({ShiftPreferences.OutsideNote})" : Line(s)))}";
    }

    /// <summary>"• ab12cd34 — Hospital X (Santo André), sáb 12/12, noturno, 19:00–07:00, R$ 2.100".</summary>
    static string Line(Shift s) => Line(s, 8);

    static string Line(Shift s, int digits) => $"• {s.Id.ToString("N")[..digits]} — {Describe(s)}";

    /// <summary>How many digits of the ids (8 at least) tell these shifts apart.</summary>
    static int Distinct(IReadOnlyList<Shift> shifts)
    {
        var digits = 8;
        while (digits < 32 && shifts.Select(s => s.Id.ToString("N")[..digits]).Distinct().Count() < shifts.Count) digits++;
        return digits;
    }

    static string Describe(Shift s) =>
        $"{s.Place}, {PtBrDate.DayAndDate(s.Data)}" +
        (s.PeriodText is { } period ? $", {period}" : "") + (s.Setor is { Length: > 0 } setor ? $", {setor}" : "") + $", {s.PayText}";
}
